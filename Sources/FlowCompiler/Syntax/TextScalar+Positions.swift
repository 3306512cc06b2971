extension TextScalar {
  /// The file range of a part of the text, given as UTF-8 offsets into ``text``.
  ///
  /// Plain and single-line quoted scalars map exactly, accounting for the quotes, `''` in
  /// single-quoted and backslash escapes in double-quoted scalars. Block scalars and scalars
  /// over several lines (folded by YAML) map to the whole scalar.
  ///
  /// Walks the scalar from its start: for many ranges of one scalar (every placeholder of a
  /// prompt, every term of a condition) use one ``TextScalarPositions`` instead.
  func sourceRange(ofUTF8 part: Range<Int>, in file: SourceFile) -> SourceRange {
    var positions = TextScalarPositions(self, in: file)
    return positions.sourceRange(ofUTF8: part)
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

  /// The escape after a backslash: how many source bytes it takes after the backslash and
  /// how many UTF-8 bytes it produces.
  static func escape(at index: Int, in bytes: [UInt8]) -> (Int, Int)? {
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

/// Maps UTF-8 offsets of a scalar's text to file positions, walking the source once for
/// offsets asked in increasing order (as placeholders and condition terms are): the positions
/// of all placeholders of a prompt cost one pass over it, not one pass each.
struct TextScalarPositions {
  private let scalar: TextScalar
  private let bytes: [UInt8]
  /// Whether the scalar maps exactly (one line; plain, single- or double-quoted).
  private let exact: Bool
  /// Where the text starts in the file (after an opening quote) and its column.
  private let first: (source: Int, column: Int)
  /// The last position reached: UTF-8 offset in the text, byte offset and column in the file.
  private var cursor: (produced: Int, source: Int, column: Int)
  /// How many source bytes the walks have passed so far (what a lookup costs).
  private(set) var steps = 0

  /// The positions of one scalar of a file.
  init(_ scalar: TextScalar, in file: SourceFile) {
    self.scalar = scalar
    bytes = file.bytes
    let range = scalar.range
    let end = min(range.end.offset, bytes.count)
    var exact =
      range.start.line == range.end.line && range.start.offset <= end
      && (scalar.style == .plain || scalar.style == .singleQuoted
        || scalar.style == .doubleQuoted)
    if scalar.style == .plain, end - range.start.offset != scalar.text.utf8.count { exact = false }
    self.exact = exact
    let quote = scalar.style == .plain ? 0 : 1
    first = (range.start.offset + quote, range.start.column + quote)
    cursor = (0, first.source, first.column)
  }

  /// The file range of `part` (UTF-8 offsets into the text); the whole scalar when the
  /// scalar does not map exactly or an offset falls inside an escape.
  mutating func sourceRange(ofUTF8 part: Range<Int>) -> SourceRange {
    guard exact, let lower = position(ofUTF8: part.lowerBound),
      let upper = position(ofUTF8: part.upperBound)
    else { return scalar.range }
    return SourceRange(start: lower, end: upper)
  }

  /// The file ranges of several parts (UTF-8 offsets into the text), as
  /// ``sourceRange(ofUTF8:)`` gives each, in one walk over the text however the parts are
  /// ordered or nest: their offsets are looked up in increasing order.
  mutating func sourceRanges(ofUTF8 parts: [Range<Int>]) -> [SourceRange] {
    guard exact else { return parts.map { _ in scalar.range } }
    var positions: [Int: SourcePosition] = [:]
    for offset in Set(parts.flatMap { [$0.lowerBound, $0.upperBound] }).sorted() {
      positions[offset] = position(ofUTF8: offset)
    }
    return parts.map { part in
      guard let lower = positions[part.lowerBound], let upper = positions[part.upperBound] else {
        return scalar.range
      }
      return SourceRange(start: lower, end: upper)
    }
  }

  /// The file position of a UTF-8 offset into the text, or `nil` when the source does not
  /// match the text.
  private mutating func position(ofUTF8 target: Int) -> SourcePosition? {
    if target < cursor.produced { cursor = (0, first.source, first.column) }
    let end = min(scalar.range.end.offset, bytes.count)
    // The last byte a quoted scalar's text may use (before its closing quote).
    let limit = scalar.style == .plain ? end : end - 1
    var (produced, source, column) = cursor
    while produced < target {
      guard source < limit else { return nil }
      var consumed = 1
      var length = 1
      switch scalar.style {
      case .singleQuoted:
        if bytes[source] == UInt8(ascii: "'"), source + 1 < end,
          bytes[source + 1] == UInt8(ascii: "'")
        {
          consumed = 2
        }
      case .doubleQuoted:
        if bytes[source] == UInt8(ascii: "\\"), source + 1 < end {
          guard let (escaped, produces) = TextScalar.escape(at: source + 1, in: bytes) else {
            return nil
          }
          consumed = 1 + escaped
          length = produces
        }
      default:
        break
      }
      for offset in source..<(source + consumed) where bytes[offset] & 0xC0 != 0x80 {
        column += 1
      }
      source += consumed
      produced += length
      steps += consumed
    }
    guard produced == target else { return nil }
    cursor = (produced, source, column)
    return SourcePosition(line: scalar.range.start.line, column: column, offset: source)
  }
}
