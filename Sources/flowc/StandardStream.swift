import ArgumentParser
import FlowCompiler
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Standard output or standard error, written to without buffering surprises.
struct StandardStream {
  private let handle: FileHandle
  private let descriptor: Int32

  /// Standard output.
  static let output = StandardStream(handle: .standardOutput, descriptor: STDOUT_FILENO)
  /// Standard error.
  static let error = StandardStream(handle: .standardError, descriptor: STDERR_FILENO)

  /// Whether the stream is a terminal.
  var isTerminal: Bool { isatty(descriptor) == 1 }

  /// The process environment (read for `NO_COLOR` and `TERM`).
  var environment: [String: String] { ProcessInfo.processInfo.environment }

  /// Writes text as UTF-8.
  func write(_ text: String) {
    guard !text.isEmpty else { return }
    write(Array(text.utf8))
  }

  /// Writes bytes where a lost write matters (the IR of `compile`, the response of `run`):
  /// a failed write (`> /dev/full`, a closed pipe) is reported and fails the command.
  ///
  /// - Parameters:
  ///   - bytes: The content.
  ///   - what: What is written, for the message (`the IR`).
  /// - Throws: `ExitCode.failure` after printing `flowc: error: cannot write …`.
  func writeChecked(_ bytes: [UInt8], _ what: String) throws {
    guard let reason = SourceFileReader.writeAll(bytes, to: descriptor) else { return }
    CommandOutput.error("cannot write \(what) to standard output: \(reason)")
    throw ExitCode.failure
  }

  /// Writes bytes.
  func write(_ bytes: [UInt8]) {
    guard !bytes.isEmpty else { return }
    do {
      try handle.write(contentsOf: Data(bytes))
    } catch {
      // A closed pipe (`flowc check … | head`) is not worth a second error.
    }
  }
}
