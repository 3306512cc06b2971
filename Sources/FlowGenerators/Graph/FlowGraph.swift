public import FlowIR

/// The state diagram of a flow, as a structured value that the DOT and Mermaid printers draw:
/// every state and every transition, the payment states, the paths into a charge, and the
/// states that cannot be reached.
public struct FlowGraph: Sendable, Equatable {
  /// What a node stands for.
  public enum NodeKind: Sendable, Equatable {
    /// The entry point (launch), drawn as a dot.
    case start
    /// The `global` transitions, taken from any `ask` state that does not handle the intent.
    case global
    /// An `ask` state.
    case ask
    /// A `tell` state.
    case tell
    /// A `choose` state.
    case choose
    /// A Connections state (Amazon Pay Setup or Charge).
    case connections(ConnectionsTaskName)
  }

  /// A node: a state or one of the two pseudo-nodes.
  public struct Node: Sendable, Equatable {
    /// The state id, or `start` / `global` for the pseudo-nodes (see ``kind``).
    public var id: String
    /// What it stands for.
    public var kind: NodeKind
    /// The second line of the label, such as `ask: welcome` or `Charge (amazon_pay)`.
    public var detail: String?
    /// Whether the node can be reached from the start.
    public var isReachable: Bool
    /// Whether a charge can follow from this node (it is a charge or leads to one).
    public var leadsToCharge: Bool
  }

  /// What kind of event an edge stands for.
  public enum EdgeKind: Sendable, Equatable {
    /// Launch enters the start state.
    case launch
    /// An intent of an `ask` state or of `global`.
    case intent
    /// A payment outcome of a Connections state.
    case outcome(PaymentOutcome)
    /// A guarded branch of a `choose` state.
    case branch
    /// The `else` of a `choose` state.
    case otherwise
  }

  /// An edge: a transition.
  public struct Edge: Sendable, Equatable {
    /// Index of the source in ``FlowGraph/nodes``.
    public var from: Int
    /// Index of the target in ``FlowGraph/nodes`` (the source itself when the transition
    /// stays in the state).
    public var to: Int
    /// The label lines: the intent, outcome or condition first, then `say …` and `set …`.
    public var label: [String]
    /// What the edge stands for.
    public var kind: EdgeKind
    /// Whether the edge lies on a path into a charge.
    public var isOnChargePath: Bool
  }

  /// The nodes: the start, the states in breadth-first order from the start state (the
  /// unreachable ones after them, sorted), then `global` when the flow has global transitions.
  public var nodes: [Node]
  /// The edges, per node in node order, each node's transitions in a stable order.
  public var edges: [Edge]

  /// Builds the graph of a flow.
  ///
  /// - Parameter program: The compiled flow.
  public init(program: FlowProgram) {
    let order = Self.stateOrder(program)
    var nodes = [
      Node(id: "start", kind: .start, detail: nil, isReachable: true, leadsToCharge: false)
    ]
    var index: [String: Int] = [:]
    for id in order {
      guard let state = program.states[id] else { continue }
      index[id] = nodes.count
      nodes.append(
        Node(
          id: id, kind: Self.kind(of: state), detail: Self.detail(of: state), isReachable: false,
          leadsToCharge: false))
    }
    let globalIndex: Int? = program.global.isEmpty ? nil : nodes.count
    if globalIndex != nil {
      nodes.append(
        Node(
          id: "global", kind: .global, detail: "any ask state", isReachable: false,
          leadsToCharge: false))
    }

    var edges: [Edge] = []
    func add(_ from: Int, _ transition: Transition, first: String, kind: EdgeKind) {
      let target = transition.goto.flatMap { index[$0] } ?? from
      var label = [first]
      if let say = transition.say { label.append("say \(say)") }
      if !transition.set.isEmpty {
        label.append("set " + transition.set.map(\.variable).joined(separator: ", "))
      }
      edges.append(Edge(from: from, to: target, label: label, kind: kind, isOnChargePath: false))
    }
    if let startIndex = index[program.start] {
      edges.append(
        Edge(from: 0, to: startIndex, label: ["launch"], kind: .launch, isOnChargePath: false))
    }
    for id in order {
      guard let from = index[id], let state = program.states[id] else { continue }
      switch state.kind {
      case .ask(let ask):
        for (intent, transition) in ask.on.sorted(by: { $0.key < $1.key }) {
          add(from, transition, first: intent, kind: .intent)
        }
      case .tell:
        break
      case .choose(let choose):
        for branch in choose.branches {
          add(
            from, Transition(goto: branch.goto), first: "if \(branch.condition.sourceText)",
            kind: .branch)
        }
        add(from, Transition(goto: choose.otherwise), first: "else", kind: .otherwise)
      case .connections(let connections):
        for outcome in connections.task.outcomes {
          guard let transition = connections.on[outcome] else { continue }
          add(from, transition, first: outcome.rawValue, kind: .outcome(outcome))
        }
      }
    }
    if let globalIndex {
      for (intent, transition) in program.global.sorted(by: { $0.key < $1.key }) {
        add(globalIndex, transition, first: intent, kind: .intent)
      }
    }
    self.nodes = nodes
    self.edges = edges
    markReachable()
    markChargePaths()
  }

