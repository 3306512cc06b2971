import FlowIR
import FlowRuntime
import Testing

@Suite struct MoneyFormatterTests {
  static func usd(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: "USD") }
  static func eur(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: "EUR") }
  static func gbp(_ pence: Int64) -> Money { Money(minorUnits: pence, currency: "GBP") }
  static func jpy(_ yen: Int64) -> Money { Money(minorUnits: yen, currency: "JPY") }

  @Test(arguments: [
    // Each locale with its home currency.
    (usd(900), "en-US", "$9.00"),
    (gbp(900), "en-GB", "£9.00"),
    (eur(900), "de-DE", "9,00 €"),
    (eur(900), "fr-FR", "9,00 €"),
    (eur(900), "it-IT", "9,00 €"),
    (eur(900), "es-ES", "9,00 €"),
    (jpy(300), "ja-JP", "￥300"),
    (usd(123_450), "en-US", "$1,234.50"),
    (eur(123_450), "de-DE", "1.234,50 €"),
    (eur(123_450), "it-IT", "1.234,50 €"),
    (eur(123_450), "fr-FR", "1 234,50 €"),
    (eur(123_450), "es-ES", "1234,50 €"),
    (eur(1_234_500), "es-ES", "12.345,00 €"),
    (jpy(1_234_567), "ja-JP", "￥1,234,567"),
    (usd(5), "en-US", "$0.05"),
    (usd(0), "en-US", "$0.00"),
    (usd(-1_999), "en-US", "-$19.99"),
    (eur(-1_999), "de-DE", "-19,99 €"),
    (usd(15_000_000), "en-US", "$150,000.00"),
    (usd(99_999), "en-US", "$999.99"),
    (usd(100_000), "en-US", "$1,000.00"),
    // Foreign currencies, and further locales.
    (usd(900), "de-DE", "9,00 $"),
    (usd(900), "en-GB", "$9.00"),
    (eur(900), "en-US", "€9.00"),
    (gbp(123_450), "fr-FR", "1 234,50 £"),
    (jpy(300), "en-US", "¥300"),
    (usd(900), "ja-JP", "$9.00"),
    (usd(900), "en-CA", "US$9.00"),
    (Money(minorUnits: 900, currency: "CAD"), "en-CA", "$9.00"),
    (usd(900), "fr-CA", "9,00 US$"),
    (usd(900), "en-AU", "US$9.00"),
    (Money(minorUnits: 900, currency: "AUD"), "en-AU", "$9.00"),
    (usd(900), "en-IN", "$9.00"),
    (Money(minorUnits: 1_234_567_89, currency: "INR"), "en-IN", "₹12,34,567.89"),
    (usd(12_345_678_90), "en-IN", "$1,23,45,678.90"),
    (usd(100_000), "en-IN", "$1,000.00"),
    (Money(minorUnits: 900, currency: "CHF"), "de-DE", "9,00 CHF"),
    (eur(123_450), "pt-BR", "€ 1.234,50"),
    (eur(900), "nl-NL", "€ 9,00"),
  ])
  func formatsInTheLocalesConventions(money: Money, locale: String, expected: String) {
    #expect(MoneyFormatter.format(money, locale: locale) == expected)
  }

  @Test(arguments: [
    ("de-AT", "9,00 €"), ("de_DE", "9,00 €"), ("fr-BE", "9,00 €"), ("xx-YY", "€9.00"),
    ("", "€9.00"), ("en", "€9.00"),
  ])
  func unknownLocalesFallBack(locale: String, expected: String) {
    #expect(MoneyFormatter.format(Self.eur(900), locale: locale) == expected)
  }

  @Test func extremeAmountsDoNotCrash() {
    let big = MoneyFormatter.format(Money(minorUnits: .max, currency: "USD"), locale: "en-US")
    #expect(big == "$92,233,720,368,547,758.07")
    let small = MoneyFormatter.format(Money(minorUnits: .min, currency: "EUR"), locale: "de-DE")
    #expect(small == "-92.233.720.368.547.758,08 €")
  }

  @Test func everyAlexaLocaleHasARow() {
    for locale in [
      "de-DE", "en-AU", "en-CA", "en-GB", "en-IN", "en-US", "es-ES", "es-MX", "es-US", "fr-CA",
      "fr-FR", "hi-IN", "it-IT", "ja-JP", "nl-NL", "pt-BR",
    ] {
      #expect(MoneyFormatter.conventions[locale] != nil, "\(locale)")
    }
  }
}
