import FlowIR
import FlowRuntime
import FlowTestSupport
import Foundation
import Testing

/// `flowc serve`: the real binary on a free loopback port, talked to over HTTP.
@Suite(.serialized) struct CLIServeTests {
  static let flow = "examples/no-nicks.yaml"

  /// Posts a request envelope and returns the response bytes; anything but 200 throws.
  static func post(_ port: Int, _ body: Data) throws -> Data {
    let reply = try LoopbackHTTP.exchange(port: port, "POST", "/", body: body)
    guard reply.status == 200 else { throw LoopbackHTTPError.malformedReply("\(reply)") }
    #expect(reply.headers["content-type"] == "application/json")
    return reply.body
  }

  @Test(arguments: ["memory", "sqlite"])
  func aWholePaymentConversationOverHTTP(storeKind: String) async throws {
    let folder = try TemporaryDirectory(prefix: "flowc-serve")
    defer { folder.remove() }
    let store = storeKind == "memory" ? "memory:" : "sqlite:\(folder.path("shop.sqlite"))"
    let server = try ServedFlowc([Self.flow, "--store", store, "--insecure-no-verify"])
    let port = server.port
    var customer = RemoteCustomer(name: "serve-\(storeKind)") { try Self.post(port, $0) }
    let responses = try await customer.buyNoNicksStarterKit()
    #expect(
      responses.map { $0.response.outputSpeech?.content.prefix(20) ?? "" } == [
        "Welcome to No Nicks.", "That is 1 Starter Ki", "", "Your total is $9.00,", "",
        "Your order is placed",
      ], "\(server.standardError)")

    // A redelivery of the last request gets the same bytes, and no second order.
    let last = try #require(customer.exchanges.last)
    #expect(try Self.post(port, last.request) == last.response)

    let health = try LoopbackHTTP.exchange(port: port, "GET", "/healthz")
    #expect(health.status == 200)
    let metrics = try LoopbackHTTP.exchange(port: port, "GET", "/metrics").text
    #expect(metrics.contains(#"flowc_payment_outcomes_total{outcome="success"} 2"#), "\(metrics)")
    #expect(metrics.contains(#"flowc_requests_total{type="LaunchRequest",result="answered"} 1"#))

    server.signal(SIGTERM)
    #expect(try server.waitForExit() == 0, "\(server.standardError)")
    #expect(server.standardError.contains("stopped"))
    #expect(!server.standardError.contains(RequestEnvelopes.shopper))

