/// Renders diagnostics the way `swiftc -diagnostic-style llvm` does:
///
/// ```
/// examples/shop.yaml:41:15: error: unknown state 'chekout' [unknown-state]
///         success: chekout
///                  ^~~~~~~
/// examples/shop.yaml:52:3: note: did you mean 'checkout'?
/// ```
///
/// The caret sits under the first character of the range and `~` under the rest, clipped to
/// the first line of the range. A line longer than ``echoedLineWidth`` is echoed as a window
/// around the caret, with `…` where it was cut. Marker lines keep the tabs of the source line and follow the
/// terminal width of each character (combining marks take no column, East Asian wide
/// characters and emoji take two), so carets line up under non-ASCII text.
public struct TextDiagnosticRenderer: Sendable {
  /// Whether to use ANSI colours.
  public var colors: Bool

  /// Creates a renderer.
  public init(colors: Bool = false) {
    self.colors = colors
  }

  /// How many Unicode scalars of a source line are echoed under a diagnostic: a longer line
  /// is clipped to this many around the caret, with `…` where it goes on, so that many
  /// diagnostics on one long line (a whole flow written on one line) cost the window each,
  /// not the line.
  public static let echoedLineWidth = 160

  /// Renders every diagnostic of the report, file by file; empty when there is none.
  public func render(_ report: DiagnosticReport) -> String {
    var output = ""
    render(report) { output += $0 }
    return output
  }

  /// Renders the report piece by piece: `write` receives each diagnostic's lines (each line
  /// ending with a line break) as soon as they are ready, so that a long report is streamed
  /// rather than built in memory. The pieces joined are ``render(_:)``.
  public func render(_ report: DiagnosticReport, to write: (String) -> Void) {
    for entry in report.files where !entry.diagnostics.isEmpty {
      let lineIndex = SourcePositionTable(bytes: entry.file.bytes)
      for diagnostic in entry.diagnostics {
        var text = ""
        for line in render(diagnostic, path: entry.file.path, lines: lineIndex) {
          text += line
          text += "\n"
        }
        write(text)
      }
    }
  }

  /// The lines of one diagnostic and its notes, without line breaks.
  public func render(_ diagnostic: Diagnostic, in file: SourceFile) -> [String] {
    render(diagnostic, path: file.path, lines: SourcePositionTable(bytes: file.bytes))
  }

  private func render(_ diagnostic: Diagnostic, path: String, lines lineIndex: SourcePositionTable)
    -> [String]
  {
    var lines = [
      header(
        path: path, range: diagnostic.range, severity: diagnostic.severity,
        message: diagnostic.message + " [\(diagnostic.id)]")
    ]
    lines += snippet(of: diagnostic.range, in: lineIndex)
    for note in diagnostic.notes {
      lines.append(header(path: path, range: note.range, severity: .note, message: note.message))
      lines += snippet(of: note.range, in: lineIndex)
    }
    return lines
  }

  private func header(
    path: String, range: SourceRange?, severity: DiagnosticSeverity, message: String
  ) -> String {
    var location = path
    if let start = range?.start {
      location += ":\(start.line):\(start.column)"
    }
    return style(Self.escapingControls(location) + ":", .bold) + " "
      + style(severity.rawValue + ":", severity.style) + " "
      + style(Self.escapingControls(message), .bold)
  }

  private func snippet(of range: SourceRange?, in lineIndex: SourcePositionTable) -> [String] {
    guard let range,
      let window = lineIndex.lineWindow(
        range.start.line, around: range.start.column, width: Self.echoedLineWidth)
    else { return [] }
    let length: Int
    if range.end.line == range.start.line {
      // Saturating: a range from a broken producer must not trap here.
      let (difference, overflow) = range.end.column.subtractingReportingOverflow(
        range.start.column)
      length = overflow ? (range.end.column > 0 ? Int.max : 0) : max(0, difference)
    } else {
      // A range over several lines is underlined to the end of its first line.
      length = Int.max
    }
    var line = window.text
    var column = window.column
    if window.clippedBefore {
      line = "…" + line
      column += 1
    }
    if window.clippedAfter { line += "…" }
    let marker = Self.markerLine(for: line, column: column, length: length)
    return [Self.replacingControls(line), style(marker, .marker)]
  }

