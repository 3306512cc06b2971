import FlowTestSupport
import Foundation
import Testing

@Suite struct CLIExplainTests {
  @Test func explainsAKnownId() throws {
    let run = try FlowcProcess.run(["explain", "unreadable-file"])
    #expect(run.status == 0, "\(run)")
    #expect(
      run.stdout.hasPrefix(
        "unreadable-file (error): a file named on the command line cannot be read\n\n"))
    #expect(run.stdout.contains("```"))
    #expect(run.stderr.isEmpty)
  }

  @Test func acceptsTheIdAsPrintedAfterAMessage() throws {
    let bracketed = try FlowcProcess.run(["explain", "[unreadable-file]"])
    let plain = try FlowcProcess.run(["explain", "unreadable-file"])
    #expect(bracketed.status == 0)
    #expect(bracketed.stdout == plain.stdout)
  }

  @Test func explanationIsTheSectionOfTheReference() throws {
    let run = try FlowcProcess.run(["explain", "unreadable-file"])
    let reference = try String(
      contentsOf: FlowcProcess.repositoryRoot.appendingPathComponent("docs/diagnostics.md"),
      encoding: .utf8)
    let body = run.stdout.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n")
    #expect(reference.contains("## unreadable-file\n"))
    #expect(reference.contains(body))
  }

  @Test func unknownIdExits1WithDidYouMean() throws {
    let run = try FlowcProcess.run(["explain", "unreadable-fil"])
    #expect(run.status == 1, "\(run)")
    #expect(run.stdout.isEmpty)
    #expect(
      run.stderr
        == "error: unknown diagnostic id 'unreadable-fil'\nnote: did you mean 'unreadable-file'?\n"
        + "note: 'flowc explain --list' lists every id\n")
  }

  @Test func unknownIdWithoutACloseOneHasNoSuggestion() throws {
    let run = try FlowcProcess.run(["explain", "qqqqqqqqqqqq"])
    #expect(run.status == 1)
    #expect(!run.stderr.contains("did you mean"))
  }

  @Test func listShowsEveryIdWithItsSummary() throws {
    let run = try FlowcProcess.run(["explain", "--list"])
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n")
    #expect(
      lines.contains {
        $0.hasPrefix("unreadable-file ")
          && $0.hasSuffix("error: a file named on the command line cannot be read")
      })
    #expect(lines.contains { $0.hasPrefix("unwritable-file ") })
    #expect(
      lines.map { $0.split(separator: " ").first! }
        == lines.map { $0.split(separator: " ").first! }.sorted())
  }
}
