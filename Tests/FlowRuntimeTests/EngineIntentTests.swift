import FlowIR
import FlowRuntime
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// Intents in `ask` states: slots, `set`, `say`, `global`, re-asking.
@Suite struct EngineIntentTests {
  @Test func spokenCatalogValueMatchesASynonymWithoutResolution() async throws {
    var customer = try await launchedCustomer("slot-synonym")
    let confirm = try await customer.intent(
      "BuyIntent", slots: ["product": AlexaSlot("Starter Pack")])
    #expect(
      confirm.speech == "That is 1 Starter Kit for $9.00. Shall I check out with Amazon Pay?")
  }

  @Test func unknownProductReasksWithTheReprompt() async throws {
    var customer = try await launchedCustomer("slot-unknown-product")
    let reask = try await customer.intent("BuyIntent", slots: ["product": AlexaSlot("toothbrush")])
    #expect(reask.speech == "Would you like to buy a starter kit?")
    #expect(reask.response.shouldEndSession == false)
    #expect(reask.sessionAttributes?["flowc"]?["state"] == .string("welcome"))
  }

  @Test(arguments: ["0", "100", "2.5", "?", "-3"])
  func invalidQuantityReasks(quantity: String) async throws {
    var customer = try await launchedCustomer("slot-bad-quantity")
    // 'slot.quantity ?? 1' falls back to 1 instead of re-asking.
    let confirm = try await customer.intent(
      "BuyIntent",
      slots: ["product": AlexaSlot("kit", id: "starter_kit"), "quantity": AlexaSlot(quantity)])
    #expect(
      confirm.speech == "That is 1 Starter Kit for $9.00. Shall I check out with Amazon Pay?")
  }

  @Test func quantityWithoutFallbackMustBeValid() async throws {
    var program = NoNicksProgram.program()
    guard case .ask(var welcome) = program.states["welcome"]?.kind else {
      Issue.record("welcome is not an ask state")
      return
    }
    welcome.on["BuyIntent"] = Transition(
      set: [
        Assignment(variable: "product", value: .path("slot.product", fallback: nil)),
        Assignment(variable: "quantity", value: .path("slot.quantity", fallback: nil)),
      ],
      goto: "confirm_order")
    program.states["welcome"] = State(id: "welcome", kind: .ask(welcome))
    var customer = try await launchedCustomer("slot-strict-quantity", program: program)
    let reask = try await customer.intent(
      "BuyIntent",
      slots: ["product": AlexaSlot("kit", id: "starter_kit"), "quantity": AlexaSlot("100")])
    #expect(reask.speech == "Would you like to buy a starter kit?")
    let confirm = try await customer.intent(
      "BuyIntent",
      slots: ["product": AlexaSlot("kit", id: "starter_kit"), "quantity": AlexaSlot("99")])
    #expect(
      confirm.speech == "That is 99 Starter Kit for $891.00. Shall I check out with Amazon Pay?")
  }

  @Test func globalSayStaysAndReasks() async throws {
    var customer = try await launchedCustomer("global-help")
    let help = try await customer.intent("AMAZON.HelpIntent")
    #expect(
      help.speech == "You can say buy a starter kit, or stop. Would you like to buy a starter kit?")
    #expect(
      help.response.reprompt?.outputSpeech == .plainText("Would you like to buy a starter kit?"))
    #expect(help.sessionAttributes?["flowc"]?["state"] == .string("welcome"))
  }

  @Test func globalGotoLeavesTheState() async throws {
    var customer = try await launchedCustomer("global-stop")
    let stop = try await customer.intent("AMAZON.StopIntent")
    #expect(stop.speech == "Goodbye from No Nicks.")
    #expect(stop.response.shouldEndSession == true)
  }

  @Test func unhandledIntentSpeaksTheFallbackPromptThenReasks() async throws {
    var program = NoNicksProgram.program()
    program.prompts["en-US"]?["fallback"] = NoNicksProgram.template("Sorry, I did not get that.")
    var customer = try await launchedCustomer("unhandled-fallback", program: program)
    let reask = try await customer.intent("AMAZON.FallbackIntent")
    #expect(reask.speech == "Sorry, I did not get that. Would you like to buy a starter kit?")
  }

  @Test func unhandledIntentWithoutFallbackPromptJustReasks() async throws {
    var customer = try await launchedCustomer("unhandled")
    _ = try await customer.intent("AMAZON.YesIntent")
    // confirm_order has no reprompt: its prompt is said again.
    let reask = try await customer.intent("AMAZON.FallbackIntent")
    #expect(reask.speech == "That is 1 Starter Kit for $9.00. Shall I check out with Amazon Pay?")
  }

  @Test func oneShotIntentWithoutSessionIsHandledByTheStartState() async throws {
    var customer = ConversationSession(engine: makeEngine(), name: "one-shot")
    let confirm = try await customer.intent(
      "BuyIntent", slots: ["product": AlexaSlot("razor kit", id: "starter_kit")])
    #expect(
      confirm.speech == "That is 1 Starter Kit for $9.00. Shall I check out with Amazon Pay?")
  }

  @Test func tamperedSessionAttributesStartOver() async throws {
    var customer = ConversationSession(engine: makeEngine(), name: "tampered-session")
    _ = try await customer.launch()
    customer.attributes = ["flowc": .object(["state": .number(3)])]
    // Unsealed attributes are not used, and the intent is not acted on: a fresh start.
    let response = try await customer.intent("AMAZON.NoIntent")
    #expect(
      response.speech == "Welcome to No Nicks. Would you like to buy a starter kit for $9.00?")
    #expect(customer.lastTrace.notices == [.sessionRefused(.unsealed)])
  }

  @Test func ssmlPromptsEscapeValuesAndMixWithPlainText() async throws {
    var program = NoNicksProgram.program()
    program.products[0].names["en-US"] = "Kit <Deluxe> & Co"
    program.prompts["en-US"]?["confirm_order"] = NoNicksProgram.template(
      "<speak>That is <emphasis>{product.name}</emphasis>.</speak>")
    program.prompts["en-US"]?["help"] = NoNicksProgram.template("Say yes & go.")
    var confirm = try #require(program.states["confirm_order"]?.kind.askState)
    confirm.on["AMAZON.HelpIntent"] = Transition(say: "help")
    program.states["confirm_order"] = State(id: "confirm_order", kind: .ask(confirm))
    var customer = try await launchedCustomer("ssml", program: program)
    let confirmSpeech = try await customer.intent("AMAZON.YesIntent")
    #expect(
      confirmSpeech.response.outputSpeech
        == .ssml("<speak>That is <emphasis>Kit &lt;Deluxe&gt; &amp; Co</emphasis>.</speak>"))
    let help = try await customer.intent("AMAZON.HelpIntent")
    #expect(
      help.response.outputSpeech
        == .ssml(
          "<speak>Say yes &amp; go. That is <emphasis>Kit &lt;Deluxe&gt; &amp; Co</emphasis>.</speak>"
        ))
  }

  @Test func chooseStatesBranchOnConditions() async throws {
    var program = NoNicksProgram.program()
    program.states["big_order"] = State(
      id: "big_order", kind: .tell(TellState(prompt: "help", card: nil, permissionCard: false)))
    program.states["size_check"] = State(
      id: "size_check",
      kind: .choose(
        ChooseState(
          branches: [
            ChooseBranch(
              condition: .compare(
                .greaterOrEqual, .path("order.total"),
                .literal(.money(Money(minorUnits: 5000, currency: "USD")))),
              goto: "big_order")
          ],
          otherwise: "confirm_order")))
    var welcome = try #require(program.states["welcome"]?.kind.askState)
    welcome.on["BuyIntent"]?.goto = "size_check"
    program.states["welcome"] = State(id: "welcome", kind: .ask(welcome))
    let engine = makeEngine(program: program)

    var small = ConversationSession(engine: engine, name: "choose-small")
    _ = try await small.launch()
    let normal = try await small.intent(
      "BuyIntent",
      slots: ["product": AlexaSlot("kit", id: "starter_kit"), "quantity": AlexaSlot("5")])
    #expect(normal.speech?.hasPrefix("That is 5 Starter Kit for $45.00.") == true)

    var large = ConversationSession(engine: engine, name: "choose-large")
    _ = try await large.launch()
    let big = try await large.intent(
      "BuyIntent",
      slots: ["product": AlexaSlot("kit", id: "starter_kit"), "quantity": AlexaSlot("6")])
    #expect(big.speech == "You can say buy a starter kit, or stop.")
  }
}
