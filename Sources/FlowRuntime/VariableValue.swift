public import FlowIR

/// The value of a conversation variable.
///
/// Variables are named by their path in the flow language: `product`, `quantity`, `order.id`,
/// `agreement.id`, `agreement.status`, `agreement.open`, `shipping.name`, `payment.error`, … A
/// product is stored by id and resolved against the program's catalog when read.
public enum VariableValue: TaggedCodable, Sendable, Equatable, Hashable {
  case string(String)
  case int(Int64)
  case bool(Bool)
  case money(Money)
  /// A product of the catalog, by id.
  case product(String)

  package enum Tag: String, CodingKey, CaseIterable {
    case string, int, bool, money, product
  }

  package var tagged: (tag: Tag, value: any Encodable) {
    switch self {
    case .string(let value): (.string, value)
    case .int(let value): (.int, value)
    case .bool(let value): (.bool, value)
    case .money(let value): (.money, value)
    case .product(let value): (.product, value)
    }
  }

  package init(tag: Tag, value: TaggedValue<Tag>) throws {
    switch tag {
    case .string: self = .string(try value.decode())
    case .int: self = .int(try value.decode())
    case .bool: self = .bool(try value.decode())
    case .money: self = .money(try value.decode())
    case .product: self = .product(try value.decode())
    }
  }
}

extension VariableValue {
  /// The largest integer magnitude a JSON value carries exactly (``JSONValue`` holds numbers
  /// as `Double` and writes those below it as integers).
  static let largestExactInteger: Int64 = 1_000_000_000_000_000 - 1

  /// The value as JSON, the shape `encode(to:)` writes, without going through an encoder.
  ///
  /// - Throws: `EncodingError.invalidValue` for an integer (or money amount) beyond
  ///   ±``largestExactInteger``, which JSON values cannot carry exactly.
  func jsonValue() throws -> JSONValue {
    func number(_ value: Int64) throws -> JSONValue {
      guard value.magnitude <= Self.largestExactInteger.magnitude else {
        throw EncodingError.invalidValue(
          value,
          EncodingError.Context(
            codingPath: [], debugDescription: "\(value) is too large to carry exactly"))
      }
      return .number(Double(value))
    }
    let (key, payload): (Tag, JSONValue) =
      switch self {
      case .string(let value): (.string, .string(value))
      case .int(let value): (.int, try number(value))
      case .bool(let value): (.bool, .bool(value))
      case .money(let value):
        (
          .money,
          .object([
            Self.moneyMinorUnitsKey: try number(value.minorUnits),
            Self.moneyCurrencyKey: .string(value.currency),
          ])
        )
      case .product(let value): (.product, .string(value))
      }
    return .object([key.rawValue: payload])
  }

  /// The value ``jsonValue()`` writes, read back as `init(from:)` decodes it: the first tag
  /// present (in the order of ``Tag``) decides, and its value must be of that tag's type;
  /// extra members are ignored. `nil` also for an integer (or money amount) that is not whole
  /// or beyond ±``largestExactInteger``: ``jsonValue()`` could not write it back.
  ///
  /// - Parameter jsonValue: The JSON form.
  init?(jsonValue: JSONValue) {
    guard case .object(let members) = jsonValue,
      let tag = Tag.allCases.first(where: { members[$0.rawValue] != nil }),
      let payload = members[tag.rawValue]
    else { return nil }
    switch (tag, payload) {
    case (.string, .string(let value)): self = .string(value)
    case (.int, .number(let value)):
      guard let integer = JSONValue.integerForm(of: value) else { return nil }
      self = .int(integer)
    case (.bool, .bool(let value)): self = .bool(value)
    case (.money, .object(let money)):
      guard case .number(let units)? = money[Self.moneyMinorUnitsKey],
        let minorUnits = JSONValue.integerForm(of: units),
        case .string(let currency)? = money[Self.moneyCurrencyKey]
      else { return nil }
      self = .money(Money(minorUnits: minorUnits, currency: currency))
    case (.product, .string(let value)): self = .product(value)
    default: return nil
    }
  }

  /// The keys of ``Money``'s JSON form.
  static let moneyMinorUnitsKey = "minor_units"
  static let moneyCurrencyKey = "currency"
}
