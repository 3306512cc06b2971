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
