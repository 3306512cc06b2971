import FlowIR
import Foundation
import Testing

@testable import FlowCompiler

/// The flows of `examples/`: they compile under `--release`, their IR matches the goldens,
/// and compiling is deterministic.
@Suite struct ExampleTests {
  static let examples = CompilerTestSupport.files(
    in: CompilerTestSupport.packageRoot.appendingPathComponent("examples"), withExtension: "yaml")

  static func source(_ url: URL) throws -> SourceFile {
    let text = try String(contentsOf: url, encoding: .utf8)
    return SourceFile(path: "examples/" + url.lastPathComponent, text: text)
  }

  @Test func examplesExist() {
    #expect(Self.examples.contains { $0.lastPathComponent == "no-nicks.yaml" })
  }

  @Test(arguments: examples)
  func compilesForReleaseWithoutErrors(_ url: URL) throws {
    let result = FlowCompiler.compile(try Self.source(url), options: CompileOptions(release: true))
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(CompilerTestSupport.render(errors))")
    #expect(result.program != nil)
  }

  @Test(arguments: examples)
  func checkingWithoutAProgramGivesTheSameDiagnostics(_ url: URL) throws {
    let full = FlowCompiler.compile(try Self.source(url), options: CompileOptions(release: true))
    let checkOnly = FlowCompiler.check(try Self.source(url), options: CompileOptions(release: true))
    #expect(full.program != nil)
    #expect(checkOnly == full.diagnostics)
  }

  @Test(arguments: examples)
  func irMatchesGolden(_ url: URL) throws {
    let result = FlowCompiler.compile(try Self.source(url))
    let program = try #require(result.program)
    let json = String(decoding: try program.encodedJSON(), as: UTF8.self)
    let name = url.deletingPathExtension().lastPathComponent + ".json"
    CompilerTestSupport.assertGolden(
      json, at: CompilerTestSupport.fixtures.appendingPathComponent("ir/" + name))
  }

  @Test(arguments: examples)
  func diagnosticsMatchGolden(_ url: URL) throws {
    let result = FlowCompiler.compile(try Self.source(url), options: CompileOptions(release: true))
    let name = url.deletingPathExtension().lastPathComponent + ".diagnostics.txt"
    CompilerTestSupport.assertGolden(
      CompilerTestSupport.render(result.diagnostics),
      at: CompilerTestSupport.fixtures.appendingPathComponent("ir/" + name))
  }

  @Test(arguments: examples)
  func compilingTwiceGivesIdenticalBytes(_ url: URL) throws {
    let first = try #require(FlowCompiler.compile(try Self.source(url)).program)
    let second = try #require(FlowCompiler.compile(try Self.source(url)).program)
    #expect(try first.encodedJSON() == second.encodedJSON())
    #expect(first.flowHash.hasPrefix("sha256:"))
    #expect(first.flowHash.count == "sha256:".count + 64)
  }

  @Test(arguments: examples)
  func irRoundTripsThroughJSON(_ url: URL) throws {
    let program = try #require(FlowCompiler.compile(try Self.source(url)).program)
    let decoded = try FlowProgram.decode(fromJSON: try program.encodedJSON())
    #expect(decoded == program)
  }

  @Test func flowHashIsTheHashOfTheProgramWithoutIt() throws {
    let url = try #require(Self.examples.first { $0.lastPathComponent == "no-nicks.yaml" })
    let program = try #require(FlowCompiler.compile(try Self.source(url)).program)
    #expect(FlowLowering.flowHash(of: program) == program.flowHash)
    var changed = program
    changed.start = "goodbye"
    #expect(FlowLowering.flowHash(of: changed) != program.flowHash)
  }
}
