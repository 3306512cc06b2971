import FlowCompiler
import FlowIR
import FlowRuntime
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// The example flows of `examples/`, compiled by the compiler and run by the engine.
enum ExampleFlows {
  /// The repository's root, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Compiles `examples/<name>.yaml`; records an issue and throws when it does not compile.
  static func program(_ name: String) throws -> FlowProgram {
    let path = root.appendingPathComponent("examples/\(name).yaml").path
    let result = FlowCompiler.compile(try SourceFile(contentsOf: path))
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(name): \(errors.map(\.message))")
    return try #require(result.program)
  }
}

@Suite struct ExampleFlowTests {
  /// The hand-built No Nicks IR most runtime tests edit (``NoNicksProgram``) is the program
  /// the compiler makes of `examples/no-nicks.yaml`, but for the deviations listed here, which
  /// the tests rely on (no skill store listing, a sandbox merchant, no reprompts, fewer samples, a card image, the
  /// currency bound to `order.total`). Any other drift between the two fails.
  @Test func handBuiltNoNicksIsTheCompiledExampleWithTestDeviations() throws {
    var compiled = try ExampleFlows.program("no-nicks")
    let handBuilt = NoNicksProgram.program()
    compiled.flowHash = handBuilt.flowHash
    compiled.sourceMap = handBuilt.sourceMap
    // No skill store listing (the runtime never reads it).
    compiled.skill.publishing = nil
    // A sandbox merchant without an order id prefix.
    compiled.merchant?.orderIdPrefix = nil
    compiled.merchant?.sandboxCustomerEmail = "buyer@nonicks.example.com"
    // No `require` on BuyIntent (the runtime tests re-ask on a missing product; the
    // elicitation tests add the `require` themselves), so no prompts for it either.
    if var welcome = compiled.states["welcome"]?.kind.askState {
      welcome.on["BuyIntent"]?.require = nil
      compiled.states["welcome"]?.kind = .ask(welcome)
    }
    for prompt in ["which_product", "not_sold"] {
      compiled.prompts["en-US"]?[prompt] = nil
    }
    // Two samples, no reprompts and no fallback prompt.
    compiled.intents[0].samples["en-US"] = ["buy {product}", "order {quantity} {product}"]
    for prompt in ["confirm_reprompt", "checkout_reprompt", "fallback"] {
      compiled.prompts["en-US"]?[prompt] = nil
    }
    for id in ["confirm_order", "checkout"] {
      var ask = try #require(compiled.states[id]?.kind.askState)
      ask.reprompt = nil
      compiled.states[id]?.kind = .ask(ask)
    }
    // An image on the order card.
    var thanks = try #require(compiled.states["thanks"])
    if case .tell(var tell) = thanks.kind {
      tell.card?.image = "https://nonicks.example.com/logo.png"
      thanks.kind = .tell(tell)
    }
    compiled.states["thanks"] = thanks
    // The Setup payload of a sandbox merchant; the Charge currency read from the total.
    var setup = try #require(compiled.states["setup"]?.kind.connectionsState)
    guard case .object(var setupFields) = setup.task.payload else {
      Issue.record("the Setup payload is not an object")
      return
    }
    setupFields["sandboxCustomerEmailId"] = .string("buyer@nonicks.example.com")
    setupFields["sandboxMode"] = .bool(true)
    setup.task.payload = .object(setupFields)
    compiled.states["setup"]?.kind = .connections(setup)
    var charge = try #require(compiled.states["charge"]?.kind.connectionsState)
    guard case .object(var chargeFields) = charge.task.payload,
      case .object(var authorize)? = chargeFields["authorizeAttributes"],
      case .object(var amount)? = authorize["authorizationAmount"]
    else {
      Issue.record("the Charge payload has no authorizationAmount")
      return
    }
    amount["currencyCode"] = .binding(.moneyCurrency(path: "order.total"))
    authorize["authorizationAmount"] = .object(amount)
    chargeFields["authorizeAttributes"] = .object(authorize)
    charge.task.payload = .object(chargeFields)
    compiled.states["charge"]?.kind = .connections(charge)

    for id in Set(compiled.states.keys).union(handBuilt.states.keys).sorted() {
      #expect(compiled.states[id] == handBuilt.states[id], "state \(id)")
    }
    #expect(compiled.prompts == handBuilt.prompts)
    #expect(compiled == handBuilt)
  }

