internal import FlowIR

extension Condition {
  /// The condition as a flow author writes it, for graph labels: `agreement.open and
  /// quantity > 1`.
  var sourceText: String {
    switch self {
    case .and(let all): all.map(\.nestedText).joined(separator: " and ")
    case .or(let any): any.map(\.nestedText).joined(separator: " or ")
    case .not(let inner): "not \(inner.nestedText)"
    case .compare(let op, let lhs, let rhs): "\(lhs.sourceText) \(op.rawValue) \(rhs.sourceText)"
    case .test(let operand): operand.sourceText
    }
  }

  /// The text, in parentheses when it combines others.
  private var nestedText: String {
    switch self {
    case .and, .or: "(\(sourceText))"
    case .not, .compare, .test: sourceText
    }
  }
}

extension Operand {
  fileprivate var sourceText: String {
    switch self {
    case .path(let path): path
    case .literal(let literal): literal.sourceText
    }
  }
}

extension Literal {
  fileprivate var sourceText: String {
    switch self {
    case .int(let value): String(value)
    case .string(let value): "'\(value)'"
    case .bool(let value): value ? "true" : "false"
    case .money(let money): "\(money.decimalString) \(money.currency)"
    }
  }
}
