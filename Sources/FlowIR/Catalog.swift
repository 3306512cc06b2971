/// An amount of money as an exact integer number of minor units (cents, pence; yen have none).
public struct Money: Codable, Sendable, Equatable, Hashable {
  /// The amount in minor units of ``currency``.
  public var minorUnits: Int64
  /// ISO 4217 code: `EUR`, `GBP`, `JPY` or `USD`.
  public var currency: String

  /// Creates an amount.
  public init(minorUnits: Int64, currency: String) {
    self.minorUnits = minorUnits
    self.currency = currency
  }

  enum CodingKeys: String, CodingKey {
    case currency
    case minorUnits = "minor_units"
  }

  /// How many decimal places the currency has: 0 for JPY, 2 for the others.
  public static func decimalPlaces(of currency: String) -> Int {
    currency == "JPY" ? 0 : 2
  }

  /// The amount as Amazon Pay's request `Price.amount` wants it: a plain decimal string with the
  /// currency's decimal places (`"9.00"`, `"300"`), no grouping, no symbol.
  public var decimalString: String {
    let places = Money.decimalPlaces(of: currency)
    let negative = minorUnits < 0
    let magnitude = minorUnits.magnitude
    guard places > 0 else { return (negative ? "-" : "") + String(magnitude) }
    var divisor: UInt64 = 1
    for _ in 0..<places { divisor *= 10 }
    let whole = magnitude / divisor
    let fraction = String(magnitude % divisor)
    let padded = String(repeating: "0", count: places - fraction.count) + fraction
    return (negative ? "-" : "") + "\(whole).\(padded)"
  }
}

/// A product of the catalog.
public struct Product: Codable, Sendable, Equatable {
  /// The product id (`[a-z][a-z0-9_]*`).
  public var id: String
  /// The spoken name per locale; every locale of the skill has one.
  public var names: [String: String]
  /// The price in the merchant's currency.
  public var price: Money
  /// Synonyms per locale (may be empty), for the `catalog` slot type.
  public var synonyms: [String: [String]]
  /// Whether the product ships, so Setup asks for an Amazon shipping address.
  public var shipping: Bool
  /// The billing period of a recurring product.
  public var subscription: Subscription?

  /// Creates a product.
  public init(
    id: String, names: [String: String], price: Money, synonyms: [String: [String]],
    shipping: Bool, subscription: Subscription?
  ) {
    self.id = id
    self.names = names
    self.price = price
    self.synonyms = synonyms
    self.shipping = shipping
    self.subscription = subscription
  }

  /// In the byte order of the names (see ``FlowProgram``'s coding keys).
  enum CodingKeys: String, CodingKey {
    case id, names, price, shipping, subscription, synonyms
  }
}

extension Array where Element == Product {
  /// The product with an id in a catalog sorted by id (as the compiler sorts it), found by
  /// binary search; `nil` when there is none (or the catalog is not sorted and the search
  /// misses it).
  ///
  /// - Parameter id: The product id.
  /// - Returns: The product, if the search finds one.
  public func product(sortedByIDHaving id: some StringProtocol) -> Product? {
    // Compared as a `String`: a `Substring` compared through `StringProtocol` costs several
    // times as much per step (a `String` converts to itself for free, a short id without an
    // allocation).
    let id = String(id)
    var lower = 0
    var upper = count
    while lower < upper {
      let middle = lower + (upper - lower) / 2
      if self[middle].id < id { lower = middle + 1 } else { upper = middle }
    }
    return lower < count && self[lower].id == id ? self[lower] : nil
  }
}

/// The period of a recurring product, such as every 2 months.
public struct Subscription: Codable, Sendable, Equatable {
  /// A calendar unit.
  public enum Unit: String, Codable, Sendable, Equatable {
    case day, week, month, year
  }

  /// How many units make one period (at least 1).
  public var every: Int
  /// The unit of the period.
  public var unit: Unit

  /// Creates a period.
  public init(every: Int, unit: Unit) {
    self.every = every
    self.unit = unit
  }
}

/// A custom intent of the interaction model.
public struct Intent: Codable, Sendable, Equatable {
  /// The intent name.
  public var name: String
  /// The slots in declaration order.
  public var slots: [Slot]
  /// Sample utterances per locale, `{slot}` marking a slot.
  public var samples: [String: [String]]

  /// Creates an intent.
  public init(name: String, slots: [Slot], samples: [String: [String]]) {
    self.name = name
    self.slots = slots
    self.samples = samples
  }

  /// In the byte order of the names (see ``FlowProgram``'s coding keys).
  enum CodingKeys: String, CodingKey {
    case name, samples, slots
  }
}

/// A slot of an intent.
public struct Slot: Codable, Sendable, Equatable {
  /// The slot name.
  public var name: String
  /// An Alexa built-in type (`AMAZON.NUMBER`) or `catalog`, the type generated from the products.
  public var type: String

  /// Creates a slot.
  public init(name: String, type: String) {
    self.name = name
    self.type = type
  }
}

/// The Amazon Pay merchant settings, resolved and validated.
public struct Merchant: Codable, Sendable, Equatable {
  /// Amazon Pay merchant id (`sellerId`).
  public var sellerId: String
  /// `countryOfEstablishment`, such as `US` or `UK`.
  public var countryOfEstablishment: String
  /// `ledgerCurrency`, such as `USD`.
  public var ledgerCurrency: String
  /// `checkoutLanguage` in underscore form, such as `en_US`.
  public var checkoutLanguage: String
  /// `storeName`.
  public var storeName: String?
  /// `sellerNote`.
  public var sellerNote: String?
  /// `softDescriptor`.
  public var softDescriptor: String?
  /// `paymentAction` in the model's casing: `AuthorizeAndCapture` or `Authorize`.
  public var paymentAction: String
  /// The start of every generated order id (`order.id`, sent as `sellerOrderId`).
  public var orderIdPrefix: String?
  /// Sandbox buyer e-mail; its presence means sandbox mode.
  public var sandboxCustomerEmail: String?
  /// Amazon Pay region of the merchant: `NA`, `UK`, `EU` or `JP`.
  public var region: String

  /// Creates merchant settings.
  public init(
    sellerId: String, countryOfEstablishment: String, ledgerCurrency: String,
    checkoutLanguage: String, storeName: String?, sellerNote: String?, softDescriptor: String?,
    paymentAction: String, orderIdPrefix: String?, sandboxCustomerEmail: String?, region: String
  ) {
    self.sellerId = sellerId
    self.countryOfEstablishment = countryOfEstablishment
    self.ledgerCurrency = ledgerCurrency
    self.checkoutLanguage = checkoutLanguage
    self.storeName = storeName
    self.sellerNote = sellerNote
    self.softDescriptor = softDescriptor
    self.paymentAction = paymentAction
    self.orderIdPrefix = orderIdPrefix
    self.sandboxCustomerEmail = sandboxCustomerEmail
    self.region = region
  }

  enum CodingKeys: String, CodingKey {
    case sellerId = "seller_id"
    case countryOfEstablishment = "country_of_establishment"
    case ledgerCurrency = "ledger_currency"
    case checkoutLanguage = "checkout_language"
    case storeName = "store_name"
    case sellerNote = "seller_note"
    case softDescriptor = "soft_descriptor"
    case paymentAction = "payment_action"
    case orderIdPrefix = "order_id_prefix"
    case sandboxCustomerEmail = "sandbox_customer_email"
    case region
  }
}
