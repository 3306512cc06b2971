import FlowIR

extension FlowChecker {
  /// Checks the skill store listing (`skill.publishing`, language v1.1): the category's form,
  /// the lengths of the texts, the example phrases and, for a flow that pays, the Amazon Pay
  /// sentence of each description; under `--release` also that the listing is complete.
  func checkPublishing(into diagnostics: inout [Diagnostic]) {
    guard let skill = syntax.skill else { return }
    let publishing = skill.publishing
    if let category = publishing?.category, !SkillStoreTables.isCategory(category.value) {
      diagnostics.append(
        DiagnosticCatalogue.invalidValue(
          category.value, for: PublishingKey.category,
          expected: "a skill store category in capitals, such as 'SHOPPING'", at: category.range))
    }
    for entry in publishing?.locales ?? [] {
      guard let listing = entry.value else { continue }
      checkTexts(of: listing, into: &diagnostics)
      checkExamplePhrases(
        listing.examplePhrases, locale: entry.key.value, invocation: skill.invocation?.value,
        into: &diagnostics)
      if symbols.hasPaymentStates, let description = listing.description,
        !description.value.lowercased().contains("amazon pay")
      {
        diagnostics.append(
          DiagnosticCatalogue.descriptionWithoutAmazonPay(
            locale: entry.key.value, release: options.release, at: description.range))
      }
    }
    if options.release {
      checkListingIsComplete(publishing, skill: skill, into: &diagnostics)
    }
  }

  private func checkTexts(
    of listing: LocalePublishingSyntax, into diagnostics: inout [Diagnostic]
  ) {
    let limited: [(key: String, text: Located<String>?, limit: Int)] = [
      (PublishingKey.summary, listing.summary, SkillStoreTables.summaryLimit),
      (PublishingKey.description, listing.description, SkillStoreTables.descriptionLimit),
    ]
    for (key, text, limit) in limited {
      guard let text, text.value.count > limit else { continue }
      diagnostics.append(
        DiagnosticCatalogue.textTooLong(key, length: text.value.count, limit: limit, at: text.range)
      )
    }
  }

  /// The first phrase must open the skill by a wake word and the invocation name; each other
  /// one must name the skill the same way or be a sample of the flow in that locale.
  private func checkExamplePhrases(
    _ phrases: [Located<String>], locale: String, invocation: String?,
    into diagnostics: inout [Diagnostic]
  ) {
    let invocationWords = invocation.map(SpokenWords.init) ?? SpokenWords("")
    let samples = syntax.intents.flatMap { intent in
      (intent.value?.samples ?? []).filter { $0.key.value == locale }
        .flatMap { $0.value ?? [] }.map { SpokenWords($0.text) }
    }
    for (index, phrase) in phrases.enumerated() {
      let words = SpokenWords(phrase.value)
      // A phrase nobody would say is compared with nothing, so that a huge one costs time in
      // proportion to its size and not to its size times the samples'.
      let sayable = words.words.count <= SkillStoreTables.examplePhraseWordLimit
      let namesSkill = sayable && words.startsWithWakeWord && words.contains(invocationWords)
      let problem: ExamplePhraseProblem?
      if index >= SkillStoreTables.examplePhraseLimit {
        problem = .beyondLimit(SkillStoreTables.examplePhraseLimit)
      } else if index == 0 {
        problem = namesSkill ? nil : .doesNotOpenSkill
      } else {
        problem =
          namesSkill || (sayable && samples.contains { $0.matches(words) })
          ? nil : .notASample(locale)
      }
      if let problem {
        diagnostics.append(
          DiagnosticCatalogue.invalidExamplePhrase(
            phrase.value, problem, invocation: invocation, release: options.release,
            at: phrase.range))
      }
    }
  }

  private func checkListingIsComplete(
    _ publishing: PublishingSyntax?, skill: SkillSyntax, into diagnostics: inout [Diagnostic]
  ) {
    guard let publishing else {
      diagnostics.append(DiagnosticCatalogue.publishingMissing([], locale: nil, at: skill.keyRange))
      return
    }
    if publishing.category == nil {
      diagnostics.append(
        DiagnosticCatalogue.publishingMissing(
          [PublishingKey.category], locale: nil, at: publishing.keyRange))
    }
    guard symbols.localesComplete else { return }
    for locale in symbols.locales {
      guard let entry = publishing.locales.first(where: { $0.key.value == locale }) else {
        diagnostics.append(
          DiagnosticCatalogue.publishingMissing([], locale: locale, at: publishing.keyRange))
        continue
      }
      guard let listing = entry.value else { continue }
      var missing: [String] = []
      if listing.summary == nil { missing.append(PublishingKey.summary) }
      if listing.description == nil { missing.append(PublishingKey.description) }
      if listing.examplePhrases.isEmpty { missing.append(PublishingKey.examplePhrases) }
      if listing.keywords.isEmpty { missing.append(PublishingKey.keywords) }
      if !missing.isEmpty {
        diagnostics.append(
          DiagnosticCatalogue.publishingMissing(missing, locale: locale, at: entry.key.range))
      }
    }
  }
}

/// The keys of `skill.publishing`: the parser, its key table and the checks' messages use these.
enum PublishingKey {
  static let category = "category"
  static let summary = "summary"
  static let description = "description"
  static let examplePhrases = "example_phrases"
  static let keywords = "keywords"
  static let privacyPolicyURL = "privacy_policy_url"
}

/// A phrase as the example-phrase checks compare it: lowercased words, punctuation dropped;
/// a sample's `{slot}` is a word of its own that stands for one or more words.
struct SpokenWords {
  /// The words; a `{slot}` of a sample stays as written.
  let words: [Substring]

  init(_ text: String) {
    let punctuation: Set<Character> = [
      ",", ".", "!", "?", ";", ":", "\"", "¡", "¿", "、", "。", "！", "？",
    ]
    let cleaned = String(text.lowercased().map { punctuation.contains($0) ? " " : $0 })
    words = cleaned.split(whereSeparator: \.isWhitespace)
  }

  /// Whether the phrase begins with a wake word (`Alexa, …`).
  var startsWithWakeWord: Bool {
    guard let first = words.first else { return false }
    return SkillStoreTables.wakeWords.contains { first.hasPrefix($0) }
  }

  /// Whether `other`'s words occur in these words, in order and next to each other (or, for
  /// a language written without spaces, inside one word).
  func contains(_ other: SpokenWords) -> Bool {
    guard !other.words.isEmpty, other.words.count <= words.count else { return false }
    if other.words.count == 1, words.contains(where: { $0.contains(other.words[0]) }) {
      return true
    }
    return (0...(words.count - other.words.count)).contains { start in
      words[start..<(start + other.words.count)].elementsEqual(other.words)
    }
  }

  /// Whether these words, as a sample, say `phrase`: each word equal, each `{slot}` standing
  /// for one or more words. Time ∝ the product of the two lengths.
  func matches(_ phrase: SpokenWords) -> Bool {
    let pattern = words
    let text = phrase.words
    // matched[j]: the pattern so far matches text[0..<j].
    var matched = [Bool](repeating: false, count: text.count + 1)
    matched[0] = true
    for token in pattern {
      var next = [Bool](repeating: false, count: text.count + 1)
      let isSlot = token.first == "{" && token.last == "}"
      var reachable = false
      for j in 0..<text.count {
        if isSlot {
          reachable = reachable || matched[j]
          next[j + 1] = reachable
        } else if matched[j], text[j] == token {
          next[j + 1] = true
        }
      }
      matched = next
    }
    return matched[text.count]
  }
}
