/// The payload of a Connections task as a JSON template: constants the compiler resolved, and
/// ``PayloadBinding``s the runtime fills in for each request.
///
/// Encoded as plain JSON, except that a binding is an object with the single key `$bind`:
/// `{"$bind": {"kind": "money_amount", "path": "order.total"}}`.
///
/// Rendering rules (the runtime's, documented in `docs/ir.md`): a binding with no value is
/// omitted together with its key, never rendered as `null`; an object left with nothing but
/// `@type` and `@version` after that is omitted too.
public indirect enum PayloadTemplate: Codable, Sendable, Equatable {
  /// A JSON object.
  case object([String: PayloadTemplate])
  /// A JSON array.
  case array([PayloadTemplate])
  /// A JSON string.
  case string(String)
  /// A JSON whole number (such as `transactionTimeout: 0`).
  case integer(Int64)
  /// A JSON boolean.
  case bool(Bool)
  /// A value computed at run time.
  case binding(PayloadBinding)

  struct BindingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    static let bind = BindingKey(stringValue: "$bind")
  }

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    if let container = try? decoder.container(keyedBy: BindingKey.self) {
      if container.allKeys.count == 1, container.contains(.bind) {
        self = .binding(try container.decode(PayloadBinding.self, forKey: .bind))
        return
      }
      var object: [String: PayloadTemplate] = [:]
      for key in container.allKeys {
        object[key.stringValue] = try container.decode(PayloadTemplate.self, forKey: key)
      }
      self = .object(object)
      return
    }
    if var container = try? decoder.unkeyedContainer() {
      var elements: [PayloadTemplate] = []
      while !container.isAtEnd {
        elements.append(try container.decode(PayloadTemplate.self))
      }
      self = .array(elements)
      return
    }
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int64.self) {
      self = .integer(value)
    } else {
      self = .string(try container.decode(String.self))
    }
  }

  /// Encodes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .object(let object):
      var container = encoder.container(keyedBy: BindingKey.self)
      for (key, value) in object {
        try container.encode(value, forKey: BindingKey(stringValue: key))
      }
    case .array(let elements):
      var container = encoder.unkeyedContainer()
      for element in elements { try container.encode(element) }
    case .string(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .integer(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .bool(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .binding(let binding):
      var container = encoder.container(keyedBy: BindingKey.self)
      try container.encode(binding, forKey: .bind)
    }
  }
}

/// A payload value computed by the runtime when it sends the directive.
///
/// Encoded as `{"kind": "…", …}` with the case's fields.
public enum PayloadBinding: Codable, Sendable, Equatable {
  /// The string value of a variable (`agreement.id`); omitted when unset.
  case variable(path: String)
  /// The decimal amount of a money path (`order.total` → `"18.00"`).
  case moneyAmount(path: String)
  /// The currency code of a money path.
  case moneyCurrency(path: String)
  /// A fresh `authorizationReferenceId`, unique per charge attempt (≤ 32 of `A-Za-z0-9-_`).
  case authorizationReferenceId
  /// The `sellerOrderId`: the order id (`order.id`), which starts with the merchant's prefix.
  case sellerOrderId
  /// Whether the product at `productPath` ships (`needAmazonShippingAddress` by default).
  case productShipping(productPath: String)
  /// `MerchantInitiatedTransaction` when the product at `productPath` is a subscription, else
  /// `CustomerInitiatedTransaction`; omitted for a non-subscription unless `always`.
  case billingAgreementType(productPath: String, always: Bool)
  /// A request `Price` object (`@type`, `@version`, `amount`, `currencyCode`) of the product's
  /// price times the quantity, when the product at `productPath` is a subscription; else omitted.
  case subscriptionAmount(productPath: String)

  enum CodingKeys: String, CodingKey {
    case kind, path, always
    case productPath = "product_path"
  }

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try container.decode(String.self, forKey: .kind)
    switch kind {
    case "variable": self = .variable(path: try container.decode(String.self, forKey: .path))
    case "money_amount":
      self = .moneyAmount(path: try container.decode(String.self, forKey: .path))
    case "money_currency":
      self = .moneyCurrency(path: try container.decode(String.self, forKey: .path))
    case "authorization_reference_id": self = .authorizationReferenceId
    case "seller_order_id": self = .sellerOrderId
    case "product_shipping":
      self = .productShipping(productPath: try container.decode(String.self, forKey: .productPath))
    case "billing_agreement_type":
      self = .billingAgreementType(
        productPath: try container.decode(String.self, forKey: .productPath),
        always: try container.decode(Bool.self, forKey: .always))
    case "subscription_amount":
      self = .subscriptionAmount(
        productPath: try container.decode(String.self, forKey: .productPath))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: container, debugDescription: "unknown payload binding '\(kind)'")
    }
  }

  /// Encodes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .variable(let path):
      try container.encode("variable", forKey: .kind)
      try container.encode(path, forKey: .path)
    case .moneyAmount(let path):
      try container.encode("money_amount", forKey: .kind)
      try container.encode(path, forKey: .path)
    case .moneyCurrency(let path):
      try container.encode("money_currency", forKey: .kind)
      try container.encode(path, forKey: .path)
    case .authorizationReferenceId:
      try container.encode("authorization_reference_id", forKey: .kind)
    case .sellerOrderId:
      try container.encode("seller_order_id", forKey: .kind)
    case .productShipping(let productPath):
      try container.encode("product_shipping", forKey: .kind)
      try container.encode(productPath, forKey: .productPath)
    case .billingAgreementType(let productPath, let always):
      try container.encode("billing_agreement_type", forKey: .kind)
      try container.encode(productPath, forKey: .productPath)
      try container.encode(always, forKey: .always)
    case .subscriptionAmount(let productPath):
      try container.encode("subscription_amount", forKey: .kind)
      try container.encode(productPath, forKey: .productPath)
    }
  }
}
