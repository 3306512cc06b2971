import Foundation
import Testing

@testable import FlowCompiler

/// Times the compiler on the flow named by `FLOWC_TIMING_FILE` (not a timed assertion: a tool
/// for looking at growth; the benchmark proper is `benchmarks/compiler/run.sh`).
@Suite struct CompileTimingTests {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["FLOWC_TIMING_FILE"] != nil))
  func timeCompilation() throws {
    let path = try #require(ProcessInfo.processInfo.environment["FLOWC_TIMING_FILE"])
    let file = try SourceFile(contentsOf: path)
    let clock = ContinuousClock()
    var stages: [(String, Duration)] = []
    var start = clock.now
    let loaded = YAMLLoader.load(file)
    stages.append(("load", clock.now - start))
    start = clock.now
    let (syntax, _) = FlowParser.parse(loaded.root, file: file)
    stages.append(("parse", clock.now - start))
    start = clock.now
    let (diagnostics, checked) = FlowChecker.check(syntax, file: file, options: CompileOptions())
    stages.append(("check", clock.now - start))
    start = clock.now
    let program = FlowLowering.lower(syntax, checked: checked, file: file)
    stages.append(("lower", clock.now - start))
    print("timing \(path): " + stages.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
    #expect(!diagnostics.hasErrors)
    #expect(program != nil)
  }
}
