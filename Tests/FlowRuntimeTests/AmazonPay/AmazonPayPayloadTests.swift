import FlowIR
import FlowRuntime
import Foundation
import Testing

@Suite struct AmazonPayPayloadTests {
  typealias F = AmazonPayFixtures

  /// A valid `authorizationReferenceId`.
  static let reference = "0001-1-abcdefghijklmnopqrstuv"

  func render(
    _ template: PayloadTemplate, merchant: Merchant, _ variables: [String: VariableValue],
    orderId: String? = "0001", reference: String? = Self.reference
  ) throws -> String {
    try F.canonical(
      AmazonPayProfile.renderPayload(
        template, program: F.program(merchant: merchant),
        context: F.context(variables, orderId: orderId, authorizationReferenceId: reference)))
  }

  /// Renders the payload of `merchant`'s Setup template.
  func renderSetup(_ merchant: Merchant, _ variables: [String: VariableValue]) throws -> String {
    try render(F.setupTemplate(merchant: merchant), merchant: merchant, variables)
  }

  /// $9.00 on agreement `C01`: a charge with nothing wrong in it.
  static let nineDollarsOnC01: [String: VariableValue] = [
    "agreement.id": .string("C01"),
    "order.total": .money(Money(minorUnits: 900, currency: "USD")),
  ]

  /// Renders the US merchant's charge payload.
  func renderUSCharge(
    _ variables: [String: VariableValue] = Self.nineDollarsOnC01, orderId: String? = "0001",
    reference: String? = Self.reference
  ) throws -> String {
    try render(
      F.chargeTemplate(merchant: F.usMerchant), merchant: F.usMerchant, variables,
      orderId: orderId, reference: reference)
  }

