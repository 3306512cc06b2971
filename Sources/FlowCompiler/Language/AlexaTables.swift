// The Alexa and Amazon Pay tables, once: the parser, the checks and `flowc schema` all read
// these.

/// The Alexa locales and the Amazon Pay region of the ones Amazon Pay served.
enum AlexaLocales {
  /// Every Alexa skill locale.
  static let all = [
    "ar-SA", "de-DE", "en-AU", "en-CA", "en-GB", "en-IN", "en-US", "es-ES", "es-MX", "es-US",
    "fr-CA", "fr-FR", "hi-IN", "it-IT", "ja-JP", "nl-NL", "pt-BR",
  ]

  /// The Amazon Pay region serving listeners of a locale, when there is one.
  static func paymentRegion(of locale: String) -> String? {
    switch locale {
    case "en-US": "NA"
    case "en-GB": "UK"
    case "de-DE", "fr-FR", "it-IT", "es-ES": "EU"
    case "ja-JP": "JP"
    default: nil
    }
  }
}

/// The Alexa built-in intents a flow may handle without declaring them.
enum BuiltInIntents {
  /// The names.
  static let all: Set<String> = [
    "AMAZON.CancelIntent", "AMAZON.FallbackIntent", "AMAZON.HelpIntent", "AMAZON.LoopOffIntent",
    "AMAZON.LoopOnIntent", "AMAZON.MoreIntent", "AMAZON.NavigateHomeIntent",
    "AMAZON.NavigateSettingsIntent", "AMAZON.NextIntent", "AMAZON.NoIntent",
    "AMAZON.PageDownIntent", "AMAZON.PageUpIntent", "AMAZON.PauseIntent",
    "AMAZON.PreviousIntent", "AMAZON.RepeatIntent", "AMAZON.ResumeIntent",
    "AMAZON.ScrollDownIntent", "AMAZON.ScrollLeftIntent", "AMAZON.ScrollRightIntent",
    "AMAZON.ScrollUpIntent", "AMAZON.SelectIntent", "AMAZON.ShuffleOffIntent",
    "AMAZON.ShuffleOnIntent", "AMAZON.StartOverIntent", "AMAZON.StopIntent", "AMAZON.YesIntent",
  ]
}

/// What the Alexa skill store accepts in a skill's listing (`skill.publishing`).
enum SkillStoreTables {
  /// The most characters of a locale's `summary` (the developer console's "one sentence
  /// description").
  static let summaryLimit = 160
  /// The most characters of a locale's `description`.
  static let descriptionLimit = 4000
  /// The most example phrases per locale.
  static let examplePhraseLimit = 3
  /// The most words of an example phrase the checks compare with the invocation name and the
  /// samples; a longer phrase is not one a customer says.
  static let examplePhraseWordLimit = 40
  /// The wake words a device answers to, in the form the phrase checks compare (lowercased;
  /// Japanese devices answer to アレクサ).
  static let wakeWords: Set<String> = ["alexa", "amazon", "computer", "echo", "ziggy", "アレクサ"]

  /// Whether `text` has the form of a skill store category: capital words joined by `_`,
  /// such as `SHOPPING` or `HEALTH_AND_FITNESS`. (Amazon's list changes; SMAPI checks the
  /// name itself when the package is deployed.)
  static func isCategory(_ text: String) -> Bool {
    text.split(separator: "_", omittingEmptySubsequences: false).allSatisfy { word in
      !word.isEmpty && word.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    }
  }
}

/// What Amazon Pay for Alexa accepts as merchant settings, and its regions.
enum AmazonPayTables {
  /// `countryOfEstablishment` values.
  static let countries = [
    "AT", "BE", "CH", "CY", "DE", "DK", "ES", "FR", "HU", "IE", "IT", "JP", "LU", "NL", "PT",
    "SE", "UK", "US",
  ]
  /// `ledgerCurrency` values.
  static let currencies = ["EUR", "GBP", "JPY", "USD"]
  /// `checkoutLanguage` values.
  static let checkoutLanguages = ["de_DE", "en_GB", "en_US", "es_ES", "fr_FR", "it_IT", "ja_JP"]

  /// The ledger currency of a country's merchants.
  static func currency(of country: String) -> String {
    switch country {
    case "US": "USD"
    case "UK": "GBP"
    case "JP": "JPY"
    default: "EUR"
    }
  }

  /// The Amazon Pay region of a country's merchants: `NA`, `UK`, `EU` or `JP`.
  static func region(of country: String) -> String {
    switch country {
    case "US": "NA"
    case "UK": "UK"
    case "JP": "JP"
    default: "EU"
    }
  }

  /// The ledger currency of an Amazon Pay region (`NA`, `UK`, `EU`, `JP`); USD for anything
  /// else.
  static func currency(ofRegion region: String?) -> String {
    switch region {
    case "UK": "GBP"
    case "EU": "EUR"
    case "JP": "JPY"
    default: "USD"
    }
  }
}

