import FlowTestSupport
import Foundation
import Testing

/// Help, version and usage errors: exit 0 for help, 64 for anything argument-parser refuses.
@Suite struct CLIUsageTests {
  @Test func helpListsTheCommands() throws {
    let run = try FlowcProcess.run(["--help"])
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.contains("USAGE: flowc <subcommand>"), "\(run)")
    for command in ["check", "compile", "explain", "schema"] {
      #expect(run.stdout.contains("  \(command) "), "no '\(command)' in help")
    }
    #expect(run.stderr.isEmpty)
  }

  @Test func subcommandHelpShowsItsOptions() throws {
    let run = try FlowcProcess.run(["check", "--help"])
    #expect(run.status == 0)
    for option in ["--format", "--release", "--warnings-as-errors", "--color"] {
      #expect(run.stdout.contains(option), "no '\(option)' in check help")
    }
  }

  @Test func noArgumentsPrintsTheHelp() throws {
    let bare = try FlowcProcess.run([])
    let help = try FlowcProcess.run(["--help"])
    #expect(bare.status == 0)
    #expect(bare.stdout == help.stdout)
  }

  @Test func helpSubcommandMatchesTheHelpFlag() throws {
    let viaCommand = try FlowcProcess.run(["help", "compile"])
    let viaFlag = try FlowcProcess.run(["compile", "--help"])
    #expect(viaCommand.status == 0)
    #expect(viaCommand.stdout == viaFlag.stdout)
    #expect(viaFlag.stdout.contains("-o, --output <output>"))
  }

  @Test func versionIsPrinted() throws {
    let run = try FlowcProcess.run(["--version"])
    #expect(run.status == 0)
    #expect(
      run.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(run)")
  }

  @Test(arguments: [
    ["check"],
    ["check", "--format", "xml", "a.yaml"],
    ["check", "--color", "sometimes", "a.yaml"],
    ["check", "--frobnicate", "a.yaml"],
    ["frobnicate"],
    ["--frobnicate"],
    ["compile"],
    ["compile", "a.yaml", "b.yaml"],
    ["compile", "a.yaml", "-o"],
    ["explain"],
    ["explain", "--list", "unreadable-file"],
  ])
  func usageErrorsExit64(arguments: [String]) throws {
    let run = try FlowcProcess.run(arguments)
    #expect(run.status == 64, "\(run)")
    #expect(run.stderr.hasPrefix("Error: "), "\(run)")
    #expect(run.stdout.isEmpty, "\(run)")
  }
}
