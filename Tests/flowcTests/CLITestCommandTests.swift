import FlowTestSupport
import Foundation
import Testing

/// `flowc test`, `flowc simulate` and `flowc schema test` through the built binary.
@Suite struct CLITestCommandTests {
  @Test func testPassesTheExamplesWithFullCoverage() throws {
    let result = try FlowcProcess.run([
      "test", "examples/no-nicks.yaml", "examples/tests/no-nicks-happy-path.test.yaml",
      "examples/tests/no-nicks-quantity.test.yaml",
      "examples/tests/no-nicks-declines-and-errors.test.yaml",
      "examples/tests/no-nicks-navigation.test.yaml", "examples/tests/no-nicks-customers.test.yaml",
      "--coverage",
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("PASS no-nicks happy path (en-US)"))
    #expect(result.stdout.contains("  states entered: 10/10 (100%)"))
    #expect(result.stdout.contains("  payment outcomes: 7/7 (100%)"))
    #expect(result.stdout.hasSuffix("5 tests, 5 passed, 0 failed\n"))
  }

  @Test func aFailingTestExitsOneWithItsTranscript() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-cli-test")
    defer { folder.remove() }
    let script = folder.appending("broken.test.yaml")
    try Data(
      "steps:\n  - launch\n  - say: yes\n    expect: { speech: Goodbye }\n".utf8
    ).write(to: script)
    let result = try FlowcProcess.run([
      "test", "examples/no-nicks.yaml", script.path, "--format", "junit",
    ])
    #expect(result.status == 1)
    #expect(
      result.stdout.contains("<failure message=\"speech: expected contains &quot;Goodbye&quot;"))
    let text = try FlowcProcess.run(["test", "examples/no-nicks.yaml", folder.url.path])
    #expect(text.status == 1)
    #expect(text.stdout.contains("FAIL broken (en-US)"))
    #expect(text.stdout.contains("    > say \"yes\" → AMAZON.YesIntent"))
    #expect(
      text.stdout.contains(
        "    < That is 1 Starter Kit for $9.00. Shall I check out with Amazon Pay?"))
  }

  @Test func scriptErrorsAreRenderedLikeCompilerErrors() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-cli-test")
    defer { folder.remove() }
    let script = folder.appending("typo.test.yaml")
    try Data("steps:\n  - lanch\n".utf8).write(to: script)
    let result = try FlowcProcess.run(["test", "examples/no-nicks.yaml", script.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("typo.test.yaml:2:5: error: a step is 'launch'"))
    #expect(result.stderr.contains("  - lanch\n    ^~~~~"))
  }

  @Test func usageErrorsExitSixtyFour() throws {
    #expect(
      try FlowcProcess.run(["test", "examples/no-nicks.yaml", "x.test.yaml", "--format", "xml"])
        .status
        == 64)
    #expect(
      try FlowcProcess.run(["simulate", "examples/no-nicks.yaml", "--pay", "maybe"]).status == 64)
    #expect(try FlowcProcess.run(["schema", "flow-of-time"]).status == 64)
    let unknownLocale = try FlowcProcess.run([
      "test", "examples/no-nicks.yaml", "x.test.yaml", "--locale", "fr-FR",
    ])
    #expect(unknownLocale.status == 1)
    #expect(unknownLocale.stderr.contains("has no locale 'fr-FR'"))
  }

  @Test func schemaTestPrintsJSONSchema() throws {
    let result = try FlowcProcess.run(["schema", "test"])
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any]
    #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
  }

  @Test func simulateReadsPipedInput() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-cli-sim")
    defer { folder.remove() }
    let saved = folder.appending("recorded.test.yaml").path
    let result = try FlowcProcess.run(
      ["simulate", "examples/no-nicks.yaml"],
      stdin: Data(
        "buy a kit\nyes\nsuccess\n:state\nyes\ndeclined InvalidPaymentMethod\n:save \(saved)\n:quit\n"
          .utf8))
    #expect(result.status == 0, "\(result)")
    #expect(
      result.stdout.hasPrefix(
        "flowc simulate: No Nicks (en-US). Type what the customer says, or :help.\n"))
    #expect(
      result.stdout.contains(
        "you> buy a kit\n  (\"buy a kit\" → BuyIntent product=kit)\n< That is 1 Starter Kit"))
    #expect(result.stdout.contains("amazon pay setup> success\n< Your total is $9.00"))
    #expect(result.stdout.contains("state: checkout (ask)"))
    #expect(
      result.stdout.contains(
        "amazon pay charge> declined InvalidPaymentMethod\n< (silence)\n  state: declined (session ended)"
      ))
    // The recording replays.
    let replay = try FlowcProcess.run(["test", "examples/no-nicks.yaml", saved])
    #expect(replay.status == 0, "\(replay)")
  }

  @Test func aScriptThatCannotBeLoadedIsAFailedTest() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-cli-test")
    defer { folder.remove() }
    try Data("steps:\n  - launch\n".utf8).write(to: folder.appending("a-good.test.yaml"))
    try Data("steps:\n  - lanch\n".utf8).write(to: folder.appending("b-bad.test.yaml"))
    let bad = folder.path("b-bad.test.yaml")
    let result = try FlowcProcess.run([
      "test", "examples/no-nicks.yaml", folder.url.path, "--coverage",
    ])
    #expect(result.status == 1, "\(result)")
    #expect(result.stdout.contains("PASS a-good (en-US)"), "\(result)")
    #expect(result.stdout.contains("FAIL \(bad) (not loaded; its errors are above)"), "\(result)")
    #expect(
      result.stdout.contains(
        "coverage does not count the scripts that could not be loaded: \(bad)"), "\(result)")
    #expect(result.stdout.hasSuffix("2 tests, 1 passed, 1 failed\n"), "\(result)")
  }

  @Test func noTestRunIsAnError() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-cli-test")
    defer { folder.remove() }
    let script = folder.path("french.test.yaml")
    try Data("locales: [fr-FR]\nsteps:\n  - launch\n".utf8).write(to: URL(fileURLWithPath: script))
    let result = try FlowcProcess.run(["test", "examples/no-nicks.yaml", script])
    #expect(result.status == 1, "\(result)")
    #expect(result.stdout.hasSuffix("0 tests, 0 passed, 0 failed\n"), "\(result)")
    #expect(
      result.stderr.contains(
        "flowc: error: no test ran: none of the 1 scripts runs in the flow's first locale"),
      "\(result)")
    let empty = try TemporaryDirectory(prefix: "flowc-cli-test")
    defer { empty.remove() }
    let none = try FlowcProcess.run(["test", "examples/no-nicks.yaml", empty.url.path])
    #expect(none.status == 1, "\(none)")
    #expect(none.stderr.contains("no test ran: no test scripts (*.test.yaml) in"), "\(none)")
  }

  @Test func scriptsThatNameTheirFlowNeedNoFlowArgument() throws {
    let result = try FlowcProcess.run(["test", "examples/tests/", "--locale", "all"])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("PASS no-nicks happy path (en-US)"), "\(result)")
    #expect(result.stdout.contains("PASS refills subscription (en-US)"), "\(result)")
    #expect(result.stdout.contains("(de-DE)"), "\(result)")
    #expect(result.stdout.hasSuffix(" passed, 0 failed\n"), "\(result)")
    // A script that names no flow cannot run without one.
    let folder = try TemporaryDirectory(prefix: "flowc-cli-test")
    defer { folder.remove() }
    let script = folder.path("anonymous.test.yaml")
    try Data("steps:\n  - launch\n".utf8).write(to: URL(fileURLWithPath: script))
    let anonymous = try FlowcProcess.run([
      "test", "examples/tests/no-nicks-happy-path.test.yaml", script,
    ])
    #expect(anonymous.status == 1, "\(anonymous)")
    #expect(
      anonymous.stderr.contains(
        "flowc: error: '\(script)' names no flow ('flow:'); give the flow first"), "\(anonymous)")
    #expect(anonymous.stdout.hasSuffix("2 tests, 1 passed, 1 failed\n"), "\(anonymous)")
  }
}