    guard storeKind == "sqlite" else { return }
    // The store was closed with every acknowledged turn in it: a new server on the same file
    // answers the redelivery from the store.
    let again = try ServedFlowc([Self.flow, "--store", store, "--insecure-no-verify"])
    #expect(try Self.post(again.port, last.request) == last.response)
    again.signal(SIGINT)
    #expect(try again.waitForExit() == 0)
  }

  @Test func bodyLimitMalformedAndUnknownRoutesOverHTTP() throws {
    let server = try ServedFlowc([Self.flow, "--store", "memory:", "--insecure-no-verify"])
    let huge = Data(repeating: UInt8(ascii: " "), count: 200 * 1024)
    let tooLarge = try LoopbackHTTP.exchange(port: server.port, "POST", "/", body: huge)
    #expect(tooLarge.status == 413)
    let malformed = try LoopbackHTTP.exchange(
      port: server.port, "POST", "/", body: Data("{\"version\":1}".utf8))
    #expect(malformed.status == 400)
    #expect(malformed.text.hasPrefix("malformed request envelope: "))
    #expect(try LoopbackHTTP.exchange(port: server.port, "GET", "/").status == 405)
    #expect(try LoopbackHTTP.exchange(port: server.port, "GET", "/nope").status == 404)
    server.signal(SIGTERM)
    #expect(try server.waitForExit() == 0)
  }

  @Test func sigtermDuringARequestFinishesItAndStopsAccepting() throws {
    let server = try ServedFlowc([Self.flow, "--store", "memory:", "--insecure-no-verify"])
    let body = try CanonicalJSON.compact(
      RequestEnvelopes.envelope(
        request: RequestEnvelopes.launch(), sessionNew: true,
        requestId: "amzn1.echo-api.request.serve-sigterm"))
    let request = LoopbackHTTP.requestBytes("POST", "/", body: body)
    let connection = try LoopbackConnection(port: server.port)
    // The request is in flight: its head and half its body have arrived.
    try connection.send(request.head + request.body.prefix(body.count / 2))
    Thread.sleep(forTimeInterval: 0.5)
    server.signal(SIGTERM)
    Thread.sleep(forTimeInterval: 0.5)
    // No new connections once shutting down.
    #expect(throws: LoopbackHTTPError.self) { try LoopbackConnection(port: server.port) }
    try connection.send(request.body.dropFirst(body.count / 2))
    let reply = try connection.readReply()
    #expect(reply.status == 200, "\(reply)\n\(server.standardError)")
    let envelope = try CanonicalJSON.decode(ResponseEnvelope.self, from: reply.body)
    #expect(envelope.response.outputSpeech?.content.hasPrefix("Welcome to No Nicks") == true)
    #expect(try server.waitForExit() == 0, "\(server.standardError)")
  }

  /// Whether the system trust store `flowc serve` reads by default is there.
  static let hasSystemTrustRoots = FileManager.default.isReadableFile(
    atPath: "/etc/ssl/certs/ca-certificates.crt")

  @Test(.enabled(if: hasSystemTrustRoots))
  func withoutTheInsecureFlagAnUnsignedRequestIs400AndCounted() throws {
    let server = try ServedFlowc([Self.flow, "--store", "memory:"])
    let body = try CanonicalJSON.compact(
      RequestEnvelopes.envelope(
        request: RequestEnvelopes.launch(), sessionNew: true,
        requestId: "amzn1.echo-api.request.serve-unsigned"))
    let reply = try LoopbackHTTP.exchange(port: server.port, "POST", "/", body: body)
    #expect(reply.status == 400, "\(reply)")
    #expect(reply.text == "request verification failed: certificate_url\n")
    let metrics = try LoopbackHTTP.exchange(port: server.port, "GET", "/metrics").text
    #expect(metrics.contains(#"flowc_verification_failures_total{rule="certificate_url"} 1"#))
    server.signal(SIGTERM)
    #expect(try server.waitForExit() == 0)
    #expect(server.standardError.contains("rule=certificate_url"), "\(server.standardError)")
    #expect(!server.standardError.contains("verification is OFF"))
  }

  @Test func unusableTrustRootsStopTheStart() throws {
    let run = try FlowcProcess.run(
      ["serve", Self.flow, "--store", "memory:", "--trust-roots", "examples/no-nicks.yaml"],
      timeout: 60)
    #expect(run.status == 1, "\(run)")
    #expect(run.stderr.contains("flowc: error: trust roots"), "\(run)")
  }

  @Test func insecureModeSaysSoLoudly() throws {
    let server = try ServedFlowc([
      Self.flow, "--store", "memory:", "--insecure-no-verify", "--skill-id", "amzn1.ask.skill.x",
    ])
    server.signal(SIGTERM)
    #expect(try server.waitForExit() == 0)
    let errors = server.standardError
    #expect(errors.contains("flowc: warning: request verification is OFF (--insecure-no-verify)"))
    #expect(
      errors.contains(
        "flowc: warning: --skill-id, --trust-roots and --cert-chain are not used with "
          + "--insecure-no-verify"))
    // And the log says it too.
    #expect(errors.contains("warning flowc.serve: [FlowServer] request verification is OFF"))
  }

  @Test func aTakenPortIsAClearError() throws {
    let server = try ServedFlowc([Self.flow, "--store", "memory:", "--insecure-no-verify"])
    let run = try FlowcProcess.run(
      [
        "serve", Self.flow, "--store", "memory:", "--insecure-no-verify", "--port",
        "\(server.port)",
      ],
      timeout: 60)
    #expect(run.status == 1, "\(run)")
    #expect(
      run.stderr.contains(
        "flowc: error: cannot listen on 127.0.0.1:\(server.port): Address already in use"),
      "\(run)")
    server.signal(SIGTERM)
    #expect(try server.waitForExit() == 0)
  }

  @Test(arguments: ["serve", "run"])
  func theHelpListsEveryStoreURL(command: String) throws {
    let run = try FlowcProcess.run([command, "--help"], timeout: 60)
    #expect(run.status == 0, "\(run)")
    let help = run.stdout.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
    #expect(
      help.contains("memory:, sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE"),
      "\(run.stdout)")
  }

  @Test func aPortOutOfRangeIsAUsageError() throws {
    let run = try FlowcProcess.run(["serve", Self.flow, "--port", "70000"], timeout: 60)
    #expect(run.status == 64, "\(run)")
    #expect(run.stderr.contains("--port must be between 0 and 65535"))
  }
}
