import ArgumentParser
import FlowCompiler

/// `flowc compile FILE [-o OUT]`: writes the IR JSON of a flow file.
struct CompileCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compile",
    abstract: "Compile a flow file to IR JSON.",
    discussion: """
      The IR goes to standard output, or to OUT with -o; diagnostics go to standard error \
      as text. When there is an error nothing is written (an existing OUT is left as it \
      was). Exit status: 0 on success, 1 on errors, 64 on a usage error.
      """
  )

  @Argument(help: "The flow file.")
  var file: String

  @Option(name: .shortAndLong, help: "Write the IR JSON to this file instead of standard output.")
  var output: String?

  @OptionGroup var compilation: CompilationOptions

  func run() throws {
    let result = FlowDriver.compile(
      path: file, options: compilation.compileOptions,
      warningsAsErrors: compilation.warningsAsErrors)
    CommandOutput.diagnostics(result.report, colors: compilation.usesColors(on: .error))
    guard let irJSON = result.irJSON else {
      if !result.report.hasErrors {
        // The compiler gave neither a program nor an error: say so rather than succeed.
        CommandOutput.error("'\(file)' produced no IR")
      }
      throw ExitCode.failure
    }
    if let output {
      if let failure = FlowDriver.writeOutput(irJSON, toPath: output) {
        CommandOutput.diagnostics(failure, colors: compilation.usesColors(on: .error))
        throw ExitCode.failure
      }
    } else {
      StandardStream.output.write(irJSON)
    }
  }
}
