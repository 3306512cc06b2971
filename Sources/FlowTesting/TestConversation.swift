internal import FlowCompiler
public import FlowIR
public import FlowRuntime
public import Foundation

/// Why a step could not be carried out (as opposed to an assertion that failed).
public struct ConversationError: Error, Equatable, CustomStringConvertible {
  /// What went wrong, lowercase.
  public var message: String
  /// More lines for the report (a handler's standard error, a difference), control characters
  /// already escaped.
  public var details: [String] = []

  /// Creates an error.
  ///
  /// - Parameters:
  ///   - message: What went wrong, one line.
  ///   - details: More lines for the report.
  public init(_ message: String, details: [String] = []) {
    self.message = message
    self.details = details
  }

  /// The message.
  public var description: String { message }
}

/// What one turn did: the envelopes exchanged and the state machine's moves.
public struct TurnRecord: Sendable {
  /// The request envelope sent, as JSON.
  public var requestJSON: Data
  /// The response envelope received, as JSON.
  public var responseJSON: Data
  /// The decoded response.
  public var response: ResponseEnvelope
  /// The states entered and transitions taken.
  public var trace: TurnTrace
  /// The customer.
  public var user: String
  /// How the step was written, for transcripts (`launch`, `say "yes" → AMAZON.YesIntent`).
  public var summary: String
}

/// A customer (or several) talking to a flow on the real engine with a fresh memory store:
/// builds request envelopes, carries session attributes between turns, answers payment
/// directives as Amazon Pay would, and collects coverage. Used by ``TestRunner`` and
/// ``SimulatorSession``.
public final class TestConversation {
  /// The flow.
  public let program: FlowProgram
  /// The conversation's locale.
  public let locale: String
  /// The store (fresh and in memory).
  public let store: MemoryFlowStore
  /// The engine.
  public private(set) var engine: FlowEngine
  /// Where recorded envelopes go (`FLOWC_CONFORMANCE_DIR` in the test suite): data, kind
  /// (`request`/`response`), step name.
  public var recordEnvelope: ((Data, String, String) -> Void)?
  /// The name used when recording envelopes.
  public var recordingName: String
  /// What was covered so far.
  public private(set) var coverage: CoverageData
  /// The last turn, if any.
  public private(set) var lastTurn: TurnRecord?
  /// The state that answered last.
  public private(set) var currentState: String?
  /// The conversation variables after the last turn.
  public private(set) var variables: [String: VariableValue] = [:]
  /// The current customer's name.
  public private(set) var currentUser = "default"
  /// What answers the requests: ``engine`` through an ``EngineTransport`` unless another
  /// transport was given.
  public let transport: any SkillTransport
  /// Whether the transport cannot inspect (a handler that answered `unsupported`): the
  /// assertions that need the trace or the store fail, and coverage is not counted.
  public private(set) var inspectionUnsupported = false
  /// The last inspection and the user it was made for.
  var lastInspection: (userId: String, inspection: SkillInspection)?

  /// What makes the ids of this conversation's requests its own, when they must be
  /// (``ConversationIdentifiers/unique``): mixed into every user, session and request id.
  public let idTag: String?

  var customers: [String: ConversationSession] = [:]
  var builder = ConnectionsResponseBuilder()
  var requestNumber = 0
  let clock: ManualClock
  let matcher: UtteranceMatcher

  /// Creates a conversation.
  ///
  /// - Parameters:
  ///   - program: The flow.
  ///   - locale: The locale of every request.
  ///   - recordingName: Names recorded envelopes.
  ///   - transport: Makes the transport that answers from the conversation's own engine
  ///     transport (which it may wrap, as ``LockstepTransport`` does, or ignore); the engine
  ///     transport itself when `nil`.
  ///   - identifiers: Whether the ids of the requests are the same in every run.
  public init(
    program: FlowProgram, locale: String, recordingName: String = "conversation",
    transport: TransportFactory? = nil, identifiers: ConversationIdentifiers = .repeatable
  ) {
    self.program = program
    self.locale = locale
    self.recordingName = recordingName
    self.idTag = identifiers.makeTag()
    let store = MemoryFlowStore()
    self.store = store
    let clock = ManualClock()
    self.clock = clock
    let random = SeededRandom(seed: 7)
    self.engine = FlowEngine(
      program: program, store: store, now: { clock.now }, randomBytes: { random.bytes($0) })
    let engineTransport = EngineTransport(engine: engine)
    self.transport = transport?(engineTransport) ?? engineTransport
    self.matcher = UtteranceMatcher(program: program, locale: locale)
    self.coverage = CoverageData()
    customers[currentUser] = makeCustomer(currentUser)
  }

