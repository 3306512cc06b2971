public import Foundation

/// Any JSON value, with object keys kept in a dictionary (key order is not significant in JSON).
///
/// Used for Connections payloads, which the runtime builds from templates and reads from
/// `Connections.Response` requests without fixing every field in a Swift type.
public indirect enum JSONValue: Sendable, Equatable, Hashable, Codable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    // A decoder cannot say what kind of value it holds: kinds are tried in turn, and each
    // miss costs a thrown `DecodingError`. The kinds requests carry most come first (strings in
    // payloads, objects in session attributes and interfaces). A container that fails inside
    // (a member that is no JSON value) is an error at once, with its own path: trying other
    // kinds would only replace it with a vaguer one.
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try Self.decode([String: JSONValue].self, ifKindOf: container) {
      self = .object(value)
    } else if let value = try Self.decode([JSONValue].self, ifKindOf: container) {
      self = .array(value)
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else {
      self = .number(try container.decode(Double.self))
    }
  }

  /// Decodes a `T`, or `nil` when the value is of another kind (a type mismatch at the
  /// container's own path, not inside it).
  private static func decode<T: Decodable>(
    _ type: T.Type, ifKindOf container: any SingleValueDecodingContainer
  ) throws -> T? {
    do {
      return try container.decode(type)
    } catch DecodingError.typeMismatch(_, let context)
      where context.codingPath.count <= container.codingPath.count
    {
      return nil
    }
  }

  /// Encodes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .number(let value):
      if let integer = Self.integerForm(of: value) {
        try container.encode(integer)
      } else {
        try container.encode(value)
      }
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }

  /// The integer a number is written as: a whole number below 10^15 in magnitude, which a
  /// `Double` holds exactly; `nil` for any other number, written in `Double`'s own form.
  ///
  /// - Parameter number: The number.
  /// - Returns: The integer, if the number is written as one.
  package static func integerForm(of number: Double) -> Int64? {
    guard number.rounded() == number, abs(number) < 1e15 else { return nil }
    return Int64(number)
  }

  /// The member `key` of an object.
  public subscript(key: String) -> JSONValue? {
    if case .object(let object) = self { return object[key] }
    return nil
  }

  /// The string, if this is a string.
  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }
}
