internal import FlowCompiler
import FlowIR
public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A skill handler in another process that speaks the stdio skill protocol
/// (`docs/testing.md`, "Testing another implementation"): one request envelope or inspection
/// question per line on its standard input, one JSON answer per line on its standard output.
///
/// The command runs as `/bin/sh -c COMMAND` in its own process group, in the current
/// directory, with this process's environment, started at the first request. Every failure —
/// no answer within ``answerTimeout``, an exit, a line that is not a JSON object, a line longer
/// than ``maximumLineLength`` — is a ``ConversationError`` whose details end with the
/// handler's standard error (its last lines, control characters escaped). Once failed, the
/// handler is not asked again.
public final class StdioTransport: SkillTransport {
  /// The shell command.
  public let command: String
  /// How long an answer may take, in seconds.
  public let answerTimeout: Double
  /// How long the handler may take to exit after its standard input is closed before it (its
  /// whole process group) is killed, in seconds.
  public let exitTimeout: Double
  /// Seconds an answer may take unless told otherwise.
  public static let defaultAnswerTimeout: Double = 10
  /// Seconds a handler may take to exit at the end unless told otherwise.
  public static let defaultExitTimeout: Double = 5
  /// The longest answer line read: 4 MiB (Alexa accepts responses of at most 24 kB).
  public static let maximumLineLength = 4 * 1024 * 1024
  /// How many lines of standard error a failure shows.
  public static let standardErrorLines = 12

  private var handler: HandlerProcess?
  private var broken = false

  /// Creates a transport; nothing starts until the first request.
  ///
  /// - Parameters:
  ///   - command: The shell command that starts the handler.
  ///   - answerTimeout: Seconds an answer may take; 10 by default.
  ///   - exitTimeout: Seconds the handler may take to exit at the end; 5 by default.
  public init(
    command: String, answerTimeout: Double = defaultAnswerTimeout,
    exitTimeout: Double = defaultExitTimeout
  ) {
    self.command = command
    self.answerTimeout = answerTimeout
    self.exitTimeout = exitTimeout
  }

  /// See ``SkillTransport/answer(_:)``: the line the handler printed.
  public func answer(_ request: Data) async throws -> Data {
    let (line, value) = try await exchange(request, asking: "the request")
    guard case .object(let members) = value, members[InspectionLine.marker] == nil else {
      throw fail(
        "the skill under test answered a request with JSON that is not a response envelope")
    }
    return line
  }

  /// See ``SkillTransport/inspect(userId:)``.
  public func inspect(userId: String) async throws -> SkillInspection {
    let (_, value) = try await exchange(
      InspectionLine.question(userId: userId), asking: "an inspection")
    do {
      return try InspectionLine.inspection(from: value)
    } catch let error as ConversationError {
      throw fail("the skill under test answered an inspection wrongly: \(error.message)")
    }
  }

  /// See ``SkillTransport/finish()``: closes the handler's standard input and waits
  /// ``exitTimeout`` seconds for it to exit (at once kills it after a failure).
  public func finish() async -> String? {
    guard let handler else { return nil }
    self.handler = nil
    let wasBroken = broken
    let timeout = exitTimeout
    let status = await Self.offThread { handler.close(waiting: wasBroken ? 0 : timeout) }
    guard !wasBroken else { return nil }
    switch status {
    case .exited(0): return nil
    case .exited(let code):
      return "the skill under test exited with status \(code) after its input ended"
    case .signalled(let signal):
      return "the skill under test was ended by signal \(signal) after its input ended"
    case .killed:
      return "the skill under test did not exit within \(Self.seconds(timeout)) after its input "
        + "ended and was killed"
    }
  }

  /// Writes one line and reads the answer.
  private func exchange(_ line: Data, asking what: String) async throws -> (Data, JSONValue) {
    guard !broken else {
      throw ConversationError("the skill under test failed earlier in this conversation")
    }
    let handler: HandlerProcess
    if let running = self.handler {
      handler = running
    } else {
      do {
        handler = try HandlerProcess(command: command)
      } catch {
        broken = true
        throw ConversationError(
          "cannot start the skill under test (/bin/sh -c \(quoted(command))): \(error)")
      }
      self.handler = handler
    }
    let timeout = answerTimeout
    let outcome = await Self.offThread {
      handler.exchange(line, timeout: timeout, maximumLength: Self.maximumLineLength)
    }
    switch outcome {
    case .line(let answer):
      guard let value = try? CanonicalJSON.decode(JSONValue.self, from: answer),
        case .object = value
      else {
        throw fail(
          "the skill under test answered \(what) with a line that is not a JSON object: "
            + Self.clipped(String(decoding: answer, as: UTF8.self)))
      }
      return (answer, value)
    case .late:
      throw fail(
        "the skill under test did not answer \(what) within \(Self.seconds(timeout))")
    case .tooLong:
      throw fail(
        "the skill under test answered \(what) with a line longer than "
          + "\(Self.maximumLineLength / 1024 / 1024) MiB")
    case .ended(let status):
      let how: String
      switch status {
      case .exited(let code): how = "exited with status \(code)"
      case .signalled(let signal): how = "was ended by signal \(signal)"
      case .killed: how = "closed its output"
      }
      throw fail("the skill under test \(how) without answering \(what)")
    case .writeFailed(let reason):
      throw fail("cannot send \(what) to the skill under test: \(reason)")
    }
  }

