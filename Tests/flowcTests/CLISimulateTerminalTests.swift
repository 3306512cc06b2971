import Foundation
import Testing

/// `flowc simulate` in a real terminal, driven through tmux (send-keys, capture-pane).
@Suite(.serialized) struct CLISimulateTerminalTests {
  static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  @discardableResult
  static func tmux(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tmux!)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
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

  @Test func aConversationInARealTerminal() throws {
    guard Self.tmux != nil else {
      // The only reason to skip: tmux is not installed (scripts/test.sh installs it).
      print("skipping the terminal test of flowc simulate: tmux is not installed")
      return
    }
    guard let binary = FlowcProcess.binary else { throw FlowcProcessError.binaryNotFound }
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
