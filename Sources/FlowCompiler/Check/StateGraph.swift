/// The flow's states as a graph, with the analyses the checks need: reachability, a path to
/// an end, definite assignment of variables and whether the total was spoken before a charge.
///
/// Variables are the base variables of the language (`product`, `agreement.id`, …) and are
/// handled as bit sets, so every analysis is linear in the size of the graph (times a small
/// constant for the number of variables).
///
/// Nodes after the states are ``NodeKind/virtual``: places where edges of many states meet
/// (the `flow.global` transitions, see ``GlobalTransitionTree``). A path through them is a path
/// through the states; they are not counted in a path's length and never named.
struct StateGraph {
  /// What leaving a state by one transition does.
  ///
  /// The node numbers are stored in 32 bits, so that an edge takes 24 bytes, not 32: every
  /// state is a distinct key of the file (at least two bytes of it) and takes hundreds of
  /// bytes of syntax, so no flow that fits in memory comes near 2³¹ nodes.
  struct Edge {
    private var storedSource: Int32
    private var storedTarget: Int32
    /// The base variables definitely set when the edge is taken.
    var gains: VariableSet
    /// Whether the edge changes the order total (it sets `product` or `quantity`).
    var changesTotal: Bool

    /// The state left.
    var source: Int { Int(storedSource) }
    /// The state entered (the same as `source` for a transition without `goto`).
    var target: Int { Int(storedTarget) }

    init(source: Int, target: Int, gains: VariableSet, changesTotal: Bool) {
      storedSource = Int32(source)
      storedTarget = Int32(target)
      self.gains = gains
      self.changesTotal = changesTotal
    }
  }

  /// What kind of state a node is, as far as the analyses care.
  enum NodeKind {
    case ask, tell, setup, charge, choose
    /// Not a state: a node that edges of many states share.
    case virtual
  }

  /// State ids in source order: nodes `0..<ids.count`.
  let ids: [String]
  /// The kind of each node (states, then virtual nodes).
  let kinds: [NodeKind]
  /// Outgoing edges of each node.
  let successors: [[Edge]]
  /// The start state.
  let start: Int
  /// Variables set at launch.
  let initial: VariableSet

  /// How many nodes the graph has: the states, then the virtual nodes.
  var nodeCount: Int { kinds.count }

  /// Whether a node is virtual (not a state).
  func isVirtual(_ node: Int) -> Bool { kinds[node] == .virtual }

  /// The nodes reachable from the start.
  func reachable() -> [Bool] {
    BreadthFirstSearch(count: nodeCount, from: [start]) { successors[$0].map(\.target) }.seen
  }

  /// The nodes from which some `tell` state can be reached.
  func reachesEnd() -> [Bool] {
    let predecessors = predecessors()
    let ends = kinds.indices.filter { kinds[$0] == .tell }
    return BreadthFirstSearch(count: nodeCount, from: ends) { predecessors[$0] }.seen
  }

  /// The nodes each node is entered from (self-loops left out), in the order of the edges.
  func predecessors() -> AdjacencyLists {
    var counts = [Int](repeating: 0, count: nodeCount)
    for edges in successors {
      for edge in edges where edge.source != edge.target { counts[edge.target] += 1 }
    }
    return AdjacencyLists(counts: counts) { add in
      for edges in successors {
        for edge in edges where edge.source != edge.target { add(edge.target, edge.source) }
      }
    }
  }

  /// For each state, the variables set on every path from the start into it (definite
  /// assignment: intersection at joins). Unreachable states get every variable.
  ///
  /// Sets start full and only shrink: a state's outgoing facts are intersected into each
  /// successor, which is queued again when its set shrank, so every edge is visited a bounded
  /// number of times (at most once per variable lost).
  func definitelySet() -> [VariableSet] {
    var entry = [VariableSet](repeating: .all, count: nodeCount)
    entry[start] = initial
    var queued = [Bool](repeating: false, count: nodeCount)
    var visited = [Bool](repeating: false, count: nodeCount)
    visited[start] = true
    var worklist = [start]
    queued[start] = true
    while let node = worklist.popLast() {
      queued[node] = false
      for edge in successors[node] {
        let target = edge.target
        let facts = entry[target].intersection(entry[node].union(edge.gains))
        if facts != entry[target] || !visited[target] {
          visited[target] = true
          entry[target] = facts
          if !queued[target] {
            queued[target] = true
            worklist.append(target)
          }
        }
      }
    }
    return entry
  }

