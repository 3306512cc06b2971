import Testing

@testable import FlowCompiler

/// The `flow.global` transitions are shared nodes of the state graph, not an edge of every
/// `ask` state: each state links to the few nodes of a ``GlobalTransitionTree`` that cover the
/// transitions that apply in it (counted here, not timed), and the analyses see the same flow.
@Suite struct GlobalTransitionTests {
  /// The transitions under the tree nodes of `cover`, in order.
  static func leaves(of cover: [Int], in tree: GlobalTransitionTree) -> [Int] {
    cover.flatMap { node -> [Int] in
      if let number = tree.transition(atLeaf: node) { return [number] }
      return leaves(of: tree.children(of: node), in: tree)
    }
  }

  @Test func coverHoldsExactlyTheTransitionsThatApply() {
    for count in 1...9 {
      let tree = GlobalTransitionTree(base: 100, count: count)
      #expect(tree.nodes == 100..<(100 + 2 * count - 1))
      for mask in 0..<(1 << count) {
        let excluded = (0..<count).filter { mask & (1 << $0) != 0 }
        let cover = tree.cover(excluding: excluded)
        #expect(
          Self.leaves(of: cover, in: tree) == (0..<count).filter { !excluded.contains($0) },
          "\(count) transitions without \(excluded)")
      }
    }
  }

  @Test func aStateLinksToFewNodesHoweverManyGlobalsThereAre() {
    // 5,000 global transitions: a state that handles none of their intents has one edge
    // into them (was 5,000), one that handles k of them O(k log 5,000).
    let count = 5_000
    let tree = GlobalTransitionTree(base: 0, count: count)
    #expect(tree.cover(excluding: []) == [0])
    var bound = 0
    for number in stride(from: 0, to: count, by: 7) {
      let cover = tree.cover(excluding: [number])
      #expect(cover.count <= 2 * 13, "\(cover.count) nodes without transition \(number)")
      bound = max(bound, cover.count)
    }
    let many = Array(stride(from: 3, to: count, by: 50))
    #expect(tree.cover(excluding: many).count <= (many.count + 1) * 2 * 13)
    #expect(bound > 1)
  }

  /// The flow of ``GraphAnalysisTests`` with the `global:` the test gives.
  static func flow(global: String, states: String) -> String {
    GraphAnalysisTests.flow(states: states).replacingOccurrences(
      of: "  global:\n    AMAZON.StopIntent: done\n", with: "  global:\n\(global)\n")
  }

  /// The diagnostics of a flow but for unused prompts and the warning of its unguarded
  /// `product: slot.product`.
  static func diagnostics(_ text: String) -> [Diagnostic] {
    CompilerTestSupport.compile(text).diagnostics.filter {
      $0.id != "unused-prompt" && $0.id != "slot-may-be-invalid"
    }
  }

  static func diagnostics(global: String, states: String) -> [Diagnostic] {
    diagnostics(flow(global: global, states: states))
  }

  @Test func aGlobalTransitionIsAWayOutOfEveryAskStateThatDoesNotHandleItsIntent() {
    let states = """
          start: { ask: ask, on: { AMAZON.YesIntent: other } }
          other: { ask: ask, on: { AMAZON.StopIntent: { say: done } } }
      """
    // `other` handles the stop intent itself without leaving: no way out.
    let handled = Self.diagnostics(global: "    AMAZON.StopIntent: done", states: states)
    #expect(handled.map(\.id) == ["ask-without-exit"])
    #expect(handled.first?.message.contains("'other'") == true)
    // Another global intent leaves it.
    #expect(
      Self.diagnostics(
        global: "    AMAZON.StopIntent: done\n    AMAZON.CancelIntent: done", states: states
      ).isEmpty)
    // A global transition into the state itself, or without `goto`, is no way out of it.
    for global in ["    AMAZON.CancelIntent: other", "    AMAZON.CancelIntent: { say: done }"] {
      #expect(
        Self.diagnostics(global: "    AMAZON.StopIntent: done\n" + global, states: states).map(
          \.id) == ["ask-without-exit"], "\(global)")
    }
  }

  @Test func aGlobalSayIsCheckedInTheStatesItIsSpokenIn() throws {
    let global = "    AMAZON.HelpIntent: { say: named }\n    AMAZON.StopIntent: done"
    // `start` sets the product before `picked`; only `unset` speaks the global say without it.
    let states = """
          start:
            ask: ask
            on:
              BuyIntent: { set: { product: slot.product }, goto: picked }
              AMAZON.NoIntent: unset
              AMAZON.HelpIntent: start
          picked: { ask: ask, on: { AMAZON.YesIntent: done } }
          unset: { ask: ask, on: { AMAZON.YesIntent: done } }
      """
    let found = Self.diagnostics(global: global, states: states).filter {
      $0.id == "variable-not-set"
    }
    try #require(found.count == 1)
    #expect(found[0].message == "'product.name' may not be set in state 'unset'")
    #expect(
      found[0].notes.map(\.message).contains("'product' is not set on the path 'start' → 'unset'"))
    // Handled by every state that lacks the product: nothing to report.
    let handled = states.replacingOccurrences(
      of: "unset: { ask: ask, on: { AMAZON.YesIntent: done } }",
      with: "unset: { ask: ask, on: { AMAZON.YesIntent: done, AMAZON.HelpIntent: done } }")
    #expect(Self.diagnostics(global: global, states: handled).isEmpty)
  }

  @Test func manyAskStatesAndGlobalsGiveTheSameReport() {
    // 200 ask states × 200 global intents (each state handles one of them itself): the graph
    // has about 200 × 2 × log₂ 200 edges into the globals instead of 40,000; every state
    // still has a way out and reaches an end.
    let count = 200
    var intents = "intents:\n"
    var global = ""
    var states = ""
    // Intent names and samples are letters only: 12 → "bc".
    func letters(_ number: Int) -> String {
      String(String(number).unicodeScalars.map { Character(UnicodeScalar($0.value + 49)!) })
    }
    func intent(_ number: Int) -> String { "G\(letters(number))Intent" }
    for number in 0..<count {
      intents += "  \(intent(number)): { samples: { en-US: [\"go \(letters(number))\"] } }\n"
      global += "    \(intent(number)): done\n"
      let next = number + 1 < count ? "s\(number + 1)" : "done"
      states +=
        "    s\(number): { ask: ask, on: { AMAZON.YesIntent: \(next), \(intent(number)): s0 } }\n"
    }
    let text = Self.flow(global: global, states: states)
      .replacingOccurrences(of: "intents:\n", with: intents)
      .replacingOccurrences(of: "start: start", with: "start: s0")
    let messages = Self.diagnostics(text).map(\.message)
    #expect(messages.isEmpty, "\(messages.prefix(3))")
  }
}
