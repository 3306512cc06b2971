import FuzzSupport

@testable import FlowCompiler

/// Text → the condition parser (with and without a flow currency).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = fuzzText(start, count)
  _ = ConditionParser.parse(text, currency: "USD")
  _ = ConditionParser.parse(text, currency: nil)
  return 0
}

/// The executable's entry point (see `runFuzzer`).
@_cdecl("FuzzCondition_main")
public func fuzzMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
  runFuzzer(argc, argv) { data, count in data.map { fuzz(UnsafeRawPointer($0), count) } ?? 0 }
}
