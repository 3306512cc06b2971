import FlowIR
import Foundation

/// Reads a `Connections.Response` of a Setup or Charge against ``AmazonPayResponseTable``.
///
/// Variables set (names of the flow language):
/// - `error` outcome: `payment.error` = the error code (`InvalidSellerId`,
///   `ConnectionsValidationFailed`, `InvalidBillingAgreementStatus`, `MalformedResponse`, …),
///   `payment.reason` = its group (`handled_by_amazon_pay`, `permission`, `integration`,
///   `runtime`);
/// - `declined` outcome: `payment.error` = the authorization state (`Declined`, `Closed`),
///   `payment.reason` = its reason code (`InvalidPaymentMethod`, `AmazonRejected`, …);
/// - Setup with a billing agreement: `agreement.id`, `agreement.status`, `agreement.open`, and
///   `shipping.name`, `.address_line1`, `.city`, `.state_or_region`, `.postal_code`,
///   `.country_code` from `billingAgreementDetails.destination` (each only when present);
/// - Charge declined for `InvalidPaymentMethod`: `agreement.status` = `SUSPENDED`,
///   `agreement.open` = false (Amazon suspends the agreement).
struct AmazonPayResponseClassifier {
  let response: ConnectionsResponseSummary
  var taskName: ConnectionsTaskName { response.taskName }
  var statusMessage: String? { response.statusMessage }
  var payload: JSONValue? { response.payload }

  /// `destination` field → flow variable.
  static let shippingFields: [(field: String, variable: VariablePath)] = [
    ("name", .shipping("name")),
    ("addressLine1", .shipping("address_line1")),
    ("city", .shipping("city")),
    ("stateOrRegion", .shipping("state_or_region")),
    ("postalCode", .shipping("postal_code")),
    ("countryCode", .shipping("country_code")),
  ]

  /// The code of a response that does not have the documented shape.
  static let malformedResponse = "MalformedResponse"
  /// The code of a `Pending` authorization.
  static let authorizationPending = "AuthorizationPending"
  /// The code of a non-200 status whose message is not a known code.
  static let unknownError = "UnknownError"
  /// The code of a Setup whose agreement is not open.
  static let invalidBillingAgreementStatus = "InvalidBillingAgreementStatus"

  func classify() -> ConnectionsOutcome {
    let code = Int(response.statusCode.trimmingCharacters(in: .whitespaces))
    guard let code, (200..<300).contains(code) else { return classifyFailure(code: code) }
    switch taskName {
    case .setup: return classifySetup()
    case .charge: return classifyCharge()
    }
  }

  // MARK: - Failures

  private func classifyFailure(code: Int?) -> ConnectionsOutcome {
    let message = statusMessage?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    let payloadCode = payload?["errorCode"]?.stringValue
    var candidates: [String] = []
    if message.hasPrefix(AmazonPayResponseTable.connectionsValidationPrefix) {
      candidates.append(AmazonPayResponseTable.connectionsValidationFailed)
    } else if !message.isEmpty {
      candidates.append(message)
    }
    if let payloadCode, !payloadCode.isEmpty { candidates.append(payloadCode) }

    if let row = candidates.lazy.compactMap(AmazonPayResponseTable.errorRow(code:)).first {
      return failure(row)
    }
    // An undocumented message with a throttling status is still throttling: Alexa speaks.
    if code == 429, let row = AmazonPayResponseTable.errorRow(code: "RequestThrottled") {
      return failure(row, code: candidates.first(where: Self.looksLikeCode) ?? row.code)
    }
    let unknownCode = candidates.first(where: Self.looksLikeCode) ?? Self.unknownError
    return failure(code: unknownCode, group: .runtime)
  }

