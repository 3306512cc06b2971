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
  ///
  /// - Parameters:
  ///   - line: The 1-based line.
  ///   - column: The 1-based column, in Unicode scalars.
  ///   - offset: The 0-based byte offset into the file.
  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }

  /// Orders by place in the file.
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
  ///
  /// - Parameters:
  ///   - start: The first position in the range.
  ///   - end: The position just past the range.
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
  ///
  /// - Parameters:
  ///   - path: The path as given on the command line.
  ///   - bytes: The file's raw bytes.
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
  ///
  /// Builds the file's ``SourcePositionTable``; for many lookups, build the table once.
  public func lineText(_ line: Int) -> String? {
    SourcePositionTable(bytes: bytes).lineText(line)
  }

  /// The position of a byte offset: its line and its column in Unicode scalars (a byte order
  /// mark counts as one column here).
  ///
  /// Builds the file's ``SourcePositionTable``; for many lookups, build the table once.
  public func position(ofOffset offset: Int) -> SourcePosition {
    var table = SourcePositionTable(bytes: bytes)
    return table.position(ofOffset: offset)
  }
}