  /// Marks the transport failed and builds the error, with the standard error's last lines.
  private func fail(_ message: String) -> ConversationError {
    broken = true
    let tail = handler?.standardErrorTail() ?? ""
    var details: [String] = []
    var lines = tail.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    while lines.last?.isEmpty == true { lines.removeLast() }
    let kept = Array(lines.drop { $0.isEmpty }.suffix(Self.standardErrorLines))
    if kept.contains(where: { !$0.isEmpty }) {
      details.append("standard error of the skill under test (last lines):")
      details += kept.map { "| " + TextDiagnosticRenderer.escapingControls($0) }
    } else {
      details.append("(the skill under test wrote nothing to standard error)")
    }
    return ConversationError(TextDiagnosticRenderer.escapingControls(message), details: details)
  }

  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }

  /// A text from the handler, quoted and cut to 200 characters.
  static func clipped(_ text: String) -> String {
    text.count > 200 ? quoted(String(text.prefix(200))) + "…" : quoted(text)
  }

  /// Runs blocking work on a thread of its own, not on the cooperative pool.
  static func offThread<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async
    -> Result
  {
    await withCheckedContinuation { continuation in
      Thread.detachNewThread { continuation.resume(returning: work()) }
    }
  }
}

/// How a handler process ended.
enum HandlerStatus: Sendable, Equatable {
  case exited(Int32)
  case signalled(Int32)
  /// Killed by us, or (while reading) an output that closed with the process still running.
  case killed
}

/// What one exchange with the handler gave.
enum HandlerOutcome: Sendable {
  case line(Data)
  case late
  case tooLong
  case ended(HandlerStatus)
  case writeFailed(String)
}

/// The handler process: `/bin/sh -c COMMAND` in a new process group, with pipes on its
/// standard input, output and error. Used by one ``StdioTransport`` at a time.
final class HandlerProcess: @unchecked Sendable {
  private let pid: pid_t
  private var input: Int32
  private let output: Int32
  private let errors: Int32
  private var buffered: [UInt8] = []
  private var outputEnded = false
  private var errorsEnded = false
  private var errorTail: [UInt8] = []
  private var status: HandlerStatus?
  private let lock = NSLock()
  /// How many bytes of standard error are kept.
  static let errorTailLimit = 8192
  /// Held while pipes are made and a handler is spawned.
  static let spawnLock = NSLock()

  struct SpawnError: Error, CustomStringConvertible {
    var description: String
  }

  init(command: String) throws {
    signal(SIGPIPE, SIG_IGN)
    var inPipe: [Int32] = [0, 0]
    var outPipe: [Int32] = [0, 0]
    var errPipe: [Int32] = [0, 0]
    // One spawn at a time in this process: no handler spawned meanwhile by another
    // conversation inherits an end of these pipes before they are close-on-exec.
    Self.spawnLock.lock()
    defer { Self.spawnLock.unlock() }
    let opened = pipe(&inPipe) == 0 && pipe(&outPipe) == 0 && pipe(&errPipe) == 0
    for descriptor in inPipe + outPipe + errPipe {
      _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    }
    guard opened else {
      throw SpawnError(description: String(cString: strerror(errno)))
    }
    #if canImport(Glibc)
      var actions = posix_spawn_file_actions_t()
      var attributes = posix_spawnattr_t()
    #else
      var actions: posix_spawn_file_actions_t?
      var attributes: posix_spawnattr_t?
    #endif
    posix_spawn_file_actions_init(&actions)
    posix_spawnattr_init(&attributes)
    defer {
      posix_spawn_file_actions_destroy(&actions)
      posix_spawnattr_destroy(&attributes)
    }
    posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    let arguments = ["/bin/sh", "-c", command]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var child: pid_t = 0
    let result = posix_spawn(&child, "/bin/sh", &actions, &attributes, &argv, environ)
    systemClose(inPipe[0])
    systemClose(outPipe[1])
    systemClose(errPipe[1])
    guard result == 0 else {
      systemClose(inPipe[1])
      systemClose(outPipe[0])
      systemClose(errPipe[0])
      throw SpawnError(description: String(cString: strerror(result)))
    }
    pid = child
    input = inPipe[1]
    output = outPipe[0]
    errors = errPipe[0]
  }

  deinit {
    if input >= 0 { systemClose(input) }
    systemClose(output)
    systemClose(errors)
    if status == nil {
      kill(-pid, SIGKILL)
      var code: Int32 = 0
      waitpid(pid, &code, 0)
    }
  }