  private static func looksLikeCode(_ text: String) -> Bool {
    !text.isEmpty && text.count <= 64
      && text.unicodeScalars.allSatisfy {
        ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0)
          || $0 == "_"
      }
  }

  private func failure(_ row: AmazonPayResponseTable.ErrorRow, code: String? = nil)
    -> ConnectionsOutcome
  {
    ConnectionsOutcome(
      outcome: row.outcome,
      variables: Self.paymentVariables(error: code ?? row.code, reason: row.group.rawValue),
      amazonAlreadySpoke: row.amazonAlreadySpoke,
      orderState: taskName == .charge ? .failed : nil)
  }

  private func failure(code: String, group: AmazonPayResponseTable.ErrorGroup)
    -> ConnectionsOutcome
  {
    ConnectionsOutcome(
      outcome: .error, variables: Self.paymentVariables(error: code, reason: group.rawValue),
      orderState: taskName == .charge ? .failed : nil)
  }

  /// `payment.error` and `payment.reason`.
  private static func paymentVariables(error: String, reason: String) -> [String: VariableValue] {
    var variables: [String: VariableValue] = [:]
    variables[.paymentError] = .string(error)
    variables[.paymentReason] = .string(reason)
    return variables
  }

  // MARK: - Setup

  private func classifySetup() -> ConnectionsOutcome {
    guard let details = payload?["billingAgreementDetails"],
      let agreementId = details["billingAgreementId"]?.stringValue, !agreementId.isEmpty,
      let status = details["billingAgreementStatus"]?.stringValue, !status.isEmpty
    else { return failure(code: Self.malformedResponse, group: .runtime) }

    let row = AmazonPayResponseTable.agreementRow(status: status)
    let normalisedStatus = row?.status.rawValue ?? status.uppercased()
    let open = row?.open ?? false
    var variables: [String: VariableValue] = [:]
    variables[.agreementID] = .string(agreementId)
    variables[.agreementStatus] = .string(normalisedStatus)
    variables[.agreementOpen] = .bool(open)
    if case .object(let destination)? = details["destination"] {
      for (field, variable) in Self.shippingFields {
        if case .string(let value)? = destination[field], !value.isEmpty {
          variables[variable] = .string(value)
        }
      }
    }
    var outcome = ConnectionsOutcome(
      outcome: row?.outcome ?? .error, variables: variables,
      billingAgreementId: agreementId,
      billingAgreementStatus: AgreementStatus(rawValue: normalisedStatus))
    if outcome.outcome != .success {
      outcome.variables.merge(
        Self.paymentVariables(
          error: Self.invalidBillingAgreementStatus,
          reason: AmazonPayResponseTable.ErrorGroup.runtime.rawValue)
      ) { _, new in new }
    }
    return outcome
  }

  // MARK: - Charge

  private func classifyCharge() -> ConnectionsOutcome {
    guard let details = payload?["authorizationDetails"],
      let state = details["authorizationStatus"]?["state"]?.stringValue
    else { return failure(code: Self.malformedResponse, group: .runtime) }
    let reasonCode = details["authorizationStatus"]?["reasonCode"]?.stringValue
    let authorizationId = details["amazonAuthorizationId"]?.stringValue

    guard let row = AmazonPayResponseTable.authorizationRow(state: state, reasonCode: reasonCode)
    else {
      var outcome = failure(code: Self.malformedResponse, group: .runtime)
      outcome.amazonAuthorizationId = authorizationId
      return outcome
    }
    var outcome = ConnectionsOutcome(
      outcome: row.outcome, amazonAlreadySpoke: row.amazonAlreadySpoke,
      amazonAuthorizationId: authorizationId, orderState: row.orderState)
    switch row.outcome {
    case .declined:
      outcome.variables = Self.paymentVariables(error: state, reason: reasonCode ?? state)
    case .error:
      outcome.variables = Self.paymentVariables(
        error: Self.authorizationPending,
        reason: AmazonPayResponseTable.ErrorGroup.runtime.rawValue)
    default: break
    }
    if let status = row.agreementStatusAfter {
      outcome.billingAgreementStatus = status
      outcome.variables[.agreementStatus] = .string(status.rawValue)
      outcome.variables[.agreementOpen] = .bool(status.isOpen)
    }
    return outcome
  }
}