  @Test func usSetupForAShippedOneOffProduct() throws {
    let json = try renderSetup(F.usMerchant, ["product": .product("kit"), "quantity": .int(1)])
    #expect(
      json
        == #"{"@type":"SetupAmazonPayRequest","@version":"2","billingAgreementAttributes":{"@type":"BillingAgreementAttributes","@version":"2","sellerBillingAgreementAttributes":{"@type":"SellerBillingAgreementAttributes","@version":"2","storeName":"No Nicks"},"sellerNote":"Thanks for shaving with No Nicks"},"checkoutLanguage":"en_US","countryOfEstablishment":"US","ledgerCurrency":"USD","needAmazonShippingAddress":true,"sellerId":"A2ZNONICKS0001"}"#
    )
  }

  @Test func subscriptionSendsMerchantInitiatedTypeAndPriceTimesQuantity() throws {
    let json = try renderSetup(F.usMerchant, ["product": .product("refill"), "quantity": .int(2)])
    #expect(json.contains(#""billingAgreementType":"MerchantInitiatedTransaction""#))
    #expect(
      json.contains(
        #""subscriptionAmount":{"@type":"Price","@version":"2","amount":"40.00","currencyCode":"USD"}"#
      ))
  }

  @Test func euMerchantAlwaysSendsTheAgreementTypeAndDropsAnEmptyEntity() throws {
    let json = try renderSetup(F.deMerchant, ["product": .product("kit"), "quantity": .int(1)])
    #expect(
      json
        == #"{"@type":"SetupAmazonPayRequest","@version":"2","billingAgreementAttributes":{"@type":"BillingAgreementAttributes","@version":"2","billingAgreementType":"CustomerInitiatedTransaction","sellerNote":"Danke"},"checkoutLanguage":"de_DE","countryOfEstablishment":"DE","ledgerCurrency":"EUR","needAmazonShippingAddress":true,"sellerId":"A3DERASUR0003"}"#
    )
  }

  @Test func ukMerchantWithAProductThatDoesNotShip() throws {
    let json = try renderSetup(F.ukMerchant, ["product": .product("gift_card")])
    #expect(json.contains(#""needAmazonShippingAddress":false"#))
    #expect(json.contains(#""billingAgreementType":"CustomerInitiatedTransaction""#))
    #expect(!json.contains("subscriptionAmount"))
    #expect(!json.contains("sellerNote"))
  }

  @Test func japaneseSandboxSetupHasBothSandboxFieldsAndWholeYen() throws {
    let json = try renderSetup(F.jpMerchant, ["product": .product("refill"), "quantity": .int(2)])
    #expect(json.contains(#""sandboxMode":true"#))
    #expect(json.contains(#""sandboxCustomerEmailId":"buyer@example.jp""#))
    #expect(json.contains(#""amount":"40","currencyCode":"JPY""#))
    #expect(json.contains(#""checkoutLanguage":"ja_JP""#))
  }

  @Test func literalSetupOptionsWinOverBindings() throws {
    let template = F.setupTemplate(
      merchant: F.usMerchant, shipping: false, agreementType: "MerchantInitiatedTransaction")
    let json = try render(template, merchant: F.usMerchant, ["product": .product("kit")])
    #expect(json.contains(#""needAmazonShippingAddress":false"#))
    #expect(json.contains(#""billingAgreementType":"MerchantInitiatedTransaction""#))
  }

  @Test func agreementAttributesWithNothingInThemAreOmitted() throws {
    var bare = F.usMerchant
    bare.storeName = nil
    bare.sellerNote = nil
    let json = try renderSetup(bare, ["product": .product("kit")])
    #expect(!json.contains("billingAgreementAttributes"))
    #expect(!json.contains("SellerBillingAgreementAttributes"))
  }

  @Test func unresolvedProductLeavesItsFieldsOutInsteadOfNull() throws {
    let payload = try AmazonPayProfile.renderPayload(
      F.setupTemplate(merchant: F.usMerchant), program: F.program(merchant: F.usMerchant),
      context: F.context([:]))
    #expect(payload["needAmazonShippingAddress"] == nil)
    #expect(!containsNull(payload))
  }

  @Test func usChargeRendersEveryFieldWithTimeoutAsNumber() throws {
    let json = try renderUSCharge(
      [
        "agreement.id": .string("C01-1234567-7654321"),
        "order.total": .money(Money(minorUnits: 1800, currency: "USD")),
      ], orderId: "NN-0001")
    #expect(
      json
        == #"{"@type":"ChargeAmazonPayRequest","@version":"2","authorizeAttributes":{"@type":"AuthorizeAttributes","@version":"2","authorizationAmount":{"@type":"Price","@version":"2","amount":"18.00","currencyCode":"USD"},"authorizationReferenceId":"0001-1-abcdefghijklmnopqrstuv","softDescriptor":"No Nicks","transactionTimeout":0},"billingAgreementId":"C01-1234567-7654321","paymentAction":"AuthorizeAndCapture","sellerId":"A2ZNONICKS0001","sellerOrderAttributes":{"@type":"SellerOrderAttributes","@version":"2","sellerNote":"Thanks for shaving with No Nicks","sellerOrderId":"NN-0001","storeName":"No Nicks"}}"#
    )
  }

  @Test func japaneseChargeAmountHasNoDecimals() throws {
    let payload = try AmazonPayProfile.renderPayload(
      F.chargeTemplate(merchant: F.jpMerchant), program: F.program(merchant: F.jpMerchant),
      context: F.context([
        "agreement.id": .string("C03-XXXXXXX-YYYYYYY"),
        "order.total": .money(Money(minorUnits: 300, currency: "JPY")),
      ]))
    #expect(payload["authorizeAttributes"]?["authorizationAmount"]?["amount"] == .string("300"))
    #expect(payload["authorizeAttributes"]?["transactionTimeout"] == .number(0))
  }

  @Test func chargeWithAnotherAmountPath() throws {
    let json = try render(
      F.chargeTemplate(merchant: F.deMerchant, amountPath: "deposit"), merchant: F.deMerchant,
      [
        "agreement.id": .string("C02-5320354-ABCDEFG"),
        "deposit": .money(Money(minorUnits: 123_450, currency: "EUR")),
      ], orderId: "DE_0001")
    #expect(json.contains(#""amount":"1234.50""#))
    #expect(json.contains(#""sellerOrderId":"DE_0001""#))
    #expect(json.contains(#""paymentAction":"Authorize""#))
  }

  @Test func chargeWithoutAnAgreementIsRefused() {
    #expect(throws: AmazonPayPayloadError.missingRequiredField("billingAgreementId")) {
      try renderUSCharge(["order.total": .money(Money(minorUnits: 900, currency: "USD"))])
    }
  }

  @Test func chargeWithoutAReferenceIdIsRefused() {
    #expect(
      throws: AmazonPayPayloadError.missingRequiredField(
        "authorizeAttributes.authorizationReferenceId")
    ) {
      try renderUSCharge(reference: nil)
    }
  }

  @Test func chargeWithoutAnAmountIsRefused() {
    #expect(
      throws: AmazonPayPayloadError.missingRequiredField(
        "authorizeAttributes.authorizationAmount.amount")
    ) {
      try renderUSCharge(["agreement.id": .string("C01")])
    }
  }

  @Test(arguments: [
    "", "a b", "ref/1", "é123", String(repeating: "x", count: 33), "null\u{0}",
  ])
  func badReferenceIdsAreRefused(reference: String) {
    #expect(throws: AmazonPayPayloadError.invalidAuthorizationReferenceId(reference)) {
      try renderUSCharge(reference: reference)
    }
  }

  @Test func thirtyTwoCharacterReferenceIsAccepted() throws {
    let reference = String(repeating: "A", count: 16) + String(repeating: "-_9z", count: 4)
    let json = try renderUSCharge(reference: reference)
    #expect(json.contains(reference))
  }

  /// The order id is sent as it is (it carries the prefix already), and checked.
  @Test(arguments: [String(repeating: "9", count: 33), "NN-order 1", "NN-ordre#1"])
  func badSellerOrderIdsAreRefused(orderId: String) {
    #expect(throws: AmazonPayPayloadError.invalidSellerOrderId(orderId)) {
      try renderUSCharge(orderId: orderId)
    }
  }

  @Test func chargeWithoutAnOrderIdLeavesTheOrderIdOut() throws {
    let json = try renderUSCharge(orderId: nil)
    #expect(!json.contains("sellerOrderId"))
    #expect(json.contains(#""sellerOrderAttributes":{"#))
  }

  @Test(arguments: [
    Money(minorUnits: 900, currency: "EUR"), Money(minorUnits: 0, currency: "USD"),
    Money(minorUnits: -100, currency: "USD"), Money(minorUnits: 150_000_01, currency: "USD"),
  ])
  func amountsAmazonPayWouldRefuseAreRefused(amount: Money) {
    #expect(throws: AmazonPayPayloadError.self) {
      try renderUSCharge(["agreement.id": .string("C01"), "order.total": .money(amount)])
    }
  }

  @Test func largestAllowedAmountIsAccepted() throws {
    let json = try renderUSCharge([
      "agreement.id": .string("C01"),
      "order.total": .money(Money(minorUnits: 150_000_00, currency: "USD")),
    ])
    #expect(json.contains(#""amount":"150000.00""#))
  }

  @Test func moneyPathHoldingAStringIsRefused() {
    #expect(throws: AmazonPayPayloadError.wrongValueType(path: "order.total", expected: "money")) {
      try renderUSCharge(["agreement.id": .string("C01"), "order.total": .string("9.00")])
    }
  }

  @Test func hugeQuantityOverflowIsAnErrorNotACrash() {
    #expect(throws: AmazonPayPayloadError.amountOverflow(productId: "refill", quantity: .max)) {
      try renderSetup(F.usMerchant, ["product": .product("refill"), "quantity": .int(.max)])
    }
  }

  @Test func errorMessagesFollowTheHouseStyle() {
    let errors: [AmazonPayPayloadError] = [
      .invalidAuthorizationReferenceId("x y"), .invalidSellerOrderId("x y"),
      .missingRequiredField("sellerId"),
      .currencyMismatch(amount: "9.00", currency: "EUR", ledgerCurrency: "USD"),
      .amountOutOfRange(amount: "0.00", currency: "USD"),
      .wrongValueType(path: "order.total", expected: "money"),
      .amountOverflow(productId: "kit", quantity: 3),
    ]
    for error in errors {
      let text = error.description
      #expect(text.first?.isLowercase == true, "\(text)")
      #expect(!text.hasSuffix("."), "\(text)")
    }
  }

  func containsNull(_ value: JSONValue) -> Bool {
    switch value {
    case .null: true
    case .array(let elements): elements.contains(where: containsNull)
    case .object(let members): members.values.contains(where: containsNull)
    default: false
    }
  }
}
