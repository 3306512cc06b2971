public import Foundation
import Synchronization

/// A `flowc serve` process (or another HTTP server) running in the background for a test:
/// started on a free port, its standard error collected, stopped with a signal.
public final class ServedFlowc {
  /// The process.
  private let process: Process
  /// Standard error so far.
  private let errorOutput: CollectedOutput
  /// Signalled when the process ends.
  private let ended: DispatchSemaphore
  /// Signalled when standard error reaches its end (everything the process wrote is read).
  private let errorsRead: DispatchSemaphore
  /// The port it listens on (127.0.0.1).
  public let port: Int

  /// Starts `flowc serve arguments… --port 0` from the repository root and waits until it
  /// listens.
  ///
  /// - Parameters:
  ///   - arguments: The arguments after `serve`.
  ///   - timeout: How long to wait for the `listening on` log line.
  /// - Throws: `TestProcessError.binaryNotFound`, or ``ServedFlowcError`` when it ends or does
  ///   not listen in time (with what it printed).
  public convenience init(_ arguments: [String], timeout: Double = 120) throws {
    guard let binary = FlowcProcess.binary else { throw TestProcessError.binaryNotFound }
    try self.init(
      executable: binary, arguments: ["serve"] + arguments + ["--port", "0"], timeout: timeout)
  }

  /// Starts another server from the repository root (a Python skill behind a web-service
  /// handler, say) and waits until it logs `listening on http://HOST:PORT` on standard error.
  ///
  /// - Parameters:
  ///   - executable: The program.
  ///   - arguments: Its arguments; they must make it pick a free port.
  ///   - timeout: How long to wait for the `listening on` line.
  /// - Throws: ``ServedFlowcError`` when it ends or does not listen in time.
  public init(executable: URL, arguments: [String], timeout: Double = 120) throws {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = FlowcProcess.repositoryRoot
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    let pipe = Pipe()
    process.standardError = pipe
    let errorOutput = CollectedOutput()
    let ended = DispatchSemaphore(value: 0)
    let errorsRead = DispatchSemaphore(value: 0)
    self.errorOutput = errorOutput
    self.ended = ended
    self.errorsRead = errorsRead
    process.terminationHandler = { _ in ended.signal() }
    try process.run()
    let reader = pipe.fileHandleForReading
    Thread.detachNewThread {
      while true {
        let chunk = reader.availableData
        if chunk.isEmpty { break }
        errorOutput.append(chunk)
      }
      errorsRead.signal()
    }
    self.process = process
    let deadline = Date().addingTimeInterval(timeout)
    var port: Int?
    while port == nil {
      let text = errorOutput.text
      if let match = text.firstMatch(of: /listening on http:\/\/[^\s:]+:(\d+)/) {
        port = Int(match.1)
      } else if !process.isRunning || Date() > deadline {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        throw ServedFlowcError.notListening(text)
      } else {
        Thread.sleep(forTimeInterval: 0.05)
      }
    }
    self.port = port!
  }

  deinit {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
  }

  /// The process id (to signal it from code that cannot hold this object).
  public var processIdentifier: Int32 { process.processIdentifier }

  /// Standard error so far, as text.
  public var standardError: String { errorOutput.text }

  /// Sends a signal (`SIGTERM`, `SIGINT`).
  public func signal(_ number: Int32) {
    kill(process.processIdentifier, number)
  }

  /// Waits for the process to end.
  ///
  /// - Parameter timeout: How long to wait before killing it.
  /// - Returns: Its exit status.
  /// - Throws: ``ServedFlowcError/didNotStop(_:)`` when it had to be killed.
  public func waitForExit(timeout: Double = 30) throws -> Int32 {
    if ended.wait(timeout: .now() + timeout) == .timedOut {
      kill(process.processIdentifier, SIGKILL)
      throw ServedFlowcError.didNotStop(standardError)
    }
    process.waitUntilExit()
    // The last lines (`stopped …`) may still be in the pipe when the process has ended.
    _ = errorsRead.wait(timeout: .now() + 5)
    return process.terminationStatus
  }
}

/// Bytes a reader thread appends while a test reads them.
private final class CollectedOutput: Sendable {
  private let data = Mutex(Data())

  func append(_ chunk: Data) { data.withLock { $0.append(chunk) } }

  var text: String { String(decoding: data.withLock { $0 }, as: UTF8.self) }
}

/// Why a served `flowc` did not do what the test expected.
public enum ServedFlowcError: Error, CustomStringConvertible {
  /// It ended, or did not log `listening on`, in time; its standard error.
  case notListening(String)
  /// It did not end after the signal; its standard error.
  case didNotStop(String)

  /// What happened, with what it printed.
  public var description: String {
    switch self {
    case .notListening(let text): "flowc serve did not start listening:\n\(text)"
    case .didNotStop(let text): "flowc serve did not stop:\n\(text)"
    }
  }
}
