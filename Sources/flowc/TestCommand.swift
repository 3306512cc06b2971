import ArgumentParser
import FlowCompiler
import FlowIR
import FlowTesting
import Foundation

/// `flowc test FLOW TESTS…`: runs scripted conversations with assertions on the runtime.
struct TestCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run scripted conversations (*.test.yaml) against a flow, per locale.",
    discussion: """
      Each test runs on the real runtime with a fresh memory store, once per selected locale \
      (a test that lists its own 'locales' runs only in those). A failure prints the \
      transcript up to the failing assertion with what was expected and what happened. \
      The format of test scripts is in docs/testing.md ('flowc schema test' prints its JSON \
      Schema). Exit status: 0 when every test passed, 1 when one failed or could not be read, \
      64 on a usage error.
      """
  )

  @Argument(help: "The flow: a YAML flow file or IR JSON.")
  var flow: String

  @Argument(help: "Test scripts (*.test.yaml), or directories holding them.")
  var tests: [String]

  @Option(
    help: ArgumentHelp("A locale of the flow, or '\(LocaleSelection.all)'.", valueName: "locale"))
  var locale: String?

  @Option(help: "The report format.")
  var format = ArgumentChoice(TestReportFormat.text)

  @Flag(help: "Report the states, transitions and payment outcomes the tests reached.")
  var coverage = false

  func validate() throws {
    guard !tests.isEmpty else { throw ValidationError("give at least one test script") }
  }

  func run() async throws {
    let program = try CommandOutput.loadProgram(path: flow)
    let locales: [String]
    do {
      locales = try LocaleSelection.testLocales(locale, of: program)
    } catch {
      CommandOutput.error("'\(flow)' \(error)")
      throw ExitCode.failure
    }
    let found = TestScriptSet(paths: tests, forFlowAt: flow)
    for problems in found.problems {
      if let file = problems.file {
        CommandOutput.diagnostics(
          DiagnosticReport(files: [FileDiagnostics(file: file, diagnostics: problems.diagnostics)]),
          summary: false)
      } else {
        for diagnostic in problems.diagnostics { CommandOutput.error(diagnostic.message) }
      }
    }
    if found.skippedCount > 0 {
      CommandOutput.note(
        "skipped \(found.skippedCount) test script\(found.skippedCount == 1 ? "" : "s") "
          + "written for another flow")
    }
    let runner = TestRunner(program: program, locales: locales)
    let result = await runner.run(found.scripts)
    StandardStream.output.write(
      TestReportFormatter.render(result, as: format.value, coverage: coverage))
    if found.unreadableCount > 0 || !result.passed { throw ExitCode.failure }
  }
}
