import FlowTestSupport
import Foundation
import Testing

/// `flowc test --endpoint URL` through the built binary: against `flowc serve`, with and
/// without `--allow-inspection`, and against small loopback servers that answer wrongly.
@Suite struct CLIEndpointTests {
  static let flow = "examples/no-nicks.yaml"
  static let happyPath = "examples/tests/no-nicks-happy-path.test.yaml"

  static func url(_ port: Int) -> String { "http://127.0.0.1:\(port)/" }

  /// Every example's scripts pass over HTTP against a served flowc that keeps its store, in
  /// every locale, twice in a row: the second run would hit the replay cache and the first
  /// run's orders if the ids were not the run's own.
  @Test(arguments: ExampleConversations.examples)
  func everyExamplePassesTwiceAgainstOneServedFlowc(example: String) throws {
    let flow = "examples/\(example).yaml"
    let server = try ServedFlowc([
      flow, "--store", "memory:", "--insecure-no-verify", "--allow-inspection",
    ])
    for round in 1...2 {
      let run = try FlowcProcess.run([
        "test", flow, "examples/tests", "--endpoint", Self.url(server.port), "--locale", "all",
        "--coverage",
      ])
      #expect(run.status == 0, "round \(round): \(run)\n\(server.standardError)")
      #expect(run.stdout.contains(" 0 failed\n"), "round \(round): \(run.stdout)")
      // Coverage comes from the server's inspections, as complete as the runtime's own.
      #expect(run.stdout.contains("states entered:"), "\(run.stdout)")
      for missed in ["not entered", "not taken", "not exercised", "not reached"] {
        #expect(!run.stdout.contains(missed), "round \(round): \(run.stdout)")
      }
    }
    let errors = server.standardError
    #expect(errors.contains("flowc: warning: inspection is ON (--allow-inspection)"), "\(errors)")
  }

