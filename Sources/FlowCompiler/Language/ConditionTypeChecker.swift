import FlowIR

/// Type-checks a parsed condition and turns it into the IR's ``Condition``.
///
/// Rules: both sides of a comparison have the same type; `<`, `<=`, `>`, `>=` only compare
/// integers or money; strings, bools and products only `==` and `!=`; a term on its own, and
/// every operand of `and`, `or`, `not`, must be a bool.
enum ConditionTypeChecker {
  /// Checks an expression with a function that gives each path's type.
  ///
  /// - Parameters:
  ///   - expression: The parsed condition.
  ///   - typeOfPath: The type of a path, or `nil` when the path does not exist.
  /// - Returns: The condition when there were no problems, and every problem found (ranges
  ///   relative to the condition text).
  static func check(
    _ expression: ConditionExpression, typeOfPath: (String) -> ValueType?
  ) -> (condition: Condition?, problems: [ConditionProblem]) {
    var problems: [ConditionProblem] = []
    let condition = lower(expression, problems: &problems) { term in
      guard case .path(let path) = term.operand else { return nil }
      return typeOfPath(path)
    } unknown: { term in
      guard case .path(let path) = term.operand else { return nil }
      return ConditionProblem(kind: .unknownPath(path), range: term.range)
    }
    return (problems.isEmpty ? condition : nil, problems)
  }

  /// Checks an expression against the flow's variables, reporting paths that do not exist with
  /// the specific ``VariablePathProblemKind`` (range within the condition text).
  ///
  /// - Parameters:
  ///   - expression: The parsed condition.
  ///   - scope: The catalog's product ids (slots are not available in conditions).
  /// - Returns: The condition when there were no problems, and every problem found.
  static func check(_ expression: ConditionExpression, scope: VariableScope) -> (
    condition: Condition?, problems: [ConditionProblem]
  ) {
    let conditionScope = VariableScope(
      productIDs: scope.productIDs, sortedProductIDs: scope.sortedProductIDs, slots: nil)
    var problems: [ConditionProblem] = []
    let condition = lower(expression, problems: &problems) { term in
      guard case .path(let path) = term.operand,
        case .success(let resolved) = VariablePathResolver.resolve(path, in: conditionScope)
      else { return nil }
      return resolved.type
    } unknown: { term in
      guard case .path(let path) = term.operand,
        case .failure(let problem) = VariablePathResolver.resolve(path, in: conditionScope)
      else { return nil }
      return ConditionProblem(
        kind: .path(problem.kind), range: problem.range.shifted(by: term.range))
    }
    return (problems.isEmpty ? condition : nil, problems)
  }

  /// Parses and checks a condition in one step.
  ///
  /// - Parameters:
  ///   - text: The condition as written.
  ///   - currency: The merchant's currency, or `nil`.
  ///   - scope: The catalog's product ids.
  /// - Returns: The condition when valid, and the problems (one syntax problem, or the type
  ///   problems).
  static func compile(_ text: String, currency: String?, scope: VariableScope) -> (
    condition: Condition?, problems: [ConditionProblem]
  ) {
    switch ConditionParser.parse(text, currency: currency) {
    case .failure(let problem): return (nil, [problem])
    case .success(let expression): return check(expression, scope: scope)
    }
  }

  /// The type of a literal.
  static func type(of literal: Literal) -> ValueType {
    switch literal {
    case .int: .integer
    case .string: .string
    case .bool: .bool
    case .money: .money
    }
  }

  private static func lower(
    _ expression: ConditionExpression, problems: inout [ConditionProblem],
    pathType: (ConditionTerm) -> ValueType?, unknown: (ConditionTerm) -> ConditionProblem?
  ) -> Condition {
    func typeOf(_ term: ConditionTerm) -> ValueType? {
      switch term.operand {
      case .literal(let literal): return type(of: literal)
      case .path:
        if let type = pathType(term) { return type }
        if let problem = unknown(term) { problems.append(problem) }
        return nil
      }
    }
    func lowerAll(_ operands: [ConditionExpression]) -> [Condition] {
      operands.map { lower($0, problems: &problems, pathType: pathType, unknown: unknown) }
    }
    switch expression {
    case .and(let operands, _): return .and(lowerAll(operands))
    case .or(let operands, _): return .or(lowerAll(operands))
    case .not(let operand, _):
      return .not(lower(operand, problems: &problems, pathType: pathType, unknown: unknown))
    case .term(let term):
      if let type = typeOf(term), type != .bool {
        problems.append(ConditionProblem(kind: .notBoolean(type), range: term.range))
      }
      return .test(term.operand)
    case .compare(let op, let lhs, let rhs, let range):
      let lhsType = typeOf(lhs)
      let rhsType = typeOf(rhs)
      if let lhsType, let rhsType {
        if lhsType != rhsType {
          problems.append(
            ConditionProblem(kind: .typeMismatch(op, lhsType, rhsType), range: range))
        } else if op != .equal, op != .notEqual, lhsType != .integer, lhsType != .money {
          problems.append(ConditionProblem(kind: .unorderedType(op, lhsType), range: range))
        }
      }
      return .compare(op, lhs.operand, rhs.operand)
    }
  }
}
