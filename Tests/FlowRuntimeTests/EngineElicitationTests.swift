import FlowIR
import FlowRuntime
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// `require` (language v1.1): a missing or invalid required slot is asked for with
/// `Dialog.ElicitSlot`, keeping the intent; the answer comes back as the same intent.
@Suite struct EngineElicitationTests {
  /// No Nicks whose `BuyIntent` requires its product, with an `unknown` prompt when `unknown`.
  static func program(unknown: Bool = true, ssml: Bool = false) -> FlowProgram {
    var program = NoNicksProgram.program()
    program.prompts["en-US"]?["which_product"] = NoNicksProgram.template(
      "Which product would you like?")
    program.prompts["en-US"]?["not_sold"] = NoNicksProgram.template(
      ssml
        ? "<speak>Sorry, we don't sell {slot.product.spoken}.</speak>"
        : "Sorry, we don't sell {slot.product.spoken}.")
    guard case .ask(var welcome) = program.states["welcome"]?.kind else { return program }
    welcome.on["BuyIntent"]?.require = [
      SlotRequirement(slot: "product", ask: "which_product", unknown: unknown ? "not_sold" : nil)
    ]
    program.states["welcome"] = State(id: "welcome", kind: .ask(welcome))
    return program
  }

  static func elicited(_ response: ResponseEnvelope) -> (
    slot: String, intent: IntentRequest.Intent
  )? {
    for directive in response.response.directives ?? [] {
      if case .dialogElicitSlot(let slot, let intent) = directive { return (slot, intent) }
    }
    return nil
  }

