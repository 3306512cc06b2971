import Foundation

/// Runs a Python script with `python3` from the `PATH`, for checks that use Python tools.
enum PythonRunner {
  /// What a run printed.
  struct Run {
    var status: Int32
    var output: String
    var error: String
  }

  /// Runs `python3 -c script arguments…` with `input` on standard input; `nil` when there is
  /// no `python3`. Standard streams go through temporary files, so that no pipe can fill up.
  static func run(script: String, arguments: [String], input: String) -> Run? {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-python-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: folder) }
      let inputURL = folder.appendingPathComponent("stdin")
      let outputURL = folder.appendingPathComponent("stdout")
      let errorURL = folder.appendingPathComponent("stderr")
      try Data(input.utf8).write(to: inputURL)
      _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
      _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["python3", "-c", script] + arguments
      process.standardInput = try FileHandle(forReadingFrom: inputURL)
      process.standardOutput = try FileHandle(forWritingTo: outputURL)
      process.standardError = try FileHandle(forWritingTo: errorURL)
      try process.run()
      process.waitUntilExit()
      if process.terminationStatus == 127 { return nil }
      return Run(
        status: process.terminationStatus,
        output: try String(contentsOf: outputURL, encoding: .utf8),
        error: try String(contentsOf: errorURL, encoding: .utf8))
    } catch {
      return nil
    }
  }
}
