internal import FlowCompiler

/// The usual phrasings of Alexa's built-in intents, per language, used by ``UtteranceMatcher``
/// when no custom sample matches. Whole lines only, compared after normalisation.
enum BuiltInPhrases {
  /// Intent → phrases for a language (`en`, `de`, `fr`, `it`, `es`, `ja`); English for any
  /// other language. The order is fixed, so matching is deterministic.
  static func phrases(language: String) -> [(String, [String])] {
    byLanguage[language: language]
  }

  /// Every language's phrases.
  static let byLanguage = PerLanguage(
    english: english, german: german, french: french, italian: italian, spanish: spanish,
    japanese: japanese)

  static let english: [(String, [String])] = [
    (
      "AMAZON.YesIntent",
      [
        "yes", "yeah", "yep", "yup", "sure", "ok", "okay", "of course", "yes please",
        "please do", "do it", "go ahead", "sounds good", "absolutely", "correct", "that's right",
        "i do", "i would", "yes i do", "yes i would",
      ]
    ),
    (
      "AMAZON.NoIntent",
      [
        "no", "nope", "nah", "no thanks", "no thank you", "not now", "no way",
        "i don't", "i do not", "don't", "no i don't",
      ]
    ),
    ("AMAZON.HelpIntent", ["help", "help me", "what can i say", "what can i do", "i need help"]),
    (
      "AMAZON.StopIntent",
      ["stop", "off", "shut up", "be quiet", "quit", "exit", "goodbye", "bye", "that's all"]
    ),
    ("AMAZON.CancelIntent", ["cancel", "never mind", "nevermind", "forget it", "cancel that"]),
    ("AMAZON.RepeatIntent", ["repeat", "say that again", "repeat that", "what did you say"]),
    ("AMAZON.StartOverIntent", ["start over", "restart", "start again", "begin again"]),
    ("AMAZON.NavigateHomeIntent", ["go home", "home"]),
  ]

  static let german: [(String, [String])] = [
    (
      "AMAZON.YesIntent",
      ["ja", "jawohl", "ja bitte", "gerne", "klar", "genau", "okay", "ok", "natürlich", "sicher"]
    ),
    ("AMAZON.NoIntent", ["nein", "nö", "nee", "nein danke", "lieber nicht", "auf keinen fall"]),
    ("AMAZON.HelpIntent", ["hilfe", "hilf mir", "was kann ich sagen", "ich brauche hilfe"]),
    ("AMAZON.StopIntent", ["stopp", "stop", "halt", "aufhören", "beenden", "tschüss", "ende"]),
    ("AMAZON.CancelIntent", ["abbrechen", "vergiss es", "abbruch"]),
    ("AMAZON.RepeatIntent", ["wiederholen", "wiederhole", "nochmal", "noch einmal"]),
    ("AMAZON.StartOverIntent", ["von vorne", "neu starten", "noch mal von vorne"]),
  ]

  static let french: [(String, [String])] = [
    ("AMAZON.YesIntent", ["oui", "ouais", "d'accord", "bien sûr", "oui merci", "ok"]),
    ("AMAZON.NoIntent", ["non", "non merci", "pas maintenant"]),
    ("AMAZON.HelpIntent", ["aide", "aide moi", "qu'est ce que je peux dire"]),
    ("AMAZON.StopIntent", ["stop", "arrête", "arrêter", "au revoir"]),
    ("AMAZON.CancelIntent", ["annuler", "annule", "laisse tomber"]),
  ]

  static let italian: [(String, [String])] = [
    ("AMAZON.YesIntent", ["sì", "si", "certo", "va bene", "ok", "sì grazie"]),
    ("AMAZON.NoIntent", ["no", "no grazie", "non ora"]),
    ("AMAZON.HelpIntent", ["aiuto", "aiutami", "cosa posso dire"]),
    ("AMAZON.StopIntent", ["stop", "basta", "fermati", "ciao"]),
    ("AMAZON.CancelIntent", ["annulla", "lascia perdere"]),
  ]

  static let spanish: [(String, [String])] = [
    ("AMAZON.YesIntent", ["sí", "si", "claro", "vale", "de acuerdo", "sí por favor"]),
    ("AMAZON.NoIntent", ["no", "no gracias", "ahora no"]),
    ("AMAZON.HelpIntent", ["ayuda", "ayúdame", "qué puedo decir"]),
    ("AMAZON.StopIntent", ["para", "detente", "stop", "adiós"]),
    ("AMAZON.CancelIntent", ["cancela", "cancelar", "olvídalo"]),
  ]

  static let japanese: [(String, [String])] = [
    ("AMAZON.YesIntent", ["はい", "うん", "お願いします", "ええ"]),
    ("AMAZON.NoIntent", ["いいえ", "いや", "結構です"]),
    ("AMAZON.HelpIntent", ["ヘルプ", "助けて"]),
    ("AMAZON.StopIntent", ["ストップ", "止めて", "終了"]),
    ("AMAZON.CancelIntent", ["キャンセル", "やめて"]),
  ]
}

/// Numbers spoken as digits or words (`2`, `two`, `twenty one`, `zweiundzwanzig`).
enum NumberWords {
  /// The whole number the words say, or `nil` when they are not a number.
  static func value(of words: [String], language: String) -> Int64? {
    if words.count == 1, let number = Int64(words[0]), number >= 0 { return number }
    let table = units(language)
    if words.count == 1, let number = table[words[0]] { return number }
    if language == "de", words.count == 1 { return germanCompound(words[0]) }
    // "twenty one", "vingt deux": a tens word followed by a unit below ten.
    if words.count == 2, let tens = table[words[0]], tens >= 20, tens % 10 == 0,
      let unit = table[words[1]], (1...9).contains(unit)
    {
      return tens + unit
    }
    return nil
  }

  private static func germanCompound(_ word: String) -> Int64? {
    // "einundzwanzig" = ein + und + zwanzig.
    guard let range = word.range(of: "und") else { return nil }
    let unitWord = String(word[..<range.lowerBound])
    let tensWord = String(word[range.upperBound...])
    guard let unit = german[unitWord], (1...9).contains(unit), let tens = german[tensWord],
      tens >= 20, tens % 10 == 0
    else { return nil }
    return tens + unit
  }

  static func units(_ language: String) -> [String: Int64] {
    switch language {
    case "de": german
    case "fr": french
    case "it": italian
    case "es": spanish
    default: english
    }
  }

  static let english: [String: Int64] = [
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
  ]

  static let german: [String: Int64] = [
    "null": 0, "ein": 1, "eins": 1, "eine": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11,
    "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16,
    "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "dreißig": 30,
    "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
  ]

  static let french: [String: Int64] = [
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "vingt": 20,
    "trente": 30, "quarante": 40, "cinquante": 50,
  ]

  static let italian: [String: Int64] = [
    "zero": 0, "uno": 1, "una": 1, "un": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5,
    "sei": 6, "sette": 7, "otto": 8, "nove": 9, "dieci": 10, "undici": 11, "dodici": 12,
    "venti": 20, "trenta": 30,
  ]

  static let spanish: [String: Int64] = [
    "cero": 0, "uno": 1, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
    "veinte": 20, "treinta": 30,
  ]
}
