// The `products` section: the catalog, prices and subscriptions.
extension FlowParser {
  /// Reads the catalog; prices are parsed in `currency`, the flow's price currency (`nil` when
  /// it is invalid: then prices are not read).
  mutating func parseProducts(_ entry: consuming YAMLMappingEntry, currency: String?)
    -> ([KeyedSyntax<ProductSyntax>], Bool)
  {
    guard var entries = drainingMapping(entry, what: "products") else { return ([], false) }
    var complete = true
    var products: [KeyedSyntax<ProductSyntax>] = []
    products.reserveCapacity(entries.remainingCount)
    while let product = entries.next() {
      guard let id = key(product.key, kind: "product id", rule: Self.idRule) else {
        complete = false
        continue
      }
      let errorsBefore = diagnostics.reportedCount
      let value = parseProduct(product, id: id.value, currency: currency)
      if diagnostics.reportedCount != errorsBefore { complete = false }
      products.append(KeyedSyntax(key: id, value: value))
    }
    return (products, complete)
  }

  mutating func parseProduct(_ entry: YAMLMappingEntry, id: String, currency: String?)
    -> ProductSyntax?
  {
    guard
      let fields = readMapping(
        entry.value, context: id, keys: FlowKeys.product, anchor: entry.key.range)
    else { return nil }
    var product = ProductSyntax()
    if let name = fields["name"] {
      product.name = localized(name.value, what: "name") { parser, node in
        parser.text(node, what: "name")
      }
    }
    if let price = fields["price"], let currency,
      let scalar = textScalar(price.value, what: "price")
    {
      product.price = ParsedScalar(
        scalar: scalar, value: MoneyLiteral.parsePrice(scalar.text, currency: currency))
    }
    if let synonyms = fields["synonyms"] {
      product.synonyms = localized(synonyms.value, what: "synonyms") { parser, node in
        parser.texts(node, what: "synonyms").map { Located($0, at: node.range) }
      }
    }
    if let shipping = fields["shipping"] {
      product.shipping = bool(shipping.value, what: "shipping")
    }
    if let subscription = fields["subscription"],
      let subscriptionFields = readMapping(
        subscription.value, context: "subscription", keys: FlowKeys.subscription,
        anchor: subscription.key.range),
      let every = subscriptionFields["every"].flatMap({ text($0.value, what: "every") })
    {
      product.subscription = converted(
        every, for: "every",
        expected: "a count and a unit such as '2 months' (day, week, month or year)",
        Self.subscriptionPeriod)
    }
    return product
  }

  /// Parses `2 months`, `1 year`, `week` into a period.
  static func subscriptionPeriod(_ text: String) -> SubscriptionSyntax? {
    let words = text.split(separator: " ", omittingEmptySubsequences: true)
    let count: Int
    let unitWord: Substring
    switch words.count {
    case 1:
      count = 1
      unitWord = words[0]
    case 2:
      guard let number = Int(words[0]), number >= 1, number <= 1000 else { return nil }
      count = number
      unitWord = words[1]
    default: return nil
    }
    var unit = String(unitWord)
    if unit.hasSuffix("s") { unit.removeLast() }
    guard ["day", "week", "month", "year"].contains(unit) else { return nil }
    return SubscriptionSyntax(every: count, unit: unit)
  }
}
