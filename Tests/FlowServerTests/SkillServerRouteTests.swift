import FlowIR
import FlowRuntime
import FlowServer
import FlowTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The routes of `flowc serve`, driven in memory through HummingbirdTesting's router client.
@Suite struct SkillServerRouteTests {
  static let launchJSON = try! CanonicalJSON.compact(
    RequestEnvelopes.envelope(
      request: RequestEnvelopes.launch(), sessionNew: true,
      requestId: "amzn1.echo-api.request.route-launch"))

  static func post(_ client: some TestClientProtocol, _ body: Data, headers: HTTPFields = [:])
    async throws -> TestResponse
  {
    try await client.execute(
      uri: SkillServerRoute.skill, method: .post, headers: headers, body: ByteBuffer(bytes: body))
  }

  static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

  @Test func aLaunchIsAnsweredWithTheResponseEnvelopeAsJSON() async throws {
    let fixture = ServerFixture()
    try await fixture.server.application().test(.router) { client in
      let response = try await Self.post(client, Self.launchJSON)
      #expect(response.status == .ok)
      #expect(response.headers[.contentType] == "application/json")
      let envelope = try CanonicalJSON.decode(
        ResponseEnvelope.self, from: Data(buffer: response.body))
      #expect(envelope.response.outputSpeech?.content.contains("Welcome to No Nicks") == true)
      #expect(envelope.response.shouldEndSession == false)
    }
  }

  @Test func aReplayedRequestIsAnsweredByteForByteAndStoredOnce() async throws {
    let fixture = ServerFixture()
    try await fixture.server.application().test(.router) { client in
      let first = try await Self.post(client, Self.launchJSON)
      let second = try await Self.post(client, Self.launchJSON)
      #expect(first.status == .ok)
      #expect(second.status == .ok)
      #expect(Data(buffer: first.body) == Data(buffer: second.body))
    }
    let stored = try await fixture.store.processedRequest(
      userId: RequestEnvelopes.shopper, requestId: "amzn1.echo-api.request.route-launch")
    #expect(stored != nil)
  }

