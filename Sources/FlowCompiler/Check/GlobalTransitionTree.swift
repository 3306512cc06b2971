/// The `flow.global` transitions as shared nodes of the ``StateGraph``.
///
/// A global transition applies in every `ask` state that does not handle its intent itself.
/// Drawn as an edge of each such state, the graph (and every analysis over it) would grow as
/// `ask` states × global transitions. Instead each transition is a leaf of a balanced tree of
/// virtual nodes, and an `ask` state has edges to the few tree nodes that cover exactly the
/// transitions that apply in it: the root when it handles none of the global intents, and
/// O(k log g) nodes when it handles k of the g. The graph stays linear in the flow.
///
/// The tree's nodes are numbered from `base` (after the states); the root is `base`.
struct GlobalTransitionTree {
  /// The node number of the root.
  let base: Int
  /// The number of global transitions (leaves).
  let count: Int
  /// Per tree node (numbered from `base`), the transitions it covers.
  private var spans: [Range<Int>] = []
  /// Per tree node, its two children (empty for a leaf).
  private var children: [[Int]] = []

  /// A tree over `count` transitions, numbered from `base`; empty when `count` is 0.
  init(base: Int, count: Int) {
    self.base = base
    self.count = count
    if count > 0 { _ = build(0..<count) }
  }

  /// The tree's node numbers, parents before children.
  var nodes: Range<Int> { base..<(base + spans.count) }

  /// Whether `node` is a node of the tree (not a state).
  func isNode(_ node: Int) -> Bool { nodes.contains(node) }

  /// The children of a tree node (none for a leaf).
  func children(of node: Int) -> [Int] { children[node - base] }

  /// The transition a leaf stands for; `nil` for an inner node.
  func transition(atLeaf node: Int) -> Int? {
    let span = spans[node - base]
    return span.count == 1 ? span.lowerBound : nil
  }

  /// Numbers the nodes of `span` depth-first, parents first.
  private mutating func build(_ span: Range<Int>) -> Int {
    let node = base + spans.count
    spans.append(span)
    children.append([])
    if span.count > 1 {
      let middle = span.lowerBound + span.count / 2
      let left = build(span.lowerBound..<middle)
      let right = build(middle..<span.upperBound)
      children[node - base] = [left, right]
    }
    return node
  }

  /// The tree nodes that cover every transition except `excluded`, left to right.
  ///
  /// - Parameter excluded: Transition numbers, sorted, without repeats.
  /// - Returns: Nodes whose spans are disjoint and together hold exactly the transitions not
  ///   excluded, in transition order.
  func cover(excluding excluded: [Int]) -> [Int] {
    guard count > 0 else { return [] }
    var nodes: [Int] = []
    var lower = 0
    for upper in excluded + [count] {
      if lower < upper { collect(lower..<upper, from: base, into: &nodes) }
      lower = upper + 1
    }
    return nodes
  }

  private func collect(_ wanted: Range<Int>, from node: Int, into nodes: inout [Int]) {
    let span = spans[node - base]
    guard span.overlaps(wanted) else { return }
    if wanted.lowerBound <= span.lowerBound, span.upperBound <= wanted.upperBound {
      nodes.append(node)
      return
    }
    for child in children[node - base] { collect(wanted, from: child, into: &nodes) }
  }
}
