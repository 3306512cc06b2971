/// Reads a flow file into a located YAML tree (``YAMLNode``), reporting every load problem as
/// a diagnostic and never crashing on hostile input.
///
/// The loader runs libyaml's event parser and builds the tree with an explicit stack, so deep
/// nesting cannot overflow the call stack. Before parsing it checks the size limit and that
/// the bytes are UTF-8. While parsing it reports duplicate keys (keeping the first entry),
/// expands aliases into copies within a bound, and refuses a second document.
///
/// Bounds against hostile input: the file size (checked before anything else), the nesting
/// depth (counting the depth that alias copies add), the total number of nodes that alias
/// copies produce, and at most 100 duplicate-key and unknown-alias diagnostics per file (the
/// hundredth says more were found). Loading is linear in the size of the file.
///
/// What ``YAMLLoadResult/root`` holds:
/// - the document's root node when the document was read to its end, even with
///   `duplicate-key` or `unknown-alias` errors (an unknown alias reads as an empty plain
///   scalar) or a `multiple-documents` error (the first document is kept);
/// - `nil` when loading stopped early (`file-too-large`, `invalid-utf8`, `yaml-syntax`,
///   `nesting-too-deep`, `alias-expansion-limit`), so that later stages do not report
///   follow-on errors about a half-read tree;
/// - `nil` with no diagnostic for a file without a document (empty, or only blank lines and
///   comments): the parser then reports the missing keys.
public struct YAMLLoader {
  /// Bounds that keep hostile input cheap to refuse.
  public struct Limits: Sendable {
    /// The largest file, in bytes, that is parsed at all.
    public var maxBytes: Int
    /// The deepest nesting of collections (sequences and mappings).
    public var maxDepth: Int
    /// The most nodes that aliases may produce in total, counting every node of every copy.
    public var maxAliasExpansion: Int

    /// Creates limits.
    ///
    /// - Parameters:
    ///   - maxBytes: The largest file, in bytes, that is parsed at all.
    ///   - maxDepth: The deepest nesting of collections.
    ///   - maxAliasExpansion: The most nodes that aliases may produce in total.
    public init(maxBytes: Int, maxDepth: Int, maxAliasExpansion: Int) {
      self.maxBytes = maxBytes
      self.maxDepth = maxDepth
      self.maxAliasExpansion = maxAliasExpansion
    }

    /// 16 MiB, 200 levels, 100,000 nodes produced by aliases.
    public static let `default` = Limits(
      maxBytes: 16 * 1024 * 1024, maxDepth: 200, maxAliasExpansion: 100_000)
  }

  /// Loads a file.
  ///
  /// - Parameters:
  ///   - file: The flow file.
  ///   - limits: The bounds on size, depth and alias expansion.
  /// - Returns: The root node (see the type's documentation for when it is `nil`) and the load
  ///   diagnostics in the order they were found.
  public static func load(_ file: SourceFile, limits: Limits = .default) -> YAMLLoadResult {
    let bytes = file.bytes
    guard bytes.count <= limits.maxBytes else {
      return YAMLLoadResult(
        root: nil,
        diagnostics: [DiagnosticCatalogue.fileTooLarge(size: bytes.count, limit: limits.maxBytes)])
    }
    switch UTF8Validation.firstProblem(in: bytes) {
    case .utf16ByteOrderMark:
      let start = SourcePosition(line: 1, column: 1, offset: 0)
      let end = SourcePosition(line: 1, column: 2, offset: 2)
      return YAMLLoadResult(
        root: nil,
        diagnostics: [DiagnosticCatalogue.utf16File(at: SourceRange(start: start, end: end))])
    case .invalidByte(let offset, let value):
      let start = file.position(ofOffset: offset)
      var end = start
      end.column += 1
      end.offset += 1
      return YAMLLoadResult(
        root: nil,
        diagnostics: [
          DiagnosticCatalogue.invalidUTF8(byte: value, at: SourceRange(start: start, end: end))
        ])
    case nil:
      break
    }
    let textStart = UTF8Validation.byteOrderMarkLength(bytes)
    guard textStart < bytes.count else { return YAMLLoadResult(root: nil, diagnostics: []) }
    var builder = YAMLTreeBuilder(
      bytes: bytes, table: SourcePositionTable(bytes: bytes, textStart: textStart),
      limits: limits)
    builder.run(textStart: textStart)
    return YAMLLoadResult(root: builder.result, diagnostics: builder.diagnostics)
  }
}

/// What loading a file produced.
public struct YAMLLoadResult: Sendable {
  /// The document's root node; `nil` for a file without a document, or when loading stopped
  /// at an error (see ``YAMLLoader``).
  public var root: YAMLNode?
  /// The load diagnostics, in the order they were found.
  public var diagnostics: [Diagnostic]
}
