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
public func blocking<T>(_ work: @escaping @Sendable () async -> T) -> T {
  final class Box: @unchecked Sendable { var value: T? }
  let box = Box()
  let done = DispatchSemaphore(value: 0)
  Task {
    box.value = await work()
    done.signal()
  }
  done.wait()
  return box.value!
}
