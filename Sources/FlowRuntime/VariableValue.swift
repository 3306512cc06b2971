public import FlowIR

/// The value of a conversation variable.
///
/// Variables are named by their path in the flow language: `product`, `quantity`, `order.id`,
/// `agreement.id`, `agreement.status`, `agreement.open`, `shipping.name`, `payment.error`, … A
/// product is stored by id and resolved against the program's catalog when read.
public enum VariableValue: Codable, Sendable, Equatable, Hashable {
  case string(String)
  case int(Int64)
  case bool(Bool)
  case money(Money)
  /// A product of the catalog, by id.
  case product(String)

  enum CodingKeys: String, CodingKey {
    case string, int, bool, money, product
  }

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let value = try container.decodeIfPresent(String.self, forKey: .string) {
      self = .string(value)
    } else if let value = try container.decodeIfPresent(Int64.self, forKey: .int) {
      self = .int(value)
    } else if let value = try container.decodeIfPresent(Bool.self, forKey: .bool) {
      self = .bool(value)
    } else if let value = try container.decodeIfPresent(Money.self, forKey: .money) {
      self = .money(value)
    } else {
      self = .product(try container.decode(String.self, forKey: .product))
    }
  }

  /// Encodes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .string(let value): try container.encode(value, forKey: .string)
    case .int(let value): try container.encode(value, forKey: .int)
    case .bool(let value): try container.encode(value, forKey: .bool)
    case .money(let value): try container.encode(value, forKey: .money)
    case .product(let value): try container.encode(value, forKey: .product)
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
    let (key, payload): (CodingKeys, JSONValue) =
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

  /// The keys of ``Money``'s JSON form.
  static let moneyMinorUnitsKey = "minor_units"
  static let moneyCurrencyKey = "currency"
}
