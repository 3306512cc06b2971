import Foundation

/// A position in a source file: 1-based line, 1-based column counted in Unicode scalars (not
/// bytes, so that non-ASCII lines line up; not grapheme clusters, so `é` written as `e` plus a
/// combining accent counts two), and the 0-based byte offset.
public struct SourcePosition: Sendable, Hashable, Comparable, Codable {
  /// 1-based line.
  public var line: Int
  /// 1-based column, in Unicode scalars.
  public var column: Int
  /// 0-based byte offset into the file.
  public var offset: Int

  /// Creates a position.
  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }

  public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
    (lhs.line, lhs.column, lhs.offset) < (rhs.line, rhs.column, rhs.offset)
  }
}

/// A half-open range of a source file: from `start` up to, not including, `end`.
public struct SourceRange: Sendable, Hashable, Codable {
  /// The first position in the range.
  public var start: SourcePosition
  /// The position just past the range.
  public var end: SourcePosition

  /// Creates a range.
  public init(start: SourcePosition, end: SourcePosition) {
    self.start = start
    self.end = end
  }
}

/// A file given to the compiler: its path as the user named it, and its bytes.
public struct SourceFile: Sendable {
  /// The path as given on the command line (used in messages).
  public var path: String
  /// The raw bytes.
  public var bytes: [UInt8]

  /// Creates a source file from bytes.
  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }

  /// Creates a source file from text (encoded as UTF-8).
  public init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  /// Reads a file from disk.
  public init(contentsOf path: String) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    self.init(path: path, bytes: [UInt8](data))
  }

  /// The text of a 1-based line without its line break, or `nil` past the end (or when the line
  /// is not valid UTF-8).
  public func lineText(_ line: Int) -> String? {
    guard line >= 1 else { return nil }
    var current = 1
    var start = 0
    var index = 0
    while index < bytes.count, current < line {
      if bytes[index] == UInt8(ascii: "\n") {
        current += 1
        start = index + 1
      }
      index += 1
    }
    guard current == line, start <= bytes.count else { return nil }
    var end = start
    while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return String(validating: bytes[start..<end], as: UTF8.self)
  }

  /// The position of a byte offset: its line and its column in Unicode scalars.
  public func position(ofOffset offset: Int) -> SourcePosition {
    let clamped = max(0, min(offset, bytes.count))
    var line = 1
    var lineStart = 0
    for index in 0..<clamped where bytes[index] == UInt8(ascii: "\n") {
      line += 1
      lineStart = index + 1
    }
    // Count Unicode scalars by counting bytes that start a UTF-8 scalar.
    var column = 1
    for index in lineStart..<clamped where bytes[index] & 0xC0 != 0x80 {
      column += 1
    }
    return SourcePosition(line: line, column: column, offset: clamped)
  }
}
