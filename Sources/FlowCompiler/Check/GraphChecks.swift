import FlowIR

extension FlowChecker {
  /// The bit of a base variable in a ``VariableSet``.
  static func variableSet(_ variables: some Sequence<BaseVariable>) -> VariableSet {
    var bits: UInt64 = 0
    for variable in variables { bits |= variableSet(variable).bits }
    return VariableSet(bits: bits)
  }

  /// The bit of one base variable: its position in `BaseVariable.allCases`, by a switch
  /// (`allCases` builds an array and compares raw-value strings on every use).
  static func variableSet(_ variable: BaseVariable) -> VariableSet {
    let position: UInt64
    switch variable {
    case .product: position = 0
    case .quantity: position = 1
    case .orderID: position = 2
    case .agreementID: position = 3
    case .agreementStatus: position = 4
    case .shipping: position = 5
    case .paymentError: position = 6
    case .paymentReason: position = 7
    }
    return VariableSet(bits: 1 << position)
  }

  /// Whether the catalog has a product and every product ships: what a `setup` state without
  /// `shipping` asks for.
  func everyProductShips() -> Bool {
    // Walked in place: a copy of the catalog cost more than the check.
    var anyProduct = false
    for product in syntax.products {
      guard let value = product.value else { continue }
      guard value.shipping?.value ?? false else { return false }
      anyProduct = true
    }
    return anyProduct
  }

  /// The prompts of a transition's `require`, spoken in the `ask` state before the
  /// transition is taken (so with nothing of its `set` assigned yet).
  static func requirePrompts(_ transition: TransitionSyntax) -> [String] {
    var prompts: [String] = []
    for required in transition.require {
      guard let required = required.value else { continue }
      prompts.append(required.ask.value)
      if let unknown = required.unknown { prompts.append(unknown.value) }
    }
    return prompts
  }

