public import FlowIR
public import Foundation

/// Executes a compiled flow as an Alexa skill: one request envelope in, one response envelope
/// out, with continuations, orders and agreements kept in a ``FlowStore``.
///
/// Each turn happens in three steps: the engine reads from the store everything the turn may
/// need (the continuation of a token, the customer's open agreement, the conversation's order);
/// the turn, a pure function of those reads, the request, the program, one clock reading and
/// the random source, computes the response and the writes; the engine then applies the writes
/// (the answered request, consumed and new tokens, orders, agreements) in one
/// ``FlowStore/commit(_:)``. A request delivered twice (same `requestId`) gets the stored
/// response back, byte for byte, and writes nothing more. See `docs/runtime.md`.
public struct FlowEngine: Sendable {
  /// The flow executed.
  public let program: FlowProgram
  /// The program's catalog by what a customer may say for each product.
  let spokenProducts: SpokenProductIndex
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
  /// How long an answered request is kept and replayed to a redelivery by the same customer:
  /// ``defaultReplayRetention``. Older ones are never replayed, and are pruned by writes.
  public var replayRetention: TimeInterval
  /// Where refusals and orders for review are reported (``RuntimeNotice``), one line each:
  /// standard error by default.
  public var log: @Sendable (String) -> Void

  /// The default continuation lifetime: one hour. Amazon Pay answers within seconds; the
  /// margin covers a customer who must first update a payment method or a voice code.
  public static let defaultContinuationLifetime: TimeInterval = 3600

  /// The default replay retention: 24 hours. Alexa retries a request within seconds; a day
  /// covers any redelivery while keeping customers' answers (names, addresses) no longer than
  /// needed.
  public static let defaultReplayRetention: TimeInterval = 24 * 3600

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
  ///   - replayRetention: How long answered requests are kept for redeliveries.
  ///   - log: Where notices go; standard error by default.
  public init(
    program: FlowProgram,
    store: any FlowStore,
    now: @escaping @Sendable () -> Date = { Date() },
    randomBytes: @escaping @Sendable (Int) -> [UInt8] = FlowEngine.systemRandomBytes,
    paymentProfile: PaymentProfile = .amazonPay,
    formatMoney: @escaping @Sendable (Money, String) -> String = { money, locale in
      MoneyFormatter.format(money, locale: locale)
    },
    continuationLifetime: TimeInterval = FlowEngine.defaultContinuationLifetime,
    replayRetention: TimeInterval = FlowEngine.defaultReplayRetention,
    log: @escaping @Sendable (String) -> Void = FlowEngine.standardErrorLog
  ) {
    self.program = program
    spokenProducts = SpokenProductIndex(program.products)
    self.store = store
    self.now = now
    self.randomBytes = randomBytes
    self.paymentProfile = paymentProfile
    self.formatMoney = formatMoney
    self.continuationLifetime = continuationLifetime
    self.replayRetention = replayRetention
    self.log = log
  }

  /// Writes a notice to standard error as `flowc: <notice>`.
  @Sendable public static func standardErrorLog(_ line: String) {
    FileHandle.standardError.write(Data("flowc: \(line)\n".utf8))
  }

  /// Random bytes from the system's cryptographically secure generator.
  @Sendable public static func systemRandomBytes(_ count: Int) -> [UInt8] {
    // Eight bytes per draw: each draw is a system call (`getrandom`), and a byte per call made
    // the random source a fifth of a payment turn's time.
    var generator = SystemRandomNumberGenerator()
    var bytes: [UInt8] = []
    bytes.reserveCapacity(max(0, count))
    while bytes.count < count {
      withUnsafeBytes(of: generator.next()) {
        bytes.append(contentsOf: $0.prefix(count - bytes.count))
      }
    }
    return bytes
  }

  /// Answers a request given as JSON.
  ///
  /// - Parameter requestJSON: A request envelope.
  /// - Returns: The response envelope as compact canonical JSON (for a repeated `requestId`,
  ///   the bytes stored the first time).
  /// - Throws: ``FlowEngineError/malformedRequest(_:)`` when the input is not a request
  ///   envelope (nothing is stored then); ``FlowEngineError/sessionNotEncodable(_:)``; store
  ///   errors.
  public func handle(requestJSON: Data) async throws -> Data {
    try await answer(requestJSON: requestJSON).json
  }

  /// Answers a request.
  ///
  /// - Parameter request: The request envelope.
  /// - Returns: The response envelope.
  /// - Throws: ``FlowEngineError/sessionNotEncodable(_:)``; store errors.
  public func handle(_ request: RequestEnvelope) async throws -> ResponseEnvelope {
    try await answer(request).envelope
  }

