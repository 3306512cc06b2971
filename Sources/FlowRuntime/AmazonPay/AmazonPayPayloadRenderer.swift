import FlowIR

/// Turns a ``PayloadTemplate`` into the JSON of a `Connections.SendRequest` payload.
///
/// Rules (amazon-pay-alexa reference §1, `docs/ir.md`):
/// - a binding with no value is left out together with its key, never rendered as `null`;
/// - an object left with nothing but `@type` and `@version` is left out as well;
/// - template integers stay JSON numbers (`transactionTimeout: 0`);
/// - amounts are decimal strings with the currency's decimal places (`"9.00"`, `"300"`);
/// - run-time identifiers are checked against Amazon Pay's limits, and the fields Amazon Pay
///   requires must have a value, else rendering throws ``AmazonPayPayloadError``.
struct AmazonPayPayloadRenderer {
  let program: FlowProgram
  let context: PayloadRenderContext

  /// The most one authorization may be, in minor units, per currency (MWS `Authorize`; the JPY
  /// figure comes from the newer Amazon Pay API and is the best evidence there is).
  static let maximumMinorUnits: [String: Int64] = [
    "USD": 150_000_00, "GBP": 150_000_00, "EUR": 150_000_00, "JPY": 10_000_000,
  ]

  static let envelopeKeys: Set<String> = ["@type", "@version"]

  /// Fields each request type must carry after rendering, as JSON paths.
  static let requiredFields: [String: [[String]]] = [
    "SetupAmazonPayRequest": [
      ["sellerId"], ["countryOfEstablishment"], ["ledgerCurrency"],
    ],
    "ChargeAmazonPayRequest": [
      ["sellerId"], ["billingAgreementId"], ["paymentAction"],
      ["authorizeAttributes", "authorizationReferenceId"],
      ["authorizeAttributes", "authorizationAmount", "amount"],
      ["authorizeAttributes", "authorizationAmount", "currencyCode"],
    ],
  ]

  func render(_ template: PayloadTemplate) throws -> JSONValue {
    let rendered = try renderValue(template) ?? .object([:])
    if case .string(let type)? = rendered["@type"], let required = Self.requiredFields[type] {
      for path in required where value(at: path, in: rendered) == nil {
        throw AmazonPayPayloadError.missingRequiredField(path.joined(separator: "."))
      }
    }
    return rendered
  }

  private func value(at path: [String], in json: JSONValue) -> JSONValue? {
    var current: JSONValue? = json
    for key in path { current = current?[key] }
    return current
  }

  private func renderValue(_ template: PayloadTemplate) throws -> JSONValue? {
    switch template {
    case .object(let members):
      var object: [String: JSONValue] = [:]
      for (key, member) in members {
        if let value = try renderValue(member) { object[key] = value }
      }
      // An entity with nothing but its `@type`/`@version` says nothing; Amazon Pay wants at
      // least one field in such objects, so it goes.
      if !object.isEmpty && Set(object.keys).isSubset(of: Self.envelopeKeys) { return nil }
      return .object(object)
    case .array(let elements):
      return .array(try elements.compactMap { try renderValue($0) })
    case .string(let value): return .string(value)
    case .integer(let value): return .number(Double(value))
    case .bool(let value): return .bool(value)
    case .binding(let binding): return try render(binding)
    }
  }

  private func render(_ binding: PayloadBinding) throws -> JSONValue? {
    switch binding {
    case .variable(let path):
      return context.resolve(path).map(Self.json(of:))
    case .moneyAmount(let path):
      guard let money = try money(at: path) else { return nil }
      try check(money)
      return .string(money.decimalString)
    case .moneyCurrency(let path):
      return try money(at: path).map { .string($0.currency) }
    case .authorizationReferenceId:
      guard let reference = context.authorizationReferenceId else { return nil }
      guard AmazonPayIdentifiers.isValidMerchantIdentifier(reference) else {
        throw AmazonPayPayloadError.invalidAuthorizationReferenceId(reference)
      }
      return .string(reference)
    case .sellerOrderId:
      // The order id is the sellerOrderId, prefix included: the customer hears and reads the
      // number that the Amazon Pay receipt shows.
      guard let sellerOrderId = context.orderId else { return nil }
      guard AmazonPayIdentifiers.isValidMerchantIdentifier(sellerOrderId) else {
        throw AmazonPayPayloadError.invalidSellerOrderId(sellerOrderId)
      }
      return .string(sellerOrderId)
    case .productShipping(let productPath):
      return product(at: productPath).map { .bool($0.shipping) }
    case .billingAgreementType(let productPath, let always):
      if product(at: productPath)?.subscription != nil {
        return .string("MerchantInitiatedTransaction")
      }
      return always ? .string("CustomerInitiatedTransaction") : nil
    case .subscriptionAmount(let productPath):
      guard let product = product(at: productPath), product.subscription != nil else {
        return nil
      }
      let quantity = quantity()
      let (total, overflow) = product.price.minorUnits.multipliedReportingOverflow(by: quantity)
      guard !overflow else {
        throw AmazonPayPayloadError.amountOverflow(productId: product.id, quantity: quantity)
      }
      let money = Money(minorUnits: total, currency: product.price.currency)
      try check(money)
      return .object([
        "@type": .string("Price"), "@version": .string("2"),
        "amount": .string(money.decimalString), "currencyCode": .string(money.currency),
      ])
    }
  }

  /// The quantity of the order: the `quantity` variable, 1 when unset or not a positive number.
  private func quantity() -> Int64 {
    if case .int(let value)? = context.resolve(VariablePath.quantity.rawValue), value >= 1 {
      return value
    }
    return 1
  }

  private func product(at path: String) -> Product? {
    switch context.resolve(path) {
    case .product(let id)?, .string(let id)?: program.product(id: id)
    default: nil
    }
  }

  private func money(at path: String) throws -> Money? {
    switch context.resolve(path) {
    case nil: return nil
    case .money(let money)?: return money
    default: throw AmazonPayPayloadError.wrongValueType(path: path, expected: "money")
    }
  }

  private func check(_ money: Money) throws {
    if let ledger = program.merchant?.ledgerCurrency, ledger != money.currency {
      throw AmazonPayPayloadError.currencyMismatch(
        amount: money.decimalString, currency: money.currency, ledgerCurrency: ledger)
    }
    let maximum = Self.maximumMinorUnits[money.currency] ?? 150_000_00
    guard money.minorUnits > 0, money.minorUnits <= maximum else {
      throw AmazonPayPayloadError.amountOutOfRange(
        amount: money.decimalString, currency: money.currency)
    }
  }

  /// The JSON of a variable used as a plain payload value.
  static func json(of value: VariableValue) -> JSONValue {
    switch value {
    case .string(let text): .string(text)
    case .int(let number): .number(Double(number))
    case .bool(let flag): .bool(flag)
    case .money(let money): .string(money.decimalString)
    case .product(let id): .string(id)
    }
  }
}
