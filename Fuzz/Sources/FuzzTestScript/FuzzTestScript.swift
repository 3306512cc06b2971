import FlowCompiler
import FlowTesting
import FuzzSupport

/// Bytes → the conversation-test script parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  _ = TestScriptParser.parse(SourceFile(path: "fuzz.test.yaml", bytes: fuzzBytes(start, count)))
  return 0
}

/// The executable's entry point (see `runFuzzer`).
@_cdecl("FuzzTestScript_main")
public func fuzzMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
  runFuzzer(argc, argv) { data, count in data.map { fuzz(UnsafeRawPointer($0), count) } ?? 0 }
}
