import Testing

@testable import FlowCompiler

/// The graph analyses on small flows: definite assignment at joins and in spoken transitions,
/// agreements from Setup and from `choose` on `agreement.open`, the total spoken before a
/// charge.
@Suite struct GraphAnalysisTests {
  /// A payment flow whose states are given by the test.
  static func flow(states: String, prompts: String = "") -> String {
    """
    \(CompilerTestSupport.shopSkill)
    merchant: { seller_id: AEMGQXXXKD154, country: US, currency: USD }
    products:
      kit: { name: Kit, price: "9.00" }
    intents:
      BuyIntent:
        slots: { product: catalog }
        samples: { en-US: ["buy {product}"] }
    prompts:
      en-US:
        ask: Buy?
        total: That is {order.total}. Pay?
        named: You chose {product.name}.
        done: Done.
        failed: "Failed: {payment.error}"
    \(prompts)
    flow:
      start: start
      global:
        AMAZON.StopIntent: done
      states:
    \(states)
        done: { tell: done }

    """
  }

  /// The ids reported, but for unused prompts and the slot warning of the flows' unguarded
  /// `product: slot.product` (``RequireTests`` checks that one).
  static func ids(_ text: String) -> [String] {
    CompilerTestSupport.compile(text).diagnostics.filter {
      $0.id != "unused-prompt" && $0.id != "slot-may-be-invalid"
    }.map(\.id)
  }

  static let outcomes = "{ success: done, declined: done, permission_denied: done, error: done }"

  /// The states of a flow that asks for a product (setting `product`), then says the total in
  /// `confirm` and goes to `next` on yes; `rest` adds states.
  static func buyThenConfirm(_ next: String, _ rest: String) -> String {
    """
        start:
          ask: ask
          on:
            BuyIntent: { set: { product: slot.product }, goto: confirm }
        confirm:
          ask: total
          on: { AMAZON.YesIntent: \(next) }
    \(rest)
    """
  }

  /// A flow and the ids it must report (besides `unused-prompt`).
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var states: String
    var prompts = ""
    /// A transition added to `global:`.
    var global = ""
    var ids: [String]
    /// Whether `ids` must be all the ids, or only among them.
    var exactly = true
    var testDescription: String { name }

