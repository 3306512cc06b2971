import FlowTestSupport
import Foundation
import Testing

/// `flowc check`: formats, exit status, colours, and files that cannot be read.
@Suite struct CLICheckTests {
  @Test func unreadableFileIsALocatedErrorWithExit1() throws {
    let run = try FlowcProcess.run(["check", "Tests/TestData/cli/no-such-file.yaml"])
    #expect(run.status == 1, "\(run)")
    #expect(
      run.stdout
        == "Tests/TestData/cli/no-such-file.yaml: error: cannot read file: no such file or directory [unreadable-file]\n"
    )
    #expect(run.stderr == "1 error generated.\n")
  }

  @Test func aDirectoryIsUnreadable() throws {
    let run = try FlowcProcess.run(["check", "Tests"])
    #expect(run.status == 1)
    #expect(run.stdout == "Tests: error: cannot read file: is a directory [unreadable-file]\n")
  }

  @Test func jsonIsOnStdoutAndParses() throws {
    let run = try FlowcProcess.run(["check", "--format", "json", "missing.yaml"])
    #expect(run.status == 1)
    #expect(run.stderr.isEmpty, "machine formats print no summary line")
    let document = try #require(
      try JSONSerialization.jsonObject(with: run.stdoutBytes) as? [String: Any])
    #expect(document["version"] as? Int == 1)
    #expect((document["summary"] as? [String: Int]) == ["errors": 1, "warnings": 0])
    let files = try #require(document["files"] as? [[String: Any]])
    #expect(files.first?["path"] as? String == "missing.yaml")
    let diagnostics = try #require(files.first?["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.map { $0["id"] as? String } == ["unreadable-file"])
  }

  @Test func sarifIsOnStdoutAndNamesTheRule() throws {
    let run = try FlowcProcess.run(["check", "--format", "sarif", "missing.yaml"])
    #expect(run.status == 1)
    let log = try #require(
      try JSONSerialization.jsonObject(with: run.stdoutBytes) as? [String: Any])
    #expect(log["version"] as? String == "2.1.0")
    let run0 = try #require((log["runs"] as? [[String: Any]])?.first)
    let rules = try #require(
      ((run0["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
    #expect(rules.map { $0["id"] as? String } == ["unreadable-file"])
    #expect(rules.first?["helpUri"] as? String == "docs/diagnostics.md#unreadable-file")
    let results = try #require(run0["results"] as? [[String: Any]])
    #expect(results.map { $0["ruleId"] as? String } == ["unreadable-file"])
    #expect(results.first?["level"] as? String == "error")
  }

  @Test func githubAnnotationsAreOnStdout() throws {
    let run = try FlowcProcess.run(["check", "--format", "github", "missing.yaml"])
    #expect(run.status == 1)
    #expect(
      run.stdout
        == "::error file=missing.yaml,title=unreadable-file::cannot read file: no such file or directory\n"
    )
  }

  @Test func colourIsOffWhenNotATerminalAndOnWhenAsked() throws {
    let auto = try FlowcProcess.run(["check", "missing.yaml"])
    #expect(!auto.stdout.contains("\u{1B}["))
    let always = try FlowcProcess.run(["check", "--color", "always", "missing.yaml"])
    #expect(always.stdout.contains("\u{1B}[1;31merror:\u{1B}[0m"), "\(always)")
    let alwaysDespiteNoColor = try FlowcProcess.run(
      ["check", "--color=always", "missing.yaml"], environment: ["NO_COLOR": "1"])
    #expect(alwaysDespiteNoColor.stdout.contains("\u{1B}["))
    let never = try FlowcProcess.run(["check", "--color", "never", "missing.yaml"])
    #expect(!never.stdout.contains("\u{1B}["))
  }

  @Test func everyFileIsReportedInOrder() throws {
    let run = try FlowcProcess.run([
      "check", "--format", "json", "b-missing.yaml", "a-missing.yaml",
    ])
    let document = try #require(
      try JSONSerialization.jsonObject(with: run.stdoutBytes) as? [String: Any])
    let paths = (document["files"] as? [[String: Any]])?.map { $0["path"] as? String }
    #expect(paths == ["b-missing.yaml", "a-missing.yaml"])
    #expect((document["summary"] as? [String: Int])?["errors"] == 2)
  }
}

@Suite struct CLICompileTests {
  @Test func unreadableFileExits1WithDiagnosticsOnStderr() throws {
    let run = try FlowcProcess.run(["compile", "missing.yaml"])
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    #expect(
      run.stderr
        == "missing.yaml: error: cannot read file: no such file or directory [unreadable-file]\n"
        + "1 error generated.\n")
  }

  @Test func noOutputFileIsWrittenOnErrors() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-compile")
    defer { folder.remove() }
    let output = folder.appending("out.json")
    let run = try FlowcProcess.run(["compile", "missing.yaml", "-o", output.path])
    #expect(run.status == 1)
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }
}