  @Test func noNicksCompiledFromItsExampleFile() async throws {
    let store = MemoryFlowStore()
    let program = try ExampleFlows.program("no-nicks")
    var customer = ConversationSession(
      engine: makeEngine(program: program, store: store), name: "example-no-nicks")

    let welcome = try await customer.launch()
    #expect(welcome.speech == "Welcome to No Nicks. Would you like to buy a starter kit for $9.00?")
    #expect(
      welcome.response.card
        == .simple(
          title: "Welcome to No Nicks", content: "Shave without nicks. nonicks.example.com"))
    #expect(welcome.sessionAttributes?["flowc"]?["flow_hash"] == .string(program.flowHash))

    let confirm = try await customer.intent(
      "BuyIntent",
      slots: ["product": AlexaSlot("razor kit", id: "starter_kit"), "quantity": AlexaSlot("2")])
    #expect(
      confirm.speech == "That is 2 Starter Kit for $18.00. Shall I check out with Amazon Pay?")
    #expect(
      confirm.response.reprompt?.outputSpeech == .plainText("Shall I check out with Amazon Pay?"))

    let setup = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    #expect(setup.name == "Setup")
    #expect(setup.payload?["@type"] == .string("SetupAmazonPayRequest"))
    #expect(setup.payload?["sellerId"] == .string("AEMGQXXXKD154"))
    #expect(setup.payload?["needAmazonShippingAddress"] == .bool(true))
    #expect(setup.payload?["sandboxMode"] == nil)

    let checkout = try await customer.connectionsResponse(
      "Setup", token: setup.token, payload: RequestEnvelopes.setupSuccessPayload)
    #expect(
      checkout.speech
        == "Your total is $18.00, shipping to 410 Terry Ave N. Do you want to place the order?")

    let charge = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    #expect(charge.name == "Charge")
    #expect(charge.payload?["billingAgreementId"] == .string("C01-1234567-7654321"))
    let authorize = charge.payload?["authorizeAttributes"]
    #expect(authorize?["authorizationAmount"]?["amount"] == .string("18.00"))
    #expect(authorize?["transactionTimeout"] == .number(0))
    let sellerOrderId = try #require(
      charge.payload?["sellerOrderAttributes"]?["sellerOrderId"]?.stringValue)
    #expect(sellerOrderId.hasPrefix("NN-"))
    #expect(sellerOrderId.count <= 32)

    let thanks = try await customer.connectionsResponse(
      "Charge", token: charge.token,
      payload: RequestEnvelopes.chargePayload(state: "Closed", reasonCode: "MaxCapturesProcessed"))
    #expect(thanks.speech?.hasPrefix("Your order is placed.") == true)
    #expect(
      thanks.response.card
        == .simple(
          title: "Order Confirmation Details",
          content: "Products: 2 Starter Kit\nTotal amount: $18.00\nThanks for shaving with No Nicks"
        ))
    let orders = try await store.orders(userId: RequestEnvelopes.shopper)
    #expect(orders.map(\.state) == [.captured])
    // The order id is the sellerOrderId, prefix included.
    #expect(orders.first?.id == sellerOrderId)
  }

  @Test func refillsSubscribeOnceThenGreetTheReturningCustomer() async throws {
    let store = MemoryFlowStore()
    let engine = makeEngine(program: try ExampleFlows.program("refills-charge-later"), store: store)

    var first = ConversationSession(engine: engine, name: "example-refills-subscribe")
    let welcome = try await first.launch()
    #expect(
      welcome.speech?.hasPrefix("Welcome to No Nicks Refills. For $20.00 every two months") == true)
    let confirm = try await first.intent("SubscribeIntent", slots: ["quantity": AlexaSlot("2")])
    #expect(
      confirm.speech
        == "That is 2 Blade Refill Pack for $40.00 every two months, charged when each delivery "
        + "ships. Shall I set it up with Amazon Pay?")
    let setup = try #require(try await first.intent("AMAZON.YesIntent").sendRequest)
    let attributes = setup.payload?["billingAgreementAttributes"]
    #expect(attributes?["billingAgreementType"] == .string("MerchantInitiatedTransaction"))
    #expect(attributes?["subscriptionAmount"]?["amount"] == .string("40.00"))

    let subscribed = try await first.connectionsResponse(
      "Setup", token: setup.token, payload: RequestEnvelopes.setupSuccessPayload)
    guard case .ssml(let ssml)? = subscribed.response.outputSpeech else {
      Issue.record("expected SSML, got \(String(describing: subscribed.response.outputSpeech))")
      return
    }
    #expect(ssml.hasPrefix("<speak>You are subscribed. Your first Blade Refill Pack ships to"))
    #expect(ssml.contains("410 Terry Ave N"))
    #expect(ssml.contains(#"<break time="300ms"/>"#))
    #expect(ssml.hasSuffix("</speak>"))
    guard case .simple(let title, let content)? = subscribed.response.card else {
      Issue.record("expected a Simple card")
      return
    }
    #expect(title == "Your No Nicks subscription")
    let order = try #require(try await store.orders(userId: RequestEnvelopes.shopper).first)
    #expect(content.hasSuffix("Subscription reference: \(order.id)"))
    #expect(content.contains("Ships to: Pat Doe, 410 Terry Ave N, Seattle"))

    var again = ConversationSession(engine: engine, name: "example-refills-returning")
    let back = try await again.launch()
    #expect(back.speech?.hasPrefix("Welcome back to No Nicks Refills.") == true)
    #expect(back.response.shouldEndSession == true)
  }

  @Test(arguments: [
    ("de-DE", "Das sind 4 Packungen Espresso Bohnen für 51,60 €.", "Gesamtbetrag ist 51,60 €"),
    ("en-GB", "That is 4 bags of espresso beans for €51.60.", "total is €51.60"),
  ])
  func euroShopSpeaksEachLocale(locale: String, confirmStart: String, checkoutPart: String)
    async throws
  {
    let store = MemoryFlowStore()
    let engine = makeEngine(program: try ExampleFlows.program("euro-shop"), store: store)
    var customer = ConversationSession(engine: engine, name: "example-euro-\(locale)")
    customer.locale = locale
    _ = try await customer.launch()
    let confirm = try await customer.intent(
      "BuyIntent", slots: ["product": AlexaSlot("espresso"), "quantity": AlexaSlot("4")])
    #expect(confirm.speech?.hasPrefix(confirmStart) == true, "\(confirm.speech ?? "")")
    let setup = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    #expect(
      setup.payload?["billingAgreementAttributes"]?["billingAgreementType"]
        == .string("CustomerInitiatedTransaction"))
    // 51.60 EUR is over 50: the free-delivery checkout, in SSML.
    let checkout = try await customer.connectionsResponse(
      "Setup", token: setup.token, payload: RequestEnvelopes.setupSuccessPayload)
    guard case .ssml(let ssml)? = checkout.response.outputSpeech else {
      Issue.record("expected SSML")
      return
    }
    #expect(ssml.contains(checkoutPart), "\(ssml)")
    let charge = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    #expect(
      charge.payload?["authorizeAttributes"]?["authorizationAmount"]?["currencyCode"]
        == .string("EUR"))
    #expect(
      charge.payload?["sellerOrderAttributes"]?["sellerOrderId"]?.stringValue?.hasPrefix("MK-")
        == true)
  }
}