  /// Builds the state graph and runs the graph analyses: reachability, ways out of `ask`
  /// states, reaching an end, payment loops, `choose` cycles and over-long turns, definite
  /// assignment of every variable read, agreements before charges and the total spoken before
  /// a charge.
  func checkGraph(
    _ references: ReferenceFacts, _ variables: VariableFacts,
    into diagnostics: inout [Diagnostic]
  ) {
    guard let flow = syntax.flow, let start = flow.start,
      let startIndex = symbols.stateNumbers[start.value]
    else { return }
    let ids = symbols.stateIds
    let index = symbols.stateNumbers
    let states = symbols.stateSyntax
    guard states.allSatisfy({ $0 != nil }) else { return }
    let globals = flow.global.compactMap { entry in entry.value.map { (entry.key.value, $0) } }
    // The global transitions are shared nodes after the states, not edges of every `ask`
    // state (see GlobalTransitionTree).
    var globalNumbers: [String: [Int]] = [:]
    var globalTargets: [Int?] = []
    var targetedByGlobals = [Int](repeating: 0, count: ids.count)
    for (number, (intent, transition)) in globals.enumerated() {
      globalNumbers[intent, default: []].append(number)
      let target = transition.goto.flatMap { index[$0.value] }
      globalTargets.append(target)
      if let target { targetedByGlobals[target] += 1 }
    }
    let globalsWithTarget = globalTargets.count { $0 != nil }
    let globalTree = GlobalTransitionTree(base: ids.count, count: globals.count)
    // Whether each `ask` state has a transition to another state, its own or a global one.
    var hasExit = [Bool](repeating: false, count: ids.count)
    var kinds: [StateGraph.NodeKind] = []
    kinds.reserveCapacity(ids.count + globalTree.nodes.count)
    var successors: [[StateGraph.Edge]] = []
    successors.reserveCapacity(ids.count + globalTree.nodes.count)
    var catalogShips: Bool?
    /// Reads of transitions' `say` prompts: (state, gains of the transition, prompt id).
    var sayReads: [(state: Int, gains: VariableSet, prompt: String)] = []
    // What the variable check found per state id (a `choose` state's branches, a `charge`
    // state's amount).
    var branchReads: [String: [CheckedBranch]] = [:]
    var amountReads: [String: VariableRead] = [:]
    for state in variables.states {
      if !state.branches.isEmpty { branchReads[state.id.value, default: []] += state.branches }
      if let amount = state.amount { amountReads[state.id.value] = amount }
    }

    func transitionEdge(_ source: Int, _ transition: TransitionSyntax, extra: VariableSet)
      -> StateGraph.Edge
    {
      let assigned = transition.set.compactMap { BaseVariable(rawValue: $0.key.value) }
      let target = transition.goto.flatMap { index[$0.value] } ?? source
      return StateGraph.Edge(
        source: source, target: target,
        gains: Self.variableSet(assigned).union(extra),
        changesTotal: assigned.contains(.product) || assigned.contains(.quantity))
    }

    func outcomeEdges(
      _ position: Int, _ state: StateSyntax, task: ConnectionsTaskName, shipping: Bool
    )
      -> [StateGraph.Edge]
    {
      var edges: [StateGraph.Edge] = []
      for handler in state.on {
        guard let transition = handler.value else { continue }
        let gains =
          PaymentOutcome(rawValue: handler.key.value).map {
            BaseVariable.assigned(by: $0, of: task, shipping: shipping)
          } ?? []
        let edge = transitionEdge(position, transition, extra: Self.variableSet(gains))
        edges.append(edge)
        if let say = transition.say { sayReads.append((position, edge.gains, say.value)) }
      }
      return edges
    }

    for (position, state) in states.enumerated() {
      guard let state else { continue }
      var edges: [StateGraph.Edge] = []
      switch state.kind {
      case .ask:
        kinds.append(.ask)
        var handledGlobals: Set<Int> = []
        for handler in state.on {
          handledGlobals.formUnion(globalNumbers[handler.key.value] ?? [])
          guard let transition = handler.value else { continue }
          let edge = transitionEdge(position, transition, extra: .none)
          edges.append(edge)
          if let say = transition.say { sayReads.append((position, edge.gains, say.value)) }
          for prompt in Self.requirePrompts(transition) {
            sayReads.append((position, .none, prompt))
          }
        }
        let excluded = handledGlobals.sorted()
        for node in globalTree.cover(excluding: excluded) {
          edges.append(
            StateGraph.Edge(source: position, target: node, gains: .none, changesTotal: false))
        }
        // The global transitions that apply here and lead to another state.
        let excludedWithTarget = excluded.count { globalTargets[$0] != nil }
        let excludedHere = excluded.count { globalTargets[$0] == position }
        let globalExits =
          globalsWithTarget - excludedWithTarget - (targetedByGlobals[position] - excludedHere)
        hasExit[position] =
          globalExits > 0
          || edges.contains { !globalTree.isNode($0.target) && $0.target != position }
      case .tell:
        kinds.append(.tell)
      case .setup(let setup):
        kinds.append(.setup)
        // The catalog is walked once for all `setup` states, not once per state.
        if catalogShips == nil { catalogShips = everyProductShips() }
        edges += outcomeEdges(
          position, state, task: .setup, shipping: setup.shipping?.value ?? catalogShips ?? false)
      case .charge:
        kinds.append(.charge)
        edges += outcomeEdges(position, state, task: .charge, shipping: false)
      case .choose(let choose):
        kinds.append(.choose)
        let checkedBranches = branchReads[ids[position]] ?? []
        for (number, branch) in choose.branches.enumerated() {
          guard let target = index[branch.goto.value] else { continue }
          let opens = number < checkedBranches.count && checkedBranches[number].opensAgreement
          edges.append(
            StateGraph.Edge(
              source: position, target: target,
              gains: opens ? Self.variableSet([.agreementID, .agreementStatus]) : .none,
              changesTotal: false))
        }
        if let otherwise = choose.otherwise, let target = index[otherwise.value] {
          edges.append(
            StateGraph.Edge(source: position, target: target, gains: .none, changesTotal: false))
        }
      }
      successors.append(edges)
    }
    let stateKinds = kinds
    for node in globalTree.nodes {
      kinds.append(.virtual)
      let children = globalTree.children(of: node)
      guard let number = globalTree.transition(atLeaf: node) else {
        successors.append(
          children.map {
            StateGraph.Edge(source: node, target: $0, gains: .none, changesTotal: false)
          })
        continue
      }
      // A leaf: the transition, spoken and taken in any `ask` state that reaches it.
      let transition = globals[number].1
      let edge = transitionEdge(node, transition, extra: .none)
      successors.append(globalTargets[number] == nil ? [] : [edge])
      if let say = transition.say { sayReads.append((node, edge.gains, say.value)) }
      for prompt in Self.requirePrompts(transition) { sayReads.append((node, .none, prompt)) }
    }
    let graph = StateGraph(
      ids: ids, kinds: kinds, successors: successors, start: startIndex,
      initial: Self.variableSet(BaseVariable.allCases.filter(\.isAlwaysSet)))
    let ranges = symbols.stateKeyRanges

    let reachable = graph.reachable()
    for position in ids.indices where !reachable[position] {
      diagnostics.append(DiagnosticCatalogue.unreachableState(ids[position], at: ranges[position]))
    }
    var stuck: Set<Int> = []
    for position in ids.indices where kinds[position] == .ask && reachable[position] {
      if !hasExit[position] {
        stuck.insert(position)
        diagnostics.append(DiagnosticCatalogue.askWithoutExit(ids[position], at: ranges[position]))
      }
    }
    let reachesEnd = graph.reachesEnd()
    for position in ids.indices
    where reachable[position] && !reachesEnd[position] && !stuck.contains(position) {
      diagnostics.append(DiagnosticCatalogue.noEndingReachable(ids[position], at: ranges[position]))
    }
    let presentStates = states.compactMap { $0 }
    checkTurns(
      states: presentStates, kinds: stateKinds, index: index, reachable: reachable,
      ranges: ranges, into: &diagnostics)
    checkChargedAmounts(
      graph: graph, states: presentStates, amounts: amountReads,
      promptReads: variables.promptReads, reachable: reachable, into: &diagnostics)

    // A condition that could not be checked may be the one that makes a variable or the
    // agreement available: stay quiet rather than report follow-on problems.
    guard !variables.hasInvalidConditions else { return }
    let entry = graph.definitelySet()
    var paths = StateGraph.PathTrees(graph)
    var reported: Set<String> = []
    func check(_ read: VariableRead, in position: Int, with gains: VariableSet) {
      guard reachable[position] else { return }
      let facts = entry[position].union(gains)
      // Most reads have every variable they need: no need to sort their dependencies.
      guard !facts.isSuperset(of: Self.variableSet(read.dependencies)) else { return }
      for variable in read.dependencies.sorted() {
        let bit = Self.variableSet(variable)
        guard !facts.isSuperset(of: bit) else { continue }
        let key = "\(read.range.start.offset):\(read.range.end.offset):\(variable.rawValue)"
        guard reported.insert(key).inserted else { return }
        var avoided = bit.union(gains)
        var state = position
        if graph.isVirtual(position) {
          // A global transition, checked once for the `ask` states it applies in: name the
          // state on a path that misses the variable (one exists, or it would not be missing).
          if paths.lastState(to: position, without: avoided) == nil { avoided = bit }
          guard let found = paths.lastState(to: position, without: avoided) else { return }
          state = found
        }
        let route = paths.path(to: position, without: avoided) ?? StateRoute([ids[state]])
        diagnostics.append(
          DiagnosticCatalogue.variableNotSet(
            variable.rawValue, path: read.path, state: ids[state], at: read.range,
            stateRange: ranges[state], via: route))
        return
      }
    }
    // The variables each prompt's reads need, in any locale: a state that has them all (most
    // do) skips the prompt's reads, so a prompt spoken by many states is not walked by each.
    var promptNeeds: [String: VariableSet] = [:]
    func needs(of prompt: String) -> VariableSet {
      if let known = promptNeeds[prompt] { return known }
      var needed = VariableSet.none
      for locale in symbols.locales {
        for read in variables.promptReads[locale]?[prompt] ?? [] {
          needed = needed.union(Self.variableSet(read.dependencies))
        }
      }
      promptNeeds[prompt] = needed
      return needed
    }
    // A prompt checked again with the same variables missing reports nothing new: each read
    // stops at the first missing variable it needs, the one it was reported for (or found
    // reported) the first time. Remembered so that many states speaking one prompt whose
    // variable is never set do not each walk all its reads.
    struct PromptGap: Hashable {
      var prompt: String
      var missing: UInt64
    }
    var promptGaps: Set<PromptGap> = []
    func checkPrompt(_ prompt: String, in position: Int, with gains: VariableSet) {
      let facts = entry[position].union(gains)
      let needed = needs(of: prompt)
      guard reachable[position], !facts.isSuperset(of: needed),
        promptGaps.insert(PromptGap(prompt: prompt, missing: needed.bits & ~facts.bits)).inserted
      else { return }
      for locale in symbols.locales {
        for read in variables.promptReads[locale]?[prompt] ?? [] {
          check(read, in: position, with: gains)
        }
      }
    }
    for (position, state) in states.enumerated() {
      guard let state else { continue }
      var entryPrompts: [String] = []
      switch state.kind {
      case .ask(let prompt), .tell(let prompt): entryPrompts.append(prompt.value)
      case .choose:
        for branch in branchReads[ids[position]] ?? [] {
          for read in branch.reads { check(read, in: position, with: .none) }
        }
      case .charge:
        let read =
          amountReads[ids[position]]
          ?? VariableRead(
            path: "order.total", dependencies: [.product, .quantity], range: state.kindKeyRange)
        check(read, in: position, with: .none)
        let agreement = Self.variableSet([.agreementID])
        if reachable[position], !entry[position].isSuperset(of: agreement) {
          let route = paths.path(to: position, without: agreement) ?? StateRoute([ids[position]])
          diagnostics.append(
            DiagnosticCatalogue.chargeWithoutAgreement(
              ids[position], at: state.kindKeyRange, via: route))
        }
      case .setup:
        break
      }
      if let reprompt = state.reprompt { entryPrompts.append(reprompt.value) }
      if let card = state.card {
        if let title = card.title { entryPrompts.append(title.value) }
        if let text = card.text { entryPrompts.append(text.value) }
      }
      for prompt in entryPrompts { checkPrompt(prompt, in: position, with: .none) }
    }
    for read in sayReads { checkPrompt(read.prompt, in: read.state, with: read.gains) }
    // `fallback` is spoken in any `ask` state when an intent is not handled.
    if references.usedPrompts.contains("fallback") {
      for position in ids.indices where kinds[position] == .ask {
        checkPrompt("fallback", in: position, with: .none)
      }
    }

    let unspoken = graph.unspokenTotal()
    for (position, state) in states.enumerated() where kinds[position] == .charge {
      guard let state, let route = unspoken.path(to: position) else { continue }
      diagnostics.append(
        DiagnosticCatalogue.unspokenTotal(ids[position], at: state.kindKeyRange, via: route))
    }
  }
}
