extension DiagnosticCatalogue {
  static let unknownStateDescriptor = DiagnosticDescriptor(
    id: .unknownState, severity: .error,
    summary: "a transition names a state that does not exist",
    explanation: """
      `flow.start`, `goto`, the short form of a transition and the branches of `choose` name \
      states of `flow.states`.

      ```yaml
      on:
        success: chekout      # error: unknown state 'chekout'
      ```

      Fix: correct the name (a note suggests a close one) or add the state.
      """)

  static let unknownPromptDescriptor = DiagnosticDescriptor(
    id: .unknownPrompt, severity: .error,
    summary: "a state, card or transition names a prompt that does not exist",
    explanation: """
      `ask`, `tell`, `reprompt`, `say` and a card's `title` and `text` name prompts of the \
      `prompts` section.

      ```yaml
      welcome:
        ask: welcom           # error: unknown prompt 'welcom'; did you mean 'welcome'?
      ```

      The suggestion is the closest of every defined prompt, used or not; failing a close \
      one, a prompt that nothing uses and that shares most of the name (`tell: thank_you` \
      with an unused `thanks`), which is then not reported as unused as well.

      Fix: correct the name or add the prompt in every locale.
      """)

  static let unknownIntentDescriptor = DiagnosticDescriptor(
    id: .unknownIntent, severity: .error,
    summary: "an `on:` or `global:` key is neither a declared intent nor an Alexa built-in",
    explanation: """
      The keys of an `ask` state's `on:` and of `flow.global` are intents: ones declared under \
      `intents`, or Alexa built-ins such as `AMAZON.YesIntent`.

      ```yaml
      on:
        BuyIntnet: confirm    # error: unknown intent 'BuyIntnet'
      ```

      Fix: correct the name or declare the intent with its samples.
      """)

  static let unknownOutcomeDescriptor = DiagnosticDescriptor(
    id: .unknownOutcome, severity: .error,
    summary: "an `on:` key of a `setup` or `charge` state is not one of its outcomes",
    explanation: """
      A `setup` state has the outcomes `success`, `permission_denied` and `error`; a `charge` \
      state also has `declined`.

      ```yaml
      setup:
        setup: {}
        on:
          declined: sorry     # error: 'setup' has no outcome 'declined'
      ```

      Fix: use one of the outcomes of the state's kind.
      """)

  static let undeclaredLocaleDescriptor = DiagnosticDescriptor(
    id: .undeclaredLocale, severity: .error,
    summary: "prompts, names, synonyms or samples for a locale the skill does not list",
    explanation: """
      Every locale used in `prompts`, in per-locale product names and synonyms and in intent \
      samples must be one of `skill.locales`.

      ```yaml
      skill:
        locales: [en-US]
      prompts:
        en-GB:                # error: locale 'en-GB' is not in 'skill.locales'
          welcome: Hello
      ```

      Fix: add the locale to `skill.locales` (and give it everything) or remove it.
      """)

  static let missingInLocaleDescriptor = DiagnosticDescriptor(
    id: .missingInLocale, severity: .error,
    summary: "a prompt or product name is missing in one of the skill's locales",
    explanation: """
      Every prompt used anywhere must exist in every locale of `skill.locales`, and a product \
      name given per locale must have every locale.

      ```yaml
      skill:
        locales: [en-US, en-GB]
      prompts:
        en-US: { welcome: Hello }
        en-GB: {}
      flow:
        states:
          welcome:
            tell: welcome     # error: prompt 'welcome' is missing in locale 'en-GB'
      ```

      Fix: add the text for that locale.
      """)

  /// `unknown state 'x'`, with a did-you-mean note at the definition of the suggestion.
  static func unknownState(
    _ name: String, known: some Sequence<String>, definedAt definition: (String) -> SourceRange?,
    at range: SourceRange
  ) -> Diagnostic {
    let suggestion = Suggestions.closest(to: name, among: known)
    return unknownStateDescriptor.report("unknown state '\(name)'", at: range)
      .suggesting(suggestion, at: suggestion.flatMap(definition))
  }

  /// `unknown prompt 'x'`, with a did-you-mean note at the definition of the suggestion: the
  /// closest of every defined prompt, or else the unused prompt that shares the most of its
  /// name (`thanks` for `thank_you`), which a note then calls unused.
  static func unknownPrompt(
    _ name: String, known: Set<String>, unused: Set<String>,
    definedAt definitions: [String: SourceRange], at range: SourceRange
  ) -> (diagnostic: Diagnostic, suggestion: String?) {
    var diagnostic = unknownPromptDescriptor.report("unknown prompt '\(name)'", at: range)
    if let close = Suggestions.closest(to: name, among: known) {
      return (diagnostic.suggesting(close, at: definitions[close]), close)
    }
    guard let related = relatedName(to: name, among: unused) else { return (diagnostic, nil) }
    diagnostic = diagnostic.suggesting(related, at: definitions[related])
      .with(note: "prompt '\(related)' is defined but not used anywhere")
    return (diagnostic, related)
  }

