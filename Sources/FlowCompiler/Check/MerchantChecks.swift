import Foundation

/// What Amazon Pay for Alexa accepts in the merchant settings.
enum MerchantRules {
  /// The longest `sellerNote`.
  static let sellerNoteLimit = 1024
  /// The longest `softDescriptor`.
  static let softDescriptorLimit = 16
  /// The longest `sellerOrderId`.
  static let sellerOrderIdLimit = 32
  /// The room kept for the order code the runtime appends to the prefix (9 characters today,
  /// `K7M4-RA92`, with room to grow); the prefix gets the rest of the 32, at most 12, which
  /// also keeps the spoken order number short.
  static let orderIdLength = 20

  /// The checkout language a flow uses: the given one, else the default locale's when Amazon
  /// Pay has it.
  static func checkoutLanguage(given: String?, locales: [String]) -> String? {
    if let given { return given }
    guard let first = locales.first else { return nil }
    // Not `replacingOccurrences`: on a small flow its first use (Foundation's string bridge)
    // was 4 % of `flowc check`'s whole process.
    let candidate = String(first.map { $0 == "-" ? "_" : $0 })
    return AmazonPayTables.checkoutLanguages.contains(candidate) ? candidate : nil
  }

  /// Whether a character may appear in a `sellerOrderId`: `A-Za-z0-9-_`.
  static func isOrderIdCharacter(_ scalar: Unicode.Scalar) -> Bool {
    ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar)
      || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
  }
}

extension FlowChecker {
  /// Checks the `merchant` section: presence, country, currency and their fit, checkout
  /// language, text lengths, order id prefix, sandbox, regions and the seller id's shape.
  func checkMerchant(into diagnostics: inout [Diagnostic]) {
    if symbols.hasPaymentStates, !syntax.hasMerchantKey {
      var diagnostic = DiagnosticCatalogue.missingKey("merchant", in: nil, at: syntax.documentRange)
      if let first = syntax.flow?.states.first(where: {
        switch $0.value?.kind {
        case .setup, .charge: true
        default: false
        }
      }) {
        diagnostic = diagnostic.with(
          note: "state '\(first.key.value)' sends an Amazon Pay request", at: first.key.range)
      }
      diagnostics.append(diagnostic)
    }
    guard let merchant = syntax.merchant else { return }
    var country: String?
    if let given = merchant.country {
      if AmazonPayTables.countries.contains(given.value) {
        country = given.value
      } else {
        diagnostics.append(
          DiagnosticCatalogue.unsupportedCountry(
            given.value, allowed: AmazonPayTables.countries, at: given.range))
      }
    }
    if let currency = merchant.currency {
      if !AmazonPayTables.currencies.contains(currency.value) {
        diagnostics.append(
          DiagnosticCatalogue.unsupportedCurrency(currency.value, at: currency.range))
      } else if let country, AmazonPayTables.currency(of: country) != currency.value {
        diagnostics.append(
          DiagnosticCatalogue.currencyCountryMismatch(
            currency: currency.value, country: country,
            expected: AmazonPayTables.currency(of: country), at: currency.range))
      }
    }
    if let language = merchant.checkoutLanguage {
      if !AmazonPayTables.checkoutLanguages.contains(language.value) {
        diagnostics.append(
          DiagnosticCatalogue.unsupportedCheckoutLanguage(
            language.value, allowed: AmazonPayTables.checkoutLanguages, at: language.range))
      }
    } else if symbols.localesComplete,
      MerchantRules.checkoutLanguage(given: nil, locales: symbols.locales) == nil
    {
      diagnostics.append(
        DiagnosticCatalogue.missingCheckoutLanguage(
          defaultLocale: symbols.locales.first, at: merchant.keyRange))
    }
    if let note = merchant.sellerNote, note.value.count > MerchantRules.sellerNoteLimit {
      diagnostics.append(
        DiagnosticCatalogue.textTooLong(
          "seller_note", length: note.value.count, limit: MerchantRules.sellerNoteLimit,
          at: note.range))
    }
    if let descriptor = merchant.softDescriptor,
      descriptor.value.count > MerchantRules.softDescriptorLimit
    {
      diagnostics.append(
        DiagnosticCatalogue.textTooLong(
          "soft_descriptor", length: descriptor.value.count,
          limit: MerchantRules.softDescriptorLimit, at: descriptor.range))
    }
    if let prefix = merchant.orderIdPrefix {
      let limit = MerchantRules.sellerOrderIdLimit - MerchantRules.orderIdLength
      if let bad = prefix.value.unicodeScalars.first(where: {
        !MerchantRules.isOrderIdCharacter($0)
      }) {
        diagnostics.append(
          DiagnosticCatalogue.invalidOrderIdPrefix(
            prefix.value,
            reason: "'\(bad)' is not allowed; use letters, digits, '-' and '_'",
            at: prefix.range))
      } else if prefix.value.unicodeScalars.count > limit {
        diagnostics.append(
          DiagnosticCatalogue.invalidOrderIdPrefix(
            prefix.value,
            reason:
              "it has \(prefix.value.unicodeScalars.count) characters, at most \(limit), so that "
              + "order ids stay within \(MerchantRules.sellerOrderIdLimit)",
            at: prefix.range))
      }
    }
    if let sandbox = merchant.sandboxKeyRange {
      diagnostics.append(DiagnosticCatalogue.sandboxMode(release: options.release, at: sandbox))
    }
    if let country, symbols.localesComplete, let countryRange = merchant.country?.range {
      let region = AmazonPayTables.region(of: country)
      for locale in syntax.skill?.locales ?? []
      where AlexaLocales.paymentRegion(of: locale.value) != region {
        diagnostics.append(
          DiagnosticCatalogue.localeRegionMismatch(
            locale: locale.value, localeRegion: AlexaLocales.paymentRegion(of: locale.value),
            merchantRegion: region, at: locale.range
          ).with(note: "the merchant's country is here", at: countryRange))
      }
    }
    if let sellerId = merchant.sellerId, !Self.looksLikeSellerId(sellerId.value) {
      diagnostics.append(DiagnosticCatalogue.unusualSellerId(sellerId.value, at: sellerId.range))
    }
  }

  /// Whether an id looks like an Amazon Pay merchant id: 10 to 20 of `A-Z0-9`.
  static func looksLikeSellerId(_ id: String) -> Bool {
    (10...20).contains(id.unicodeScalars.count)
      && id.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
  }
}
