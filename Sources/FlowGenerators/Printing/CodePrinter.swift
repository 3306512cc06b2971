/// A small indenting printer for the text formats flowc generates (Graphviz DOT, Mermaid),
/// after swift-protobuf's `CodePrinter`: generators build a structured value first and then
/// print it line by line, never by concatenating strings through their logic.
public struct CodePrinter: Sendable {
  /// The text printed so far.
  public private(set) var content = ""
  private var indentation = ""
  private let indentUnit: String

  /// Creates an empty printer.
  ///
  /// - Parameter indentUnit: What one level of indentation adds (two spaces by default).
  public init(indentUnit: String = "  ") {
    self.indentUnit = indentUnit
  }

  /// Prints one line at the current indentation (an empty line has no indentation).
  ///
  /// - Parameter line: The line, without its newline.
  public mutating func print(_ line: String) {
    if !line.isEmpty { content += indentation + line }
    content += "\n"
  }

  /// Prints `opening`, the lines `body` prints one level deeper, then `closing`.
  ///
  /// - Parameters:
  ///   - opening: The line that opens the block.
  ///   - closing: The line that closes it, if any.
  ///   - body: Prints the block's content.
  public mutating func block(
    _ opening: String, closing: String? = nil, _ body: (inout CodePrinter) -> Void
  ) {
    print(opening)
    indent()
    body(&self)
    outdent()
    if let closing { print(closing) }
  }

  /// Adds one level of indentation.
  public mutating func indent() {
    indentation += indentUnit
  }

  /// Removes one level of indentation.
  public mutating func outdent() {
    indentation.removeLast(min(indentUnit.count, indentation.count))
  }
}