  /// A customer's session on this conversation's engine.
  func makeCustomer(_ name: String) -> ConversationSession {
    var session = ConversationSession(
      engine: engine, name: recordingName, userId: Self.userId(for: name, tag: idTag),
      locale: locale,
      sessionId: "", timestamp: "")
    session.transport = transport
    return session
  }

  /// What the transport reports for the current customer: the inspection made after the last
  /// request when it was for the same customer, else a new one.
  ///
  /// - Throws: ``ConversationError`` when the transport does not answer.
  public func inspection() async throws -> SkillInspection {
    if let last = lastInspection, last.userId == currentUserId { return last.inspection }
    let inspection = try await transport.inspect(userId: currentUserId)
    lastInspection = (currentUserId, inspection)
    return inspection
  }

  /// Ends the conversation on the transport's side (a process is told and waited for).
  ///
  /// - Returns: What went wrong at the end, if anything (``SkillTransport/finish()``).
  public func finish() async -> String? {
    await transport.finish()
  }

  /// The Alexa user id of a customer name (`amzn1.ask.account.TEST` and the name in capitals,
  /// then `-` and the conversation's tag, if it has one).
  ///
  /// - Parameters:
  ///   - name: The customer's name in the script.
  ///   - tag: The conversation's ``idTag``.
  /// - Returns: The user id.
  public static func userId(for name: String, tag: String? = nil) -> String {
    let cleaned = name.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "X" }
    return "amzn1.ask.account.TEST" + String(cleaned) + (tag.map { "-" + $0 } ?? "")
  }

  /// The run-specific part of session and request ids: `flowc-test` and the tag, if any.
  var idStem: String { "flowc-test" + (idTag.map { "-" + $0 } ?? "") }

  var customer: ConversationSession {
    get { customers[currentUser]! }
    set { customers[currentUser] = newValue }
  }

  /// The pending payment directive of the current customer (`Setup` or `Charge`), if any.
  public var pendingPayment: ConnectionsTaskName? { customer.pendingPayment?.task }

  /// The slot the current customer is being asked for (`Dialog.ElicitSlot`), if any.
  public var pendingElicitation: PendingElicitation? { customer.pendingElicitation }

  /// The current customer's Alexa user id.
  public var currentUserId: String { customer.userId }

  /// Whether the current customer's session is open.
  public var sessionIsOpen: Bool { !customer.sessionNew }

  // MARK: - Actions

  /// Carries out one action; returns the turn it made (`nil` for actions that send nothing).
  ///
  /// - Parameters:
  ///   - action: The action.
  ///   - baseDirectory: Where `request:` files are looked up.
  /// - Throws: ``ConversationError`` when the action cannot be carried out.
  @discardableResult
  public func perform(_ action: TestAction, baseDirectory: String? = nil) async throws
    -> TurnRecord?
  {
    switch action {
    case .launch:
      return try await send(["type": .string("LaunchRequest")], summary: "launch")
    case .say(let line):
      guard let match = spokenIntent(line) else {
        // A device sends the fallback intent for a line that matches none of the skill's.
        return try await send(
          intentRequest(BuiltInIntentName.fallback, slots: [:]),
          summary: "say \(quoted(line)) → \(BuiltInIntentName.fallback) (no sample matches)")
      }
      let slotText = match.slots.keys.sorted().map { "\($0)=\(match.slots[$0]!.value)" }
      let summary =
        "say \(quoted(line)) → \(match.intent)"
        + (slotText.isEmpty ? "" : " " + slotText.joined(separator: " "))
      return try await send(
        intentRequest(match.intent, slots: match.slots, dialogState: match.dialogState),
        summary: summary)
    case .intent(let name, let slots):
      var matched: [String: MatchedSlot] = [:]
      let intent = program.intents.first { $0.name == name }
      for (slot, value) in slots {
        let type = intent?.slots.first { $0.name == slot }?.type
        if type == "catalog",
          let product = matcher.product(
            named: UtteranceMatcher.words(value)
              .joined(separator: " "))
        {
          matched[slot] = MatchedSlot(value: value, resolvedId: product.id)
        } else {
          matched[slot] = MatchedSlot(value: value)
        }
      }
      let slotText = slots.keys.sorted().map { "\($0)=\(slots[$0]!)" }
      let summary = (["intent \(name)"] + slotText).joined(separator: " ")
      return try await send(intentRequest(name, slots: matched), summary: summary)
    case .pay(let answer):
      guard let pending = customer.pendingPayment else {
        throw ConversationError("no Setup or Charge is waiting for an answer")
      }
      let request: [String: JSONValue]
      do {
        request = try builder.request(
          answer, task: pending.task, token: pending.token, directivePayload: pending.payload)
      } catch {
        throw ConversationError(String(describing: error))
      }
      // Amazon Pay answers in a new session, as Alexa does.
      customer.startNewSession()
      customer.pendingPayment = nil
      return try await send(request, summary: "pay \(answer) (\(pending.task.rawValue))")
    case .request(let path):
      let fullPath =
        path.hasPrefix("/") || baseDirectory == nil
        ? path : URL(fileURLWithPath: baseDirectory!).appendingPathComponent(path).path
      // Read as flow files are: bounded, and a pipe is refused rather than waited on.
      let bytes: [UInt8]
      switch SourceFileReader.load(path: fullPath) {
      case .success(let file): bytes = file.bytes
      case .failure(let failure):
        throw ConversationError("cannot read request file '\(path)': \(failure.reason)")
      }
      guard var text = String(bytes: bytes, encoding: .utf8) else {
        throw ConversationError("cannot read request file '\(path)': it is not UTF-8")
      }
      text = text.replacingOccurrences(
        of: "$PENDING_TOKEN", with: customer.pendingPayment?.token ?? "")
      text = text.replacingOccurrences(of: "$USER_ID", with: customer.userId)
      return try await sendRaw(Data(text.utf8), summary: "request \(path)")
    case .newSession:
      customer.startNewSession()
      return nil
    case .user(let name):
      currentUser = name
      if customers[name] == nil { customers[name] = makeCustomer(name) }
      return nil
    case .permission(let granted):
      customer.permission = granted ? "GRANTED" : "DENIED"
      return nil
    case .expect:
      return nil
    }
  }

  func intentRequest(
    _ name: String, slots: [String: MatchedSlot],
    dialogState: String = AlexaEnvelopes.dialogCompleted
  ) -> [String: JSONValue] {
    customer.envelopes.intentRequest(
      name,
      slots: slots.mapValues { slot in
        AlexaSlot(
          slot.value, id: slot.resolvedId,
          resolvedName: slot.resolvedId.flatMap { program.product(id: $0)?.names[locale] })
      }, dialogState: dialogState)
  }

  /// The intent a spoken line sends, as Alexa would: while the skill elicits a slot, a line
  /// that can be the slot's value answers it (the intent comes back with its other slots as
  /// the directive's `updatedIntent` kept them); else the line is matched against the samples
  /// (a sample of the elicited intent keeps the other slots too); else, for a `catalog` slot,
  /// the words are the slot's unresolved value.
  func spokenIntent(_ line: String) -> (
    intent: String, slots: [String: MatchedSlot], dialogState: String
  )? {
    guard let pending = customer.pendingElicitation else {
      return matcher.match(line).map { ($0.intent, $0.slots, AlexaEnvelopes.dialogCompleted) }
    }
    var kept: [String: MatchedSlot] = [:]
    for (name, slot) in pending.intent.slots ?? [:] {
      if let value = slot.value {
        kept[name] = MatchedSlot(value: value, resolvedId: slot.resolvedId)
      }
    }
    func answer(_ value: MatchedSlot) -> (String, [String: MatchedSlot], String) {
      var slots = kept
      slots[pending.slot] = value
      return (pending.intent.name, slots, AlexaEnvelopes.dialogInProgress)
    }
    if let value = matcher.elicitedValue(
      line, slot: pending.slot, of: pending.intent.name, openCatalog: false)
    {
      return answer(value)
    }
    if let match = matcher.match(line) {
      guard match.intent == pending.intent.name else {
        return (match.intent, match.slots, AlexaEnvelopes.dialogCompleted)
      }
      return (match.intent, kept.merging(match.slots) { $1 }, AlexaEnvelopes.dialogInProgress)
    }
    return matcher.elicitedValue(
      line, slot: pending.slot, of: pending.intent.name, openCatalog: true
    ).map(answer)
  }

  /// The whole envelope around the current customer's next request.
  func envelope(_ request: [String: JSONValue]) -> JSONValue {
    requestNumber += 1
    customer.sessionId =
      "amzn1.echo-api.session.\(idStem)-\(currentUser)-\(customer.sessionNumber)"
    customer.timestamp = AlexaEnvelopes.timestamp(clock.now)
    return customer.envelope(
      request, requestId: "amzn1.echo-api.request.\(idStem)-\(requestNumber)")
  }

  func send(_ request: [String: JSONValue], summary: String) async throws -> TurnRecord {
    try await sendRaw(CanonicalJSON.compact(envelope(request)), summary: summary)
  }

  func sendRaw(_ data: Data, summary: String) async throws -> TurnRecord {
    clock.advance(by: 1)
    do {
      _ = try CanonicalJSON.decode(RequestEnvelope.self, from: data)
    } catch {
      throw ConversationError("the request is not an Alexa request envelope: \(error)")
    }
    customer.recordEnvelope = recordEnvelope
    customer.name = recordingName
    let exchange = try await customer.sendRaw(data)
    let (responseJSON, response) = (exchange.responseJSON, exchange.response)
    let inspection = try await transport.inspect(userId: customer.userId)
    lastInspection = (customer.userId, inspection)
    inspectionUnsupported = !inspection.isSupported
    let trace = inspection.trace ?? TurnTrace()
    if !trace.statesEntered.isEmpty || !trace.transitions.isEmpty
      || trace.answeringState != nil
    {
      currentState = trace.answeringState
      variables = trace.variables
    }
    coverage.record(trace)
    let record = TurnRecord(
      requestJSON: data, responseJSON: responseJSON, response: response, trace: trace,
      user: currentUser, summary: summary)
    lastTurn = record
    return record
  }
}

