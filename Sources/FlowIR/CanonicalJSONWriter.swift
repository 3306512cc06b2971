public import Foundation

extension CanonicalJSON {
  /// Compact canonical JSON of a JSON value, written directly.
  ///
  /// The bytes are those `JSONEncoder` writes with the canonical options (tested against it),
  /// written without building a tree of the value first: the runtime writes the sealed session
  /// state this way on every turn.
  ///
  /// - Parameter value: The value to encode.
  /// - Returns: The bytes.
  /// - Throws: `EncodingError` for a number JSON cannot carry (not finite).
  public static func compact(_ value: JSONValue) throws -> Data {
    var writer = CanonicalJSONWriter()
    try writer.write(value)
    return Data(writer.bytes)
  }
}

/// Writes ``JSONValue``s as ``CanonicalJSON/compact(_:)-(JSONValue)`` does: keys sorted by
/// their UTF-8 bytes, no white space, `/` unescaped, `"`, `\` and control characters escaped
/// as `JSONEncoder` escapes them, whole numbers below 10^15 as integers.
struct CanonicalJSONWriter {
  private(set) var bytes: [UInt8] = []

  init() {
    bytes.reserveCapacity(256)
  }

  mutating func write(_ value: JSONValue) throws {
    switch value {
    case .null: bytes.append(contentsOf: "null".utf8)
    case .bool(let value): bytes.append(contentsOf: (value ? "true" : "false").utf8)
    case .number(let value): try writeNumber(value)
    case .string(let value): writeString(value)
    case .array(let elements):
      bytes.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        try write(element)
      }
      bytes.append(UInt8(ascii: "]"))
    case .object(let members):
      bytes.append(UInt8(ascii: "{"))
      let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      for (index, key) in keys.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
        // The key comes from the dictionary itself.
        try write(members[key] ?? .null)
      }
      bytes.append(UInt8(ascii: "}"))
    }
  }

  /// A number as ``JSONValue`` encodes it: whole numbers below 10^15 as integers; any other
  /// through the canonical encoder, as `JSONEncoder` writes a `Double` (its shortest digits).
  private mutating func writeNumber(_ value: Double) throws {
    if let integer = JSONValue.integerForm(of: value) {
      bytes.append(contentsOf: String(integer).utf8)
      return
    }
    // Encoded inside an array, as it would be nested, and the brackets dropped.
    let encoded = try CanonicalJSON.compact([value])
    bytes.append(contentsOf: encoded.dropFirst().dropLast())
  }

  private mutating func writeString(_ text: String) {
    CanonicalJSONEncoding.appendString(text, to: &bytes)
  }

}