  /// Start, then breadth-first over the transitions (global targets after the states that
  /// reach them), then the states not reached, sorted.
  private static func stateOrder(_ program: FlowProgram) -> [String] {
    var order: [String] = []
    var seen = Set<String>()
    var queue =
      [program.start] + program.global.keys.sorted().compactMap { program.global[$0]?.goto }
    var head = 0
    while head < queue.count {
      let id = queue[head]
      head += 1
      guard let state = program.states[id], seen.insert(id).inserted else { continue }
      order.append(id)
      queue += successors(of: state)
    }
    order += program.states.keys.filter { !seen.contains($0) }.sorted()
    return order
  }

  private static func successors(of state: State) -> [String] {
    switch state.kind {
    case .ask(let ask): ask.on.keys.sorted().compactMap { ask.on[$0]?.goto }
    case .tell: []
    case .choose(let choose): choose.branches.map(\.goto) + [choose.otherwise]
    case .connections(let connections):
      connections.task.outcomes.compactMap { connections.on[$0]?.goto }
    }
  }

  private static func kind(of state: State) -> NodeKind {
    switch state.kind {
    case .ask: .ask
    case .tell: .tell
    case .choose: .choose
    case .connections(let connections): .connections(connections.task.name)
    }
  }

  private static func detail(of state: State) -> String {
    switch state.kind {
    case .ask(let ask): "ask: \(ask.prompt)"
    case .tell(let tell): "tell: \(tell.prompt)"
    case .choose: "choose"
    case .connections(let connections):
      "\(connections.task.name.rawValue) (\(connections.task.profile.rawValue))"
    }
  }

  /// Marks what the start reaches; `global` counts as reached once an `ask` state is.
  /// A breadth-first search over each node's edges: linear in the graph.
  private mutating func markReachable() {
    var successors = [[Int]](repeating: [], count: nodes.count)
    for edge in edges { successors[edge.from].append(edge.to) }
    let globalIndex = nodes.firstIndex { $0.kind == .global }
    var reached = [Bool](repeating: false, count: nodes.count)
    reached[0] = true
    var queue = [0]
    var head = 0
    while head < queue.count {
      let node = queue[head]
      head += 1
      var next = successors[node]
      if nodes[node].kind == .ask, let globalIndex { next.append(globalIndex) }
      for target in next where !reached[target] {
        reached[target] = true
        queue.append(target)
      }
    }
    for node in nodes.indices where reached[node] { nodes[node].isReachable = true }
  }

  /// Marks the nodes from which a charge can follow and the edges into them: a search
  /// backwards from the charges over each node's incoming edges, linear in the graph.
  private mutating func markChargePaths() {
    var predecessors = [[Int]](repeating: [], count: nodes.count)
    for edge in edges { predecessors[edge.to].append(edge.from) }
    let globalIndex = nodes.firstIndex { $0.kind == .global }
    var leads = [Bool](repeating: false, count: nodes.count)
    var queue = nodes.indices.filter { nodes[$0].kind == .connections(.charge) }
    for node in queue { leads[node] = true }
    var head = 0
    while head < queue.count {
      let node = queue[head]
      head += 1
      var before = predecessors[node]
      // An ask state can take a global transition into a charge path.
      if node == globalIndex { before += nodes.indices.filter { nodes[$0].kind == .ask } }
      for source in before where !leads[source] {
        leads[source] = true
        queue.append(source)
      }
    }
    for node in nodes.indices where leads[node] { nodes[node].leadsToCharge = true }
    for edge in edges.indices where leads[edges[edge].to] {
      edges[edge].isOnChargePath = true
    }
  }
}