/// The Alexa locale a mistyped one most likely means, and why: Alexa's locales are an ISO 639
/// language and an ISO 3166 country, so `en-UK` means `en-GB` (the United Kingdom's code is
/// `GB`), `de-AT` means `de-DE` (the only German locale), and `en_us` means `en-US`. Edit
/// distance alone would pick `en-US` for `en-UK`.
struct LocaleSuggestion: Equatable {
  /// The locale to suggest, when one stands out.
  var locale: String?
  /// Why, or the locales to choose from when none stands out.
  var reason: String?

  /// Country codes people write that Alexa spells differently.
  static let countryAliases: [String: String] = [
    "UK": "GB", "EN": "GB", "GBR": "GB", "ENG": "GB", "USA": "US", "JPN": "JP", "DEU": "DE",
    "GER": "DE", "FRA": "FR", "ITA": "IT", "ESP": "ES", "SP": "ES", "MEX": "MX", "BRA": "BR",
    "IND": "IN", "AUS": "AU", "CAN": "CA", "NLD": "NL", "HOL": "NL", "SAU": "SA", "KSA": "SA",
  ]
  /// Language codes people write that are country codes or old names.
  static let languageAliases: [String: String] = [
    "jp": "ja", "ge": "de", "ger": "de", "sp": "es", "esp": "es", "br": "pt", "eng": "en",
  ]
  /// The locale of a neighbouring country with the same language, for countries Alexa has no
  /// locale of (their listeners get that locale).
  static let neighbours: [String: String] = [
    "en-IE": "en-GB", "en-NZ": "en-AU", "en-ZA": "en-GB", "en-SG": "en-IN", "fr-BE": "fr-FR",
    "fr-CH": "fr-FR", "fr-LU": "fr-FR", "es-AR": "es-MX", "es-CO": "es-MX", "es-CL": "es-MX",
    "es-PE": "es-MX",
  ]

  /// The suggestion for `written` among `candidates` (Alexa's locales, or the declared ones).
  static func suggestion(for written: String, among candidates: [String] = AlexaLocales.all)
    -> LocaleSuggestion
  {
    let known = Set(candidates)
    let parts = written.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
    guard parts.count == 2 else {
      return single(parts.first ?? written, written: written, candidates: candidates)
    }
    let language = parts[0].lowercased()
    let country = parts[1].uppercased()
    let direct = "\(language)-\(country)"
    if known.contains(direct), direct != written {
      return LocaleSuggestion(
        locale: direct, reason: "Alexa writes locales as 'language-COUNTRY', such as 'en-US'")
    }
    let swapped = "\(parts[1].lowercased())-\(parts[0].uppercased())"
    if known.contains(swapped) {
      return LocaleSuggestion(locale: swapped, reason: "the language comes first, then the country")
    }
    let fixedLanguage = languageAliases[language] ?? language
    let fixedCountry = countryAliases[country] ?? country
    let fixed = "\(fixedLanguage)-\(fixedCountry)"
    if known.contains(fixed) {
      var reasons: [String] = []
      if fixedCountry != country {
        reasons.append("Alexa's locales write this country as '\(fixedCountry)', not '\(country)'")
      }
      if fixedLanguage != language {
        reasons.append("the language code is '\(fixedLanguage)', not '\(language)'")
      }
      return LocaleSuggestion(locale: fixed, reason: reasons.joined(separator: "; "))
    }
    let sameLanguage = candidates.filter { $0.hasPrefix(fixedLanguage + "-") }
    if !sameLanguage.isEmpty {
      let listed = sameLanguage.map { "'\($0)'" }.joined(separator: ", ")
      if sameLanguage.count == 1 {
        return LocaleSuggestion(
          locale: sameLanguage[0],
          reason: "Alexa has language '\(fixedLanguage)' only as \(listed)")
      }
      let neighbour = neighbours[fixed].flatMap { known.contains($0) ? $0 : nil }
      return LocaleSuggestion(
        locale: neighbour ?? Suggestions.closest(to: fixed, among: sameLanguage),
        reason: "Alexa has language '\(fixedLanguage)' as \(listed)")
    }
    let sameCountry = candidates.filter { $0.hasSuffix("-" + fixedCountry) }
    if sameCountry.count == 1 {
      return LocaleSuggestion(
        locale: sameCountry[0],
        reason: "Alexa has no language '\(fixedLanguage)'; its locale for '\(fixedCountry)' is "
          + "'\(sameCountry[0])'")
    }
    return LocaleSuggestion(locale: Suggestions.closest(to: written, among: candidates))
  }

  /// A language or a country alone, such as `en` or `UK`.
  private static func single(_ word: String, written: String, candidates: [String])
    -> LocaleSuggestion
  {
    let language = languageAliases[word.lowercased()] ?? word.lowercased()
    let country = countryAliases[word.uppercased()] ?? word.uppercased()
    let matching = candidates.filter {
      $0.hasPrefix(language + "-") || $0.hasSuffix("-" + country)
    }
    guard !matching.isEmpty else {
      return LocaleSuggestion(locale: Suggestions.closest(to: written, among: candidates))
    }
    let listed = matching.map { "'\($0)'" }.joined(separator: ", ")
    return LocaleSuggestion(
      locale: matching.count == 1 ? matching[0] : nil,
      reason: "a locale names a language and a country: \(listed)")
  }
}