  /// The caret line under `line`: blanks (tabs where the line has tabs) up to `column`, `^`,
  /// then `~` under the remaining `length - 1` characters of the line.
  ///
  /// - Parameters:
  ///   - line: The source line, without its line break.
  ///   - column: The 1-based column of the caret, counted in Unicode scalars as
  ///     ``SourcePosition/column`` is. A column past the end puts the caret just after the
  ///     last character.
  ///   - length: How many characters the range covers on this line (0 and 1 give a lone
  ///     caret).
  /// - Returns: The marker line, without trailing blanks.
  public static func markerLine(for line: String, column: Int, length: Int) -> String {
    let scalars = Array(line.unicodeScalars)
    let caretIndex = min(max(column, 1), scalars.count + 1) - 1
    var marker = ""
    for scalar in scalars[..<caretIndex] {
      marker += scalar == "\t" ? "\t" : String(repeating: " ", count: terminalWidth(of: scalar))
    }
    marker += "^"
    guard caretIndex < scalars.count else { return marker }
    marker += String(repeating: "~", count: max(0, terminalWidth(of: scalars[caretIndex]) - 1))
    let underlineEnd = length >= scalars.count - caretIndex ? scalars.count : caretIndex + length
    if caretIndex + 1 < underlineEnd {
      for scalar in scalars[(caretIndex + 1)..<underlineEnd] {
        marker += String(repeating: "~", count: scalar == "\t" ? 1 : terminalWidth(of: scalar))
      }
    }
    return marker
  }

  /// The text with control characters written as `\u{1B}`; only tabs stay. Escape sequences
  /// must not drive the terminal, and a line break echoed from a flow must not start a line of
  /// its own (in a CI log, a line `::error::…` is a GitHub workflow command).
  public static func escapingControls(_ text: String) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
      if scalar.isControl, scalar != "\t" {
        escaped += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }

  /// The source line with each control character but the tab replaced by U+FFFD, one column
  /// wide, so that the marker line still lines up.
  static func replacingControls(_ line: String) -> String {
    var replaced = ""
    for scalar in line.unicodeScalars {
      replaced.unicodeScalars.append(scalar.isControl && scalar != "\t" ? "\u{FFFD}" : scalar)
    }
    return replaced
  }

  /// How many terminal columns a scalar takes: 0 for combining marks and format characters,
  /// 2 for East Asian wide characters and emoji, 1 otherwise.
  static func terminalWidth(of scalar: Unicode.Scalar) -> Int {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if scalar.properties.isEmojiPresentation { return 2 }
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
      return 2
    default:
      return 1
    }
  }

  private func style(_ text: String, _ style: ANSIStyle) -> String {
    colors ? style.apply(to: text) : text
  }
}

/// The few ANSI styles of the text rendering (clang's choice of colours).
enum ANSIStyle {
  case bold
  case error
  case warning
  case note
  case marker

  private var code: String {
    switch self {
    case .bold: "\u{1B}[1m"
    case .error: "\u{1B}[1;31m"
    case .warning: "\u{1B}[1;35m"
    case .note: "\u{1B}[1;36m"
    case .marker: "\u{1B}[1;32m"
    }
  }

  func apply(to text: String) -> String {
    text.isEmpty ? text : code + text + "\u{1B}[0m"
  }
}

extension Unicode.Scalar {
  /// C0 and C1 control characters and DEL.
  fileprivate var isControl: Bool { properties.generalCategory == .control }
}

extension DiagnosticSeverity {
  fileprivate var style: ANSIStyle {
    switch self {
    case .error: .error
    case .warning: .warning
    case .note: .note
    }
  }
}
