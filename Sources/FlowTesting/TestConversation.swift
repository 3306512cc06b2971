public import FlowIR
public import FlowRuntime
public import Foundation

/// Why a step could not be carried out (as opposed to an assertion that failed).
public struct ConversationError: Error, Equatable, CustomStringConvertible {
  /// What went wrong, lowercase.
  public var message: String

  /// Creates an error.
  public init(_ message: String) {
    self.message = message
  }

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
  /// One customer's side of the conversation.
  struct Customer {
    var userId: String
    var attributes: [String: JSONValue]?
    var sessionNew = true
    var permissionGranted = true
    var pending: (task: ConnectionsTaskName, token: String, payload: JSONValue?)?
    var sessionNumber = 1
  }

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

  var customers: [String: Customer] = [:]
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
  public init(program: FlowProgram, locale: String, recordingName: String = "conversation") {
    self.program = program
    self.locale = locale
    self.recordingName = recordingName
    let store = MemoryFlowStore()
    self.store = store
    let clock = ManualClock()
    self.clock = clock
    let random = SeededRandom(seed: 7)
    self.engine = FlowEngine(
      program: program, store: store, now: { clock.now }, randomBytes: { random.bytes($0) })
    self.matcher = UtteranceMatcher(program: program, locale: locale)
    self.coverage = CoverageData()
    customers[currentUser] = Customer(userId: Self.userId(for: currentUser))
  }

