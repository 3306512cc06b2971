import FlowIR
import FlowTestSupport
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

  /// `Tests/TestData/compiler`: flow files with position markers, and their goldens.
  static let fixtures = Golden.url("compiler")

  /// The files of a folder with an extension, sorted by name.
  static func files(in folder: URL, withExtension ext: String) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix("." + ext) }.sorted().map {
      folder.appendingPathComponent($0)
    }
  }

  /// The `flowc:` and `skill:` sections of the small test shops (en-US, with a privacy policy).
  static let shopSkill = """
    flowc: 1
    skill:
      name: Shop
      invocation: shop
      locales: [en-US]
      privacy_policy_url: https://shop.example.com/privacy
    """

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

  /// Compares a text with a golden file (`Golden.assert(_:at:)`).
  static func assertGolden(
    _ actual: String, at url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    Golden.assert(actual, at: url, sourceLocation: sourceLocation)
  }
}
