import FlowCompiler
import Foundation
import Testing

/// Source text with position markers (`1️⃣`, `2️⃣`, …) taken out, and where each marker was.
struct MarkedSource {
  /// The file, without the markers.
  var file: SourceFile
  /// The position of each marker, by marker number.
  var positions: [Int: SourcePosition]

  private static let markers = (1...9).map { "\($0)\u{FE0F}\u{20E3}" }

  /// Strips the markers from `text`.
  init(path: String, _ text: String) {
    var bytes: [UInt8] = []
    var offsets: [Int: Int] = [:]
    var rest = Substring(text)
    outer: while !rest.isEmpty {
      for (index, marker) in Self.markers.enumerated() where rest.hasPrefix(marker) {
        offsets[index + 1] = bytes.count
        rest = rest.dropFirst(marker.count)
        continue outer
      }
      bytes += Array(String(rest.first!).utf8)
      rest = rest.dropFirst()
    }
    file = SourceFile(path: path, bytes: bytes)
    positions = offsets.mapValues { [file] in file.position(ofOffset: $0) }
  }

  /// The range from one marker to another.
  func range(_ start: Int, _ end: Int) -> SourceRange {
    SourceRange(start: positions[start]!, end: positions[end]!)
  }
}

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
    _ actual: String, matches relativePath: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let url = url(relativePath)
    if ProcessInfo.processInfo.environment["FLOWC_RECORD"] == "1" {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url)
      Issue.record("recorded \(relativePath); run again without FLOWC_RECORD", sourceLocation: sourceLocation)
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
