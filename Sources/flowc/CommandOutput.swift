import ArgumentParser
import FlowCompiler
import FlowIR

/// How every command reports on standard error: `flowc: error: …` and `flowc: note: …` lines
/// and rendered diagnostics. The one place the CLI spells those prefixes.
enum CommandOutput {
  /// Writes `flowc: error: message` on one line (line breaks in the message become spaces).
  static func error(_ message: String) {
    line("error", message)
  }

  /// Writes `flowc: warning: message` on one line.
  static func warning(_ message: String) {
    line("warning", message)
  }

  /// Writes `flowc: note: message` on one line.
  static func note(_ message: String) {
    line("note", message)
  }

  /// Writes a report's diagnostics as text, then its summary line when `summary` is set.
  static func diagnostics(_ report: DiagnosticReport, colors: Bool = false, summary: Bool = true) {
    report.render(as: .text, colors: colors) { StandardStream.error.write($0) }
    if summary { self.summary(report) }
  }

  /// Writes a report's summary line (`1 error, 2 warnings generated.`), if it has one.
  static func summary(_ report: DiagnosticReport) {
    if let line = report.summaryLine { StandardStream.error.write(line + "\n") }
  }

  /// Loads the flow of `run`, `test`, `simulate`, `generate` and `graph` (YAML or IR JSON), printing the compiler's
  /// warnings, or why there is no program.
  ///
  /// - Throws: `ExitCode.failure` when there is no program (after printing why).
  static func loadProgram(path: String) throws -> FlowProgram {
    let loaded = FlowDriver.loadProgram(path: path)
    diagnostics(loaded.report, summary: loaded.program == nil)
    if let failure = loaded.failure { error(failure) }
    guard let program = loaded.program else { throw ExitCode.failure }
    return program
  }

  private static func line(_ severity: String, _ message: String) {
    let text = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    StandardStream.error.write("flowc: \(severity): \(text)\n")
  }
}
