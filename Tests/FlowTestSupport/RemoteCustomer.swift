public import FlowIR
public import FlowRuntime
public import Foundation

/// The customer of the reference envelopes talking to a skill through any transport (HTTP to
/// `flowc serve`, a router in memory): builds each request envelope, keeps the session
/// attributes while the session stays open, and remembers the last payment directive's token.
public struct RemoteCustomer {
  /// Sends a request envelope's JSON and returns the response envelope's JSON.
  public var send: (Data) async throws -> Data
  /// Names the request ids (`amzn1.echo-api.request.<name>-1`, …).
  public var name: String
  /// The Alexa user id of every request.
  public var userId: String
  /// `session.sessionId` of every request.
  public var sessionId: String
  /// Every exchange so far: the request sent and the response bytes received.
  public private(set) var exchanges: [(request: Data, response: Data)] = []
  /// The token of the last `Connections.SendRequest`, until Amazon Pay's answer is sent.
  public private(set) var pendingToken: String?
  private var attributes: [String: JSONValue]?
  private var sessionNew = true

  /// Creates a customer; nothing is sent.
  ///
  /// - Parameters:
  ///   - name: Names the request ids.
  ///   - userId: The Alexa user; the shopper of the reference envelopes by default.
  ///   - sessionId: The session id; the reference envelopes' by default.
  ///   - send: The transport.
  public init(
    name: String, userId: String = RequestEnvelopes.shopper,
    sessionId: String = RequestEnvelopes.sessionId, send: @escaping (Data) async throws -> Data
  ) {
    self.name = name
    self.userId = userId
    self.sessionId = sessionId
    self.send = send
  }

  /// Sends a `request` object in an envelope.
  ///
  /// - Returns: The decoded response.
  @discardableResult
  public mutating func request(_ request: [String: JSONValue]) async throws -> ResponseEnvelope {
    let envelope = RequestEnvelopes.envelope(
      request: request, userId: userId, sessionId: sessionId, sessionNew: sessionNew,
      attributes: sessionNew ? nil : attributes,
      requestId: "amzn1.echo-api.request.\(name)-\(exchanges.count + 1)")
    let data = try CanonicalJSON.compact(envelope)
    let responseData = try await send(data)
    exchanges.append((data, responseData))
    let response = try CanonicalJSON.decode(ResponseEnvelope.self, from: responseData)
    if response.response.shouldEndSession == false {
      attributes = response.sessionAttributes
      sessionNew = false
    } else {
      attributes = nil
      sessionNew = true
    }
    for case .connectionsSendRequest(_, _, let token) in response.response.directives ?? [] {
      pendingToken = token
    }
    return response
  }

  /// Sends Amazon Pay's answer to the pending directive, in a new session as Alexa does.
  @discardableResult
  public mutating func pay(_ task: ConnectionsTaskName, payload: JSONValue) async throws
    -> ResponseEnvelope
  {
    let token = pendingToken ?? "no-pending-directive"
    pendingToken = nil
    attributes = nil
    sessionNew = true
    return try await request(
      RequestEnvelopes.connectionsResponse(
        name: task.rawValue, code: "200", message: "OK", token: token, payload: payload))
  }

  /// Takes one turn of the No Nicks Charge Now conversation (`examples/no-nicks.yaml`); the
  /// turns must come in ``NoNicksTurn`` order.
  ///
  /// - Returns: The response.
  @discardableResult
  public mutating func take(_ turn: NoNicksTurn) async throws -> ResponseEnvelope {
    switch turn {
    case .launch:
      try await request(RequestEnvelopes.launch())
    case .confirmKit, .startSetup, .startCharge:
      try await request(RequestEnvelopes.intent("AMAZON.YesIntent"))
    case .answerSetup:
      try await pay(.setup, payload: RequestEnvelopes.setupSuccessPayload)
    case .answerCharge:
      try await pay(
        .charge,
        payload: RequestEnvelopes.chargePayload(
          state: "Closed", reasonCode: "MaxCapturesProcessed", amount: "9.00"))
    }
  }

  /// The whole No Nicks Charge Now conversation (`examples/no-nicks.yaml`): launch, yes, yes
  /// (Setup), Setup success, yes (Charge), Charge success.
  ///
  /// - Returns: The six responses, in order.
  public mutating func buyNoNicksStarterKit() async throws -> [ResponseEnvelope] {
    var responses: [ResponseEnvelope] = []
    for turn in NoNicksTurn.allCases { responses.append(try await take(turn)) }
    return responses
  }
}

/// The turns of the No Nicks Charge Now conversation, in order (``RemoteCustomer/take(_:)``).
public enum NoNicksTurn: Int, CaseIterable, Sendable {
  /// `LaunchRequest`: the welcome offers the starter kit.
  case launch
  /// Yes: 1 starter kit, confirm?
  case confirmKit
  /// Yes: the Amazon Pay Setup directive.
  case startSetup
  /// Amazon Pay's Setup success (a `Connections.Response`): the total, buy?
  case answerSetup
  /// Yes: the Amazon Pay Charge directive.
  case startCharge
  /// Amazon Pay's Charge success (a `Connections.Response`): the order is placed.
  case answerCharge

  /// Whether the turn's answer is a `Connections.SendRequest` directive.
  public var sendsDirective: Bool { self == .startSetup || self == .startCharge }

  /// Whether the turn is Amazon Pay's `Connections.Response` to a directive.
  public var answersDirective: Bool { self == .answerSetup || self == .answerCharge }
}
