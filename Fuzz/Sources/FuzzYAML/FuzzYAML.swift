import FlowCompiler
import FuzzSupport

/// Bytes → the YAML loader (limits, UTF-8 validation, tree building, positions).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let file = SourceFile(path: "fuzz.yaml", bytes: fuzzBytes(start, count))
  _ = YAMLLoader.load(file)
  return 0
}
