public import FlowIR

/// The result of classifying a `Connections.Response`.
public struct ConnectionsOutcome: Sendable, Equatable {
  /// The outcome taken.
  public var outcome: PaymentOutcome
  /// Variables the outcome sets: `payment.error`, `payment.reason`, `agreement.id`,
  /// `agreement.status`, `agreement.open`, `shipping.*`, …
  public var variables: [String: VariableValue]
  /// Whether Alexa / Amazon Pay already spoke an error to the customer, so the skill must not
  /// speak its own error text on top of it.
  public var amazonAlreadySpoke: Bool
  /// The billing agreement reported by a Setup success, to store for the customer.
  public var billingAgreementId: String?
  /// The billing agreement status reported by a Setup success.
  public var billingAgreementStatus: AgreementStatus?
  /// Amazon's `amazonAuthorizationId` after a Charge.
  public var amazonAuthorizationId: String?
  /// The order state to record after a Charge: `authorized`, `captured`, `declined` or `failed`;
  /// `review` (after a Setup too) when the answer did not match the question.
  public var orderState: OrderState?
  /// Why the answer did not match the question, when the order is marked `review`.
  public var reviewProblem: ReconciliationProblem?

  /// Creates an outcome.
  public init(
    outcome: PaymentOutcome, variables: [String: VariableValue] = [:],
    amazonAlreadySpoke: Bool = false,
    billingAgreementId: String? = nil, billingAgreementStatus: AgreementStatus? = nil,
    amazonAuthorizationId: String? = nil, orderState: OrderState? = nil,
    reviewProblem: ReconciliationProblem? = nil
  ) {
    self.reviewProblem = reviewProblem
    self.outcome = outcome
    self.variables = variables
    self.amazonAlreadySpoke = amazonAlreadySpoke
    self.billingAgreementId = billingAgreementId
    self.billingAgreementStatus = billingAgreementStatus
    self.amazonAuthorizationId = amazonAuthorizationId
    self.orderState = orderState
  }
}

/// Values the runtime supplies when rendering a payload template.
public struct PayloadRenderContext: Sendable {
  /// Resolves a variable path (`agreement.id`, `order.total`, `product`) to its value.
  public var resolve: @Sendable (String) -> VariableValue?
  /// The order id (`order.id`), sent as `sellerOrderId`: it carries the merchant's
  /// `order_id_prefix` already.
  public var orderId: String?
  /// The fresh `authorizationReferenceId` of this charge attempt.
  public var authorizationReferenceId: String?

  /// Creates a context.
  public init(
    resolve: @escaping @Sendable (String) -> VariableValue?, orderId: String?,
    authorizationReferenceId: String?
  ) {
    self.resolve = resolve
    self.orderId = orderId
    self.authorizationReferenceId = authorizationReferenceId
  }
}

/// The Amazon Pay profile of Connections tasks: payload rendering and response classification.
public enum AmazonPayProfile {
  /// The profile name used in the IR.
  public static let name = ConnectionsProfileName.amazonPay

  /// Renders a payload template into the JSON sent in `Connections.SendRequest.payload`.
  ///
  /// A binding without a value is left out with its key (never `null`); an object left with
  /// only `@type` and `@version` is left out; amounts are decimal strings with the currency's
  /// decimal places; `transactionTimeout` stays the number the template holds.
  ///
  /// - Throws: ``AmazonPayPayloadError`` when run-time data breaks an Amazon Pay limit (an
  ///   `authorizationReferenceId` or `sellerOrderId` that is not 1–32 of `A-Za-z0-9-_`, an
  ///   amount out of range or in another currency) or leaves a required field empty.
  public static func renderPayload(
    _ template: PayloadTemplate, program: FlowProgram, context: PayloadRenderContext
  ) throws -> JSONValue {
    try AmazonPayPayloadRenderer(program: program, context: context).render(template)
  }

  /// Classifies a `Connections.Response` of a Setup or Charge.
  ///
  /// The meaning of every code, status and reason is in ``AmazonPayResponseTable``; any answer
  /// the table does not know, or a payload without the documented fields, is an `error`.
  ///
  /// - Parameter response: The response and the task it answers.
  /// - Returns: The outcome, the variables it sets and what to record.
  public static func classify(_ response: ConnectionsResponseSummary) -> ConnectionsOutcome {
    AmazonPayReconciliation.reconcile(
      AmazonPayResponseClassifier(response: response).classify(), of: response)
  }
}
