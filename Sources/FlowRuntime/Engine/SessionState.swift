public import FlowIR
internal import Foundation

/// Where a conversation stands between turns of one session, carried in the response's
/// session attributes under the key ``SessionState/attributeKey``.
public struct SessionState: Codable, Sendable, Equatable {
  /// The session attribute that holds the state.
  public static let attributeKey = "flowc"

  /// The flow hash of the program that wrote the state.
  public var flowHash: String
  /// The `ask` state the conversation waits in.
  public var state: String
  /// The conversation's locale.
  public var locale: String
  /// The stored variables.
  public var variables: [String: VariableValue]

  /// Creates a session state.
  public init(flowHash: String, state: String, locale: String, variables: [String: VariableValue]) {
    self.flowHash = flowHash
    self.state = state
    self.locale = locale
    self.variables = variables
  }

  enum CodingKeys: String, CodingKey {
    case flowHash = "flow_hash"
    case state, locale, variables
  }

  /// The state as session attributes.
  public func sessionAttributes() throws -> [String: JSONValue] {
    let data = try JSONEncoder().encode(self)
    return [Self.attributeKey: try JSONDecoder().decode(JSONValue.self, from: data)]
  }

  /// The state held in session attributes; `nil` when they hold none or hold something else
  /// (attributes come from the device side and are not trusted).
  public init?(sessionAttributes: [String: JSONValue]?) {
    guard let value = sessionAttributes?[Self.attributeKey],
      let data = try? JSONEncoder().encode(value),
      let state = try? JSONDecoder().decode(SessionState.self, from: data)
    else { return nil }
    self = state
  }
}
