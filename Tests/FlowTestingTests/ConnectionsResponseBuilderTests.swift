import FlowIR
import FlowRuntime
import FlowTestSupport
import Foundation
import Testing

@testable import FlowTesting

/// The Connections.Response requests the builder makes are read by the real Amazon Pay profile
/// as the outcome the script asked for, and have the reference's shapes.
@Suite struct ConnectionsResponseBuilderTests {
  static let setupDirective: JSONValue = .object([
    "@type": .string("SetupAmazonPayRequest"), "sellerId": .string("AEMGQXXXKD154"),
    "countryOfEstablishment": .string("US"), "ledgerCurrency": .string("USD"),
    "checkoutLanguage": .string("en_US"), "needAmazonShippingAddress": .bool(true),
    "sandboxMode": .bool(true),
  ])
  static let chargeDirective: JSONValue = .object([
    "@type": .string("ChargeAmazonPayRequest"), "paymentAction": .string("AuthorizeAndCapture"),
    "authorizeAttributes": .object([
      "authorizationReferenceId": .string("0123456789abcdef0123456789abcdef"),
      "authorizationAmount": .object(["amount": .string("18.00"), "currencyCode": .string("USD")]),
      "softDescriptor": .string("No Nicks"), "transactionTimeout": .number(0),
    ]),
  ])

  static let cases: [(PaymentAnswer, ConnectionsTaskName, PaymentOutcome)] = [
    (.success, .setup, .success),
    (.permissionDenied, .setup, .permissionDenied),
    (.error(code: "InvalidSellerId"), .setup, .error),
    (.error(code: "RequestThrottled"), .setup, .error),
    (.error(code: "ConnectionsValidationFailed"), .setup, .error),
    (.success, .charge, .success),
    (.declined(reason: "AmazonRejected"), .charge, .declined),
    (.declined(reason: "InvalidPaymentMethod"), .charge, .declined),
    (.permissionDenied, .charge, .permissionDenied),
    (.error(code: "InternalServerError"), .charge, .error),
  ]

  @Test(arguments: cases)
  func theProfileClassifiesWhatTheBuilderMakes(
    answer: PaymentAnswer, task: ConnectionsTaskName, expected: PaymentOutcome
  ) throws {
    var builder = ConnectionsResponseBuilder()
    let directive = task == .setup ? Self.setupDirective : Self.chargeDirective
    let request = try builder.request(
      answer, task: task, token: "pUjN6Zq3F0n2m4kX8cVb1w", directivePayload: directive)
    let status = request["status"]
    let classified = AmazonPayProfile.classify(
      ConnectionsResponseSummary(
        taskName: task, statusCode: status?["code"]?.stringValue ?? "",
        statusMessage: status?["message"]?.stringValue, payload: request["payload"]))
    #expect(classified.outcome == expected)
    #expect(request["type"] == .string("Connections.Response"))
    #expect(request["token"] == .string("pUjN6Zq3F0n2m4kX8cVb1w"))
    // The whole envelope decodes as a request the runtime reads.
    let conversation = TestConversation(
      program: try Repository.example("no-nicks"), locale: "en-US")
    let envelope = try CanonicalJSON.compact(conversation.envelope(request))
    ConformanceRecorder.record(
      envelope, kind: "request",
      name: "testing-connections-\(task.rawValue)-\(expected.rawValue)")
    let decoded = try CanonicalJSON.decode(RequestEnvelope.self, from: envelope)
    guard case .connectionsResponse(let response) = decoded.request else {
      Issue.record("not a Connections.Response: \(decoded.request.type)")
      return
    }
    #expect(response.name == task.rawValue)
  }

