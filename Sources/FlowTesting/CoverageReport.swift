public import FlowIR
public import FlowRuntime

/// A transition of the flow as coverage counts it: from a state (or `global`), on an intent,
/// an outcome or a `choose` branch (`if 1`, …, `else`).
public struct CoveredTransition: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The state, or `global` for a `flow.global` transition.
  public var from: String
  /// The intent, outcome or branch.
  public var on: String

  /// Orders by state, then by event.
  public static func < (lhs: CoveredTransition, rhs: CoveredTransition) -> Bool {
    (lhs.from, lhs.on) < (rhs.from, rhs.on)
  }

  /// A one-line text for messages and logs.
  public var description: String { "\(from) --\(on)-->" }
}

extension CoveredTransition {
  /// The key of a payment outcome of a `setup` or `charge` state.
  ///
  /// - Parameters:
  ///   - state: The state that sent the task.
  ///   - outcome: The outcome.
  public init(state: String, outcome: PaymentOutcome) {
    self.init(from: state, on: outcome.rawValue)
  }

  /// The key of a slot elicitation of a `require` (language v1.1): from the `ask` state (or
  /// `global`), on `<Intent> ask <slot>` (the slot was missing) or `<Intent> unknown <slot>`
  /// (its value was not valid and the `unknown` prompt was spoken).
  ///
  /// - Parameters:
  ///   - state: The `ask` state, or `global`.
  ///   - intent: The intent whose transition requires the slot.
  ///   - slot: The slot.
  ///   - unknown: Whether it is the `unknown` path.
  public init(state: String, intent: String, slot: String, unknown: Bool) {
    self.init(from: state, on: "\(intent) \(unknown ? "unknown" : "ask") \(slot)")
  }

  /// The key of a payment outcome as a turn trace names it.
  ///
  /// - Parameters:
  ///   - state: The state that sent the task.
  ///   - outcome: The outcome's name (`success`, `permission_denied`, …).
  public init(state: String, outcome: String) {
    self.init(from: state, on: outcome)
  }
}

/// What the turns of one or more conversations reached.
public struct CoverageData: Sendable, Equatable {
  /// States entered.
  public var states: Set<String> = []
  /// Transitions taken.
  public var transitions: Set<CoveredTransition> = []
  /// Payment outcomes exercised, as `state` → outcome.
  public var paymentOutcomes: Set<CoveredTransition> = []
  /// Slot elicitations reached (see ``CoveredTransition/init(state:intent:slot:unknown:)``).
  public var elicitations: Set<CoveredTransition> = []

  /// Creates empty coverage.
  public init() {}

  /// Adds a turn's moves.
  public mutating func record(_ trace: TurnTrace) {
    states.formUnion(trace.statesEntered)
    for transition in trace.transitions {
      transitions.insert(
        CoveredTransition(from: transition.isGlobal ? "global" : transition.from, on: transition.on)
      )
    }
    for outcome in trace.paymentOutcomes {
      paymentOutcomes.insert(CoveredTransition(state: outcome.state, outcome: outcome.outcome))
    }
    if let elicitation = trace.elicitation {
      elicitations.insert(
        CoveredTransition(
          state: elicitation.isGlobal ? "global" : elicitation.state, intent: elicitation.intent,
          slot: elicitation.slot, unknown: elicitation.spokeUnknown))
    }
  }

  /// Adds another conversation's coverage.
  public mutating func merge(_ other: CoverageData) {
    states.formUnion(other.states)
    transitions.formUnion(other.transitions)
    paymentOutcomes.formUnion(other.paymentOutcomes)
    elicitations.formUnion(other.elicitations)
  }
}

/// Coverage of one flow in one locale: what exists, what the tests reached, what they did not.
public struct CoverageReport: Sendable, Equatable {
  /// The locale.
  public var locale: String
  /// Every state of the flow.
  public var allStates: [String]
  /// Every transition of the flow.
  public var allTransitions: [CoveredTransition]
  /// Every payment outcome handled by the flow's `setup` and `charge` states.
  public var allPaymentOutcomes: [CoveredTransition]
  /// Every slot elicitation of the flow's `require`s: `ask` for each required slot, `unknown`
  /// for each that has an `unknown` prompt.
  public var allElicitations: [CoveredTransition]
  /// What the tests reached.
  public var covered: CoverageData

