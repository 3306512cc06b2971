public import FlowIR
import FlowRuntime
internal import Foundation

/// Builds the `Connections.Response` request that Amazon Pay would send after a Setup or Charge
/// directive, in the shapes of the Amazon Pay for Alexa reference (`SetupAmazonPayResult`,
/// `ChargeAmazonPayResult`, `AmazonPayErrorResponse`; the service itself is switched off).
///
/// - Setup success: `status 200 OK`, `payload.billingAgreementDetails` with a
///   `billingAgreementId` (`C01-…`), `billingAgreementStatus: OPEN`, `releaseEnvironment`
///   (`SANDBOX` when the directive asked for sandbox mode, else `LIVE`), the echoed
///   `checkoutLanguage`, and a `destination` shipping address only when the directive set
///   `needAmazonShippingAddress`.
/// - Charge success: `status 200 OK`, `payload.amazonOrderReferenceId` (`S01-…`) and
///   `authorizationDetails` with the state nested in `authorizationStatus`: `Closed` /
///   `MaxCapturesProcessed` with a capture id for `AuthorizeAndCapture`, `Open` for
///   `Authorize`; amounts as 2-decimal strings in the directive's currency; the
///   `authorizationReferenceId` echoed.
/// - Declined: as a Charge success but `Declined` with the reason code, nothing captured.
/// - Errors and permission: the HTTP-style code as a string (the documented one where the
///   reference gives it, else `400`; `403` for permission), the error code as the message, and
///   `payload` `{errorCode, errorMessage}`. A `ConnectionsValidationFailed` error carries the
///   validation text and no payload, as observed.
public struct ConnectionsResponseBuilder: Sendable {
  /// Numbers the ids Amazon would make up, so that runs repeat exactly.
  public var sequence: Int

  /// Creates a builder whose made-up Amazon ids start at `sequence`.
  public init(sequence: Int = 1) {
    self.sequence = sequence
  }

  /// Why an outcome cannot answer a directive.
  public enum BuildError: Error, Equatable, CustomStringConvertible {
    /// `declined` answers only a Charge.
    case declinedSetup

    /// A one-line text for messages and logs.
    public var description: String {
      switch self {
      case .declinedSetup:
        "a \(ConnectionsTaskName.setup.rawValue) cannot be "
          + "\(PaymentOutcome.declined.rawValue) (use '\(PaymentOutcome.error.rawValue)' or "
          + "'\(PaymentOutcome.permissionDenied.rawValue)')"
      }
    }
  }

  /// The `request` object of the Connections.Response (without `requestId`, `timestamp` and
  /// `locale`, which the envelope adds).
  ///
  /// - Parameters:
  ///   - answer: What Amazon Pay answers.
  ///   - task: The directive's Connections task (`Setup` or `Charge`).
  ///   - token: The directive's token.
  ///   - directivePayload: The directive's payload (amounts, shipping, sandbox are read from it).
  /// - Returns: The request object.
  /// - Throws: ``BuildError/declinedSetup`` when a Setup is to be declined.
  public mutating func request(
    _ answer: PaymentAnswer, task: ConnectionsTaskName, token: String, directivePayload: JSONValue?
  ) throws -> [String: JSONValue] {
    var request: [String: JSONValue] = [
      "type": .string("Connections.Response"),
      "name": .string(task.rawValue),
      "token": .string(token),
    ]
    let number = sequence
    sequence += 1
    let code = answer.code ?? PaymentAnswer.defaultCode(for: answer.outcome) ?? ""
    switch answer.outcome {
    case .success where task == .charge:
      request["status"] = Self.status("200", "OK")
      request["payload"] = chargePayload(
        number: number, directive: directivePayload,
        state: authorizeOnly(directivePayload)
          ? "Open" : "Closed",
        reason: authorizeOnly(directivePayload) ? nil : "MaxCapturesProcessed", captured: true)
    case .success:
      request["status"] = Self.status("200", "OK")
      request["payload"] = setupPayload(number: number, directive: directivePayload)
    case .declined:
      guard task == .charge else { throw BuildError.declinedSetup }
      request["status"] = Self.status("200", "OK")
      request["payload"] = chargePayload(
        number: number, directive: directivePayload, state: "Declined", reason: code,
        captured: false)
    case .permissionDenied:
      request["status"] = Self.status("403", "ACCESS_DENIED")
      request["payload"] = Self.errorPayload(
        "ACCESS_DENIED", "The customer has not enabled Amazon Pay or voice purchasing")
    case .error:
      if code == AmazonPayResponseTable.connectionsValidationFailed {
        request["status"] = Self.status(
          "400",
          "\(AmazonPayResponseTable.connectionsValidationPrefix). Violating fields in payload: "
            + "[payload.authorizeAttributes.transactionTimeout]")
      } else {
        let row = AmazonPayResponseTable.errorRow(code: code)
        let statusCode = row?.statusCode ?? (row?.group == .permission ? 403 : 400)
        request["status"] = Self.status(String(statusCode), code)
        request["payload"] = Self.errorPayload(code, "Amazon Pay reported \(code)")
      }
    }
    return request
  }

