import FlowIR
import FlowRuntime
import FlowTestSupport
import Foundation
import Testing

/// `flowc run` as a user runs it: the built binary, a flow file, an envelope on stdin.
///
/// Each test's files live in one temporary directory, removed when the test ends.
@Suite final class RunCommandTests {
  let scratch: TemporaryDirectory

  init() throws {
    scratch = try TemporaryDirectory(prefix: "flowc-run")
  }

  deinit { scratch.remove() }

  /// The `flowc` executable (`FlowcProcess.binary`).
  static var executable: URL { FlowcProcess.binary ?? URL(fileURLWithPath: "flowc") }

  /// Runs `flowc` in `directory` (a fresh temporary one by default, so that the default store
  /// never lands in the repository).
  func run(_ arguments: [String], stdin: Data, in directory: URL? = nil) throws
    -> ProcessRun
  {
    try FlowcProcess.run(
      arguments, stdin: stdin, currentDirectory: directory ?? temporaryDirectory())
  }

  /// A fresh directory inside the test's temporary directory.
  func temporaryDirectory() throws -> URL {
    let directory = scratch.appending(UUID().uuidString)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// The No Nicks IR in a temporary file.
  func irFile(extension fileExtension: String = "json") throws -> URL {
    let directory = try temporaryDirectory()
    let file = directory.appendingPathComponent("no-nicks.\(fileExtension)")
    try NoNicksProgram.program().encodedJSON().write(to: file)
    return file
  }

  static func launchJSON() throws -> Data {
    try CanonicalJSON.compact(
      RequestEnvelopes.envelope(
        request: RequestEnvelopes.launch(), sessionNew: true,
        requestId: "amzn1.echo-api.request.cli"))
  }

  @Test func answersALaunchWithPrettySortedJSON() throws {
    try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
    let result = try run(
      ["run", try irFile().path, "--store", "memory:"], stdin: try Self.launchJSON())
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    let response = try JSONDecoder().decode(ResponseEnvelope.self, from: Data(result.stdout.utf8))
    #expect(response.response.shouldEndSession == false)
    #expect(
      response.speech == "Welcome to No Nicks. Would you like to buy a starter kit for $9.00?")
    #expect(result.stdout.hasPrefix("{\n  \"response\" : {"))
    #expect(result.stdout.hasSuffix("}\n"))
  }

  @Test func irIsRecognisedByContentWithoutTheExtension() throws {
    try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
    let result = try run(
      ["run", try irFile(extension: "ir").path], stdin: try Self.launchJSON())
    #expect(result.status == 0)
    #expect(result.stdout.contains("\"version\" : \"1.0\""))
  }

  @Test(arguments: ["", "{not json", "[]", #"{"request": {"type": "LaunchRequest"}}"#])
  func malformedInputExitsOneWithOneLine(input: String) throws {
    try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
    let result = try run(["run", try irFile().path], stdin: Data(input.utf8))
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("flowc: error: malformed request envelope: "))
    #expect(result.stderr.filter { $0 == "\n" }.count == 1)
  }

  @Test func unreadableFlowExitsOne() throws {
    try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
    let result = try run(["run", "/nonexistent/flow.yaml"], stdin: try Self.launchJSON())
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "flowc: error: cannot read '/nonexistent/flow.yaml': no such file or directory\n")
  }