  /// A path from the start to `goal` on which `variable` is never set, if there is one.
  func path(to goal: Int, without variable: VariableSet) -> StateRoute? {
    PathTree(self, without: variable).path(to: goal)
  }

  /// The breadth-first tree from the start over the edges that set none of some variables: the
  /// shortest such path to every state at once. Diagnostics that name a path (many of them on
  /// a large broken flow) share one tree per set of variables instead of one search each.
  struct PathTree {
    let ids: [String]
    /// `nil` when the variables are set at launch: no path avoids them.
    let search: BreadthFirstSearch?

    init(_ graph: StateGraph, without variable: VariableSet) {
      ids = graph.ids
      guard graph.initial.intersection(variable).isEmpty else {
        search = nil
        return
      }
      search = BreadthFirstSearch(
        count: graph.nodeCount, from: [graph.start], transparent: graph.isVirtual
      ) { node in
        graph.successors[node].filter { $0.gains.intersection(variable).isEmpty }.map(\.target)
      }
    }

    /// The path from the start to `goal`, or `nil` when the tree does not reach it.
    func path(to goal: Int) -> StateRoute? {
      search?.abbreviatedRoute(to: goal) { ids[$0] }
    }

    /// The last state of ``path(to:)``: `goal` itself, or for a virtual `goal` the state the
    /// path enters it from.
    func lastState(to goal: Int) -> Int? {
      search?.lastSolid(to: goal)
    }
  }

  /// The path trees of one graph, built on first use for each set of avoided variables.
  struct PathTrees {
    let graph: StateGraph
    private var trees: [UInt64: PathTree] = [:]

    init(_ graph: StateGraph) {
      self.graph = graph
    }

    /// How many trees were built: one per set of avoided variables asked for.
    var treeCount: Int { trees.count }

    /// As ``StateGraph/path(to:without:)``, sharing the search between calls.
    mutating func path(to goal: Int, without variable: VariableSet) -> StateRoute? {
      tree(without: variable).path(to: goal)
    }

    /// As ``PathTree/lastState(to:)``, sharing the search between calls.
    mutating func lastState(to goal: Int, without variable: VariableSet) -> Int? {
      tree(without: variable).lastState(to: goal)
    }

    private mutating func tree(without variable: VariableSet) -> PathTree {
      if let tree = trees[variable.bits] { return tree }
      let tree = PathTree(graph, without: variable)
      trees[variable.bits] = tree
      return tree
    }
  }

  /// The states that some path enters after the order total changed without passing an
  /// `ask` state since, and a way to name such a path.
  func unspokenTotal() -> UnspokenTotalPaths {
    // Nodes are (state, total unspoken) pairs: index * 2 + bit.
    func isVirtualPair(_ node: Int) -> Bool { isVirtual(node / 2) }
    let search = BreadthFirstSearch(
      count: nodeCount * 2, from: [start * 2], transparent: isVirtualPair
    ) { node in
      let state = node / 2
      let unspoken = node % 2 == 1
      let passesAsk = kinds[state] == .ask
      return successors[state].map { edge in
        let next = edge.changesTotal || (unspoken && !passesAsk)
        return edge.target * 2 + (next ? 1 : 0)
      }
    }
    return UnspokenTotalPaths(ids: ids, search: search)
  }
}

/// The result of ``StateGraph/unspokenTotal()``.
struct UnspokenTotalPaths {
  let ids: [String]
  let search: BreadthFirstSearch