  /// The candidate sharing the longest start with `name` (at least 4 characters, and at least
  /// half of the shorter of the two), or containing it or contained in it; `nil` when none
  /// does. Ties go to the first in sorted order.
  ///
  /// Spends from the ``Suggestions/budget`` like every "did you mean" search (one unit per
  /// candidate to sort, then the characters compared): many unknown prompts against many
  /// unused ones would otherwise cost their product. `nil` once the budget is spent.
  static func relatedName(to name: String, among candidates: Set<String>) -> String? {
    let budget = Suggestions.budget ?? SuggestionBudget(units: Suggestions.budgetPerSearch)
    guard budget.spend(candidates.count) else { return nil }
    let lowerName = name.lowercased()
    let word = Array(lowerName)
    // Names of ASCII letters, digits and punctuation (ids nearly always are) are compared as
    // bytes: their characters are their bytes, and a substring is a byte substring.
    let nameBytes = Self.plainASCII(lowerName)
    var best: (name: String, shared: Int)?
    for candidate in candidates.sorted() {
      guard budget.spend(word.count + candidate.utf8.count) else { return nil }
      let lowerCandidate = candidate.lowercased()
      let score: Int
      let shorter: Int
      if let nameBytes, let bytes = Self.plainASCII(lowerCandidate) {
        shorter = min(nameBytes.count, bytes.count)
        var shared = 0
        while shared < shorter, nameBytes[shared] == bytes[shared] { shared += 1 }
        let contains =
          shorter >= 4
          && (nameBytes.count <= bytes.count
            ? Self.contains(bytes, nameBytes) : Self.contains(nameBytes, bytes))
        score = contains ? shorter : shared
      } else {
        let other = Array(lowerCandidate)
        shorter = min(word.count, other.count)
        var shared = 0
        while shared < shorter, word[shared] == other[shared] { shared += 1 }
        let contains =
          shorter >= 4
          && (lowerCandidate.contains(lowerName) || lowerName.contains(lowerCandidate))
        score = contains ? shorter : shared
      }
      guard score >= 4, score * 2 >= shorter else { continue }
      if score > (best?.shared ?? 0) { best = (candidate, score) }
    }
    return best?.name
  }

  /// The UTF-8 bytes of `text` when it is printable ASCII (no control character, so each byte
  /// is one character), else `nil`.
  private static func plainASCII(_ text: String) -> [UInt8]? {
    let bytes = Array(text.utf8)
    return bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? bytes : nil
  }

  /// Whether `needle` occurs in `haystack`, in time linear in both (Knuth–Morris–Pratt).
  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty else { return true }
    guard needle.count <= haystack.count else { return false }
    // How long a prefix of `needle` ends at each of its positions (besides itself).
    var border = [Int](repeating: 0, count: needle.count)
    var matched = 0
    for index in needle.indices.dropFirst() {
      while matched > 0, needle[index] != needle[matched] { matched = border[matched - 1] }
      if needle[index] == needle[matched] { matched += 1 }
      border[index] = matched
    }
    matched = 0
    for byte in haystack {
      while matched > 0, byte != needle[matched] { matched = border[matched - 1] }
      if byte == needle[matched] { matched += 1 }
      if matched == needle.count { return true }
    }
    return false
  }

  /// `unknown intent 'x'`.
  static func unknownIntent(_ name: String, known: some Sequence<String>, at range: SourceRange)
    -> Diagnostic
  {
    unknownIntentDescriptor.report("unknown intent '\(name)'", at: range)
      .suggesting(Suggestions.closest(to: name, among: known))
  }

  /// `'setup' has no outcome 'x'`.
  static func unknownOutcome(
    _ name: String, kind: String, outcomes: [String], at range: SourceRange
  ) -> Diagnostic {
    unknownOutcomeDescriptor.report("'\(kind)' has no outcome '\(name)'", at: range)
      .suggesting(Suggestions.closest(to: name, among: outcomes))
      .with(
        note: "the outcomes of '\(kind)' are \(outcomes.map { "'\($0)'" }.joined(separator: ", "))")
  }

  /// `locale 'x' is not in 'skill.locales'`.
  /// When the locale is not an Alexa locale at all, with a note suggesting the declared one
  /// it most likely means (`en-UK` for a declared `en-GB`; see ``LocaleSuggestion``); an Alexa
  /// locale is more likely missing from `skill.locales` than misspelt.
  static func undeclaredLocale(
    _ locale: String, declared: [String], at range: SourceRange
  ) -> Diagnostic {
    let diagnostic = undeclaredLocaleDescriptor.report(
      "locale '\(locale)' is not in 'skill.locales'", at: range)
    guard !AlexaLocales.all.contains(locale) else { return diagnostic }
    return diagnostic.suggesting(LocaleSuggestion.suggestion(for: locale, among: declared).locale)
  }

  /// `prompt 'x' is missing in locale 'y'`.
  static func promptMissingInLocale(
    _ prompt: String, locale: String, at range: SourceRange, localeRange: SourceRange?
  ) -> Diagnostic {
    missingInLocaleDescriptor.report(
      "prompt '\(prompt)' is missing in locale '\(locale)'", at: range
    ).with(note: "prompts of '\(locale)' are here", at: localeRange)
  }

  /// `name of product 'x' is missing in locale 'y'`.
  static func nameMissingInLocale(_ product: String, locale: String, at range: SourceRange)
    -> Diagnostic
  {
    missingInLocaleDescriptor.report(
      "name of product '\(product)' is missing in locale '\(locale)'", at: range)
  }

  /// Descriptors of the reference checks.
  static let referenceDescriptors: [DiagnosticDescriptor] = [
    unknownStateDescriptor, unknownPromptDescriptor, unknownIntentDescriptor,
    unknownOutcomeDescriptor, undeclaredLocaleDescriptor, missingInLocaleDescriptor,
  ]
}
