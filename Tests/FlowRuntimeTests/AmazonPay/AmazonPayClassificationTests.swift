import FlowIR
import FlowRuntime
import Foundation
import Testing

/// Classification of `Connections.Response` requests. The expectations are written out from
/// the reference (§2.5–§2.7) here, independently of `AmazonPayResponseTable`, so a wrong row in
/// the table fails a test.
@Suite struct AmazonPayClassificationTests {
  typealias F = AmazonPayFixtures

  /// Classifies through the profile's labelled response value.
  static func classify(
    taskName: ConnectionsTaskName, statusCode: String, statusMessage: String?, payload: JSONValue?
  ) -> ConnectionsOutcome {
    AmazonPayProfile.classify(
      ConnectionsResponseSummary(
        taskName: taskName, statusCode: statusCode, statusMessage: statusMessage,
        payload: payload))
  }

  func classify(envelope name: String) throws -> ConnectionsOutcome {
    let request = try #require(try F.envelope(name)["request"])
    return Self.classify(
      taskName: try #require(ConnectionsTaskName(rawValue: request["name"]?.stringValue ?? "")),
      statusCode: try #require(request["status"]?["code"]?.stringValue),
      statusMessage: request["status"]?["message"]?.stringValue,
      payload: request["payload"])
  }

  // MARK: - Reference envelopes

