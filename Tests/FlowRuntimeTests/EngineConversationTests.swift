import FlowIR
import FlowRuntime
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// Whole conversations on the No Nicks flow, from launch to the order confirmation and through
/// every way a payment can end.
@Suite struct EngineConversationTests {
  @Test func happyPathBuysAndChargesInOneConversation() async throws {
    let store = MemoryFlowStore()
    var customer = ConversationSession(engine: makeEngine(store: store), name: "happy-path")

    let welcome = try await customer.launch()
    #expect(
      welcome.speech
        == "Welcome to No Nicks. Would you like to buy a starter kit for $9.00?")
    #expect(welcome.response.shouldEndSession == false)
    #expect(
      welcome.response.reprompt?.outputSpeech == .plainText("Would you like to buy a starter kit?"))
    #expect(
      welcome.response.card
        == .simple(
          title: "Welcome to No Nicks", content: "Shave without nicks. nonicks.example.com"))
    #expect(welcome.sessionAttributes?["flowc"]?["state"] == .string("welcome"))
    #expect(welcome.sessionAttributes?["flowc"]?["flow_hash"] == .string("sha256:nonicks-test"))

    let confirm = try await customer.intent(
      "BuyIntent",
      slots: ["product": AlexaSlot("razor kit", id: "starter_kit"), "quantity": AlexaSlot("2")])
    #expect(
      confirm.speech == "That is 2 Starter Kit for $18.00. Shall I check out with Amazon Pay?")

    let setup = try await customer.intent("AMAZON.YesIntent")
    let setupDirective = try #require(setup.sendRequest)
    #expect(setupDirective.name == "Setup")
    #expect(setup.response.shouldEndSession == true)
    #expect(setup.response.reprompt == nil)
    #expect(setup.response.outputSpeech == nil)
    #expect(setupDirective.token.count >= 22)
    #expect(setupDirective.payload?["sellerId"] == .string("AEMGQXXXKD154"))
    #expect(setupDirective.payload?["needAmazonShippingAddress"] == .bool(true))

    let checkout = try await customer.connectionsResponse(
      "Setup", token: setupDirective.token, payload: RequestEnvelopes.setupSuccessPayload)
    #expect(
      checkout.speech
        == "Your total is $18.00, shipping to 410 Terry Ave N. Do you want to place the order?")
    #expect(checkout.response.shouldEndSession == false)

    let charge = try await customer.intent("AMAZON.YesIntent")
    let chargeDirective = try #require(charge.sendRequest)
    #expect(chargeDirective.name == "Charge")
    #expect(chargeDirective.token != setupDirective.token)
    #expect(chargeDirective.payload?["billingAgreementId"] == .string("C01-1234567-7654321"))
    let authorize = chargeDirective.payload?["authorizeAttributes"]
    #expect(authorize?["authorizationAmount"]?["amount"] == .string("18.00"))
    #expect(authorize?["transactionTimeout"] == .number(0))
    let referenceId = try #require(authorize?["authorizationReferenceId"]?.stringValue)
    #expect(referenceId.count <= 32)
    #expect(referenceId.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })

    let thanks = try await customer.connectionsResponse(
      "Charge", token: chargeDirective.token,
      payload: RequestEnvelopes.chargePayload(state: "Closed", reasonCode: "MaxCapturesProcessed"))
    #expect(
      thanks.speech
        == "Your order is placed. No Nicks will email you when it ships. Thanks for shaving with "
        + "No Nicks.")
    #expect(thanks.response.shouldEndSession == true)
    #expect(
      thanks.response.card
        == .standard(
          title: "Order Confirmation Details",
          text: "Products: 2 Starter Kit\nTotal amount: $18.00\nThanks for shaving with No Nicks",
          image: CardImage(
            smallImageUrl: "https://nonicks.example.com/logo.png",
            largeImageUrl: "https://nonicks.example.com/logo.png")))

    let orders = try await store.orders(userId: RequestEnvelopes.shopper)
    #expect(orders.count == 1)
    let order = try #require(orders.first)
    #expect(order.state == .captured)
    #expect(order.amount == Money(minorUnits: 1800, currency: "USD"))
    #expect(order.quantity == 2)
    #expect(order.productId == "starter_kit")
    #expect(order.billingAgreementId == "C01-1234567-7654321")
    #expect(order.amazonAuthorizationId == "S01-1111111-2222222-A000001")
    #expect(order.authorizationReferenceId == referenceId)
    let agreement = try await store.openAgreement(userId: RequestEnvelopes.shopper)
    #expect(agreement?.billingAgreementId == "C01-1234567-7654321")
    // The sellerOrderId is the order id of the conversation.
    #expect(
      chargeDirective.payload?["sellerOrderAttributes"]?["sellerOrderId"] == .string(order.id))
  }

  @Test func yesAtWelcomeChoosesTheStarterKit() async throws {
    var customer = try await launchedCustomer("welcome-yes")
    let confirm = try await customer.intent("AMAZON.YesIntent")
    #expect(
      confirm.speech == "That is 1 Starter Kit for $9.00. Shall I check out with Amazon Pay?")
  }

  @Test func returningCustomerIsChargedWithTheStoredAgreement() async throws {
    let store = MemoryFlowStore()
    let clock = ManualClock()
    let engine = makeEngine(program: NoNicksProgram.refills(), store: store, clock: clock)

    // A first-time customer goes through Setup: the start branches to the welcome.
    var first = ConversationSession(engine: engine, name: "returning-first-visit")
    let welcome = try await first.launch()
    #expect(welcome.speech?.hasPrefix("Welcome to No Nicks.") == true)
    _ = try await first.intent("AMAZON.YesIntent")
    let setup = try #require(try await first.intent("AMAZON.YesIntent").sendRequest)
    _ = try await first.connectionsResponse(
      "Setup", token: setup.token, payload: RequestEnvelopes.setupSuccessPayload)
    _ = try await first.intent("AMAZON.NoIntent")

    // Next time the stored agreement is loaded at launch.
    clock.advance(by: 86_400)
    var again = ConversationSession(engine: engine, name: "returning-customer")
    let back = try await again.launch()
    #expect(back.speech == "Welcome back to No Nicks. Would you like a blade refill for $20.00?")
    let confirm = try await again.intent("AMAZON.YesIntent")
    #expect(
      confirm.speech
        == "That is 1 Blade Refill for $20.00, paid with your saved Amazon Pay agreement. Shall I "
        + "place the order?")
    let charge = try #require(try await again.intent("AMAZON.YesIntent").sendRequest)
    #expect(charge.name == "Charge")
    #expect(charge.payload?["billingAgreementId"] == .string("C01-1234567-7654321"))
    let thanks = try await again.connectionsResponse(
      "Charge", token: charge.token,
      payload: RequestEnvelopes.chargePayload(
        state: "Closed", reasonCode: "MaxCapturesProcessed", amount: "20.00"))
    #expect(thanks.speech?.hasPrefix("Your order is placed.") == true)
    let orders = try await store.orders(userId: RequestEnvelopes.shopper)
    #expect(orders.map(\.productId) == ["starter_kit", "refill"])
    #expect(orders.map(\.state) == [.pending, .captured])
  }

  @Test func permissionNotGrantedSendsTheConsentCardAndNoDirective() async throws {
    let store = MemoryFlowStore()
    var customer = ConversationSession(engine: makeEngine(store: store), name: "permission-denied")
    customer.permission = "DENIED"
    _ = try await customer.launch()
    _ = try await customer.intent("AMAZON.YesIntent")
    let denied = try await customer.intent("AMAZON.YesIntent")
    #expect(denied.response.directives == nil)
    #expect(
      denied.speech
        == "To buy, please enable Amazon Pay and voice purchasing in the Alexa app. I sent a card "
        + "there.")
    #expect(
      denied.response.card == .askForPermissionsConsent(permissions: ["payments:autopay_consent"]))
    #expect(denied.response.shouldEndSession == true)
    #expect(try await store.orders(userId: RequestEnvelopes.shopper).isEmpty)
  }

  @Test func permissionMissingFromTheRequestCountsAsNotGranted() async throws {
    var customer = ConversationSession(engine: makeEngine(), name: "permission-missing")
    customer.permission = nil
    _ = try await customer.launch()
    _ = try await customer.intent("AMAZON.YesIntent")
    let denied = try await customer.intent("AMAZON.YesIntent")
    #expect(denied.sendRequest == nil)
    #expect(
      denied.response.card == .askForPermissionsConsent(permissions: ["payments:autopay_consent"]))
  }

  /// Drives a customer past a successful Setup to the Charge directive; returns the conversation
  /// and the token.
  static func reachCharge(_ engine: FlowEngine, name: String) async throws -> (
    ConversationSession, String
  ) {
    var (customer, setupToken) = try await EngineTokenTests.reachSetup(engine, name: name)
    _ = try await customer.connectionsResponse(
      "Setup", token: setupToken, payload: RequestEnvelopes.setupSuccessPayload)
    let charge = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    return (customer, charge.token)
  }

  @Test(arguments: ["AmazonRejected", "ProcessingFailure", "TransactionTimedOut"])
  func declineIsSpokenByTheSkill(reason: String) async throws {
    let declined = try await Self.declinedCharge(reason: reason)
    #expect(declined.speech == "Your order was not placed and you have not been charged.")
    #expect(declined.response.shouldEndSession == true)
  }

  @Test func invalidPaymentMethodIsNotSpokenTwice() async throws {
    let declined = try await Self.declinedCharge(reason: "InvalidPaymentMethod")
    // Amazon Pay already told the customer: the skill ends quietly.
    #expect(declined.response.outputSpeech == nil)
    #expect(declined.response.shouldEndSession == true)
    #expect(declined.response.directives == nil)
  }

  /// A Charge declined for `reason`; checks that the order is recorded as declined.
  static func declinedCharge(reason: String) async throws -> ResponseEnvelope {
    let store = MemoryFlowStore()
    var (customer, token) = try await reachCharge(
      makeEngine(store: store), name: "decline-\(reason)")
    let declined = try await customer.connectionsResponse(
      "Charge", token: token,
      payload: RequestEnvelopes.chargePayload(
        state: "Declined", reasonCode: reason, captured: "0.00"))
    let order = try #require(try await store.orders(userId: RequestEnvelopes.shopper).first)
    #expect(order.state == .declined)
    return declined
  }

  @Test(arguments: [
    ("400", "InvalidSellerId"), ("500", "InternalServerError"), ("400", "MissingSkillManifestData"),
  ])
  func setupErrorsTheMerchantMustSpeak(code: String, message: String) async throws {
    let problem = try await Self.setupFails(
      code: code, message: message, name: "setup-error-\(message)")
    #expect(
      problem.speech == "Sorry, there was a problem with the payment. You have not been charged.")
    #expect(problem.response.shouldEndSession == true)
  }

  @Test(arguments: [
    ("429", "RequestThrottled"), ("403", "UnsupportedClientPlatform"),
    ("400", "InvalidShippingAddress"), ("403", "InvalidAccountStatus"),
  ])
  func setupErrorsAmazonAlreadySpoke(code: String, message: String) async throws {
    let quiet = try await Self.setupFails(
      code: code, message: message, name: "setup-spoken-\(message)")
    #expect(quiet.response.outputSpeech == nil)
    #expect(quiet.response.shouldEndSession == true)
  }

  /// A customer who says yes twice, and Amazon Pay's answer to the Setup: `code`, `message`.
  static func setupFails(code: String, message: String, name: String) async throws
    -> ResponseEnvelope
  {
    var customer = try await launchedCustomer(name)
    _ = try await customer.intent("AMAZON.YesIntent")
    let setup = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    return try await customer.connectionsResponse(
      "Setup", token: setup.token, code: code, message: message, payload: nil)
  }

  @Test func setupPermissionErrorSendsTheConsentCard() async throws {
    var customer = try await launchedCustomer("setup-access-denied")
    _ = try await customer.intent("AMAZON.YesIntent")
    let setup = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    let denied = try await customer.connectionsResponse(
      "Setup", token: setup.token, code: "403", message: "ACCESS_DENIED", payload: nil)
    #expect(
      denied.response.card == .askForPermissionsConsent(permissions: ["payments:autopay_consent"]))
  }
}

