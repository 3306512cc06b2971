extension DiagnosticNote {
  /// The note `did you mean 'x'?`, the one way flowc words a suggestion.
  ///
  /// - Parameters:
  ///   - suggestion: The likely intended name (see ``Suggestions/closest(to:among:)``).
  ///   - range: Where the suggested name is defined, if that is worth pointing at.
  /// - Returns: The note.
  public static func didYouMean(_ suggestion: String, at range: SourceRange? = nil)
    -> DiagnosticNote
  {
    DiagnosticNote(message: "did you mean '\(suggestion)'?", range: range)
  }
}

extension Diagnostic {
  /// A copy with a "did you mean" note when there is a suggestion.
  ///
  /// - Parameters:
  ///   - suggestion: The suggestion, or `nil` for none (the copy is then unchanged).
  ///   - range: Where the suggested name is defined, if anywhere.
  /// - Returns: The diagnostic, with the note when there is a suggestion.
  public func suggesting(_ suggestion: String?, at range: SourceRange? = nil) -> Diagnostic {
    guard let suggestion else { return self }
    var copy = self
    copy.notes.append(.didYouMean(suggestion, at: range))
    return copy
  }
}

extension DiagnosticCatalogue {
  static let unknownKeyDescriptor = DiagnosticDescriptor(
    id: .unknownKey, severity: .error,
    summary: "a key that the flow language does not define",
    explanation: """
      Every section of a flow file has a fixed set of keys. A key that is not one of them is an \
      error, so that a misspelt key is not silently ignored. When a known key is close, a note \
      suggests it.

      ```yaml
      skill:
        name: No Nicks
        invocaton: no nicks   # error: unknown key 'invocaton' in 'skill'
      ```

      Fix: correct the spelling (here `invocation`) or remove the key.
      """)

  static let missingKeyDescriptor = DiagnosticDescriptor(
    id: .missingKey, severity: .error,
    summary: "a required key is missing",
    explanation: """
      Some keys must be present: `flowc`, `skill` (with `name`, `invocation`, `locales`), \
      `prompts`, `flow` (with `start` and `states`), `merchant` when the flow has a `setup` or \
      `charge` state (with `seller_id`, `country`, `currency`), a product's `name` and \
      `price`, an intent's `samples`, a card's `title` and `text`, the `else` branch of a \
      `choose`, and `goto` in a transition of a `setup` or `charge` outcome.

      ```yaml
      merchant:
        country: US           # error: missing key 'seller_id' in 'merchant'
        currency: USD
      ```

      Fix: add the key.
      """)

  static let wrongTypeDescriptor = DiagnosticDescriptor(
    id: .wrongType, severity: .error,
    summary: "a value has the wrong YAML type",
    explanation: """
      Each key expects a mapping, a list or a scalar of a certain kind (text, whole number, \
      `true`/`false`).

      ```yaml
      skill:
        locales: en-US        # error: 'locales' must be a list
      ```

      Fix: write the value in the expected form, here `locales: [en-US]`.
      """)

  static let invalidIdDescriptor = DiagnosticDescriptor(
    id: .invalidId, severity: .error,
    summary: "an id or a name does not follow the naming rules",
    explanation: """
      Ids of products, prompts, states and slots match `[a-z][a-z0-9_]*`. Intent names match \
      `[A-Za-z_]+`, built-in intents are written `AMAZON.Name`.

      ```yaml
      products:
        Starter-Kit:          # error: invalid product id 'Starter-Kit'
          name: Starter Kit
          price: "9.00"
      ```

      Fix: rename, for example to `starter_kit`, and update the references.
      """)

  static let unsupportedVersionDescriptor = DiagnosticDescriptor(
    id: .unsupportedVersion, severity: .error,
    summary: "the flow language version is not supported",
    explanation: """
      The first key `flowc` names the version of the flow language. This flowc reads version \
      `1` only.

      ```yaml
      flowc: 2                # error: unsupported flow language version '2'
      ```

      Fix: write `flowc: 1` and follow the version 1 language.
      """)

  static let invalidValueDescriptor = DiagnosticDescriptor(
    id: .invalidValue, severity: .error,
    summary: "a value is not one of the allowed values or forms",
    explanation: """
      Some keys take one of a fixed set of values (`payment_action`, a setup's `agreement`), \
      a value of a certain form (`subscription.every` like `2 months`, an `https` card image, \
      a `set` value like `slot.quantity ?? 1`), or a known Alexa locale.

      ```yaml
      merchant:
        payment_action: capture   # error: invalid value 'capture' for 'payment_action'
      ```

      Fix: use one of the values the note lists.
      """)

  static let missingStateKindDescriptor = DiagnosticDescriptor(
    id: .missingStateKind, severity: .error,
    summary: "a state has no kind key",
    explanation: """
      Each state has exactly one kind key: `ask`, `tell`, `setup`, `charge` or `choose`.

      ```yaml
      states:
        welcome:              # error: state 'welcome' has no kind
          reprompt: welcome_reprompt
      ```

      Fix: add the kind, for example `ask: welcome`.
      """)

