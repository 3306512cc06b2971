import FlowIR

/// An operand of a condition as written: a variable path or a literal, with its range in the
/// condition text.
struct ConditionTerm: Sendable, Equatable {
  /// The path or the literal.
  var operand: Operand
  /// Where it is written.
  var range: TextRange

}

/// A parsed, not yet type-checked `choose` condition. Chains of `and` and of `or` are flat
/// lists; parentheses leave no node of their own.
indirect enum ConditionExpression: Sendable, Equatable {
  /// All hold (two or more operands).
  case and([ConditionExpression], range: TextRange)
  /// At least one holds (two or more operands).
  case or([ConditionExpression], range: TextRange)
  /// `not` and its operand.
  case not(ConditionExpression, range: TextRange)
  /// A comparison of two terms.
  case compare(ComparisonOperator, ConditionTerm, ConditionTerm, range: TextRange)
  /// A term on its own (it must be a bool).
  case term(ConditionTerm)

  /// Where the expression is written.
  var range: TextRange {
    switch self {
    case .and(_, let range), .or(_, let range), .not(_, let range), .compare(_, _, _, let range):
      range
    case .term(let term): term.range
    }
  }

  /// The terms that are variable paths, in the order they are written, with their ranges.
  var pathTerms: [ConditionTerm] {
    var terms: [ConditionTerm] = []
    collectPathTerms(into: &terms)
    return terms
  }

  private func collectPathTerms(into terms: inout [ConditionTerm]) {
    switch self {
    case .and(let operands, _), .or(let operands, _):
      for operand in operands { operand.collectPathTerms(into: &terms) }
    case .not(let operand, _): operand.collectPathTerms(into: &terms)
    case .compare(_, let lhs, let rhs, _):
      for term in [lhs, rhs] where term.operand.isPath { terms.append(term) }
    case .term(let term):
      if term.operand.isPath { terms.append(term) }
    }
  }
}

extension Operand {
  var isPath: Bool {
    if case .path = self { return true }
    return false
  }
}

extension Condition {
  /// The variable paths the condition reads, each once, in the order they are first written.
  var readPaths: [String] {
    var paths: [String] = []
    var seen: Set<String> = []
    collectPaths(into: &paths, seen: &seen)
    return paths
  }

  private func collectPaths(into paths: inout [String], seen: inout Set<String>) {
    func add(_ operand: Operand) {
      if case .path(let path) = operand, seen.insert(path).inserted { paths.append(path) }
    }
    switch self {
    case .and(let operands), .or(let operands):
      for operand in operands { operand.collectPaths(into: &paths, seen: &seen) }
    case .not(let operand): operand.collectPaths(into: &paths, seen: &seen)
    case .compare(_, let lhs, let rhs):
      add(lhs)
      add(rhs)
    case .test(let operand): add(operand)
    }
  }

  /// Whether the condition holding implies that the customer has an open agreement: it is
  /// `agreement.open` (or `agreement.open == true`, `agreement.open != false`, either way
  /// round) alone, or an `and`
  /// with such an operand (at any depth of nested `and`s). The graph analysis treats the branch
  /// it guards as having an agreement available (`agreement.id` and `agreement.status` set).
  var guaranteesOpenAgreement: Bool {
    let open = Operand.path(VariablePath.agreementOpen.rawValue)
    let isTrue = Operand.literal(.bool(true))
    let isFalse = Operand.literal(.bool(false))
    switch self {
    case .test(let operand): return operand == open
    case .compare(.equal, let lhs, let rhs):
      return (lhs == open && rhs == isTrue) || (lhs == isTrue && rhs == open)
    case .compare(.notEqual, let lhs, let rhs):
      return (lhs == open && rhs == isFalse) || (lhs == isFalse && rhs == open)
    case .and(let operands): return operands.contains { $0.guaranteesOpenAgreement }
    default: return false
    }
  }
}
