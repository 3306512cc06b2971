public import Foundation

/// The tools outside Swift that some tests need, for `.enabled(if:)`: a test that needs a
/// missing tool shows as skipped, never as passed. `scripts/test.sh` installs them all, so CI
/// runs every test.
public enum Tooling {
  /// The Python interpreter: `FLOWC_PYTHON` when set (the conformance venv's python, as
  /// `scripts/test.sh` sets it), else `python3` on the `PATH`; `nil` when there is none.
  public static let python: URL? = {
    if let path = ProcessInfo.processInfo.environment["FLOWC_PYTHON"], !path.isEmpty {
      return executable(path)
    }
    return executable("python3")
  }()

  /// Whether `python` can import `jsonschema` and `yaml` (PyYAML), which the schema checks use.
  public static let jsonSchema: Bool = {
    guard let python else { return false }
    let run = try? TestProcess.run(python, ["-c", "import jsonschema, yaml"], timeout: 60)
    return run?.status == 0
  }()

  /// The conformance venv's python (with the official ASK SDK model):
  /// `FLOWC_CONFORMANCE_PYTHON`, else `FLOWC_PYTHON`; `nil` when neither is set, since a
  /// `python3` on the `PATH` need not have the pinned model.
  public static let conformancePython: URL? = {
    let environment = ProcessInfo.processInfo.environment
    for name in ["FLOWC_CONFORMANCE_PYTHON", "FLOWC_PYTHON"] {
      if let path = environment[name], !path.isEmpty { return executable(path) }
    }
    return nil
  }()

  /// The `tmux` executable on the `PATH`, or `nil` when tmux is not installed.
  public static let tmux: URL? = executable("tmux")

  /// The executable at `path`, or (for a bare name) the first on the `PATH`.
  ///
  /// - Parameter path: A path or a bare program name.
  /// - Returns: The executable, or `nil` when there is none.
  public static func executable(_ path: String) -> URL? {
    let fileManager = FileManager.default
    if path.contains("/") {
      return fileManager.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
    }
    let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
      .split(separator: ":").map(String.init)
    for directory in directories where !directory.isEmpty {
      let candidate = URL(fileURLWithPath: directory).appendingPathComponent(path)
      if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }

  /// Runs `python -c script arguments…` with `input` on standard input.
  ///
  /// - Parameters:
  ///   - script: The Python program.
  ///   - arguments: Its arguments (`sys.argv[1...]`).
  ///   - input: Standard input.
  ///   - python: The interpreter; `Tooling.python` by default.
  /// - Returns: What the script printed and how it exited.
  /// - Throws: `TestProcessError` or an error starting the interpreter; a test that calls
  ///   this is `.enabled(if: Tooling.python != nil)` (or a stricter condition).
  public static func runPython(
    script: String, arguments: [String] = [], input: String = "", python: URL? = Tooling.python
  ) throws -> ProcessRun {
    guard let python else { throw ToolingError.missing("python3") }
    return try TestProcess.run(python, ["-c", script] + arguments, stdin: Data(input.utf8))
  }
}

/// A tool a test needs is not installed.
public enum ToolingError: Error, CustomStringConvertible {
  /// The named tool is missing.
  case missing(String)

  /// Which tool is missing.
  public var description: String {
    switch self {
    case .missing(let tool): "\(tool) is not installed (scripts/test.sh installs it)"
    }
  }
}
