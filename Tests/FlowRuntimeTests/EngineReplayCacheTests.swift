import FlowIR
import FlowRuntime
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// The answered-request cache replays a response only to the customer who got it, and only
/// for ``FlowEngine/defaultReplayRetention``.
@Suite struct EngineReplayCacheTests {
  static let welcome = "Welcome to No Nicks. Would you like to buy a starter kit for $9.00?"

  @Test func anotherCustomerWithAKnownRequestIdGetsItsOwnAnswer() async throws {
    let engine = makeEngine()
    var (victim, token) = try await EngineTokenTests.reachSetup(engine, name: "replay-victim")
    let checkout = try await victim.connectionsResponse(
      "Setup", token: token, payload: RequestEnvelopes.setupSuccessPayload,
      requestId: "amzn1.echo-api.request.known")
    #expect(checkout.speech?.contains("410 Terry Ave N") == true)

    var other = ConversationSession(engine: engine, name: "replay-other")
    other.userId = RequestEnvelopes.otherShopper
    let answer = try await other.send(
      AlexaEnvelopes.launchRequest(), requestId: "amzn1.echo-api.request.known")
    #expect(answer.speech == Self.welcome)
    #expect(answer != checkout)
    // The victim's redelivery still gets the victim's answer.
    let again = try await victim.send(
      AlexaEnvelopes.connectionsResponse(
        name: "Setup", code: "200", message: "OK", token: token,
        payload: RequestEnvelopes.setupSuccessPayload),
      requestId: "amzn1.echo-api.request.known")
    #expect(again == checkout)
  }

  @Test func storedAnswersExpireAfterTheRetention() async throws {
    let store = MemoryFlowStore()
    let clock = ManualClock()
    let engine = makeEngine(store: store, clock: clock)
    var customer = ConversationSession(engine: engine, name: "replay-expiry")
    let first = try await customer.send(
      AlexaEnvelopes.launchRequest(), requestId: "amzn1.echo-api.request.launch")
    clock.advance(by: FlowEngine.defaultReplayRetention - 1)
    #expect(
      try await customer.send(
        AlexaEnvelopes.launchRequest(), requestId: "amzn1.echo-api.request.launch") == first)
    #expect(customer.lastTrace == TurnTrace())
    clock.advance(by: 2)
    // Past the retention the request is a new one: it runs again (a trace), and the old
    // answer is pruned by the write.
    _ = try await customer.send(
      AlexaEnvelopes.launchRequest(), requestId: "amzn1.echo-api.request.launch")
    #expect(customer.lastTrace.statesEntered == ["welcome"])
    #expect(await store.processedRequestCount == 1)
  }

  @Test func writesPruneAnswersOlderThanTheRetention() async throws {
    let store = MemoryFlowStore()
    let clock = ManualClock()
    var customer = ConversationSession(
      engine: makeEngine(store: store, clock: clock), name: "replay-prune")
    for _ in 0..<5 { _ = try await customer.launch() }
    #expect(await store.processedRequestCount == 5)
    clock.advance(by: FlowEngine.defaultReplayRetention + 1)
    _ = try await customer.launch()
    #expect(await store.processedRequestCount == 1)
  }

  @Test func aHugeRequestIdIsKeptUnderAFixedLengthKey() async throws {
    let store = MemoryFlowStore()
    var customer = ConversationSession(engine: makeEngine(store: store), name: "replay-huge")
    let huge = String(repeating: "r", count: 100_000)
    let first = try await customer.send(AlexaEnvelopes.launchRequest(), requestId: huge)
    #expect(try await customer.send(AlexaEnvelopes.launchRequest(), requestId: huge) == first)
    #expect(ProcessedRequest.key(userId: RequestEnvelopes.shopper, requestId: huge).count == 71)
  }

  /// Stores written by earlier versions keep their keys: the digest's hex text is unchanged
  /// (the expected value is Python's `hashlib.sha256(b'["amzn1.ask.account.A",…]').hexdigest()`).
  @Test func theKeyOfAnAnsweredRequestIsTheHexSHA256OfItsIds() {
    #expect(
      ProcessedRequest.key(userId: "amzn1.ask.account.A", requestId: "amzn1.echo-api.request.1")
        == "sha256:5efdbd3b6c130e04725aa8459b567cc13d731917cbc50726be12791fbef7e0c9")
    #expect(Hexadecimal.lowercase([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    #expect(Hexadecimal.lowercase([]) == "")
  }
}