  @Test func unknownIRVersionIsRefused() throws {
    try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
    let file = scratch.appending("unknown-version.json")
    try Data(#"{"ir_version": 42}"#.utf8).write(to: file)
    let result = try run(["run", file.path], stdin: try Self.launchJSON())
    #expect(result.status == 1)
    #expect(result.stderr.contains("IR version 42 is not supported"))
  }

  @Test func unsupportedStoreURLExitsOne() throws {
    try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
    let result = try run(
      ["run", try irFile().path, "--store", "redis://localhost"], stdin: try Self.launchJSON())
    #expect(result.status == 1)
    #expect(result.stderr.contains("unsupported store URL 'redis://localhost'"))
  }

  /// A PostgreSQL store that cannot be reached: exit 1, and the password never printed.
  @Test func unreachablePostgresStoreExitsOneWithoutPrintingThePassword() throws {
    try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
    let result = try run(
      [
        "run", try irFile().path, "--store",
        "postgres://shop:Very-Secret-9@127.0.0.1:1/shop?sslmode=disable",
      ], stdin: try Self.launchJSON())
    #expect(result.status == 1)
    #expect(result.stderr.contains("cannot open 'postgres://shop:***@127.0.0.1:1/shop"))
    #expect(!result.stderr.contains("Very-Secret-9"))
    #expect(!result.stdout.contains("Very-Secret-9"))
  }

  /// A conversation over several runs: the default store (a SQLite file in the working
  /// directory) keeps the Setup's continuation from one process to the next.
  @Test func theDefaultStoreCarriesAPaymentAcrossRuns() throws {
    try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
    let directory = try temporaryDirectory()
    let flow = ExampleFlows.root.appendingPathComponent("examples/no-nicks.yaml").path
    var attributes: [String: JSONValue]?
    var step = 0
    func turn(_ request: [String: JSONValue], sessionNew: Bool) throws -> ResponseEnvelope {
      step += 1
      let envelope = RequestEnvelopes.envelope(
        request: request, sessionNew: sessionNew, attributes: sessionNew ? nil : attributes,
        requestId: "amzn1.echo-api.request.cli-run-\(step)")
      let result = try run(
        ["run", flow], stdin: try CanonicalJSON.compact(envelope), in: directory)
      #expect(result.status == 0, "\(result.stderr)")
      let response = try JSONDecoder().decode(ResponseEnvelope.self, from: Data(result.stdout.utf8))
      attributes = response.sessionAttributes
      return response
    }
    _ = try turn(RequestEnvelopes.launch(), sessionNew: true)
    _ = try turn(RequestEnvelopes.intent("AMAZON.YesIntent"), sessionNew: false)
    let setup = try #require(
      try turn(RequestEnvelopes.intent("AMAZON.YesIntent"), sessionNew: false).sendRequest)
    let checkout = try turn(
      RequestEnvelopes.connectionsResponse(
        name: "Setup", code: "200", message: "OK", token: setup.token,
        payload: RequestEnvelopes.setupSuccessPayload),
      sessionNew: true)
    #expect(
      checkout.speech
        == "Your total is $9.00, shipping to 410 Terry Ave N. Do you want to place the order?")
    #expect(
      FileManager.default.fileExists(
        atPath: directory.appendingPathComponent(".flowc/flowc.sqlite").path))
  }

  @Test func aFlowWithErrorsPrintsItsDiagnosticsAndExitsOne() throws {
    try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
    let directory = try temporaryDirectory()
    let original = try String(
      contentsOf: ExampleFlows.root.appendingPathComponent("examples/no-nicks.yaml"),
      encoding: .utf8)
    let broken = original.replacingOccurrences(of: "success: checkout", with: "success: chekout")
    #expect(broken != original)
    let flow = directory.appendingPathComponent("broken.yaml")
    try broken.write(to: flow, atomically: true, encoding: .utf8)
    let result = try run(["run", flow.path], stdin: try Self.launchJSON(), in: directory)
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("broken.yaml:"))
    #expect(result.stderr.contains("error: "))
    #expect(result.stderr.contains("chekout"))
    // Nothing was stored: the store was never opened.
    #expect(
      !FileManager.default.fileExists(atPath: directory.appendingPathComponent(".flowc").path))
  }

  @Test func aRequestLargerThanOneMebibyteIsRefusedWithoutStoring() throws {
    try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
    let directory = try temporaryDirectory()
    let flow = try irFile().path
    let result = try run(
      ["run", flow], stdin: Data(repeating: 0x20, count: 1024 * 1024 + 1), in: directory)
    #expect(result.status == 1, "\(result)")
    #expect(
      result.stderr
        == "flowc: error: cannot read the request from standard input: larger than 1 MiB\n")
    #expect(result.stdout.isEmpty)
    #expect(
      !FileManager.default.fileExists(atPath: directory.appendingPathComponent(".flowc").path))
    // An endless input ends just as quickly.
    let endless = try TestProcess.run(
      URL(fileURLWithPath: "/bin/sh"),
      ["-c", "exec \"$0\" run \"$1\" --store memory: < /dev/zero", Self.executable.path, flow],
      currentDirectory: directory, timeout: 60)
    #expect(endless.status == 1, "\(endless)")
    #expect(endless.stderr.contains("larger than 1 MiB"), "\(endless)")
  }

  @Test func aResponseThatCannotBePrintedFailsAndIsReplayedFromTheStore() throws {
    try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path))
    let directory = try temporaryDirectory()
    let flow = try irFile().path
    let request = directory.appendingPathComponent("launch.json")
    try Self.launchJSON().write(to: request)
    let full = try TestProcess.run(
      URL(fileURLWithPath: "/bin/sh"),
      [
        "-c", "exec \"$0\" run \"$1\" --store sqlite:store.sqlite < launch.json > /dev/full",
        Self.executable.path, flow,
      ],
      currentDirectory: directory, timeout: 120)
    #expect(full.status == 1, "\(full)")
    #expect(
      full.stderr.contains(
        "flowc: error: cannot write the response to standard output: no space left on device\n"),
      "\(full)")
    #expect(
      full.stderr.contains(
        "flowc: note: the turn was recorded in the store; sending the same request again prints "
          + "its response\n"), "\(full)")
    // The turn was stored: the same request is answered from the store.
    let replay = try run(
      ["run", flow, "--store", "sqlite:store.sqlite"], stdin: try Self.launchJSON(),
      in: directory)
    #expect(replay.status == 0, "\(replay)")
    let response = try JSONDecoder().decode(ResponseEnvelope.self, from: replay.stdoutBytes)
    #expect(
      response.speech == "Welcome to No Nicks. Would you like to buy a starter kit for $9.00?")
  }

  @Test func theFlowCannotBeStandardInputWhichCarriesTheRequest() throws {
    let result = try run(["run", "-"], stdin: try Self.launchJSON())
    #expect(result.status == 64, "\(result)")
    #expect(result.stderr.contains("FLOW cannot be '-'"), "\(result)")
  }
}
