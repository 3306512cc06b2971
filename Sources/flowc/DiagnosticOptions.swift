import ArgumentParser
import FlowCompiler

/// `--format`: how `flowc check` prints its diagnostics.
enum DiagnosticFormatOption: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
  case sarif
  case github

  var format: DiagnosticFormat {
    switch self {
    case .text: .text
    case .json: .json
    case .sarif: .sarif
    case .github: .github
    }
  }
}

/// `--color`: when the text format uses colours.
enum ColorOption: String, ExpressibleByArgument, CaseIterable {
  case auto
  case always
  case never

  var choice: ColorChoice {
    switch self {
    case .auto: .auto
    case .always: .always
    case .never: .never
    }
  }
}

/// The options that shape compilation and its diagnostics, shared by `check` and `compile`.
struct CompilationOptions: ParsableArguments {
  @Flag(help: "Add the certification checks (sandbox off, privacy policy, help, order card).")
  var release = false

  @Flag(help: "Treat warnings as errors: they are reported as errors and fail the command.")
  var warningsAsErrors = false

  @Option(
    help:
      "Colour the text diagnostics: auto (when a terminal and NO_COLOR is unset), always or never.")
  var color: ColorOption = .auto

  var compileOptions: CompileOptions { CompileOptions(release: release) }

  /// Whether text written to `stream` gets colours.
  func usesColors(on stream: StandardStream) -> Bool {
    color.choice.usesColors(isTerminal: stream.isTerminal, environment: stream.environment)
  }
}
