import FlowTestSupport
import Foundation
import Testing

@Suite struct CLISchemaTests {
  @Test func printsAJSONSchemaOfTheFlowFile() throws {
    let run = try FlowcProcess.run(["schema"])
    #expect(run.status == 0, "\(run)")
    #expect(run.stderr.isEmpty)
    #expect(run.stdout.hasSuffix("}\n"))
    let schema = try #require(
      try JSONSerialization.jsonObject(with: run.stdoutBytes) as? [String: Any])
    #expect((schema["$schema"] as? String)?.hasPrefix("https://json-schema.org/") == true)
    let properties = try #require(schema["properties"] as? [String: Any])
    for section in ["flowc", "skill", "merchant", "products", "intents", "prompts", "flow"] {
      #expect(properties[section] != nil, "no '\(section)' in the schema")
    }
  }

  @Test func isTheSameOnEveryRun() throws {
    #expect(try FlowcProcess.run(["schema"]).stdout == (try FlowcProcess.run(["schema"]).stdout))
  }
}
