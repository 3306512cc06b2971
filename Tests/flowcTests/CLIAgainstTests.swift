import FlowTestSupport
import Foundation
import Testing

/// `flowc run --lines` (the stdio skill protocol on the built-in runtime) and
/// `flowc test --against` through the built binary.
@Suite struct CLIAgainstTests {
  static let launch = try? String(
    contentsOf: FlowcProcess.repositoryRoot.appendingPathComponent("examples/requests/launch.json"),
    encoding: .utf8)

  /// The example launch request as one line.
  static func launchLine() throws -> String {
    let text = try #require(launch)
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
  }

  @Test func runLinesAnswersEachLineAndInspects() throws {
    let inspect = #"{"flowc":"inspect","userId":"amzn1.ask.account.EXAMPLE"}"#
    let input = [inspect, try Self.launchLine(), "", inspect].joined(separator: "\n") + "\n"
    let result = try FlowcProcess.run(
      ["run", "examples/no-nicks.yaml", "--lines"], stdin: Data(input.utf8))
    #expect(result.status == 0, "\(result)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3, "the blank line is skipped: \(lines)")
    #expect(lines[0] == #"{"agreements":[],"flowc":"inspect","orders":[],"trace":null}"#)
    #expect(lines[1].hasPrefix(#"{"response":{"#))
    #expect(lines[1].contains("Welcome to No Nicks."))
    #expect(lines[2].contains(#""answeringState":"welcome""#))
    #expect(lines[2].contains(#""statesEntered":["welcome"]"#))
    #expect(lines[2].contains(#""quantity":{"int":1}"#))
  }

  @Test func runLinesStopsAtALineItCannotAnswer() throws {
    let input = try Self.launchLine() + "\nnot json\n" + (try Self.launchLine()) + "\n"
    let result = try FlowcProcess.run(
      ["run", "examples/no-nicks.yaml", "--lines"], stdin: Data(input.utf8))
    #expect(result.status == 1)
    #expect(result.stdout.split(separator: "\n").count == 1, "the first line is answered")
    #expect(result.stderr.hasPrefix("flowc: error: line 2 is not JSON"), "\(result.stderr)")
    let question = try FlowcProcess.run(
      ["run", "examples/no-nicks.yaml", "--lines"],
      stdin: Data(#"{"flowc":"reset"}"#.utf8 + [0x0A]))
    #expect(question.status == 1)
    #expect(question.stderr.contains(#"must be {"flowc":"inspect",…}"#), "\(question.stderr)")
  }

  @Test func runLinesRefusesALineLongerThanOneMebibyte() throws {
    let input = Data(repeating: UInt8(ascii: "x"), count: 1024 * 1024 + 10)
    let result = try FlowcProcess.run(
      ["run", "examples/no-nicks.yaml", "--lines"], stdin: input)
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("cannot read line 1 of standard input"), "\(result.stderr)")
  }

  @Test func testAgainstFlowcRunLinesPassesAndReportsFailuresInEveryFormat() throws {
    let binary = try #require(FlowcProcess.binary)
    let peer = ExampleConversations.shellQuoted(binary.path) + " run examples/no-nicks.yaml --lines"
    let passing = try FlowcProcess.run([
      "test", "examples/no-nicks.yaml", "examples/tests", "--against", peer, "--coverage",
    ])
    #expect(passing.status == 0, "\(passing)")
    #expect(passing.stdout.contains("  states entered: 10/10 (100%)"))
    #expect(passing.stdout.hasSuffix("6 tests, 6 passed, 0 failed\n"))

    let changed = peer + " | sed -u 's/Welcome to No Nicks\\./Welcome!/'"
    let text = try FlowcProcess.run([
      "test", "examples/no-nicks.yaml", "examples/tests/no-nicks-happy-path.test.yaml",
      "--against", changed,
    ])
    #expect(text.status == 1)
    #expect(
      text.stdout.contains(
        "    ✗ the response differs from the built-in runtime's at /response/outputSpeech/text\n"
          + "      at \"/response/outputSpeech/text\":\n"
          + "        skill under test: \"Welcome! Would you like"), "\(text.stdout)")
    let json = try FlowcProcess.run([
      "test", "examples/no-nicks.yaml", "examples/tests/no-nicks-happy-path.test.yaml",
      "--against", changed, "--format", "json",
    ])
    #expect(json.stdout.contains(#""details" : ["#), "\(json.stdout)")
    let junit = try FlowcProcess.run([
      "test", "examples/no-nicks.yaml", "examples/tests/no-nicks-happy-path.test.yaml",
      "--against", changed, "--format", "junit",
    ])
    #expect(junit.stdout.contains("  built-in runtime: &quot;Welcome to No Nicks."), "\(junit)")
  }

  @Test func anEmptyCommandIsAUsageError() throws {
    let result = try FlowcProcess.run([
      "test", "examples/no-nicks.yaml", "examples/tests", "--against", " ",
    ])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--against needs a command"), "\(result.stderr)")
  }
}
