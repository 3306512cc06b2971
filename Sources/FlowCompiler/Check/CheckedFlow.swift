import FlowIR

/// The product of the check stage: the symbol table, resolved once, and what the checks
/// computed attached to the syntax it belongs to (a transition with its assignments, a `choose`
/// branch with its condition), so that lowering walks one structure and parses no text again.
struct CheckedFlow {
  /// The names the flow file defines: states, prompts, products, intents and their slots.
  let symbols: SymbolTable
  /// The catalog: prices, the IR products and the currency.
  let catalog: CatalogFacts
  /// Locale → prompt id → compiled template (prompts whose text is invalid left out).
  let templates: [String: [String: Template]]
  /// The `flow.global` transitions, in source order.
  let global: [CheckedTransition]
  /// The states of `flow.states`, in source order.
  let states: [CheckedState]
}

/// What the catalog check computed.
struct CatalogFacts {
  /// The currency of prices and money literals.
  var currency: String
  /// Product id → price.
  var prices: [String: Money]
  /// The catalog as the IR has it, sorted by id (products whose price is invalid left out).
  var products: [Product]
}

/// A transition (an `on:` entry of a state or a `global` entry) with its checked assignments.
struct CheckedTransition {
  /// The intent or outcome.
  let event: Located<String>
  /// The transition as parsed; `nil` when malformed.
  let syntax: TransitionSyntax?
  /// The assignments of `set` in source order; `nil` when one is invalid or they were not
  /// checked (an intent with an invalid slot).
  let assignments: [Assignment]?
}

/// A branch of a `choose` state with its checked condition.
struct CheckedBranch {
  /// The branch as parsed.
  let syntax: ChooseBranchSyntax
  /// The condition; `nil` when it is invalid.
  let condition: Condition?
  /// The variable paths the condition reads.
  let reads: [VariableRead]
  /// Whether the condition being true guarantees an open agreement.
  let opensAgreement: Bool
}

/// A state with what the checks computed for it.
struct CheckedState {
  /// The state id.
  let id: Located<String>
  /// The state as parsed; `nil` when malformed.
  let syntax: StateSyntax?
  /// The `on:` transitions, in source order.
  let on: [CheckedTransition]
  /// The branches of a `choose` state, in source order (empty for other kinds).
  let branches: [CheckedBranch]
  /// The path of a `charge` state's valid `amount`.
  let amount: VariableRead?

  /// The conditions of every branch, or `nil` when one is invalid.
  var conditions: [Condition]? {
    let conditions = branches.compactMap(\.condition)
    return conditions.count == branches.count ? conditions : nil
  }
}

/// One place where a variable path is read, for the definite-assignment analysis.
struct VariableRead {
  /// The path as written.
  var path: String
  /// The base variables the path needs.
  var dependencies: [BaseVariable]
  /// Where the path is written.
  var range: SourceRange
}
