public import Foundation

/// Writes the envelopes the tests build and receive into `FLOWC_CONFORMANCE_DIR` (when set), so
/// that the conformance check can round-trip each through the official ASK SDK model.
///
/// Files are named `<kind>-<name>-<n>.json`, `n` counting from 1 per kind and name. Shared by
/// every test target that emits envelopes (they run in one process, so one counter table).
public enum ConformanceRecorder {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var counters: [String: Int] = [:]

  /// The directory, when recording is on.
  public static var directory: URL? {
    guard let path = ProcessInfo.processInfo.environment["FLOWC_CONFORMANCE_DIR"], !path.isEmpty
    else { return nil }
    return URL(fileURLWithPath: path, isDirectory: true)
  }

  /// Records one envelope.
  ///
  /// - Parameters:
  ///   - data: The envelope's JSON.
  ///   - kind: `response` or `request`.
  ///   - name: What the test calls the conversation step, such as `happy-path-launch`.
  public static func record(_ data: Data, kind: String, name: String) {
    guard let directory else { return }
    let safeName = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
    let number = lock.withLock {
      let key = "\(kind)-\(safeName)"
      counters[key, default: 0] += 1
      return counters[key]!
    }
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let file = directory.appendingPathComponent("\(kind)-\(safeName)-\(number).json")
    try? data.write(to: file)
  }
}