  /// The Alexa user id of a customer name (`amzn1.ask.account.` and the name in capitals).
  public static func userId(for name: String) -> String {
    let cleaned = name.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "X" }
    return "amzn1.ask.account.TEST" + String(cleaned)
  }

  var customer: Customer {
    get { customers[currentUser]! }
    set { customers[currentUser] = newValue }
  }

  /// The pending payment directive of the current customer (`Setup` or `Charge`), if any.
  public var pendingPayment: ConnectionsTaskName? { customer.pending?.task }

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
      guard let match = matcher.match(line) else {
        throw ConversationError("no intent matches \(quoted(line)) in \(locale)")
      }
      let slotText = match.slots.keys.sorted().map { "\($0)=\(match.slots[$0]!.value)" }
      let summary =
        "say \(quoted(line)) → \(match.intent)"
        + (slotText.isEmpty ? "" : " " + slotText.joined(separator: " "))
      return try await send(intentRequest(match.intent, slots: match.slots), summary: summary)
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
      guard let pending = customer.pending else {
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
      customer.sessionNew = true
      customer.attributes = nil
      customer.pending = nil
      return try await send(request, summary: "pay \(answer) (\(pending.task.rawValue))")
    case .request(let path):
      let fullPath =
        path.hasPrefix("/") || baseDirectory == nil
        ? path : URL(fileURLWithPath: baseDirectory!).appendingPathComponent(path).path
      guard let data = FileManager.default.contents(atPath: fullPath),
        var text = String(data: data, encoding: .utf8)
      else { throw ConversationError("cannot read request file '\(path)'") }
      text = text.replacingOccurrences(of: "$PENDING_TOKEN", with: customer.pending?.token ?? "")
      text = text.replacingOccurrences(of: "$USER_ID", with: customer.userId)
      return try await sendRaw(Data(text.utf8), summary: "request \(path)")
    case .newSession:
      customer.sessionNew = true
      customer.attributes = nil
      return nil
    case .user(let name):
      currentUser = name
      if customers[name] == nil { customers[name] = Customer(userId: Self.userId(for: name)) }
      return nil
    case .permission(let granted):
      customer.permissionGranted = granted
      return nil
    case .expect:
      return nil
    }
  }

  func intentRequest(_ name: String, slots: [String: MatchedSlot]) -> [String: JSONValue] {
    var slotObjects: [String: JSONValue] = [:]
    for (slotName, slot) in slots {
      var object: [String: JSONValue] = [
        "name": .string(slotName), "value": .string(slot.value),
        "confirmationStatus": .string("NONE"),
      ]
      if let id = slot.resolvedId {
        object["resolutions"] = .object([
          "resolutionsPerAuthority": .array([
            .object([
              "authority": .string("amzn1.er-authority.echo-sdk.\(Self.skillId).CATALOG"),
              "status": .object(["code": .string("ER_SUCCESS_MATCH")]),
              "values": .array([
                .object([
                  "value": .object([
                    "name": .string(program.product(id: id)?.names[locale] ?? slot.value),
                    "id": .string(id),
                  ])
                ])
              ]),
            ])
          ])
        ])
      }
      slotObjects[slotName] = .object(object)
    }
    var intent: [String: JSONValue] = [
      "name": .string(name), "confirmationStatus": .string("NONE"),
    ]
    if !slotObjects.isEmpty { intent["slots"] = .object(slotObjects) }
    return [
      "type": .string("IntentRequest"), "dialogState": .string("COMPLETED"),
      "intent": .object(intent),
    ]
  }

  static let skillId = "amzn1.ask.skill.00000000-f10c-4e57-a000-000000000000"

  /// The whole envelope around a request, in the shape Alexa sends.
  func envelope(_ request: [String: JSONValue]) -> JSONValue {
    requestNumber += 1
    let status = customer.permissionGranted ? "GRANTED" : "DENIED"
    let user: JSONValue = .object([
      "userId": .string(customer.userId),
      "permissions": .object([
        "scopes": .object(["payments:autopay_consent": .object(["status": .string(status)])])
      ]),
    ])
    var session: [String: JSONValue] = [
      "new": .bool(customer.sessionNew),
      "sessionId": .string(
        "amzn1.echo-api.session.flowc-test-\(currentUser)-\(customer.sessionNumber)"),
      "application": .object(["applicationId": .string(Self.skillId)]),
      "user": .object(["userId": .string(customer.userId)]),
    ]
    if !customer.sessionNew, let attributes = customer.attributes {
      session["attributes"] = .object(attributes)
    }
    var fullRequest = request
    fullRequest["requestId"] = .string("amzn1.echo-api.request.flowc-test-\(requestNumber)")
    fullRequest["timestamp"] = .string(Self.iso8601(clock.now))
    fullRequest["locale"] = .string(locale)
    return .object([
      "version": .string("1.0"),
      "session": .object(session),
      "context": .object([
        "System": .object([
          "application": .object(["applicationId": .string(Self.skillId)]),
          "user": user,
          "device": .object([
            "deviceId": .string("amzn1.ask.device.flowc-test"),
            "supportedInterfaces": .object([:]),
          ]),
          "apiEndpoint": .string("https://api.amazonalexa.com"),
          "apiAccessToken": .string("flowc-test-token"),
        ])
      ]),
      "request": .object(fullRequest),
    ])
  }

  static func iso8601(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }

  func send(_ request: [String: JSONValue], summary: String) async throws -> TurnRecord {
    let data = try CanonicalJSON.compact(envelope(request))
    return try await sendRaw(data, summary: summary)
  }

  func sendRaw(_ data: Data, summary: String) async throws -> TurnRecord {
    clock.advance(by: 1)
    let request: RequestEnvelope
    do {
      request = try CanonicalJSON.decode(RequestEnvelope.self, from: data)
    } catch {
      throw ConversationError("the request is not an Alexa request envelope: \(error)")
    }
    let (responseJSON, trace) = try await engine.handleTraced(requestJSON: data)
    let response = try CanonicalJSON.decode(ResponseEnvelope.self, from: responseJSON)
    if case .unknown = request.request {
      // Invented request types have no ASK SDK model class: not recorded.
    } else {
      recordEnvelope?(data, "request", recordingName)
    }
    recordEnvelope?(responseJSON, "response", recordingName)

    if response.response.shouldEndSession == false {
      customer.attributes = response.sessionAttributes
      if customer.sessionNew { customer.sessionNew = false }
    } else {
      if !customer.sessionNew { customer.sessionNumber += 1 }
      customer.sessionNew = true
      customer.attributes = nil
    }
    for directive in response.response.directives ?? [] {
      if case .connectionsSendRequest(let name, let payload, let token) = directive,
        let task = ConnectionsTaskName(rawValue: name)
      {
        customer.pending = (task, token, payload)
      }
    }
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

/// A clock moved by hand: one second per request, so runs repeat exactly.
final class ManualClock: @unchecked Sendable {
  private var current = Date(timeIntervalSince1970: 1_795_000_000)
  private let lock = NSLock()

  var now: Date { lock.withLock { current } }

  func advance(by interval: TimeInterval) { lock.withLock { current += interval } }
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
