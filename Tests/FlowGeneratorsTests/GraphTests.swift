import FlowGenerators
import FlowIR
import FlowTestSupport
import Foundation
import Testing

@Suite struct GraphTests {
  @Test(arguments: ExamplePrograms.names, GraphFormat.allCases)
  func graphMatchesItsGolden(example: String, format: GraphFormat) throws {
    let graph = FlowGraph(program: try ExamplePrograms.program(example))
    let fileExtension = format == .dot ? "dot" : "mmd"
    try Golden.assert(
      format.render(graph), matches: "generate/graph/\(example).\(fileExtension)")
  }

  @Test(arguments: ExamplePrograms.names)
  func everyStateAndTransitionIsDrawn(example: String) throws {
    let program = try ExamplePrograms.program(example)
    let graph = FlowGraph(program: program)
    #expect(
      Set(graph.nodes.filter { $0.kind != .start && $0.kind != .global }.map(\.id))
        == Set(program.states.keys))
    var transitions = program.global.count + 1  // + launch
    for state in program.states.values {
      switch state.kind {
      case .ask(let ask): transitions += ask.on.count
      case .tell: break
      case .choose(let choose): transitions += choose.branches.count + 1
      case .connections(let connections): transitions += connections.on.count
      }
    }
    #expect(graph.edges.count == transitions)
  }

  @Test func chargePathsAndOutcomesAreMarked() throws {
    let graph = FlowGraph(program: try ExamplePrograms.program("no-nicks"))
    func node(_ id: String) throws -> Int {
      try #require(graph.nodes.firstIndex { $0.id == id && $0.kind != .start })
    }
    let charge = try node("charge")
    #expect(graph.nodes[charge].kind == .connections(.charge))
    #expect(graph.nodes[try node("setup")].kind == .connections(.setup))
    for id in ["welcome", "confirm_order", "setup", "checkout", "charge"] {
      #expect(graph.nodes[try node(id)].leadsToCharge, "\(id)")
    }
    for id in ["thanks", "goodbye", "declined"] {
      #expect(!graph.nodes[try node(id)].leadsToCharge, "\(id)")
    }
    let checkout = try node("checkout")
    #expect(graph.edges.contains { $0.from == checkout && $0.to == charge && $0.isOnChargePath })
    let outcomes = graph.edges.filter { $0.from == charge }.map(\.label)
    #expect(outcomes.map { $0[0] } == ["success", "declined", "permission_denied", "error"])
    #expect(graph.nodes.allSatisfy { $0.isReachable })
  }

  /// Reachability and charge paths as the fixpoint of the graph's own edges (the rules the
  /// marks follow, applied until nothing changes), on random flows: the marks are one search
  /// each over lists of edges, no longer a pass over every edge per node or per change.
  @Test func marksAreTheFixpointOfTheEdges() throws {
    let base = try ExamplePrograms.program("no-nicks")
    guard case .connections(let charge) = try #require(base.states["charge"]).kind else {
      Issue.record("'charge' is not a charge state")
      return
    }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<200 {
      var program = base
      let ids = (0..<Int.random(in: 1...30, using: &generator)).map { "r\($0)" }
      func target() -> String { ids.randomElement(using: &generator)! }
      for id in ids {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0:
          program.states[id] = State(
            id: id, kind: .tell(TellState(prompt: "goodbye", card: nil, permissionCard: false)))
        case 1:
          var on: [PaymentOutcome: Transition] = [:]
          for outcome in charge.task.outcomes where Bool.random(using: &generator) {
            on[outcome] = Transition(goto: target())
          }
          program.states[id] = State(
            id: id, kind: .connections(ConnectionsState(task: charge.task, on: on)))
        default:
          var on: [String: Transition] = [:]
          for intent in ["AMAZON.YesIntent", "AMAZON.NoIntent", "BuyIntent"]
          where Bool.random(using: &generator) {
            on[intent] = Transition(goto: target())
          }
          program.states[id] = State(
            id: id, kind: .ask(AskState(prompt: "welcome", reprompt: nil, card: nil, on: on)))
        }
      }
      if Bool.random(using: &generator) { program.start = ids[0] }
      program.global = [:]
      for intent in ["AMAZON.HelpIntent", "AMAZON.StopIntent"]
      where Bool.random(using: &generator) {
        program.global[intent] = Transition(goto: target())
      }
      let graph = FlowGraph(program: program)
      let global = graph.nodes.firstIndex { $0.kind == .global }
      let asks = graph.nodes.indices.filter { graph.nodes[$0].kind == .ask }
      var reached: Set<Int> = [0]
      var leads = Set(graph.nodes.indices.filter { graph.nodes[$0].kind == .connections(.charge) })
      var changed = true
      while changed {
        changed = false
        for edge in graph.edges {
          if reached.contains(edge.from), reached.insert(edge.to).inserted { changed = true }
          if leads.contains(edge.to), leads.insert(edge.from).inserted { changed = true }
        }
        if let global, asks.contains(where: reached.contains), reached.insert(global).inserted {
          changed = true
        }
        if let global, leads.contains(global) {
          for ask in asks where leads.insert(ask).inserted { changed = true }
        }
      }
      #expect(graph.nodes.indices.filter { graph.nodes[$0].isReachable } == reached.sorted())
      #expect(graph.nodes.indices.filter { graph.nodes[$0].leadsToCharge } == leads.sorted())
      #expect(graph.edges.map(\.isOnChargePath) == graph.edges.map { leads.contains($0.to) })
    }
  }

  @Test func unreachableStatesAreMarked() throws {
    var program = try ExamplePrograms.program("no-nicks")
    program.states["orphan"] = State(
      id: "orphan", kind: .tell(TellState(prompt: "goodbye", card: nil, permissionCard: false)))
    let graph = FlowGraph(program: program)
    let orphan = try #require(graph.nodes.first { $0.id == "orphan" })
    #expect(!orphan.isReachable)
    #expect(GraphFormat.dot.render(graph).contains("orphan\\ntell: goodbye\\n(unreachable)"))
  }

  @Test func mermaidNamesCannotCollideWithKeywords() throws {
    var program = try ExamplePrograms.program("no-nicks")
    program.states["end"] = State(
      id: "end", kind: .tell(TellState(prompt: "goodbye", card: nil, permissionCard: false)))
    let text = GraphFormat.mermaid.render(FlowGraph(program: program))
    #expect(text.contains("s_end([\"end<br/>tell: goodbye<br/>(unreachable)\"])"))
  }

  static let dot = Tooling.executable("dot")

  /// Graphviz reads every example's graph: a broken DOT file fails here.
  @Test(.enabled(if: dot != nil, "needs Graphviz's dot"), arguments: ExamplePrograms.names)
  func graphvizRendersEveryExample(example: String) throws {
    let folder = try TemporaryDirectory(prefix: "flowc-graph")
    defer { folder.remove() }
    let input = folder.url.appendingPathComponent("\(example).dot")
    try Data(GraphFormat.dot.render(FlowGraph(program: try ExamplePrograms.program(example))).utf8)
      .write(to: input)
    let dot = try #require(Self.dot)
    let run = try TestProcess.run(dot, ["-Tsvg", input.path])
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.contains("<svg"))
    #expect(!run.stderr.lowercased().contains("warning"), "\(run.stderr.prefix(400))")
  }
}
