import FlowTestSupport
import Foundation
import Testing

/// Bounded input and honest output through the built binary: stdin limits, failed writes,
/// `compile -o` that keeps what the path is, pipes refused, `-` as standard input.
@Suite struct CLIBoundedIOTests {
  static let flow = "examples/no-nicks.yaml"

  /// Runs `flowc` through `/bin/sh -c script` (for redirections), `$0` the binary.
  static func shell(_ script: String, in directory: URL? = nil) throws -> ProcessRun {
    let binary = try #require(FlowcProcess.binary)
    return try TestProcess.run(
      URL(fileURLWithPath: "/bin/sh"), ["-c", script, binary.path],
      currentDirectory: directory ?? FlowcProcess.repositoryRoot, timeout: 60)
  }

  @Test func compileFailsWhenStandardOutputCannotBeWritten() throws {
    let result = try Self.shell("exec \"$0\" compile \(Self.flow) > /dev/full")
    #expect(result.status == 1, "\(result)")
    #expect(
      result.stderr.hasSuffix(
        "flowc: error: cannot write the IR to standard output: no space left on device\n"),
      "\(result)")
  }

  /// `check`, `schema` and `graph` print what a CI job keeps (a SARIF file, a diagram): a
  /// truncated file with exit 0 would pass for a complete one.
  @Test(arguments: [
    ("check --format json \(flow)", "the diagnostics"),
    ("check --format sarif \(flow)", "the diagnostics"),
    ("schema", "the schema"),
    ("graph \(flow)", "the graph"),
  ])
  func commandFailsWhenItsOutputCannotBeWritten(command: String, what: String) throws {
    let result = try Self.shell("exec \"$0\" \(command) > /dev/full")
    #expect(result.status == 1, "\(result)")
    #expect(
      result.stderr.hasSuffix(
        "flowc: error: cannot write \(what) to standard output: no space left on device\n"),
      "\(result)")
  }

  @Test func simulateRefusesALongLineAndAnEndlessInput() throws {
    let long = try FlowcProcess.run(
      ["simulate", Self.flow],
      stdin: Data((String(repeating: "x", count: 16 * 1024 + 1) + "\n").utf8))
    #expect(long.status == 1, "\(long)")
    #expect(
      long.stderr == "flowc: error: cannot read standard input: a line is longer than 16 KiB\n",
      "\(long)")
    let exact = try FlowcProcess.run(
      ["simulate", Self.flow], stdin: Data((String(repeating: "x", count: 16 * 1024) + "\n").utf8))
    #expect(exact.status == 0, "\(exact)")
    let endless = try Self.shell("exec \"$0\" simulate \(Self.flow) < /dev/zero")
    #expect(endless.status == 1, "\(endless)")
    #expect(endless.stderr.contains("a line is longer than 16 KiB"), "\(endless)")
    #expect(
      try FlowcProcess.run(["simulate", "-"], stdin: Data("yes\n".utf8)).status == 64)
  }

  @Test func compileOutputKeepsLinksModesAndHardLinks() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-output")
    defer { folder.remove() }
    let manager = FileManager.default
    let expected = try FlowcProcess.run(["compile", Self.flow]).stdoutBytes
    #expect(!expected.isEmpty)

    // A symbolic link: the target is written, the link stays a link.
    let target = folder.appending("target.json")
    try Data("old".utf8).write(to: target)
    let link = folder.path("link.json")
    try manager.createSymbolicLink(atPath: link, withDestinationPath: "target.json")
    var result = try FlowcProcess.run(["compile", Self.flow, "-o", link])
    #expect(result.status == 0, "\(result)")
    #expect(try manager.destinationOfSymbolicLink(atPath: link) == "target.json")
    #expect(try Data(contentsOf: target) == expected)

    // A private file stays private.
    let secret = folder.appending("secret.json")
    try Data("old".utf8).write(to: secret)
    try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret.path)
    result = try FlowcProcess.run(["compile", Self.flow, "-o", secret.path])
    #expect(result.status == 0, "\(result)")
    let permissions = try manager.attributesOfItem(atPath: secret.path)[.posixPermissions]
    #expect((permissions as? NSNumber)?.intValue == 0o600)
    #expect(try Data(contentsOf: secret) == expected)

    // Two names of one file both show the new content.
    let first = folder.appending("first.json")
    try Data("old".utf8).write(to: first)
    let second = folder.path("second.json")
    try manager.linkItem(atPath: first.path, toPath: second)
    result = try FlowcProcess.run(["compile", Self.flow, "-o", first.path])
    #expect(result.status == 0, "\(result)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: second)) == expected)

    // A device is written in place and stays a device (a null device of our own, so that a
    // broken build cannot replace the system's /dev/null).
    let device = folder.path("null")
    let made = try TestProcess.run(
      URL(fileURLWithPath: "/bin/sh"), ["-c", "mknod \"$0\" c 1 3", device])
    if made.status == 0 {
      result = try FlowcProcess.run(["compile", Self.flow, "-o", device])
      #expect(result.status == 0, "\(result)")
      let type = try manager.attributesOfItem(atPath: device)[.type] as? FileAttributeType
      #expect(type == .typeCharacterSpecial)
    }
    // A folder is an error that names it.
    result = try FlowcProcess.run(["compile", Self.flow, "-o", folder.url.path])
    #expect(result.status == 1, "\(result)")
    #expect(result.stderr.contains("cannot write file: it is a directory [unwritable-file]"))
  }

  @Test func pipesAreRefusedAtOnce() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-fifo")
    defer { folder.remove() }
    let fifo = folder.path("flow.yaml")
    let script = folder.path("fifo.test.yaml")
    for path in [fifo, script] {
      #expect(
        try TestProcess.run(URL(fileURLWithPath: "/usr/bin/mkfifo"), [path]).status == 0)
    }
    let reason = "it is a pipe, not a file (give '-' to read standard input)"
    let check = try FlowcProcess.run(["check", fifo], timeout: 30)
    #expect(check.status == 1, "\(check)")
    #expect(check.stdout.contains("error: cannot read file: \(reason) [unreadable-file]"))
    let compile = try FlowcProcess.run(
      ["compile", fifo, "-o", folder.path("out.json")], timeout: 30)
    #expect(compile.status == 1, "\(compile)")
    let run = try FlowcProcess.run(["graph", fifo], timeout: 30)
    #expect(run.stderr == "flowc: error: cannot read '\(fifo)': \(reason)\n", "\(run)")
    let test = try FlowcProcess.run(["test", Self.flow, script], timeout: 30)
    #expect(test.status == 1, "\(test)")
    #expect(test.stderr.contains("cannot read '\(script)': \(reason)"), "\(test)")
    // An output pipe nobody reads is refused too, rather than waited on.
    let output = try FlowcProcess.run(["compile", Self.flow, "-o", fifo], timeout: 30)
    #expect(output.status == 1, "\(output)")
    #expect(output.stderr.contains("cannot write file: it is a pipe without a reader"))
  }

  @Test func aDashIsStandardInput() throws {
    let flow = try Data(contentsOf: FlowcProcess.repositoryRoot.appendingPathComponent(Self.flow))
    let compile = try FlowcProcess.run(["compile", "-"], stdin: flow)
    #expect(compile.status == 0, "\(compile)")
    // The IR names its source: standard input.
    #expect(compile.stdout.contains("\"file\" : \"<stdin>\""), "\(compile)")
    #expect(try JSONSerialization.jsonObject(with: compile.stdoutBytes) is [String: Any])
    let broken = Data("flowc: 1\nskil: {}\n".utf8)
    let check = try FlowcProcess.run(["check", "-", "-"], stdin: broken)
    #expect(check.status == 1, "\(check)")
    #expect(check.stdout.contains("<stdin>:2:1: error: "), "\(check)")
    #expect(
      check.stdout.contains(
        "<stdin>: error: cannot read file: standard input was read for an earlier '-'"),
      "\(check)")
    let graph = try FlowcProcess.run(["graph", "-"], stdin: flow)
    #expect(graph.status == 0, "\(graph)")
    #expect(graph.stdout.hasPrefix("digraph"), "\(graph)")
  }
}
