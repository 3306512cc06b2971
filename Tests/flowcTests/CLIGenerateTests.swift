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

/// `flowc generate ask-python`, and the generated skill answering on the real ASK SDK.
@Suite struct CLIGenerateAskPythonTests {
  /// The venv's python when it has the ASK SDK the generated skill imports.
  static let python: URL? = {
    guard let python = Tooling.conformancePython else { return nil }
    let run = try? TestProcess.run(python, ["-c", "import ask_sdk_core, ask_sdk_dynamodb"])
    return run?.status == 0 ? python : nil
  }()

  @Test func writesTheProjectAndPrintsEveryPath() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-generate-python")
    defer { folder.remove() }
    let run = try FlowcProcess.run([
      "generate", "ask-python", "examples/no-nicks.yaml", "-o", folder.url.path,
    ])
    #expect(run.status == 0, "\(run)")
    let paths = [
      "ask-resources.json", "README.md", "local_runner.py", "lambda/lambda_function.py",
      "lambda/flowc_support.py", "lambda/requirements.txt", "skill-package/skill.json",
      "skill-package/interactionModels/custom/en-US.json",
    ]
    #expect(run.stdout == paths.map { "\(folder.url.path)/\($0)\n" }.joined())
    #expect(
      run.stderr
        == "flowc: warning: no --endpoint given; skill.json has a placeholder endpoint "
        + "[endpoint-missing]\n")
    for path in paths {
      #expect(FileManager.default.fileExists(atPath: folder.appending(path).path), "\(path)")
    }
  }

  @Test func endpointGoesIntoTheSkillPackage() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-generate-python")
    defer { folder.remove() }
    let arn = "arn:aws:lambda:us-east-1:123456789012:function:shop"
    let run = try FlowcProcess.run([
      "generate", "ask-python", "examples/no-nicks.yaml", "-o", folder.url.path, "--endpoint", arn,
    ])
    #expect(run.status == 0 && run.stderr.isEmpty, "\(run)")
    let manifest = try String(
      contentsOf: folder.appending("skill-package/skill.json"), encoding: .utf8)
    #expect(manifest.contains("\"uri\" : \"\(arn)\""))
  }

  @Test func usageAndReadErrors() throws {
    let usage = try FlowcProcess.run([
      "generate", "ask-python", "examples/no-nicks.yaml", "-o", "/nonexistent", "--endpoint",
      "shop",
    ])
    #expect(usage.status == 64, "\(usage)")
    let missing = try FlowcProcess.run(["generate", "ask-python", "missing.yaml", "-o", "/tmp/x"])
    #expect(missing.status == 1, "\(missing)")
    #expect(
      missing.stderr == "flowc: error: cannot read 'missing.yaml': no such file or directory\n")
  }

  @Test func unwritableFolderFailsWithAMessage() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-generate-python")
    defer { folder.remove() }
    let blocker = folder.appending("file")
    try Data("x".utf8).write(to: blocker)
    let run = try FlowcProcess.run([
      "generate", "ask-python", "examples/no-nicks.yaml", "-o", blocker.path,
    ])
    #expect(run.status == 1, "\(run)")
    #expect(run.stderr.contains("flowc: error: cannot write the Python skill to '\(blocker.path)'"))
  }

  /// The generated skill on the real ASK SDK answers the example LaunchRequest as `flowc run`
  /// does: the same response and the same sealed conversation (the seal's key is each
  /// store's own).
  @Test(.enabled(if: python != nil, "needs FLOWC_PYTHON with ask-sdk-core"))
  func generatedSkillAnswersLaunchLikeTheRuntime() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-generate-python")
    defer { folder.remove() }
    let flow = "examples/no-nicks.yaml"
    let generate = try FlowcProcess.run(["generate", "ask-python", flow, "-o", folder.url.path])
    #expect(generate.status == 0, "\(generate)")
    let envelope = try Data(
      contentsOf: FlowcProcess.repositoryRoot.appendingPathComponent(
        "examples/requests/launch.json"))
    let line = try JSONSerialization.data(
      withJSONObject: try JSONSerialization.jsonObject(with: envelope))
    let python = try #require(Self.python)
    let skill = try TestProcess.run(
      python, [folder.appending("local_runner.py").path], stdin: line + Data("\n".utf8))
    #expect(skill.status == 0, "\(skill)")
    let runtime = try FlowcProcess.run(["run", flow], stdin: envelope)
    #expect(runtime.status == 0, "\(runtime)")
    func comparable(_ text: String) throws -> NSDictionary {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
      var attributes = try #require(object["sessionAttributes"] as? [String: Any])
      var conversation = try #require(attributes["flowc"] as? [String: Any])
      #expect(conversation.removeValue(forKey: "seal") != nil)
      attributes["flowc"] = conversation
      var result = object
      result["sessionAttributes"] = attributes
      return result as NSDictionary
    }
    #expect(try comparable(skill.stdout) == comparable(runtime.stdout), "\(skill)\n\(runtime)")
    #expect(
      skill.stdout.contains("Welcome to No Nicks. Would you like to buy a starter kit for $9.00?"))
  }
}
