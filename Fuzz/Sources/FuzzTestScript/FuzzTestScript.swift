import FlowCompiler
import FlowTesting
import FuzzSupport

/// Bytes → the conversation-test script parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  _ = TestScriptParser.parse(SourceFile(path: "fuzz.test.yaml", bytes: fuzzBytes(start, count)))
  return 0
}
