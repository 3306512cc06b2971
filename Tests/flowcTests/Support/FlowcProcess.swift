import Foundation
import Testing

/// What one run of the `flowc` binary printed and how it exited.
struct FlowcRun: CustomStringConvertible {
  var status: Int32
  var stdout: String
  var stderr: String
  var stdoutBytes: Data

  var description: String {
    "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
  }
}

/// Runs the built `flowc` binary, as a user would, with the repository root as the current
/// directory so that paths in output are short and stable.
enum FlowcProcess {
  /// The repository root, found from this file's path.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The `flowc` executable: `FLOWC_BINARY` when set, else next to the test bundle (the
  /// products folder `swift test` built), else the package's `.build/debug`.
  static let binary: URL? = {
    let fileManager = FileManager.default
    var candidates: [URL] = []
    if let override = ProcessInfo.processInfo.environment["FLOWC_BINARY"], !override.isEmpty {
      candidates.append(URL(fileURLWithPath: override))
    }
    if let executable = Bundle.main.executableURL {
      candidates.append(executable.deletingLastPathComponent().appendingPathComponent("flowc"))
    }
    let bundle = Bundle.main.bundleURL
    candidates.append(bundle.appendingPathComponent("flowc"))
    // On macOS the test bundle is a folder inside the products folder.
    candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("flowc"))
    for bundleURL in Bundle.allBundles.map(\.bundleURL) where bundleURL.pathExtension == "xctest" {
      candidates.append(bundleURL.deletingLastPathComponent().appendingPathComponent("flowc"))
    }
    candidates.append(repositoryRoot.appendingPathComponent(".build/debug/flowc"))
    return candidates.first { url in
      var isDirectory: ObjCBool = false
      return fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory)
        && !isDirectory.boolValue && fileManager.isExecutableFile(atPath: url.path)
    }
  }()

  /// Runs `flowc arguments…`.
  ///
  /// - Parameters:
  ///   - arguments: The arguments.
  ///   - environment: Variables added to (or, with an empty value, kept out of) the test's
  ///     environment; `NO_COLOR` and `FLOWC_RECORD` are removed unless given here.
  ///   - currentDirectory: Where to run; the repository root by default.
  ///   - executable: Another program to run the same way (`git`, `pre-commit`).
  /// - Returns: The run, or `nil` (after recording an issue) when the binary is missing.
  static func run(
    _ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil,
    executable: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> FlowcRun {
    guard let binary = executable ?? binary else {
      throw FlowcProcessError.binaryNotFound
    }
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outputURL = folder.appendingPathComponent("stdout")
    let errorURL = folder.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)

    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = currentDirectory ?? repositoryRoot
    var variables = ProcessInfo.processInfo.environment
    variables["NO_COLOR"] = nil
    variables["FLOWC_RECORD"] = nil
    variables["COLUMNS"] = "100"
    for (name, value) in environment {
      variables[name] = value.isEmpty ? nil : value
    }
    process.environment = variables
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: outputURL)
    process.standardError = try FileHandle(forWritingTo: errorURL)
    try process.run()
    process.waitUntilExit()
    let stdoutBytes = try Data(contentsOf: outputURL)
    return FlowcRun(
      status: process.terminationStatus,
      stdout: String(decoding: stdoutBytes, as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self),
      stdoutBytes: stdoutBytes)
  }
}

enum FlowcProcessError: Error, CustomStringConvertible {
  case binaryNotFound

  var description: String {
    "the flowc binary was not found next to the tests or in .build/debug; build it "
      + "(swift build --product flowc) or set FLOWC_BINARY"
  }
}