  /// Answers a request, as ``handle(_:)`` does, and tells what the turn did to the state
  /// machine: for test coverage and the simulator's state display.
  ///
  /// The trace is recorded by the turn while it executes, so it cannot differ from what the
  /// turn did. A repeated `requestId` is answered from the store without executing anything:
  /// its trace is empty. So is the trace of a `Connections.Response` whose token another
  /// request consumed first.
  ///
  /// - Parameter request: The request envelope.
  /// - Returns: The response envelope and the turn's trace.
  /// - Throws: ``FlowEngineError/sessionNotEncodable(_:)``; store errors.
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
  ///   envelope (nothing is stored then); ``FlowEngineError/sessionNotEncodable(_:)``; store
  ///   errors.
  public func handleTraced(requestJSON: Data) async throws -> (response: Data, trace: TurnTrace) {
    let answered = try await answer(requestJSON: requestJSON)
    return (answered.json, answered.trace)
  }

  /// Answers a request given as JSON with everything the engine knows about the answer: the
  /// envelope value, the exact bytes stored and returned, and the trace.
  ///
  /// For a repeated `requestId` the envelope is decoded once from the stored bytes.
  ///
  /// - Parameter requestJSON: A request envelope.
  /// - Returns: The answer.
  /// - Throws: ``FlowEngineError/malformedRequest(_:)`` when the input is not a request
  ///   envelope (nothing is stored then); ``FlowEngineError/sessionNotEncodable(_:)``; store
  ///   errors.
  public func answer(requestJSON: Data) async throws -> FlowAnswer {
    try await answer(RequestEnvelope(json: requestJSON))
  }

  /// Encodes a response the way the engine stores and returns it: ``CanonicalJSON/compact(_:)``.
  ///
  /// - Parameter response: The response envelope.
  /// - Returns: The bytes.
  /// - Throws: `EncodingError`.
  public static func encode(_ response: ResponseEnvelope) throws -> Data {
    // Through JSON values, not `JSONEncoder`: the same bytes, written in a fraction of the time.
    try CanonicalJSON.compact(response.jsonValue())
  }

  /// Answers a request: reads what the turn needs, runs the turn, commits its writes once.
  ///
  /// - Parameter envelope: The request envelope.
  /// - Returns: The answer.
  /// - Throws: ``FlowEngineError/sessionNotEncodable(_:)``; store errors.
  public func answer(_ envelope: RequestEnvelope) async throws -> FlowAnswer {
    let requestId = envelope.request.requestId
    let userId = envelope.userId ?? ""
    let now = now()
    let oldestReplayed = now.addingTimeInterval(-replayRetention)
    // A redelivered request is not looked up before its turn: the commit of the turn's answer
    // fails with a conflict when the request was answered within the retention (whatever else
    // the turn writes), and the stored answer is read then. The turn itself only reads, so
    // running it for a redelivery changes nothing; every other turn saves a read.
    var reads = try await read(for: envelope)
    var attempt = 1
    while true {
      let result: TurnResult
      do {
        result = try ConversationTurn.run(
          envelope, reads: reads, program: program, now: now, randomBytes: randomBytes,
          rules: TurnRules(
            paymentProfile: paymentProfile, formatMoney: formatMoney,
            continuationLifetime: continuationLifetime, spokenProducts: spokenProducts))
      } catch {
        if let stored = try await storedAnswer(requestId, userId: userId, since: oldestReplayed) {
          return try FlowAnswer(replayed: stored)
        }
        throw error
      }
      let json = try Self.encode(result.response)
      var writes = result.writes
      if let requestId {
        writes.processedRequest = ProcessedRequest(
          userId: userId, requestId: requestId, response: json, processedAt: now)
        writes.pruneProcessedRequestsBefore = oldestReplayed
      }
      let answered = FlowAnswer(envelope: result.response, json: json, trace: result.trace)
      guard writes != TurnWrites() else {
        for notice in result.trace.notices { log(notice.description) }
        return answered
      }
      do {
        try await store.commit(writes)
        for notice in result.trace.notices { log(notice.description) }
        return answered
      } catch FlowStoreError.orderIdTaken(let id) where attempt < Self.maximumOrderIdAttempts {
        // Another order has the short id this turn drew: run the turn again with a new one.
        // Nothing was written, and nothing was sent yet.
        reads.takenOrderIds.insert(id)
        attempt += 1
      } catch FlowStoreError.forbidden(let reason) {
        // The store refused to let this turn touch another customer's order or a captured one:
        // nothing of the turn was written; say sorry and remember the answer.
        for notice in result.trace.notices { log(notice.description) }
        log("refused a turn's writes: \(reason)")
        return try await endWithMessage(
          .brokenFlow, locale: result.locale, requestId: requestId, userId: userId, at: now,
          trace: result.trace)
      } catch FlowStoreError.conflict {
        // The request was answered before, or another delivery of it won the race: answer what
        // was answered.
        if let stored = try await storedAnswer(requestId, userId: userId, since: oldestReplayed) {
          return try FlowAnswer(replayed: stored)
        }
        for notice in result.trace.notices { log(notice.description) }
        // Another request consumed the same token first: this one found nothing to resume.
        return try await endWithMessage(
          .paymentNotFound, locale: result.locale, requestId: requestId, userId: userId, at: now,
          trace: TurnTrace())
      }
    }
  }

