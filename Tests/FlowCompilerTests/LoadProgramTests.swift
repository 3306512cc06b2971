import FlowCompiler
import FlowIR
import FlowTestSupport
import Foundation
import Testing

/// `FlowDriver.loadProgram`: the flow of `flowc run`, `test` and `simulate`, as YAML or IR JSON.
@Suite struct LoadProgramTests {
  static let example = Golden.repositoryRoot.appendingPathComponent("examples/no-nicks.yaml").path

  /// A fresh folder for files a test writes.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-load-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
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
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent(name).path
    // A leading blank line: the content, not only the extension, says JSON.
    try Data("\n".utf8 + compiled).write(to: URL(fileURLWithPath: path))
    let loaded = FlowDriver.loadProgram(path: path)
    #expect(loaded.program == FlowDriver.loadProgram(path: Self.example).program)
    #expect(loaded.report.files.isEmpty)
    #expect(loaded.failure == nil)
  }

  @Test func aMissingFileSaysItCannotBeRead() {
    let loaded = FlowDriver.loadProgram(path: "/nonexistent/flow.yaml")
    #expect(loaded.program == nil)
    #expect(loaded.failure == "cannot read '/nonexistent/flow.yaml'")
    #expect(loaded.report.files.isEmpty)
  }

  @Test func brokenIRJSONNamesTheFile() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("broken.json").path
    try Data(#"{"version": "#.utf8).write(to: URL(fileURLWithPath: path))
    let loaded = FlowDriver.loadProgram(path: path)
    #expect(loaded.program == nil)
    #expect(loaded.failure?.hasPrefix("'\(path)': ") == true)
  }

  @Test func aFlowWithErrorsHasTheirDiagnosticsAndNoFailureLine() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("broken.yaml").path
    try Data("skill: [\n".utf8).write(to: URL(fileURLWithPath: path))
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
