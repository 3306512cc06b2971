/// Strict UTF-8 validation of a file's bytes, done before libyaml sees them so that the error
/// points at the first bad byte and libyaml's own encoding guesses never come into play.
enum UTF8Validation {
  /// What is wrong with the encoding of a file.
  enum Problem: Equatable {
    /// The file starts with a UTF-16 (or UTF-32) byte order mark.
    case utf16ByteOrderMark
    /// The byte at this offset starts no well-formed UTF-8 sequence: a stray continuation
    /// byte, or the first byte of a truncated sequence, an overlong form, a surrogate, or a value
    /// above U+10FFFF.
    case invalidByte(offset: Int, value: UInt8)
  }

  /// The length of a UTF-8 byte order mark at the start of `bytes` (3), or 0.
  static func byteOrderMarkLength(_ bytes: [UInt8]) -> Int {
    bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
  }

  /// The first encoding problem of `bytes`, or `nil` when they are well-formed UTF-8.
  static func firstProblem(in bytes: [UInt8]) -> Problem? {
    if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE])
      || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF])
    {
      return .utf16ByteOrderMark
    }
    return bytes.withUnsafeBufferPointer { buffer -> Problem? in
      let count = buffer.count
      var index = 0
      while index < count {
        let lead = buffer[index]
        if lead < 0x80 {
          // ASCII runs (nearly all of a flow file) are skipped eight bytes at a time.
          index = firstNonASCII(in: buffer, from: index + 1)
          continue
        }
        // The allowed range of the second byte narrows for E0, ED, F0 and F4 (Unicode table 3-7),
        // which rules out overlong forms, surrogates and values above U+10FFFF.
        let length: Int
        var secondLow: UInt8 = 0x80
        var secondHigh: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
          length = 3
          secondLow = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
          length = 3
          secondHigh = 0x9F
        case 0xF0:
          length = 4
          secondLow = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
          length = 4
          secondHigh = 0x8F
        default: return .invalidByte(offset: index, value: lead)
        }
        for position in 1..<length {
          let at = index + position
          guard at < count else { return .invalidByte(offset: index, value: lead) }
          let byte = buffer[at]
          let low = position == 1 ? secondLow : 0x80
          let high = position == 1 ? secondHigh : 0xBF
          guard byte >= low, byte <= high else {
            return .invalidByte(offset: index, value: lead)
          }
        }
        index += length
      }
      return nil
    }
  }

  /// The offset of the first byte at or after `start` that is not ASCII (`buffer.count` when
  /// there is none), reading eight bytes at a time.
  ///
  /// - Parameters:
  ///   - buffer: The bytes.
  ///   - start: Where to start, in `0...buffer.count`.
  /// - Returns: The offset.
  static func firstNonASCII(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    let count = buffer.count
    var index = start
    if let base = buffer.baseAddress {
      let raw = UnsafeRawPointer(base)
      while index + 8 <= count,
        raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        index += 8
      }
    }
    while index < count, buffer[index] < 0x80 { index += 1 }
    return index
  }
}
