import ArgumentParser
import FlowCompiler

/// `flowc compile FILE [-o OUT]`: writes the IR JSON of a flow file.
struct CompileCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compile",
    abstract: "Compile a flow file to IR JSON.",
    discussion: """
      FILE '-' reads the flow from standard input. The IR goes to standard output, or to \
      OUT with -o; diagnostics go to standard error as text. When there is an error nothing \
      is written (an existing OUT is left as it was). OUT keeps what it is: a symbolic link \
      writes its target, a file keeps its permissions and hard links, a device such as \
      /dev/null is written in place. Exit status: 0 on success, 1 on errors (a failed \
      write included), 64 on a usage error.
      """
  )

  @Argument(help: "The flow file ('-' for standard input).")
  var file: String

  @Option(name: .shortAndLong, help: "Write the IR JSON to this file instead of standard output.")
  var output: String?

  @OptionGroup var compilation: CompilationOptions

  func run() throws {
    // The process exits once the IR is written: what the compiler built is left to that.
    let result = CompilerMemory.$keptUntilExit.withValue(true) {
      FlowDriver.compile(
        path: file, options: compilation.compileOptions,
        warningsAsErrors: compilation.warningsAsErrors)
    }
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
      try StandardStream.output.writeChecked(irJSON, "the IR")
    }
  }
}
