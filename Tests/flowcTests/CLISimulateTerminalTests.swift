import FlowTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `flowc simulate` in a real terminal, driven through tmux (send-keys, capture-pane).
@Suite(.serialized) struct CLISimulateTerminalTests {
  /// Runs a tmux client command and returns what it printed. Spawned and reaped directly
  /// (posix_spawn, waitpid) with the output in a file: `new-session` forks the tmux server,
  /// which keeps inherited pipes open and confuses Foundation's process monitoring.
  @discardableResult
  static func tmux(_ arguments: [String]) throws -> String {
    let outputPath = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-tmux-out-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    guard let tmux = Tooling.tmux?.path else { throw ToolingError.missing("tmux") }
    let argv: [UnsafeMutablePointer<CChar>?] = ([tmux] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, tmux, &actions, nil, argv, environ)
    guard spawned == 0 else { throw TerminalTestError.spawnFailed(spawned) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
  }

  enum TerminalTestError: Error {
    case spawnFailed(Int32)
  }

  /// Waits until the pane shows `text` (or gives up after about 20 seconds).
  static func waitFor(_ text: String, socket: String, session: String) throws -> String {
    var screen = ""
    for _ in 0..<200 {
      screen = try tmux(["-S", socket, "capture-pane", "-p", "-J", "-S", "-200", "-t", session])
      if screen.contains(text) { return screen }
      Thread.sleep(forTimeInterval: 0.1)
    }
    return screen
  }

  // Skipped only where tmux is not installed (scripts/test.sh installs it).
  @Test(.enabled(if: Tooling.tmux != nil, "needs tmux"))
  func aConversationInARealTerminal() throws {
    guard let binary = FlowcProcess.binary else { throw TestProcessError.binaryNotFound }
    let socket = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-tmux-\(UUID().uuidString.prefix(8))").path
    let session = "flowc-simulate"
    let flow = FlowcProcess.repositoryRoot.appendingPathComponent("examples/no-nicks.yaml").path
    try Self.tmux([
      "-S", socket, "new-session", "-d", "-s", session, "-x", "200", "-y", "50",
      "\(binary.path) simulate \(flow)",
    ])
    defer {
      _ = try? Self.tmux(["-S", socket, "kill-server"])
      try? FileManager.default.removeItem(atPath: socket)
    }
    var screen = try Self.waitFor("you> ", socket: socket, session: session)
    #expect(screen.contains("< Welcome to No Nicks."), "\(screen)")
    try Self.tmux(["-S", socket, "send-keys", "-t", session, "yes", "Enter"])
    screen = try Self.waitFor("Shall I check out", socket: socket, session: session)
    #expect(screen.contains("you> yes"), "\(screen)")
    try Self.tmux(["-S", socket, "send-keys", "-t", session, "yes", "Enter"])
    screen = try Self.waitFor("amazon pay setup> ", socket: socket, session: session)
    #expect(screen.contains("directive: Connections.SendRequest Setup"), "\(screen)")
    try Self.tmux(["-S", socket, "send-keys", "-t", session, "success", "Enter"])
    screen = try Self.waitFor("Your total is $9.00", socket: socket, session: session)
    #expect(screen.contains("state: checkout (session open)"), "\(screen)")
    try Self.tmux(["-S", socket, "send-keys", "-t", session, ":quit", "Enter"])
    // The program ends and the pane closes with it.
    var ended = false
    for _ in 0..<100 {
      let sessions = (try? Self.tmux(["-S", socket, "list-sessions"])) ?? ""
      if !sessions.contains(session) {
        ended = true
        break
      }
      Thread.sleep(forTimeInterval: 0.1)
    }
    #expect(ended, "flowc simulate did not quit")
  }
}
