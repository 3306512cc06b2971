import Foundation

extension DiagnosticCatalogue {
  static let unsupportedCountryDescriptor = DiagnosticDescriptor(
    id: .unsupportedCountry, severity: .error,
    summary: "the merchant's country is not one Amazon Pay for Alexa accepts",
    explanation: """
      `merchant.country` becomes `countryOfEstablishment`, one of AT BE CH CY DE DK ES FR HU IE \
      IT JP LU NL PT SE UK US. The United Kingdom is `UK`, not `GB`.

      ```yaml
      merchant:
        country: GB           # error: unsupported country 'GB'
      ```

      Fix: use one of the listed codes (here `UK`).
      """)

  static let unsupportedCurrencyDescriptor = DiagnosticDescriptor(
    id: .unsupportedCurrency, severity: .error,
    summary: "the merchant's ledger currency is not EUR, GBP, JPY or USD",
    explanation: """
      `merchant.currency` becomes `ledgerCurrency`: EUR, GBP, JPY or USD.

      ```yaml
      merchant:
        currency: CHF         # error: unsupported currency 'CHF'
      ```

      Fix: use the currency of the merchant's Amazon Pay ledger (Swiss merchants: EUR).
      """)

  static let currencyCountryMismatchDescriptor = DiagnosticDescriptor(
    id: .currencyCountryMismatch, severity: .error,
    summary: "the ledger currency does not fit the merchant's country",
    explanation: """
      The ledger currency follows the country: USD for US, GBP for UK, JPY for JP, EUR for the \
      EU countries and for CH, DK, HU and SE.

      ```yaml
      merchant:
        country: DE
        currency: USD         # error: currency 'USD' does not fit country 'DE'
      ```

      Fix: use the currency the note names.
      """)

  static let unsupportedCheckoutLanguageDescriptor = DiagnosticDescriptor(
    id: .unsupportedCheckoutLanguage, severity: .error,
    summary: "the checkout language is not one Amazon Pay accepts",
    explanation: """
      `merchant.checkout_language` is one of de_DE en_GB en_US es_ES fr_FR it_IT ja_JP \
      (underscore form).

      ```yaml
      merchant:
        checkout_language: en-US   # error: unsupported checkout language 'en-US'
      ```

      Fix: use the underscore form, here `en_US`.
      """)

  static let missingCheckoutLanguageDescriptor = DiagnosticDescriptor(
    id: .missingCheckoutLanguage, severity: .error,
    summary: "no checkout language is given and the default locale gives none",
    explanation: """
      When `merchant.checkout_language` is absent it defaults to the first locale of \
      `skill.locales` with `-` turned into `_`, if that is an Amazon Pay checkout language. \
      Otherwise it must be given.

      ```yaml
      skill:
        locales: [en-CA]
      merchant:               # error: 'merchant' needs 'checkout_language'
        seller_id: AEMGQXXXKD154
      ```

      Fix: add `checkout_language`, for example `en_US`.
      """)

  static let textTooLongDescriptor = DiagnosticDescriptor(
    id: .textTooLong, severity: .error,
    summary: "a merchant or skill store text is longer than allowed",
    explanation: """
      `seller_note` may have at most 1024 characters, `soft_descriptor` (shown on the buyer's \
      statement) at most 16 (Amazon Pay's limits). In `skill.publishing`, a locale's \
      `summary` may have at most 160 characters and its `description` at most 4,000 (the \
      skill store's).

      ```yaml
      merchant:
        soft_descriptor: No Nicks Shaving Supplies   # error: 25 characters, at most 16
      ```

      Fix: shorten the text.
      """)

  static let invalidOrderIdPrefixDescriptor = DiagnosticDescriptor(
    id: .invalidOrderIdPrefix, severity: .error,
    summary: "the order id prefix has characters Amazon Pay refuses or is too long",
    explanation: """
      The order number, `order.id`, is `order_id_prefix` followed by a code the runtime \
      draws (`NN-K7M4-RA92`). It is also the `sellerOrderId` on the customer's Amazon Pay \
      receipt, which may have at most 32 characters of `A-Za-z0-9-_`, and customers hear it \
      spelt out. flowc keeps 20 of the 32 for the code, so the prefix has at most 12 such \
      characters.

      ```yaml
      merchant:
        order_id_prefix: "NN#"   # error: '#' is not allowed
      ```

      Fix: use letters, digits, `-` and `_`, at most 12.
      """)

  static let sandboxModeDescriptor = DiagnosticDescriptor(
    id: .sandboxMode, severity: .warning,
    summary: "the flow sends Amazon Pay requests in sandbox mode",
    explanation: """
      `merchant.sandbox` turns on `sandboxMode` with a test buyer's e-mail: no real money moves. \
      That is right while testing, and refused by certification: under `--release` it is an \
      error.

      ```yaml
      merchant:
        sandbox:              # warning: sandbox mode is on
          buyer_email: buyer@example.com
      ```

      Fix: remove `sandbox` before publishing.
      """)

  static let localeRegionMismatchDescriptor = DiagnosticDescriptor(
    id: .localeRegionMismatch, severity: .warning,
    summary: "a locale's listeners are served by another Amazon Pay region than the merchant's",
    explanation: """
      Amazon Pay regions: en-US is NA; en-GB is UK; de-DE, fr-FR, it-IT, es-ES are EU; ja-JP is \
      JP. A merchant of one region may not be able to take payments from listeners of another, \
      and locales outside these had no Amazon Pay at all.

      ```yaml
      skill:
        locales: [en-US]
      merchant:
        country: DE           # warning: locale 'en-US' is in region 'NA', the merchant in 'EU'
      ```

      Fix: sell in the merchant's region, or keep the locale knowingly (a YAML comment helps).
      """)

