import ArgumentParser
import FlowCompiler
import FlowTesting

/// `flowc explain ID`: prints the long explanation of a diagnostic id.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain a diagnostic id, such as 'unknown-state'.",
    discussion: """
      Prints the same text as the id's section of docs/diagnostics.md. \
      Exit status: 0 for a known id, 1 for an unknown one, 64 on a usage error.
      """
  )

  @Argument(help: "The diagnostic id, as printed in brackets after a message.")
  var id: String?

  @Flag(help: "List every diagnostic id with its severity and summary.")
  var list = false

  func validate() throws {
    switch (id, list) {
    case (nil, false): throw ValidationError("missing expected argument '<id>' (or --list)")
    case (_?, true): throw ValidationError("give either an id or --list, not both")
    default: break
    }
  }

  func run() throws {
    if list {
      StandardStream.output.write(DiagnosticCatalogue.listing(of: TestDiagnostics.flowcCatalogue))
      return
    }
    guard let id else { return }
    let lookup = DiagnosticCatalogue.lookup(id, in: TestDiagnostics.flowcCatalogue)
    if let descriptor = lookup.descriptor {
      StandardStream.output.write(descriptor.explanationText)
      return
    }
    StandardStream.error.write(lookup.unknownIdMessage)
    throw ExitCode.failure
  }
}
