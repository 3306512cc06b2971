extension DiagnosticCatalogue {
  static let slotMayBeMissingDescriptor = DiagnosticDescriptor(
    id: .slotMayBeMissing, severity: .error,
    summary: "a `set` reads a slot that a sample does not fill, with neither `??` nor `require`",
    explanation: """
      Alexa sends an intent with exactly the slots the customer said. When a sample of the \
      intent (in any locale) has no `{name}`, a customer who says that sample sends no \
      `name`: a `set` that reads `slot.name` then has no value, the transition is not taken, \
      and the customer hears the same question again, however often they answer.

      ```yaml
      intents:
        BuyIntent:
          slots: { product: catalog, quantity: AMAZON.NUMBER }
          samples:
            en-US: [buy {product}, buy {quantity} {product}]
      flow:
        states:
          welcome:
            ask: welcome
            on:
              BuyIntent:
                set: { product: slot.product, quantity: slot.quantity }   # error
                goto: confirm
      ```

      Fix: give a fallback (`quantity: slot.quantity ?? 1`), or `require` the slot, so that \
      the runtime asks for it with a `Dialog.ElicitSlot` directive:

      ```yaml
              BuyIntent:
                require:
                  quantity: { ask: how_many }
                set: { product: slot.product, quantity: slot.quantity }
                goto: confirm
      ```
      """)

  static let slotMayBeInvalidDescriptor = DiagnosticDescriptor(
    id: .slotMayBeInvalid, severity: .warning,
    summary: "a `set` reads a `catalog` or number slot that can be invalid, without `require`",
    explanation: """
      A `catalog` slot holds whatever the customer said: "buy rooibos" fills it with \
      `rooibos` even when no product has that name, and a number slot can hold 0 or 500. \
      Such a value is not valid for `set` (a product of the catalog; a whole number from 1 \
      to 99), so the transition is not taken and the customer hears the same question again, \
      without being told why.

      ```yaml
              BuyIntent:
                set: { product: slot.product }   # warning
                goto: confirm
      ```

      Fix: `require` the slot with an `unknown` prompt, which can say what was heard \
      (`{slot.product.spoken}`) before the runtime asks for the slot again:

      ```yaml
      prompts:
        en-US:
          which_product: Which product would you like?
          not_sold: Sorry, we don't sell {slot.product.spoken}.
      ...
              BuyIntent:
                require:
                  product: { ask: which_product, unknown: not_sold }
                set: { product: slot.product }
                goto: confirm
      ```

      For a quantity, a fallback (`slot.quantity ?? 1`) also covers an invalid value.
      """)

  /// `slot 'x' of 'Intent' may be missing: …`, with a note at a sample without it.
  static func slotMayBeMissing(
    _ slot: String, intent: String, isNumber: Bool, at range: SourceRange, sample: String,
    locale: String, sampleRange: SourceRange
  ) -> Diagnostic {
    let require = "add 'require: { \(slot): { ask: <prompt> } }' to the transition"
    return slotMayBeMissingDescriptor.report(
      "'slot.\(slot)' may be missing: not every sample of '\(intent)' fills '\(slot)'",
      at: range
    )
    .with(note: "the \(locale) sample '\(sample)' has no '{\(slot)}'", at: sampleRange)
    .with(note: isNumber ? require + ", or a fallback such as '?? 1'" : require)
  }

  /// `'slot.x' may not be valid: …`.
  static func slotMayBeInvalid(_ slot: String, type: String, at range: SourceRange)
    -> Diagnostic
  {
    let what =
      type == "AMAZON.NUMBER"
      ? "a number outside 1–99" : "a value that names no product of the catalog"
    return slotMayBeInvalidDescriptor.report(
      "'slot.\(slot)' may not be valid: the customer can say \(what)", at: range
    )
    .with(
      note:
        "add 'require: { \(slot): { ask: <prompt>, unknown: <prompt> } }' to the transition to answer it"
    )
  }

  /// `'require' is only for an intent's transition`.
  static func requireOnOutcome(_ outcome: String, kind: String, at range: SourceRange)
    -> Diagnostic
  {
    keyNotAllowedInState("require", kind: kind, at: range)
      .with(
        note: "the outcome '\(outcome)' has no slots: 'require' belongs to an intent's transition")
  }

  /// `'slot.x.spoken' is only known in the 'unknown' prompt of 'require'`.
  static func spokenSlotOutsideUnknown(
    _ slot: String, prompt: String, requiredSlots: [String], at range: SourceRange,
    useRange: SourceRange?
  ) -> Diagnostic {
    var diagnostic = slotOutsideSetDescriptor.report(
      "'slot.\(slot).spoken' can only be spoken in the 'unknown' prompt of the required slot '\(slot)'",
      at: range)
    if let useRange {
      diagnostic = diagnostic.with(
        note: "the prompt '\(prompt)' is also spoken here, where no slot was heard", at: useRange)
    } else if let other = requiredSlots.first(where: { $0 != slot }) {
      diagnostic = diagnostic.with(
        note: "the prompt '\(prompt)' is the 'unknown' prompt of the slot '\(other)'")
    } else {
      diagnostic = diagnostic.with(
        note: "the prompt '\(prompt)' is not the 'unknown' prompt of any required slot")
    }
    return diagnostic
  }

  /// Descriptors of the slot checks (language v1.1 `require`).
  static let slotDescriptors: [DiagnosticDescriptor] = [
    slotMayBeMissingDescriptor, slotMayBeInvalidDescriptor,
  ]
}