  /// Compares what a flow has with what was covered.
  public init(program: FlowProgram, locale: String, covered: CoverageData) {
    self.locale = locale
    self.covered = covered
    allStates = program.states.keys.sorted()
    var transitions: [CoveredTransition] = []
    var outcomes: [CoveredTransition] = []
    var elicitations: [CoveredTransition] = []
    func elicitationsOf(_ transitions: [String: Transition], from state: String) {
      for (intent, transition) in transitions {
        for requirement in transition.require ?? [] {
          elicitations.append(
            CoveredTransition(state: state, intent: intent, slot: requirement.slot, unknown: false))
          if requirement.unknown != nil {
            elicitations.append(
              CoveredTransition(
                state: state, intent: intent, slot: requirement.slot, unknown: true))
          }
        }
      }
    }
    elicitationsOf(program.global, from: "global")
    for (id, state) in program.states {
      switch state.kind {
      case .ask(let ask):
        transitions += ask.on.keys.map { CoveredTransition(from: id, on: $0) }
        elicitationsOf(ask.on, from: id)
      case .tell:
        break
      case .connections(let connections):
        transitions += connections.on.keys.map { CoveredTransition(from: id, on: $0.rawValue) }
        outcomes += connections.on.keys.map { CoveredTransition(state: id, outcome: $0) }
      case .choose(let choose):
        transitions += choose.branches.indices.map {
          CoveredTransition(from: id, on: "if \($0 + 1)")
        }
        transitions.append(CoveredTransition(from: id, on: "else"))
      }
    }
    transitions += program.global.keys.map { CoveredTransition(from: "global", on: $0) }
    allTransitions = transitions.sorted()
    allPaymentOutcomes = outcomes.sorted()
    allElicitations = elicitations.sorted()
  }

  /// States no test entered.
  public var missedStates: [String] { allStates.filter { !covered.states.contains($0) } }
  /// Transitions no test took.
  public var missedTransitions: [CoveredTransition] {
    allTransitions.filter { !covered.transitions.contains($0) }
  }
  /// Payment outcomes no test exercised.
  public var missedPaymentOutcomes: [CoveredTransition] {
    allPaymentOutcomes.filter { !covered.paymentOutcomes.contains($0) }
  }

  /// Slot elicitations no test reached.
  public var missedElicitations: [CoveredTransition] {
    allElicitations.filter { !covered.elicitations.contains($0) }
  }

  /// Whether every state, transition, payment outcome and slot elicitation was reached.
  public var isComplete: Bool {
    missedStates.isEmpty && missedTransitions.isEmpty && missedPaymentOutcomes.isEmpty
      && missedElicitations.isEmpty
  }

  /// The report as text lines.
  public var text: String {
    func line(_ what: String, _ total: Int, _ missed: Int) -> String {
      let reached = total - missed
      let percent = total == 0 ? 100 : reached * 100 / total
      return "  \(what): \(reached)/\(total) (\(percent)%)"
    }
    var lines = ["coverage (\(locale)):"]
    lines.append(line("states entered", allStates.count, missedStates.count))
    lines.append(line("transitions taken", allTransitions.count, missedTransitions.count))
    lines.append(
      line("payment outcomes", allPaymentOutcomes.count, missedPaymentOutcomes.count))
    if !allElicitations.isEmpty {
      lines.append(
        line("slot elicitations", allElicitations.count, missedElicitations.count))
    }
    if !missedStates.isEmpty {
      lines.append("  states not entered: " + missedStates.joined(separator: ", "))
    }
    if !missedTransitions.isEmpty {
      lines.append("  transitions not taken:")
      lines += missedTransitions.map { "    \($0.from) on \($0.on)" }
    }
    if !missedPaymentOutcomes.isEmpty {
      lines.append("  payment outcomes not exercised:")
      lines += missedPaymentOutcomes.map { "    \($0.from): \($0.on)" }
    }
    if !missedElicitations.isEmpty {
      lines.append("  slot elicitations not reached:")
      lines += missedElicitations.map { "    \($0.from) on \($0.on)" }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The report as a JSON value.
  public var json: JSONValue {
    func list(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }
    func transitions(_ items: [CoveredTransition]) -> JSONValue {
      .array(items.map { .object(["from": .string($0.from), "on": .string($0.on)]) })
    }
    var report: [String: JSONValue] = [
      "locale": .string(locale),
      "states": .object([
        "total": .number(Double(allStates.count)),
        "missed": list(missedStates),
      ]),
      "transitions": .object([
        "total": .number(Double(allTransitions.count)),
        "missed": transitions(missedTransitions),
      ]),
      "payment_outcomes": .object([
        "total": .number(Double(allPaymentOutcomes.count)),
        "missed": transitions(missedPaymentOutcomes),
      ]),
      "complete": .bool(isComplete),
    ]
    if !allElicitations.isEmpty {
      report["elicitations"] = .object([
        "total": .number(Double(allElicitations.count)),
        "missed": transitions(missedElicitations),
      ])
    }
    return .object(report)
  }
}
