// The `merchant` section: the Amazon Pay seller and its checkout texts.
extension FlowParser {
  mutating func parseMerchant(_ entry: YAMLMappingEntry) -> MerchantSyntax? {
    let errorsBefore = diagnostics.reportedCount
    guard
      let fields = readMapping(
        entry.value, context: "merchant", keys: FlowKeys.merchant, anchor: entry.key.range)
    else { return nil }
    var merchant = MerchantSyntax(keyRange: entry.key.range)
    func field(_ key: String) -> Located<String>? {
      fields[key].flatMap { text($0.value, what: key) }
    }
    merchant.sellerId = field("seller_id")
    merchant.country = field("country")
    merchant.currency = field("currency")
    merchant.checkoutLanguage = field("checkout_language")
    merchant.storeName = field("store_name")
    merchant.sellerNote = field("seller_note")
    merchant.softDescriptor = field("soft_descriptor")
    if let action = field("payment_action") {
      if ["authorize_and_capture", "authorize"].contains(action.value) {
        merchant.paymentAction = action
      } else {
        diagnostics.append(
          DiagnosticCatalogue.invalidValue(
            action.value, for: "payment_action",
            expected: "'authorize_and_capture' or 'authorize'", at: action.range
          ).suggesting(
            Suggestions.closest(to: action.value, among: ["authorize_and_capture", "authorize"])))
      }
    }
    merchant.orderIdPrefix = field("order_id_prefix")
    if let sandbox = fields["sandbox"] {
      merchant.sandboxKeyRange = sandbox.key.range
      if let sandboxFields = readMapping(
        sandbox.value, context: "sandbox", keys: FlowKeys.sandbox, anchor: sandbox.key.range)
      {
        merchant.sandboxBuyerEmail = sandboxFields["buyer_email"].flatMap {
          text($0.value, what: "buyer_email")
        }
      }
    }
    merchant.complete = diagnostics.reportedCount == errorsBefore
    return merchant
  }
}