  @Test func aWholePaymentConversationOverTheRouter() async throws {
    let fixture = ServerFixture()
    let responses = try await fixture.server.application().test(.router) { client in
      var customer = RemoteCustomer(name: "route-buy") { data in
        let response = try await Self.post(client, data)
        guard response.status == .ok else { throw HTTPError(response.status) }
        return Data(buffer: response.body)
      }
      return try await customer.buyNoNicksStarterKit()
    }
    #expect(responses.last?.response.outputSpeech?.content.contains("Your order is placed") == true)
    let orders = try await fixture.store.orders(userId: RequestEnvelopes.shopper)
    #expect(orders.map(\.state) == [.captured])
    let metrics = String(decoding: fixture.server.metrics.exposition(), as: UTF8.self)
    #expect(metrics.contains(#"flowc_payment_outcomes_total{outcome="success"} 2"#), "\(metrics)")
    #expect(
      metrics.contains(#"flowc_requests_total{type="Connections.Response",result="answered"} 2"#))
    #expect(metrics.contains(#"flowc_requests_total{type="IntentRequest",result="answered"} 3"#))
  }

  @Test func aBodyOverTheLimitIs413AndStoresNothing() async throws {
    let fixture = ServerFixture(
      configuration: SkillServerConfiguration(port: 0, maximumRequestSize: 512))
    #expect(Self.launchJSON.count > 512)
    try await fixture.server.application().test(.router) { client in
      let response = try await Self.post(client, Self.launchJSON)
      #expect(response.status == .contentTooLarge)
      #expect(Self.text(response).contains("larger than 512 bytes"))
    }
    let stored = try await fixture.store.processedRequest(
      userId: RequestEnvelopes.shopper, requestId: "amzn1.echo-api.request.route-launch")
    #expect(stored == nil)
    let metrics = String(decoding: fixture.server.metrics.exposition(), as: UTF8.self)
    #expect(metrics.contains(#"flowc_requests_total{type="unknown",result="too_large"} 1"#))
  }

  @Test(arguments: [
    ("", "the input is empty"),
    ("{not json", "the input is not valid JSON"),
    (#"{"version":"1.0"}"#, "missing field 'request'"),
  ])
  func aMalformedEnvelopeIs400WithAClearMessage(body: String, message: String) async throws {
    let fixture = ServerFixture()
    try await fixture.server.application().test(.router) { client in
      let response = try await Self.post(client, Data(body.utf8))
      #expect(response.status == .badRequest)
      #expect(Self.text(response) == "malformed request envelope: \(message)\n")
    }
    let metrics = String(decoding: fixture.server.metrics.exposition(), as: UTF8.self)
    #expect(metrics.contains(#"flowc_requests_total{type="unknown",result="malformed"} 1"#))
  }

  @Test func aRequestThatFailsVerificationIs400LoggedCountedAndChangesNothing() async throws {
    let fixture = ServerFixture(verifier: RefusingVerifier(rule: .timestamp))
    try await fixture.server.application().test(.router) { client in
      let response = try await Self.post(client, Self.launchJSON)
      #expect(response.status == .badRequest)
      #expect(Self.text(response) == "request verification failed: timestamp\n")
    }
    // Nothing reached the engine: no answer stored, not even the session key.
    let stored = try await fixture.store.processedRequest(
      userId: RequestEnvelopes.shopper, requestId: "amzn1.echo-api.request.route-launch")
    #expect(stored == nil)
    let refusal = fixture.logs.entries.first { $0.metadata["rule"] != nil }
    #expect(refusal?.metadata["rule"] == "timestamp")
    #expect(refusal?.level == .warning)
    let metrics = String(decoding: fixture.server.metrics.exposition(), as: UTF8.self)
    #expect(metrics.contains(#"flowc_verification_failures_total{rule="timestamp"} 1"#))
    #expect(metrics.contains(#"flowc_verification_failures_total{rule="signature"} 0"#))
    #expect(metrics.contains(#"flowc_requests_total{type="unknown",result="unverified"} 1"#))
  }

  @Test func theVerifierSeesAlexasHeadersAndTheExactBody() async throws {
    let verifier = HeaderCheckingVerifier()
    let fixture = ServerFixture(verifier: verifier)
    let chain = "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
    try await fixture.server.application().test(.router) { client in
      let refused = try await Self.post(
        client, Self.launchJSON,
        headers: [
          HTTPField.Name("SignatureCertChainUrl")!: chain, HTTPField.Name("Signature-256")!: "bad",
        ])
      #expect(refused.status == .badRequest)
      let accepted = try await Self.post(
        client, Self.launchJSON,
        headers: [
          HTTPField.Name("SignatureCertChainUrl")!: chain, HTTPField.Name("Signature-256")!: "good",
        ])
      #expect(accepted.status == .ok)
    }
    let seen = verifier.seen.withLock { $0 }
    #expect(seen.map(\.signatureCertChainURL) == [chain, chain])
    #expect(seen.map(\.signature256) == ["bad", "good"])
    #expect(seen.allSatisfy { $0.body == [UInt8](Self.launchJSON) })
  }

  @Test func healthIs200WhileTheStoreAnswers() async throws {
    let fixture = ServerFixture()
    try await fixture.server.application().test(.router) { client in
      let response = try await client.execute(uri: SkillServerRoute.health, method: .get)
      #expect(response.status == .ok)
      #expect(Self.text(response) == "ok\n")
    }
  }

  @Test(arguments: [false, true])
  func healthIs503WhenTheStoreFailsOrHangs(hangs: Bool) async throws {
    let fixture = ServerFixture(
      store: UnavailableStore(hangs: hangs),
      configuration: SkillServerConfiguration(port: 0, healthCheckTimeout: .milliseconds(200)))
    try await fixture.server.application().test(.router) { client in
      let started = ContinuousClock.now
      let response = try await client.execute(uri: SkillServerRoute.health, method: .get)
      #expect(response.status == .serviceUnavailable)
      // The hanging store sleeps an hour: the answer came from the timeout, not the store (the
      // bound is loose because the whole suite runs in parallel on a busy machine).
      #expect(ContinuousClock.now - started < .seconds(600))
    }
  }

  @Test func aStoreFailureDuringATurnIs500WithoutDetails() async throws {
    let fixture = ServerFixture(store: UnavailableStore())
    try await fixture.server.application().test(.router) { client in
      let response = try await Self.post(client, Self.launchJSON)
      #expect(response.status == .internalServerError)
      #expect(!Self.text(response).contains("database"))
    }
    #expect(fixture.logs.entries.contains { $0.level == .error })
  }

  @Test func metricsArePrometheusText() async throws {
    let fixture = ServerFixture()
    try await fixture.server.application().test(.router) { client in
      _ = try await Self.post(client, Self.launchJSON)
      let response = try await client.execute(uri: SkillServerRoute.metrics, method: .get)
      #expect(response.status == .ok)
      #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
      let text = Self.text(response)
      #expect(text.contains("# TYPE flowc_requests_total counter"))
      #expect(text.contains(#"flowc_requests_total{type="LaunchRequest",result="answered"} 1"#))
      #expect(text.contains("# TYPE flowc_request_duration_seconds histogram"))
      #expect(text.contains(#"flowc_request_duration_seconds_count{type="LaunchRequest"} 1"#))
      for outcome in PaymentOutcome.allCases {
        #expect(text.contains(#"flowc_payment_outcomes_total{outcome="\#(outcome.rawValue)"} 0"#))
      }
      for rule in VerificationRule.allCases {
        #expect(text.contains(#"flowc_verification_failures_total{rule="\#(rule.rawValue)"} 0"#))
      }
    }
  }

  @Test(arguments: [
    (
      HTTPRequest.Method.get, SkillServerRoute.skill, HTTPResponse.Status.methodNotAllowed,
      String?("POST")
    ),
    (.put, SkillServerRoute.skill, .methodNotAllowed, "POST"),
    (.post, SkillServerRoute.health, .methodNotAllowed, "GET"),
    (.delete, SkillServerRoute.metrics, .methodNotAllowed, "GET"),
    (.post, "/skill", .notFound, nil),
    (.get, "/healthz/x", .notFound, nil),
  ])
  func otherMethodsAre405AndOtherPaths404(
    method: HTTPRequest.Method, path: String, status: HTTPResponse.Status, allow: String?
  ) async throws {
    let fixture = ServerFixture()
    try await fixture.server.application().test(.router) { client in
      let response = try await client.execute(uri: path, method: method)
      #expect(response.status == status)
      #expect(response.headers[.allow] == allow)
    }
  }

  @Test func logLinesCarryRequestIdsButNoCustomerData() async throws {
    let fixture = ServerFixture()
    try await fixture.server.application().test(.router) { client in
      var customer = RemoteCustomer(name: "route-logs") { data in
        Data(buffer: try await Self.post(client, data).body)
      }
      _ = try await customer.buyNoNicksStarterKit()
    }
    let answered = fixture.logs.entries.filter { $0.message == "answered" }
    #expect(answered.count == 6)
    #expect(answered.allSatisfy { $0.metadata["hb.request.id"] != nil })
    #expect(
      answered.first?.metadata["alexa.request_id"] == "amzn1.echo-api.request.route-logs-1")
    #expect(answered.compactMap { $0.metadata["payment_outcome"] } == ["success", "success"])
    #expect(answered.compactMap { $0.metadata["state"] }.first == "welcome")
    let everything = fixture.logs.entries.map { "\($0.message) \($0.metadata)" }.joined()
    for secret in [RequestEnvelopes.shopper, "410 Terry Ave", "Pat Doe", "Seattle", "2065550100"] {
      #expect(!everything.contains(secret), "the log shows '\(secret)'")
    }
  }

  @Test(arguments: [
    ("0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef"),
    ("abc\" forged=1", nil),
    ("abc\u{0085}forged", nil),
    (String(repeating: "a", count: 129), nil),
  ])
  func theProxysRequestIdIsLoggedWhenItIsAPlainIdentifier(header: String, logged: String?)
    async throws
  {
    let fixture = ServerFixture()
    let proxyRequestId = HTTPField.Name("X-Request-Id")!
    try await fixture.server.application().test(.router) { client in
      let response = try await Self.post(client, Self.launchJSON, headers: [proxyRequestId: header])
      #expect(response.status == .ok)
      let health = try await client.execute(
        uri: SkillServerRoute.health, method: .get, headers: [proxyRequestId: header])
      #expect(health.status == .ok)
    }
    let answered = try #require(fixture.logs.entries.first { $0.message == "answered" })
    #expect(answered.metadata["proxy.request_id"] == logged.map { .string($0) })
    #expect(answered.metadata["alexa.request_id"] == "amzn1.echo-api.request.route-launch")
  }

  @Test func aHostileRequestIdIsNotLogged() async throws {
    let fixture = ServerFixture()
    let hostile = try CanonicalJSON.compact(
      RequestEnvelopes.envelope(
        request: RequestEnvelopes.launch(), sessionNew: true,
        requestId: "amzn1.echo-api.request.x\nforged log line"))
    try await fixture.server.application().test(.router) { client in
      let response = try await Self.post(client, hostile)
      #expect(response.status == .ok)
    }
    let answered = fixture.logs.entries.first { $0.message == "answered" }
    #expect(answered != nil)
    #expect(answered?.metadata["alexa.request_id"] == nil)
  }
}
