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
    var seen = [Bool](repeating: false, count: ids.count)
    var queue = [start]
    seen[start] = true
    var head = 0
    while head < queue.count {
      let node = queue[head]
      head += 1
      for edge in successors[node] where !seen[edge.target] {
        seen[edge.target] = true
        queue.append(edge.target)
      }
    }
    return seen
  }

  /// The states from which some `tell` state can be reached.
  func reachesEnd() -> [Bool] {
    var predecessors = [[Int]](repeating: [], count: ids.count)
    for edges in successors {
      for edge in edges where edge.source != edge.target {
        predecessors[edge.target].append(edge.source)
      }
    }
    var seen = kinds.map { $0 == .tell }
    var queue = seen.indices.filter { seen[$0] }
    var head = 0
    while head < queue.count {
      let node = queue[head]
      head += 1
      for predecessor in predecessors[node] where !seen[predecessor] {
        seen[predecessor] = true
        queue.append(predecessor)
      }
    }
    return seen
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
    let previous: [Int?]
    let seen: [Bool]

    init(_ graph: StateGraph, without variable: VariableSet) {
      ids = graph.ids
      var previous = [Int?](repeating: nil, count: graph.ids.count)
      var seen = [Bool](repeating: false, count: graph.ids.count)
      if graph.initial.intersection(variable).isEmpty {
        seen[graph.start] = true
        var queue = [graph.start]
        var head = 0
        while head < queue.count {
          let node = queue[head]
          head += 1
          for edge in graph.successors[node]
          where !seen[edge.target] && edge.gains.intersection(variable).isEmpty {
            seen[edge.target] = true
            previous[edge.target] = node
            queue.append(edge.target)
          }
        }
      }
      self.previous = previous
      self.seen = seen
    }

    /// The path from the start to `goal`, or `nil` when the tree does not reach it.
    func path(to goal: Int) -> [String]? {
      guard seen[goal] else { return nil }
      return StateGraph.route(to: goal, previous: previous).map { ids[$0] }
    }
  }

  /// The nodes from a search's root to `goal`, following `previous` back from `goal`.
  static func route(to goal: Int, previous: [Int?]) -> [Int] {
    var route = [goal]
    var node = goal
    while let before = previous[node] {
      route.append(before)
      node = before
    }
    return route.reversed()
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
    let count = ids.count * 2
    var previous = [Int?](repeating: nil, count: count)
    var seen = [Bool](repeating: false, count: count)
    let first = start * 2
    seen[first] = true
    var queue = [first]
    var head = 0
    while head < queue.count {
      let node = queue[head]
      head += 1
      let state = node / 2
      let unspoken = node % 2 == 1
      let passesAsk = kinds[state] == .ask
      for edge in successors[state] {
        let next = edge.changesTotal || (unspoken && !passesAsk)
        let target = edge.target * 2 + (next ? 1 : 0)
        if !seen[target] {
          seen[target] = true
          previous[target] = node
          queue.append(target)
        }
      }
    }
    return UnspokenTotalPaths(ids: ids, seen: seen, previous: previous)
  }
}

/// The result of ``StateGraph/unspokenTotal()``.
struct UnspokenTotalPaths {
  let ids: [String]
  let seen: [Bool]
  let previous: [Int?]

  /// A path into `state` with the total unspoken, or `nil` when there is none.
  func path(to state: Int) -> [String]? {
    let goal = state * 2 + 1
    guard seen[goal] else { return nil }
    return StateGraph.route(to: goal, previous: previous).map { ids[$0 / 2] }
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