  /// The stored answer to a request answered at or after `oldest`, if any.
  private func storedAnswer(_ requestId: String?, userId: String, since oldest: Date)
    async throws -> ProcessedRequest?
  {
    guard let requestId,
      let stored = try await store.processedRequest(userId: userId, requestId: requestId),
      stored.processedAt >= oldest
    else { return nil }
    return stored
  }

  /// How often a turn is run again when its new order's id is taken. With 17^8 codes, even a
  /// shop with a million orders draws a taken one once in 7,000 orders; five in a row means
  /// the random source is broken.
  static let maximumOrderIdAttempts = 5

  /// Answers with a runtime message that ends the session instead of the turn's own answer
  /// (none of whose writes were committed), and stores it as the answer to `requestId`, so
  /// that a redelivery gets the same.
  private func endWithMessage(
    _ message: ConversationTurn.RuntimeMessage, locale: String, requestId: String?,
    userId: String, at now: Date, trace: TurnTrace
  ) async throws -> FlowAnswer {
    let response = ConversationTurn.endWithMessage(message, locale: locale)
    let json = try Self.encode(response)
    if let requestId {
      try await store.commit(
        TurnWrites(
          processedRequest: ProcessedRequest(
            userId: userId, requestId: requestId, response: json, processedAt: now),
          pruneProcessedRequestsBefore: now.addingTimeInterval(-replayRetention)))
    }
    return FlowAnswer(envelope: response, json: json, trace: trace)
  }

  /// Reads from the store everything the turn on `envelope` may need.
  private func read(for envelope: RequestEnvelope) async throws -> TurnReads {
    var reads = TurnReads()
    reads.sessionKey = try await store.sessionKey()
    let userId = envelope.userId ?? ""
    reads.session = SessionSeal(key: reads.sessionKey).open(
      envelope.session?.attributes, userId: userId,
      sessionId: envelope.session?.sessionId ?? "", flowHash: program.flowHash)
    let needs = ConversationTurn.needs(envelope, session: reads.session, program: program)
    let keys = TurnRecordKeys(
      continuationToken: needs.continuationToken, openAgreementUserId: needs.openAgreementUserId,
      orderId: needs.orderId,
      agreement: needs.agreementId.flatMap { userId.isEmpty ? nil : (userId, $0) })
    guard !keys.isEmpty else { return reads }
    var found = try await store.records(keys)
    // A continuation names the order and agreement of the payment it waits for: those are read
    // (a second time, when they are not the ones the session named).
    if let variables = found.continuation?.variables {
      var again = TurnRecordKeys()
      if case .string(let id)? = variables[.orderID], id != keys.orderId { again.orderId = id }
      if case .string(let id)? = variables[.agreementID], !userId.isEmpty,
        id != keys.agreement?.billingAgreementId
      {
        again.agreement = (userId, id)
      }
      if !again.isEmpty {
        let more = try await store.records(again)
        if again.orderId != nil { found.order = more.order }
        if again.agreement != nil { found.agreement = more.agreement }
      }
    }
    reads.continuation = found.continuation
    reads.openAgreement = found.openAgreement
    reads.order = found.order
    reads.agreement = found.agreement
    return reads
  }
}

/// The engine's answer to one request.
public struct FlowAnswer: Sendable {
  /// The response envelope.
  public var envelope: ResponseEnvelope
  /// The envelope as stored and returned: compact canonical JSON (for a repeated `requestId`,
  /// the bytes stored the first time).
  public var json: Data
  /// What the turn did to the state machine (empty when the turn was not executed).
  public var trace: TurnTrace
}

extension FlowAnswer {
  /// The answer of a request already processed: its stored bytes, decoded once.
  init(replayed stored: ProcessedRequest) throws {
    self.init(
      envelope: try CanonicalJSON.decode(ResponseEnvelope.self, from: stored.response),
      json: stored.response, trace: TurnTrace())
  }
}
