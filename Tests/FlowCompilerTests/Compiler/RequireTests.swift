import FlowIR
import Testing

@testable import FlowCompiler

/// `require` (language v1.1) and the checks that ask for it: `slot-may-be-missing`,
/// `slot-may-be-invalid`, the slots and prompts `require` names, `{slot.<name>.spoken}`, and
/// what the IR holds.
@Suite struct RequireTests {
  /// A shop whose `BuyIntent` transition is `transition`, with extra `prompts`.
  static func flow(
    transition: String, samples: String = "[\"buy {product}\", \"buy {quantity} {product}\"]",
    prompts: String = "", outcome: String = "done"
  ) -> String {
    """
    flowc: 1
    skill:
      name: Shop
      invocation: shop
      locales: [en-US]
      privacy_policy_url: https://shop.example.com/privacy
    merchant:
      seller_id: AEMGQXXXKD154
      country: US
      currency: USD
    products:
      kit: { name: Kit, price: "9.00" }
    intents:
      BuyIntent:
        slots: { product: catalog, quantity: AMAZON.NUMBER }
        samples:
          en-US: \(samples)
    prompts:
      en-US:
        welcome: Buy a kit?
        which: Which product?
        how_many: How many?
        not_sold: "We do not sell {slot.product.spoken}."
        confirm: "That is {order.total}. Buy?"
        help: Say buy a kit.
        done: Done.
    \(prompts)
    flow:
      start: welcome
      global:
        AMAZON.HelpIntent: { say: help }
        AMAZON.StopIntent: done
      states:
        welcome:
          ask: welcome
          on:
            BuyIntent: \(transition)
            AMAZON.NoIntent: done
        confirm:
          ask: confirm
          on: { AMAZON.YesIntent: setup, AMAZON.NoIntent: done }
        setup:
          setup: {}
          on: { success: charge, permission_denied: done, error: \(outcome) }
        charge:
          charge: {}
          on: { success: done, declined: done, permission_denied: done, error: done }
        done:
          tell: done
          card: { title: done, text: done }

    """
  }

  /// The flow whose `BuyIntent` transition has this `require` and reads the product (and a
  /// quantity with a fallback).
  static func requiring(_ require: String, say: String = "", outcome: String = "done") -> String {
    flow(
      transition:
        "{ require: \(require), set: { product: slot.product, quantity: slot.quantity ?? 1 },\(say) goto: confirm }",
      outcome: outcome)
  }

  static func ids(_ text: String) -> [String] {
    CompilerTestSupport.compile(text).diagnostics.map(\.id)
  }

