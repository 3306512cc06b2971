public import Foundation

/// The one JSON encoding flowc writes: sorted keys and unescaped slashes, so that the same
/// value always gives the same bytes, compact for machines (stored responses, session
/// attributes, hashes) or pretty for people (`flowc compile`, `flowc run`, reports).
///
/// Every module encodes through here instead of configuring its own `JSONEncoder`. The bytes
/// are those of `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` (and
/// `.prettyPrinted`), written by ``CanonicalJSONEncoding``, which is several times faster.
public enum CanonicalJSON {
  /// Compact JSON: no white space between tokens, no final newline.
  ///
  /// - Parameter value: The value to encode.
  /// - Returns: The bytes.
  /// - Throws: `EncodingError` when the value cannot be encoded (a non-finite number, say).
  public static func compact(_ value: some Encodable) throws -> Data {
    Data(try CanonicalJSONEncoding.encode(value, pretty: false))
  }

  /// Pretty JSON for people: two-space indentation and a final newline.
  ///
  /// - Parameter value: The value to encode.
  /// - Returns: The bytes.
  /// - Throws: `EncodingError` when the value cannot be encoded.
  public static func pretty(_ value: some Encodable) throws -> Data {
    var bytes = try CanonicalJSONEncoding.encode(value, pretty: true)
    bytes.append(UInt8(ascii: "\n"))
    return Data(bytes)
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
}
