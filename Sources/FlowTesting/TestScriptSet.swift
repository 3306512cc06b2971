public import FlowCompiler
internal import Foundation

/// The test scripts `flowc test` runs: found in the paths given, read, and kept when written
/// for the flow under test.
public struct TestScriptSet: Sendable {
  /// The problems of one script file.
  public struct Problems: Sendable {
    /// The script's path.
    public var path: String
    /// The script's text, to show the problems in place; `nil` when it cannot be read.
    public var file: SourceFile?
    /// The problems.
    public var diagnostics: [Diagnostic]
  }

  /// The scripts to run, in the order found.
  public var scripts: [TestScript] = []
  /// The problems of the scripts that had any, in the order found.
  public var problems: [Problems] = []
  /// The files that could not be read as test scripts, in the order found.
  public var unloadedPaths: [String] = []
  /// How many scripts were left out because they name another flow (`flow:`).
  public var skippedCount = 0

  /// How many files could not be read as test scripts.
  public var unreadableCount: Int { unloadedPaths.count }

  /// The file names that count as test scripts inside a directory.
  public static let fileSuffixes = [".test.yaml", ".test.yml"]

  /// Reads the test scripts at `paths` for the flow at `flowPath`.
  ///
  /// Each file is read as ``SourceFileReader`` reads flow files: at most its maximum size,
  /// no pipes.
  ///
  /// - Parameters:
  ///   - paths: Test scripts, or directories whose ``fileSuffixes`` files are read.
  ///   - flowPath: The flow under test; scripts naming another flow are skipped. `nil` keeps
  ///     every script (each runs against the flow it names).
  public init(paths: [String], forFlowAt flowPath: String?) {
    for path in Self.expand(paths) {
      let file: SourceFile
      switch SourceFileReader.load(path: path) {
      case .failure(let failure):
        problems.append(
          Problems(
            path: path, file: nil,
            diagnostics: [
              TestDiagnostics.testScript.report(
                "cannot read '\(path)': \(failure.reason)", at: nil)
            ]))
        unloadedPaths.append(path)
        continue
      case .success(let read): file = read
      }
      let (script, diagnostics) = TestScriptParser.parse(file)
      if !diagnostics.isEmpty {
        problems.append(Problems(path: path, file: file, diagnostics: diagnostics))
      }
      guard let script else {
        unloadedPaths.append(path)
        continue
      }
      if flowPath.map(script.isWritten(forFlowAt:)) ?? true {
        scripts.append(script)
      } else {
        skippedCount += 1
      }
    }
  }

  /// Whether a command-line path is a test script or a directory of them, rather than a flow:
  /// how `flowc test` tells `FLOW TESTS…` from `TESTS…`.
  ///
  /// - Parameter path: A path as given.
  public static func isTestPath(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      return true
    }
    return fileSuffixes.contains { path.hasSuffix($0) }
  }

  /// Expands directories into the test scripts they hold, sorted by name; other paths are kept
  /// as given.
  ///
  /// - Parameter paths: Files and directories.
  /// - Returns: The files, directories expanded in place.
  public static func expand(_ paths: [String]) -> [String] {
    var files: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        files += names.filter { name in fileSuffixes.contains { name.hasSuffix($0) } }.sorted()
          .map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
      } else {
        files.append(path)
      }
    }
    return files
  }
}
