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
}
