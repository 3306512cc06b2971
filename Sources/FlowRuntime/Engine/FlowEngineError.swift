internal import Foundation

/// Why the engine could not answer a request at all. Everything else (unknown tokens, flows
/// changed under a customer, unknown request types) gets a valid response instead.
public enum FlowEngineError: Error, Equatable, CustomStringConvertible {
  /// The input is not a request envelope; the detail is one line.
  case malformedRequest(String)
  /// The conversation's variables cannot be written to the session attributes (an integer
  /// too large for JSON to carry exactly); the detail names the variable. Nothing is stored.
  case sessionNotEncodable(String)

  /// A one-line text for messages and logs.
  public var description: String {
    switch self {
    case .malformedRequest(let detail): "malformed request envelope: \(detail)"
    case .sessionNotEncodable(let detail): "cannot encode the session attributes: \(detail)"
    }
  }

  /// One line that says what is wrong with a request that failed to decode.
  static func malformed(_ error: any Error, data: Data) -> FlowEngineError {
    if data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
      return .malformedRequest("the input is empty")
    }
    guard let decodingError = error as? DecodingError else {
      return .malformedRequest(oneLine(String(describing: error)))
    }
    switch decodingError {
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty {
        return .malformedRequest("the input is not valid JSON")
      }
      return .malformedRequest("invalid value at '\(path(context.codingPath))'")
    case .keyNotFound(let key, let context):
      return .malformedRequest("missing field '\(path(context.codingPath + [key]))'")
    case .typeMismatch(let type, let context):
      let location = context.codingPath.isEmpty ? "the top level" : "'\(path(context.codingPath))'"
      return .malformedRequest("expected \(describe(type)) at \(location)")
    case .valueNotFound(let type, let context):
      return .malformedRequest("expected \(describe(type)) at '\(path(context.codingPath))'")
    @unknown default:
      return .malformedRequest(oneLine(String(describing: error)))
    }
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    var text = ""
    for key in keys {
      if let index = key.intValue {
        text += "[\(index)]"
      } else {
        text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
      }
    }
    return text
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Bool.Type: "a boolean"
    case is Int.Type, is Int64.Type, is Double.Type: "a number"
    default: "an object"
    }
  }

  private static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ")
  }
}
