import FlowTestSupport
import Foundation
import Testing

/// `flowc generate skill-package` and `flowc graph`, run as a user would.
@Suite struct CLIGenerateTests {
  @Test func skillPackageOfAFlowWithAListingHasNoPlaceholders() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-generate")
    defer { folder.remove() }
    let run = try FlowcProcess.run([
      "generate", "skill-package", "examples/no-nicks.yaml", "-o", folder.url.path,
      "--endpoint", "arn:aws:lambda:us-east-1:123456789012:function:shop",
    ])
    #expect(run.status == 0, "\(run)")
    #expect(
      run.stdout
        == "\(folder.url.path)/skill-package/skill.json\n"
        + "\(folder.url.path)/skill-package/interactionModels/custom/en-US.json\n")
    #expect(run.stderr == "", "\(run)")
    let manifest = try String(
      contentsOf: folder.appending("skill-package/skill.json"), encoding: .utf8)
    #expect(manifest.contains("\"uri\" : \"arn:aws:lambda:us-east-1:123456789012:function:shop\""))
    #expect(manifest.contains("\"category\" : \"SHOPPING\""))
    #expect(!manifest.contains("PLACEHOLDER:"))
  }

  @Test func skillPackageIsWrittenWithWarningsForPlaceholders() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-generate")
    defer { folder.remove() }
    let run = try FlowcProcess.run([
      "generate", "skill-package", CLIFlowTests.clean, "-o", folder.url.path,
    ])
    #expect(run.status == 0, "\(run)")
    #expect(run.stderr.contains("flowc: warning: no category in 'skill.publishing'"))
    #expect(run.stderr.contains("[endpoint-missing]"))
    let manifest = try String(
      contentsOf: folder.appending("skill-package/skill.json"), encoding: .utf8)
    #expect(manifest.contains("PLACEHOLDER: the en-US summary (skill.publishing)"))
  }

  @Test func endpointThatIsNeitherHTTPSNorALambdaIsAUsageError() throws {
    let run = try FlowcProcess.run([
      "generate", "skill-package", "examples/no-nicks.yaml", "-o", "/nonexistent",
      "--endpoint", "http://shop.example.com",
    ])
    #expect(run.status == 64, "\(run)")
    #expect(run.stderr.contains("neither an https:// URL nor a Lambda ARN"))
  }

  @Test func unreadableFlowFails() throws {
    let run = try FlowcProcess.run(["generate", "skill-package", "missing.yaml", "-o", "/tmp/x"])
    #expect(run.status == 1, "\(run)")
    #expect(run.stderr == "flowc: error: cannot read 'missing.yaml': no such file or directory\n")
    let graph = try FlowcProcess.run(["graph", "missing.yaml"])
    #expect(graph.status == 1, "\(graph)")
  }

  @Test func graphPrintsDotOrMermaid() throws {
    let dot = try FlowcProcess.run(["graph", "examples/no-nicks.yaml"])
    #expect(dot.status == 0, "\(dot)")
    #expect(dot.stdout.hasPrefix("digraph flow {\n"))
    let mermaid = try FlowcProcess.run(["graph", "examples/no-nicks.yaml", "--format", "mermaid"])
    #expect(mermaid.status == 0, "\(mermaid)")
    #expect(mermaid.stdout.hasPrefix("flowchart TD\n"))
  }
}
