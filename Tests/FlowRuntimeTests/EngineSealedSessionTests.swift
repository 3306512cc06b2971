import FlowIR
import FlowRuntime
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// Session attributes come back from the device side: the runtime seals them and refuses any
/// it did not seal for this customer, session and flow; money-relevant values are checked
/// against the flow and the store even when the seal is good.
@Suite struct EngineSealedSessionTests {
  static let welcome = "Welcome to No Nicks. Would you like to buy a starter kit for $9.00?"

  /// The customer's state at `checkout` (after a Setup success), as the response sealed it.
  static func atCheckout(_ engine: FlowEngine, name: String) async throws -> ConversationSession {
    var (customer, token) = try await EngineTokenTests.reachSetup(engine, name: name)
    _ = try await customer.connectionsResponse(
      "Setup", token: token, payload: RequestEnvelopes.setupSuccessPayload)
    #expect(customer.attributes?["flowc"]?["state"] == .string("checkout"))
    return customer
  }

  /// The `flowc` attribute with one variable replaced, the seal kept.
  static func replacing(
    _ variable: VariablePath, with value: JSONValue, in attributes: [String: JSONValue]?
  ) -> [String: JSONValue] {
    guard case .object(var flowc)? = attributes?["flowc"],
      case .object(var variables)? = flowc["variables"]
    else { return [:] }
    variables[variable.rawValue] = value
    flowc["variables"] = .object(variables)
    return ["flowc": .object(flowc)]
  }

  @Test func attributesCarryASeal() async throws {
    var customer = ConversationSession(engine: makeEngine(), name: "sealed-launch")
    let welcome = try await customer.launch()
    let seal = try #require(welcome.sessionAttributes?["flowc"]?["seal"]?.stringValue)
    #expect(Data(base64Encoded: seal)?.count == 32)
  }

