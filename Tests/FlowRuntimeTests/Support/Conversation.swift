import FlowIR
import FlowRuntime
import FlowTestSupport
import Foundation
import Testing

/// A customer talking to an engine: builds request envelopes, carries the session attributes
/// from one response to the next request, records every envelope for the conformance check.
struct Conversation {
  var engine: FlowEngine
  let name: String
  var userId = RequestEnvelopes.shopper
  var permission: String? = "GRANTED"
  var attributes: [String: JSONValue]?
  var sessionNew = true
  /// The locale of the customer's device.
  var locale = "en-US"
  /// Whether requests go to the conformance recording (off for invented request types, which
  /// the ASK SDK model cannot represent).
  var recordsRequests = true
  private(set) var step = 0
  /// What the last turn did to the state machine, as the engine recorded it.
  private(set) var lastTrace = TurnTrace()

  init(engine: FlowEngine, name: String) {
    self.engine = engine
    self.name = name
  }

  /// Sends a request; returns the response and, for a directive, its token.
  @discardableResult
  mutating func send(_ request: [String: JSONValue], requestId: String? = nil) async throws
    -> ResponseEnvelope
  {
    step += 1
    let id = requestId ?? "amzn1.echo-api.request.\(name)-\(step)"
    let envelope = RequestEnvelopes.envelope(
      request: request, userId: userId, permission: permission, sessionNew: sessionNew,
      attributes: sessionNew ? nil : attributes, locale: locale, requestId: id)
    let requestJSON = try CanonicalJSON.compact(envelope)
    if recordsRequests { ConformanceRecorder.record(requestJSON, kind: "request", name: name) }
    let (responseJSON, trace) = try await engine.handleTraced(requestJSON: requestJSON)
    lastTrace = trace
    ConformanceRecorder.record(responseJSON, kind: "response", name: name)
    let response = try CanonicalJSON.decode(ResponseEnvelope.self, from: responseJSON)
    if response.response.shouldEndSession == false {
      attributes = response.sessionAttributes
      sessionNew = false
    } else {
      attributes = nil
      sessionNew = true
    }
    return response
  }

  mutating func launch() async throws -> ResponseEnvelope {
    try await send(RequestEnvelopes.launch())
  }

  mutating func say(_ intent: String, slots: [String: (String?, String?)] = [:]) async throws
    -> ResponseEnvelope
  {
    try await send(RequestEnvelopes.intent(intent, slots: slots))
  }

  /// Amazon Pay answers a directive (always in a new session, as Alexa does).
  mutating func amazonPay(
    _ name: String, token: String, code: String = "200", message: String = "OK",
    payload: JSONValue?, requestId: String? = nil
  ) async throws -> ResponseEnvelope {
    sessionNew = true
    return try await send(
      RequestEnvelopes.connectionsResponse(
        name: name, code: code, message: message, token: token, payload: payload),
      requestId: requestId)
  }
}

extension ResponseEnvelope {
  /// The spoken text (PlainText, or SSML as written).
  var speech: String? { response.outputSpeech?.content }

  /// The `Connections.SendRequest` directive, if any.
  var sendRequest: (name: String, payload: JSONValue?, token: String)? {
    for directive in response.directives ?? [] {
      if case .connectionsSendRequest(let name, let payload, let token) = directive {
        return (name, payload, token)
      }
    }
    return nil
  }
}

/// Deterministic random bytes, so that tokens and ids repeat from run to run.
final class SeededRandom: @unchecked Sendable {
  private var state: UInt64
  private let lock = NSLock()

  init(seed: UInt64) { state = seed }

  func bytes(_ count: Int) -> [UInt8] {
    lock.withLock {
      (0..<count).map { _ in
        // SplitMix64.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt8(truncatingIfNeeded: z ^ (z >> 31))
      }
    }
  }
}

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
  private var current: Date
  private let lock = NSLock()

  init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = start }

  var now: Date { lock.withLock { current } }

  func advance(by interval: TimeInterval) { lock.withLock { current += interval } }
}

/// An engine for tests: the real Amazon Pay profile and money formatter, a memory store,
/// seeded randomness, a hand-moved clock.
func makeEngine(
  program: FlowProgram = NoNicksProgram.program(), store: MemoryFlowStore = MemoryFlowStore(),
  clock: TestClock = TestClock(), seed: UInt64 = 7
) -> FlowEngine {
  let random = SeededRandom(seed: seed)
  return FlowEngine(
    program: program, store: store, now: { clock.now }, randomBytes: { random.bytes($0) })
}
