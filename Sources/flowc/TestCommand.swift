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

  @Option(help: ArgumentHelp("A locale of the flow, or 'all'.", valueName: "locale"))
  var locale: String?

  @Option(help: "Output format: text, json or junit.")
  var format: String = "text"

  @Flag(help: "Report the states, transitions and payment outcomes the tests reached.")
  var coverage = false

  func validate() throws {
    guard TestReportFormat(rawValue: format) != nil else {
      throw ValidationError("unknown format '\(format)' (use text, json or junit)")
    }
    guard !tests.isEmpty else { throw ValidationError("give at least one test script") }
  }

  func run() async throws {
    guard let program = ProgramLoader.load(path: flow) else { throw ExitCode.failure }
    let locales: [String]
    switch locale {
    case nil: locales = Array(program.skill.locales.prefix(1))
    case "all"?: locales = program.skill.locales
    case let chosen?:
      guard program.skill.locales.contains(chosen) else {
        RunCommand.printError(
          "'\(flow)' has no locale '\(chosen)' (it has "
            + program.skill.locales.joined(separator: ", ") + ")")
        throw ExitCode.failure
      }
      locales = [chosen]
    }
    var scripts: [TestScript] = []
    var unreadable = false
    var skipped = 0
    for path in TestFiles.expand(tests) {
      let (script, diagnostics) = TestScriptParser.parse(path: path)
      if !diagnostics.isEmpty, let file = try? SourceFile(contentsOf: path) {
        StandardStream.error.write(
          TextDiagnosticRenderer().render(
            DiagnosticReport(files: [FileDiagnostics(file: file, diagnostics: diagnostics)])))
      } else if !diagnostics.isEmpty {
        for diagnostic in diagnostics { RunCommand.printError(diagnostic.message) }
      }
      guard let script else {
        unreadable = true
        continue
      }
      if script.isWritten(forFlowAt: flow) {
        scripts.append(script)
      } else {
        skipped += 1
      }
    }
    if skipped > 0 {
      StandardStream.error.write(
        "flowc: note: skipped \(skipped) test script\(skipped == 1 ? "" : "s") written for "
          + "another flow\n")
    }
    let runner = TestRunner(program: program, locales: locales)
    let result = await runner.run(scripts)
    StandardStream.output.write(
      TestReportFormatter.render(
        result, as: TestReportFormat(rawValue: format) ?? .text, coverage: coverage))
    if unreadable || !result.passed { throw ExitCode.failure }
  }
}

/// Expands directories into the `*.test.yaml` files they hold, sorted.
enum TestFiles {
  static func expand(_ paths: [String]) -> [String] {
    var files: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        files += names.filter { $0.hasSuffix(".test.yaml") || $0.hasSuffix(".test.yml") }.sorted()
          .map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
      } else {
        files.append(path)
      }
    }
    return files
  }
}
