/// Renders a report as GitHub Actions workflow commands, one line per diagnostic:
///
/// ```
/// ::error file=examples/shop.yaml,line=41,endLine=41,col=15,endColumn=21,title=unknown-state::unknown state 'chekout'%0Anote: did you mean 'checkout'? (examples/shop.yaml:52:3)
/// ```
///
/// Errors are `::error`, warnings `::warning`; notes join the message on lines of their own.
/// `col` and `endColumn` (the last column of the range, inclusive) are written only when the
/// range stays on one line, as GitHub requires. Values are escaped as GitHub's toolkit does:
/// `%`, CR and LF everywhere, and `:` and `,` in properties.
public struct GitHubAnnotationRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// One workflow command per diagnostic, each ending with a newline.
  public func render(_ report: DiagnosticReport) -> String {
    var output = ""
    render(report) { output += $0 }
    return output
  }

  /// Renders the report command by command: `write` receives each workflow command (ending
  /// with a line break) as soon as it is ready. The pieces joined are ``render(_:)``.
  public func render(_ report: DiagnosticReport, to write: (String) -> Void) {
    for entry in report.files {
      for diagnostic in entry.diagnostics {
        write(command(for: diagnostic, path: entry.file.path) + "\n")
      }
    }
  }

  private func command(for diagnostic: Diagnostic, path: String) -> String {
    var properties = [("file", path)]
    if let range = diagnostic.range {
      properties.append(("line", String(range.start.line)))
      let endLine = max(range.start.line, range.end.line)
      properties.append(("endLine", String(endLine)))
      if endLine == range.start.line {
        properties.append(("col", String(range.start.column)))
        properties.append(("endColumn", String(max(range.start.column, range.end.column &- 1))))
      }
    }
    properties.append(("title", diagnostic.id))
    var message = diagnostic.message
    for note in diagnostic.notes {
      message += "\nnote: " + note.message
      if let start = note.range?.start {
        message += " (\(path):\(start.line):\(start.column))"
      }
    }
    let level: String
    switch diagnostic.severity {
    case .error: level = "error"
    case .warning: level = "warning"
    case .note: level = "notice"
    }
    let propertyText = properties.map { "\($0)=\(Self.escapeProperty($1))" }
      .joined(separator: ",")
    return "::\(level) \(propertyText)::\(Self.escapeData(message))"
  }

  /// Escapes a command's message: `%`, CR and LF.
  public static func escapeData(_ text: String) -> String {
    escape(text, alsoEscaping: [])
  }

  /// Escapes a property value: as ``escapeData(_:)``, and `:` and `,` too.
  public static func escapeProperty(_ text: String) -> String {
    escape(text, alsoEscaping: [":", ","])
  }

  private static func escape(_ text: String, alsoEscaping extra: Set<Unicode.Scalar>) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
      if scalar == "%" || scalar == "\r" || scalar == "\n" || extra.contains(scalar) {
        escaped += "%" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
      } else {
        escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
