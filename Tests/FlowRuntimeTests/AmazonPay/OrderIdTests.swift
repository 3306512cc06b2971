import FlowCompiler
import FlowIR
import FlowRuntime
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// Order numbers customers can use: the id spoken and shown on the card is the `sellerOrderId`
/// of the Charge (the number on the Amazon Pay receipt), it is short and spelt out in groups,
/// and the store keeps it unique.
@Suite struct OrderIdTests {
  /// No Nicks, saying the order number after the charge and showing it on the card.
  static func program() throws -> FlowProgram {
    let path = ExampleFlows.root.appendingPathComponent("examples/no-nicks.yaml").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
      .replacingOccurrences(
        of: "order_placed: Your order is placed.",
        with: "order_placed: Your order number is {order.id}."
      )
      .replacingOccurrences(
        of: #"order_card: "Products:"#, with: #"order_card: "Order number: {order.id}\nProducts:"#)
    #expect(text.contains("{order.id}."))
    let result = FlowCompiler.compile(SourceFile(path: "no-nicks.yaml", text: text))
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.map(\.message))")
    return try #require(result.program)
  }

  /// A customer buys two starter kits; returns the Charge's `sellerOrderId` and the answer to
  /// Amazon Pay's `Charge` response.
  static func buy(_ engine: FlowEngine, name: String, userId: String = RequestEnvelopes.shopper)
    async throws -> (sellerOrderId: String, thanks: ResponseEnvelope)
  {
    var customer = ConversationSession(
      engine: engine, envelopes: RequestEnvelopes.builder, name: name, userId: userId,
      sessionId: RequestEnvelopes.sessionId, timestamp: RequestEnvelopes.timestamp,
      recordEnvelope: { ConformanceRecorder.record($0, kind: $1, name: $2) })
    try await customer.launch()
    try await customer.intent(
      "BuyIntent",
      slots: ["product": AlexaSlot("razor kit", id: "starter_kit"), "quantity": AlexaSlot("2")])
    let setup = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    try await customer.connectionsResponse(
      "Setup", token: setup.token, payload: RequestEnvelopes.setupSuccessPayload)
    let charge = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    let sellerOrderId = try #require(
      charge.payload?["sellerOrderAttributes"]?["sellerOrderId"]?.stringValue)
    let thanks = try await customer.connectionsResponse(
      "Charge", token: charge.token,
      payload: RequestEnvelopes.chargePayload(state: "Closed", reasonCode: "MaxCapturesProcessed"))
    return (sellerOrderId, thanks)
  }

  /// The groups an SSML text spells out, in order.
  static func spelledOut(_ ssml: String) -> [String] {
    let open = #"<say-as interpret-as="spell-out">"#
    return ssml.components(separatedBy: open).dropFirst().compactMap {
      $0.components(separatedBy: "</say-as>").first
    }
  }

  @Test func theSpokenOrderIdIsTheSellerOrderId() async throws {
    let store = MemoryFlowStore()
    let engine = makeEngine(program: try Self.program(), store: store)
    let (sellerOrderId, thanks) = try await Self.buy(engine, name: "order-id-spoken")

    // Short, grouped, from the unambiguous alphabet, prefix included.
    let alphabet = Set(AmazonPayIdentifiers.orderCodeAlphabet)
    let groups = sellerOrderId.split(separator: "-").map(String.init)
    #expect(groups.count == 3 && groups[0] == "NN", "\(sellerOrderId)")
    #expect(groups.dropFirst().allSatisfy { $0.count == 4 && $0.allSatisfy(alphabet.contains) })

    // Spoken: each group spelt out, the characters of the sellerOrderId in order.
    guard case .ssml(let ssml)? = thanks.response.outputSpeech else {
      Issue.record("expected SSML, got \(String(describing: thanks.response.outputSpeech))")
      return
    }
    #expect(ssml.hasPrefix("<speak>Your order number is <say-as"), "\(ssml)")
    #expect(Self.spelledOut(ssml) == groups, "\(ssml)")
    // Shown: the card carries it as Amazon Pay's receipt does.
    guard case .simple(_, let content)? = thanks.response.card else {
      Issue.record("expected a Simple card")
      return
    }
    #expect(content.hasPrefix("Order number: \(sellerOrderId)\n"), "\(content)")
    // Stored under the same id.
    let orders = try await store.orders(userId: RequestEnvelopes.shopper)
    #expect(orders.map(\.id) == [sellerOrderId])
    // The authorization reference stays long and random.
    #expect(orders.first?.authorizationReferenceId?.count == AmazonPayIdentifiers.maximumLength)
  }

  @Test(arguments: StoreDriver.local)
  func aTakenOrderIdIsDrawnAgainAndTheOtherOrderIsKept(driver: StoreDriver) async throws {
    // The id the seeded engine draws first, found on an empty store.
    let program = try Self.program()
    let (first, _) = try await Self.buy(
      makeEngine(program: program, store: MemoryFlowStore()), name: "order-id-first-\(driver)")
    try await driver.withStore { store in
      let other = OrderRecord(
        id: first, userId: "amzn1.ask.account.OTHER", productId: "starter_kit", quantity: 1,
        amount: Money(minorUnits: 900, currency: "USD"), authorizationReferenceId: nil,
        amazonAuthorizationId: nil, billingAgreementId: nil, state: .captured,
        createdAt: FlowStoreContractTests.t0, updatedAt: FlowStoreContractTests.t0)
      try await store.commit(TurnWrites(orders: [other], newOrderIds: [first]))
      // The same seed draws the same id first: the store refuses it, the turn draws another.
      let clock = ManualClock()
      let engine = FlowEngine(
        program: program, store: store, now: { clock.now },
        randomBytes: { [random = SeededRandom(seed: 7)] in random.bytes($0) })
      let (second, thanks) = try await Self.buy(engine, name: "order-id-taken-\(driver)")
      #expect(second != first)
      #expect(thanks.response.outputSpeech != nil)
      #expect(try await store.order(id: first) == other)
      #expect(try await store.orders(userId: RequestEnvelopes.shopper).map(\.id) == [second])
    }
  }

  @Test(arguments: StoreDriver.local)
  func theStoreRefusesANewOrderWithATakenId(driver: StoreDriver) async throws {
    try await driver.withStore { store in
      let order = FlowStoreContractTests.order("NN-K7M4-RA92", at: FlowStoreContractTests.t0)
      try await store.commit(TurnWrites(orders: [order], newOrderIds: [order.id]))
      var clash = FlowStoreContractTests.order(
        "NN-K7M4-RA92", user: "user-2", at: FlowStoreContractTests.at(5))
      clash.quantity = 9
      await #expect(throws: FlowStoreError.orderIdTaken("NN-K7M4-RA92")) {
        try await store.commit(
          TurnWrites(
            processedRequest: FlowStoreContractTests.request("req-clash"), orders: [clash],
            newOrderIds: [clash.id]))
      }
      // Nothing of the refused batch was written.
      #expect(try await store.order(id: order.id) == order)
      #expect(try await store.processedRequest(userId: "user-1", requestId: "req-clash") == nil)
      // Updating the existing order (not new) still works.
      var updated = order
      updated.state = .captured
      try await store.commit(TurnWrites(orders: [updated]))
      #expect(try await store.order(id: order.id) == updated)
    }
  }
}
