import FlowIR
import Testing

@testable import FlowCompiler

/// What each stage hands the next: the parse stage holds the parsed values of the language, the
/// check stage the symbol table and the facts attached to the syntax they belong to.
@Suite struct StageContractTests {
  /// ``ParserTests/base`` at 9.50, with a `BuyIntent` that sets variables and a `choose` state.
  static let flow = ParserTests.base(
    intents: """
      BuyIntent:
        slots:
          count: AMAZON.NUMBER
        samples:
          en-US: ["buy {count}"]
      """
  ).replacingOccurrences(of: "price: \"9.00\"", with: "price: \"9.50\"").replacingOccurrences(
    of: "        AMAZON.YesIntent: bye\n",
    with: """
              BuyIntent:
                set:
                  product: catalog.kit
                  quantity: slot.count ?? 1
                goto: route
          route:
            choose:
              - if: quantity > 2
                goto: bye
              - else: bye

      """)

  static func parsed() throws -> CompilerPipeline.Parsed {
    let file = SourceFile(path: "stages.flow.yaml", text: flow)
    return try #require(CompilerPipeline.parse(CompilerPipeline.load(file)))
  }

  @Test func parseStageHoldsParsedValues() throws {
    let parsed = try Self.parsed()
    #expect(parsed.diagnostics.isEmpty)
    let price = try #require(parsed.syntax.products.first?.value?.price)
    #expect(try price.value.get() == Money(minorUnits: 950, currency: "USD"))
    let prompt = try #require(parsed.syntax.prompts.first?.value?.first?.value)
    #expect(prompt.value.placeholders.map(\.path) == ["catalog.kit.price"])
    let states = try #require(parsed.syntax.flow?.states)
    let buy = try #require(states.first?.value?.on.first?.value)
    let entry = try #require(buy.set.last?.value)
    let quantity = try entry.value.get()
    guard case .path("slot.count", _, let fallback?) = quantity.value else {
      Issue.record("quantity is not a path with a fallback: \(quantity)")
      return
    }
    #expect(fallback.literal == "1")
    guard case .choose(let choose) = states[1].value?.kind else {
      Issue.record("route is not a choose state")
      return
    }
    #expect((try? choose.branches.first?.condition.value.get()) != nil)
  }

  @Test func checkStageAttachesFactsToTheSyntax() throws {
    let checked = CompilerPipeline.check(try Self.parsed(), options: CompileOptions())
    #expect(checked.diagnostics.isEmpty, "\(CompilerTestSupport.render(checked.diagnostics))")
    let facts = checked.facts
    #expect(facts.symbols.stateIds == ["hello", "route", "bye"])
    #expect(facts.symbols.stateNumbers["route"] == 1)
    #expect(facts.symbols.state("route") != nil && facts.symbols.state("nowhere") == nil)
    var slotTable = IntentSlotTable(intents: facts.symbols.intents)
    #expect(slotTable.slots(of: "BuyIntent").types == ["count": "AMAZON.NUMBER"])
    #expect(slotTable.slots(of: "BuyIntent").sortedNames == ["count"])
    #expect(slotTable.slots(of: "NoSuchIntent").types.isEmpty)
    #expect(facts.catalog.prices["kit"] == Money(minorUnits: 950, currency: "USD"))
    let buy = try #require(facts.states.first?.on.first)
    #expect(buy.event.value == "BuyIntent")
    #expect(buy.assignments?.map(\.variable) == ["product", "quantity"])
    #expect(facts.states[1].conditions?.count == 1)
    #expect(facts.global.map(\.event.value) == ["AMAZON.StopIntent"])
    #expect(facts.global.first?.assignments == [])
  }

  @Test func parseProblemsAreReportedByTheCheckThatOwnsThem() throws {
    let broken = Self.flow.replacingOccurrences(of: "quantity > 2", with: "quantity >")
    let file = SourceFile(path: "stages.flow.yaml", text: broken)
    let parsed = try #require(CompilerPipeline.parse(CompilerPipeline.load(file)))
    #expect(parsed.diagnostics.isEmpty)
    let checked = CompilerPipeline.check(parsed, options: CompileOptions())
    #expect(checked.diagnostics.map(\.id).contains("invalid-condition"))
    #expect(checked.facts.states[1].conditions == nil)
  }
}