/// Makes the transport of one conversation from the conversation's own engine transport.
public typealias TransportFactory = (EngineTransport) -> any SkillTransport

/// Whether the ids a conversation sends (user ids, session ids, request ids) are the same in
/// every run or its own.
public enum ConversationIdentifiers: Sendable, Equatable {
  /// The same in every run (`amzn1.ask.account.TESTDEFAULT`, `…request.flowc-test-1`): for a
  /// skill that starts each conversation with an empty store (the built-in runtime, a stdio
  /// handler).
  case repeatable
  /// With a random tag of the conversation's own in every id
  /// (`amzn1.ask.account.TESTDEFAULT-3F9A…`): for a skill that keeps its store from one
  /// conversation and one run to the next (a served endpoint), where repeated ids would be
  /// answered from the replay cache or find another conversation's orders.
  case unique

  /// The number of random bits in a tag.
  public static let tagBits = 64

  /// A new tag for ``unique`` (16 hexadecimal digits in capitals), `nil` for ``repeatable``.
  func makeTag() -> String? {
    guard self == .unique else { return nil }
    var generator = SystemRandomNumberGenerator()
    let value = generator.next() as UInt64
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: Self.tagBits / 4 - digits.count) + digits
  }
}

/// A clock moved by hand (``TestConversation`` moves it one second per request), so runs
/// repeat exactly.
public final class ManualClock: @unchecked Sendable {
  private var current: Date
  private let lock = NSLock()

  /// Creates a clock.
  ///
  /// - Parameter start: The time it shows until moved.
  public init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) {
    current = start
  }

  /// The time it shows.
  public var now: Date { lock.withLock { current } }

  /// Moves the clock on.
  ///
  /// - Parameter interval: By how much.
  public func advance(by interval: TimeInterval) { lock.withLock { current += interval } }
}

/// Deterministic random bytes (SplitMix64), so tokens and ids repeat from run to run.
final class SeededRandom: @unchecked Sendable {
  private var state: UInt64
  private let lock = NSLock()

  init(seed: UInt64) { state = seed }

  func bytes(_ count: Int) -> [UInt8] {
    lock.withLock {
      (0..<max(0, count)).map { _ in
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt8(truncatingIfNeeded: z ^ (z >> 31))
      }
    }
  }
}