  @Test func withoutInspectionResponsesAreCheckedAndStateAssertionsAreNot() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-endpoint")
    defer { folder.remove() }
    try """
    name: responses only
    steps:
      - launch:
        expect:
          speech: Welcome to No Nicks.
          session_ended: false
      - say: yes
        expect:
          speech: That is 1 Starter Kit for $9.00.
    """.write(toFile: folder.path("a-responses.test.yaml"), atomically: true, encoding: .utf8)
    try """
    name: with a state
    steps:
      - launch:
        expect:
          speech: Welcome to No Nicks.
      - say: yes
        expect:
          state: confirm_order
    """.write(toFile: folder.path("b-state.test.yaml"), atomically: true, encoding: .utf8)
    let server = try ServedFlowc([Self.flow, "--store", "memory:", "--insecure-no-verify"])
    let run = try FlowcProcess.run([
      "test", Self.flow, folder.url.path, "--endpoint", Self.url(server.port),
    ])
    #expect(run.status == 1, "\(run)")
    #expect(run.stdout.contains("2 tests, 1 passed, 1 failed"), "\(run.stdout)")
    #expect(
      run.stdout.contains(
        "state: cannot be checked: the skill under test does not support inspection (it "
          + "answered the inspection question with HTTP 400; a flowc serve endpoint answers "
          + "inspections with --allow-inspection (and --insecure-no-verify))"), "\(run.stdout)")
  }

  @Test func aDifferentAnswerFailsWithItsJSONPointer() throws {
    let server = try ServedFlowc([
      Self.flow, "--store", "memory:", "--insecure-no-verify", "--allow-inspection",
    ])
    let port = server.port
    // A proxy that changes the welcome of every answer.
    let proxy = try LoopbackHTTPServer { body in
      guard
        let reply = try? LoopbackHTTP.exchange(
          port: port, "POST", "/", headers: ["Content-Type": "application/json"], body: body)
      else { return (502, Data("no answer".utf8)) }
      let changed = reply.text.replacingOccurrences(
        of: "Welcome to No Nicks.", with: "Welcome!")
      return (reply.status, Data(changed.utf8))
    }
    let run = try FlowcProcess.run([
      "test", Self.flow, Self.happyPath, "--endpoint", Self.url(proxy.port),
    ])
    #expect(run.status == 1, "\(run)")
    #expect(
      run.stdout.contains(
        "    ✗ the response differs from the built-in runtime's at /response/outputSpeech/text\n"
          + "      at \"/response/outputSpeech/text\":\n"
          + "        skill under test: \"Welcome! Would you like"), "\(run.stdout)")
    #expect(proxy.requestCount >= 1)
  }

  @Test func aStatusOtherThan200ShowsTheStatusAndTheEscapedBody() throws {
    let failing = try LoopbackHTTPServer { _ in
      (500, Data("Traceback: boom\u{1B}[31m\nKeyError: 'request'\n".utf8))
    }
    let run = try FlowcProcess.run([
      "test", Self.flow, Self.happyPath, "--endpoint", Self.url(failing.port),
    ])
    #expect(run.status == 1, "\(run)")
    #expect(
      run.stdout.contains("✗ the skill endpoint answered the request with HTTP 500"),
      "\(run.stdout)")
    #expect(run.stdout.contains("endpoint: http://127.0.0.1:\(failing.port)/"), "\(run.stdout)")
    #expect(run.stdout.contains("| Traceback: boom\\u{1B}[31m"), "\(run.stdout)")
    #expect(run.stdout.contains("| KeyError: 'request'"), "\(run.stdout)")
    #expect(!run.stdout.contains("\u{1B}"), "control characters are escaped")
  }

  @Test func aBodyThatIsNotJSONFailsTheTest() throws {
    let failing = try LoopbackHTTPServer { _ in (200, Data("<html>hello</html>".utf8)) }
    let run = try FlowcProcess.run([
      "test", Self.flow, Self.happyPath, "--endpoint", Self.url(failing.port),
    ])
    #expect(run.status == 1, "\(run)")
    #expect(
      run.stdout.contains(
        "✗ the skill endpoint answered the request with a body that is not a response envelope"),
      "\(run.stdout)")
    #expect(run.stdout.contains("| <html>hello</html>"), "\(run.stdout)")
  }

  @Test func aRefusedConnectionIsAClearError() throws {
    let closed = try LoopbackHTTPServer { _ in (200, Data()) }
    let port = closed.port
    closed.stop()
    let run = try FlowcProcess.run([
      "test", Self.flow, Self.happyPath, "--endpoint", Self.url(port),
    ])
    #expect(run.status == 1, "\(run)")
    #expect(
      run.stdout.contains(
        "✗ cannot connect to the skill endpoint to send the request: connection refused"),
      "\(run.stdout)")
    #expect(run.stdout.contains("endpoint: http://127.0.0.1:\(port)/"), "\(run.stdout)")
  }

  @Test func aLateAnswerFailsAfterTheTimeout() throws {
    let slow = try LoopbackHTTPServer { _ in
      Thread.sleep(forTimeInterval: 3)
      return (200, Data("{}".utf8))
    }
    let started = Date()
    let run = try FlowcProcess.run([
      "test", Self.flow, Self.happyPath, "--endpoint", Self.url(slow.port), "--timeout", "0.5",
    ])
    #expect(run.status == 1, "\(run)")
    #expect(
      run.stdout.contains("✗ the skill endpoint did not answer the request within 0.5 s"),
      "\(run.stdout)")
    #expect(Date().timeIntervalSince(started) < 30)
  }

  @Test(arguments: [
    (["--against", "cat", "--endpoint", "http://127.0.0.1:1/"], "cannot be used together"),
    (["--endpoint", "ftp://127.0.0.1/"], "--endpoint needs an http or https URL"),
    (["--endpoint", "127.0.0.1:8080"], "--endpoint needs an http or https URL"),
    (["--endpoint", "http://127.0.0.1:1/", "--timeout", "0"], "--timeout must be"),
    (["--timeout", "5"], "--timeout needs --against or --endpoint"),
  ])
  func usageErrors(arguments: [String], message: String) throws {
    let run = try FlowcProcess.run(["test", Self.flow, Self.happyPath] + arguments)
    #expect(run.status == 64, "\(run)")
    #expect(run.stderr.contains(message), "\(run.stderr)")
  }

  @Test func serveRefusesInspectionWithVerification() throws {
    let run = try FlowcProcess.run([
      "serve", Self.flow, "--store", "memory:", "--allow-inspection", "--port", "0",
    ])
    #expect(run.status == 64, "\(run)")
    #expect(
      run.stderr.contains("--allow-inspection needs --insecure-no-verify"), "\(run.stderr)")
    #expect(run.stderr.contains("never in production"), "\(run.stderr)")
  }
}
