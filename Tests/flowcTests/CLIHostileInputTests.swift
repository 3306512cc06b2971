import FlowTestSupport
import Foundation
import Testing

/// Whatever the file holds, `flowc check` and `flowc compile` answer with diagnostics and exit
/// 0 or 1: never a crash, never a hang.
@Suite struct CLIHostileInputTests {
  static let inputs: [(name: String, bytes: [UInt8])] = {
    var generator = SeededGenerator(seed: 0x5EED)
    let random = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    return [
      ("empty", []),
      ("random-bytes", random),
      ("invalid-utf8", Array("flowc: 1\nskill: \u{FF}".utf8) + [0xFF, 0xFE, 0x0A]),
      ("nul-bytes", Array("flowc: 1\n".utf8) + [0, 0, 0x0A]),
      ("escape-sequences", Array("flowc: \u{1B}]0;pwned\u{7}\u{1B}[2J1\n".utf8)),
      ("deep-nesting", Array((String(repeating: "[", count: 5000) + "\n").utf8)),
      ("long-line", Array(("skill: " + String(repeating: "日本", count: 50_000) + "\n").utf8)),
      ("crlf", Array("flowc: 1\r\nskill:\r\n  name: x\r\n".utf8)),
      ("bom", [0xEF, 0xBB, 0xBF] + Array("flowc: 1\n".utf8)),
    ]
  }()

  @Test(arguments: inputs.map(\.name))
  func checkAndCompileAnswerWithDiagnostics(name: String) throws {
    let bytes = try #require(Self.inputs.first { $0.name == name }?.bytes)
    let folder = try TemporaryDirectory(prefix: "flowc-hostile")
    defer { folder.remove() }
    let file = folder.appending("\(name).yaml")
    try Data(bytes).write(to: file)
    for format in ["text", "json", "sarif", "github"] {
      let check = try FlowcProcess.run([
        "check", "--format", format, "--color", "always", file.path,
      ])
      #expect([0, 1].contains(check.status), "\(format): \(check)")
      if format == "json" || format == "sarif" {
        #expect(try JSONSerialization.jsonObject(with: check.stdoutBytes) is [String: Any])
      }
      // The terminal sequences of the input never reach the output unescaped.
      #expect(!check.stdout.contains("\u{1B}]0;"), "\(format): \(check)")
    }
    let compile = try FlowcProcess.run(["compile", file.path])
    #expect([0, 1].contains(compile.status), "\(compile)")
  }

  /// A line break in a key or value must not start a line of its own in the output: in a CI
  /// log a line `::error::…` is a GitHub workflow command, written by whoever wrote the flow.
  @Test func aLineBreakFromTheFlowCannotStartAWorkflowCommand() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-hostile")
    defer { folder.remove() }
    let file = folder.appending("inject.yaml")
    try Data(
      "flowc: 1\n\"x\\n::error file=a.yaml::pwned\": 1\nskill: \"a\\r\\n::warning::b\"\n".utf8
    ).write(to: file)
    let text = try FlowcProcess.run(["check", "--format", "text", file.path])
    #expect(text.status == 1, "\(text)")
    #expect(text.stdout.contains("x\\u{A}::error file=a.yaml::pwned"), "\(text)")
    for line in (text.stdout + text.stderr).split(separator: "\n") {
      #expect(!line.hasPrefix("::"), "\(text)")
    }
    let github = try FlowcProcess.run(["check", "--format", "github", file.path])
    let lines = github.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(!lines.isEmpty, "\(github)")
    for line in lines {
      #expect(line.hasPrefix("::error ") || line.hasPrefix("::warning "), "\(github)")
      #expect(!line.dropFirst(2).contains("::error::"), "\(github)")
    }
  }
}
