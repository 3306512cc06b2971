public import FlowIR

/// What the runtime asked Amazon Pay, to hold its answer against (``AmazonPayReconciliation``).
public struct PaymentQuestion: Sendable, Equatable {
  /// A Charge's `authorizationAmount.amount` as sent (`"18.00"`), if known.
  public var amount: String?
  /// A Charge's `authorizationAmount.currencyCode` as sent, if known.
  public var currencyCode: String?
  /// Whether the product needs a shipping address (a Setup success must bring one).
  public var needsShippingAddress: Bool
  /// Whether the flow is live (no sandbox buyer): a `SANDBOX` answer is not accepted.
  public var isLive: Bool

  /// Creates a question.
  public init(
    amount: String? = nil, currencyCode: String? = nil, needsShippingAddress: Bool = false,
    isLive: Bool = false
  ) {
    self.amount = amount
    self.currencyCode = currencyCode
    self.needsShippingAddress = needsShippingAddress
    self.isLive = isLive
  }
}

/// How Amazon Pay's answer failed to match the question. The raw value is the `payment.error`
/// of the `error` outcome taken instead.
public enum ReconciliationProblem: String, Sendable, Equatable, CaseIterable {
  /// A Charge success for another amount than the one asked (or none stated).
  case amountMismatch = "AmountMismatch"
  /// A Charge success in another currency than the one asked.
  case currencyMismatch = "CurrencyMismatch"
  /// A Setup success without the shipping address the product needs.
  case missingShippingAddress = "MissingShippingAddress"
  /// A `releaseEnvironment: SANDBOX` answer in a live flow.
  case sandboxInLiveFlow = "SandboxReleaseEnvironment"
  /// An Amazon id (`billingAgreementId`, `amazonAuthorizationId`, `amazonOrderReferenceId`)
  /// longer than ``AmazonPayReconciliation/maximumAmazonIdLength`` or with characters outside
  /// printable ASCII.
  case identifierTooLong = "InvalidAmazonIdentifier"

  /// A sentence for the log.
  public var explanation: String {
    switch self {
    case .amountMismatch: "Amazon Pay reported another amount than the one asked"
    case .currencyMismatch: "Amazon Pay reported another currency than the one asked"
    case .missingShippingAddress:
      "the Setup success has no shipping address, which the product needs"
    case .sandboxInLiveFlow: "a SANDBOX answer arrived for a live flow"
    case .identifierTooLong:
      "an Amazon id is longer than \(AmazonPayReconciliation.maximumAmazonIdLength) characters "
        + "or not printable ASCII"
    }
  }
}

/// Holds a classified Amazon Pay answer against the question: a success that does not match
/// becomes the `error` outcome with the order marked `review`; an id beyond the limits is never
/// recorded, whatever the outcome.
enum AmazonPayReconciliation {
  /// The longest Amazon id accepted. Amazon's ids are 19–27 characters in every documented
  /// example (`C01-1234567-7654321`, `S01-1111111-2222222-A000001`); no limit is documented,
  /// so this leaves room and refuses the absurd.
  static let maximumAmazonIdLength = 64

  static func reconcile(
    _ outcome: ConnectionsOutcome, of response: ConnectionsResponseSummary
  ) -> ConnectionsOutcome {
    guard let question = response.question,
      let problem = problem(outcome, response: response, question: question)
    else { return outcome }
    var variables: [String: VariableValue] = [:]
    variables[.paymentError] = .string(problem.rawValue)
    variables[.paymentReason] = .string(AmazonPayResponseTable.ErrorGroup.runtime.rawValue)
    return ConnectionsOutcome(
      outcome: .error, variables: variables,
      amazonAuthorizationId: outcome.amazonAuthorizationId.flatMap {
        isAcceptableId($0) ? $0 : nil
      }, orderState: .review, reviewProblem: problem)
  }

  private static func problem(
    _ outcome: ConnectionsOutcome, response: ConnectionsResponseSummary,
    question: PaymentQuestion
  ) -> ReconciliationProblem? {
    let payload = response.payload
    let ids = [
      outcome.billingAgreementId, outcome.amazonAuthorizationId,
      payload?["amazonOrderReferenceId"]?.stringValue,
    ]
    if ids.contains(where: { $0.map { !isAcceptableId($0) } ?? false }) {
      return .identifierTooLong
    }
    guard outcome.outcome == .success else { return nil }
    switch response.taskName {
    case .setup:
      let details = payload?["billingAgreementDetails"]
      if question.isLive, details?["releaseEnvironment"]?.stringValue?.uppercased() == "SANDBOX" {
        return .sandboxInLiveFlow
      }
      let line = details?["destination"]?["addressLine1"]?.stringValue ?? ""
      if question.needsShippingAddress, line.isEmpty { return .missingShippingAddress }
    case .charge:
      guard let askedAmount = question.amount else { return nil }
      let details = payload?["authorizationDetails"]
      var reported = [details?["authorizationAmount"]]
      if outcome.orderState == .captured, let captured = details?["capturedAmount"] {
        reported.append(captured)
      }
      for price in reported {
        guard let amount = price?["amount"]?.stringValue,
          sameDecimal(amount, askedAmount)
        else { return .amountMismatch }
        if let asked = question.currencyCode, price?["currencyCode"]?.stringValue != asked {
          return .currencyMismatch
        }
      }
    }
    return nil
  }

  /// 1 to ``maximumAmazonIdLength`` printable ASCII characters.
  static func isAcceptableId(_ id: String) -> Bool {
    !id.isEmpty && id.utf8.count <= maximumAmazonIdLength
      && id.utf8.allSatisfy { (0x21...0x7E).contains($0) }
  }

  /// Whether two decimal strings (`"300"`, `"300.00"`) name the same amount; anything that is
  /// not digits with at most one point is never the same.
  static func sameDecimal(_ lhs: String, _ rhs: String) -> Bool {
    guard let left = normalized(lhs), let right = normalized(rhs) else { return false }
    return left == right
  }

  private static func normalized(_ text: String) -> String? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), !parts[0].isEmpty,
      parts.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } })
    else { return nil }
    let whole = parts[0].drop { $0 == "0" }
    let fraction = parts.count == 2 ? String(parts[1].reversed().drop { $0 == "0" }.reversed()) : ""
    return "\(whole).\(fraction)"
  }
}
