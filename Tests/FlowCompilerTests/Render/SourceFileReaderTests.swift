import FlowCompiler
import FlowTestSupport
import Foundation
import Testing

@Suite struct SourceFileReaderTests {
  private func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-reader-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func readsBytesAndKeepsThePathAsGiven() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("a.yaml").path
    try Data("flowc: 1\n".utf8).write(to: URL(fileURLWithPath: path))
    guard case .file(let file) = SourceFileReader.read(path: path) else {
      Issue.record("could not read \(path)")
      return
    }
    #expect(file.path == path)
    #expect(file.bytes == Array("flowc: 1\n".utf8))
  }

  @Test(arguments: [
    ("/nonexistent-flowc-folder/a.yaml", "cannot read file: no such file or directory"),
    ("/", "cannot read file: is a directory"),
  ])
  func failuresAreDiagnostics(path: String, message: String) {
    guard case .failure(let diagnostic) = SourceFileReader.read(path: path) else {
      Issue.record("read \(path)")
      return
    }
    #expect(diagnostic.id == "unreadable-file")
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.message == message)
    #expect(diagnostic.range == nil)
  }

  @Test func writeReplacesTheFileAndLeavesNoTemporaryFile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("out.json").path
    #expect(SourceFileReader.write(Array("old".utf8), toPath: path) == nil)
    #expect(SourceFileReader.write(Array("new".utf8), toPath: path) == nil)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.json"])
  }

  @Test func writeIntoAMissingFolderIsADiagnostic() {
    let failure = SourceFileReader.write([1, 2, 3], toPath: "/nonexistent-flowc-folder/out.json")
    #expect(failure?.id == "unwritable-file")
    #expect(failure?.message == "cannot write file: no such file or directory")
  }

  @Test func checkGoesOnAfterAnUnreadableFile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("a.yaml").path
    try Data("flowc: 1\n".utf8).write(to: URL(fileURLWithPath: path))
    let report = FlowDriver.check(paths: ["/nonexistent-flowc-folder/a.yaml", path])
    #expect(report.files.map(\.file.path) == ["/nonexistent-flowc-folder/a.yaml", path])
    #expect(report.files[0].diagnostics.map(\.id) == ["unreadable-file"])
    #expect(report.hasErrors)
    #expect(
      TextDiagnosticRenderer().render(report).hasPrefix(
        "/nonexistent-flowc-folder/a.yaml: error: cannot read file: no such file or directory "
          + "[unreadable-file]\n"))
  }

  @Test func keepingMemoryUntilExitChangesNoOutput() throws {
    let paths = ["cli/broken.yaml", "cli/warnings.yaml", "cli/clean.yaml"].map {
      Golden.root.appendingPathComponent($0).path
    }
    let freed = FlowDriver.check(paths: paths)
    let kept = CompilerMemory.$keptUntilExit.withValue(true) { FlowDriver.check(paths: paths) }
    #expect(freed.errorCount > 0 && freed.warningCount > 0)
    #expect(TextDiagnosticRenderer().render(kept) == TextDiagnosticRenderer().render(freed))
    let example = Golden.repositoryRoot.appendingPathComponent("examples/no-nicks.yaml").path
    let compiled = FlowDriver.compile(path: example)
    let compiledKept = CompilerMemory.$keptUntilExit.withValue(true) {
      FlowDriver.compile(path: example)
    }
    #expect(compiled.irJSON != nil)
    #expect(compiledKept.irJSON == compiled.irJSON)
  }

  /// A reader over `bytes` written to a file (a descriptor as standard input would be).
  private func lines(_ bytes: String, maximumLineLength: Int, maximumTotal: Int) throws
    -> [BoundedLineReader.Line]
  {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("input").path
    try Data(bytes.utf8).write(to: URL(fileURLWithPath: path))
    let handle = try #require(FileHandle(forReadingAtPath: path))
    defer { try? handle.close() }
    var reader = BoundedLineReader(
      descriptor: handle.fileDescriptor, maximumLineLength: maximumLineLength,
      maximumTotal: maximumTotal)
    var read: [BoundedLineReader.Line] = []
    while true {
      let line = reader.next()
      read.append(line)
      if case .line = line { continue }
      return read
    }
  }

  @Test func linesAreReadWithinTheirLimits() throws {
    #expect(
      try lines("yes\r\nno\n\nlast", maximumLineLength: 4, maximumTotal: 100) == [
        .line("yes"), .line("no"), .line(""), .line("last"), .end,
      ])
    #expect(
      try lines("1234\n12345\n", maximumLineLength: 4, maximumTotal: 100) == [
        .line("1234"), .failure("a line is longer than 4 bytes"),
      ])
    #expect(
      try lines("12345", maximumLineLength: 4, maximumTotal: 100) == [
        .failure("a line is longer than 4 bytes")
      ])
    #expect(
      try lines(String(repeating: "ab\n", count: 10), maximumLineLength: 4, maximumTotal: 20)
        == [.failure("the input is larger than 20 bytes")])
  }
}
