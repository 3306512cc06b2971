extension DiagnosticCatalogue {
  static let publishingMissingDescriptor = DiagnosticDescriptor(
    id: .publishingMissing, severity: .error,
    summary: "the skill store listing is incomplete (--release)",
    explanation: """
      Under `--release`, `skill.publishing` must give the skill store listing that \
      `flowc generate skill-package` writes into `skill.json`: a `category` for the skill, \
      and for every locale of `skill.locales` a `summary`, a `description`, at least one of \
      `example_phrases` and at least one of `keywords`. Without `--release` nothing is \
      required: the generator writes marked placeholders and warns.

      ```yaml
      skill:
        locales: [en-US, es-US]
        publishing:            # error under --release: no listing for 'es-US'
          category: SHOPPING
          en-US:
            summary: Razor kits by voice
      ```

      Fix: add what the message lists.
      """)

  static let invalidExamplePhraseDescriptor = DiagnosticDescriptor(
    id: .invalidExamplePhrase, severity: .warning,
    summary: "an example phrase would fail certification",
    explanation: """
      The skill store shows at most three example phrases per locale, and certification \
      tries each of them: the first must open the skill by its wake word and invocation \
      name ("Alexa, open no nicks"); every other one must either name the skill the same \
      way ("Alexa, ask no nicks to buy a starter kit") or be a sample utterance of the flow \
      in that locale, with a word or words where the sample has a `{slot}`. Case and \
      punctuation do not matter. A warning, and an error under `--release`.

      ```yaml
      en-US:
        example_phrases:
          - Alexa, open no nicks
          - purchase a kit        # warning: no sample of the flow says this
      ```

      Fix: use a sample of one of the flow's intents, or add the phrase to the samples.
      """)

  static let descriptionWithoutAmazonPayDescriptor = DiagnosticDescriptor(
    id: .descriptionWithoutAmazonPay, severity: .warning,
    summary: "the skill store description of a paying skill does not mention Amazon Pay",
    explanation: """
      Certification asks the description of a skill that takes payments to say that they \
      are processed with Amazon Pay. For a flow with a `setup` or `charge` state, every \
      `description` in `skill.publishing` must contain the words "Amazon Pay". A warning, \
      and an error under `--release`.

      ```yaml
      en-US:
        description: Order razor kits by voice.   # warning: no 'Amazon Pay'
      ```

      Fix: add a sentence such as "Payments are processed with Amazon Pay."
      """)

  /// `'skill' has no 'publishing'`, `'skill.publishing' has no 'category'`,
  /// `'skill.publishing' has no listing for 'es-US'` or
  /// `'skill.publishing.en-US' has no 'summary', 'keywords'`.
  ///
  /// - Parameters:
  ///   - keys: The missing keys; empty when the whole section or locale is missing.
  ///   - locale: The locale whose listing is incomplete or missing.
  static func publishingMissing(_ keys: [String], locale: String?, at range: SourceRange?)
    -> Diagnostic
  {
    let listed = keys.map { "'\($0)'" }.joined(separator: ", ")
    let message: String
    switch (keys.isEmpty, locale) {
    case (true, nil): message = "'skill' has no 'publishing'"
    case (true, let locale?): message = "'skill.publishing' has no listing for '\(locale)'"
    case (false, nil): message = "'skill.publishing' has no \(listed)"
    case (false, let locale?): message = "'skill.publishing.\(locale)' has no \(listed)"
    }
    let note =
      keys.isEmpty
      ? "under --release every locale needs 'summary', 'description', 'example_phrases' and "
        + "'keywords', and the skill a 'category'"
      : "skill.json's store listing is written from it; without it the skill cannot be submitted"
    return publishingMissingDescriptor.report(message, at: range).with(note: note)
  }

  /// `example phrase 'x' does not open the skill`, `… is not a sample of the flow` or
  /// `… is one too many`.
  static func invalidExamplePhrase(
    _ phrase: String, _ problem: ExamplePhraseProblem, invocation: String?, release: Bool,
    at range: SourceRange
  ) -> Diagnostic {
    let skill = invocation ?? "<invocation>"
    let (reason, note): (String, String)
    switch problem {
    case .doesNotOpenSkill:
      reason = "does not open the skill"
      note =
        "the first example phrase starts with the wake word and names the skill, "
        + "such as 'Alexa, open \(skill)'"
    case .notASample(let locale):
      reason = "is not a sample of the flow"
      note =
        "use a sample of an intent in '\(locale)', or name the skill: 'Alexa, ask \(skill) to …'"
    case .beyondLimit(let limit):
      reason = "is one too many"
      note = "the skill store shows at most \(limit) example phrases"
    }
    return invalidExamplePhraseDescriptor.report(
      "example phrase '\(phrase)' \(reason)", at: range, severity: release ? .error : .warning
    ).with(note: note)
  }

  /// `the 'en-US' description does not mention Amazon Pay`.
  static func descriptionWithoutAmazonPay(locale: String, release: Bool, at range: SourceRange)
    -> Diagnostic
  {
    descriptionWithoutAmazonPayDescriptor.report(
      "the '\(locale)' description does not mention Amazon Pay", at: range,
      severity: release ? .error : .warning
    ).with(note: "certification asks a paying skill to say that Amazon Pay processes payments")
  }

  /// Descriptors of the skill store listing checks.
  static let publishingDescriptors: [DiagnosticDescriptor] = [
    publishingMissingDescriptor, invalidExamplePhraseDescriptor,
    descriptionWithoutAmazonPayDescriptor,
  ]
}

/// Why an example phrase would fail certification.
enum ExamplePhraseProblem {
  /// The first phrase does not start with a wake word and name the skill.
  case doesNotOpenSkill
  /// A later phrase neither names the skill nor is a sample of the flow in the locale.
  case notASample(_ locale: String)
  /// The phrase comes after the most the skill store shows.
  case beyondLimit(_ limit: Int)
}
