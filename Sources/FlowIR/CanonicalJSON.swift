public import Foundation

/// The one JSON encoding flowc writes: sorted keys and unescaped slashes, so that the same
/// value always gives the same bytes, compact for machines (stored responses, session
/// attributes, hashes) or pretty for people (`flowc compile`, `flowc run`, reports).
///
/// Every module encodes through here instead of configuring its own `JSONEncoder`.
public enum CanonicalJSON {
  /// Compact JSON: no white space between tokens, no final newline.
  ///
  /// - Parameter value: The value to encode.
  /// - Returns: The bytes.
  /// - Throws: `EncodingError` when the value cannot be encoded (a non-finite number, say).
  public static func compact(_ value: some Encodable) throws -> Data {
    try compactEncoder.encode(value)
  }

  /// Pretty JSON for people: two-space indentation and a final newline.
  ///
  /// - Parameter value: The value to encode.
  /// - Returns: The bytes.
  /// - Throws: `EncodingError` when the value cannot be encoded.
  public static func pretty(_ value: some Encodable) throws -> Data {
    var data = try prettyEncoder.encode(value)
    data.append(UInt8(ascii: "\n"))
    return data
  }

  /// Decodes JSON into a value (the decoding side of the same format).
  ///
  /// - Parameters:
  ///   - type: The type to decode.
  ///   - data: The JSON.
  /// - Returns: The value.
  /// - Throws: `DecodingError` when the bytes are not JSON of that shape.
  public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
    try JSONDecoder().decode(type, from: data)
  }

  private static var compactEncoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  private static var prettyEncoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return encoder
  }
}