  /// Writes `line` and a line feed, then reads one answer line.
  func exchange(_ line: Data, timeout: Double, maximumLength: Int) -> HandlerOutcome {
    lock.lock()
    defer { lock.unlock() }
    if let problem = write(Array(line) + [UInt8(ascii: "\n")]) {
      // A handler that exited closes its input: say how it ended.
      if let status = reap(waiting: 1) { return .ended(status) }
      return .writeFailed(problem)
    }
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
        let answer = Data(buffered[..<newline])
        buffered.removeSubrange(...newline)
        return .line(answer)
      }
      if buffered.count > maximumLength { return .tooLong }
      if outputEnded {
        drainErrors(for: 1)
        return .ended(reap(waiting: 1) ?? .killed)
      }
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 { return .late }
      poll(for: remaining)
    }
  }

  /// Closes the standard input and waits for the exit; kills the process group after
  /// `waiting` seconds.
  func close(waiting: Double) -> HandlerStatus {
    lock.lock()
    defer { lock.unlock() }
    closeInput()
    if let status = reap(waiting: waiting) { return status }
    kill(-pid, SIGKILL)
    var code: Int32 = 0
    waitpid(pid, &code, 0)
    status = .killed
    return .killed
  }

  /// The last bytes the handler wrote to standard error, after collecting what is waiting.
  func standardErrorTail() -> String {
    lock.lock()
    defer { lock.unlock() }
    drainErrors(for: 0.2)
    return String(decoding: errorTail, as: UTF8.self)
  }

  private func closeInput() {
    if input >= 0 {
      systemClose(input)
      input = -1
    }
  }

  private func write(_ bytes: [UInt8]) -> String? {
    guard input >= 0 else { return "its input is closed" }
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes {
        systemWrite(input, $0.baseAddress, $0.count)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return String(cString: strerror(errno))
      }
      offset += written
    }
    return nil
  }

  /// Waits up to `seconds` for output or standard error and reads what came.
  private func poll(for seconds: Double) {
    var descriptors: [pollfd] = []
    if !outputEnded { descriptors.append(pollfd(fd: output, events: Int16(POLLIN), revents: 0)) }
    if !errorsEnded { descriptors.append(pollfd(fd: errors, events: Int16(POLLIN), revents: 0)) }
    guard !descriptors.isEmpty else { return }
    let milliseconds = Int32(min(max(seconds * 1000, 1), 60_000))
    let ready = systemPoll(&descriptors, nfds_t(descriptors.count), milliseconds)
    guard ready > 0 else { return }
    for descriptor in descriptors where descriptor.revents != 0 {
      read(from: descriptor.fd)
    }
  }

  private func read(from descriptor: Int32) {
    var chunk = [UInt8](repeating: 0, count: 65536)
    let count = chunk.withUnsafeMutableBytes {
      systemRead(descriptor, $0.baseAddress, $0.count)
    }
    if count < 0, errno == EINTR { return }
    if descriptor == output {
      if count <= 0 { outputEnded = true } else { buffered += chunk[..<count] }
    } else {
      if count <= 0 {
        errorsEnded = true
      } else {
        errorTail += chunk[..<count]
        if errorTail.count > Self.errorTailLimit {
          errorTail.removeFirst(errorTail.count - Self.errorTailLimit)
        }
      }
    }
  }

  /// Reads standard error for up to `seconds` or until it ends.
  private func drainErrors(for seconds: Double) {
    let deadline = Date().addingTimeInterval(seconds)
    while !errorsEnded {
      var descriptor = [pollfd(fd: errors, events: Int16(POLLIN), revents: 0)]
      let remaining = deadline.timeIntervalSinceNow
      let milliseconds = Int32(max(remaining * 1000, 0))
      guard systemPoll(&descriptor, 1, milliseconds) > 0 else { return }
      read(from: errors)
    }
  }

  /// The exit status, waiting up to `seconds` for it; `nil` while the process runs.
  private func reap(waiting seconds: Double) -> HandlerStatus? {
    if let status { return status }
    let deadline = Date().addingTimeInterval(seconds)
    while true {
      var code: Int32 = 0
      let result = waitpid(pid, &code, WNOHANG)
      if result == pid {
        let signal = code & 0x7F
        let ended: HandlerStatus =
          signal == 0 ? .exited((code >> 8) & 0xFF) : .signalled(signal)
        status = ended
        return ended
      }
      if result < 0 { return nil }
      if Date() >= deadline { return nil }
      usleep(20_000)
    }
  }
}

// The system calls, under names that the methods of `HandlerProcess` do not hide.
private func systemClose(_ descriptor: Int32) { _ = close(descriptor) }

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}

private func systemRead(_ descriptor: Int32, _ bytes: UnsafeMutableRawPointer?, _ count: Int)
  -> Int
{
  read(descriptor, bytes, count)
}

private func systemPoll(
  _ descriptors: UnsafeMutablePointer<pollfd>, _ count: nfds_t, _ timeout: Int32
)
  -> Int32
{
  poll(descriptors, count, timeout)
}
