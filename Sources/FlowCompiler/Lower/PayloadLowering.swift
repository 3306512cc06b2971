import FlowIR

/// The Amazon Pay payload templates of `setup` and `charge` states (see `docs/ir.md`):
/// constants from the merchant settings, bindings for what only the conversation knows.
enum PayloadLowering {
  /// The `SetupAmazonPayRequest` template of a `setup` state.
  static func setup(_ setup: SetupSyntax, merchant: Merchant) -> PayloadTemplate {
    var sellerAttributes: [String: PayloadTemplate] = [
      "@type": .string("SellerBillingAgreementAttributes"), "@version": .string("2"),
    ]
    if let storeName = merchant.storeName { sellerAttributes["storeName"] = .string(storeName) }
    let agreementType: PayloadTemplate
    switch setup.agreement?.value {
    case "customer_initiated": agreementType = .string("CustomerInitiatedTransaction")
    case "merchant_initiated": agreementType = .string("MerchantInitiatedTransaction")
    default:
      agreementType = .binding(
        .billingAgreementType(
          productPath: "product", always: ["EU", "UK"].contains(merchant.region)))
    }
    var agreement: [String: PayloadTemplate] = [
      "@type": .string("BillingAgreementAttributes"), "@version": .string("2"),
      "billingAgreementType": agreementType,
      "subscriptionAmount": .binding(.subscriptionAmount(productPath: "product")),
      "sellerBillingAgreementAttributes": .object(sellerAttributes),
    ]
    if let note = merchant.sellerNote { agreement["sellerNote"] = .string(note) }
    var payload: [String: PayloadTemplate] = [
      "@type": .string("SetupAmazonPayRequest"), "@version": .string("2"),
      "sellerId": .string(merchant.sellerId),
      "countryOfEstablishment": .string(merchant.countryOfEstablishment),
      "ledgerCurrency": .string(merchant.ledgerCurrency),
      "checkoutLanguage": .string(merchant.checkoutLanguage),
      "needAmazonShippingAddress": setup.shipping.map { .bool($0.value) }
        ?? .binding(.productShipping(productPath: "product")),
      "billingAgreementAttributes": .object(agreement),
    ]
    if let email = merchant.sandboxCustomerEmail {
      payload["sandboxMode"] = .bool(true)
      payload["sandboxCustomerEmailId"] = .string(email)
    }
    return .object(payload)
  }

  /// The `ChargeAmazonPayRequest` template of a `charge` state.
  static func charge(amountPath: String?, merchant: Merchant) -> PayloadTemplate {
    var authorize: [String: PayloadTemplate] = [
      "@type": .string("AuthorizeAttributes"), "@version": .string("2"),
      "authorizationReferenceId": .binding(.authorizationReferenceId),
      "authorizationAmount": .object([
        "@type": .string("Price"), "@version": .string("2"),
        "amount": .binding(.moneyAmount(path: amountPath ?? "order.total")),
        "currencyCode": .string(merchant.ledgerCurrency),
      ]),
      "transactionTimeout": .integer(0),
    ]
    if let descriptor = merchant.softDescriptor {
      authorize["softDescriptor"] = .string(descriptor)
    }
    var order: [String: PayloadTemplate] = [
      "@type": .string("SellerOrderAttributes"), "@version": .string("2"),
      "sellerOrderId": .binding(.sellerOrderId),
    ]
    if let storeName = merchant.storeName { order["storeName"] = .string(storeName) }
    if let note = merchant.sellerNote { order["sellerNote"] = .string(note) }
    return .object([
      "@type": .string("ChargeAmazonPayRequest"), "@version": .string("2"),
      "sellerId": .string(merchant.sellerId),
      "billingAgreementId": .binding(.variable(path: "agreement.id")),
      "paymentAction": .string(merchant.paymentAction),
      "authorizeAttributes": .object(authorize),
      "sellerOrderAttributes": .object(order),
    ])
  }
}