  @Test func unsealedForgedAttributesAreRefusedAndNothingIsCharged() async throws {
    let store = MemoryFlowStore()
    let log = NoticeLog()
    let engine = makeEngine(store: store, log: log)
    // The shopper of the reference envelopes owns an open agreement.
    _ = try await Self.atCheckout(engine, name: "forged-victim")
    var forger = ConversationSession(engine: engine, name: "forged-forger")
    forger.userId = RequestEnvelopes.otherShopper
    _ = try await forger.launch()
    forger.attributes = [
      "flowc": .object([
        "flow_hash": .string("sha256:nonicks-test"), "locale": .string("en-US"),
        "state": .string("checkout"),
        "variables": .object([
          "agreement.id": .object(["string": .string("C01-1234567-7654321")]),
          "agreement.open": .object(["bool": .bool(true)]),
          "product": .object(["product": .string("starter_kit")]),
          "quantity": .object(["int": .number(2)]),
        ]),
      ])
    ]
    let answer = try await forger.intent("AMAZON.YesIntent")
    #expect(answer.sendRequest == nil)
    #expect(answer.speech == Self.welcome)
    #expect(forger.lastTrace.notices == [.sessionRefused(.unsealed)])
    #expect(
      log.lines.contains {
        $0.hasPrefix("refused session attributes: the session attributes carry no seal")
      })
    #expect(try await store.orders(userId: RequestEnvelopes.otherShopper).isEmpty)
  }

  @Test func changedVariablesBreakTheSeal() async throws {
    let store = MemoryFlowStore()
    var customer = try await Self.atCheckout(makeEngine(store: store), name: "tampered-quantity")
    customer.attributes = Self.replacing(
      .quantity, with: .object(["int": .number(100)]), in: customer.attributes)
    let answer = try await customer.intent("AMAZON.YesIntent")
    #expect(answer.sendRequest == nil)
    #expect(customer.lastTrace.notices == [.sessionRefused(.tampered)])
    let orders = try await store.orders(userId: RequestEnvelopes.shopper)
    #expect(orders.map(\.quantity) == [1])
    #expect(orders.map(\.state) == [.pending])
  }

  @Test func anotherCustomersSealedAttributesAreRefused() async throws {
    let engine = makeEngine()
    let victim = try await Self.atCheckout(engine, name: "foreign-victim")
    var forger = ConversationSession(engine: engine, name: "foreign-forger")
    forger.userId = RequestEnvelopes.otherShopper
    _ = try await forger.launch()
    forger.attributes = victim.attributes
    let answer = try await forger.intent("AMAZON.YesIntent")
    #expect(answer.sendRequest == nil)
    #expect(forger.lastTrace.notices == [.sessionRefused(.tampered)])
  }

  @Test func attributesOfAnotherSessionAreRefused() async throws {
    var customer = try await Self.atCheckout(makeEngine(), name: "other-session")
    customer.sessionId = "amzn1.echo-api.session.22222222-2222-2222-2222-222222222222"
    let answer = try await customer.intent("AMAZON.YesIntent")
    #expect(answer.sendRequest == nil)
    #expect(customer.lastTrace.notices == [.sessionRefused(.tampered)])
  }

  @Test func attributesSealedByAnotherStoreAreRefused() async throws {
    var customer = try await Self.atCheckout(makeEngine(), name: "other-store")
    customer.engine = makeEngine(store: MemoryFlowStore())
    let answer = try await customer.intent("AMAZON.YesIntent")
    #expect(answer.sendRequest == nil)
    #expect(customer.lastTrace.notices == [.sessionRefused(.tampered)])
  }

  @Test func attributesOfAnotherFlowAreRefused() async throws {
    let store = MemoryFlowStore()
    var customer = try await Self.atCheckout(makeEngine(store: store), name: "other-flow")
    customer.engine = makeEngine(
      program: NoNicksProgram.program(flowHash: "sha256:other"), store: store)
    let answer = try await customer.intent("AMAZON.YesIntent")
    #expect(answer.sendRequest == nil)
    #expect(answer.speech == Self.welcome)
    #expect(customer.lastTrace.notices == [.sessionRefused(.unknownFlow)])
  }

  // MARK: - Checks that hold even with a good seal

  /// Seals `variables` at `state` for the shopper's session with the store's own key, as a
  /// bug or an insider with the key could.
  static func sealed(
    _ store: MemoryFlowStore, state: String, variables: [String: VariableValue]
  ) async throws -> [String: JSONValue] {
    try SessionSeal(key: try await store.sessionKey()).attributes(
      for: SessionState(
        flowHash: "sha256:nonicks-test", state: state, locale: "en-US", variables: variables),
      userId: RequestEnvelopes.shopper, sessionId: RequestEnvelopes.sessionId)
  }

  static func refusedPayment(
    state: String, variables: [String: VariableValue], store: MemoryFlowStore = MemoryFlowStore()
  ) async throws -> (ResponseEnvelope, TurnTrace) {
    var customer = ConversationSession(engine: makeEngine(store: store), name: "checked-\(state)")
    _ = try await customer.launch()
    customer.attributes = try await sealed(store, state: state, variables: variables)
    let answer = try await customer.intent("AMAZON.YesIntent")
    #expect(answer.sendRequest == nil)
    #expect(answer.speech?.hasPrefix("Sorry") == true)
    #expect(try await store.orders(userId: RequestEnvelopes.shopper).isEmpty)
    return (answer, customer.lastTrace)
  }

  @Test func aQuantityAboveTheLanguageCapIsNotSent() async throws {
    let (_, trace) = try await Self.refusedPayment(
      state: "confirm_order",
      variables: ["product": .product("starter_kit"), "quantity": .int(100)])
    #expect(trace.notices == [.paymentRefused(.invalidQuantity)])
    #expect(trace.variables["payment.error"] == .string("InvalidQuantity"))
  }

  @Test func anUnknownProductIsNotSent() async throws {
    let (_, trace) = try await Self.refusedPayment(
      state: "confirm_order", variables: ["product": .product("gold_bar"), "quantity": .int(1)])
    #expect(trace.notices == [.paymentRefused(.unknownProduct)])
  }

  @Test func anotherCustomersAgreementIsNotCharged() async throws {
    let store = MemoryFlowStore()
    try await store.commit(
      TurnWrites(agreements: [
        AgreementRecord(
          userId: RequestEnvelopes.otherShopper, billingAgreementId: "C01-VICTIM", status: .open,
          createdAt: Date(), updatedAt: Date())
      ]))
    let (_, trace) = try await Self.refusedPayment(
      state: "checkout",
      variables: [
        "product": .product("starter_kit"), "quantity": .int(1),
        "agreement.id": .string("C01-VICTIM"), "agreement.open": .bool(true),
      ], store: store)
    #expect(trace.notices == [.paymentRefused(.foreignAgreement)])
  }

  @Test func anotherCustomersOrderIsNeverTouched() async throws {
    let store = MemoryFlowStore()
    let victimOrder = OrderRecord(
      id: "VICTIMORDER00001", userId: RequestEnvelopes.otherShopper, productId: "starter_kit",
      quantity: 2, amount: Money(minorUnits: 1800, currency: "USD"),
      authorizationReferenceId: nil, amazonAuthorizationId: "S01-1", billingAgreementId: "C01-V",
      state: .captured, createdAt: Date(), updatedAt: Date())
    try await store.commit(TurnWrites(orders: [victimOrder]))
    let (_, trace) = try await Self.refusedPayment(
      state: "confirm_order",
      variables: [
        "product": .product("starter_kit"), "quantity": .int(1),
        "order.id": .string("VICTIMORDER00001"),
      ], store: store)
    #expect(trace.notices == [.paymentRefused(.foreignOrder)])
    #expect(try await store.order(id: "VICTIMORDER00001") == victimOrder)
  }

  @Test func aSecondPaymentAfterACaptureIsANewOrder() async throws {
    let store = MemoryFlowStore()
    let captured = OrderRecord(
      id: "PAIDORDER0000001", userId: RequestEnvelopes.shopper, productId: "starter_kit",
      quantity: 2, amount: Money(minorUnits: 1800, currency: "USD"),
      authorizationReferenceId: nil, amazonAuthorizationId: "S01-1", billingAgreementId: nil,
      state: .captured, createdAt: Date(), updatedAt: Date())
    try await store.commit(TurnWrites(orders: [captured]))
    var customer = ConversationSession(engine: makeEngine(store: store), name: "after-capture")
    _ = try await customer.launch()
    customer.attributes = try await Self.sealed(
      store, state: "confirm_order",
      variables: [
        "product": .product("starter_kit"), "quantity": .int(1),
        "order.id": .string("PAIDORDER0000001"),
      ])
    let setup = try await customer.intent("AMAZON.YesIntent")
    #expect(setup.sendRequest?.name == "Setup")
    #expect(try await store.order(id: "PAIDORDER0000001") == captured)
    let orders = try await store.orders(userId: RequestEnvelopes.shopper)
    #expect(orders.count == 2)
    #expect(orders.first { $0.id != captured.id }?.state == .pending)
  }
}
