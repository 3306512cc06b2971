/// One value for each language flowc has its own wording for (English, German, French, Italian,
/// Spanish, Japanese); English stands in for any other language. The scaffold's shop wording and
/// the test runner's built-in intent phrases both pick their language through it, so the two
/// always agree on which languages exist and on the fallback.
package struct PerLanguage<Value: Sendable>: Sendable {
  /// English (`en`), also used for a language without its own value.
  package var english: Value
  /// German (`de`).
  package var german: Value
  /// French (`fr`).
  package var french: Value
  /// Italian (`it`).
  package var italian: Value
  /// Spanish (`es`).
  package var spanish: Value
  /// Japanese (`ja`).
  package var japanese: Value

  /// A table with every language's value.
  package init(
    english: Value, german: Value, french: Value, italian: Value, spanish: Value, japanese: Value
  ) {
    self.english = english
    self.german = german
    self.french = french
    self.italian = italian
    self.spanish = spanish
    self.japanese = japanese
  }

  /// The value of a two-letter language code (`de`); English's for any other code.
  package subscript(language code: String) -> Value {
    switch code {
    case "de": german
    case "fr": french
    case "it": italian
    case "es": spanish
    case "ja": japanese
    default: english
    }
  }
}
