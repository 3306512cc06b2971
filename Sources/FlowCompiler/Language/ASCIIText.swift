/// Byte-level character classes for ASCII text: the fast paths of checks that would otherwise
/// ask Unicode for the properties of every `Character` (a table lookup per character). Each
/// answer equals what `Character`'s property gives for the same ASCII character.
enum ASCIIText {
  /// Whether every byte of a text is ASCII, read eight bytes at a time from the string's own
  /// storage.
  static func isASCII(_ text: String) -> Bool {
    text.utf8.withContiguousStorageIfAvailable {
      UTF8Validation.firstNonASCII(in: $0, from: 0) == $0.count
    } ?? text.utf8.allSatisfy { $0 < 0x80 }
  }

  /// `\t`, `\n`, `\u{0B}`, `\u{0C}`, `\r` or space: the ASCII characters whose
  /// `Character.isWhitespace` is true.
  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte)
  }

  /// `0`–`9`: the ASCII characters whose `Character.isNumber` is true.
  static func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  /// The byte with `A`–`Z` turned into `a`–`z`, as `String.lowercased()` maps ASCII.
  static func lowercased(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 0x20 : byte
  }
}
