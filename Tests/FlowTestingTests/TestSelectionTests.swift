import FlowCompiler
import FlowIR
import Foundation
import Testing

@testable import FlowTesting

/// What `flowc test` and `flowc simulate` select before running: the locales, the scripts, and
/// the scripted Amazon Pay answer.
@Suite struct TestSelectionTests {
  // MARK: Locales

  @Test func testLocalesAreTheFirstAllOrTheOneNamed() throws {
    let program = try Repository.example("euro-shop")
    let locales = program.skill.locales
    #expect(locales.count > 1)
    #expect(try LocaleSelection.testLocales(nil, of: program) == [locales[0]])
    #expect(try LocaleSelection.testLocales("all", of: program) == locales)
    #expect(try LocaleSelection.testLocales(locales[1], of: program) == [locales[1]])
  }

  @Test func anUnknownLocaleListsTheFlowsLocales() throws {
    let program = try Repository.example("no-nicks")
    #expect(throws: UnknownLocale(locale: "fr-FR", available: program.skill.locales)) {
      try LocaleSelection.testLocales("fr-FR", of: program)
    }
    let error = UnknownLocale(locale: "fr-FR", available: ["en-US", "en-GB"])
    #expect(error.description == "has no locale 'fr-FR' (it has en-US, en-GB)")
  }

  @Test func theSimulatorTalksInTheFirstLocaleOrTheOneNamedButNeverAll() throws {
    let program = try Repository.example("euro-shop")
    let locales = program.skill.locales
    #expect(try LocaleSelection.simulatorLocale(nil, of: program) == locales[0])
    #expect(try LocaleSelection.simulatorLocale(locales[1], of: program) == locales[1])
    #expect(throws: UnknownLocale.self) { try LocaleSelection.simulatorLocale("all", of: program) }
  }

  // MARK: Scripts

  /// A folder with two scripts (one for another flow), a broken one and a file that is not a
  /// script.
  static func scriptFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-scripts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let files = [
      "b.test.yaml": "steps:\n  - launch\n",
      "a.test.yml": "flow: other.yaml\nsteps:\n  - launch\n",
      "c.test.yaml": "steps: 3\n",
      "notes.yaml": "steps:\n  - launch\n",
    ]
    for (name, text) in files {
      try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
    return folder
  }

  @Test func directoriesExpandToTheirScriptsSortedOtherPathsStay() throws {
    let folder = try Self.scriptFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let expanded = TestScriptSet.expand([folder.path, "missing.test.yaml"])
    #expect(
      expanded.map { URL(fileURLWithPath: $0).lastPathComponent } == [
        "a.test.yml", "b.test.yaml", "c.test.yaml", "missing.test.yaml",
      ])
  }

  @Test func scriptsForAnotherFlowAreSkippedAndBrokenOnesCounted() throws {
    let folder = try Self.scriptFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let flow = folder.appendingPathComponent("flow.yaml").path
    let found = TestScriptSet(paths: [folder.path, "/nonexistent.test.yaml"], forFlowAt: flow)
    #expect(found.scripts.map(\.name) == ["b"])
    #expect(found.skippedCount == 1)
    #expect(found.unreadableCount == 2)
    #expect(
      found.problems.map { URL(fileURLWithPath: $0.path).lastPathComponent } == [
        "c.test.yaml", "nonexistent.test.yaml",
      ])
    #expect(found.problems.map { $0.file == nil } == [false, true])
    // The same folder tested against the flow the skipped script names runs both.
    let other = TestScriptSet(
      paths: [folder.path], forFlowAt: folder.appendingPathComponent("other.yaml").path)
    #expect(other.scripts.count == 2)
    #expect(other.skippedCount == 0)
  }

  // MARK: Payment answers

  @Test(arguments: [
    ("success", PaymentAnswer.success),
    ("permission_denied", .permissionDenied),
    ("declined", .declined(reason: "AmazonRejected")),
    ("declined InvalidPaymentMethod", .declined(reason: "InvalidPaymentMethod")),
    ("error", .error(code: "InternalServerError")),
    ("ERROR RequestThrottled", .error(code: "RequestThrottled")),
  ])
  func answersAreReadFromWords(words: String, answer: PaymentAnswer) {
    #expect(PaymentAnswer(words: words) == answer)
    #expect(PaymentAnswer(words: answer.description) == answer)
  }

  @Test(arguments: ["", "paid", "success now", "permission_denied X", "declined a b"])
  func otherWordsAreNoAnswer(words: String) {
    #expect(PaymentAnswer(words: words) == nil)
  }

  @Test func everyOutcomeIsAnAnswerListedBareOutcomesFirst() {
    #expect(Set(PaymentAnswer.scriptOrder) == Set(PaymentOutcome.allCases))
    #expect(PaymentAnswer.scriptOrder == [.success, .permissionDenied, .declined, .error])
    #expect(PaymentAnswer.success.outcome == .success)
    #expect(PaymentAnswer.success.code == nil)
    #expect(PaymentAnswer.declined(reason: "X").outcome == .declined)
  }
}
