import FlowIR

/// The graph of what one turn does without the customer: from a `choose` state to its branches,
/// from a `setup` or `charge` state to the states its outcomes go to. A cycle in it repeats
/// payments (or branches forever) without asking anyone; a long path in it exceeds
/// ``FlowProgram/maximumStatesPerTurn``.
struct SilentGraph {
  /// Every edge a turn (or the turn that resumes after Amazon Pay) takes without the customer:
  /// `choose` branches and payment outcomes.
  let successors: [[Int]]
  /// The edges taken within one turn: `choose` branches and `permission_denied` outcomes
  /// (taken at once when the permission is missing).
  let sameTurnSuccessors: [[Int]]

  /// The strongly connected components that hold a cycle (more than one state, or a state
  /// that leads to itself), each sorted, in order of their first state.
  func cycles() -> [[Int]] {
    let count = successors.count
    var index = [Int](repeating: -1, count: count)
    var lowLink = [Int](repeating: 0, count: count)
    var onStack = [Bool](repeating: false, count: count)
    var stack: [Int] = []
    var next = 0
    var components: [[Int]] = []
    // Iterative Tarjan: (node, position in its successors).
    for root in 0..<count where index[root] < 0 {
      var work = [(node: root, edge: 0)]
      index[root] = next
      lowLink[root] = next
      next += 1
      stack.append(root)
      onStack[root] = true
      while let (node, edge) = work.last {
        if edge < successors[node].count {
          work[work.count - 1].edge += 1
          let target = successors[node][edge]
          if index[target] < 0 {
            index[target] = next
            lowLink[target] = next
            next += 1
            stack.append(target)
            onStack[target] = true
            work.append((target, 0))
          } else if onStack[target] {
            lowLink[node] = min(lowLink[node], index[target])
          }
          continue
        }
        work.removeLast()
        if let parent = work.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
        guard lowLink[node] == index[node] else { continue }
        var component: [Int] = []
        while let member = stack.popLast() {
          onStack[member] = false
          component.append(member)
          if member == node { break }
        }
        if component.count > 1 || successors[node].contains(node) {
          components.append(component.sorted())
        }
      }
    }
    return components.sorted { $0[0] < $1[0] }
  }

  /// A cycle from `node` back to itself within `members` (a component of ``cycles()``), as
  /// the states passed, `node` first and last.
  func cycle(through node: Int, within members: Set<Int>) -> [Int] {
    var previous: [Int: Int] = [:]
    var queue = [node]
    var head = 0
    while head < queue.count {
      let current = queue[head]
      head += 1
      for target in successors[current] where members.contains(target) {
        if target == node {
          var route = [node]
          var step = current
          while step != node {
            route.append(step)
            step = previous[step]!
          }
          route.append(node)
          return route.reversed()
        }
        if previous[target] == nil {
          previous[target] = current
          queue.append(target)
        }
      }
    }
    return [node]
  }

  /// For each state, the most states a turn enters when it enters this one (itself included),
  /// following ``sameTurnSuccessors``; states on a cycle count as 1 (the cycle is reported on
  /// its own), and `next[state]` is the successor on a longest chain.
  func longestChains() -> (lengths: [Int], next: [Int?]) {
    let count = sameTurnSuccessors.count
    var lengths = [Int](repeating: 0, count: count)
    var next = [Int?](repeating: nil, count: count)
    // 0: unvisited, 1: on the path, 2: done.
    var status = [UInt8](repeating: 0, count: count)
    for root in 0..<count where status[root] == 0 {
      var work = [(node: root, edge: 0)]
      status[root] = 1
      while let (node, edge) = work.last {
        if edge < sameTurnSuccessors[node].count {
          work[work.count - 1].edge += 1
          let target = sameTurnSuccessors[node][edge]
          if status[target] == 0 {
            status[target] = 1
            work.append((target, 0))
          }
          continue
        }
        work.removeLast()
        status[node] = 2
        var best = 1
        for target in sameTurnSuccessors[node] where status[target] == 2 && target != node {
          if 1 + lengths[target] > best {
            best = 1 + lengths[target]
            next[node] = target
          }
        }
        lengths[node] = best
      }
    }
    return (lengths, next)
  }
}

extension FlowChecker {
  /// Payment loops, `choose` cycles and turns longer than the runtime allows.
  ///
  /// - Parameters:
  ///   - states: The states in source order.
  ///   - kinds: Their kinds.
  ///   - index: State id → position.
  ///   - reachable: Whether each state is reachable from the start.
  ///   - ranges: Where each state is declared.
  ///   - diagnostics: Where problems are added.
  func checkTurns(
    states: [StateSyntax], kinds: [StateGraph.NodeKind], index: [String: Int],
    reachable: [Bool], ranges: [SourceRange], into diagnostics: inout [Diagnostic]
  ) {
    let ids = symbols.stateIds
    var successors: [[Int]] = []
    var sameTurn: [[Int]] = []
    for state in states {
      var all: [Int] = []
      var now: [Int] = []
      switch state.kind {
      case .ask, .tell:
        break
      case .setup, .charge:
        for handler in state.on {
          guard let goto = handler.value?.goto, let target = index[goto.value] else { continue }
          all.append(target)
          if handler.key.value == PaymentOutcome.permissionDenied.rawValue { now.append(target) }
        }
      case .choose(let choose):
        for target in choose.branches.map(\.goto) + [choose.otherwise].compactMap({ $0 }) {
          guard let position = index[target.value] else { continue }
          all.append(position)
          now.append(position)
        }
      }
      successors.append(all)
      sameTurn.append(now)
    }
    let graph = SilentGraph(successors: successors, sameTurnSuccessors: sameTurn)
    func names(_ route: [Int]) -> [String] { route.map { ids[$0] } }

    for component in graph.cycles() where reachable[component[0]] {
      let members = Set(component)
      if let payment = component.first(where: { kinds[$0] == .setup || kinds[$0] == .charge }) {
        diagnostics.append(
          DiagnosticCatalogue.paymentLoop(
            ids[payment], kind: states[payment].kind.keyword, at: states[payment].kindKeyRange,
            via: names(graph.cycle(through: payment, within: members))))
      } else {
        let first = component[0]
        diagnostics.append(
          DiagnosticCatalogue.chooseCycle(
            ids[first], at: ranges[first], via: names(graph.cycle(through: first, within: members))
          ))
      }
    }

    let limit = FlowProgram.maximumStatesPerTurn
    let (lengths, next) = graph.longestChains()
    var headed = [Bool](repeating: false, count: ids.count)
    for (position, targets) in sameTurn.enumerated() where lengths[position] > limit {
      for target in targets { headed[target] = true }
    }
    for position in ids.indices
    where reachable[position] && lengths[position] > limit && !headed[position] {
      var route = [position]
      while route.count <= limit, let step = next[route[route.count - 1]] { route.append(step) }
      diagnostics.append(
        DiagnosticCatalogue.turnTooLong(
          ids[position], states: lengths[position], limit: limit, at: ranges[position],
          via: names(route)))
    }
  }
}
