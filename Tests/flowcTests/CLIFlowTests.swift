import FlowTestSupport
import Foundation
import Testing

/// `flowc check` and `flowc compile` on real flow files (`Tests/TestData/cli/`): a clean flow,
/// one with warnings only, and one with errors.
@Suite struct CLIFlowTests {
  static let clean = "Tests/TestData/cli/clean.yaml"
  static let warnings = "Tests/TestData/cli/warnings.yaml"
  static let broken = "Tests/TestData/cli/broken.yaml"

  @Test func aCleanFlowPrintsNothingAndExits0() throws {
    let run = try FlowcProcess.run(["check", Self.clean])
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.isEmpty, "\(run)")
    #expect(run.stderr.isEmpty, "\(run)")
  }

  @Test func aBrokenFlowIsRenderedAndExits1() throws {
    let run = try FlowcProcess.run(["check", Self.broken])
    #expect(run.status == 1, "\(run)")
    #expect(run.stdout.contains("\(Self.broken):"))
    #expect(run.stdout.contains(": error: "))
    #expect(run.stderr.hasSuffix(" generated.\n"), "\(run)")
    try Golden.assert(run.description, matches: "cli/check-broken.txt")
  }

  @Test func warningsOnlyExit0UnlessWarningsAreErrors() throws {
    let plain = try FlowcProcess.run(["check", Self.warnings])
    #expect(plain.status == 0, "\(plain)")
    #expect(plain.stdout.contains(": warning: "), "\(plain)")
    #expect(!plain.stdout.contains(": error: "), "\(plain)")
    #expect(
      plain.stderr.hasSuffix("warning generated.\n")
        || plain.stderr.hasSuffix("warnings generated.\n"))

    let strict = try FlowcProcess.run(["check", "--warnings-as-errors", Self.warnings])
    #expect(strict.status == 1, "\(strict)")
    #expect(!strict.stdout.contains(": warning: "), "\(strict)")
    #expect(strict.stdout.contains(": error: "), "\(strict)")
    // The same diagnostics, only promoted.
    #expect(
      strict.stdout == plain.stdout.replacingOccurrences(of: ": warning: ", with: ": error: "))
  }

  @Test func releaseTurnsSandboxModeIntoAnError() throws {
    let run = try FlowcProcess.run(["check", "--release", Self.warnings])
    #expect(run.status == 1, "\(run)")
  }

  @Test func everyFormatReportsTheSameIds() throws {
    let text = try FlowcProcess.run(["check", Self.broken, Self.clean])
    let textIds = Self.ids(inText: text.stdout)
    #expect(!textIds.isEmpty)

    let json = try FlowcProcess.run(["check", "--format", "json", Self.broken, Self.clean])
    #expect(json.status == 1)
    let document = try #require(
      try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [String: Any])
    let files = try #require(document["files"] as? [[String: Any]])
    #expect(files.map { $0["path"] as? String } == [Self.broken, Self.clean])
    let jsonIds = files.flatMap {
      ($0["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }
    #expect(jsonIds == textIds)
    let summary = try #require(document["summary"] as? [String: Int])
    #expect((summary["errors"] ?? 0) >= 1)

    let sarif = try FlowcProcess.run(["check", "--format", "sarif", Self.broken, Self.clean])
    #expect(sarif.status == 1)
    let log = try #require(
      try JSONSerialization.jsonObject(with: sarif.stdoutBytes) as? [String: Any])
    let results = try #require(
      (log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
    #expect(results.compactMap { $0["ruleId"] as? String } == textIds)

    let github = try FlowcProcess.run(["check", "--format", "github", Self.broken, Self.clean])
    #expect(github.status == 1)
    let titles = github.stdout.split(separator: "\n").compactMap { line -> String? in
      guard let title = line.range(of: ",title=") else { return nil }
      return String(line[title.upperBound...].prefix { $0 != ":" })
    }
    #expect(titles == textIds)
  }

  @Test func compileWritesDeterministicIR() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-flow")
    defer { folder.remove() }
    let first = folder.appending("first.json")
    let second = folder.appending("second.json")
    let runFirst = try FlowcProcess.run(["compile", Self.clean, "-o", first.path])
    #expect(runFirst.status == 0, "\(runFirst)")
    #expect(runFirst.stdout.isEmpty)
    #expect(runFirst.stderr.isEmpty)
    let runSecond = try FlowcProcess.run(["compile", Self.clean, "--output", second.path])
    #expect(runSecond.status == 0)
    let firstBytes = try Data(contentsOf: first)
    #expect(firstBytes == (try Data(contentsOf: second)))
    let toStdout = try FlowcProcess.run(["compile", Self.clean])
    #expect(toStdout.status == 0)
    #expect(toStdout.stdoutBytes == firstBytes)
    let ir = try #require(try JSONSerialization.jsonObject(with: firstBytes) as? [String: Any])
    #expect(ir["ir_version"] as? Int == 1)
    #expect(firstBytes.last == UInt8(ascii: "\n"))
  }

  @Test func compileWithErrorsLeavesTheOutputAlone() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-flow")
    defer { folder.remove() }
    let output = folder.appending("out.json")
    try Data("previous".utf8).write(to: output)
    let run = try FlowcProcess.run(["compile", Self.broken, "-o", output.path])
    #expect(run.status == 1, "\(run)")
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains(": error: "))
    #expect(run.stderr.hasSuffix(" generated.\n"))
    #expect(try String(contentsOf: output, encoding: .utf8) == "previous")
  }

  @Test func compileWarnsOnStderrAndStillWritesIR() throws {
    let run = try FlowcProcess.run(["compile", Self.warnings])
    #expect(run.status == 0, "\(run)")
    #expect(run.stderr.contains(": warning: "))
    #expect(try JSONSerialization.jsonObject(with: run.stdoutBytes) is [String: Any])
    let strict = try FlowcProcess.run(["compile", "--warnings-as-errors", Self.warnings])
    #expect(strict.status == 1)
    #expect(strict.stdout.isEmpty)
  }

  @Test func compileIntoAMissingFolderIsAnUnwritableFile() throws {
    let run = try FlowcProcess.run(["compile", Self.clean, "-o", "no-such-folder/out.json"])
    #expect(run.status == 1, "\(run)")
    #expect(run.stdout.isEmpty)
    #expect(
      run.stderr
        == "no-such-folder/out.json: error: cannot write file: no such file or directory "
        + "[unwritable-file]\n1 error generated.\n")
  }

  /// The ids of a text rendering, in order: the `[id]` that ends each diagnostic's header.
  static func ids(inText text: String) -> [String] {
    text.split(separator: "\n").compactMap { line -> String? in
      guard line.contains(": error: ") || line.contains(": warning: "), line.hasSuffix("]"),
        let open = line.lastIndex(of: "[")
      else { return nil }
      return String(line[line.index(after: open)..<line.index(before: line.endIndex)])
    }
  }
}
