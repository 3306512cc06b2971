extension FlowChecker {
  /// The amount charged must be the amount the customer heard: for every `charge` state, an
  /// `ask` state whose answer leads to it (directly or through `choose` and `setup` states)
  /// and whose prompt speaks an amount must speak the amount charged (`order.total` unless
  /// `amount` says otherwise).
  ///
  /// - Parameters:
  ///   - graph: The state graph.
  ///   - states: The states in source order.
  ///   - amounts: The `amount` read of each `charge` state that has one, by state id.
  ///   - promptReads: The variable reads of every prompt, by locale and prompt id.
  ///   - reachable: Whether each state is reachable.
  ///   - diagnostics: Where problems are added.
  func checkChargedAmounts(
    graph: StateGraph, states: [StateSyntax], amounts: [String: VariableRead],
    promptReads: [String: [String: [VariableRead]]], reachable: [Bool],
    into diagnostics: inout [Diagnostic]
  ) {
    let charges = graph.kinds.indices.filter { graph.kinds[$0] == .charge && reachable[$0] }
    guard !charges.isEmpty else { return }
    let predecessors = graph.predecessors()
    // Each search stops at `ask` states and visits a state at most once; at most this many
    // states per charge (counted as they are found), so that thousands of charge states stay
    // cheap however many states lead into one.
    let searchLimit = 1_000
    // The amounts each prompt speaks (the first, and all), per locale, found once rather than
    // once per charge.
    var moneyPaths: [String: [String: (first: String?, all: Set<String>)]] = [:]
    // Where prompts are defined, for the note of the (rare) diagnostic.
    lazy var promptRanges = syntax.promptKeyRanges()
    for charge in charges {
      let amount = amounts[graph.ids[charge]]?.path ?? "order.total"
      var asks: [Int] = []
      var seen: Set<Int> = [charge]
      var queue = [charge]
      var head = 0
      while head < queue.count, seen.count < searchLimit {
        let node = queue[head]
        head += 1
        for before in predecessors[node] where seen.insert(before).inserted {
          if seen.count > searchLimit { break }
          switch graph.kinds[before] {
          case .ask: asks.append(before)
          case .choose, .setup, .virtual: queue.append(before)
          case .tell, .charge: break
          }
        }
      }
      for ask in asks.sorted() {
        guard case .ask(let prompt) = states[ask].kind else { continue }
        for locale in symbols.locales {
          guard let reads = promptReads[locale]?[prompt.value] else { continue }
          let spoken: (first: String?, all: Set<String>)
          if let known = moneyPaths[locale]?[prompt.value] {
            spoken = known
          } else {
            let paths = reads.map(\.path).filter(Self.isMoneyPath)
            spoken = (paths.first, Set(paths))
            moneyPaths[locale, default: [:]][prompt.value] = spoken
          }
          // A prompt that speaks no amount at all is `unspoken-total`'s concern.
          guard let other = spoken.first, !spoken.all.contains(amount) else { continue }
          diagnostics.append(
            DiagnosticCatalogue.chargedAmountNotSpoken(
              graph.ids[charge], amount: amount, ask: graph.ids[ask], prompt: prompt.value,
              locale: locale, spoken: other, at: states[charge].kindKeyRange,
              promptRange: promptRanges[prompt.value]))
          break
        }
      }
    }
  }

  /// Whether a variable path is an amount of money: `order.total`, `product.price`,
  /// `catalog.<id>.price`.
  static func isMoneyPath(_ path: String) -> Bool {
    path == "order.total" || path == "product.price"
      || (path.hasPrefix("catalog.") && path.hasSuffix(".price"))
  }
}
