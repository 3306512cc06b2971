import ArgumentParser
import FlowCompiler
import FlowTesting

/// `flowc schema`: prints the JSON Schema of the flow file, for editors; `flowc schema test`
/// prints the schema of test scripts.
struct SchemaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "Print the JSON Schema of the flow file ('test': of test scripts), for editors.",
    discussion: """
      Point a YAML language server at the output (for example with a \
      '# yaml-language-server: $schema=flowc.schema.json' comment) to get completion and \
      checks while typing. The schema checks shape only; 'flowc check' checks everything. \
      'flowc schema test' prints the schema of *.test.yaml scripts (docs/testing.md). \
      Exit status: 0; 64 on a usage error.
      """
  )

  @Argument(help: "Which schema: omit for the flow file, 'test' for test scripts.")
  var kind: SchemaKind?

  func run() throws {
    var schema = kind == .test ? TestScriptSchema.json : FlowSchema.jsonSchema()
    if !schema.hasSuffix("\n") { schema += "\n" }
    try StandardStream.output.writeChecked(Array(schema.utf8), "the schema")
  }
}

/// The schemas `flowc schema` prints besides the flow file's.
enum SchemaKind: String, ExpressibleByArgument, CaseIterable {
  /// The schema of test scripts (`*.test.yaml`).
  case test
}
