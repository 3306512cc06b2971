import FlowTestSupport
import Testing

/// A misspelt subcommand is a usage error that names the closest command; `run --help` names
/// its default store once.
@Suite struct CLISubcommandSuggestionTests {
  @Test(arguments: [("chekc", "check"), ("compil", "compile"), ("tset", "test"), ("int", "init")])
  func misspeltSubcommandSuggestsTheCommand(typed: String, meant: String) throws {
    let run = try FlowcProcess.run([typed, "examples/no-nicks.yaml"])
    #expect(run.status == 64, "\(run)")
    #expect(
      run.stderr.hasPrefix("Error: unknown command '\(typed)'; did you mean '\(meant)'?\n"),
      "\(run)")
    #expect(run.stderr.contains("flowc --help"), "\(run)")
    #expect(run.stdout.isEmpty, "\(run)")
  }

  @Test func aWordFarFromEveryCommandGetsArgumentParsersOwnError() throws {
    let run = try FlowcProcess.run(["frobnicate"])
    #expect(run.status == 64, "\(run)")
    #expect(!run.stderr.contains("did you mean"), "\(run)")
  }

  @Test func runHelpNamesTheDefaultStoreOnce() throws {
    let run = try FlowcProcess.run(["run", "--help"])
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.components(separatedBy: "sqlite:.flowc/flowc.sqlite").count == 2, "\(run)")
  }
}