/// A flow that offers another try after a decline.
@Suite struct EngineRetryTests {
  static func retryProgram() -> FlowProgram {
    var program = NoNicksProgram.program(flowHash: "sha256:retry")
    program.prompts["en-US"]?["retry"] = NoNicksProgram.template(
      "Would you like to try the payment again?")
    program.states["declined"] = NoNicksProgram.yesOrNo(
      "declined", prompt: "retry", yes: Transition(goto: "charge"))
    return program
  }

  @Test func declinedChargeCanBeRetriedWithANewAuthorizationReference() async throws {
    let store = MemoryFlowStore()
    var (customer, token) = try await EngineConversationTests.reachCharge(
      makeEngine(program: Self.retryProgram(), store: store), name: "retry")
    let firstReference = try #require(
      try await store.orders(userId: RequestEnvelopes.shopper).first
    )
    .authorizationReferenceId
    // Amazon already spoke about the payment method, but a question is not error text.
    let retry = try await customer.connectionsResponse(
      "Charge", token: token,
      payload: RequestEnvelopes.chargePayload(
        state: "Declined", reasonCode: "InvalidPaymentMethod", captured: "0.00"))
    #expect(retry.speech == "Would you like to try the payment again?")
    #expect(retry.response.shouldEndSession == false)

    let second = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    let secondReference = try #require(
      second.payload?["authorizeAttributes"]?["authorizationReferenceId"]?.stringValue)
    #expect(secondReference != firstReference)
    #expect(secondReference.contains("-2-"))
    #expect(firstReference?.contains("-1-") == true)
    #expect(secondReference.count <= 32)

    _ = try await customer.connectionsResponse(
      "Charge", token: second.token,
      payload: RequestEnvelopes.chargePayload(
        state: "Closed", reasonCode: "MaxCapturesProcessed", amount: "9.00"))
    let orders = try await store.orders(userId: RequestEnvelopes.shopper)
    #expect(orders.count == 1)
    #expect(orders.first?.state == .captured)
    #expect(orders.first?.authorizationReferenceId == secondReference)
  }
}