  @Test func aMissingSlotIsElicitedKeepingTheIntentAndItsOtherSlots() async throws {
    let engine = makeEngine(program: Self.program())
    var customer = ConversationSession(engine: engine, name: "elicit-missing")
    _ = try await customer.launch()
    let ask = try await customer.intent("BuyIntent", slots: ["quantity": AlexaSlot("2")])
    #expect(ask.speech == "Which product would you like?")
    #expect(ask.response.reprompt?.outputSpeech == .plainText("Which product would you like?"))
    #expect(ask.response.shouldEndSession == false)
    #expect(ask.sessionAttributes?["flowc"]?["state"] == .string("welcome"))
    let (slot, intent) = try #require(Self.elicited(ask))
    #expect(slot == "product")
    #expect(intent.name == "BuyIntent")
    #expect(intent.confirmationStatus == "NONE")
    #expect(intent.slots?["quantity"]?.value == "2")
    #expect(intent.slots?["product"]?.value == nil)
    #expect(intent.slots?["product"]?.name == "product")
    #expect(customer.lastTrace.elicitation?.slot == "product")
    #expect(customer.lastTrace.elicitation?.spokeUnknown == false)
    #expect(customer.lastTrace.transitions.isEmpty)

    // The answer: the same intent with the kept slots and the new value.
    let confirm = try await customer.intent(
      "BuyIntent",
      slots: ["product": AlexaSlot("kit", id: "starter_kit"), "quantity": AlexaSlot("2")])
    #expect(
      confirm.speech == "That is 2 Starter Kit for $18.00. Shall I check out with Amazon Pay?")
    #expect(Self.elicited(confirm) == nil)
    #expect(customer.lastTrace.elicitation == nil)
  }

  @Test func anInvalidValueSpeaksTheUnknownPromptWithWhatWasSaidThenAsksAgain() async throws {
    var customer = ConversationSession(
      engine: makeEngine(program: Self.program()), name: "elicit-unknown")
    _ = try await customer.launch()
    let ask = try await customer.intent("BuyIntent", slots: ["product": AlexaSlot("rooibos")])
    #expect(ask.speech == "Sorry, we don't sell rooibos. Which product would you like?")
    #expect(ask.response.reprompt?.outputSpeech == .plainText("Which product would you like?"))
    #expect(Self.elicited(ask)?.slot == "product")
    #expect(Self.elicited(ask)?.intent.slots?["product"]?.value == nil)
    #expect(customer.lastTrace.elicitation?.spokeUnknown == true)
  }

  @Test func withoutAnUnknownPromptAnInvalidValueIsAskedForLikeAMissingOne() async throws {
    var customer = ConversationSession(
      engine: makeEngine(program: Self.program(unknown: false)), name: "elicit-invalid-plain")
    _ = try await customer.launch()
    let ask = try await customer.intent("BuyIntent", slots: ["product": AlexaSlot("rooibos")])
    #expect(ask.speech == "Which product would you like?")
    #expect(customer.lastTrace.elicitation?.spokeUnknown == false)
  }

  @Test func aQuestionMarkIsAValueAlexaDidNotUnderstandSoItIsAskedForAsMissing() async throws {
    var program = Self.program()
    guard case .ask(var welcome)? = program.states["welcome"]?.kind else { return }
    welcome.on["BuyIntent"]?.require?.append(
      SlotRequirement(slot: "quantity", ask: "which_product", unknown: "not_sold"))
    program.states["welcome"] = State(id: "welcome", kind: .ask(welcome))
    var customer = ConversationSession(
      engine: makeEngine(program: program), name: "elicit-question-mark")
    _ = try await customer.launch()
    let ask = try await customer.intent(
      "BuyIntent",
      slots: ["product": AlexaSlot("kit", id: "starter_kit"), "quantity": AlexaSlot("?")])
    #expect(Self.elicited(ask)?.slot == "quantity")
    #expect(ask.speech == "Which product would you like?")
    #expect(customer.lastTrace.elicitation?.spokeUnknown == false)
    #expect(Self.elicited(ask)?.intent.slots?["product"]?.value == "kit")
  }

  @Test func whatWasSaidIsEscapedInSSMLAndCut() async throws {
    var customer = ConversationSession(
      engine: makeEngine(program: Self.program(ssml: true)), name: "elicit-ssml")
    _ = try await customer.launch()
    let long = String(repeating: "x", count: 150)
    let ask = try await customer.intent(
      "BuyIntent", slots: ["product": AlexaSlot("<b>&\"" + long)])
    let speech = try #require(ask.speech)
    #expect(speech.hasPrefix("<speak>Sorry, we don't sell &lt;b&gt;&amp;&quot;xxx"))
    #expect(!speech.contains(String(repeating: "x", count: 97)))
    #expect(speech.hasSuffix("Which product would you like?</speak>"))
  }

  @Test func aOneShotRequestIsElicitedInTheFirstAskState() async throws {
    var customer = ConversationSession(
      engine: makeEngine(program: Self.program()), name: "elicit-one-shot")
    let ask = try await customer.intent("BuyIntent")
    #expect(ask.speech == "Which product would you like?")
    #expect(ask.sessionAttributes?["flowc"]?["state"] == .string("welcome"))
    #expect(Self.elicited(ask)?.slot == "product")
  }

  @Test func otherIntentsAreHandledWhileASlotIsAskedFor() async throws {
    var customer = ConversationSession(
      engine: makeEngine(program: Self.program()), name: "elicit-then-stop")
    _ = try await customer.launch()
    _ = try await customer.intent("BuyIntent")
    let stop = try await customer.intent("AMAZON.StopIntent")
    #expect(stop.response.shouldEndSession == true)
    #expect(stop.response.directives == nil)
  }

  @Test func aGlobalTransitionElicitsInTheStateItFiresIn() async throws {
    var program = NoNicksProgram.program()
    program.prompts["en-US"]?["which_product"] = NoNicksProgram.template("Which product?")
    program.global["BuyIntent"] = Transition(
      require: [SlotRequirement(slot: "product", ask: "which_product")],
      set: [Assignment(variable: "product", value: .path("slot.product", fallback: nil))],
      goto: "confirm_order")
    var customer = ConversationSession(
      engine: makeEngine(program: program), name: "elicit-global")
    _ = try await customer.launch()
    _ = try await customer.intent("AMAZON.YesIntent")
    // confirm_order does not handle BuyIntent: the global transition does.
    let ask = try await customer.intent("BuyIntent", slots: ["quantity": AlexaSlot("3")])
    #expect(ask.speech == "Which product?")
    #expect(ask.sessionAttributes?["flowc"]?["state"] == .string("confirm_order"))
    let elicitation = try #require(customer.lastTrace.elicitation)
    #expect(elicitation.state == "confirm_order")
    #expect(elicitation.isGlobal)
    var coverage = CoverageData()
    coverage.record(customer.lastTrace)
    #expect(
      coverage.elicitations == [
        CoveredTransition(state: "global", intent: "BuyIntent", slot: "product", unknown: false)
      ])
  }

  @Test func theElicitSlotDirectiveRoundTripsThroughJSON() throws {
    let directive = Directive.dialogElicitSlot(
      slotToElicit: "product",
      updatedIntent: IntentRequest.Intent(
        name: "BuyIntent", confirmationStatus: "NONE",
        slots: ["product": IntentRequest.Slot(name: "product", confirmationStatus: "NONE")]))
    let data = try CanonicalJSON.compact(directive)
    let json = String(decoding: data, as: UTF8.self)
    #expect(json.contains("\"type\":\"Dialog.ElicitSlot\""))
    #expect(json.contains("\"slotToElicit\":\"product\""))
    #expect(try CanonicalJSON.decode(Directive.self, from: data) == directive)
  }
}
