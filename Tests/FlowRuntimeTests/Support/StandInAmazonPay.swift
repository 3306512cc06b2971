import FlowIR
import FlowRuntime

/// A stand-in for the Amazon Pay profile and the money formatter while their real versions
/// (owned by the `pay` work) are not in this branch: enough of the reference's rules to drive
/// the engine's conversations. The engine tests switch to ``PaymentProfile/amazonPay`` once
/// the real profile is merged.
enum StandInAmazonPay {
  static let profile = PaymentProfile(renderPayload: render, classify: classify)

  /// `$9.00` for USD; other currencies as `CODE amount`.
  @Sendable static func formatMoney(_ money: Money, _ locale: String) -> String {
    money.currency == "USD" ? "$\(money.decimalString)" : "\(money.currency) \(money.decimalString)"
  }

  @Sendable static func render(
    _ template: PayloadTemplate, _ program: FlowProgram, _ context: PayloadRenderContext
  ) throws -> JSONValue {
    renderValue(template, program, context) ?? .object([:])
  }

  private static func renderValue(
    _ template: PayloadTemplate, _ program: FlowProgram, _ context: PayloadRenderContext
  ) -> JSONValue? {
    switch template {
    case .object(let members):
      var object: [String: JSONValue] = [:]
      for (key, member) in members {
        if let value = renderValue(member, program, context) { object[key] = value }
      }
      if Set(object.keys).isSubset(of: ["@type", "@version"]), !members.isEmpty,
        members.keys.contains("@type")
      {
        return nil
      }
      return .object(object)
    case .array(let elements):
      return .array(elements.compactMap { renderValue($0, program, context) })
    case .string(let text): return .string(text)
    case .integer(let number): return .number(Double(number))
    case .bool(let flag): return .bool(flag)
    case .binding(let binding):
      switch binding {
      case .variable(let path):
        guard case .string(let text)? = context.resolve(path) else { return nil }
        return .string(text)
      case .moneyAmount(let path):
        guard case .money(let money)? = context.resolve(path) else { return nil }
        return .string(money.decimalString)
      case .moneyCurrency(let path):
        guard case .money(let money)? = context.resolve(path) else { return nil }
        return .string(money.currency)
      case .authorizationReferenceId:
        return context.authorizationReferenceId.map(JSONValue.string)
      case .sellerOrderId:
        return context.orderId.map { .string((program.merchant?.orderIdPrefix ?? "") + $0) }
      case .productShipping(let path):
        guard case .product(let id)? = context.resolve(path), let product = program.product(id: id)
        else { return .bool(false) }
        return .bool(product.shipping)
      case .billingAgreementType(let path, let always):
        guard case .product(let id)? = context.resolve(path), let product = program.product(id: id)
        else { return nil }
        if product.subscription != nil { return .string("MerchantInitiatedTransaction") }
        return always ? .string("CustomerInitiatedTransaction") : nil
      case .subscriptionAmount(let path):
        guard case .product(let id)? = context.resolve(path), let product = program.product(id: id),
          product.subscription != nil
        else { return nil }
        return .object([
          "@type": .string("Price"), "@version": .string("2"),
          "amount": .string(product.price.decimalString),
          "currencyCode": .string(product.price.currency),
        ])
      }
    }
  }

  static let permissionMessages: Set<String> = [
    "ACCESS_DENIED", "ACCESS_NOT_REQUESTED", "FORBIDDEN", "VoicePurchaseNotEnabled",
    "MissingPermissionsToAccessResource",
  ]
  static let spokenByAmazon: Set<String> = [
    "UnsupportedClientPlatform", "InvalidShippingAddress", "InvalidAccountStatus",
    "RequestThrottled",
  ]

  @Sendable static func classify(
    _ taskName: String, _ statusCode: String, _ statusMessage: String?, _ payload: JSONValue?
  ) -> ConnectionsOutcome {
    guard statusCode == "200" else {
      let message = statusMessage ?? ""
      if permissionMessages.contains(message) {
        return ConnectionsOutcome(outcome: "permission_denied")
      }
      return ConnectionsOutcome(
        outcome: "error", variables: ["payment.error": .string(message)],
        amazonAlreadySpoke: taskName == "Setup" && spokenByAmazon.contains(message),
        orderState: taskName == "Charge" ? "failed" : nil)
    }
    if taskName == "Setup" {
      guard let details = payload?["billingAgreementDetails"],
        let id = details["billingAgreementId"]?.stringValue
      else {
        return ConnectionsOutcome(
          outcome: "error", variables: ["payment.error": .string("InvalidPayload")])
      }
      let status = details["billingAgreementStatus"]?.stringValue ?? "OPEN"
      var variables: [String: VariableValue] = [
        "agreement.id": .string(id), "agreement.status": .string(status),
        "agreement.open": .bool(status == "OPEN"),
      ]
      let fields = [
        ("name", "shipping.name"), ("addressLine1", "shipping.address_line1"),
        ("city", "shipping.city"), ("stateOrRegion", "shipping.state_or_region"),
        ("postalCode", "shipping.postal_code"), ("countryCode", "shipping.country_code"),
      ]
      for (field, variable) in fields {
        if let value = details["destination"]?[field]?.stringValue {
          variables[variable] = .string(value)
        }
      }
      return ConnectionsOutcome(
        outcome: status == "OPEN" ? "success" : "error", variables: variables,
        billingAgreementId: id, billingAgreementStatus: status)
    }
    let authorization = payload?["authorizationDetails"]
    let state = authorization?["authorizationStatus"]?["state"]?.stringValue
    let reason = authorization?["authorizationStatus"]?["reasonCode"]?.stringValue ?? ""
    let authorizationId = authorization?["amazonAuthorizationId"]?.stringValue
    switch state {
    case "Open":
      return ConnectionsOutcome(
        outcome: "success", amazonAuthorizationId: authorizationId, orderState: "authorized")
    case "Closed" where reason == "MaxCapturesProcessed":
      return ConnectionsOutcome(
        outcome: "success", amazonAuthorizationId: authorizationId, orderState: "captured")
    case "Declined":
      return ConnectionsOutcome(
        outcome: "declined", variables: ["payment.reason": .string(reason)],
        amazonAlreadySpoke: reason == "InvalidPaymentMethod",
        amazonAuthorizationId: authorizationId,
        orderState: "declined")
    default:
      return ConnectionsOutcome(
        outcome: "error", variables: ["payment.error": .string(reason)],
        amazonAuthorizationId: authorizationId, orderState: "failed")
    }
  }
}
