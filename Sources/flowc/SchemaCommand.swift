import ArgumentParser
import FlowTesting

/// `flowc schema test`: prints a JSON Schema for editors.
///
/// Only the `test` variant lives here (test scripts); the flow-file schema belongs to the
/// `schema` command of the CLI work and joins this one when the branches merge.
struct SchemaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "Print a JSON Schema for editors ('test': the test-script format).",
    discussion: "Exit status: 0; 64 on a usage error."
  )

  @Argument(help: "Which schema: 'test' for *.test.yaml scripts.")
  var kind: String = "test"

  func validate() throws {
    guard kind == "test" else {
      throw ValidationError("unknown schema '\(kind)' (this build knows 'test')")
    }
  }

  func run() throws {
    StandardStream.output.write(TestScriptSchema.json + "\n")
  }
}