  /// A path into `state` with the total unspoken, or `nil` when there is none.
  func path(to state: Int) -> StateRoute? {
    search.abbreviatedRoute(to: state * 2 + 1) { ids[$0 / 2] }
  }
}

/// A breadth-first search over the nodes `0..<count`: which nodes it reached and, for each,
/// the node it was first reached from, so that a shortest route can be read back. Every node
/// is queued at most once, so the search is linear in the nodes and the edges followed.
///
/// A *transparent* node costs no step: it is followed as soon as it is reached, before the
/// rest of the queue, and left out of routes. A graph whose edges of many nodes meet at shared
/// transparent nodes is searched in the order, and gives the routes, of the graph with those
/// edges drawn one by one.
struct BreadthFirstSearch {
  /// Whether each node was reached.
  private(set) var seen: [Bool]
  /// The node each reached node was first reached from; `nil` for the sources.
  private(set) var previous: [Int?]
  /// How many solid (not transparent) nodes each reached node is from its source.
  private var depth: [Int]
  /// For each reached node, the solid node of its route at depth
  /// `min(depth, StateRoute.shownAtEachEnd - 1)`: where the head of an abbreviated route ends.
  private var headEnd: [Int]
  /// Whether each reached node is transparent.
  private var transparent: [Bool]

  /// Searches from `sources`, following `next`, and stops once `goal` (if any) is dequeued.
  ///
  /// - Parameters:
  ///   - count: The number of nodes.
  ///   - sources: Where the search starts (solid nodes).
  ///   - goal: A node at which the search may stop.
  ///   - isTransparent: Which nodes cost no step (none by default).
  ///   - next: The successors of a node, in the order to follow them.
  init<Successors: Sequence<Int>>(
    count: Int, from sources: [Int], until goal: Int? = nil,
    transparent isTransparent: (Int) -> Bool = { _ in false }, next: (Int) -> Successors
  ) {
    var seen = [Bool](repeating: false, count: count)
    var previous = [Int?](repeating: nil, count: count)
    var depth = [Int](repeating: 0, count: count)
    var headEnd = [Int](repeating: 0, count: count)
    var transparent = [Bool](repeating: false, count: count)
    for source in sources {
      seen[source] = true
      headEnd[source] = source
    }
    var queue = sources
    var head = 0
    // Follows the edges of `node`, and at once those of each transparent node it reaches.
    func expand(_ node: Int) {
      for target in next(node) where !seen[target] {
        seen[target] = true
        previous[target] = node
        if isTransparent(target) {
          transparent[target] = true
          depth[target] = depth[node]
          headEnd[target] = headEnd[node]
          expand(target)
        } else {
          depth[target] = depth[node] + 1
          headEnd[target] = depth[target] < StateRoute.shownAtEachEnd ? target : headEnd[node]
          queue.append(target)
        }
      }
    }
    while head < queue.count {
      let node = queue[head]
      head += 1
      if node == goal { break }
      expand(node)
    }
    self.seen = seen
    self.previous = previous
    self.depth = depth
    self.headEnd = headEnd
    self.transparent = transparent
  }

  /// The route from a source to `goal`, source first, without transparent nodes; `nil` when
  /// `goal` was not reached.
  func route(to goal: Int) -> [Int]? {
    guard seen[goal] else { return nil }
    var route: [Int] = []
    var node: Int? = goal
    while let current = node {
      if !transparent[current] { route.append(current) }
      node = previous[current]
    }
    return route.reversed()
  }

  /// The last solid node of the route to `goal`: `goal`, or the node the route enters the
  /// transparent `goal` from. `nil` when `goal` was not reached.
  func lastSolid(to goal: Int) -> Int? {
    guard seen[goal] else { return nil }
    var node = goal
    while transparent[node], let before = previous[node] { node = before }
    return node
  }

