import FlowIR
import FlowRuntime
import Foundation

/// Merchants, programs and payload templates shaped the way the compiler emits them
/// (see the Setup/Charge templates in `docs/ir.md`), for the Amazon Pay tests.
enum AmazonPayFixtures {
  static let usMerchant = Merchant(
    sellerId: "A2ZNONICKS0001", countryOfEstablishment: "US", ledgerCurrency: "USD",
    checkoutLanguage: "en_US", storeName: "No Nicks",
    sellerNote: "Thanks for shaving with No Nicks",
    softDescriptor: "No Nicks", paymentAction: "AuthorizeAndCapture", orderIdPrefix: "NN-",
    sandboxCustomerEmail: nil, region: "NA")

  static let ukMerchant = Merchant(
    sellerId: "A1UKSHAVE0002", countryOfEstablishment: "UK", ledgerCurrency: "GBP",
    checkoutLanguage: "en_GB", storeName: "Close Shave", sellerNote: nil, softDescriptor: nil,
    paymentAction: "AuthorizeAndCapture", orderIdPrefix: nil, sandboxCustomerEmail: nil,
    region: "UK")

  static let deMerchant = Merchant(
    sellerId: "A3DERASUR0003", countryOfEstablishment: "DE", ledgerCurrency: "EUR",
    checkoutLanguage: "de_DE", storeName: nil, sellerNote: "Danke", softDescriptor: "Rasur",
    paymentAction: "Authorize", orderIdPrefix: "DE_", sandboxCustomerEmail: nil, region: "EU")

  static let jpMerchant = Merchant(
    sellerId: "A4JPKAMISORI4", countryOfEstablishment: "JP", ledgerCurrency: "JPY",
    checkoutLanguage: "ja_JP", storeName: "カミソリ堂", sellerNote: nil, softDescriptor: nil,
    paymentAction: "AuthorizeAndCapture", orderIdPrefix: nil,
    sandboxCustomerEmail: "buyer@example.jp", region: "JP")

  static func program(merchant: Merchant) -> FlowProgram {
    let currency = merchant.ledgerCurrency
    let unit: Int64 = currency == "JPY" ? 1 : 100
    return FlowProgram(
      skill: Skill(
        name: "Shop", invocation: "shop", locales: ["en-US"],
        privacyPolicyURL: "https://example.com/privacy"),
      merchant: merchant,
      products: [
        Product(
          id: "kit", names: ["en-US": "Starter Kit"],
          price: Money(minorUnits: 9 * unit, currency: currency), synonyms: [:], shipping: true,
          subscription: nil),
        Product(
          id: "refill", names: ["en-US": "Blade Refill"],
          price: Money(minorUnits: 20 * unit, currency: currency), synonyms: [:],
          shipping: true, subscription: Subscription(every: 2, unit: .month)),
        Product(
          id: "gift_card", names: ["en-US": "Gift Card"],
          price: Money(minorUnits: 25 * unit, currency: currency), synonyms: [:],
          shipping: false, subscription: nil),
      ],
      intents: [], prompts: [:], start: "start", global: [:], states: [:],
      sourceMap: SourceMap(file: "shop.yaml", states: [:]))
  }

  static func entity(_ type: String, _ fields: [String: PayloadTemplate]) -> PayloadTemplate {
    .object(fields.merging(["@type": .string(type), "@version": .string("2")]) { $1 })
  }

  /// The Setup template for a merchant, as the compiler lowers `setup: {}`.
  static func setupTemplate(
    merchant: Merchant, shipping: Bool? = nil, agreementType: String? = nil
  ) -> PayloadTemplate {
    var sellerAttributes: [String: PayloadTemplate] = [:]
    if let storeName = merchant.storeName { sellerAttributes["storeName"] = .string(storeName) }
    let euOrUK = merchant.region == "EU" || merchant.region == "UK"
    var attributes: [String: PayloadTemplate] = [
      "billingAgreementType": agreementType.map { .string($0) }
        ?? .binding(.billingAgreementType(productPath: "product", always: euOrUK)),
      "subscriptionAmount": .binding(.subscriptionAmount(productPath: "product")),
      "sellerBillingAgreementAttributes": entity(
        "SellerBillingAgreementAttributes", sellerAttributes),
    ]
    if let note = merchant.sellerNote { attributes["sellerNote"] = .string(note) }
    var fields: [String: PayloadTemplate] = [
      "sellerId": .string(merchant.sellerId),
      "countryOfEstablishment": .string(merchant.countryOfEstablishment),
      "ledgerCurrency": .string(merchant.ledgerCurrency),
      "checkoutLanguage": .string(merchant.checkoutLanguage),
      "needAmazonShippingAddress": shipping.map { .bool($0) }
        ?? .binding(.productShipping(productPath: "product")),
      "billingAgreementAttributes": entity("BillingAgreementAttributes", attributes),
    ]
    if let email = merchant.sandboxCustomerEmail {
      fields["sandboxMode"] = .bool(true)
      fields["sandboxCustomerEmailId"] = .string(email)
    }
    return entity("SetupAmazonPayRequest", fields)
  }

  /// The Charge template for a merchant, as the compiler lowers `charge: {}`; with
  /// `currencyFromAmount`, the currency code is read from the amount's money value instead of
  /// being the merchant's ledger currency.
  static func chargeTemplate(
    merchant: Merchant, amountPath: String = "order.total", currencyFromAmount: Bool = false
  ) -> PayloadTemplate {
    var authorize: [String: PayloadTemplate] = [
      "authorizationReferenceId": .binding(.authorizationReferenceId),
      "authorizationAmount": entity(
        "Price",
        [
          "amount": .binding(.moneyAmount(path: amountPath)),
          "currencyCode": currencyFromAmount
            ? .binding(.moneyCurrency(path: amountPath)) : .string(merchant.ledgerCurrency),
        ]),
      "transactionTimeout": .integer(0),
    ]
    if let descriptor = merchant.softDescriptor {
      authorize["softDescriptor"] = .string(descriptor)
    }
    var order: [String: PayloadTemplate] = ["sellerOrderId": .binding(.sellerOrderId)]
    if let storeName = merchant.storeName { order["storeName"] = .string(storeName) }
    if let note = merchant.sellerNote { order["sellerNote"] = .string(note) }
    return entity(
      "ChargeAmazonPayRequest",
      [
        "sellerId": .string(merchant.sellerId),
        "billingAgreementId": .binding(.variable(path: "agreement.id")),
        "paymentAction": .string(merchant.paymentAction),
        "authorizeAttributes": entity("AuthorizeAttributes", authorize),
        "sellerOrderAttributes": entity("SellerOrderAttributes", order),
      ])
  }

  /// A render context over a fixed set of variables.
  static func context(
    _ variables: [String: VariableValue], orderId: String? = "0001",
    authorizationReferenceId: String? = "0001-1-abcdefghijklmnopqrstuv"
  ) -> PayloadRenderContext {
    PayloadRenderContext(
      resolve: { variables[$0] }, orderId: orderId,
      authorizationReferenceId: authorizationReferenceId)
  }

  /// Canonical JSON text of a value (sorted keys), for exact comparisons.
  static func canonical(_ value: JSONValue) throws -> String {
    String(decoding: try CanonicalJSON.compact(value), as: UTF8.self)
  }

  static func json(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
  }

  /// The directory holding the reference envelopes copied into the project.
  static let envelopesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Conformance").appendingPathComponent("envelopes")

  static func envelope(_ name: String) throws -> JSONValue {
    let url = envelopesDirectory.appendingPathComponent("request-\(name).json")
    return try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
  }
}
