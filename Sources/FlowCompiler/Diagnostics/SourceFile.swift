import Foundation

/// A position in a source file: 1-based line, 1-based column counted in Unicode scalars (not
/// bytes, so that non-ASCII lines line up; not grapheme clusters, so `é` written as `e` plus a
/// combining accent counts two), and the 0-based byte offset.
///
/// The three numbers are stored in 32 bits each (values outside `Int32` are clamped to it), so
/// that a position takes 12 bytes and a range 24: every node of the YAML tree and every value
/// of the syntax tree carries a range. The loader refuses files past 16 MiB, far below the
/// bound.
public struct SourcePosition: Sendable, Hashable, Comparable, Codable {
  private var storedLine: Int32
  private var storedColumn: Int32
  private var storedOffset: Int32

  /// 1-based line.
  public var line: Int {
    get { Int(storedLine) }
    set { storedLine = Int32(clamping: newValue) }
  }
  /// 1-based column, in Unicode scalars.
  public var column: Int {
    get { Int(storedColumn) }
    set { storedColumn = Int32(clamping: newValue) }
  }
  /// 0-based byte offset into the file.
  public var offset: Int {
    get { Int(storedOffset) }
    set { storedOffset = Int32(clamping: newValue) }
  }

  /// Creates a position.
  ///
  /// - Parameters:
  ///   - line: The 1-based line.
  ///   - column: The 1-based column, in Unicode scalars.
  ///   - offset: The 0-based byte offset into the file.
  public init(line: Int, column: Int, offset: Int) {
    storedLine = Int32(clamping: line)
    storedColumn = Int32(clamping: column)
    storedOffset = Int32(clamping: offset)
  }

  /// Orders by place in the file.
  public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
    (lhs.storedLine, lhs.storedColumn, lhs.storedOffset)
      < (rhs.storedLine, rhs.storedColumn, rhs.storedOffset)
  }

  private enum CodingKeys: String, CodingKey {
    case line, column, offset
  }

  /// Decodes a position from its `line`, `column` and `offset`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      line: try container.decode(Int.self, forKey: .line),
      column: try container.decode(Int.self, forKey: .column),
      offset: try container.decode(Int.self, forKey: .offset))
  }

  /// Encodes the position as its `line`, `column` and `offset`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(line, forKey: .line)
    try container.encode(column, forKey: .column)
    try container.encode(offset, forKey: .offset)
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