/// Setup's success leading straight to Charge, in the same turn (the cookbook's flow).
@Suite struct EngineChainedPaymentTests {
  @Test func setupSuccessSendsTheChargeInTheSameResponse() async throws {
    var program = NoNicksProgram.program(flowHash: "sha256:chained")
    var setup = try #require(program.states["setup"]?.kind.connectionsState)
    setup.on[.success] = Transition(goto: "charge")
    program.states["setup"] = State(id: "setup", kind: .connections(setup))
    let store = InstrumentedStore()
    let engine = FlowEngine(program: program, store: store)
    var customer = ConversationSession(engine: engine, name: "chained-setup-charge")
    _ = try await customer.launch()
    _ = try await customer.intent("AMAZON.YesIntent")
    let setupDirective = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    let chargeResponse = try await customer.connectionsResponse(
      "Setup", token: setupDirective.token, payload: RequestEnvelopes.setupSuccessPayload)
    let charge = try #require(chargeResponse.sendRequest)
    #expect(charge.name == "Charge")
    #expect(charge.payload?["billingAgreementId"] == .string("C01-1234567-7654321"))
    #expect(chargeResponse.response.shouldEndSession == true)
    // One commit consumes the Setup token, stores the agreement and the Charge continuation.
    let last = try #require(await store.commits.last)
    #expect(last.consumedTokens == [setupDirective.token])
    #expect(last.newContinuations.map(\.token) == [charge.token])
    #expect(last.agreements.count == 1)
    #expect(last.orders.last?.state == .charging)
    #expect(last.orders.last?.billingAgreementId == "C01-1234567-7654321")

    _ = try await customer.connectionsResponse(
      "Charge", token: charge.token,
      payload: RequestEnvelopes.chargePayload(
        state: "Closed", reasonCode: "MaxCapturesProcessed", amount: "9.00"))
    let orders = try await store.orders(userId: RequestEnvelopes.shopper)
    #expect(orders.map(\.state) == [.captured])
  }

  @Test func theEnvelopeAPIAnswersAndReplaysLikeTheJSONOne() async throws {
    let engine = makeEngine()
    let json = try CanonicalJSON.compact(
      RequestEnvelopes.envelope(
        request: RequestEnvelopes.launch(), sessionNew: true,
        requestId: "amzn1.echo-api.request.api"))
    let request = try JSONDecoder().decode(RequestEnvelope.self, from: json)
    let first = try await engine.handle(request)
    #expect(first.response.shouldEndSession == false)
    let replayed = try await engine.handle(requestJSON: json)
    #expect(replayed == (try FlowEngine.encode(first)))
    #expect(try await engine.handle(request) == first)
  }
}