    var text: String {
      GraphAnalysisTests.flow(states: states, prompts: prompts).replacingOccurrences(
        of: "    AMAZON.StopIntent: done\n", with: "    AMAZON.StopIntent: done\n" + global)
    }
  }

  static let cases: [Case] = [
    Case(
      name: "a variable set on every branch is definitely set",
      states: """
            start:
              ask: ask
              on:
                BuyIntent: { set: { product: slot.product }, goto: named }
                AMAZON.YesIntent: { set: { product: catalog.kit }, goto: named }
            named: { tell: named }
        """, ids: []),
    Case(
      name: "a say in a global transition is checked in every ask state",
      states: "    start: { ask: ask, on: { AMAZON.YesIntent: done } }",
      global: "    AMAZON.HelpIntent: { say: named }\n", ids: ["variable-not-set"]),
    Case(
      name: "a set before a say counts for the say",
      states: """
            start:
              ask: ask
              on:
                BuyIntent: { set: { product: slot.product }, say: named, goto: done }
        """, ids: []),
    // 'failed' is reached by permission_denied too, which sets no payment.error.
    Case(
      name: "the error outcome sets payment.error",
      states: buyThenConfirm(
        "setup",
        """
            setup:
              setup: {}
              on: { success: done, permission_denied: failed, error: failed }
            failed: { tell: failed }
        """), ids: ["variable-not-set"]),
    Case(
      name: "a charge after Setup's success has an agreement",
      states: """
            start:
              ask: ask
              on:
                BuyIntent: { set: { product: slot.product }, goto: setup }
            setup:
              setup: {}
              on: { success: confirm, permission_denied: done, error: done }
            confirm:
              ask: total
              on: { AMAZON.YesIntent: charge }
            charge:
              charge: {}
              on: \(outcomes)
        """, ids: []),
    Case(
      name: "the fallback prompt is checked in every ask state",
      states: "    start: { ask: ask, on: { AMAZON.YesIntent: done } }",
      prompts: "    fallback: Sorry, {product.name} is not here.", ids: ["variable-not-set"]),
    Case(
      name: "a charge amount must be money",
      states: """
            start:
              ask: total
              on:
                AMAZON.YesIntent: charge
            charge:
              charge: { amount: quantity }
              on: \(outcomes)
        """, ids: ["type-mismatch"], exactly: false),
  ]

  @Test(arguments: cases)
  func reportsTheExpectedIds(_ testCase: Case) {
    let ids = Self.ids(testCase.text)
    if testCase.exactly {
      #expect(ids == testCase.ids, "\(ids)")
    } else {
      #expect(testCase.ids.allSatisfy(ids.contains), "\(ids)")
    }
  }

  @Test func variableSetOnOnlyOneBranchIsNotDefinitelySet() {
    let text = Self.flow(
      states: """
            start:
              ask: ask
              on:
                BuyIntent: { set: { product: slot.product }, goto: named }
                AMAZON.NoIntent: named
            named: { tell: named }
        """)
    let result = CompilerTestSupport.compile(text)
    let diagnostic = result.diagnostics.first { $0.id == "variable-not-set" }
    #expect(diagnostic?.message == "'product.name' may not be set in state 'named'")
    #expect(
      diagnostic?.notes.last?.message == "'product' is not set on the path 'start' → 'named'")
  }

  @Test(arguments: [
    ("agreement.open", true),
    ("agreement.open and quantity > 1", true),
    ("quantity > 1 and (agreement.open and true)", true),
    ("agreement.open == true", true),
    ("agreement.open or quantity > 1", false),
    ("not agreement.open", false),
  ])
  func chooseOnAnOpenAgreementMakesItAvailable(_ condition: String, _ available: Bool) {
    let text = Self.flow(
      states: Self.buyThenConfirm(
        "route",
        """
            route:
              choose:
                - if: \(condition)
                  goto: charge
                - else: done
            charge:
              charge: {}
              on: \(Self.outcomes)
        """))
    let ids = Self.ids(text)
    #expect(ids.contains("charge-without-agreement") == !available, "\(ids)")
    #expect(!ids.contains { $0 != "charge-without-agreement" }, "\(ids)")
  }

  @Test func chargeRightAfterChoosingAProductWarnsAboutTheTotal() {
    let text = Self.flow(
      states: """
            start:
              choose:
                - if: agreement.open
                  goto: pick
                - else: done
            pick:
              ask: ask
              on:
                BuyIntent: { set: { product: slot.product }, goto: charge }
            charge:
              charge: {}
              on: \(Self.outcomes)
        """)
    let result = CompilerTestSupport.compile(text)
    let warning = result.diagnostics.first { $0.id == "unspoken-total" }
    #expect(warning?.severity == .warning)
    #expect(warning?.notes.first?.message == "for example on the path 'start' → 'pick' → 'charge'")
  }

  @Test func outcomeTransitionsMustMoveOn() {
    let text = Self.flow(
      states: Self.buyThenConfirm(
        "setup",
        """
            setup:
              setup: {}
              on: { success: done, permission_denied: { say: done }, error: done }
        """))
    let result = CompilerTestSupport.compile(text)
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(
      errors.map(\.message) == ["missing key 'goto' in 'permission_denied'"],
      "\(CompilerTestSupport.render(result.diagnostics))")
  }

  @Test func sayAndTheNextPromptMustFitTogether() {
    let half = String(repeating: "Shave well. ", count: 400)
    let text = Self.flow(
      states: """
            start:
              ask: ask
              on:
                AMAZON.YesIntent: { say: long_a, goto: bye }
            bye: { tell: long_b }
        """, prompts: "    long_a: \(half)\n    long_b: \(half)")
    let result = CompilerTestSupport.compile(text)
    let messages = result.diagnostics.filter { $0.id == "speech-too-long" }.map(\.message)
    #expect(
      messages == [
        "'say: long_a' followed by prompt 'long_b' can render to 9598 characters in locale "
          + "'en-US', more than Alexa's 8000"
      ])
  }

  @Test func stateGraphPathsAvoidTheVariable() {
    let bit = VariableSet(bits: 1)
    let graph = StateGraph(
      ids: ["a", "b", "c"], kinds: [.ask, .ask, .tell],
      successors: [
        [
          StateGraph.Edge(source: 0, target: 1, gains: bit, changesTotal: false),
          StateGraph.Edge(source: 0, target: 2, gains: .none, changesTotal: false),
        ],
        [StateGraph.Edge(source: 1, target: 2, gains: .none, changesTotal: false)],
        [],
      ],
      start: 0, initial: .none)
    let entry = graph.definitelySet()
    #expect(entry[1] == bit)
    #expect(entry[2] == VariableSet.none)
    #expect(graph.path(to: 2, without: bit) == StateRoute(["a", "c"]))
    #expect(graph.path(to: 1, without: bit) == nil)
    #expect(graph.reachesEnd() == [true, true, true])
  }

  @Test func predecessorsKeepEdgeOrderAndLeaveOutSelfLoops() {
    func edge(_ source: Int, _ target: Int) -> StateGraph.Edge {
      StateGraph.Edge(source: source, target: target, gains: .none, changesTotal: false)
    }
    let graph = StateGraph(
      ids: ["a", "b", "c", "d"], kinds: [.ask, .ask, .choose, .tell],
      successors: [
        [edge(0, 1), edge(0, 3), edge(0, 0)], [edge(1, 3), edge(1, 1)], [], [edge(3, 0)],
      ],
      start: 0, initial: .none)
    let predecessors = graph.predecessors()
    #expect(predecessors.count == 4)
    #expect(predecessors.map { Array($0) } == [[3], [0], [], [0, 1]])
    #expect(graph.reachesEnd() == [true, true, false, true])
  }
}
