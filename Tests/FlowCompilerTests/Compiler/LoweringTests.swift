import FlowIR
import Testing

@testable import FlowCompiler

/// What lowering puts into the IR: the payload templates' literals and bindings, merchant
/// defaults, products per locale, and the `--release` checks around them.
@Suite struct LoweringTests {
  static func flow(merchant: String = "", setup: String = "{}", charge: String = "{}") -> String {
    """
    flowc: 1
    skill:
      name: Shop
      invocation: shop
      locales: [de-DE, en-GB]
      privacy_policy_url: https://shop.example.com/privacy
    merchant:
      seller_id: AEMGQXXXKD154
      country: DE
      currency: EUR
    \(merchant)
    products:
      kit:
        name: { de-DE: Set, en-GB: Kit }
        price: 9.5
        synonyms: { de-DE: [rasierset] }
        subscription: { every: 2 months }
    prompts:
      de-DE: { ask: "Kaufen für {catalog.kit.price}?", done: Fertig }
      en-GB: { ask: "Buy for {catalog.kit.price}?", done: Done }
    flow:
      start: start
      global: { AMAZON.HelpIntent: { say: ask } }
      states:
        start:
          ask: ask
          on: { AMAZON.YesIntent: { set: { product: catalog.kit }, goto: confirm } }
        confirm:
          ask: ask
          on: { AMAZON.YesIntent: setup }
        setup:
          setup: \(setup)
          on: { success: charge, permission_denied: done, error: done }
        charge:
          charge: \(charge)
          on: { success: done, declined: done, permission_denied: done, error: done }
        done:
          tell: done
          card: { title: done, text: done }

    """
  }

  static func program(_ text: String) throws -> FlowProgram {
    let result = CompilerTestSupport.compile(text)
    #expect(!result.diagnostics.hasErrors, "\(CompilerTestSupport.render(result.diagnostics))")
    return try #require(result.program)
  }

  static func payload(_ program: FlowProgram, _ state: String) throws -> [String: PayloadTemplate] {
    guard case .connections(let connections) = program.states[state]?.kind,
      case .object(let payload) = connections.task.payload
    else {
      Issue.record("'\(state)' is not a connections state")
      return [:]
    }
    return payload
  }

  @Test func productsAndMerchantDefaults() throws {
    let program = try Self.program(Self.flow())
    let kit = try #require(program.product(id: "kit"))
    #expect(kit.price == Money(minorUnits: 950, currency: "EUR"))
    #expect(kit.names == ["de-DE": "Set", "en-GB": "Kit"])
    #expect(kit.synonyms == ["de-DE": ["rasierset"], "en-GB": []])
    #expect(kit.subscription == Subscription(every: 2, unit: .month))
    let merchant = try #require(program.merchant)
    #expect(merchant.checkoutLanguage == "de_DE")
    #expect(merchant.region == "EU")
    #expect(merchant.paymentAction == "AuthorizeAndCapture")
    #expect(merchant.sandboxCustomerEmail == nil)
    #expect(program.sourceMap.states["start"] == SourceLocation(line: 25, column: 5))
  }

  @Test func setupDefaultsBindToTheProductAndAlwaysSendTheTypeInTheEU() throws {
    let payload = try Self.payload(try Self.program(Self.flow()), "setup")
    #expect(payload["@type"] == .string("SetupAmazonPayRequest"))
    #expect(
      payload["needAmazonShippingAddress"] == .binding(.productShipping(productPath: "product")))
    #expect(payload["sandboxMode"] == nil)
    guard case .object(let agreement) = payload["billingAgreementAttributes"] else {
      Issue.record("no billingAgreementAttributes")
      return
    }
    #expect(
      agreement["billingAgreementType"]
        == .binding(.billingAgreementType(productPath: "product", always: true)))
    #expect(
      agreement["subscriptionAmount"] == .binding(.subscriptionAmount(productPath: "product")))
    #expect(agreement["sellerNote"] == nil)
  }

  @Test func setupLiteralsWhenTheFlowGivesThem() throws {
    let text = Self.flow(
      merchant: "  seller_note: Danke\n  sandbox: { buyer_email: test@example.com }",
      setup: "{ shipping: false, agreement: merchant_initiated }")
    let payload = try Self.payload(try Self.program(text), "setup")
    #expect(payload["needAmazonShippingAddress"] == .bool(false))
    #expect(payload["sandboxMode"] == .bool(true))
    #expect(payload["sandboxCustomerEmailId"] == .string("test@example.com"))
    guard case .object(let agreement) = payload["billingAgreementAttributes"] else {
      Issue.record("no billingAgreementAttributes")
      return
    }
    #expect(agreement["billingAgreementType"] == .string("MerchantInitiatedTransaction"))
    #expect(agreement["sellerNote"] == .string("Danke"))
  }

  @Test func chargePayload() throws {
    let text = Self.flow(
      merchant: "  payment_action: authorize\n  soft_descriptor: Shop",
      charge: "{ amount: order.total }")
    let payload = try Self.payload(try Self.program(text), "charge")
    #expect(payload["paymentAction"] == .string("Authorize"))
    #expect(payload["billingAgreementId"] == .binding(.variable(path: "agreement.id")))
    guard case .object(let authorize) = payload["authorizeAttributes"],
      case .object(let amount) = authorize["authorizationAmount"]
    else {
      Issue.record("no authorizeAttributes")
      return
    }
    #expect(authorize["transactionTimeout"] == .integer(0))
    #expect(authorize["softDescriptor"] == .string("Shop"))
    #expect(authorize["authorizationReferenceId"] == .binding(.authorizationReferenceId))
    #expect(amount["amount"] == .binding(.moneyAmount(path: "order.total")))
    #expect(amount["currencyCode"] == .string("EUR"))
  }

  @Test func releaseTurnsSandboxAndPrivacyPolicyIntoErrors() {
    let text = Self.flow(merchant: "  sandbox: { buyer_email: test@example.com }")
      .replacingOccurrences(
        of: "  privacy_policy_url: https://shop.example.com/privacy\n", with: "")
    let check = CompilerTestSupport.compile(text)
    let release = CompilerTestSupport.compile(text, release: true)
    for id in ["sandbox-mode", "missing-privacy-policy"] {
      #expect(check.diagnostics.first { $0.id == id }?.severity == .warning)
      #expect(release.diagnostics.first { $0.id == id }?.severity == .error)
    }
    #expect(check.program != nil)
    #expect(release.program == nil)
  }

  @Test func flowWithoutPaymentsHasNoMerchantAndPricesInTheLocaleCurrency() throws {
    let text = """
      flowc: 1
      skill: { name: Shop, invocation: shop, locales: [ja-JP] }
      products: { tea: { name: Tea, price: 300 } }
      prompts: { ja-JP: { bye: "{catalog.tea.price}" } }
      flow: { start: bye, states: { bye: { tell: bye } } }

      """
    let program = try Self.program(text)
    #expect(program.merchant == nil)
    #expect(program.products.first?.price == Money(minorUnits: 300, currency: "JPY"))
  }
}
