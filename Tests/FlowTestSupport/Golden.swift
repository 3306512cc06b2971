public import Foundation
public import Testing

/// Golden files, all under `Tests/TestData/`, compared byte for byte; `FLOWC_RECORD=1` rewrites
/// them and fails the test on purpose, so that every new golden is reviewed before it is
/// committed.
public enum Golden {
  /// The repository root, found from this file's path (`Tests/FlowTestSupport/Golden.swift`).
  public static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `Tests/TestData/`, the one root of goldens and test data files.
  public static let root = repositoryRoot.appendingPathComponent("Tests/TestData")

  /// Whether goldens are being recorded (`FLOWC_RECORD=1`).
  public static var recording: Bool { ProcessInfo.processInfo.environment["FLOWC_RECORD"] == "1" }

  /// A file under `Tests/TestData/`.
  ///
  /// - Parameter relativePath: The path below `Tests/TestData/`, such as `render/text.txt`.
  /// - Returns: Its URL.
  public static func url(_ relativePath: String) -> URL {
    root.appendingPathComponent(relativePath)
  }

  /// Compares `actual` with the golden file at `relativePath` below `Tests/TestData/`, or
  /// records it (and fails) with `FLOWC_RECORD=1`.
  ///
  /// - Parameters:
  ///   - actual: The text the test produced.
  ///   - relativePath: The golden's path below `Tests/TestData/`.
  ///   - sourceLocation: Where a failure is reported.
  /// - Throws: Nothing today; kept throwing so that call sites read `try Golden.assert`.
  public static func assert(
    _ actual: String, matches relativePath: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    assert(actual, at: url(relativePath), sourceLocation: sourceLocation)
  }

  /// Compares `actual` with the golden file at `url`, or records it (and fails) with
  /// `FLOWC_RECORD=1`.
  ///
  /// - Parameters:
  ///   - actual: The text the test produced.
  ///   - url: The golden file; normally `Golden.url(…)`, or a file the repository publishes
  ///     (such as `docs/diagnostics.md`).
  ///   - sourceLocation: Where a failure is reported.
  public static func assert(
    _ actual: String, at url: URL, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let name =
      url.path.hasPrefix(repositoryRoot.path + "/")
      ? String(url.path.dropFirst(repositoryRoot.path.count + 1)) : url.path
    if recording {
      do {
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        Issue.record(
          "recorded \(name); review it and run again without FLOWC_RECORD",
          sourceLocation: sourceLocation)
      } catch {
        Issue.record("could not record \(name): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "no golden \(name); record it with FLOWC_RECORD=1", sourceLocation: sourceLocation)
      return
    }
    #expect(actual == expected, "differs from \(name)", sourceLocation: sourceLocation)
  }
}
