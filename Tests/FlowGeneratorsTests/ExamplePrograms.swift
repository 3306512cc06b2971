import FlowCompiler
import FlowIR
import FlowTestSupport
import Foundation
import Testing

/// The example flows of `examples/*.yaml`, compiled, for the generator tests.
enum ExamplePrograms {
  /// The names of the example flows (`no-nicks`, …), sorted.
  static let names: [String] = {
    let folder = Golden.repositoryRoot.appendingPathComponent("examples")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(".yaml".count)) }
      .sorted()
  }()

  /// Compiles `examples/<name>.yaml`; records an issue and throws when it does not compile.
  static func program(_ name: String) throws -> FlowProgram {
    let path = Golden.repositoryRoot.appendingPathComponent("examples/\(name).yaml").path
    let result = FlowCompiler.compile(try SourceFile(contentsOf: path))
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(name): \(errors.map(\.message))")
    return try #require(result.program)
  }
}

/// A folder under the system's temporary folder, removed by ``remove()``.
struct TemporaryFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-generators-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func remove() {
    try? FileManager.default.removeItem(at: url)
  }
}

/// Runs a program to its end and returns its exit status and combined output.
func runProcess(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let output = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

/// The path of an executable found on `PATH`, if any.
func executableOnPath(_ name: String) -> String? {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
  for folder in path.split(separator: ":") {
    let candidate = "\(folder)/\(name)"
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
  }
  return nil
}