  @Test func aSlotThatASampleDoesNotFillIsAnErrorWithANoteAtTheSample() throws {
    let text = Self.flow(
      transition: "{ set: { product: slot.product, quantity: slot.quantity }, goto: confirm }")
    let result = CompilerTestSupport.compile(text)
    let missing = result.diagnostics.filter { $0.id == "slot-may-be-missing" }
    #expect(missing.count == 1)
    let diagnostic = try #require(missing.first)
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.message.contains("'slot.quantity' may be missing"))
    let read = try #require(diagnostic.range)
    #expect(read.start.line == 37)
    let note = try #require(diagnostic.notes.first)
    #expect(note.message == "the en-US sample 'buy {product}' has no '{quantity}'")
    #expect(note.range?.start.line == 17)
    #expect(result.program == nil)
  }

  @Test func aCatalogSlotThatEverySampleFillsIsAWarning() throws {
    let text = Self.flow(transition: "{ set: { product: slot.product }, goto: confirm }")
    let result = CompilerTestSupport.compile(text)
    let invalid = result.diagnostics.filter { $0.id == "slot-may-be-invalid" }
    #expect(invalid.count == 1)
    #expect(invalid.first?.severity == .warning)
    #expect(!result.diagnostics.hasErrors)
    #expect(result.program != nil)
  }

  @Test func aFallbackOrARequireAnswersBothChecks() {
    let handled = Self.flow(
      transition: """
        { require: { product: { ask: which, unknown: not_sold }, quantity: { ask: how_many } },
                      set: { product: slot.product, quantity: slot.quantity }, goto: confirm }
        """)
    #expect(!Self.ids(handled).contains { $0.hasPrefix("slot-may-be") })
    let fallback = Self.requiring("{ product: { ask: which } }")
    #expect(!Self.ids(fallback).contains { $0.hasPrefix("slot-") }, "\(Self.ids(fallback))")
  }

  @Test func requireIsLoweredInSourceOrderAndLeftOutWhenAbsent() throws {
    let text = Self.flow(
      transition:
        "{ require: { quantity: { ask: how_many }, product: { ask: which, unknown: not_sold } }, set: { product: slot.product, quantity: slot.quantity }, goto: confirm }"
    )
    let result = CompilerTestSupport.compile(text)
    let program = try #require(result.program, "\(CompilerTestSupport.render(result.diagnostics))")
    guard case .ask(let welcome)? = program.states["welcome"]?.kind else {
      Issue.record("welcome is not an ask state")
      return
    }
    #expect(
      welcome.on["BuyIntent"]?.require == [
        SlotRequirement(slot: "quantity", ask: "how_many"),
        SlotRequirement(slot: "product", ask: "which", unknown: "not_sold"),
      ])
    #expect(welcome.on["AMAZON.NoIntent"]?.require == nil)
    // Without `require`, the IR has no trace of it (the same bytes as before v1.1).
    let plain = try #require(
      CompilerTestSupport.compile(
        Self.flow(
          transition:
            "{ set: { product: catalog.kit, quantity: slot.quantity ?? 1 }, goto: confirm }"
        )
      ).program)
    #expect(!String(decoding: try plain.encodedJSON(), as: UTF8.self).contains("require"))
    let json = String(decoding: try program.encodedJSON(), as: UTF8.self)
    #expect(json.components(separatedBy: "\"require\"").count == 2)
    #expect(try FlowProgram.decode(fromJSON: try program.encodedJSON()) == program)
  }

  @Test func anUnknownSlotInRequireIsReportedAtIt() throws {
    let text = Self.requiring("{ prodcut: { ask: which } }")
    let result = CompilerTestSupport.compile(text)
    let unknown = try #require(result.diagnostics.first { $0.id == "unknown-slot" })
    #expect(unknown.message.contains("'prodcut'"))
    #expect(unknown.message.contains("BuyIntent"))
    #expect(unknown.range?.start.line == 37)
  }

  @Test func requirePromptsMustExistAndCountAsUsed() {
    let unknownPrompt = Self.requiring("{ product: { ask: whihc } }")
    #expect(Self.ids(unknownPrompt).contains("unknown-prompt"))
    let used = Self.requiring("{ product: { ask: which, unknown: not_sold } }")
    // how_many is the only prompt nothing speaks.
    let unused = CompilerTestSupport.compile(used).diagnostics.filter { $0.id == "unused-prompt" }
    #expect(unused.map(\.message) == ["prompt 'how_many' is never used"])
  }

  @Test func aRequiredSlotNeedsAnAskPromptAndTakesOnlyAskAndUnknown() {
    let noAsk = Self.requiring("{ product: { unknown: not_sold } }")
    #expect(Self.ids(noAsk).contains("missing-key"))
    let typo = Self.requiring("{ product: { ask: which, unkown: not_sold } }")
    let result = CompilerTestSupport.compile(typo)
    let unknownKey = result.diagnostics.first { $0.id == "unknown-key" }
    #expect(unknownKey?.message.contains("'unkown'") == true)
    #expect(unknownKey?.notes.contains { $0.message.contains("'unknown'") } == true)
  }

  @Test func requireOnAPaymentOutcomeIsAnError() {
    let text = Self.requiring(
      "{ product: { ask: which } }", outcome: "{ require: { product: { ask: which } }, goto: done }"
    )
    let result = CompilerTestSupport.compile(text)
    let problem = result.diagnostics.first { $0.id == "key-not-allowed-in-state" }
    #expect(problem?.notes.first?.message.contains("has no slots") == true)
  }

  @Test func spokenSlotOnlyInTheUnknownPromptOfThatSlot() {
    let right = Self.requiring("{ product: { ask: which, unknown: not_sold } }")
    #expect(!Self.ids(right).contains("slot-outside-set"))
    let elsewhere = Self.requiring(
      "{ product: { ask: which, unknown: not_sold } }", say: " say: not_sold,")
    let result = CompilerTestSupport.compile(elsewhere)
    let problem = result.diagnostics.first { $0.id == "slot-outside-set" }
    #expect(problem?.message.contains("'slot.product.spoken'") == true)
    #expect(problem?.notes.first?.range != nil)
    let otherSlot = Self.flow(
      transition:
        "{ require: { product: { ask: which }, quantity: { ask: how_many, unknown: not_sold } }, set: { product: slot.product, quantity: slot.quantity }, goto: confirm }"
    )
    #expect(Self.ids(otherSlot).contains("slot-outside-set"))
    // `fallback` is spoken where no slot was heard.
    let fallback = Self.requiring("{ product: { ask: which } }")
      .replacingOccurrences(
        of: "    done: Done.\n", with: "    done: Done.\n    fallback: No {slot.product.spoken}.\n")
    #expect(Self.ids(fallback).contains("slot-outside-set"), "\(Self.ids(fallback))")
    // Anywhere but a prompt, `.spoken` is no path.
    let inSet = Self.flow(
      transition:
        "{ require: { product: { ask: which } }, set: { product: slot.product.spoken, quantity: 1 }, goto: confirm }"
    )
    #expect(CompilerTestSupport.compile(inSet).diagnostics.hasErrors)
  }

  @Test func theUnknownAndAskPromptsTogetherMustFitAlexasLimit() {
    let long = String(repeating: "a", count: 4000)
    let text = Self.requiring(
      "{ product: { ask: long_ask, unknown: long_unknown } }"
    )
    .replacingOccurrences(
      of: "    done: Done.\n",
      with:
        "    done: Done.\n    long_ask: \(long)\n    long_unknown: \(long) {slot.product.spoken}\n")
    let messages = CompilerTestSupport.compile(text).diagnostics
      .filter { $0.id == "speech-too-long" }.map(\.message)
    #expect(
      messages == [
        "'unknown: long_unknown' followed by 'ask: long_ask' can render to 8101 characters in locale 'en-US', more than Alexa's 8000"
      ], "\(messages)")
  }

  @Test func requirePromptsAreCheckedForDefiniteAssignmentInTheAskState() {
    let text = Self.requiring("{ product: { ask: confirm } }")
    // `confirm` speaks {order.total}, which needs a product: not set in `welcome`.
    #expect(Self.ids(text).contains("variable-not-set"))
  }
}
