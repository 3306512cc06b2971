import FlowCompiler
import FuzzSupport

/// Bytes → the YAML loader (limits, UTF-8 validation, tree building, positions).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let file = SourceFile(path: "fuzz.yaml", bytes: fuzzBytes(start, count))
  _ = YAMLLoader.load(file)
  return 0
}

/// The executable's entry point (see `runFuzzer`).
@_cdecl("FuzzYAML_main")
public func fuzzMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
  runFuzzer(argc, argv) { data, count in data.map { fuzz(UnsafeRawPointer($0), count) } ?? 0 }
}
