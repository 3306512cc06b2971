import ArgumentParser
import FlowCompiler

/// `flowc schema`: prints the JSON Schema of the flow file, for editors.
struct SchemaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "Print the JSON Schema of the flow file, for editors.",
    discussion: """
      Point a YAML language server at the output (for example with a \
      '# yaml-language-server: $schema=flowc.schema.json' comment) to get completion and \
      checks while typing. The schema checks shape only; 'flowc check' checks everything. \
      Exit status: 0.
      """
  )

  func run() throws {
    var schema = FlowSchema.jsonSchema()
    if !schema.hasSuffix("\n") { schema += "\n" }
    StandardStream.output.write(schema)
  }
}
