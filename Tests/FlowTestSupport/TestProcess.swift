public import Foundation

/// What one run of a program printed and how it exited.
public struct ProcessRun: CustomStringConvertible, Sendable {
  /// The exit status (or the number of the signal that ended it).
  public var status: Int32
  /// Standard output, as bytes.
  public var stdoutBytes: Data
  /// Standard error, as bytes.
  public var stderrBytes: Data

  /// Standard output, decoded as UTF-8 (invalid sequences replaced).
  public var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }

  /// Standard error, decoded as UTF-8 (invalid sequences replaced).
  public var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }

  /// The status and both streams, for a failure message.
  public var description: String {
    "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
  }
}

/// Why a program could not be run to its end.
public enum TestProcessError: Error, CustomStringConvertible {
  /// The `flowc` binary was not found.
  case binaryNotFound
  /// The program ran longer than its timeout and was killed.
  case timedOut(executable: String, arguments: [String], seconds: Double)

  /// What went wrong and what to do about it.
  public var description: String {
    switch self {
    case .binaryNotFound:
      "the flowc binary was not found next to the tests or in .build/debug; build it "
        + "(swift build --product flowc) or set FLOWC_BINARY"
    case .timedOut(let executable, let arguments, let seconds):
      "\(executable) \(arguments.joined(separator: " ")) did not end within \(seconds) s"
    }
  }
}

/// Runs a program to its end: standard input from bytes, standard output and error into
/// temporary files (so that no pipe can fill up and block the program), with a timeout.
public enum TestProcess {
  /// Runs `executable arguments…`.
  ///
  /// - Parameters:
  ///   - executable: The program.
  ///   - arguments: Its arguments.
  ///   - stdin: Standard input; the null device when `nil`.
  ///   - environment: The whole environment; the test's own when `nil`.
  ///   - currentDirectory: Where to run; the test's current directory when `nil`.
  ///   - timeout: How many seconds the program may take before it is killed.
  /// - Returns: What the program printed and how it exited.
  /// - Throws: When the program cannot be started, or `TestProcessError.timedOut`.
  public static func run(
    _ executable: URL, _ arguments: [String], stdin: Data? = nil,
    environment: [String: String]? = nil, currentDirectory: URL? = nil,
    timeout: Double = 300
  ) throws -> ProcessRun {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-process-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outputURL = folder.appendingPathComponent("stdout")
    let errorURL = folder.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)

    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    if let environment { process.environment = environment }
    if let stdin {
      let inputURL = folder.appendingPathComponent("stdin")
      try stdin.write(to: inputURL)
      process.standardInput = try FileHandle(forReadingFrom: inputURL)
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    process.standardOutput = try FileHandle(forWritingTo: outputURL)
    process.standardError = try FileHandle(forWritingTo: errorURL)
    let ended = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in ended.signal() }
    try process.run()
    if ended.wait(timeout: .now() + timeout) == .timedOut {
      process.terminate()
      if ended.wait(timeout: .now() + 5) == .timedOut {
        kill(process.processIdentifier, SIGKILL)
        ended.wait()
      }
      throw TestProcessError.timedOut(
        executable: executable.path, arguments: arguments, seconds: timeout)
    }
    process.waitUntilExit()
    return ProcessRun(
      status: process.terminationStatus, stdoutBytes: try Data(contentsOf: outputURL),
      stderrBytes: try Data(contentsOf: errorURL))
  }
}

/// Runs the built `flowc` binary, as a user would, with the repository root as the current
/// directory so that paths in output are short and stable.
public enum FlowcProcess {
  /// The repository root.
  public static var repositoryRoot: URL { Golden.repositoryRoot }

  /// The `flowc` executable: `FLOWC_BINARY` when set, else next to the test bundle (the
  /// products folder `swift test` built), else the package's `.build/debug`.
  public static let binary: URL? = {
    let fileManager = FileManager.default
    var candidates: [URL] = []
    if let override = ProcessInfo.processInfo.environment["FLOWC_BINARY"], !override.isEmpty {
      candidates.append(URL(fileURLWithPath: override))
    }
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // macOS runs tests from inside an .xctest bundle.
    while directory.pathExtension == "xctest" || directory.lastPathComponent == "MacOS"
      || directory.lastPathComponent == "Contents"
    {
      directory = directory.deletingLastPathComponent()
    }
    candidates.append(directory.appendingPathComponent("flowc"))
    if let executable = Bundle.main.executableURL {
      candidates.append(executable.deletingLastPathComponent().appendingPathComponent("flowc"))
    }
    let bundle = Bundle.main.bundleURL
    candidates.append(bundle.appendingPathComponent("flowc"))
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
  ///   - stdin: Standard input; the null device when `nil`.
  ///   - environment: Variables added to (or, with an empty value, kept out of) the test's
  ///     environment; `NO_COLOR` and `FLOWC_RECORD` are removed and `COLUMNS` is 100 unless
  ///     given here.
  ///   - currentDirectory: Where to run; the repository root by default.
  ///   - timeout: How many seconds `flowc` may take before it is killed.
  /// - Returns: What `flowc` printed and how it exited.
  /// - Throws: `TestProcessError.binaryNotFound` when the binary is missing, or what
  ///   `TestProcess.run` throws.
  public static func run(
    _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
    currentDirectory: URL? = nil, timeout: Double = 300
  ) throws -> ProcessRun {
    guard let binary else { throw TestProcessError.binaryNotFound }
    var variables = ProcessInfo.processInfo.environment
    variables["NO_COLOR"] = nil
    variables["FLOWC_RECORD"] = nil
    variables["COLUMNS"] = "100"
    for (name, value) in environment {
      variables[name] = value.isEmpty ? nil : value
    }
    return try TestProcess.run(
      binary, arguments, stdin: stdin, environment: variables,
      currentDirectory: currentDirectory ?? repositoryRoot, timeout: timeout)
  }
}
