import FlowCompiler
import FlowIR
import FlowTestSupport
import Foundation
import Testing

/// `FlowDriver.loadProgram`: the flow of `flowc run`, `test` and `simulate`, as YAML or IR JSON.
@Suite struct LoadProgramTests {
  static let example = Golden.repositoryRoot.appendingPathComponent("examples/no-nicks.yaml").path

  /// Writes `bytes` as `name` in a fresh temporary folder and returns the file's path.
  static func write(_ bytes: some Sequence<UInt8>, as name: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-load-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent(name)
    try Data(bytes).write(to: file)
    return file.path
  }

  /// Removes what ``write(_:as:)`` made.
  static func remove(_ path: String) {
    try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
  }

  @Test func aYAMLFlowIsCompiled() throws {
    let loaded = FlowDriver.loadProgram(path: Self.example)
    let program = try #require(loaded.program)
    #expect(program.skill.name == "No Nicks")
    #expect(loaded.failure == nil)
    #expect(!loaded.report.hasErrors)
  }

  @Test(arguments: ["flow.json", "flow.ir"])
  func irJSONIsDecodedAsItIs(name: String) throws {
    let compiled = try #require(FlowDriver.compile(path: Self.example).irJSON)
    // A leading blank line: the content, not only the extension, says JSON.
    let path = try Self.write("\n".utf8 + compiled, as: name)
    defer { Self.remove(path) }
    let loaded = FlowDriver.loadProgram(path: path)
    #expect(loaded.program == FlowDriver.loadProgram(path: Self.example).program)
    #expect(loaded.report.files.isEmpty)
    #expect(loaded.failure == nil)
  }

  @Test func aMissingFileSaysItCannotBeRead() {
    let loaded = FlowDriver.loadProgram(path: "/nonexistent/flow.yaml")
    #expect(loaded.program == nil)
    #expect(loaded.failure == "cannot read '/nonexistent/flow.yaml': no such file or directory")
    #expect(loaded.report.files.isEmpty)
  }

  @Test func brokenIRJSONNamesTheFile() throws {
    let path = try Self.write(#"{"version": "#.utf8, as: "broken.json")
    defer { Self.remove(path) }
    let loaded = FlowDriver.loadProgram(path: path)
    #expect(loaded.program == nil)
    #expect(loaded.failure?.hasPrefix("'\(path)': ") == true)
  }

  @Test func aFlowWithErrorsHasTheirDiagnosticsAndNoFailureLine() throws {
    let path = try Self.write("skill: [\n".utf8, as: "broken.yaml")
    defer { Self.remove(path) }
    let loaded = FlowDriver.loadProgram(path: path)
    #expect(loaded.program == nil)
    #expect(loaded.report.hasErrors)
    #expect(loaded.failure == nil)
  }

  @Test(arguments: [
    ("flow.JSON", "name: x", true),
    ("flow.yaml", "\u{FEFF} \t\r\n{\"skill\": {}}", true),
    ("flow.yaml", "skill:\n  name: x\n", false),
    ("flow", "", false),
  ])
  func irJSONIsRecognizedByExtensionOrFirstByte(path: String, text: String, isJSON: Bool) {
    #expect(FlowDriver.isIRJSON(path: path, bytes: Array(text.utf8)) == isJSON)
  }
}