  @Test func setupSuccessEnvelope() throws {
    let outcome = try classify(envelope: "connections-setup-success")
    #expect(outcome.outcome == .success)
    #expect(!outcome.amazonAlreadySpoke)
    #expect(outcome.billingAgreementId == "C01-1234567-7654321")
    #expect(outcome.billingAgreementStatus == .open)
    #expect(
      outcome.variables == [
        "agreement.id": .string("C01-1234567-7654321"),
        "agreement.status": .string("OPEN"),
        "agreement.open": .bool(true),
        "shipping.name": .string("Pat Doe"),
        "shipping.address_line1": .string("410 Terry Ave N"),
        "shipping.city": .string("Seattle"),
        "shipping.state_or_region": .string("WA"),
        "shipping.postal_code": .string("98109"),
        "shipping.country_code": .string("US"),
      ])
    #expect(outcome.orderState == nil)
  }

  @Test func setupErrorWithoutPayloadEnvelope() throws {
    let outcome = try classify(envelope: "connections-setup-error-no-payload")
    #expect(outcome.outcome == .error)
    #expect(!outcome.amazonAlreadySpoke)
    #expect(outcome.variables["payment.error"] == .string("InvalidSellerId"))
    #expect(outcome.variables["payment.reason"] == .string("integration"))
    #expect(outcome.billingAgreementId == nil)
  }

  @Test func setupThrottledEnvelopeIsSpokenByAlexa() throws {
    let outcome = try classify(envelope: "connections-setup-throttled")
    #expect(outcome.outcome == .error)
    #expect(outcome.amazonAlreadySpoke)
    #expect(outcome.variables["payment.error"] == .string("RequestThrottled"))
    #expect(outcome.variables["payment.reason"] == .string("handled_by_amazon_pay"))
  }

  @Test func chargeSuccessEnvelopeIsCaptured() throws {
    let outcome = try classify(envelope: "connections-charge-success")
    #expect(outcome.outcome == .success)
    #expect(outcome.orderState == .captured)
    #expect(outcome.amazonAuthorizationId == "S01-1111111-2222222-A000001")
    #expect(outcome.variables.isEmpty)
    #expect(!outcome.amazonAlreadySpoke)
  }

  @Test func chargeDeclinedEnvelopeForInvalidPaymentMethod() throws {
    let outcome = try classify(envelope: "connections-charge-declined")
    #expect(outcome.outcome == .declined)
    #expect(outcome.amazonAlreadySpoke)
    #expect(outcome.orderState == .declined)
    #expect(outcome.amazonAuthorizationId == "S01-1111111-2222222-A000001")
    #expect(outcome.variables["payment.error"] == .string("Declined"))
    #expect(outcome.variables["payment.reason"] == .string("InvalidPaymentMethod"))
    #expect(outcome.billingAgreementStatus == .suspended)
    #expect(outcome.variables["agreement.open"] == .bool(false))
  }

  // MARK: - §2.5 status codes and messages

  static let spokenByAmazon: [(String, String)] = [
    ("403", "UnsupportedClientPlatform"), ("400", "InvalidShippingAddress"),
    ("403", "InvalidAccountStatus"), ("429", "RequestThrottled"),
  ]
  static let permissionCodes = [
    "ACCESS_DENIED", "ACCESS_NOT_REQUESTED", "FORBIDDEN", "VoicePurchaseNotEnabled",
    "MissingPermissionsToAccessResource",
  ]
  static let integrationCodes = [
    "BuyerEqualsSeller", "InvalidParameterValue", "InvalidSandboxCustomerEmail", "InvalidSellerId",
    "UnauthorizedAccess", "UnsupportedCountryOfEstablishment", "UnsupportedCurrency",
    "ReleaseEnvironmentNotAllowed", "InvalidBillingAgreementType", "InvalidSubscriptionAmount",
    "MissingSkillManifestData",
  ]
  static let runtimeCodes = [
    "DuplicateRequest", "InternalServerError", "InvalidAuthorizationAmount",
    "InvalidBillingAgreementId", "InvalidBillingAgreementStatus", "InvalidPaymentAction",
    "PeriodicAmountExceeded", "ProviderNotAuthorized", "ServiceUnavailable",
  ]

  @Test(arguments: spokenByAmazon)
  func errorsAlexaAlreadySpoke(status: String, message: String) {
    for task in ConnectionsTaskName.allCases {
      for payload in [nil, JSONValue.object(["errorCode": .string(message)])] {
        let outcome = Self.classify(
          taskName: task, statusCode: status, statusMessage: message, payload: payload)
        #expect(outcome.outcome == .error)
        #expect(outcome.amazonAlreadySpoke)
        #expect(outcome.variables["payment.error"] == .string(message))
      }
    }
  }

  @Test(arguments: permissionCodes)
  func permissionErrors(message: String) {
    for status in ["400", "401", "403"] {
      let outcome = Self.classify(
        taskName: .setup, statusCode: status, statusMessage: message, payload: nil)
      #expect(outcome.outcome == .permissionDenied)
      #expect(!outcome.amazonAlreadySpoke)
      #expect(outcome.variables["payment.reason"] == .string("permission"))
    }
  }

  @Test(arguments: integrationCodes + runtimeCodes)
  func merchantHandledErrors(message: String) {
    for task in ConnectionsTaskName.allCases {
      let outcome = Self.classify(
        taskName: task, statusCode: "400", statusMessage: message, payload: nil)
      #expect(outcome.outcome == .error)
      #expect(!outcome.amazonAlreadySpoke)
      #expect(outcome.variables["payment.error"] == .string(message))
      let group = Self.integrationCodes.contains(message) ? "integration" : "runtime"
      #expect(outcome.variables["payment.reason"] == .string(group))
      #expect(outcome.orderState == (task == .charge ? .failed : nil))
    }
  }

  @Test func tableHoldsExactlyTheReferenceCodes() {
    let expected = Set(
      Self.spokenByAmazon.map(\.1) + Self.permissionCodes + Self.integrationCodes
        + Self.runtimeCodes + ["ConnectionsValidationFailed"])
    #expect(Set(AmazonPayResponseTable.errors.map(\.code)) == expected)
    #expect(AmazonPayResponseTable.errors.count == expected.count)
  }

  @Test func validationFailureTextIsAnIntegrationError() {
    let outcome = Self.classify(
      taskName: .charge, statusCode: "400",
      statusMessage:
        "Connections validation failed. Violating fields in payload: [payload.authorizeAttributes.transactionTimeout]",
      payload: nil)
    #expect(outcome.outcome == .error)
    #expect(outcome.variables["payment.error"] == .string("ConnectionsValidationFailed"))
    #expect(outcome.variables["payment.reason"] == .string("integration"))
  }

  @Test func errorCodeInThePayloadIsUsedWhenTheMessageIsNotACode() {
    let outcome = Self.classify(
      taskName: .setup, statusCode: "403", statusMessage: "Forbidden request",
      payload: .object([
        "errorCode": .string("VoicePurchaseNotEnabled"), "errorMessage": .string("off"),
      ]))
    #expect(outcome.outcome == .permissionDenied)
  }

  @Test func undocumentedThrottlingMessageIsStillThrottling() {
    let outcome = Self.classify(
      taskName: .charge, statusCode: "429", statusMessage: "TooManyRequests", payload: nil)
    #expect(outcome.outcome == .error)
    #expect(outcome.amazonAlreadySpoke)
    #expect(outcome.variables["payment.error"] == .string("TooManyRequests"))
  }

  @Test(
    arguments: [
      ("500", "SomethingNew", "SomethingNew"), ("503", nil, "UnknownError"),
      ("400", "a long human sentence.", "UnknownError"), ("abc", "OK", "OK"),
      ("", nil, "UnknownError"), ("-1", "", "UnknownError"),
    ] as [(String, String?, String)])
  func unknownFailuresAreErrors(status: String, message: String?, code: String) {
    let outcome = Self.classify(
      taskName: .setup, statusCode: status, statusMessage: message, payload: nil)
    #expect(outcome.outcome == .error)
    #expect(!outcome.amazonAlreadySpoke)
    #expect(outcome.variables["payment.error"] == .string(code))
    #expect(outcome.variables["payment.reason"] == .string("runtime"))
  }

  // MARK: - §2.6 billing agreement status

  @Test(arguments: [
    ("OPEN", "success", true), ("SUSPENDED", "error", false), ("CANCELED", "error", false),
    ("CLOSED", "error", false), ("DRAFT", "error", false), ("Open", "success", true),
    ("WEIRD", "error", false),
  ])
  func agreementStatuses(status: String, outcome expected: String, open: Bool) {
    let outcome = Self.classify(
      taskName: .setup, statusCode: "200", statusMessage: "OK",
      payload: .object([
        "billingAgreementDetails": .object([
          "billingAgreementId": .string("C01-1"), "billingAgreementStatus": .string(status),
          "releaseEnvironment": .string("SANDBOX"),
        ])
      ]))
    #expect(outcome.outcome.rawValue == expected)
    #expect(outcome.variables["agreement.open"] == .bool(open))
    #expect(outcome.variables["agreement.status"] == .string(status.uppercased()))
    #expect(outcome.billingAgreementId == "C01-1")
    if expected == "error" {
      #expect(outcome.variables["payment.error"] == .string("InvalidBillingAgreementStatus"))
    } else {
      #expect(outcome.variables["payment.error"] == nil)
    }
    // No destination was sent, so no shipping variable is made up.
    #expect(!outcome.variables.keys.contains { $0.hasPrefix("shipping.") })
  }

  // MARK: - §2.7 authorization state and reason code

  @Test(
    arguments: [
      ("Open", nil, "success", "authorized", false),
      ("Closed", "MaxCapturesProcessed", "success", "captured", false),
      ("Closed", "ExpiredUnused", "declined", "declined", false),
      ("Closed", "AmazonClosed", "declined", "declined", false),
      ("Closed", "OrderReferenceCanceled", "declined", "declined", false),
      ("Closed", "SellerClosed", "declined", "declined", false),
      ("Declined", "InvalidPaymentMethod", "declined", "declined", true),
      ("Declined", "AmazonRejected", "declined", "declined", false),
      ("Declined", "ProcessingFailure", "declined", "declined", false),
      ("Declined", "TransactionTimedOut", "declined", "declined", false),
      ("Pending", nil, "error", "pending", false),
    ] as [(String, String?, String, String, Bool)])
  func authorizationStates(
    state: String, reason: String?, outcome expected: String, orderState: String, spoke: Bool
  ) {
    var status: [String: JSONValue] = ["state": .string(state)]
    if let reason { status["reasonCode"] = .string(reason) }
    let outcome = Self.classify(
      taskName: .charge, statusCode: "200", statusMessage: "OK",
      payload: .object([
        "amazonOrderReferenceId": .string("S01-1"),
        "authorizationDetails": .object([
          "amazonAuthorizationId": .string("S01-1-A1"), "authorizationStatus": .object(status),
        ]),
      ]))
    #expect(outcome.outcome.rawValue == expected)
    #expect(outcome.orderState?.rawValue == orderState)
    #expect(outcome.amazonAlreadySpoke == spoke)
    #expect(outcome.amazonAuthorizationId == "S01-1-A1")
    if expected == "declined" {
      #expect(outcome.variables["payment.error"] == .string(state))
      #expect(outcome.variables["payment.reason"] == .string(reason ?? state))
    }
  }

  @Test func stateAtTheWrongLevelIsNotTrusted() {
    // The samples' mistake (§2.3): `authorizationDetails.state` is not where the state lives.
    let outcome = Self.classify(
      taskName: .charge, statusCode: "200", statusMessage: "OK",
      payload: .object([
        "authorizationDetails": .object(["state": .string("Open")])
      ]))
    #expect(outcome.outcome == .error)
    #expect(outcome.variables["payment.error"] == .string("MalformedResponse"))
  }

  // MARK: - Hostile and malformed input

  @Test(
    arguments: [
      nil, JSONValue.null, .string("x"), .number(1), .array([.null]), .object([:]),
      .object(["billingAgreementDetails": .string("x")]),
      .object(["billingAgreementDetails": .object(["billingAgreementId": .number(3)])]),
      .object(["authorizationDetails": .object(["authorizationStatus": .array([])])]),
      .object(["authorizationDetails": .object(["authorizationStatus": .object(["state": .null])])]
      ),
    ] as [JSONValue?])
  func malformedSuccessPayloadsAreErrors(payload: JSONValue?) {
    for task in ConnectionsTaskName.allCases {
      let outcome = Self.classify(
        taskName: task, statusCode: "200", statusMessage: "OK", payload: payload)
      #expect(outcome.outcome == .error)
      #expect(outcome.variables["payment.error"] == .string("MalformedResponse"))
    }
  }

  @Test func shippingFieldsThatAreNotStringsAreSkipped() {
    let outcome = Self.classify(
      taskName: .setup, statusCode: "200", statusMessage: nil,
      payload: .object([
        "billingAgreementDetails": .object([
          "billingAgreementId": .string("C01-1"), "billingAgreementStatus": .string("OPEN"),
          "destination": .object([
            "name": .number(1), "city": .string("Köln"), "postalCode": .string(""),
            "stateOrRegion": .null,
          ]),
        ])
      ]))
    #expect(outcome.outcome == .success)
    #expect(outcome.variables["shipping.city"] == .string("Köln"))
    #expect(outcome.variables["shipping.name"] == nil)
    #expect(outcome.variables["shipping.postal_code"] == nil)
    #expect(outcome.variables["shipping.state_or_region"] == nil)
  }
}
