import FlowIR
import FlowRuntime
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// Tokens of Connections directives: unknown, expired, foreign and reused tokens, and repeated
/// deliveries of the same request.
@Suite struct EngineTokenTests {
  static let notFound =
    "Sorry, I could not find that payment request. Nothing more will happen with it. Please "
    + "open the skill again to start over."

  /// Launch → Yes → Yes: returns the conversation and the Setup token.
  static func reachSetup(_ engine: FlowEngine, name: String) async throws -> (
    ConversationSession, String
  ) {
    var customer = ConversationSession(engine: engine, name: name)
    _ = try await customer.launch()
    _ = try await customer.intent("AMAZON.YesIntent")
    let setup = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    return (customer, setup.token)
  }

  @Test func unknownTokenGetsAPoliteErrorAndNoStateChange() async throws {
    let store = MemoryFlowStore()
    var (customer, token) = try await Self.reachSetup(
      makeEngine(store: store), name: "unknown-token")
    let unknown = try await customer.connectionsResponse(
      "Setup", token: "not-a-token", payload: RequestEnvelopes.setupSuccessPayload)
    #expect(unknown.speech == Self.notFound)
    #expect(unknown.response.shouldEndSession == true)
    #expect(unknown.sessionAttributes == nil)
    #expect(try await store.openAgreement(userId: RequestEnvelopes.shopper) == nil)
    // The real token still works.
    let checkout = try await customer.connectionsResponse(
      "Setup", token: token, payload: RequestEnvelopes.setupSuccessPayload)
    #expect(checkout.speech?.hasPrefix("Your total is $9.00") == true)
  }

  @Test func expiredTokenIsRefused() async throws {
    let clock = ManualClock()
    var (customer, token) = try await Self.reachSetup(
      makeEngine(clock: clock), name: "expired-token")
    clock.advance(by: FlowEngine.defaultContinuationLifetime + 1)
    let expired = try await customer.connectionsResponse(
      "Setup", token: token, payload: RequestEnvelopes.setupSuccessPayload)
    #expect(expired.speech == Self.notFound)
  }

  @Test func anotherCustomersTokenIsRefusedAndTheOwnersStillWorks() async throws {
    let store = MemoryFlowStore()
    var (owner, token) = try await Self.reachSetup(makeEngine(store: store), name: "foreign-token")
    var stranger = ConversationSession(engine: owner.engine, name: "foreign-token-stranger")
    stranger.userId = RequestEnvelopes.otherShopper
    let refused = try await stranger.connectionsResponse(
      "Setup", token: token, payload: RequestEnvelopes.setupSuccessPayload)
    #expect(refused.speech == Self.notFound)
    #expect(try await store.openAgreement(userId: RequestEnvelopes.otherShopper) == nil)

    let checkout = try await owner.connectionsResponse(
      "Setup", token: token, payload: RequestEnvelopes.setupSuccessPayload)
    #expect(checkout.speech?.hasPrefix("Your total is $9.00") == true)
  }

  @Test func aTokenIsConsumedOnce() async throws {
    var (customer, token) = try await Self.reachSetup(makeEngine(), name: "token-reuse")
    _ = try await customer.connectionsResponse(
      "Setup", token: token, payload: RequestEnvelopes.setupSuccessPayload)
    let again = try await customer.connectionsResponse(
      "Setup", token: token, payload: RequestEnvelopes.setupSuccessPayload)
    #expect(again.speech == Self.notFound)
  }

  @Test func theSameRequestDeliveredTwiceGetsTheSameResponseAndOneOrder() async throws {
    let store = MemoryFlowStore()
    var (customer, token) = try await EngineConversationTests.reachCharge(
      makeEngine(store: store), name: "redelivery")
    let payload = RequestEnvelopes.chargePayload(
      state: "Closed", reasonCode: "MaxCapturesProcessed", amount: "9.00")
    let first = try await customer.connectionsResponse(
      "Charge", token: token, payload: payload, requestId: "amzn1.echo-api.request.same")
    let second = try await customer.connectionsResponse(
      "Charge", token: token, payload: payload, requestId: "amzn1.echo-api.request.same")
    #expect(first == second)
    #expect(first.speech?.hasPrefix("Your order is placed.") == true)
    #expect(try await store.orders(userId: RequestEnvelopes.shopper).count == 1)
  }

  @Test func aRedeliveredSetupDirectiveRequestSendsTheSameTokenAndStoresOneContinuation()
    async throws
  {
    let store = MemoryFlowStore()
    let engine = makeEngine(store: store)
    var customer = ConversationSession(engine: engine, name: "redelivery-setup")
    _ = try await customer.launch()
    _ = try await customer.intent("AMAZON.YesIntent")
    let saved = customer
    let first = try await customer.send(
      RequestEnvelopes.intent("AMAZON.YesIntent"), requestId: "amzn1.echo-api.request.yes-twice")
    customer = saved
    let second = try await customer.send(
      RequestEnvelopes.intent("AMAZON.YesIntent"), requestId: "amzn1.echo-api.request.yes-twice")
    #expect(first == second)
    #expect(try await store.orders(userId: RequestEnvelopes.shopper).count == 1)
    // Byte for byte, through the JSON entry point too.
    let stored = try await store.processedRequest(
      userId: RequestEnvelopes.shopper, requestId: "amzn1.echo-api.request.yes-twice")
    #expect(stored?.response == (try FlowEngine.encode(first)))
  }

  @Test func concurrentDeliveriesOfOneRequestCommitOnce() async throws {
    let store = MemoryFlowStore()
    let (_, token) = try await EngineConversationTests.reachCharge(
      makeEngine(store: store), name: "concurrent")
    let engine = makeEngine(store: store, seed: 99)
    let envelope = RequestEnvelopes.envelope(
      request: RequestEnvelopes.connectionsResponse(
        name: "Charge", code: "200", message: "OK", token: token,
        payload: RequestEnvelopes.chargePayload(
          state: "Closed", reasonCode: "MaxCapturesProcessed", amount: "9.00")
      ),
      sessionNew: true, requestId: "amzn1.echo-api.request.concurrent")
    let json = try CanonicalJSON.compact(envelope)
    async let first = engine.handle(requestJSON: json)
    async let second = engine.handle(requestJSON: json)
    let (a, b) = try await (first, second)
    #expect(a == b)
    let orders = try await store.orders(userId: RequestEnvelopes.shopper)
    #expect(orders.count == 1)
    #expect(orders.first?.state == .captured)
  }
}
