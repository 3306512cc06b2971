import FlowIR
import FlowRuntime
import FlowStoreSQL
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// The engine on the SQLite store, with the store closed and opened again around every turn —
/// as when each request is a separate `flowc run --store sqlite:PATH` process.
@Suite struct SQLFlowStoreEngineTests {
  /// Opens the file, points the conversation at a fresh engine on it, runs one turn, closes.
  static func turn(
    _ customer: inout ConversationSession, path: String,
    _ body: (inout ConversationSession) async throws -> ResponseEnvelope
  ) async throws -> ResponseEnvelope {
    let store = try await SQLFlowStore.open(sqlitePath: path)
    customer.engine = FlowEngine(program: NoNicksProgram.program(), store: store)
    do {
      let response = try await body(&customer)
      try await store.close()
      return response
    } catch {
      try? await store.close()
      throw error
    }
  }

  @Test func setupAndChargeSurviveARestartBetweenEveryTurn() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path("shop.sqlite")
    let bootstrap = try await SQLFlowStore.open(sqlitePath: path)
    var customer = ConversationSession(
      engine: FlowEngine(program: NoNicksProgram.program(), store: bootstrap),
      name: "sqlite-restarts")
    try await bootstrap.close()

    _ = try await Self.turn(&customer, path: path) { try await $0.launch() }
    _ = try await Self.turn(&customer, path: path) {
      try await $0.intent(
        "BuyIntent",
        slots: ["product": AlexaSlot("razor kit", id: "starter_kit"), "quantity": AlexaSlot("2")])
    }
    let setup = try #require(
      try await Self.turn(&customer, path: path) { try await $0.intent("AMAZON.YesIntent") }
        .sendRequest)
    let checkout = try await Self.turn(&customer, path: path) {
      try await $0.connectionsResponse(
        "Setup", token: setup.token, payload: RequestEnvelopes.setupSuccessPayload,
        requestId: "setup-answer")
    }
    #expect(checkout.speech?.contains("410 Terry Ave N") == true)

    // Alexa delivers the Setup answer again: same bytes back, nothing new written.
    let replay = try await Self.turn(&customer, path: path) {
      try await $0.connectionsResponse(
        "Setup", token: setup.token, payload: RequestEnvelopes.setupSuccessPayload,
        requestId: "setup-answer")
    }
    #expect(replay == checkout)

    // The replay started a new session in the conversation helper; carry on from checkout.
    customer.attributes = checkout.sessionAttributes
    customer.sessionNew = false
    let charge = try #require(
      try await Self.turn(&customer, path: path) { try await $0.intent("AMAZON.YesIntent") }
        .sendRequest)
    #expect(charge.name == "Charge")
    _ = try await Self.turn(&customer, path: path) {
      try await $0.connectionsResponse(
        "Charge", token: charge.token,
        payload: RequestEnvelopes.chargePayload(state: "Closed", reasonCode: "MaxCapturesProcessed")
      )
    }

    let store = try await SQLFlowStore.open(sqlitePath: path)
    let orders = try await store.orders(userId: RequestEnvelopes.shopper)
    #expect(orders.count == 1)
    #expect(orders.first?.state == .captured)
    #expect(orders.first?.amount == Money(minorUnits: 1800, currency: "USD"))
    #expect(orders.first?.billingAgreementId == "C01-1234567-7654321")
    #expect(
      try await store.openAgreement(userId: RequestEnvelopes.shopper)?.billingAgreementId
        == "C01-1234567-7654321")
    #expect(try await store.continuation(token: setup.token) == nil)
    #expect(try await store.continuation(token: charge.token) == nil)
    try await store.close()
  }
}
