import FlowGenerators
import FlowTestSupport
import Foundation
import Testing

/// The Python files embedded in the binary are the ones in the repository, byte for byte.
@Suite struct PythonSupportFilesTests {
  static let resources = Golden.repositoryRoot.appendingPathComponent(
    "Sources/FlowGenerators/AskPython/Resources")

  @Test func embeddedTextIsTheRepositorysFile() throws {
    let support = try String(
      contentsOf: Self.resources.appendingPathComponent("flowc_support.py"), encoding: .utf8)
    let runner = try String(
      contentsOf: Self.resources.appendingPathComponent("local_runner.py"), encoding: .utf8)
    #expect(PythonSupportFiles.supportModule == support)
    #expect(PythonSupportFiles.localRunner == runner)
    #expect(PythonSupportFiles.supportModule.contains("class Turn(object):"))
    #expect(PythonSupportFiles.supportModulePath == "lambda/flowc_support.py")
    #expect(PythonSupportFiles.localRunnerPath == "local_runner.py")
  }
}
