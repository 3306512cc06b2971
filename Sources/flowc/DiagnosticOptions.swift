import ArgumentParser
import FlowCompiler

/// The options that shape compilation and its diagnostics, shared by `check` and `compile`.
struct CompilationOptions: ParsableArguments {
  @Flag(help: "Add the certification checks (sandbox off, privacy policy, help, order card).")
  var release = false

  @Flag(help: "Treat warnings as errors: they are reported as errors and fail the command.")
  var warningsAsErrors = false

  @Option(
    help:
      "Colour the text diagnostics: auto (when a terminal and NO_COLOR is unset), always or never.")
  var color = ArgumentChoice(ColorChoice.auto)

  var compileOptions: CompileOptions { CompileOptions(release: release) }

  /// Whether text written to `stream` gets colours.
  func usesColors(on stream: StandardStream) -> Bool {
    color.value.usesColors(isTerminal: stream.isTerminal, environment: stream.environment)
  }
}
