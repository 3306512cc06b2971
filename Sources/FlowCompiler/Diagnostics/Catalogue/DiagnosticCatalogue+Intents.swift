import Foundation

extension DiagnosticCatalogue {
  static let missingSamplesDescriptor = DiagnosticDescriptor(
    id: .missingSamples, severity: .error,
    summary: "a custom intent has no sample utterances for one of the skill's locales",
    explanation: """
      Alexa only recognises a custom intent from its samples, so every custom intent needs \
      samples in every locale of `skill.locales`.

      ```yaml
      skill:
        locales: [en-US, en-GB]
      intents:
        BuyIntent:            # error: intent 'BuyIntent' has no samples for locale 'en-GB'
          samples:
            en-US: [buy a kit]
      ```

      Fix: add samples for the locale.
      """)

  static let unknownSlotDescriptor = DiagnosticDescriptor(
    id: .unknownSlot, severity: .error,
    summary: "a sample or a `slot.` path names a slot the intent does not declare",
    explanation: """
      `{name}` in a sample utterance and `slot.name` in a transition's `set` name slots of the \
      intent (`intents.<Intent>.slots`). The message names the intent the slot was looked up \
      in (for a `set`, the intent the transition handles), and notes list that intent's \
      slots and suggest a close one.

      ```yaml
      intents:
        BuyIntent:
          slots: { product: catalog }
          samples:
            en-US: [order {amount} {product}]   # error: unknown slot 'amount' in intent 'BuyIntent'
                                                # note: the slots of intent 'BuyIntent' are 'product'
      ```

      Fix: declare the slot or correct its name.
      """)

  static let unknownSlotTypeDescriptor = DiagnosticDescriptor(
    id: .unknownSlotType, severity: .error,
    summary: "a slot's type is neither `catalog` nor an Alexa built-in type",
    explanation: """
      A slot type is `catalog` (the type generated from `products`) or an Alexa built-in such \
      as `AMAZON.NUMBER`.

      ```yaml
      slots:
        quantity: NUMBER      # error: unknown slot type 'NUMBER'
      ```

      Fix: use `AMAZON.NUMBER`, another `AMAZON.` type or `catalog`.
      """)

  static let duplicateSampleDescriptor = DiagnosticDescriptor(
    id: .duplicateSample, severity: .error,
    summary: "the same sample utterance is given twice",
    explanation: """
      Alexa cannot tell two intents apart by the same utterance, and rejects an interaction \
      model that has one twice. Samples are compared ignoring case and spacing.

      ```yaml
      intents:
        BuyIntent:
          samples: { en-US: [buy {product}] }
        OrderIntent:
          samples: { en-US: [Buy {product}] }   # error: also a sample of 'BuyIntent'
      ```

      Fix: keep the utterance in one intent.
      """)

  /// `intent 'x' has no samples for locale 'y'`.
  static func missingSamples(intent: String, locale: String, at range: SourceRange)
    -> Diagnostic
  {
    missingSamplesDescriptor.report(
      "intent '\(intent)' has no samples for locale '\(locale)'", at: range)
  }

  /// `unknown slot 'x' in intent 'y'`, suggesting a close slot and listing the intent's slots
  /// (the first ``listedNamesLimit`` of them).
  ///
  /// - Parameter sortedSlots: The intent's slot names, sorted (once per intent by the caller).
  static func unknownSlot(
    _ slot: String, intent: String, sortedSlots: [String], suggestion: String?,
    at range: SourceRange
  ) -> Diagnostic {
    unknownSlotDescriptor.report(
      "unknown slot '\(slot)' in intent '\(intent)'", at: range
    ).suggesting(suggestion)
      .with(
        note: sortedSlots.isEmpty
          ? "intent '\(intent)' has no slots"
          : "the slots of intent '\(intent)' are \(listed(sortedSlots))")
  }

  /// Common Alexa built-in slot types, for suggestions.
  static let commonSlotTypes = [
    "AMAZON.NUMBER", "AMAZON.FOUR_DIGIT_NUMBER", "AMAZON.DATE", "AMAZON.TIME", "AMAZON.DURATION",
    "AMAZON.FirstName", "AMAZON.City", "AMAZON.Color", "AMAZON.SearchQuery", "AMAZON.PhoneNumber",
  ]

  /// `unknown slot type 'x'`, suggesting `catalog` or the built-in it likely means.
  static func unknownSlotType(_ type: String, at range: SourceRange) -> Diagnostic {
    let builtIn = commonSlotTypes.first {
      $0.caseInsensitiveCompare("AMAZON." + type) == .orderedSame
    }
    return unknownSlotTypeDescriptor.report("unknown slot type '\(type)'", at: range)
      .suggesting(builtIn ?? Suggestions.closest(to: type, among: ["catalog"] + commonSlotTypes))
      .with(note: "slot types are 'catalog' or Alexa built-ins such as 'AMAZON.NUMBER'")
  }

  /// `sample 'x' is also a sample of 'y'`.
  static func duplicateSample(
    _ sample: String, otherIntent: String, sameIntent: Bool, at range: SourceRange,
    firstRange: SourceRange
  ) -> Diagnostic {
    let message =
      sameIntent
      ? "sample '\(sample)' is given twice in intent '\(otherIntent)'"
      : "sample '\(sample)' is also a sample of intent '\(otherIntent)'"
    return duplicateSampleDescriptor.report(message, at: range)
      .with(note: "first given here", at: firstRange)
  }

  /// Descriptors of the intent checks.
  static let intentDescriptors: [DiagnosticDescriptor] = [
    missingSamplesDescriptor, unknownSlotDescriptor, unknownSlotTypeDescriptor,
    duplicateSampleDescriptor,
  ]
}
