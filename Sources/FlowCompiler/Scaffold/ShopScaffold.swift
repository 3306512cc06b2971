import Foundation

/// A new shop, as `flowc init` writes it: a flow, a conversation test script and a short
/// README, which pass `flowc check --release` and `flowc test` as generated.
///
/// The flow sells one product through Amazon Pay (Setup, then Charge) and its comments teach
/// the language; the prompts are written in the language of each locale.
public struct ShopScaffold: Sendable, Equatable {
  /// One file of the scaffold.
  public struct File: Sendable, Equatable {
    /// The path, relative to the shop's folder (`shop.yaml`, `tests/shop.test.yaml`, …).
    public var path: String
    /// The text of the file.
    public var contents: String
  }

  /// The merchant's country of establishment, as Amazon Pay names it (`UK`, not `GB`).
  public let country: String
  /// The skill's locales, the default first.
  public let locales: [String]
  /// The shop's name, as spoken and shown (`Tea Shop`).
  public let name: String
  /// The skill's invocation name (`tea shop`).
  public let invocation: String

  /// The path of the flow inside the shop's folder.
  public static let flowPath = "shop.yaml"
  /// The path of the test script inside the shop's folder.
  public static let testPath = "tests/shop.test.yaml"
  /// The path of the README inside the shop's folder.
  public static let readmePath = "README.md"

  /// The countries a shop can be established in: Amazon Pay's `countryOfEstablishment` values.
  public static var countries: [String] { AmazonPayTables.countries }

  /// The locales `flowc init` can write a shop for in a country: the Alexa locales Amazon Pay
  /// served in the country's Amazon Pay region.
  ///
  /// - Parameter country: A country of ``countries``.
  /// - Returns: The locales, sorted.
  public static func locales(for country: String) -> [String] {
    let region = AmazonPayTables.region(of: country)
    return AlexaLocales.all.filter { AlexaLocales.paymentRegion(of: $0) == region }
  }

  /// The locale a shop of a country gets when none is given, when one is obvious.
  ///
  /// - Parameter country: A country of ``countries``.
  /// - Returns: The locale, or `nil` when the country has no locale of its own (`NL`, …).
  public static func defaultLocale(for country: String) -> String? {
    switch country {
    case "US": "en-US"
    case "UK": "en-GB"
    case "JP": "ja-JP"
    case "DE", "AT", "CH", "LU": "de-DE"
    case "FR", "BE": "fr-FR"
    case "IT": "it-IT"
    case "ES", "PT": "es-ES"
    default: nil
    }
  }

  /// Plans a new shop.
  ///
  /// - Parameters:
  ///   - folderName: The name of the shop's folder (its last path component); the shop's name
  ///     and invocation are made from its letters (`tea-shop` → `Tea Shop`, `tea shop`).
  ///   - country: The merchant's country; `US` when `nil`.
  ///   - locales: The skill's locales, the default first; the country's own locale when empty.
  /// - Throws: ``ShopScaffoldError`` for an unsupported country or locale.
  public init(folderName: String, country: String? = nil, locales: [String] = [])
    throws(ShopScaffoldError)
  {
    let country = country ?? "US"
    guard AmazonPayTables.countries.contains(country) else {
      let upper = country.uppercased()
      let suggestion =
        country == "GB" || upper == "GB"
        ? "UK"
        : AmazonPayTables.countries.contains(upper)
          ? upper : Suggestions.closest(to: country, among: AmazonPayTables.countries)
      throw .unsupportedCountry(country, suggestion: suggestion)
    }
    let allowed = Self.locales(for: country)
    var chosen: [String] = []
    for locale in locales where !chosen.contains(locale) {
      guard AlexaLocales.all.contains(locale) else {
        throw .unknownLocale(locale, suggestion: LocaleSuggestion.suggestion(for: locale).locale)
      }
      guard allowed.contains(locale) else {
        throw .localeOutsideRegion(locale, country: country, allowed: allowed)
      }
      chosen.append(locale)
    }
    if chosen.isEmpty {
      guard let locale = Self.defaultLocale(for: country) else {
        throw .noDefaultLocale(country: country, allowed: allowed)
      }
      chosen = [locale]
    }
    let words = Self.words(of: folderName)
    self.country = country
    self.locales = chosen
    self.invocation = words.joined(separator: " ")
    self.name = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
  }

  /// The files to write, paths relative to the shop's folder.
  public var files: [File] {
    [
      File(path: Self.flowPath, contents: flowText),
      File(path: Self.testPath, contents: testText),
      File(path: Self.readmePath, contents: readmeText),
    ]
  }

  /// The lowercase words of a folder name (ASCII letters, accents dropped); `my shop` when it
  /// has fewer than two letters.
  static func words(of folderName: String) -> [String] {
    var words: [String] = []
    var current = ""
    let folded = folderName.folding(options: .diacriticInsensitive, locale: nil).lowercased()
    for character in folded {
      if character.isASCII, character.isLetter {
        current.append(character)
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    return words.joined().count < 2 ? ["my", "shop"] : words
  }
}

/// Why a shop cannot be planned.
public enum ShopScaffoldError: Error, Equatable, CustomStringConvertible {
  /// The country is not an Amazon Pay country of establishment.
  case unsupportedCountry(String, suggestion: String?)
  /// The locale is not an Alexa locale.
  case unknownLocale(String, suggestion: String?)
  /// Amazon Pay never served the locale in the country's region.
  case localeOutsideRegion(String, country: String, allowed: [String])
  /// No locale was given and the country has none of its own.
  case noDefaultLocale(country: String, allowed: [String])

  /// The message, lowercase, with names in quotes.
  public var description: String {
    switch self {
    case .unsupportedCountry(let country, let suggestion):
      "unsupported country '\(country)' (supported: "
        + AmazonPayTables.countries.joined(separator: " ") + ")" + Self.didYouMean(suggestion)
    case .unknownLocale(let locale, let suggestion):
      "unknown locale '\(locale)'" + Self.didYouMean(suggestion)
    case .localeOutsideRegion(let locale, let country, let allowed):
      "Amazon Pay did not serve locale '\(locale)' to merchants in '\(country)' "
        + "(region '\(AmazonPayTables.region(of: country))'); choose from "
        + allowed.joined(separator: ", ")
    case .noDefaultLocale(let country, let allowed):
      "give the shop's locales with --locales: '\(country)' has no locale of its own; choose "
        + "from " + allowed.joined(separator: ", ")
    }
  }

  private static func didYouMean(_ suggestion: String?) -> String {
    suggestion.map { "; did you mean '\($0)'?" } ?? ""
  }
}
