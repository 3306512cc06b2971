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
  /// Every exchange so far: the request sent and the response bytes received.
  public private(set) var exchanges: [(request: Data, response: Data)] = []
  /// The token of the last `Connections.SendRequest`, until Amazon Pay's answer is sent.
  public private(set) var pendingToken: String?
  private var attributes: [String: JSONValue]?
  private var sessionNew = true

  /// Creates a customer; nothing is sent.
  public init(name: String, send: @escaping (Data) async throws -> Data) {
    self.name = name
    self.send = send
  }

  /// Sends a `request` object in an envelope.
  ///
  /// - Returns: The decoded response.
  @discardableResult
  public mutating func request(_ request: [String: JSONValue]) async throws -> ResponseEnvelope {
    let envelope = RequestEnvelopes.envelope(
      request: request, sessionNew: sessionNew, attributes: sessionNew ? nil : attributes,
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

  /// The whole No Nicks Charge Now conversation (`examples/no-nicks.yaml`): launch, yes, yes
  /// (Setup), Setup success, yes (Charge), Charge success.
  ///
  /// - Returns: The six responses, in order.
  public mutating func buyNoNicksStarterKit() async throws -> [ResponseEnvelope] {
    var responses: [ResponseEnvelope] = []
    responses.append(try await request(RequestEnvelopes.launch()))
    responses.append(try await request(RequestEnvelopes.intent("AMAZON.YesIntent")))
    responses.append(try await request(RequestEnvelopes.intent("AMAZON.YesIntent")))
    responses.append(try await pay(.setup, payload: RequestEnvelopes.setupSuccessPayload))
    responses.append(try await request(RequestEnvelopes.intent("AMAZON.YesIntent")))
    responses.append(
      try await pay(
        .charge,
        payload: RequestEnvelopes.chargePayload(
          state: "Closed", reasonCode: "MaxCapturesProcessed", amount: "9.00")))
    return responses
  }
}
