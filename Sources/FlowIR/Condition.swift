/// A constant in a condition, an assignment fallback or a payload.
///
/// Encoded as `{"int": 1}`, `{"string": "x"}`, `{"bool": true}` or `{"money": {…}}`.
public enum Literal: Codable, Sendable, Equatable, Hashable {
  /// A whole number.
  case int(Int64)
  /// A string.
  case string(String)
  /// A boolean.
  case bool(Bool)
  /// An amount of money.
  case money(Money)

  enum CodingKeys: String, CodingKey {
    case int, string, bool, money
  }

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let value = try container.decodeIfPresent(Int64.self, forKey: .int) {
      self = .int(value)
    } else if let value = try container.decodeIfPresent(String.self, forKey: .string) {
      self = .string(value)
    } else if let value = try container.decodeIfPresent(Bool.self, forKey: .bool) {
      self = .bool(value)
    } else {
      self = .money(try container.decode(Money.self, forKey: .money))
    }
  }

  /// Encodes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .int(let value): try container.encode(value, forKey: .int)
    case .string(let value): try container.encode(value, forKey: .string)
    case .bool(let value): try container.encode(value, forKey: .bool)
    case .money(let value): try container.encode(value, forKey: .money)
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
public enum Operand: Codable, Sendable, Equatable {
  /// A variable path such as `order.total` or `agreement.open`.
  case path(String)
  /// A constant.
  case literal(Literal)

  enum CodingKeys: String, CodingKey {
    case path, literal
  }

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let path = try container.decodeIfPresent(String.self, forKey: .path) {
      self = .path(path)
    } else {
      self = .literal(try container.decode(Literal.self, forKey: .literal))
    }
  }

  /// Encodes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .path(let path): try container.encode(path, forKey: .path)
    case .literal(let literal): try container.encode(literal, forKey: .literal)
    }
  }
}

/// A type-checked `choose` condition.
///
/// Encoded as `{"and": [..]}`, `{"or": [..]}`, `{"not": c}`,
/// `{"compare": {"op": "==", "lhs": operand, "rhs": operand}}` or `{"test": operand}` (a
/// boolean operand on its own, such as `agreement.open`).
public indirect enum Condition: Codable, Sendable, Equatable {
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

  enum CodingKeys: String, CodingKey {
    case and, or, not, compare, test
  }

  struct Comparison: Codable {
    var op: ComparisonOperator
    var lhs: Operand
    var rhs: Operand
  }

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let all = try container.decodeIfPresent([Condition].self, forKey: .and) {
      self = .and(all)
    } else if let any = try container.decodeIfPresent([Condition].self, forKey: .or) {
      self = .or(any)
    } else if let inner = try container.decodeIfPresent(Condition.self, forKey: .not) {
      self = .not(inner)
    } else if let comparison = try container.decodeIfPresent(Comparison.self, forKey: .compare) {
      self = .compare(comparison.op, comparison.lhs, comparison.rhs)
    } else {
      self = .test(try container.decode(Operand.self, forKey: .test))
    }
  }

  /// Encodes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .and(let all): try container.encode(all, forKey: .and)
    case .or(let any): try container.encode(any, forKey: .or)
    case .not(let inner): try container.encode(inner, forKey: .not)
    case .compare(let op, let lhs, let rhs):
      try container.encode(Comparison(op: op, lhs: lhs, rhs: rhs), forKey: .compare)
    case .test(let operand): try container.encode(operand, forKey: .test)
    }
  }
}
