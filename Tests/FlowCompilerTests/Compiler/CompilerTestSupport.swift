import FlowIR
import Foundation
import Testing

@testable import FlowCompiler

/// Paths and helpers shared by the compiler's tests.
enum CompilerTestSupport {
  /// The package root, found from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Compiler
    .deletingLastPathComponent()  // FlowCompilerTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  /// `Tests/FlowCompilerTests/Fixtures`.
  static let fixtures = packageRoot.appendingPathComponent("Tests/FlowCompilerTests/Fixtures")

  /// Whether goldens are being recorded (`FLOWC_RECORD=1`).
  static var recording: Bool { ProcessInfo.processInfo.environment["FLOWC_RECORD"] == "1" }

  /// The files of a folder with an extension, sorted by name.
  static func files(in folder: URL, withExtension ext: String) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix("." + ext) }.sorted().map {
      folder.appendingPathComponent($0)
    }
  }

  /// Compiles a text.
  static func compile(_ text: String, release: Bool = false, path: String = "test.yaml")
    -> CompileResult
  {
    FlowCompiler.compile(
      SourceFile(path: path, text: text), options: CompileOptions(release: release))
  }

  /// Diagnostics as golden text: `line:column: severity: message [id]`, notes indented.
  static func render(_ diagnostics: [Diagnostic]) -> String {
    var lines: [String] = []
    func position(_ range: SourceRange?) -> String {
      guard let range else { return "-" }
      return "\(range.start.line):\(range.start.column)-\(range.end.line):\(range.end.column)"
    }
    for diagnostic in diagnostics {
      lines.append(
        "\(position(diagnostic.range)): \(diagnostic.severity.rawValue): \(diagnostic.message) "
          + "[\(diagnostic.id)]")
      for note in diagnostic.notes {
        lines.append("  \(position(note.range)): note: \(note.message)")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Compares a text with a golden file; with `FLOWC_RECORD=1` writes the golden and fails,
  /// so that every new golden is reviewed.
  static func assertGolden(
    _ actual: String, at url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    if recording {
      try? FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? actual.write(to: url, atomically: true, encoding: .utf8)
      Issue.record(
        "recorded golden \(url.lastPathComponent); review it and run again without FLOWC_RECORD",
        sourceLocation: sourceLocation)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "missing golden \(url.path); record it with FLOWC_RECORD=1", sourceLocation: sourceLocation)
      return
    }
    #expect(
      actual == expected, "differs from golden \(url.lastPathComponent)",
      sourceLocation: sourceLocation)
  }
}
