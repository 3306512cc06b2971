import FlowCompiler
import FlowTestSupport
import Foundation
import Testing

@Suite struct JSONDiagnosticRendererTests {
  @Test func matchesTheGolden() throws {
    try Golden.assert(
      JSONDiagnosticRenderer().render(RenderFixture.report), matches: "render/diagnostics.json")
  }

  @Test func hasTheDocumentedShape() throws {
    let text = JSONDiagnosticRenderer().render(RenderFixture.report)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(document["version"] as? Int == 1)
    let summary = try #require(document["summary"] as? [String: Int])
    #expect(summary == ["errors": 3, "warnings": 3])
    let files = try #require(document["files"] as? [[String: Any]])
    #expect(files.map { $0["path"] as? String } == ["examples/café shop.yaml", "clean.yaml"])
    let diagnostics = try #require(files[0]["diagnostics"] as? [[String: Any]])
    #expect(Set(diagnostics.flatMap(\.keys)) == ["id", "severity", "message", "range", "notes"])
    let unknownState = try #require(diagnostics.first { $0["id"] as? String == "unknown-state" })
    let range = try #require(unknownState["range"] as? [String: [String: Int]])
    #expect(range["start"]?["line"] == 12)
    #expect(range["start"]?["column"] == 27)
    #expect(range["end"]?["column"] == 34)
    #expect(range["start"]?["offset"] != nil)
    let notes = try #require(unknownState["notes"] as? [[String: Any]])
    #expect(notes.first?["message"] as? String == "did you mean 'checkout'?")
    let missingKey = try #require(diagnostics.first { $0["id"] as? String == "missing-key" })
    #expect(missingKey["range"] is NSNull)
    #expect((files[1]["diagnostics"] as? [Any])?.isEmpty == true)
  }

  @Test func keysAreSorted() {
    let text = JSONDiagnosticRenderer().render(RenderFixture.report)
    let files = text.range(of: "\"files\"")!.lowerBound
    let summary = text.range(of: "\"summary\"")!.lowerBound
    let version = text.range(of: "\"version\" : 1")!.lowerBound
    #expect(files < summary && summary < version)
  }
}

@Suite struct SARIFDiagnosticRendererTests {
  private var rendered: String {
    SARIFDiagnosticRenderer(toolVersion: "1.2.3", catalogue: RenderFixture.descriptors)
      .render(RenderFixture.report)
  }

  @Test func matchesTheGolden() throws {
    try Golden.assert(rendered, matches: "render/diagnostics.sarif")
  }

