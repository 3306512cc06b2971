import FlowCompiler
import FuzzSupport

/// Bytes → the whole check pipeline (load, parse, check, lower) → diagnostics rendered as text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let file = SourceFile(path: "fuzz.yaml", bytes: fuzzBytes(start, count))
  let release = count > 0 && start.load(as: UInt8.self) & 1 == 1
  let result = FlowCompiler.compile(file, options: CompileOptions(release: release))
  let renderer = TextDiagnosticRenderer()
  for diagnostic in result.diagnostics { _ = renderer.render(diagnostic, in: file) }
  return 0
}

/// The executable's entry point (see `runFuzzer`).
@_cdecl("FuzzCheck_main")
public func fuzzMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
  runFuzzer(argc, argv) { data, count in data.map { fuzz(UnsafeRawPointer($0), count) } ?? 0 }
}
