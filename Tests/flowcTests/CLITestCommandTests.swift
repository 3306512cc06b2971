import Foundation
import Testing

/// `flowc test`, `flowc simulate` and `flowc schema test` through the built binary.
@Suite struct CLITestCommandTests {
  /// Runs flowc with standard input.
  static func run(_ arguments: [String], stdin: String = "") throws -> FlowcRun {
    guard let binary = FlowcProcess.binary else { throw FlowcProcessError.binaryNotFound }
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let inputURL = folder.appendingPathComponent("stdin")
    let outputURL = folder.appendingPathComponent("stdout")
    let errorURL = folder.appendingPathComponent("stderr")
    try Data(stdin.utf8).write(to: inputURL)
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = FlowcProcess.repositoryRoot
    process.standardInput = try FileHandle(forReadingFrom: inputURL)
    process.standardOutput = try FileHandle(forWritingTo: outputURL)
    process.standardError = try FileHandle(forWritingTo: errorURL)
    try process.run()
    process.waitUntilExit()
    let stdoutBytes = try Data(contentsOf: outputURL)
    return FlowcRun(
      status: process.terminationStatus,
      stdout: String(decoding: stdoutBytes, as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self),
      stdoutBytes: stdoutBytes)
  }

  @Test func testPassesTheExamplesWithFullCoverage() throws {
    let result = try Self.run([
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
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flowc-cli-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("broken.test.yaml")
    try Data(
      "steps:\n  - launch\n  - say: yes\n    expect: { speech: Goodbye }\n".utf8
    ).write(to: script)
    let result = try Self.run(["test", "examples/no-nicks.yaml", script.path, "--format", "junit"])
    #expect(result.status == 1)
    #expect(
      result.stdout.contains("<failure message=\"speech: expected contains &quot;Goodbye&quot;"))
    let text = try Self.run(["test", "examples/no-nicks.yaml", folder.path])
    #expect(text.status == 1)
    #expect(text.stdout.contains("FAIL broken (en-US)"))
    #expect(text.stdout.contains("    > say \"yes\" → AMAZON.YesIntent"))
    #expect(
      text.stdout.contains(
        "    < That is 1 Starter Kit for $9.00. Shall I check out with Amazon Pay?"))
  }

  @Test func scriptErrorsAreRenderedLikeCompilerErrors() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flowc-cli-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("typo.test.yaml")
    try Data("steps:\n  - lanch\n".utf8).write(to: script)
    let result = try Self.run(["test", "examples/no-nicks.yaml", script.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("typo.test.yaml:2:5: error: a step is 'launch'"))
    #expect(result.stderr.contains("  - lanch\n    ^~~~~"))
  }

  @Test func usageErrorsExitSixtyFour() throws {
    #expect(
      try Self.run(["test", "examples/no-nicks.yaml", "x.test.yaml", "--format", "xml"]).status
        == 64)
    #expect(try Self.run(["simulate", "examples/no-nicks.yaml", "--pay", "maybe"]).status == 64)
    #expect(try Self.run(["schema", "flow-of-time"]).status == 64)
    let unknownLocale = try Self.run([
      "test", "examples/no-nicks.yaml", "x.test.yaml", "--locale", "fr-FR",
    ])
    #expect(unknownLocale.status == 1)
    #expect(unknownLocale.stderr.contains("has no locale 'fr-FR'"))
  }

  @Test func schemaTestPrintsJSONSchema() throws {
    let result = try Self.run(["schema", "test"])
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any]
    #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
  }

  @Test func simulateReadsPipedInput() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flowc-cli-sim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let saved = folder.appendingPathComponent("recorded.test.yaml").path
    let result = try Self.run(
      ["simulate", "examples/no-nicks.yaml"],
      stdin:
        "buy a kit\nyes\nsuccess\n:state\nyes\ndeclined InvalidPaymentMethod\n:save \(saved)\n:quit\n"
    )
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
    let replay = try Self.run(["test", "examples/no-nicks.yaml", saved])
    #expect(replay.status == 0, "\(replay)")
  }
}
