import FlowIR
import FlowTestSupport
import Testing

@testable import FlowTesting

/// The test scripts of every example, run the way `flowc test --locale all` runs them.
@Suite struct ExampleScriptsTests {
  static let examples = ["no-nicks", "euro-shop", "refills-charge-later"]

  static func run(_ example: String) async throws -> (TestRunResult, FlowProgram) {
    let program = try Repository.example(example)
    let paths = Repository.scripts(for: example == "refills-charge-later" ? "refills" : example)
    #expect(!paths.isEmpty, "no test scripts for \(example)")
    var scripts: [TestScript] = []
    for path in paths {
      let (script, diagnostics) = TestScriptParser.parse(path: path)
      #expect(diagnostics.isEmpty, "\(path): \(diagnostics.map(\.message))")
      if let script { scripts.append(script) }
    }
    var runner = TestRunner(program: program, locales: program.skill.locales)
    runner.recordEnvelope = { data, kind, name in
      ConformanceRecorder.record(data, kind: kind, name: "testing-\(name)")
    }
    return (await runner.run(scripts), program)
  }

  @Test(arguments: examples)
  func everyScriptPasses(example: String) async throws {
    let (result, _) = try await Self.run(example)
    #expect(!result.cases.isEmpty)
    for test in result.cases where !test.passed {
      let report = TestReportFormatter.render(
        TestRunResult(cases: [test], coverage: []), as: .text, coverage: false)
      Issue.record("\(test.name) (\(test.locale)) failed:\n\(report)")
    }
  }

  @Test func noNicksIsCoveredCompletely() async throws {
    let (result, program) = try await Self.run("no-nicks")
    let report = try #require(result.coverage.first)
    #expect(report.locale == "en-US")
    #expect(report.missedStates == [], "\(report.text)")
    #expect(report.missedTransitions == [], "\(report.text)")
    #expect(report.missedPaymentOutcomes == [], "\(report.text)")
    #expect(report.isComplete)
    // Every state, every transition (the 3 globals included), every outcome of Setup and Charge.
    #expect(report.allStates.count == program.states.count)
    #expect(report.allPaymentOutcomes.count == 7)
    #expect(
      report.text.contains("states entered: \(program.states.count)/\(program.states.count) (100%)")
    )
  }

  @Test(arguments: ["euro-shop", "refills-charge-later"])
  func theOtherExamplesAreCoveredCompletelyToo(example: String) async throws {
    let (result, _) = try await Self.run(example)
    for report in result.coverage {
      #expect(report.isComplete, "\(report.text)")
    }
  }
}