  static let conflictingStateKindsDescriptor = DiagnosticDescriptor(
    id: .conflictingStateKinds, severity: .error,
    summary: "a state has more than one kind key",
    explanation: """
      Each state has exactly one kind key: `ask`, `tell`, `setup`, `charge` or `choose`.

      ```yaml
      states:
        thanks:
          ask: thanks
          tell: goodbye       # error: state 'thanks' is both 'ask' and 'tell'
      ```

      Fix: split the state in two, or keep one kind.
      """)

  static let keyNotAllowedInStateDescriptor = DiagnosticDescriptor(
    id: .keyNotAllowedInState, severity: .error,
    summary: "a state key that its kind does not take",
    explanation: """
      `reprompt` belongs to `ask` states, `permission_card` to `tell` states, `card` to `ask` \
      and `tell` states, `on` to `ask`, `setup` and `charge` states; `choose` states take \
      nothing but `choose`, and `tell` states end the session so they have no `on`. A response \
      carries one card, so a `tell` state with `permission_card: true` has no `card`.

      ```yaml
      goodbye:
        tell: goodbye
        reprompt: goodbye     # error: 'reprompt' is not allowed in a 'tell' state
      ```

      Fix: remove the key, or change the state's kind.
      """)

  /// `unknown key 'x' in 'section'`, with a did-you-mean note.
  static func unknownKey(
    _ key: String, in context: String, known: [String], at range: SourceRange
  ) -> Diagnostic {
    unknownKeyDescriptor.report("unknown key '\(key)' in '\(context)'", at: range)
      .suggesting(Suggestions.closest(to: key, among: known))
  }

  /// `missing key 'x' in 'section'`.
  static func missingKey(_ key: String, in context: String?, at range: SourceRange?)
    -> Diagnostic
  {
    if let context {
      return missingKeyDescriptor.report("missing key '\(key)' in '\(context)'", at: range)
    }
    return missingKeyDescriptor.report("missing key '\(key)'", at: range)
  }

  /// `'x' must be <expected>, not <found>`.
  static func wrongType(_ what: String, expected: String, found: String, at range: SourceRange)
    -> Diagnostic
  {
    wrongTypeDescriptor.report("'\(what)' must be \(expected), not \(found)", at: range)
  }

  /// `invalid <kind> id 'x'` with the rule in a note.
  static func invalidId(_ kind: String, _ id: String, rule: String, at range: SourceRange)
    -> Diagnostic
  {
    invalidIdDescriptor.report("invalid \(kind) '\(id)'", at: range).with(note: rule)
  }

  /// `unsupported flow language version 'x'`.
  static func unsupportedVersion(_ version: String, at range: SourceRange) -> Diagnostic {
    unsupportedVersionDescriptor.report("unsupported flow language version '\(version)'", at: range)
      .with(note: "this flowc reads version 1; write 'flowc: 1'")
  }

  /// `invalid value 'x' for 'key'`, with the allowed values or form in a note.
  static func invalidValue(
    _ value: String, for key: String, expected: String, at range: SourceRange
  ) -> Diagnostic {
    invalidValueDescriptor.report("invalid value '\(value)' for '\(key)'", at: range)
      .with(note: "expected \(expected)")
  }

  /// `invalid value 'x' for 'locales'`: not an Alexa locale. The note suggests the locale it
  /// most likely means by what Alexa's locales are (``LocaleSuggestion``), and says why.
  static func unknownLocale(_ locale: String, key: String = "locales", at range: SourceRange)
    -> Diagnostic
  {
    let suggestion = LocaleSuggestion.suggestion(for: locale)
    var diagnostic = invalidValue(
      locale, for: key, expected: "an Alexa locale such as 'en-US' or 'de-DE'", at: range
    ).suggesting(suggestion.locale)
    if let reason = suggestion.reason, !reason.isEmpty {
      diagnostic = diagnostic.with(note: reason)
    }
    return diagnostic
  }

  /// `state 'x' has no kind`.
  static func missingStateKind(_ state: String, at range: SourceRange) -> Diagnostic {
    missingStateKindDescriptor.report("state '\(state)' has no kind", at: range)
      .with(note: "add one of 'ask', 'tell', 'setup', 'charge' or 'choose'")
  }

  /// `state 'x' is both 'a' and 'b'`.
  static func conflictingStateKinds(
    _ state: String, first: String, second: String, at range: SourceRange,
    firstRange: SourceRange
  ) -> Diagnostic {
    conflictingStateKindsDescriptor.report(
      "state '\(state)' is both '\(first)' and '\(second)'", at: range
    )
    .with(note: "'\(first)' is given here", at: firstRange)
  }

  /// `'key' is not allowed in a 'kind' state`.
  static func keyNotAllowedInState(_ key: String, kind: String, at range: SourceRange)
    -> Diagnostic
  {
    keyNotAllowedInStateDescriptor.report("'\(key)' is not allowed in a '\(kind)' state", at: range)
  }

  /// Descriptors of the parse stage.
  static let schemaDescriptors: [DiagnosticDescriptor] = [
    unknownKeyDescriptor, missingKeyDescriptor, wrongTypeDescriptor, invalidIdDescriptor,
    unsupportedVersionDescriptor, invalidValueDescriptor,
    missingStateKindDescriptor, conflictingStateKindsDescriptor, keyNotAllowedInStateDescriptor,
  ]
}
