public import FlowIR
public import FlowRuntime
public import Foundation

/// A payment directive the skill sent and Amazon Pay has not answered yet.
public struct PendingPayment: Sendable {
  /// The directive's task.
  public var task: ConnectionsTaskName
  /// The directive's token, which the answer carries back.
  public var token: String
  /// The directive's payload.
  public var payload: JSONValue?
}

/// A slot the skill asked for with `Dialog.ElicitSlot`: the customer's next words answer it.
public struct PendingElicitation: Sendable, Equatable {
  /// The slot asked for.
  public var slot: String
  /// The intent with the slots already given, as the directive's `updatedIntent` holds it.
  public var intent: IntentRequest.Intent
}

/// One request and its response, as exchanged with the engine.
public struct EnvelopeExchange: Sendable {
  /// The request envelope sent, as JSON.
  public var requestJSON: Data
  /// The response envelope received, as JSON.
  public var responseJSON: Data
  /// The decoded response.
  public var response: ResponseEnvelope
  /// The states entered and transitions taken.
  public var trace: TurnTrace
}

/// One customer talking to a flow on any ``FlowRuntime/FlowEngine``: builds request envelopes
/// with ``AlexaEnvelopes``, carries the session attributes from one response to the next
/// request, remembers the payment directive waiting for an answer, and hands every envelope to
/// a recorder. The layer under ``TestConversation``; tests that bring their own engine (store,
/// clock, random bytes) drive it directly.
public struct ConversationSession {
  /// The engine that answers (unless ``transport`` is set).
  public var engine: FlowEngine
  /// When set, requests go to this transport instead of ``engine`` (``TestConversation`` sets
  /// it); the exchanges' traces are then empty: ask the transport
  /// (``SkillTransport/inspect(userId:)``).
  public var transport: (any SkillTransport)?
  /// The envelope builder.
  public var envelopes: AlexaEnvelopes
  /// The name of the conversation: names recorded envelopes and generated request ids.
  public var name: String
  /// The customer's Alexa user id.
  public var userId: String
  /// The status of the Amazon Pay permission (`GRANTED`, `DENIED`); `nil` for none.
  public var permission: String? = "GRANTED"
  /// The locale of the customer's device.
  public var locale: String
  /// `session.sessionId` of the next request.
  public var sessionId: String
  /// `request.timestamp` of the next request.
  public var timestamp: String
  /// The session attributes the next request carries (while the session is open).
  public var attributes: [String: JSONValue]?
  /// Whether the next request opens a session.
  public var sessionNew = true
  /// Whether requests are handed to `recordEnvelope` (off for requests the ASK SDK model
  /// cannot represent; requests of unknown types are never recorded).
  public var recordsRequests = true
  /// Where envelopes go: data, kind (`request`/`response`), ``name``.
  public var recordEnvelope: ((Data, String, String) -> Void)?
  /// How many sessions have ended, plus one.
  public private(set) var sessionNumber = 1
  /// How many requests were sent.
  public private(set) var step = 0
  /// The payment directive waiting for Amazon Pay's answer, if any.
  public var pendingPayment: PendingPayment?
  /// The slot the last response elicited, while the session stays open.
  public var pendingElicitation: PendingElicitation?
  /// The last exchange, if any.
  public private(set) var lastExchange: EnvelopeExchange?

  /// Creates a session; nothing is sent.
  ///
  /// - Parameters:
  ///   - engine: The engine that answers.
  ///   - envelopes: The envelope builder.
  ///   - name: Names recorded envelopes and generated request ids.
  ///   - userId: The customer's Alexa user id.
  ///   - locale: The locale of the customer's device.
  ///   - sessionId: `session.sessionId` of the requests.
  ///   - timestamp: `request.timestamp` of the requests.
  ///   - recordEnvelope: Where envelopes go, if anywhere.
  public init(
    engine: FlowEngine, envelopes: AlexaEnvelopes = .flowcTest, name: String, userId: String,
    locale: String = "en-US", sessionId: String, timestamp: String,
    recordEnvelope: ((Data, String, String) -> Void)? = nil
  ) {
    self.engine = engine
    self.envelopes = envelopes
    self.name = name
    self.userId = userId
    self.locale = locale
    self.sessionId = sessionId
    self.timestamp = timestamp
    self.recordEnvelope = recordEnvelope
  }

  /// What the last turn did to the state machine, as the engine recorded it.
  public var lastTrace: TurnTrace { lastExchange?.trace ?? TurnTrace() }

  /// Closes the session on the customer's side: the next request opens a new one.
  public mutating func startNewSession() {
    sessionNew = true
    attributes = nil
    pendingElicitation = nil
  }

  /// The envelope around a request, as the customer's device would send it now.
  ///
  /// - Parameters:
  ///   - request: The `request` object.
  ///   - requestId: The request id.
  /// - Returns: The envelope.
  public func envelope(_ request: [String: JSONValue], requestId: String) -> JSONValue {
    envelopes.envelope(
      request: request, userId: userId, permission: permission, sessionId: sessionId,
      sessionNew: sessionNew, attributes: sessionNew ? nil : attributes, locale: locale,
      requestId: requestId, timestamp: timestamp)
  }

