internal import FlowIR

extension TurnVariables {
  /// Whether a `choose` condition holds. An unset path makes a comparison false (and `!=`
  /// true when only one side is unset), so a branch never fires on missing data.
  func holds(_ condition: Condition) -> Bool {
    switch condition {
    case .and(let all): return all.allSatisfy { holds($0) }
    case .or(let any): return any.contains { holds($0) }
    case .not(let inner): return !holds(inner)
    case .test(let operand): return value(of: operand) == .bool(true)
    case .compare(let op, let lhs, let rhs):
      let left = value(of: lhs)
      let right = value(of: rhs)
      guard let left, let right else {
        return op == .notEqual && (left == nil) != (right == nil)
      }
      switch op {
      case .equal: return Self.equal(left, right)
      case .notEqual: return !Self.equal(left, right)
      case .less: return Self.order(left, right).map { $0 < 0 } ?? false
      case .lessOrEqual: return Self.order(left, right).map { $0 <= 0 } ?? false
      case .greater: return Self.order(left, right).map { $0 > 0 } ?? false
      case .greaterOrEqual: return Self.order(left, right).map { $0 >= 0 } ?? false
      }
    }
  }

  func value(of operand: Operand) -> VariableValue? {
    switch operand {
    case .path(let path): value(of: path)
    case .literal(let literal): VariableValue(literal)
    }
  }

  private static func equal(_ lhs: VariableValue, _ rhs: VariableValue) -> Bool {
    switch (lhs, rhs) {
    case (.product(let id), .string(let text)), (.string(let text), .product(let id)):
      return id == text
    default:
      return lhs == rhs
    }
  }

  /// -1, 0 or 1; `nil` when the values do not compare (different types or currencies).
  private static func order(_ lhs: VariableValue, _ rhs: VariableValue) -> Int? {
    func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
    switch (lhs, rhs) {
    case (.int(let a), .int(let b)): return sign(a, b)
    case (.string(let a), .string(let b)): return sign(a, b)
    case (.money(let a), .money(let b)) where a.currency == b.currency:
      return sign(a.minorUnits, b.minorUnits)
    default: return nil
    }
  }
}

extension VariableValue {
  /// The value of a literal.
  init(_ literal: Literal) {
    switch literal {
    case .int(let value): self = .int(value)
    case .string(let value): self = .string(value)
    case .bool(let value): self = .bool(value)
    case .money(let value): self = .money(value)
    }
  }
}
