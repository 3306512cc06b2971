public import Foundation
public import Testing

/// Golden files under `Tests/TestData/`, compared byte for byte; `FLOWC_RECORD=1` rewrites
/// them and fails the test so that the new golden is reviewed.
public enum Golden {
  /// The repository root, found from this file's path (`Tests/FlowTestSupport/Golden.swift`).
  public static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A file under `Tests/TestData/`.
  public static func url(_ relativePath: String) -> URL {
    repositoryRoot.appendingPathComponent("Tests/TestData").appendingPathComponent(relativePath)
  }

  /// Compares `actual` with the golden file, or records it.
  public static func assert(
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
