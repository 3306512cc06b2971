/// A Python expression as a value, so that a generator builds data (prompt tables, payload
/// templates, calls) first and ``PythonPrinter`` lays it out: on one line when it fits, else one
/// element per line with a trailing comma, the way `black` formats it.
///
/// Every text from the flow enters the source through ``string(_:)``, whose literal
/// (``PythonLiteral/string(_:)``) cannot end early or run code, whatever the flow holds.
indirect enum PythonExpression: Sendable {
  /// Code written by the generator itself (a name, an operator expression): never flow text.
  case code(String)
  /// A `str` literal.
  case string(String)
  /// An `int` literal.
  case int(Int64)
  /// `True` or `False`.
  case bool(Bool)
  /// `None`.
  case none
  /// `[a, b]`.
  case list([PythonExpression])
  /// `(a, b)` (a one-element tuple gets its comma).
  case tuple([PythonExpression])
  /// `{k: v}`, in the order given.
  case dict([(key: PythonExpression, value: PythonExpression)])
  /// `callee(positional…, name=value…)`.
  case call(String, [PythonExpression], keywords: [(name: String, value: PythonExpression)] = [])

  /// The expression on one line.
  var inline: String {
    switch self {
    case .code(let code): code
    case .string(let text): PythonLiteral.string(text)
    case .int(let value): String(value)
    case .bool(let value): value ? "True" : "False"
    case .none: "None"
    case .list(let elements): "[" + elements.map(\.inline).joined(separator: ", ") + "]"
    case .tuple(let elements):
      elements.count == 1
        ? "(\(elements[0].inline),)"
        : "(" + elements.map(\.inline).joined(separator: ", ") + ")"
    case .dict(let entries):
      "{" + entries.map { "\($0.key.inline): \($0.value.inline)" }.joined(separator: ", ") + "}"
    case .call(let callee, let arguments, let keywords):
      callee + "("
        + (arguments.map(\.inline) + keywords.map { "\($0.name)=\($0.value.inline)" })
        .joined(separator: ", ") + ")"
    }
  }

  /// The parts an expression breaks into: its opening text, its elements (each a prefix such
  /// as `key: ` or `name=` and an expression) and its closing text; `nil` for an atom.
  var parts: (open: String, elements: [(prefix: String, value: PythonExpression)], close: String)? {
    switch self {
    case .code, .string, .int, .bool, .none: return nil
    case .list(let elements):
      return ("[", elements.map { ("", $0) }, "]")
    case .tuple(let elements):
      return ("(", elements.map { ("", $0) }, ")")
    case .dict(let entries):
      return ("{", entries.map { ("\($0.key.inline): ", $0.value) }, "}")
    case .call(let callee, let arguments, let keywords):
      return (
        callee + "(", arguments.map { ("", $0) } + keywords.map { ("\($0.name)=", $0.value) }, ")"
      )
    }
  }
}

/// Python literals and names for generated source.
enum PythonLiteral {
  /// A double-quoted `str` literal of `text` that means exactly `text`: backslashes and quotes
  /// escaped, line breaks, tabs and every other control, format, separator, surrogate, private
  /// or unassigned scalar as an escape (so no text can end the literal, start a line, or hide
  /// a bidirectional override in the source); letters, marks, numbers, punctuation, symbols
  /// and the space stay as they are, so German and Japanese prompts read as written.
  static func string(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": result += "\\\\"
      case "\"": result += "\\\""
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case " ": result += " "
      default:
        if isPrintable(scalar) {
          result.unicodeScalars.append(scalar)
        } else {
          result += escape(scalar)
        }
      }
    }
    return result + "\""
  }

  /// Text for a `#` comment or a docstring line: the same escapes as ``string(_:)`` for
  /// everything that is not printable, so that flow text never starts a new line of code.
  /// Quotes and backslashes are escaped too (`\"`, `\\`), so the text cannot end a docstring.
  static func commentText(_ text: String) -> String {
    String(string(text).dropFirst().dropLast())
  }

  /// Whether a scalar may stand in a literal as it is.
  private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .surrogate,
      .privateUse, .unassigned:
      false
    default:
      true
    }
  }

  private static func escape(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16)
    if scalar.value <= 0xFF {
      return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
    }
    if scalar.value <= 0xFFFF {
      return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
    return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
  }

  /// Python's reserved words and the soft keywords and built-in constants a generated name
  /// must not take.
  static let reservedWords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
    "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield", "match", "case", "type", "_",
  ]
}
