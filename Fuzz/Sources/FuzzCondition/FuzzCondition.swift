import FlowCompiler
import FuzzSupport

/// Text → the condition parser (with and without a flow currency).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = fuzzText(start, count)
  _ = ConditionParser.parse(text, currency: "USD")
  _ = ConditionParser.parse(text, currency: nil)
  return 0
}
