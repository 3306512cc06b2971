public import FlowIR

/// Money as a listener of a locale expects to hear and read it: `$9.00`, `£9.00`, `9,00 €`,
/// `￥300`.
///
/// The conventions come from a small explicit table (``MoneyFormatter/LocaleConvention``), not
/// from Foundation's locale data, which differs between platforms and releases. Decisions:
/// - The number follows the *locale* (separators, grouping, symbol position); the symbol
///   follows the *currency*: a USD amount in de-DE is `9,00 $`, a EUR amount in en-US `€9.00`.
/// - `$` means US dollars, except in locales whose own currency is a dollar or peso written `$`
///   (en-CA, fr-CA, en-AU, es-MX), where US dollars are `US$` so they cannot be mistaken.
/// - The yen is the fullwidth `￥` in ja-JP (as Japanese text writes it) and `¥` elsewhere.
/// - The currency's decimal places are always shown (`$9.00`, `￥300`): this is a price.
/// - Spaces are plain U+0020 (including French digit grouping, `1 234,50 €`), so speech
///   text and tests compare byte for byte (CLDR would use no-break spaces here).
/// - A locale the table does not have uses its language's row (`de-AT` → `de-DE`, see
///   ``languageDefaults``), else en-US.
public enum MoneyFormatter {
  /// How a locale writes an amount of money.
  public struct LocaleConvention: Sendable, Equatable {
    /// The decimal separator.
    public var decimalSeparator: String
    /// The digit-group separator.
    public var groupSeparator: String
    /// Whether groups after the first three digits are of two (Indian lakh/crore grouping).
    public var indianGrouping: Bool
    /// Grouping only starts when the integer part has at least this many digits (CLDR's
    /// minimum grouping digits + 3: es-ES writes `1234,50 €` but `12.345,00 €`).
    public var minimumDigitsToGroup: Int
    /// Whether the symbol comes before the number.
    public var symbolFirst: Bool
    /// What stands between the symbol and the number.
    public var symbolSpacing: String
    /// Symbols that differ from ``MoneyFormatter/defaultSymbols`` in this locale.
    public var symbols: [String: String]
  }

  /// The symbol of each currency where the locale has no symbol of its own for it.
  public static let defaultSymbols: [String: String] = [
    "USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "CAD": "CA$", "AUD": "A$", "INR": "₹",
    "MXN": "MX$", "BRL": "R$",
  ]

  private static func english(symbols: [String: String] = [:], indian: Bool = false)
    -> LocaleConvention
  {
    LocaleConvention(
      decimalSeparator: ".", groupSeparator: ",", indianGrouping: indian,
      minimumDigitsToGroup: 4, symbolFirst: true, symbolSpacing: "", symbols: symbols)
  }

  private static func continental(
    group: String, minimumDigitsToGroup: Int = 4, symbols: [String: String] = [:]
  ) -> LocaleConvention {
    LocaleConvention(
      decimalSeparator: ",", groupSeparator: group, indianGrouping: false,
      minimumDigitsToGroup: minimumDigitsToGroup, symbolFirst: false, symbolSpacing: " ",
      symbols: symbols)
  }

  /// The conventions of the Alexa locales.
  public static let conventions: [String: LocaleConvention] = [
    "en-US": english(),
    "es-US": english(),
    "en-GB": english(),
    "en-CA": english(symbols: ["CAD": "$", "USD": "US$"]),
    "en-AU": english(symbols: ["AUD": "$", "USD": "US$"]),
    "en-IN": english(indian: true),
    "hi-IN": english(indian: true),
    "es-MX": english(symbols: ["MXN": "$", "USD": "US$"]),
    "ja-JP": english(symbols: ["JPY": "￥"]),
    "de-DE": continental(group: "."),
    "it-IT": continental(group: "."),
    "es-ES": continental(group: ".", minimumDigitsToGroup: 5),
    "fr-FR": continental(group: " "),
    "fr-CA": continental(group: " ", symbols: ["CAD": "$", "USD": "US$"]),
    "pt-BR": LocaleConvention(
      decimalSeparator: ",", groupSeparator: ".", indianGrouping: false,
      minimumDigitsToGroup: 4, symbolFirst: true, symbolSpacing: " ",
      symbols: ["USD": "US$"]),
    "nl-NL": LocaleConvention(
      decimalSeparator: ",", groupSeparator: ".", indianGrouping: false,
      minimumDigitsToGroup: 4, symbolFirst: true, symbolSpacing: " ", symbols: [:]),
  ]

  /// The convention used for a locale: its own row, else its language's first row, else en-US.
  public static func convention(for locale: String) -> LocaleConvention {
    let normalised = locale.replacingUnderscores()
    if let convention = conventions[normalised] { return convention }
    let language = normalised.split(separator: "-").first.map(String.init) ?? ""
    let row = languageDefaults[language] ?? "en-US"
    return conventions[row] ?? english()
  }

  /// The row used for a locale of a language that has no row of its own (`de-AT` → `de-DE`).
  public static let languageDefaults: [String: String] = [
    "de": "de-DE", "en": "en-US", "es": "es-ES", "fr": "fr-FR", "hi": "hi-IN", "it": "it-IT",
    "ja": "ja-JP", "nl": "nl-NL", "pt": "pt-BR",
  ]

  /// The amount formatted for the locale.
  public static func format(_ money: Money, locale: String) -> String {
    let convention = convention(for: locale)
    let places = Money.decimalPlaces(of: money.currency)
    let magnitude = money.minorUnits.magnitude
    var divisor: UInt64 = 1
    for _ in 0..<places { divisor *= 10 }
    let whole = group(String(magnitude / divisor), convention)
    var number = whole
    if places > 0 {
      let fraction = String(magnitude % divisor)
      number +=
        convention.decimalSeparator + String(repeating: "0", count: places - fraction.count)
        + fraction
    }
    let symbol =
      convention.symbols[money.currency] ?? defaultSymbols[money.currency] ?? money.currency
    let sign = money.minorUnits < 0 ? "-" : ""
    if convention.symbolFirst {
      return sign + symbol + convention.symbolSpacing + number
    }
    return sign + number + convention.symbolSpacing + symbol
  }

  private static func group(_ digits: String, _ convention: LocaleConvention) -> String {
    guard digits.count >= convention.minimumDigitsToGroup else { return digits }
    var groups: [Substring] = []
    var remaining = Substring(digits)
    var size = 3
    while remaining.count > size {
      groups.insert(remaining.suffix(size), at: 0)
      remaining = remaining.dropLast(size)
      if convention.indianGrouping { size = 2 }
    }
    groups.insert(remaining, at: 0)
    return groups.joined(separator: convention.groupSeparator)
  }
}

extension String {
  fileprivate func replacingUnderscores() -> String {
    String(map { $0 == "_" ? "-" : $0 })
  }
}
