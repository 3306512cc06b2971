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
    Data(try prettyBytes(value))
  }

  /// The bytes of ``pretty(_:)`` in an array, for a caller that works on them as they are: the
  /// compiler writes `flow_hash` into the IR's JSON in place and writes the array to a file,
  /// where a `Data` would be one more copy of several megabytes.
  ///
  /// - Parameters:
  ///   - value: The value to encode.
  ///   - expectedSize: About how many bytes the JSON takes, when the caller knows: the buffer
  ///     it is written into then starts that large instead of doubling (and copying) its way
  ///     there. The pages of too large an estimate are never touched.
  ///   - spareCapacity: Room for this many more bytes in the array, so that adding them does
  ///     not copy it.
  /// - Returns: The bytes.
  /// - Throws: `EncodingError` when the value cannot be encoded.
  public static func prettyBytes(
    _ value: some Encodable, expectedSize: Int = 0, spareCapacity: Int = 0
  ) throws -> [UInt8] {
    try CanonicalJSONEncoding.encode(
      value, pretty: true, finalNewline: true, expectedSize: expectedSize,
      spareCapacity: spareCapacity)
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
