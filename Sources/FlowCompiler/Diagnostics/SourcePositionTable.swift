#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one source-position table of a file: where every line starts, and how byte offsets
/// and libyaml's character indexes map to lines and Unicode-scalar columns.
///
/// Built once per file in one pass over its bytes, it serves the loader (every node's range),
/// ``SourceFile/position(ofOffset:)`` and ``SourceFile/lineText(_:)``, and the renderers
/// (the source line under a diagnostic), so positions are computed one way only and a large
/// file stays linear.
///
/// libyaml counts `mark.index` in characters (Unicode scalars, a CRLF counting as two) of the
/// text it was given, which starts after any UTF-8 byte order mark. Diagnostics need byte
/// offsets and columns (in Unicode scalars) of the file, so the table records, in one pass over the
/// bytes, where every line starts (in bytes and in Unicode scalars) and the byte offset of every
/// 64th character. A lookup is then a binary search over line starts plus a walk over at most
/// 63 characters, instead of a scan from the start of the file.
///
/// A text that is all ASCII (nearly every flow file) needs neither: a character index is a
/// byte offset, so the table then holds only where lines start, found with `memchr`.
///
/// Lines end at `\n` only, as in ``SourceFile/position(ofOffset:)``. A byte order mark is not
/// counted as a column: it is invisible in a terminal, so carets stay aligned without it.
package struct SourcePositionTable {
  /// Characters between two checkpoints.
  private static let checkpointStride = 64

  /// The file's bytes.
  private let bytes: [UInt8]
  /// The byte offset where libyaml's text starts: 3 after a UTF-8 byte order mark, else 0.
  private let textStart: Int
  /// Whether every byte of the text is ASCII, so a character index is a byte offset.
  private let isASCII: Bool
  /// The number of characters of the text.
  let characterCount: Int
  /// The byte offset (in the file) of every `checkpointStride`-th character of the text;
  /// empty when the text is ASCII.
  private var checkpoints = Offsets()
  /// The byte offset (in the file) of the first byte of every line.
  private var lineStartOffsets = Offsets([0])
  /// The character index (in the text) of the first character of every line; empty when the
  /// text is ASCII (see ``lineStartCharacter(_:)``).
  private var lineStartCharacters = Offsets()
  /// The line of the last lookup: libyaml's marks mostly move forward, so the next lookup is
  /// usually on the same line or the next.
  private var lastLine = 0

  /// Builds the table for a file whose text (what libyaml reads) starts at `textStart`.
  ///
  /// Character indexes are only meaningful when the bytes are valid UTF-8 from `textStart` on;
  /// byte-offset lookups and line texts work on any bytes.
  ///
  /// - Parameters:
  ///   - bytes: The file's bytes.
  ///   - textStart: Where the text starts: after a byte order mark, or 0 to count it.
  package init(bytes: [UInt8], textStart: Int = 0) {
    self.bytes = bytes
    self.textStart = textStart
    let start = min(max(textStart, 0), bytes.count)
    let asciiOnly = bytes.withUnsafeBufferPointer {
      UTF8Validation.firstNonASCII(in: $0, from: start) == $0.count
    }
    isASCII = asciiOnly
    if asciiOnly {
      characterCount = bytes.count - start
      lineStartOffsets = Self.asciiLineStarts(of: bytes, from: start)
      return
    }
    var checkpoints = Offsets()
    var lineStartOffsets = Offsets([0])
    var lineStartCharacters = Offsets([0])
    var characterIndex = 0
    checkpoints.reserveCapacity(bytes.count / Self.checkpointStride + 1)
    bytes.withUnsafeBufferPointer { buffer in
      var offset = start
      while offset < buffer.count {
        let byte = buffer[offset]
        if byte & 0xC0 != 0x80 {
          // The first byte of a character.
          if characterIndex % Self.checkpointStride == 0 { checkpoints.append(offset) }
          characterIndex += 1
          if byte == UInt8(ascii: "\n") {
            lineStartOffsets.append(offset + 1)
            lineStartCharacters.append(characterIndex)
          }
        }
        offset += 1
      }
    }
    self.characterCount = characterIndex
    self.checkpoints = checkpoints
    self.lineStartOffsets = lineStartOffsets
    self.lineStartCharacters = lineStartCharacters
  }

  /// Where the lines of an ASCII text start: 0, then one past every `\n` from `start` on.
  private static func asciiLineStarts(of bytes: [UInt8], from start: Int) -> Offsets {
    var starts = Offsets([0])
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = start
      while offset < buffer.count,
        let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), buffer.count - offset)
      {
        offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found)) + 1
        starts.append(offset)
      }
    }
    return starts
  }

  /// The character index (in the text) of the first character of a 0-based line.
  private func lineStartCharacter(_ line: Int) -> Int {
    guard isASCII else { return lineStartCharacters[line] }
    return line == 0 ? 0 : lineStartOffsets[line] - textStart
  }

  /// The position of a character index of libyaml's text (clamped to the text).
  package mutating func position(ofCharacterIndex index: Int) -> SourcePosition {
    let character = max(0, min(index, characterCount))
    let offset = byteOffset(ofCharacterIndex: character)
    let line = lineIndex(containingOffset: offset)
    return SourcePosition(
      line: line + 1,
      column: character - lineStartCharacter(line) + 1,
      offset: offset
    )
  }

  /// The position of a byte offset of the file (clamped to the file).
  ///
  /// Slower than ``position(ofCharacterIndex:)`` on long lines (it counts the characters of the
  /// line), so it is meant for the odd diagnostic, not for every node.
  package mutating func position(ofOffset offset: Int) -> SourcePosition {
    let clamped = max(0, min(offset, bytes.count))
    let line = lineIndex(containingOffset: clamped)
    let lineStart = max(lineStartOffsets[line], line == 0 ? textStart : 0)
    let column = 1 + Self.scalarCount(of: bytes[min(lineStart, clamped)..<clamped])
    return SourcePosition(line: line + 1, column: column, offset: clamped)
  }

  /// The number of lines: one more than the number of `\n`.
  package var lineCount: Int { lineStartOffsets.count }

  /// The text of a 1-based line without its line break (and without a `\r` before it), or
  /// `nil` past the end or when the line is not valid UTF-8.
  ///
  /// - Parameter line: The 1-based line.
  /// - Returns: The line's text.
  package func lineText(_ line: Int) -> String? {
    guard line >= 1, line <= lineStartOffsets.count else { return nil }
    let start = lineStartOffsets[line - 1]
    var end = line < lineStartOffsets.count ? lineStartOffsets[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return String(validating: bytes[start..<end], as: UTF8.self)
  }

  /// A part of a line around a column: the whole line when it has at most `width` Unicode
  /// scalars, else `width` scalars around the column (a third of them before it), so that
  /// echoing a long line under every diagnostic on it costs the window, not the line.
  ///
  /// Constant time in the line's length (a binary search, a checkpoint and a walk over the
  /// window), so diagnostics on a megabyte-long line are rendered in linear time.
  ///
  /// - Parameters:
  ///   - line: The 1-based line.
  ///   - column: The 1-based column, in Unicode scalars; clamped to the line.
  ///   - width: The most scalars to return.
  /// - Returns: The window, or `nil` past the end or when the window is not valid UTF-8.
  package func lineWindow(_ line: Int, around column: Int, width: Int) -> LineWindow? {
    guard line >= 1, line <= lineStartOffsets.count, width > 0 else { return nil }
    var start = lineStartOffsets[line - 1]
    var end = line < lineStartOffsets.count ? lineStartOffsets[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    // Short lines (in bytes, so at most `width` scalars) are echoed whole, as they are.
    if end - start <= width {
      guard let text = String(validating: bytes[start..<end], as: UTF8.self) else { return nil }
      return LineWindow(text: text, column: column, clippedBefore: false, clippedAfter: false)
    }
    // The characters of the line as the table counts them (from `textStart` on line 1).
    var firstCharacter = lineStartCharacter(line - 1)
    if line == 1, textStart == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      // Columns do not count a byte order mark; this table (built from 0) does.
      firstCharacter += 1
      start += 3
    } else if line == 1 {
      start = max(start, textStart)
    }
    let lineEnd = line < lineStartOffsets.count ? lineStartOffsets[line] - 1 : bytes.count
    let lastCharacter = max(
      firstCharacter,
      (line < lineStartOffsets.count ? lineStartCharacter(line) - 1 : characterCount)
        - (end < lineEnd ? 1 : 0))
    let caretCharacter = min(max(column, 1) - 1 + firstCharacter, lastCharacter)
    let caret = max(start, min(byteOffset(ofCharacterIndex: caretCharacter), end))
    // A third of the window before the caret, the rest after; more before when the line ends
    // sooner.
    let available = lastCharacter - caretCharacter
    let before = min(caretCharacter - firstCharacter, max(width / 3, width - available))
    let after = min(available, width - before)
    var windowStart = caret
    for _ in 0..<before where windowStart > start {
      windowStart -= 1
      while windowStart > start, bytes[windowStart] & 0xC0 == 0x80 { windowStart -= 1 }
    }
    var windowEnd = caret
    for _ in 0..<after where windowEnd < end {
      windowEnd += 1
      while windowEnd < end, bytes[windowEnd] & 0xC0 == 0x80 { windowEnd += 1 }
    }
    guard let text = String(validating: bytes[windowStart..<windowEnd], as: UTF8.self) else {
      return nil
    }
    return LineWindow(
      text: text, column: column - (caretCharacter - firstCharacter) + before,
      clippedBefore: windowStart > start, clippedAfter: windowEnd < end)
  }

  /// The range of one character starting at a character index (empty at the end of the text).
  package mutating func range(ofCharacterAt index: Int) -> SourceRange {
    SourceRange(
      start: position(ofCharacterIndex: index),
      end: position(ofCharacterIndex: index + 1)
    )
  }

  /// The range between two character indexes.
  package mutating func range(from start: Int, to end: Int) -> SourceRange {
    SourceRange(start: position(ofCharacterIndex: start), end: position(ofCharacterIndex: end))
  }

  /// The range between two byte offsets of the file.
  package mutating func range(from start: Int, toOffset end: Int) -> SourceRange {
    SourceRange(start: position(ofOffset: start), end: position(ofOffset: end))
  }

  /// The number of Unicode scalars in UTF-8 bytes: the bytes that start a scalar.
  ///
  /// - Parameter utf8: UTF-8 bytes.
  /// - Returns: How many columns they take, as positions count columns.
  package static func scalarCount(of utf8: some Collection<UInt8>) -> Int {
    utf8.count { $0 & 0xC0 != 0x80 }
  }

  /// The byte offset of a character index in `0...characterCount`.
  private func byteOffset(ofCharacterIndex character: Int) -> Int {
    if isASCII { return textStart + character }
    if character == characterCount { return bytes.count }
    var offset = checkpoints[character / Self.checkpointStride]
    var remaining = character % Self.checkpointStride
    while remaining > 0 {
      offset += 1
      while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
      remaining -= 1
    }
    return offset
  }

  /// The 0-based index of the line holding a byte offset.
  private mutating func lineIndex(containingOffset offset: Int) -> Int {
    let lineCount = lineStartOffsets.count
    for candidate in lastLine...min(lastLine + 1, lineCount - 1)
    where lineStartOffsets[candidate] <= offset
      && (candidate + 1 == lineCount || offset < lineStartOffsets[candidate + 1])
    {
      lastLine = candidate
      return candidate
    }
    var low = 0
    var high = lineCount - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStartOffsets[middle] <= offset {
        low = middle
      } else {
        high = middle - 1
      }
    }
    lastLine = low
    return low
  }
}

/// Offsets and indexes of a file in four bytes each, read as `Int`: half the memory of a
/// file's line table. Like ``SourcePosition``, they clamp past `Int32.max`, far beyond any
/// file flowc reads (the loader refuses flows past 16 MiB).
private struct Offsets {
  private var storage: [Int32]

  init(_ offsets: [Int] = []) {
    storage = offsets.map { Int32(clamping: $0) }
  }

  var count: Int { storage.count }

  subscript(index: Int) -> Int { Int(storage[index]) }

  mutating func append(_ offset: Int) {
    storage.append(Int32(clamping: offset))
  }

  mutating func reserveCapacity(_ capacity: Int) {
    storage.reserveCapacity(capacity)
  }
}

/// A window of a source line (see ``SourcePositionTable/lineWindow(_:around:width:)``).
package struct LineWindow: Equatable {
  /// The text of the window, without line break.
  package var text: String
  /// The requested column, counted from the start of the window (1-based).
  package var column: Int
  /// Whether the line goes on before the window.
  package var clippedBefore: Bool
  /// Whether the line goes on after the window.
  package var clippedAfter: Bool
}
