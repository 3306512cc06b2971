import FlowCompiler
import Foundation
import Testing

/// Golden files under `Tests/TestData/`, compared byte for byte; `FLOWC_RECORD=1` rewrites
/// them and fails the test so that the new golden is reviewed.
enum Golden {
  /// The repository root, found from this file's path.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// A file under `Tests/TestData/`.
  static func url(_ relativePath: String) -> URL {
    repositoryRoot.appendingPathComponent("Tests/TestData").appendingPathComponent(relativePath)
  }

  /// Compares `actual` with the golden file, or records it.
  static func assert(
    _ actual: String, matches relativePath: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let url = url(relativePath)
    if ProcessInfo.processInfo.environment["FLOWC_RECORD"] == "1" {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url)
      Issue.record(
        "recorded \(relativePath); run again without FLOWC_RECORD", sourceLocation: sourceLocation)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "no golden \(relativePath); record it with FLOWC_RECORD=1", sourceLocation: sourceLocation)
      return
    }
    #expect(actual == expected, "differs from \(relativePath)", sourceLocation: sourceLocation)
  }
}
