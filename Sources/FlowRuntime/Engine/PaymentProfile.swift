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
  /// Classifies a `Connections.Response`: task name, status code, status message, payload.
  public var classify: @Sendable (String, String, String?, JSONValue?) -> ConnectionsOutcome

  /// Creates a profile from its two functions.
  public init(
    renderPayload:
      @escaping @Sendable (PayloadTemplate, FlowProgram, PayloadRenderContext) throws
      -> JSONValue,
    classify: @escaping @Sendable (String, String, String?, JSONValue?) -> ConnectionsOutcome
  ) {
    self.renderPayload = renderPayload
    self.classify = classify
  }

  /// Amazon Pay Setup and Charge.
  public static let amazonPay = PaymentProfile(
    renderPayload: { template, program, context in
      try AmazonPayProfile.renderPayload(template, program: program, context: context)
    },
    classify: { taskName, statusCode, statusMessage, payload in
      AmazonPayProfile.classify(
        taskName: taskName, statusCode: statusCode, statusMessage: statusMessage,
        payload: payload)
    }
  )
}