  @Test func hasTheRequiredStructure() throws {
    let log = try #require(
      try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
    #expect(log["version"] as? String == "2.1.0")
    #expect((log["$schema"] as? String)?.hasSuffix("sarif-schema-2.1.0.json") == true)
    let runs = try #require(log["runs"] as? [[String: Any]])
    #expect(runs.count == 1)
    let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "flowc")
    let rules = try #require(driver["rules"] as? [[String: Any]])
    let ruleIds = rules.compactMap { $0["id"] as? String }
    #expect(
      ruleIds == [
        "bad-invocation", "end-of-line", "missing-key", "multi-line", "unknown-state", "wide-name",
      ])
    let unknownStateRule = try #require(rules.first { $0["id"] as? String == "unknown-state" })
    #expect(
      (unknownStateRule["shortDescription"] as? [String: String])?["text"]
        == RenderFixture.descriptors[0].summary)
    #expect(
      (unknownStateRule["fullDescription"] as? [String: String])?["text"]
        == RenderFixture.descriptors[0].explanation)
    #expect(unknownStateRule["helpUri"] as? String == "docs/diagnostics.md#unknown-state")
    let results = try #require(runs[0]["results"] as? [[String: Any]])
    #expect(results.count == 6)
    for result in results {
      let ruleId = try #require(result["ruleId"] as? String)
      let ruleIndex = try #require(result["ruleIndex"] as? Int)
      #expect(ruleIds[ruleIndex] == ruleId)
      #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
      #expect((result["message"] as? [String: String])?["text"]?.isEmpty == false)
      let locations = try #require(result["locations"] as? [[String: Any]])
      let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
      #expect(
        (physical["artifactLocation"] as? [String: String])?["uri"]
          == "examples/caf%C3%A9%20shop.yaml")
      if let region = physical["region"] as? [String: Int] {
        let (startLine, startColumn) = (region["startLine"]!, region["startColumn"]!)
        let (endLine, endColumn) = (region["endLine"]!, region["endColumn"]!)
        #expect(startLine >= 1 && startColumn >= 1)
        #expect((endLine, endColumn) >= (startLine, startColumn))
      } else {
        #expect(ruleId == "missing-key")
      }
    }
    let unknownState = try #require(results.first { $0["ruleId"] as? String == "unknown-state" })
    let region = try #require(
      ((unknownState["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
        "region"]
        as? [String: Int])
    #expect(region == ["startLine": 12, "startColumn": 27, "endLine": 12, "endColumn": 34])
    let related = try #require(unknownState["relatedLocations"] as? [[String: Any]])
    #expect((related.first?["message"] as? [String: String])?["text"] == "did you mean 'checkout'?")
  }

  @Test(.enabled(if: Tooling.jsonSchema, "needs Python with jsonschema"))
  func validatesAgainstTheSARIFSchema() throws {
    try Self.validate(rendered)
  }

  /// Validates a SARIF log against the OASIS schema with Python's `jsonschema` (the tests that
  /// call it are skipped where it is missing; the structural test still runs there).
  static func validate(_ log: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let schema = Golden.url("schemas/sarif-schema-2.1.0.json")
    let validator = """
      import json, sys
      import jsonschema
      schema = json.load(open(sys.argv[1]))
      log = json.load(sys.stdin)
      errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
      for error in errors:
          print("/".join(map(str, error.absolute_path)), error.message)
      print("ok" if not errors else "invalid")
      """
    let run = try Tooling.runPython(script: validator, arguments: [schema.path], input: log)
    #expect(
      run.stdout == "ok\n", "SARIF schema violations:\n\(run.stdout)\(run.stderr)",
      sourceLocation: sourceLocation)
  }

  @Test(.enabled(if: Tooling.jsonSchema, "needs Python with jsonschema"))
  func aRealReportWithTheWholeCatalogueValidatesToo() throws {
    let folder = Golden.url("cli")
    let report = FlowDriver.check(
      paths: ["broken.yaml", "warnings.yaml", "clean.yaml", "missing.yaml"].map {
        folder.appendingPathComponent($0).path
      })
    #expect(report.errorCount >= 2)
    try Self.validate(SARIFDiagnosticRenderer().render(report))
  }

  @Test(arguments: [
    ("examples/shop.yaml", "examples/shop.yaml"),
    ("/tmp/my shop.yaml", "file:///tmp/my%20shop.yaml"),
    ("c:shop.yaml", "./c:shop.yaml"),
    ("a#b?.yaml", "a%23b%3F.yaml"),
  ])
  func artifactURI(path: String, expected: String) {
    #expect(SARIFDiagnosticRenderer.artifactURI(forPath: path) == expected)
  }
}

@Suite struct GitHubAnnotationRendererTests {
  @Test func matchesTheGolden() throws {
    try Golden.assert(
      GitHubAnnotationRenderer().render(RenderFixture.report), matches: "render/github.txt")
  }

  @Test func writesOneCommandPerDiagnostic() {
    let lines = GitHubAnnotationRenderer().render(RenderFixture.report).split(separator: "\n")
    #expect(lines.count == 6)
    #expect(
      lines.contains(
        "::error file=examples/café shop.yaml,line=12,endLine=12,col=27,endColumn=33,"
          + "title=unknown-state::unknown state 'chekout'%0Anote: did you mean 'checkout'? "
          + "(examples/café shop.yaml:13:13)"))
    #expect(
      lines.contains(
        "::error file=examples/café shop.yaml,title=missing-key::missing key 'merchant'"))
    // A range over several lines has no columns.
    #expect(
      lines.contains {
        $0.hasPrefix("::error file=examples/café shop.yaml,line=3,endLine=5,title=multi-line::")
      })
    #expect(lines.filter { $0.hasPrefix("::warning ") }.count == 3)
  }

  @Test func escapesLikeGitHubsToolkit() {
    #expect(GitHubAnnotationRenderer.escapeData("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d")
    #expect(GitHubAnnotationRenderer.escapeProperty("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae")
  }
}
