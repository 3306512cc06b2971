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

  /// The state as session attributes, encoded straight to JSON values.
  ///
  /// - Returns: The attributes, with the state under ``attributeKey``.
  /// - Throws: ``FlowEngineError/sessionNotEncodable(_:)`` when a variable cannot be carried
  ///   exactly in JSON (an integer beyond ±10^15).
  public func sessionAttributes() throws -> [String: JSONValue] {
    var encoded: [String: JSONValue] = [:]
    for (name, value) in variables {
      do {
        encoded[name] = try value.jsonValue()
      } catch {
        throw FlowEngineError.sessionNotEncodable("variable '\(name)': \(error)")
      }
    }
    return [
      Self.attributeKey: .object([
        CodingKeys.flowHash.rawValue: .string(flowHash),
        CodingKeys.state.rawValue: .string(state),
        CodingKeys.locale.rawValue: .string(locale),
        CodingKeys.variables.rawValue: .object(encoded),
      ])
    ]
  }

  /// The state held in session attributes; `nil` when they hold none or hold something else
  /// (attributes come from the device side and are not trusted).
  ///
  /// Read straight from the JSON values, as the `Codable` form decodes: extra members are
  /// ignored, a missing or mistyped one is not a state, and a number the next response could
  /// not carry back exactly is not a state this engine wrote.
  public init?(sessionAttributes: [String: JSONValue]?) {
    guard case .object(let members)? = sessionAttributes?[Self.attributeKey],
      case .string(let flowHash)? = members[CodingKeys.flowHash.rawValue],
      case .string(let state)? = members[CodingKeys.state.rawValue],
      case .string(let locale)? = members[CodingKeys.locale.rawValue],
      case .object(let encodedVariables)? = members[CodingKeys.variables.rawValue]
    else { return nil }
    var variables: [String: VariableValue] = [:]
    variables.reserveCapacity(encodedVariables.count)
    for (name, encoded) in encodedVariables {
      guard let value = VariableValue(jsonValue: encoded) else { return nil }
      variables[name] = value
    }
    self.init(flowHash: flowHash, state: state, locale: locale, variables: variables)
  }
}
