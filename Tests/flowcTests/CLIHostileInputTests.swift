import Foundation
import Testing

/// Whatever the file holds, `flowc check` and `flowc compile` answer with diagnostics and exit
/// 0 or 1: never a crash, never a hang.
@Suite struct CLIHostileInputTests {
  static let inputs: [(name: String, bytes: [UInt8])] = {
    var generator = SplitMix64(seed: 0x5EED)
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
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("\(name).yaml")
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
}

/// A small deterministic generator, so that the random input is the same on every run.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
