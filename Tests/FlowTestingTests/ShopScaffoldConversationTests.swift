import FlowCompiler
import FlowIR
import Testing

@testable import FlowTesting

/// The test script `flowc init` writes passes against the flow it writes, in every locale,
/// and reaches every state and payment outcome.
@Suite struct ShopScaffoldConversationTests {
  @Test(arguments: [
    ("US", [String]()), ("UK", []), ("JP", []), ("DE", ["de-DE", "fr-FR", "it-IT", "es-ES"]),
    ("ES", []),
  ])
  func generatedScriptPassesInEveryLocale(country: String, locales: [String]) async throws {
    let shop = try ShopScaffold(folderName: "gift-shop", country: country, locales: locales)
    let flow = try #require(shop.files.first { $0.path == ShopScaffold.flowPath })
    let scriptFile = try #require(shop.files.first { $0.path == ShopScaffold.testPath })
    let compiled = FlowCompiler.compile(
      SourceFile(path: "/gift-shop/" + flow.path, text: flow.contents))
    let program = try #require(compiled.program, "\(compiled.diagnostics.map(\.message))")
    let (script, diagnostics) = TestScriptParser.parse(
      SourceFile(path: "/gift-shop/" + scriptFile.path, text: scriptFile.contents))
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    let parsed = try #require(script)
    let runner = TestRunner(program: program, locales: program.skill.locales)
    let result = await runner.run([parsed])
    #expect(result.cases.count == shop.locales.count)
    for test in result.cases where !test.passed {
      let report = TestReportFormatter.render(
        TestRunResult(cases: [test], coverage: []), as: .text, coverage: false)
      Issue.record("\(country) \(test.locale) failed:\n\(report)")
    }
    for report in result.coverage {
      #expect(report.missedStates == [], "\(report.text)")
      #expect(report.missedPaymentOutcomes == [], "\(report.text)")
    }
  }
}
