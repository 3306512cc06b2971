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

  /// A random state graph with global transitions, built twice: each global transition drawn
  /// as an edge of every `ask` state that does not handle it (as the checks did), and shared
  /// through a ``GlobalTransitionTree`` (as they do now).
  struct RandomGlobals {
    var kinds: [StateGraph.NodeKind] = []
    var local: [[StateGraph.Edge]] = []
    /// Per global transition: its target and gains.
    var globals: [(target: Int?, gains: VariableSet, changesTotal: Bool)] = []
    /// Per state, the global transitions it handles itself.
    var handled: [Set<Int>] = []

    init(using generator: inout some RandomNumberGenerator) {
      let count = Int.random(in: 1...12, using: &generator)
      let kinds: [StateGraph.NodeKind] = [.ask, .ask, .ask, .tell, .choose, .charge, .setup]
      func gains() -> VariableSet {
        VariableSet(bits: UInt64.random(in: 0...3, using: &generator) << 1)
      }
      for state in 0..<count {
        self.kinds.append(state == 0 ? .ask : kinds.randomElement(using: &generator)!)
        local.append(
          (0..<Int.random(in: 0...3, using: &generator)).map { _ in
            StateGraph.Edge(
              source: state, target: Int.random(in: 0..<count, using: &generator),
              gains: gains(), changesTotal: Bool.random(using: &generator))
          })
      }
      for _ in 0..<Int.random(in: 0...6, using: &generator) {
        let target = Int.random(in: 0...count, using: &generator)
        globals.append(
          (target < count ? target : nil, gains(), Bool.random(using: &generator)))
      }
      handled = (0..<count).map { _ in
        Set((0..<globals.count).filter { _ in Int.random(in: 0..<4, using: &generator) == 0 })
      }
    }

    /// Every global transition an edge of every ask state that does not handle it.
    var drawn: StateGraph {
      let successors = local.indices.map { state -> [StateGraph.Edge] in
        guard kinds[state] == .ask else { return local[state] }
        return local[state]
          + globals.indices.filter { !handled[state].contains($0) }.map { number in
            StateGraph.Edge(
              source: state, target: globals[number].target ?? state,
              gains: globals[number].gains, changesTotal: globals[number].changesTotal)
          }
      }
      return StateGraph(
        ids: local.indices.map { "s\($0)" }, kinds: kinds, successors: successors, start: 0,
        initial: VariableSet(bits: 1))
    }

    /// The global transitions shared through a tree.
    var shared: StateGraph {
      let tree = GlobalTransitionTree(base: local.count, count: globals.count)
      var kinds = self.kinds
      var successors = local.indices.map { state -> [StateGraph.Edge] in
        guard self.kinds[state] == .ask else { return local[state] }
        return local[state]
          + tree.cover(excluding: handled[state].sorted()).map {
            StateGraph.Edge(source: state, target: $0, gains: .none, changesTotal: false)
          }
      }
      for node in tree.nodes {
        kinds.append(.virtual)
        if let number = tree.transition(atLeaf: node) {
          successors.append(
            globals[number].target.map {
              [
                StateGraph.Edge(
                  source: node, target: $0, gains: globals[number].gains,
                  changesTotal: globals[number].changesTotal)
              ]
            } ?? [])
        } else {
          successors.append(
            tree.children(of: node).map {
              StateGraph.Edge(source: node, target: $0, gains: .none, changesTotal: false)
            })
        }
      }
      return StateGraph(
        ids: local.indices.map { "s\($0)" }, kinds: kinds, successors: successors, start: 0,
        initial: VariableSet(bits: 1))
    }
  }

  @Test func sharedGlobalsGiveTheAnalysesOfDrawnOnes() {
    // The states reached, reaching an end, the variables definitely set, and every path a
    // note names (avoiding each set of variables, and with the total unspoken): the same on
    // both graphs, routes included, for 3,000 random graphs.
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<3_000 {
      let random = RandomGlobals(using: &generator)
      let drawn = random.drawn
      let shared = random.shared
      let states = drawn.ids.indices
      #expect(Array(shared.reachable()[states]) == drawn.reachable())
      #expect(Array(shared.reachesEnd()[states]) == drawn.reachesEnd())
      #expect(Array(shared.definitelySet()[states]) == drawn.definitelySet())
      for bits in [UInt64(0b10), 0b100, 0b110, 0b1000] {
        let avoided = VariableSet(bits: bits)
        for state in states {
          #expect(
            shared.path(to: state, without: avoided) == drawn.path(to: state, without: avoided))
        }
      }
      // Asked for `charge` states only. (A global transition without `goto` that sets the
      // product is a loop on each `ask` state when drawn, which enters it again with the
      // total unspoken; an `ask` state is where the total gets spoken, so nothing after it
      // changes, and the shared graph leaves such loops out.)
      let unspokenShared = shared.unspokenTotal()
      let unspokenDrawn = drawn.unspokenTotal()
      for state in states where drawn.kinds[state] == .charge {
        #expect(unspokenShared.path(to: state) == unspokenDrawn.path(to: state))
      }
    }
  }
}
