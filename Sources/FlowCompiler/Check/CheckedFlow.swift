import FlowIR

/// What the checks computed that lowering reuses: compiled prompts, prices, conditions and
/// assignments, so that no text is parsed twice.
struct CheckedFlow {
  /// Locale → prompt id → compiled template.
  var templates: [String: [String: Template]] = [:]
  /// Product id → price.
  var prices: [String: Money] = [:]
  /// The catalog as the IR has it, sorted by id (products whose price is invalid left out).
  var products: [Product] = []
  /// The currency of prices and money literals.
  var currency: String = "USD"
  /// `choose` state id → the condition of each branch, in order.
  var conditions: [String: [Condition]] = [:]
  /// Transition key (see ``TransitionKey``) → assignments in source order.
  var assignments: [TransitionKey: [Assignment]] = [:]
}

/// Names one transition of the flow: an `on:` entry of a state or a `global` entry.
struct TransitionKey: Hashable {
  /// The state id, or `nil` for `flow.global`.
  var state: String?
  /// The intent or outcome.
  var event: String
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
