import ArgumentParser
import FlowCompiler

/// `flowc check FILE…`: validates flow files and prints every diagnostic on standard output.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate flow files and report every problem.",
    discussion: """
      Diagnostics go to standard output in the chosen format; with the text format a \
      summary line ('1 error, 2 warnings generated.') follows on standard error. \
      Exit status: 0 when clean or with warnings only, 1 when any file has an error \
      (or a warning, with --warnings-as-errors) or when the diagnostics cannot be written, \
      64 on a usage error.
      """
  )

  @Argument(help: "The flow files to check ('-' for standard input).")
  var files: [String]

  @Option(help: "The output format: text, json, sarif or github.")
  var format = ArgumentChoice(DiagnosticFormat.text)

  @OptionGroup var compilation: CompilationOptions

  func run() throws {
    // The process exits once the report is printed: what the compiler built is left to that.
    let report = CompilerMemory.$keptUntilExit.withValue(true) {
      FlowDriver.check(
        paths: files, options: compilation.compileOptions,
        warningsAsErrors: compilation.warningsAsErrors)
    }
    try StandardStream.output.writeChecked("the diagnostics") { write in
      report.render(
        as: format.value, colors: format.value == .text && compilation.usesColors(on: .output),
        to: write)
    }
    if format.value == .text { CommandOutput.summary(report) }
    if report.hasErrors { throw ExitCode.failure }
  }
}
