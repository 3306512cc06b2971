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
  /// How many files could not be read as test scripts.
  public var unreadableCount = 0
  /// How many scripts were left out because they name another flow (`flow:`).
  public var skippedCount = 0

  /// The file names that count as test scripts inside a directory.
  public static let fileSuffixes = [".test.yaml", ".test.yml"]

  /// Reads the test scripts at `paths` for the flow at `flowPath`.
  ///
  /// - Parameters:
  ///   - paths: Test scripts, or directories whose ``fileSuffixes`` files are read.
  ///   - flowPath: The flow under test; scripts naming another flow are skipped.
  public init(paths: [String], forFlowAt flowPath: String) {
    for path in Self.expand(paths) {
      let (script, diagnostics) = TestScriptParser.parse(path: path)
      if !diagnostics.isEmpty {
        problems.append(
          Problems(path: path, file: try? SourceFile(contentsOf: path), diagnostics: diagnostics))
      }
      guard let script else {
        unreadableCount += 1
        continue
      }
      if script.isWritten(forFlowAt: flowPath) {
        scripts.append(script)
      } else {
        skippedCount += 1
      }
    }
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
