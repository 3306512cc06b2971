import FlowCompiler
import FlowIR
import FlowTesting
import Foundation
import Testing

/// Where the repository's files are, found from this file's path.
enum Repository {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func path(_ relative: String) -> String {
    root.appendingPathComponent(relative).path
  }

  /// Compiles an example flow (`examples/NAME.yaml`).
  static func example(_ name: String) throws -> FlowProgram {
    let file = try SourceFile(contentsOf: path("examples/\(name).yaml"))
    let result = FlowCompiler.compile(file)
    guard let program = result.program else {
      throw CompileFailure(diagnostics: result.diagnostics.map(\.message))
    }
    return program
  }

  struct CompileFailure: Error { var diagnostics: [String] }

  /// The test scripts of an example (`examples/tests/NAME-*.test.yaml`).
  static func scripts(for example: String) -> [String] {
    let folder = root.appendingPathComponent("examples/tests")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasPrefix(example) && $0.hasSuffix(".test.yaml") }.sorted()
      .map { folder.appendingPathComponent($0).path }
  }
}

/// Parses a script given as text, failing the test on errors.
func parseScript(_ text: String, path: String = "inline.test.yaml") throws -> TestScript {
  let (script, diagnostics) = TestScriptParser.parse(SourceFile(path: path, text: text))
  guard let script else {
    throw ScriptFailure(messages: diagnostics.map(\.message))
  }
  return script
}

struct ScriptFailure: Error { var messages: [String] }
