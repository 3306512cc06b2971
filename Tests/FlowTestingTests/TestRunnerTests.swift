import FlowCompiler
import FlowIR
import Foundation
import Testing

@testable import FlowTesting

@Suite struct TestRunnerTests {
  let program: FlowProgram

  init() throws {
    program = try Repository.example("no-nicks")
  }

  func run(_ text: String, locales: [String] = []) async throws -> TestRunResult {
    let script = try parseScript(text, path: "examples/tests/inline.test.yaml")
    return await TestRunner(program: program, locales: locales).run([script])
  }

  @Test func aFailureShowsTheTranscriptUpToTheFailingAssertion() async throws {
    let result = try await run(
      """
      name: broken
      steps:
        - launch
        - say: yes
        - say: yes
        - pay: success
          expect: { state: thanks }
        - say: yes
      """)
    let test = try #require(result.cases.first)
    let failure = try #require(test.failure)
    #expect(failure.step == 4)
    #expect(failure.message == "state: expected \"thanks\", got \"checkout\"")
    #expect(test.transcript.first == "> launch")
    #expect(test.transcript.contains("> pay success (Setup)"))
    #expect(
      !test.transcript.contains { $0.hasPrefix("> say \"yes\"") && $0 == test.transcript.last })
    #expect(test.stepsRun == 4)
    let text = TestReportFormatter.render(result, as: .text, coverage: false)
    #expect(text.contains("FAIL broken (en-US)"))
    #expect(
      text.contains(
        "examples/tests/inline.test.yaml:6:5: error: step 4 of 'broken' (en-US): state: expected \"thanks\", got \"checkout\" [test-failure]"
      ))
    #expect(text.contains("    < Your total is $9.00, shipping to 410 Terry Ave N."))
    #expect(text.contains("    ✗ state: expected"))
    #expect(text.hasSuffix("1 test, 0 passed, 1 failed\n"))
    #expect(!result.passed)
  }

  @Test(arguments: [
    ("speech: Goodbye", "speech: expected contains \"Goodbye\", got \"Welcome to No Nicks."),
    ("reprompt: { equals: x }", "reprompt: expected equals \"x\", got \"Would you like"),
    ("card: none", "card: expected none, got Simple \"Welcome to No Nicks\""),
    ("directive: Setup", "directive: expected a directive, got none"),
    ("session_ended: true", "session_ended: expected true, got false"),
    ("variables: { quantity: 2 }", "variable 'quantity': expected 2, got \"1\""),
    ("variables: { product: starter_kit }", "variable 'product': expected starter_kit, got unset"),
    ("order: { state: pending }", "order: expected an order, got none"),
    ("agreement: { status: OPEN }", "agreement: expected an open agreement, got none"),
  ])
  func everyAssertionCanFail(assertion: String, message: String) async throws {
    let result = try await run("steps:\n  - launch:\n    expect: { \(assertion) }\n")
    let failure = try #require(result.cases.first?.failure)
    #expect(failure.message.hasPrefix(message), "\(failure.message)")
  }

  @Test func anUnmatchedUtterancePlaysTheFallbackLikeADevice() async throws {
    let unmatched = try await run(
      """
      steps:
        - launch
        - say: sing me a song
          expect:
            speech: Sorry, I did not get that.
            state: welcome
            session_ended: false
      """)
    let test = try #require(unmatched.cases.first)
    #expect(test.passed, "\(String(describing: test.failure))")
    #expect(
      test.transcript.contains(
        "> say \"sing me a song\" → AMAZON.FallbackIntent (no sample matches)"))
  }

  @Test func aMissingDirectiveFailsTheStep() async throws {
    let noPayment = try await run("steps:\n  - launch\n  - pay: success\n")
    #expect(
      noPayment.cases.first?.failure?.message == "no Setup or Charge is waiting for an answer")
  }

  @Test func directivePayloadsAreCheckedByJSONPointer() async throws {
    let result = try await run(
      """
      steps:
        - launch
        - say: yes
        - say: yes
        - pay: success
        - say: yes
          expect:
            directive:
              name: Charge
              payload:
                /authorizeAttributes/authorizationAmount/amount: "9.00"
                /authorizeAttributes/transactionTimeout: 1
      """)
    #expect(
      result.cases.first?.failure?.message
        == "directive payload /authorizeAttributes/transactionTimeout: expected 1, got 0")
  }

  @Test func rawRequestsReachTheEngine() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flowc-raw-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let raw = """
      {"version":"1.0","session":{"new":true,"sessionId":"s","application":{"applicationId":"a"},
      "user":{"userId":"$USER_ID"}},"request":{"type":"SessionEndedRequest","requestId":"r1",
      "timestamp":"2026-11-28T12:00:00Z","locale":"en-US","reason":"USER_INITIATED"}}
      """
    try Data(raw.utf8).write(to: folder.appendingPathComponent("ended.json"))
    try Data("{not json".utf8).write(to: folder.appendingPathComponent("broken.json"))
    let path = folder.appendingPathComponent("raw.test.yaml").path
    let script = try parseScript(
      """
      steps:
        - launch
        - request: ended.json
          expect: { speech: null, card: none, directive: none }
        - request: broken.json
      """, path: path)
    let result = await TestRunner(program: program).run([script])
    let failure = try #require(result.cases.first?.failure)
    #expect(failure.step == 3)
    #expect(failure.message.hasPrefix("the request is not an Alexa request envelope"))
    // A request file that is a pipe fails the step at once instead of waiting for a writer.
    #expect(mkfifo(folder.appendingPathComponent("pipe.json").path, 0o600) == 0)
    let piped = try parseScript("steps:\n  - launch\n  - request: pipe.json\n", path: path)
    let pipeFailure = try #require(
      (await TestRunner(program: program).run([piped])).cases.first?.failure)
    #expect(
      pipeFailure.message
        == "cannot read request file 'pipe.json': it is a pipe, not a file (give '-' to read "
        + "standard input)")
  }

  @Test func formatsJSONAndJUnit() async throws {
    let result = try await run(
      "name: a <b> & \"c\"\nsteps:\n  - launch:\n    expect: { state: nowhere }\n")
    let json = TestReportFormatter.render(result, as: .json, coverage: true)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["passed"] as? Bool == false)
    #expect(object["failed"] as? Int == 1)
    let tests = try #require(object["tests"] as? [[String: Any]])
    #expect((tests.first?["failure"] as? [String: Any])?["line"] as? Int == 3)
    #expect((object["coverage"] as? [[String: Any]])?.first?["complete"] as? Bool == false)

    let junit = TestReportFormatter.render(result, as: .junit, coverage: false)
    #expect(
      junit.hasPrefix(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"flowc\" tests=\"1\" failures=\"1\""
      ))
    #expect(junit.contains("name=\"a &lt;b&gt; &amp; &quot;c&quot; (en-US)\""))
    #expect(
      junit.contains(
        "<failure message=\"state: expected &quot;nowhere&quot;, got &quot;welcome&quot;\""))
  }

  @Test func coverageListsWhatNoTestReached() async throws {
    let result = try await run("steps:\n  - launch\n  - say: no\n")
    let report = try #require(result.coverage.first)
    #expect(report.covered.states == ["welcome", "goodbye"])
    #expect(
      report.covered.transitions == [CoveredTransition(from: "welcome", on: "AMAZON.NoIntent")])
    #expect(report.missedStates.contains("thanks"))
    #expect(
      report.missedPaymentOutcomes.contains(CoveredTransition(from: "charge", on: "declined")))
    #expect(report.text.contains("  states entered: 2/\(program.states.count)"))
    #expect(report.text.contains("    charge: declined"))
    #expect(!report.isComplete)
  }

  @Test func scriptsRunOnlyInTheirLocalesAndOncePerSelectedLocale() async throws {
    let euro = try Repository.example("euro-shop")
    let everywhere = try parseScript("steps:\n  - launch\n")
    let germanOnly = try parseScript("locales: [de-DE]\nsteps:\n  - launch\n")
    let result = await TestRunner(program: euro, locales: ["de-DE", "en-GB"]).run([
      everywhere, germanOnly,
    ])
    #expect(result.cases.map(\.locale) == ["de-DE", "de-DE", "en-GB"])
    #expect(result.coverage.map(\.locale) == ["de-DE", "en-GB"])
    #expect(result.passed)
  }

  @Test func aRegularExpressionThatBacktracksWithoutEndIsStoppedAndFails() async throws {
    let started = Date()
    let result = try await run(
      "steps:\n  - launch:\n    expect: { speech: { matches: \"(.*)*z\" } }\n")
    let failure = try #require(result.cases.first?.failure)
    #expect(
      failure.message
        == "speech: matches /(.*)*z/ took longer than 1 s and was stopped; simplify the pattern "
        + "(nested quantifiers such as (a+)+ backtrack without end)")
    #expect(Date().timeIntervalSince(started) < 30)
    // An ordinary pattern still matches.
    let fine = try await run(
      "steps:\n  - launch:\n    expect: { speech: { matches: \"^Welcome.*\\\\$9\" } }\n")
    #expect(fine.passed, "\(String(describing: fine.cases.first?.failure))")
  }

  @Test func aScriptThatCouldNotBeLoadedIsAFailedTestNamedInCoverage() async throws {
    var result = try await run("steps:\n  - launch\n")
    result.unloadedScripts = ["tests/broken.test.yaml"]
    #expect(!result.passed)
    #expect(result.failedCount == 1)
    #expect(result.totalCount == 2)
    let text = TestReportFormatter.render(result, as: .text, coverage: true)
    #expect(text.contains("FAIL tests/broken.test.yaml (not loaded; its errors are above)\n"))
    #expect(
      text.contains(
        "coverage does not count the scripts that could not be loaded: tests/broken.test.yaml\n"))
    #expect(text.hasSuffix("2 tests, 1 passed, 1 failed\n"))
    let json = TestReportFormatter.render(result, as: .json, coverage: true)
    #expect(json.contains("\"coverage_not_counted\" : [\n    \"tests/broken.test.yaml\""))
    #expect(json.contains("\"total\" : 2"))
    let junit = TestReportFormatter.render(result, as: .junit, coverage: false)
    #expect(junit.contains(#"<testsuites name="flowc" tests="2" failures="1""#))
    #expect(junit.contains(#"<testcase classname="tests/broken.test.yaml""#))
  }
}
