/// The attribute values Alexa's SSML accepts, where Alexa documents a closed set or a range:
/// `audio src` (an https URL), `break time` (at most 10 seconds) and `strength`, `prosody`
/// rate, pitch and volume, `voice name` (the Amazon Polly voices Alexa speaks with),
/// `emphasis level`, `say-as interpret-as`, and the `amazon:` tags' names.
///
/// A value holding a placeholder (`{…}`) is not checked: it is only known when spoken.
enum SSMLAttributeValues {
  /// The longest pause `<break time>` may ask for, in milliseconds.
  static let longestBreak = 10_000.0

  /// The closed sets of values, by tag and attribute.
  static let allowed: [String: [String: [String]]] = [
    "break": ["strength": ["none", "x-weak", "weak", "medium", "strong", "x-strong"]],
    "emphasis": ["level": ["strong", "moderate", "reduced"]],
    "say-as": [
      "interpret-as": [
        "characters", "spell-out", "cardinal", "number", "ordinal", "digits", "fraction", "unit",
        "date", "time", "telephone", "address", "interjection", "expletive",
      ]
    ],
    "amazon:effect": ["name": ["whispered"]],
    "amazon:emotion": [
      "name": ["excited", "disappointed"], "intensity": ["low", "medium", "high"],
    ],
    "amazon:domain": ["name": ["conversational", "long-form", "music", "news", "fun"]],
    "voice": [
      "name": [
        "Aditi", "Amy", "Astrid", "Bianca", "Brian", "Camila", "Carla", "Carmen", "Celine",
        "Chantal", "Conchita", "Cristiano", "Dora", "Emma", "Enrique", "Ewa", "Filiz", "Geraint",
        "Giorgio", "Gwyneth", "Hans", "Ines", "Ivy", "Jacek", "Jan", "Joanna", "Joey", "Justin",
        "Karl", "Kendra", "Kimberly", "Lea", "Liv", "Lotte", "Lucia", "Lupe", "Mads", "Maja",
        "Marlene", "Mathieu", "Matthew", "Maxim", "Mia", "Miguel", "Mizuki", "Naja", "Nicole",
        "Penelope", "Raveena", "Ricardo", "Ruben", "Russell", "Salli", "Seoyeon", "Takumi",
        "Tatyana", "Vicki", "Vitoria", "Zeina", "Zhiyu",
      ]
    ],
  ]

  /// The words `prosody` takes besides a percentage or decibels.
  static let prosodyWords: [String: [String]] = [
    "rate": ["x-slow", "slow", "medium", "fast", "x-fast"],
    "pitch": ["x-low", "low", "medium", "high", "x-high"],
    "volume": ["silent", "x-soft", "soft", "medium", "loud", "x-loud"],
  ]

  /// What is wrong with a value, as the text that says what is accepted; `nil` when the value
  /// is accepted or not checked.
  ///
  /// - Parameters:
  ///   - tag: The tag's name.
  ///   - attribute: The attribute's name.
  ///   - value: The value between the quotes.
  /// - Returns: What the attribute accepts, when `value` is not among it.
  static func problem(tag: String, attribute: String, value: String) -> String? {
    guard !value.contains("{") else { return nil }
    switch (tag, attribute) {
    case ("audio", "src"):
      return HTTPSURL.isValid(value) ? nil : "an https URL"
    case ("break", "time"):
      guard let milliseconds = breakMilliseconds(value) else {
        return "a duration such as '500ms' or '2s'"
      }
      return milliseconds <= longestBreak ? nil : "at most 10s (10000ms)"
    case ("prosody", "rate"):
      if prosodyWords["rate"]!.contains(value) { return nil }
      if let percent = number(value, suffix: "%", signed: false), percent >= 20 { return nil }
      return "x-slow, slow, medium, fast, x-fast or a percentage of at least 20%"
    case ("prosody", "pitch"):
      if prosodyWords["pitch"]!.contains(value) { return nil }
      if let percent = number(value, suffix: "%", signed: true), percent >= -33.3, percent <= 50 {
        return nil
      }
      return "x-low, low, medium, high, x-high or a change from -33.3% to +50%"
    case ("prosody", "volume"):
      if prosodyWords["volume"]!.contains(value) { return nil }
      if let decibels = number(value, suffix: "dB", signed: true), decibels <= 4.08 { return nil }
      return "silent, x-soft, soft, medium, loud, x-loud or a change in dB of at most +4.08dB"
    default:
      guard let values = allowed[tag]?[attribute], !values.contains(value) else { return nil }
      return values.joined(separator: ", ")
    }
  }

  /// The milliseconds of a `break time`: `Nms` or `Ns` (decimals allowed for seconds).
  static func breakMilliseconds(_ value: String) -> Double? {
    if let milliseconds = number(value, suffix: "ms", signed: false) { return milliseconds }
    if let seconds = number(value, suffix: "s", signed: false) { return seconds * 1_000 }
    return nil
  }

  /// The number before `suffix`: digits with an optional decimal point, and a sign when
  /// `signed` allows one.
  private static func number(_ value: String, suffix: String, signed: Bool) -> Double? {
    guard value.hasSuffix(suffix) else { return nil }
    var digits = Substring(value.dropLast(suffix.count))
    var sign = 1.0
    if signed, let first = digits.first, first == "+" || first == "-" {
      sign = first == "-" ? -1 : 1
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
      digits.count { $0 == "." } <= 1, let number = Double(digits)
    else { return nil }
    return sign * number
  }
}
