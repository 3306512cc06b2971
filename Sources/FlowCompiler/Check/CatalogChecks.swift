import FlowIR

extension FlowChecker {
  /// Checks prices (parsed in the flow's price currency) and shared synonyms, and builds the IR
  /// catalog.
  func checkCatalog(into diagnostics: inout [Diagnostic]) -> CatalogFacts {
    let currency = syntax.priceCurrency
    var prices: [String: Money] = [:]
    var products: [Product] = []
    for entry in syntax.products {
      guard let product = entry.value else { continue }
      var price: Money?
      if let given = product.price {
        switch given.value {
        case .success(let money): price = money
        case .failure(let problem):
          diagnostics.append(
            DiagnosticCatalogue.invalidPrice(
              problem.kind, text: given.scalar.text,
              at: given.scalar.sourceRange(ofUTF8: problem.range.utf8, in: file)))
        }
      }
      guard let price, let names = resolvedNames(product) else { continue }
      prices[entry.key.value] = price
      var subscription: Subscription?
      if let period = product.subscription?.value,
        let unit = Subscription.Unit(rawValue: period.unit)
      {
        subscription = Subscription(every: period.every, unit: unit)
      }
      products.append(
        Product(
          id: entry.key.value, names: names, price: price, synonyms: resolvedSynonyms(product),
          shipping: product.shipping?.value ?? false, subscription: subscription))
    }
    checkSharedSynonyms(into: &diagnostics)
    return CatalogFacts(
      currency: currency ?? "USD", prices: prices, products: products.sorted { $0.id < $1.id })
  }

  /// The name of a product in every locale, or `nil` when a locale has none.
  private func resolvedNames(_ product: ProductSyntax) -> [String: String]? {
    switch product.name {
    case .shared(let name):
      return Dictionary(
        symbols.locales.map { ($0, name.value) }, uniquingKeysWith: { first, _ in first })
    case .perLocale(let entries):
      var names: [String: String] = [:]
      for entry in entries {
        if let name = entry.value { names[entry.key.value] = name.value }
      }
      return symbols.locales.allSatisfy { names[$0] != nil }
        ? names.filter { symbols.locales.contains($0.key) } : nil
    case nil:
      return nil
    }
  }

  private func resolvedSynonyms(_ product: ProductSyntax) -> [String: [String]] {
    var synonyms: [String: [String]] = [:]
    for locale in symbols.locales { synonyms[locale] = [] }
    switch product.synonyms {
    case .shared(let list):
      for locale in symbols.locales { synonyms[locale] = list.value.map(\.value) }
    case .perLocale(let entries):
      for entry in entries where synonyms[entry.key.value] != nil {
        synonyms[entry.key.value] = entry.value?.value.map(\.value) ?? []
      }
    case nil:
      break
    }
    return synonyms
  }

  /// Warns when two products share a name or synonym in a locale.
  private func checkSharedSynonyms(into diagnostics: inout [Diagnostic]) {
    var seen: [NormalizedPhrase: (product: String, range: SourceRange)] = [:]
    var reported: Set<SourceRange> = []
    for entry in syntax.products {
      guard let product = entry.value else { continue }
      var words: [(locale: String?, word: Located<String>)] = []
      switch product.name {
      case .shared(let name): words.append((nil, name))
      case .perLocale(let entries):
        for name in entries { if let value = name.value { words.append((name.key.value, value)) } }
      case nil: break
      }
      switch product.synonyms {
      case .shared(let list): words += list.value.map { (nil, $0) }
      case .perLocale(let entries):
        for list in entries {
          words += (list.value?.value ?? []).map { (list.key.value, $0) }
        }
      case nil: break
      }
      for (locale, word) in words {
        let normalized = FlowChecker.normalizedSample(word.value)
        for locale in locale.map({ [$0] }) ?? symbols.locales {
          let key = NormalizedPhrase(locale: locale, normalized: normalized)
          if let first = seen.firstValue(forKey: key, recording: (entry.key.value, word.range)),
            first.product != entry.key.value, reported.insert(word.range).inserted
          {
            diagnostics.append(
              DiagnosticCatalogue.duplicateSynonym(
                word.value, product: entry.key.value, otherProduct: first.product,
                at: word.range, firstRange: first.range))
          }
        }
      }
    }
  }
}
