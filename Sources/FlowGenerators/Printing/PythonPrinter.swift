/// An indentation-aware printer of Python source, over ``CodePrinter`` with four-space
/// indentation: blocks that open with a `:` line, docstrings, comments and
/// ``PythonExpression``s laid out within ``lineLength`` columns the way `black` lays them out.
///
/// Flow text reaches the output only through ``PythonLiteral`` (string literals, comment and
/// docstring text), so a hostile flow cannot end a literal or start a line of its own.
struct PythonPrinter {
  /// The longest line the printer aims for (PEP 8's 79 is too short for prompt tables; `black`'s
  /// default is 88).
  static let lineLength = 88

  private var printer = CodePrinter(indentUnit: "    ")
  private var depth = 0
  private var linesInBlock: [Int] = []

  /// The source printed so far.
  var content: String { printer.content }

  /// Prints a line of code at the current indentation.
  mutating func line(_ code: String) {
    printer.print(code)
    if !linesInBlock.isEmpty { linesInBlock[linesInBlock.count - 1] += 1 }
  }

  /// Prints `count` empty lines.
  mutating func blank(_ count: Int = 1) {
    for _ in 0..<count { printer.print("") }
  }

  /// Prints a `#` comment; flow text in it is escaped (``PythonLiteral/commentText(_:)``).
  mutating func comment(_ text: String) {
    printer.print("# " + PythonLiteral.commentText(text))
  }

  /// Prints `header` (which ends with `:`), then the body one level deeper; an empty body
  /// prints `pass`.
  mutating func block(_ header: String, _ body: (inout PythonPrinter) -> Void) {
    line(header)
    printer.indent()
    linesInBlock.append(0)
    body(&self)
    if linesInBlock.removeLast() == 0 { line("pass") }
    printer.outdent()
  }

  /// Prints a docstring: one line when it fits, else a summary line, an empty line and the
  /// rest. Every line goes through ``PythonLiteral/commentText(_:)``.
  mutating func docstring(_ lines: [String]) {
    let escaped = lines.map(PythonLiteral.commentText)
    guard escaped.count > 1 else {
      line("\"\"\"\(escaped.first ?? "")\"\"\"")
      return
    }
    line("\"\"\"\(escaped[0])")
    for text in escaped.dropFirst() {
      if text.isEmpty { printer.print("") } else { line(text) }
    }
    line("\"\"\"")
  }

  /// Prints `prefix` + `expression` + `suffix` (an assignment, a `return`, a call statement),
  /// breaking the expression over lines when the line would be longer than ``lineLength``.
  mutating func statement(
    _ prefix: String, _ expression: PythonExpression, suffix: String = "", indentLevel: Int = 0
  ) {
    let flat = prefix + expression.inline + suffix
    if width(flat) + currentIndent <= Self.lineLength {
      line(flat)
      return
    }
    guard let parts = expression.parts, !parts.elements.isEmpty else {
      line(flat)
      return
    }
    line(prefix + parts.open)
    printer.indent()
    depth += 1
    for element in parts.elements {
      statement(element.prefix, element.value, suffix: ",")
    }
    depth -= 1
    printer.outdent()
    line(parts.close + suffix)
  }

  /// The columns the current indentation takes.
  private var currentIndent: Int { 4 * indentationLevel }

  private var indentationLevel: Int {
    // CodePrinter keeps its indentation private; the depth of blocks and broken expressions
    // is tracked here to know the width left.
    blockDepth + depth
  }

  private var blockDepth: Int { linesInBlock.count }

  private func width(_ text: String) -> Int { text.unicodeScalars.count }
}
