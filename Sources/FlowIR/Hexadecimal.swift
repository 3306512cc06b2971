/// Lowercase hexadecimal text of bytes: the digests in `flow_hash` and in the store's keys of
/// answered requests.
///
/// Written out by hand because `String(format: "%02x")` parses a format and builds a
/// Foundation string for every byte: for a SHA-256 digest that was a quarter of a served
/// launch turn's CPU time (`benchmarks/serve/profile.sh`).
public enum Hexadecimal {
  /// The sixteen digits, lowercase, as UTF-8 bytes.
  static let digits = Array("0123456789abcdef".utf8)

  /// The bytes as lowercase hexadecimal, two digits each, most significant first.
  ///
  /// - Parameter bytes: The bytes.
  /// - Returns: The text, twice as many characters as there are bytes.
  public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
    var text: [UInt8] = []
    text.reserveCapacity(bytes.underestimatedCount * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
