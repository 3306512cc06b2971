import FlowCompiler
import FuzzSupport

/// Text → the template parser and the SSML test.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = fuzzText(start, count)
  _ = TemplateParser.parse(text)
  _ = TemplateParser.isSSML(text)
  return 0
}
