public import FlowIR
public import Foundation

/// Executes a compiled flow as an Alexa skill: one request envelope in, one response envelope
/// out, with continuations, orders and agreements kept in a ``FlowStore``.
///
/// Each turn reads what it needs from the store, computes the response, and writes everything
/// it changed (the answered request, consumed and new tokens, orders, agreements) in one
/// ``FlowStore/commit(_:)``. A request delivered twice (same `requestId`) gets the stored
/// response back, byte for byte, and writes nothing more. See `docs/runtime.md`.
public struct FlowEngine: Sendable {
  /// The flow executed.
  public let program: FlowProgram
  /// Where continuations, orders and agreements are kept.
  public let store: any FlowStore
  /// The clock (continuation expiry, record times).
  public var now: @Sendable () -> Date
  /// A source of random bytes for tokens and ids.
  public var randomBytes: @Sendable (Int) -> [UInt8]
  /// Payload rendering and response classification of the Connections tasks.
  public var paymentProfile: PaymentProfile
  /// Money as spoken in a locale.
  public var formatMoney: @Sendable (Money, String) -> String
  /// How long a directive's token stays valid.
  public var continuationLifetime: TimeInterval

  /// The default continuation lifetime: one hour. Amazon Pay answers within seconds; the
  /// margin covers a customer who must first update a payment method or a voice code.
  public static let defaultContinuationLifetime: TimeInterval = 3600

  /// Creates an engine.
  ///
  /// - Parameters:
  ///   - program: The flow.
  ///   - store: The store.
  ///   - now: The clock; the system clock by default.
  ///   - randomBytes: The random source; the system's secure generator by default.
  ///   - paymentProfile: Amazon Pay by default.
  ///   - formatMoney: ``MoneyFormatter/format(_:locale:)`` by default.
  ///   - continuationLifetime: How long a token stays valid.
  public init(
    program: FlowProgram,
    store: any FlowStore,
    now: @escaping @Sendable () -> Date = { Date() },
    randomBytes: @escaping @Sendable (Int) -> [UInt8] = FlowEngine.systemRandomBytes,
    paymentProfile: PaymentProfile = .amazonPay,
    formatMoney: @escaping @Sendable (Money, String) -> String = { money, locale in
      MoneyFormatter.format(money, locale: locale)
    },
    continuationLifetime: TimeInterval = FlowEngine.defaultContinuationLifetime
  ) {
    self.program = program
    self.store = store
    self.now = now
    self.randomBytes = randomBytes
    self.paymentProfile = paymentProfile
    self.formatMoney = formatMoney
    self.continuationLifetime = continuationLifetime
  }

  /// Random bytes from the system's cryptographically secure generator.
  @Sendable public static func systemRandomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<max(0, count)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
  }

  /// Answers a request given as JSON.
  ///
  /// - Parameter requestJSON: A request envelope.
  /// - Returns: The response envelope as compact JSON with sorted keys (for a repeated
  ///   `requestId`, the bytes stored the first time).
  /// - Throws: ``FlowEngineError/malformedRequest(_:)`` when the input is not a request
  ///   envelope (nothing is stored then); store errors.
  public func handle(requestJSON: Data) async throws -> Data {
    try await handleTraced(requestJSON: requestJSON).response
  }

  /// Answers a request.
  ///
  /// - Parameter request: The request envelope.
  /// - Returns: The response envelope.
  /// - Throws: Store errors.
  public func handle(_ request: RequestEnvelope) async throws -> ResponseEnvelope {
    try await answer(request).envelope
  }

  /// Answers a request, as ``handle(_:)`` does, and tells what the turn did to the state
  /// machine: for test coverage and the simulator's state display.
  ///
  /// The trace is recorded by the engine while it executes the turn, so it cannot differ from
  /// what the turn did. A repeated `requestId` is answered from the store without executing
  /// anything: its trace is empty. So is the trace of a `Connections.Response` whose token
  /// another request consumed first.
  ///
  /// - Parameter request: The request envelope.
  /// - Returns: The response envelope and the turn's trace.
  /// - Throws: Store errors.
  public func handleTraced(_ request: RequestEnvelope) async throws -> (
    response: ResponseEnvelope, trace: TurnTrace
  ) {
    let answered = try await answer(request)
    return (answered.envelope, answered.trace)
  }

  /// Answers a request given as JSON, as ``handle(requestJSON:)`` does, and tells what the
  /// turn did to the state machine (see ``handleTraced(_:)``).
  ///
  /// - Parameter requestJSON: A request envelope.
  /// - Returns: The response envelope as ``handle(requestJSON:)`` returns it, and the turn's
  ///   trace (empty for a repeated `requestId`).
  /// - Throws: ``FlowEngineError/malformedRequest(_:)`` when the input is not a request
  ///   envelope (nothing is stored then); store errors.
  public func handleTraced(requestJSON: Data) async throws -> (response: Data, trace: TurnTrace) {
    let envelope: RequestEnvelope
    do {
      envelope = try JSONDecoder().decode(RequestEnvelope.self, from: requestJSON)
    } catch {
      throw FlowEngineError.malformed(error, data: requestJSON)
    }
    let answered = try await answer(envelope)
    return (answered.json, answered.trace)
  }

  /// Encodes a response the way the engine stores and returns it: compact, sorted keys,
  /// slashes unescaped.
  public static func encode(_ response: ResponseEnvelope) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(response)
  }

  private func answer(_ envelope: RequestEnvelope) async throws -> (
    envelope: ResponseEnvelope, json: Data, trace: TurnTrace
  ) {
    let requestId = envelope.request.requestId
    if let requestId, let stored = try await store.processedRequest(id: requestId) {
      return (
        try JSONDecoder().decode(ResponseEnvelope.self, from: stored.response), stored.response,
        TurnTrace()
      )
    }
    var turn = ConversationTurn(engine: self, envelope: envelope)
    let response = try await turn.run()
    var trace = turn.trace
    trace.variables = turn.variables
    let json = try Self.encode(response)
    var writes = turn.writes
    if let requestId {
      writes.processedRequest = ProcessedRequest(
        requestId: requestId, response: json, processedAt: now())
    }
    guard writes != TurnWrites() else { return (response, json, trace) }
    do {
      try await store.commit(writes)
      return (response, json, trace)
    } catch FlowStoreError.conflict {
      // Another delivery of the same request won the race: answer what it answered.
      if let requestId, let stored = try await store.processedRequest(id: requestId) {
        return (
          try JSONDecoder().decode(ResponseEnvelope.self, from: stored.response), stored.response,
          TurnTrace()
        )
      }
      // Another request consumed the same token first: this one found nothing to resume.
      let fallback = turn.paymentNotFoundResponse()
      let fallbackJSON = try Self.encode(fallback)
      if let requestId {
        try await store.commit(
          TurnWrites(
            processedRequest: ProcessedRequest(
              requestId: requestId, response: fallbackJSON, processedAt: now())))
      }
      return (fallback, fallbackJSON, TurnTrace())
    }
  }
}
