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
  ///
  /// The source is named by its path from the repository root, as `flowc` run there names it,
  /// so the flow hash (which covers the file name) is the same in every checkout.
  static func program(_ name: String) throws -> FlowProgram {
    let path = "examples/\(name).yaml"
    let bytes = try Data(contentsOf: Golden.repositoryRoot.appendingPathComponent(path))
    let result = FlowCompiler.compile(SourceFile(path: path, bytes: [UInt8](bytes)))
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(name): \(errors.map(\.message))")
    return try #require(result.program)
  }
}
