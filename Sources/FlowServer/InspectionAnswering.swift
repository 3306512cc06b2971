public import FlowRuntime
public import Foundation

/// Answers inspection questions POSTed to the skill route (`flowc serve --allow-inspection`,
/// for `flowc test --endpoint`): what a customer's last turn did and what the store holds for
/// the customer. Only for a server that verifies nothing, never in production: whoever asks
/// learns any customer's orders.
///
/// The question's wire format belongs to the conversation tests (the stdio skill protocol's
/// `inspect` line), which the server does not depend on; the `flowc` command hands it in as
/// ``answer``. The server keeps what only it can: the trace of each customer's last turn
/// (``RecentTraces``).
public struct InspectionAnswering: Sendable {
  /// Answers a request body when it is an inspection question.
  ///
  /// - Parameters:
  ///   - body: The request body.
  ///   - store: The server's store.
  ///   - lastTrace: The trace of a customer's last answered request, if remembered.
  /// - Returns: The answer body (JSON), or `nil` when the body is not a question (it is then
  ///   handled as a request envelope).
  /// - Throws: When the body is a malformed question (answered 400) or the store fails.
  public typealias Answer =
    @Sendable (
      _ body: Data, _ store: any FlowStore, _ lastTrace: @escaping @Sendable (String) -> TurnTrace?
    ) async throws -> Data?

  /// The answering function.
  public let answer: Answer
  /// The traces of recent customers' last turns.
  public let traces: RecentTraces

  /// Creates the inspection side of a server.
  ///
  /// - Parameters:
  ///   - traces: Where the server keeps each customer's last trace.
  ///   - answer: Answers a body when it is a question.
  public init(traces: RecentTraces = RecentTraces(), answer: @escaping Answer) {
    self.traces = traces
    self.answer = answer
  }
}