  /// The route from a source to `goal` as a note shows it, each node named by `name`: whole
  /// when short, else its first and last ``StateRoute/shownAtEachEnd`` nodes. Costs the number
  /// of nodes shown (and transparent nodes passed at the end), not the length of the route, so
  /// that many diagnostics on long routes stay linear. `nil` when `goal` was not reached.
  func abbreviatedRoute(to goal: Int, name: (Int) -> String) -> StateRoute? {
    guard seen[goal] else { return nil }
    let shown = StateRoute.shownAtEachEnd
    let count = depth[goal] + 1
    guard count > 2 * shown + 1 else { return StateRoute(route(to: goal)!.map(name)) }
    var tail: [Int] = []
    var node: Int? = goal
    while tail.count < shown, let current = node {
      if !transparent[current] { tail.append(current) }
      node = previous[current]
    }
    return StateRoute(
      head: route(to: headEnd[goal])!.map(name), omitted: count - 2 * shown,
      tail: tail.reversed().map(name))
  }
}

/// A route through the states, as a diagnostic's note names it: every state of a short route;
/// of a long one the first and last ``shownAtEachEnd`` and how many are left out between.
struct StateRoute: Equatable {
  /// How many states a long route shows at each end.
  static let shownAtEachEnd = 4

  /// The states from the start (all of them when `omitted` is 0).
  var head: [String]
  /// How many states are left out after `head`.
  var omitted: Int
  /// The last states, ending at the goal (empty when `omitted` is 0).
  var tail: [String]

  /// A route shown whole.
  init(_ states: [String]) {
    self.init(head: states, omitted: 0, tail: [])
  }

  /// A route with `omitted` states left out between `head` and `tail`.
  init(head: [String], omitted: Int, tail: [String]) {
    self.head = head
    self.omitted = omitted
    self.tail = tail
  }

  /// How many states the route has.
  var count: Int { head.count + omitted + tail.count }
}

/// A set of base variables as bits; at most 64 variables.
struct VariableSet: Equatable, Sendable {
  /// The bits.
  var bits: UInt64

  /// Every variable.
  static let all = VariableSet(bits: ~0)
  /// No variable.
  static let none = VariableSet(bits: 0)

  /// Whether no variable is in the set.
  var isEmpty: Bool { bits == 0 }

  /// The union.
  func union(_ other: VariableSet) -> VariableSet { VariableSet(bits: bits | other.bits) }

  /// The intersection.
  func intersection(_ other: VariableSet) -> VariableSet { VariableSet(bits: bits & other.bits) }

  /// Keeps only the variables also in `other`.
  mutating func formIntersection(_ other: VariableSet) { bits &= other.bits }

  /// Whether every variable of `other` is in the set.
  func isSuperset(of other: VariableSet) -> Bool { bits & other.bits == other.bits }
}

/// A list of nodes for each node of a graph (its predecessors, say), stored in one flat array
/// (the lists one after another) with each list's start, rather than as an array per node: a
/// graph of thousands of states takes two arrays instead of one per state. Built from the
/// lists' lengths, known in advance, so that nothing grows by doubling.
struct AdjacencyLists: RandomAccessCollection {
  /// Every list's nodes, the lists in node order.
  private let elements: [Int]
  /// Where each list starts in `elements`, and after the last one where it ends.
  private let starts: [Int32]

  /// Lists of known lengths, filled by `fill`, which calls `add(node, element)` for exactly
  /// `counts[node]` elements of each node, in the order each list is to have.
  init(counts: [Int], fill: ((_ node: Int, _ element: Int) -> Void) -> Void) {
    var starts = [Int32](repeating: 0, count: counts.count + 1)
    for (node, count) in counts.enumerated() {
      starts[node + 1] = starts[node] + Int32(count)
    }
    var next = starts.dropLast().map(Int.init)
    var elements = [Int](repeating: 0, count: Int(starts[counts.count]))
    fill { node, element in
      elements[next[node]] = element
      next[node] += 1
    }
    self.elements = elements
    self.starts = starts
  }

  var startIndex: Int { 0 }
  var endIndex: Int { starts.count - 1 }

  /// The list of a node.
  subscript(node: Int) -> ArraySlice<Int> {
    elements[Int(starts[node])..<Int(starts[node + 1])]
  }
}
