/// The flow's states as a graph, with the analyses the checks need: reachability, a path to
/// an end, definite assignment of variables and whether the total was spoken before a charge.
///
/// Variables are the base variables of the language (`product`, `agreement.id`, …) and are
/// handled as bit sets, so every analysis is linear in the size of the graph (times a small
/// constant for the number of variables).
struct StateGraph {
  /// What leaving a state by one transition does.
  struct Edge {
    /// The state left.
    var source: Int
    /// The state entered (the same as `source` for a transition without `goto`).
    var target: Int
    /// The base variables definitely set when the edge is taken.
    var gains: VariableSet
    /// Whether the edge changes the order total (it sets `product` or `quantity`).
    var changesTotal: Bool
  }

  /// What kind of state a node is, as far as the analyses care.
  enum NodeKind {
    case ask, tell, setup, charge, choose
  }

  /// State ids in source order.
  let ids: [String]
  /// The kind of each state.
  let kinds: [NodeKind]
  /// Outgoing edges of each state.
  let successors: [[Edge]]
  /// The start state.
  let start: Int
  /// Variables set at launch.
  let initial: VariableSet

  /// The states reachable from the start.
  func reachable() -> [Bool] {
    BreadthFirstSearch(count: ids.count, from: [start]) { successors[$0].map(\.target) }.seen
  }

  /// The states from which some `tell` state can be reached.
  func reachesEnd() -> [Bool] {
    var predecessors = [[Int]](repeating: [], count: ids.count)
    for edges in successors {
      for edge in edges where edge.source != edge.target {
        predecessors[edge.target].append(edge.source)
      }
    }
    let ends = kinds.indices.filter { kinds[$0] == .tell }
    return BreadthFirstSearch(count: ids.count, from: ends) { predecessors[$0] }.seen
  }

  /// For each state, the variables set on every path from the start into it (definite
  /// assignment: intersection at joins). Unreachable states get every variable.
  ///
  /// Sets start full and only shrink: a state's outgoing facts are intersected into each
  /// successor, which is queued again when its set shrank, so every edge is visited a bounded
  /// number of times (at most once per variable lost).
  func definitelySet() -> [VariableSet] {
    var entry = [VariableSet](repeating: .all, count: ids.count)
    entry[start] = initial
    var queued = [Bool](repeating: false, count: ids.count)
    var visited = [Bool](repeating: false, count: ids.count)
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
  func path(to goal: Int, without variable: VariableSet) -> [String]? {
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
      search = BreadthFirstSearch(count: graph.ids.count, from: [graph.start]) { node in
        graph.successors[node].filter { $0.gains.intersection(variable).isEmpty }.map(\.target)
      }
    }

    /// The path from the start to `goal`, or `nil` when the tree does not reach it.
    func path(to goal: Int) -> [String]? {
      search?.route(to: goal)?.map { ids[$0] }
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
    mutating func path(to goal: Int, without variable: VariableSet) -> [String]? {
      if let tree = trees[variable.bits] { return tree.path(to: goal) }
      let tree = PathTree(graph, without: variable)
      trees[variable.bits] = tree
      return tree.path(to: goal)
    }
  }

  /// The states that some path enters after the order total changed without passing an
  /// `ask` state since, and a way to name such a path.
  func unspokenTotal() -> UnspokenTotalPaths {
    // Nodes are (state, total unspoken) pairs: index * 2 + bit.
    let search = BreadthFirstSearch(count: ids.count * 2, from: [start * 2]) { node in
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
  func path(to state: Int) -> [String]? {
    search.route(to: state * 2 + 1)?.map { ids[$0 / 2] }
  }
}

/// A breadth-first search over the nodes `0..<count`: which nodes it reached and, for each,
/// the node it was first reached from, so that a shortest route can be read back. Every node
/// is queued at most once, so the search is linear in the nodes and the edges followed.
struct BreadthFirstSearch {
  /// Whether each node was reached.
  private(set) var seen: [Bool]
  /// The node each reached node was first reached from; `nil` for the sources.
  private(set) var previous: [Int?]

  /// Searches from `sources`, following `next`, and stops once `goal` (if any) is dequeued.
  init(count: Int, from sources: [Int], until goal: Int? = nil, next: (Int) -> [Int]) {
    seen = [Bool](repeating: false, count: count)
    previous = [Int?](repeating: nil, count: count)
    for source in sources { seen[source] = true }
    var queue = sources
    var head = 0
    while head < queue.count {
      let node = queue[head]
      head += 1
      if node == goal { break }
      for target in next(node) where !seen[target] {
        seen[target] = true
        previous[target] = node
        queue.append(target)
      }
    }
  }

  /// The route from a source to `goal`, source first; `nil` when `goal` was not reached.
  func route(to goal: Int) -> [Int]? {
    guard seen[goal] else { return nil }
    var route = [goal]
    var node = goal
    while let before = previous[node] {
      route.append(before)
      node = before
    }
    return route.reversed()
  }
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
