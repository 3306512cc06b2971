/// A constant in a condition, an assignment fallback or a payload.
///
/// Encoded as `{"int": 1}`, `{"string": "x"}`, `{"bool": true}` or `{"money": {…}}`.
public enum Literal: TaggedCodable, Sendable, Equatable, Hashable {
  /// A whole number.
  case int(Int64)
  /// A string.
  case string(String)
  /// A boolean.
  case bool(Bool)
  /// An amount of money.
  case money(Money)

  package enum Tag: String, CodingKey, CaseIterable {
    case int, string, bool, money
  }

  package var tagged: (tag: Tag, value: any Encodable) {
    switch self {
    case .int(let value): (.int, value)
    case .string(let value): (.string, value)
    case .bool(let value): (.bool, value)
    case .money(let value): (.money, value)
    }
  }

  package init(tag: Tag, value: TaggedValue<Tag>) throws {
    switch tag {
    case .int: self = .int(try value.decode())
    case .string: self = .string(try value.decode())
    case .bool: self = .bool(try value.decode())
    case .money: self = .money(try value.decode())
    }
  }
}

/// A comparison operator of a `choose` condition.
public enum ComparisonOperator: String, Codable, Sendable, Equatable {
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
}

/// One side of a comparison: a variable path or a literal.
///
/// Encoded as `{"path": "…"}` or `{"literal": literal}`.
public enum Operand: TaggedCodable, Sendable, Equatable {
  /// A variable path such as `order.total` or `agreement.open`.
  case path(String)
  /// A constant.
  case literal(Literal)

  package enum Tag: String, CodingKey, CaseIterable {
    case path, literal
  }

  package var tagged: (tag: Tag, value: any Encodable) {
    switch self {
    case .path(let path): (.path, path)
    case .literal(let literal): (.literal, literal)
    }
  }

  package init(tag: Tag, value: TaggedValue<Tag>) throws {
    switch tag {
    case .path: self = .path(try value.decode())
    case .literal: self = .literal(try value.decode())
    }
  }
}

/// A type-checked `choose` condition.
///
/// Encoded as `{"and": [..]}`, `{"or": [..]}`, `{"not": c}`,
/// `{"compare": {"op": "==", "lhs": operand, "rhs": operand}}` or `{"test": operand}` (a
/// boolean operand on its own, such as `agreement.open`).
public indirect enum Condition: TaggedCodable, Sendable, Equatable {
  /// All hold.
  case and([Condition])
  /// At least one holds.
  case or([Condition])
  /// The inner condition does not hold.
  case not(Condition)
  /// A comparison of two operands of the same type.
  case compare(ComparisonOperator, Operand, Operand)
  /// A boolean operand.
  case test(Operand)

  package enum Tag: String, CodingKey, CaseIterable {
    case and, or, not, compare, test
  }

  struct Comparison: Codable {
    var op: ComparisonOperator
    var lhs: Operand
    var rhs: Operand
  }

  package var tagged: (tag: Tag, value: any Encodable) {
    switch self {
    case .and(let all): (.and, all)
    case .or(let any): (.or, any)
    case .not(let inner): (.not, inner)
    case .compare(let op, let lhs, let rhs): (.compare, Comparison(op: op, lhs: lhs, rhs: rhs))
    case .test(let operand): (.test, operand)
    }
  }

  package init(tag: Tag, value: TaggedValue<Tag>) throws {
    switch tag {
    case .and: self = .and(try value.decode())
    case .or: self = .or(try value.decode())
    case .not: self = .not(try value.decode())
    case .compare:
      let comparison: Comparison = try value.decode()
      self = .compare(comparison.op, comparison.lhs, comparison.rhs)
    case .test: self = .test(try value.decode())
    }
  }
}
