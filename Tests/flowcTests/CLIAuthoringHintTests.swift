import FlowTestSupport
import Foundation
import Testing

/// What a newcomer sees from `flowc check` for the usual authoring mistakes: a UK locale
/// written `en-UK`, an indentation slip, and `flowc explain yaml-syntax`.
@Suite struct CLIAuthoringHintTests {
  /// `examples/no-nicks.yaml` with one replacement, checked by the built binary.
  static func check(replacing old: String, with new: String) throws -> ProcessRun {
    let folder = try TemporaryDirectory(prefix: "flowc-authoring")
    defer { folder.remove() }
    let example = try String(
      contentsOf: FlowcProcess.repositoryRoot.appendingPathComponent("examples/no-nicks.yaml"),
      encoding: .utf8)
    #expect(example.contains(old))
    let path = folder.path("shop.yaml")
    try example.replacingOccurrences(of: old, with: new).write(
      toFile: path, atomically: true, encoding: .utf8)
    return try FlowcProcess.run(["check", path])
  }

  @Test func enUKSuggestsEnGBAndNamesTheLocalesKey() throws {
    let run = try Self.check(replacing: "locales: [en-US]", with: "locales: [en-UK]")
    #expect(run.status == 1, "\(run)")
    #expect(run.stdout.contains("invalid value 'en-UK' for 'locales'"), "\(run)")
    #expect(run.stdout.contains("did you mean 'en-GB'?"), "\(run)")
    #expect(!run.stdout.contains("did you mean 'en-US'?"), "\(run)")
  }

  @Test func indentationSlipIsNamedAtTheLine() throws {
    let run = try Self.check(replacing: "  invocation: no nicks", with: " invocation: no nicks")
    #expect(run.status == 1, "\(run)")
    #expect(run.stdout.contains("did not find expected key"), "\(run)")
    #expect(run.stdout.contains("this line is indented less than its siblings"), "\(run)")
    #expect(run.stdout.contains(" invocation: no nicks"), "\(run)")
  }

  @Test func explainYAMLSyntaxCoversTheCommonCauses() throws {
    let run = try FlowcProcess.run(["explain", "yaml-syntax"])
    #expect(run.status == 0, "\(run)")
    for cause in ["Indentation", "indented less than its siblings", "Tabs", "flow mapping"] {
      #expect(run.stdout.contains(cause), "\(cause)")
    }
  }
}