  @Test func setupSuccessHasTheAgreementAndTheAddressAsked() throws {
    var builder = ConnectionsResponseBuilder()
    let request = try builder.request(
      .success, task: .setup, token: "t", directivePayload: Self.setupDirective)
    let details = try #require(request["payload"]?["billingAgreementDetails"])
    #expect(details["billingAgreementStatus"] == .string("OPEN"))
    #expect(details["releaseEnvironment"] == .string("SANDBOX"))
    #expect(details["checkoutLanguage"] == .string("en_US"))
    #expect(details["billingAgreementId"]?.stringValue?.hasPrefix("C01-") == true)
    #expect(details["destination"]?["addressLine1"] == .string("410 Terry Ave N"))

    var noShipping = Self.setupDirective
    if case .object(var members) = noShipping {
      members["needAmazonShippingAddress"] = .bool(false)
      members["sandboxMode"] = nil
      noShipping = .object(members)
    }
    let second = try builder.request(
      .success, task: .setup, token: "t", directivePayload: noShipping)
    let secondDetails = try #require(second["payload"]?["billingAgreementDetails"])
    #expect(secondDetails["destination"] == nil)
    #expect(secondDetails["releaseEnvironment"] == .string("LIVE"))
    // Made-up ids differ from one answer to the next.
    #expect(secondDetails["billingAgreementId"] != details["billingAgreementId"])
  }

  @Test func chargeResultsNestTheStateAndEchoTheReference() throws {
    var builder = ConnectionsResponseBuilder()
    let success = try builder.request(
      .success, task: .charge, token: "t", directivePayload: Self.chargeDirective)
    let details = try #require(success["payload"]?["authorizationDetails"])
    #expect(details["authorizationStatus"]?["state"] == .string("Closed"))
    #expect(details["authorizationStatus"]?["reasonCode"] == .string("MaxCapturesProcessed"))
    #expect(details["authorizationReferenceId"] == .string("0123456789abcdef0123456789abcdef"))
    #expect(details["capturedAmount"]?["amount"] == .string("18.00"))
    #expect(details["softDescriptor"] == .string("AMZ*No Nicks"))
    #expect(success["payload"]?["amazonOrderReferenceId"]?.stringValue?.hasPrefix("S01-") == true)

    let declined = try builder.request(
      .declined(reason: "TransactionTimedOut"), task: .charge, token: "t",
      directivePayload: Self.chargeDirective)
    let declinedDetails = try #require(declined["payload"]?["authorizationDetails"])
    #expect(declinedDetails["authorizationStatus"]?["state"] == .string("Declined"))
    #expect(declinedDetails["authorizationStatus"]?["reasonCode"] == .string("TransactionTimedOut"))
    #expect(declinedDetails["capturedAmount"]?["amount"] == .string("0.00"))
    #expect(declinedDetails["idList"] == .array([]))
  }

  @Test func authorizeOnlyChargesStayOpen() throws {
    var directive = Self.chargeDirective
    if case .object(var members) = directive {
      members["paymentAction"] = .string("Authorize")
      directive = .object(members)
    }
    var builder = ConnectionsResponseBuilder()
    let request = try builder.request(
      .success, task: .charge, token: "t", directivePayload: directive)
    let details = try #require(request["payload"]?["authorizationDetails"])
    #expect(details["authorizationStatus"]?["state"] == .string("Open"))
    #expect(details["captureNow"] == .bool(false))
    let outcome = AmazonPayProfile.classify(
      ConnectionsResponseSummary(
        taskName: .charge, statusCode: "200", statusMessage: "OK", payload: request["payload"]))
    #expect(outcome.outcome == .success)
  }

  @Test func errorsUseTheDocumentedStatusCodes() throws {
    var builder = ConnectionsResponseBuilder()
    let throttled = try builder.request(
      .error(code: "RequestThrottled"), task: .setup, token: "t", directivePayload: nil)
    #expect(throttled["status"]?["code"] == .string("429"))
    #expect(throttled["payload"]?["errorCode"] == .string("RequestThrottled"))
    let validation = try builder.request(
      .error(code: "ConnectionsValidationFailed"), task: .setup, token: "t",
      directivePayload: nil)
    #expect(validation["status"]?["code"] == .string("400"))
    #expect(validation["payload"] == nil)
    #expect(
      validation["status"]?["message"]?.stringValue?.hasPrefix("Connections validation failed")
        == true)
  }

  @Test func aSetupCannotBeDeclined() {
    var builder = ConnectionsResponseBuilder()
    #expect(throws: ConnectionsResponseBuilder.BuildError.declinedSetup) {
      try builder.request(
        .declined(reason: "AmazonRejected"), task: .setup, token: "t", directivePayload: nil)
    }
  }
}