  /// Sends a request in an envelope.
  ///
  /// - Parameters:
  ///   - request: The `request` object.
  ///   - requestId: The request id (a replay sends one twice); `nil` numbers the requests.
  /// - Returns: The response.
  /// - Throws: When the engine fails or its response does not decode.
  @discardableResult
  public mutating func send(_ request: [String: JSONValue], requestId: String? = nil)
    async throws -> ResponseEnvelope
  {
    let id = requestId ?? "amzn1.echo-api.request.\(name)-\(step + 1)"
    return try await sendRaw(CanonicalJSON.compact(envelope(request, requestId: id))).response
  }

  /// Sends a `LaunchRequest`.
  ///
  /// - Returns: The response.
  /// - Throws: When the engine fails or its response does not decode.
  @discardableResult
  public mutating func launch() async throws -> ResponseEnvelope {
    try await send(AlexaEnvelopes.launchRequest())
  }

  /// Sends an `IntentRequest`.
  ///
  /// - Parameters:
  ///   - name: The intent.
  ///   - slots: The slot values by slot name.
  /// - Returns: The response.
  /// - Throws: When the engine fails or its response does not decode.
  @discardableResult
  public mutating func intent(_ name: String, slots: [String: AlexaSlot] = [:]) async throws
    -> ResponseEnvelope
  {
    try await send(envelopes.intentRequest(name, slots: slots))
  }

  /// Sends Amazon Pay's answer to a directive, in a new session as Alexa does.
  ///
  /// - Parameters:
  ///   - name: The task (`Setup`, `Charge`).
  ///   - token: The directive's token.
  ///   - code: `status.code`.
  ///   - message: `status.message`.
  ///   - payload: The answer's payload.
  ///   - requestId: The request id; `nil` numbers the requests.
  /// - Returns: The response.
  /// - Throws: When the engine fails or its response does not decode.
  @discardableResult
  public mutating func connectionsResponse(
    _ name: String, token: String, code: String = "200", message: String = "OK",
    payload: JSONValue?, requestId: String? = nil
  ) async throws -> ResponseEnvelope {
    startNewSession()
    pendingPayment = nil
    return try await send(
      AlexaEnvelopes.connectionsResponse(
        name: name, code: code, message: message, token: token, payload: payload),
      requestId: requestId)
  }

  /// Sends a request envelope as it is, and takes the customer's side of the response: keeps
  /// the session attributes while the session stays open, and the payment directive if any.
  ///
  /// - Parameter data: The request envelope's JSON.
  /// - Returns: The exchange.
  /// - Throws: When the engine fails or its response does not decode.
  @discardableResult
  public mutating func sendRaw(_ data: Data) async throws -> EnvelopeExchange {
    step += 1
    let responseJSON: Data
    var trace = TurnTrace()
    if let transport {
      responseJSON = try await transport.answer(data)
    } else {
      (responseJSON, trace) = try await engine.handleTraced(requestJSON: data)
    }
    let response: ResponseEnvelope
    do {
      response = try CanonicalJSON.decode(ResponseEnvelope.self, from: responseJSON)
    } catch {
      throw ConversationError(
        "the answer is not an Alexa response envelope: \(String(describing: error).prefix(300))")
    }
    // Only when recording: telling an unknown request type costs a second decoding.
    if let recordEnvelope {
      if recordsRequests, !Self.isUnknownType(data) { recordEnvelope(data, "request", name) }
      recordEnvelope(responseJSON, "response", name)
    }
    if response.response.shouldEndSession == false {
      attributes = response.sessionAttributes
      sessionNew = false
    } else {
      if !sessionNew { sessionNumber += 1 }
      startNewSession()
    }
    pendingElicitation = nil
    for directive in response.response.directives ?? [] {
      switch directive {
      case .connectionsSendRequest(let name, let payload, let token):
        if let task = ConnectionsTaskName(rawValue: name) {
          pendingPayment = PendingPayment(task: task, token: token, payload: payload)
        }
      case .dialogElicitSlot(let slot, let intent):
        if response.response.shouldEndSession != true {
          pendingElicitation = PendingElicitation(slot: slot, intent: intent)
        }
      case .other:
        break
      }
    }
    let exchange = EnvelopeExchange(
      requestJSON: data, responseJSON: responseJSON, response: response, trace: trace)
    lastExchange = exchange
    return exchange
  }

  /// Whether an envelope carries a request type the ASK SDK model has no class for.
  static func isUnknownType(_ data: Data) -> Bool {
    guard let request = try? CanonicalJSON.decode(RequestEnvelope.self, from: data) else {
      return false
    }
    if case .unknown = request.request { return true }
    return false
  }
}