  static let unusualSellerIdDescriptor = DiagnosticDescriptor(
    id: .unusualSellerId, severity: .warning,
    summary: "the seller id does not look like an Amazon Pay merchant id",
    explanation: """
      Amazon Pay merchant ids are 10 to 20 uppercase letters and digits, such as \
      `AEMGQXXXKD154`.

      ```yaml
      merchant:
        seller_id: my-shop    # warning: seller id 'my-shop' does not look like one
      ```

      Fix: copy the merchant id from Seller Central.
      """)

  /// `unsupported country 'x'` (with a note for `GB`).
  static func unsupportedCountry(_ country: String, allowed: [String], at range: SourceRange)
    -> Diagnostic
  {
    let diagnostic = unsupportedCountryDescriptor.report(
      "unsupported country '\(country)'", at: range)
    if country == "GB" {
      return diagnostic.with(note: "use 'UK': Amazon Pay names the United Kingdom 'UK'")
    }
    return diagnostic.suggesting(Suggestions.closest(to: country, among: allowed))
      .with(note: "supported countries: \(allowed.joined(separator: " "))")
  }

  /// `unsupported currency 'x'`.
  static func unsupportedCurrency(_ currency: String, at range: SourceRange) -> Diagnostic {
    unsupportedCurrencyDescriptor.report("unsupported currency '\(currency)'", at: range)
      .with(note: "supported currencies: EUR GBP JPY USD")
  }

  /// `currency 'x' does not fit country 'y'`.
  static func currencyCountryMismatch(
    currency: String, country: String, expected: String, at range: SourceRange
  ) -> Diagnostic {
    currencyCountryMismatchDescriptor.report(
      "currency '\(currency)' does not fit country '\(country)'", at: range
    ).with(note: "merchants in '\(country)' have a '\(expected)' ledger")
  }

  /// `unsupported checkout language 'x'`.
  static func unsupportedCheckoutLanguage(
    _ language: String, allowed: [String], at range: SourceRange
  ) -> Diagnostic {
    let fixed = language.replacingOccurrences(of: "-", with: "_")
    return unsupportedCheckoutLanguageDescriptor.report(
      "unsupported checkout language '\(language)'", at: range
    ).suggesting(
      allowed.contains(fixed) ? fixed : Suggestions.closest(to: language, among: allowed))
  }

  /// `'merchant' needs 'checkout_language'`.
  static func missingCheckoutLanguage(defaultLocale: String?, at range: SourceRange)
    -> Diagnostic
  {
    let diagnostic = missingCheckoutLanguageDescriptor.report(
      "'merchant' needs 'checkout_language'", at: range)
    guard let defaultLocale else { return diagnostic }
    return diagnostic.with(
      note: "the default locale '\(defaultLocale)' is not an Amazon Pay checkout language")
  }

  /// `'key' has N characters, at most M`.
  static func textTooLong(_ key: String, length: Int, limit: Int, at range: SourceRange)
    -> Diagnostic
  {
    textTooLongDescriptor.report(
      "'\(key)' has \(length) characters, at most \(limit)", at: range)
  }

  /// `invalid order id prefix 'x'`.
  static func invalidOrderIdPrefix(_ prefix: String, reason: String, at range: SourceRange)
    -> Diagnostic
  {
    invalidOrderIdPrefixDescriptor.report("invalid order id prefix '\(prefix)'", at: range)
      .with(note: reason)
  }

  /// `sandbox mode is on`.
  static func sandboxMode(release: Bool, at range: SourceRange) -> Diagnostic {
    let diagnostic = sandboxModeDescriptor.report(
      "sandbox mode is on", at: range, severity: release ? .error : .warning)
    return release
      ? diagnostic.with(note: "certification refuses sandbox mode; remove 'sandbox'")
      : diagnostic.with(note: "no real payment happens; remove 'sandbox' before publishing")
  }

  /// `locale 'x' is in Amazon Pay region 'A', the merchant in 'B'`.
  static func localeRegionMismatch(
    locale: String, localeRegion: String?, merchantRegion: String, at range: SourceRange
  ) -> Diagnostic {
    guard let localeRegion else {
      return localeRegionMismatchDescriptor.report(
        "locale '\(locale)' has no Amazon Pay region; the merchant is in '\(merchantRegion)'",
        at: range)
    }
    return localeRegionMismatchDescriptor.report(
      "locale '\(locale)' is in Amazon Pay region '\(localeRegion)', the merchant in "
        + "'\(merchantRegion)'", at: range)
  }

  /// `seller id 'x' does not look like an Amazon Pay merchant id`.
  static func unusualSellerId(_ id: String, at range: SourceRange) -> Diagnostic {
    unusualSellerIdDescriptor.report(
      "seller id '\(id)' does not look like an Amazon Pay merchant id", at: range
    ).with(note: "merchant ids are 10 to 20 uppercase letters and digits, such as 'AEMGQXXXKD154'")
  }

  /// Descriptors of the merchant checks.
  static let merchantDescriptors: [DiagnosticDescriptor] = [
    unsupportedCountryDescriptor, unsupportedCurrencyDescriptor,
    currencyCountryMismatchDescriptor, unsupportedCheckoutLanguageDescriptor,
    missingCheckoutLanguageDescriptor, textTooLongDescriptor, invalidOrderIdPrefixDescriptor,
    sandboxModeDescriptor, localeRegionMismatchDescriptor, unusualSellerIdDescriptor,
  ]
}
