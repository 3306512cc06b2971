public import FlowIR

/// The functions the engine uses for a Connections task's payload and outcome: by default the
/// Amazon Pay profile (``AmazonPayProfile``).
///
/// A value rather than a protocol so that tests and tools can swap one function (a scripted
/// classification, say) without writing a type.
public struct PaymentProfile: Sendable {
  /// Renders a payload template into the JSON sent in `Connections.SendRequest.payload`.
  public var renderPayload:
    @Sendable (PayloadTemplate, FlowProgram, PayloadRenderContext) throws -> JSONValue
  /// Classifies a `Connections.Response` of the task a continuation sent.
  public var classify: @Sendable (ConnectionsResponseSummary) -> ConnectionsOutcome

  /// Creates a profile from its two functions.
  public init(
    renderPayload:
      @escaping @Sendable (PayloadTemplate, FlowProgram, PayloadRenderContext) throws
      -> JSONValue,
    classify: @escaping @Sendable (ConnectionsResponseSummary) -> ConnectionsOutcome
  ) {
    self.renderPayload = renderPayload
    self.classify = classify
  }

  /// Amazon Pay Setup and Charge.
  public static let amazonPay = PaymentProfile(
    renderPayload: { template, program, context in
      try AmazonPayProfile.renderPayload(template, program: program, context: context)
    },
    classify: { response in AmazonPayProfile.classify(response) }
  )
}

/// What a payment profile classifies: a `Connections.Response` together with the task the
/// continuation sent.
public struct ConnectionsResponseSummary: Sendable, Equatable {
  /// The task the directive sent (from the continuation, not from the response).
  public var taskName: ConnectionsTaskName
  /// `request.status.code` (a string such as `"200"`).
  public var statusCode: String
  /// `request.status.message`.
  public var statusMessage: String?
  /// `request.payload`, which may be missing on any non-200 status.
  public var payload: JSONValue?
  /// What was asked, to reconcile the answer with; `nil` classifies the answer alone.
  public var question: PaymentQuestion?

  /// Creates a summary.
  ///
  /// - Parameters:
  ///   - taskName: The task the directive sent.
  ///   - statusCode: `request.status.code`.
  ///   - statusMessage: `request.status.message`.
  ///   - payload: `request.payload`.
  ///   - question: What was asked.
  public init(
    taskName: ConnectionsTaskName, statusCode: String, statusMessage: String? = nil,
    payload: JSONValue? = nil, question: PaymentQuestion? = nil
  ) {
    self.question = question
    self.taskName = taskName
    self.statusCode = statusCode
    self.statusMessage = statusMessage
    self.payload = payload
  }
}
