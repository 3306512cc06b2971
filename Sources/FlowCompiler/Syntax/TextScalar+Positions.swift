extension TextScalar {
  /// The file range of a part of the text, given as UTF-8 offsets into ``text``.
  ///
  /// Plain and single-line quoted scalars map exactly, accounting for the quotes, `''` in
  /// single-quoted and backslash escapes in double-quoted scalars. Block scalars and scalars
  /// over several lines (folded by YAML) map to the whole scalar.
  func sourceRange(ofUTF8 part: Range<Int>, in file: SourceFile) -> SourceRange {
    guard range.start.line == range.end.line,
      style == .plain || style == .singleQuoted || style == .doubleQuoted,
      let lower = sourceOffset(ofUTF8: part.lowerBound, in: file.bytes),
      let upper = sourceOffset(ofUTF8: part.upperBound, in: file.bytes)
    else { return range }
    return SourceRange(
      start: position(ofSourceOffset: lower, in: file.bytes),
      end: position(ofSourceOffset: upper, in: file.bytes))
  }

  /// The file range of a part of the text when the file is not at hand: exact for plain
  /// scalars on one line, the whole scalar otherwise.
  func sourceRange(ofUTF8 part: Range<Int>) -> SourceRange {
    guard style == .plain, range.start.line == range.end.line,
      range.end.offset - range.start.offset == text.utf8.count
    else { return range }
    let utf8 = Array(text.utf8)
    func position(_ offset: Int) -> SourcePosition {
      let clamped = max(0, min(offset, utf8.count))
      let characters = SourcePositionTable.scalarCount(of: utf8[0..<clamped])
      return SourcePosition(
        line: range.start.line, column: range.start.column + characters,
        offset: range.start.offset + clamped)
    }
    return SourceRange(start: position(part.lowerBound), end: position(part.upperBound))
  }

  private func position(ofSourceOffset offset: Int, in bytes: [UInt8]) -> SourcePosition {
    let characters = SourcePositionTable.scalarCount(of: bytes[range.start.offset..<offset])
    return SourcePosition(
      line: range.start.line, column: range.start.column + characters, offset: offset)
  }

  /// The byte offset in the file of a UTF-8 offset into the text, or `nil` when the source
  /// does not match the text (then the caller points at the whole scalar).
  private func sourceOffset(ofUTF8 target: Int, in bytes: [UInt8]) -> Int? {
    let start = range.start.offset
    let end = min(range.end.offset, bytes.count)
    guard start <= end else { return nil }
    switch style {
    case .plain:
      guard end - start == text.utf8.count, target <= end - start else { return nil }
      return start + target
    case .singleQuoted:
      var source = start + 1
      var produced = 0
      while produced < target {
        guard source < end - 1 else { return nil }
        if bytes[source] == UInt8(ascii: "'"), source + 1 < end,
          bytes[source + 1] == UInt8(ascii: "'")
        {
          source += 2
        } else {
          source += 1
        }
        produced += 1
      }
      return source
    case .doubleQuoted:
      var source = start + 1
      var produced = 0
      while produced < target {
        guard source < end - 1 else { return nil }
        if bytes[source] == UInt8(ascii: "\\"), source + 1 < end {
          guard let (consumed, length) = Self.escape(at: source + 1, in: bytes) else { return nil }
          source += 1 + consumed
          produced += length
        } else {
          source += 1
          produced += 1
        }
      }
      return produced == target ? source : nil
    case .literal, .folded:
      return nil
    }
  }

  /// The escape after a backslash: how many source bytes it takes after the backslash and
  /// how many UTF-8 bytes it produces.
  private static func escape(at index: Int, in bytes: [UInt8]) -> (Int, Int)? {
    let letter = bytes[index]
    let hexDigits: Int
    switch letter {
    case UInt8(ascii: "x"): hexDigits = 2
    case UInt8(ascii: "u"): hexDigits = 4
    case UInt8(ascii: "U"): hexDigits = 8
    case UInt8(ascii: "N"), UInt8(ascii: "_"): return (1, 2)
    case UInt8(ascii: "L"), UInt8(ascii: "P"): return (1, 3)
    default: return (1, 1)
    }
    guard index + hexDigits < bytes.count else { return nil }
    let digits = String(decoding: bytes[(index + 1)...(index + hexDigits)], as: UTF8.self)
    guard let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
      return nil
    }
    return (1 + hexDigits, String(scalar).utf8.count)
  }
}
