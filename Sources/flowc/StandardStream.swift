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

  /// Writes text where a lost write matters and the text comes in pieces (the diagnostics of
  /// `check`): after the first failed write (`> /dev/full`, a closed pipe) the rest is
  /// dropped, and the failure is reported and fails the command once `produce` returns.
  ///
  /// - Parameters:
  ///   - what: What is written, for the message (`the diagnostics`).
  ///   - produce: Hands the pieces to the `write` it is given, in order.
  /// - Throws: What `produce` throws, or `ExitCode.failure` after printing
  ///   `flowc: error: cannot write …`.
  func writeChecked(_ what: String, _ produce: (_ write: (String) -> Void) throws -> Void)
    throws
  {
    var failure: String?
    try produce { text in
      guard failure == nil, !text.isEmpty else { return }
      failure = SourceFileReader.writeAll(Array(text.utf8), to: descriptor)
    }
    guard let failure else { return }
    CommandOutput.error("cannot write \(what) to standard output: \(failure)")
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
