import FuzzSupport

@testable import FlowCompiler

/// Text → the template parser and the SSML test.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let text = fuzzText(start, count)
  _ = TemplateParser.parse(text)
  _ = TemplateParser.isSSML(text)
  return 0
}

/// The executable's entry point (see `runFuzzer`).
@_cdecl("FuzzTemplate_main")
public func fuzzMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
  runFuzzer(argc, argv) { data, count in data.map { fuzz(UnsafeRawPointer($0), count) } ?? 0 }
}