  static func status(_ code: String, _ message: String) -> JSONValue {
    .object(["code": .string(code), "message": .string(message)])
  }

  static func errorPayload(_ code: String, _ message: String) -> JSONValue {
    .object(["errorCode": .string(code), "errorMessage": .string(message)])
  }

  func authorizeOnly(_ directive: JSONValue?) -> Bool {
    directive?["paymentAction"]?.stringValue == "Authorize"
  }

  static let timestamp = "2026-11-28T23:33:25Z"

  func setupPayload(number: Int, directive: JSONValue?) -> JSONValue {
    var details: [String: JSONValue] = [
      "billingAgreementId": .string(String(format: "C01-%07d-%07d", number, 7_654_321)),
      "billingAgreementStatus": .string(AgreementStatus.open.rawValue),
      "creationTimestamp": .string(Self.timestamp),
      "releaseEnvironment": .string(directive?["sandboxMode"] == .bool(true) ? "SANDBOX" : "LIVE"),
    ]
    if let language = directive?["checkoutLanguage"]?.stringValue {
      details["checkoutLanguage"] = .string(language)
    }
    if directive?["needAmazonShippingAddress"] == .bool(true) {
      details["destination"] = Self.destination(
        country: directive?["countryOfEstablishment"]?.stringValue ?? "US")
    }
    return .object(["billingAgreementDetails": .object(details)])
  }

  /// A shipping address in the merchant's country (the fields a `Destination` has).
  static func destination(country: String) -> JSONValue {
    let fields: [String: String]
    switch country {
    case "UK":
      fields = [
        "name": "Sam Smith", "addressLine1": "1 Principal Place", "city": "London",
        "postalCode": "EC2A 2FA", "countryCode": "GB", "phone": "02079460000",
      ]
    case "DE", "AT", "CH", "LU":
      fields = [
        "name": "Alex Muster", "addressLine1": "Marcel-Breuer-Straße 12", "city": "München",
        "postalCode": "80807", "countryCode": "DE", "phone": "0891234567",
      ]
    case "FR", "BE":
      fields = [
        "name": "Camille Martin", "addressLine1": "67 Boulevard du Général Leclerc",
        "city": "Clichy", "postalCode": "92110", "countryCode": "FR", "phone": "0140000000",
      ]
    case "IT", "ES", "PT", "NL", "IE", "DK", "SE", "HU", "CY":
      fields = [
        "name": "Andrea Rossi", "addressLine1": "Viale Monte Grappa 3/5", "city": "Milano",
        "postalCode": "20124", "countryCode": "IT", "phone": "0200000000",
      ]
    case "JP":
      fields = [
        "name": "山田 太郎", "addressLine1": "目黒区下目黒1-8-1", "city": "東京都",
        "postalCode": "153-0064", "countryCode": "JP", "phone": "0312345678",
      ]
    default:
      fields = [
        "name": "Pat Doe", "addressLine1": "410 Terry Ave N", "city": "Seattle",
        "stateOrRegion": "WA", "postalCode": "98109", "countryCode": "US", "phone": "2065550100",
      ]
    }
    return .object(fields.mapValues(JSONValue.string))
  }

  func chargePayload(
    number: Int, directive: JSONValue?, state: String, reason: String?, captured: Bool
  ) -> JSONValue {
    let amount = directive?["authorizeAttributes"]?["authorizationAmount"]
    let currency = amount?["currencyCode"]?.stringValue ?? "USD"
    let total = amount?["amount"]?.stringValue ?? "0.00"
    let zero = currency == "JPY" ? "0" : "0.00"
    let orderReference = String(format: "S01-%07d-%07d", number, 2_222_222)
    func price(_ value: String) -> JSONValue {
      .object(["amount": .string(value), "currencyCode": .string(currency)])
    }
    var status: [String: JSONValue] = [
      "state": .string(state), "lastUpdateTimestamp": .string(Self.timestamp),
    ]
    if let reason { status["reasonCode"] = .string(reason) }
    var details: [String: JSONValue] = [
      "amazonAuthorizationId": .string("\(orderReference)-A000001"),
      "authorizationAmount": price(total),
      "capturedAmount": price(captured && state == "Closed" ? total : zero),
      "authorizationFee": price(zero),
      "idList": .array(captured && state == "Closed" ? [.string("\(orderReference)-C000001")] : []),
      "creationTimestamp": .string(Self.timestamp),
      "expirationTimestamp": .string("2026-12-28T23:33:25Z"),
      "authorizationStatus": .object(status),
      "softDecline": .bool(false),
      "captureNow": .bool(!authorizeOnly(directive)),
    ]
    if let reference = directive?["authorizeAttributes"]?["authorizationReferenceId"] {
      details["authorizationReferenceId"] = reference
    }
    if let note = directive?["authorizeAttributes"]?["sellerAuthorizationNote"] {
      details["sellerAuthorizationNote"] = note
    }
    if let descriptor = directive?["authorizeAttributes"]?["softDescriptor"]?.stringValue {
      details["softDescriptor"] = .string("AMZ*\(descriptor)")
    }
    return .object([
      "amazonOrderReferenceId": .string(orderReference),
      "authorizationDetails": .object(details),
    ])
  }
}
