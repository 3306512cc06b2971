import Dispatch
import Foundation

/// The fuzzer's input as bytes.
public func fuzzBytes(_ start: UnsafeRawPointer, _ count: Int) -> [UInt8] {
  Array(UnsafeRawBufferPointer(start: start, count: count))
}

/// The fuzzer's input as text (invalid UTF-8 repaired, as any `String(decoding:)` caller would).
public func fuzzText(_ start: UnsafeRawPointer, _ count: Int) -> String {
  String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
}

/// A file of the root package (examples, fixtures), found from this source file's location.
public func repositoryFile(_ relativePath: String) -> URL {
  URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(relativePath)
}

/// Runs async work to completion on the fuzzer's (non-cooperative) thread.
public func blocking(_ work: @escaping @Sendable () async -> Void) {
  let done = DispatchSemaphore(value: 0)
  Task {
    await work()
    done.signal()
  }
  done.wait()
}

@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Hands the process to libFuzzer. SwiftPM links an executable target with `main` defined as
/// `<Target>_main`, so libFuzzer's own `main` is never used: each harness defines that symbol
/// and calls this with its `LLVMFuzzerTestOneInput`.
public func runFuzzer(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
  var count = argc
  var arguments = argv
  return llvmFuzzerRunDriver(&count, &arguments, callback)
}
