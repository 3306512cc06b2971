extension FlowChecker {
  /// Checks what Alexa would refuse at certification or ignore when speaking: wake words in the
  /// invocation name, a privacy policy URL that is not https, samples and synonyms that are
  /// empty or hold digits, and prompts with nothing to speak.
  func checkUtterances(into diagnostics: inout [Diagnostic]) {
    if let invocation = syntax.skill?.invocation {
      let words = invocation.value.split(separator: " ").map(String.init)
      for word in words where AlexaInvocationRules.forbiddenWords.contains(word) {
        diagnostics.append(
          DiagnosticCatalogue.invocationWakeWord(
            word, invocation: invocation.value, at: invocation.range))
      }
    }
    if let url = syntax.skill?.privacyPolicyURL, !HTTPSURL.isValid(url.value) {
      diagnostics.append(
        DiagnosticCatalogue.invalidValue(
          url.value, for: "privacy_policy_url",
          expected: "an 'https://' URL with a host, such as 'https://shop.example.com/privacy'",
          at: url.range))
    }
    for intent in syntax.intents {
      for locale in intent.value?.samples ?? [] {
        for sample in locale.value ?? [] {
          if let problem = Self.utteranceProblem(sample.text, slotsAllowed: true) {
            diagnostics.append(
              DiagnosticCatalogue.invalidUtterance(
                sample.text, kind: "sample", problem: problem, at: sample.range))
          }
        }
      }
    }
    for product in syntax.products {
      let lists: [[Located<String>]]
      switch product.value?.synonyms {
      case .shared(let list): lists = [list.value]
      case .perLocale(let entries): lists = entries.compactMap { $0.value?.value }
      case nil: lists = []
      }
      for synonym in lists.joined() {
        if let problem = Self.utteranceProblem(synonym.value, slotsAllowed: false) {
          diagnostics.append(
            DiagnosticCatalogue.invalidUtterance(
              synonym.value, kind: "synonym", problem: problem, at: synonym.range))
        }
      }
    }
    for locale in syntax.prompts {
      for prompt in locale.value ?? [] {
        guard let text = prompt.value, Self.speaksNothing(text.value) else { continue }
        diagnostics.append(
          DiagnosticCatalogue.emptySpeech(
            prompt.key.value, locale: locale.key.value, at: text.range))
      }
    }
  }

  /// Why Alexa would refuse a sample or synonym: empty, or a digit outside a `{slot}` (Alexa
  /// wants numbers spelt out: "two", not "2").
  static func utteranceProblem(_ text: String, slotsAllowed: Bool) -> String? {
    let utf8 = text.utf8
    if ASCIIText.isASCII(text) {
      // ASCII: one byte per character but `\r\n`, which is neither a brace nor a digit, so
      // the bytes give the answer of the characters without Unicode property lookups.
      if utf8.allSatisfy(ASCIIText.isWhitespace) { return "it is empty" }
      var depth = 0
      for byte in utf8 {
        if slotsAllowed, byte == UInt8(ascii: "{") { depth += 1 }
        if slotsAllowed, byte == UInt8(ascii: "}") { depth = max(0, depth - 1) }
        if depth == 0, ASCIIText.isDigit(byte) {
          return "it contains the digit '\(Character(Unicode.Scalar(byte)))'; spell numbers out"
        }
      }
      return nil
    }
    if text.allSatisfy(\.isWhitespace) { return "it is empty" }
    var depth = 0
    for character in text {
      if slotsAllowed, character == "{" { depth += 1 }
      if slotsAllowed, character == "}" { depth = max(0, depth - 1) }
      if depth == 0, character.isASCII, character.isNumber {
        return "it contains the digit '\(character)'; spell numbers out"
      }
    }
    return nil
  }

  /// Whether a prompt has nothing to speak: blank, or SSML with only markup and blanks.
  static func speaksNothing(_ template: ParsedTemplate) -> Bool {
    for piece in template.pieces {
      switch piece {
      case .placeholder: return false
      case .text(let text, _):
        var inTag = false
        for scalar in text.unicodeScalars {
          if template.isSSML, scalar == "<" { inTag = true }
          if !inTag, !scalar.isLanguageWhitespace { return false }
          if template.isSSML, scalar == ">" { inTag = false }
        }
      }
    }
    return true
  }
}

/// What Alexa's invocation name rules forbid.
enum AlexaInvocationRules {
  /// Words an invocation name must not contain: the wake words and the words that Alexa's
  /// rules reserve ("skill", "app").
  static let forbiddenWords: Set<String> = ["alexa", "amazon", "echo", "computer", "skill", "app"]
}

/// Absolute https URLs, as Alexa wants them for privacy policies, card images and audio.
enum HTTPSURL {
  /// Whether `value` is `https://` followed by a host (letters, digits, `-`, `.`, a port) and
  /// an optional path without blanks.
  static func isValid(_ value: String) -> Bool {
    guard value.lowercased().hasPrefix("https://") else { return false }
    let rest = value.dropFirst("https://".count)
    let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    return !host.isEmpty && host.first != "." && host.first != ":"
      && host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-.:".contains($0)) }
      && !value.contains { $0.isWhitespace || ($0.isASCII && $0.asciiValue! < 0x20) }
  }
}
