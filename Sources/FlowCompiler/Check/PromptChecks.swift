import FlowIR

extension FlowChecker {
  /// Reports unused prompts, speech that can exceed Alexa's limit and cards that can be too
  /// long.
  func checkPrompts(
    _ catalog: CatalogFacts, _ references: ReferenceFacts, _ variables: VariableFacts,
    into diagnostics: inout [Diagnostic]
  ) {
    let templates = variables.templates
    var valueLengths = ValueLengthCache(products: catalog.products, templates: templates)
    if syntax.flow?.complete ?? false {
      var reported: Set<String> = []
      for locale in syntax.prompts {
        for prompt in locale.value ?? []
        where !references.usedPrompts.contains(prompt.key.value)
          && reported.insert(prompt.key.value).inserted
        {
          diagnostics.append(
            DiagnosticCatalogue.unusedPrompt(prompt.key.value, at: prompt.key.range))
        }
      }
    }
    var spoken: Set<String> = []
    var cards: [CardSyntax] = []
    for entry in syntax.flow?.states ?? [] {
      guard let state = entry.value else { continue }
      switch state.kind {
      case .ask(let prompt), .tell(let prompt): spoken.insert(prompt.value)
      default: break
      }
      if let reprompt = state.reprompt { spoken.insert(reprompt.value) }
      if let card = state.card { cards.append(card) }
      for handler in state.on {
        if let say = handler.value?.say { spoken.insert(say.value) }
        for prompt in handler.value.map(Self.requirePrompts) ?? [] { spoken.insert(prompt) }
      }
    }
    for global in syntax.flow?.global ?? [] {
      if let say = global.value?.say { spoken.insert(say.value) }
      for prompt in global.value.map(Self.requirePrompts) ?? [] { spoken.insert(prompt) }
    }
    if references.usedPrompts.contains("fallback") { spoken.insert("fallback") }
    for locale in syntax.prompts {
      for prompt in locale.value ?? [] where spoken.contains(prompt.key.value) {
        guard let scalar = prompt.value,
          let length = valueLengths.maximumLength(
            ofPrompt: prompt.key.value, locale: locale.key.value),
          length > SpeechLength.alexaLimit
        else { continue }
        diagnostics.append(
          DiagnosticCatalogue.speechTooLong(
            prompt.key.value, locale: locale.key.value, length: length, at: scalar.range))
      }
    }
    checkSpokenTransitions(&valueLengths, into: &diagnostics)
    for card in cards {
      for locale in symbols.locales {
        guard let title = card.title, let text = card.text,
          let titleLength = valueLengths.maximumLength(ofPrompt: title.value, locale: locale),
          let textLength = valueLengths.maximumLength(ofPrompt: text.value, locale: locale)
        else { continue }
        let (total, overflow) = titleLength.addingReportingOverflow(textLength)
        if overflow || total > SpeechLength.alexaLimit {
          diagnostics.append(
            DiagnosticCatalogue.cardTextTooLong(
              length: overflow ? Int.max : total, locale: locale, at: card.keyRange))
          break
        }
      }
    }
  }

}

extension FlowChecker {
  /// A transition with `say` and `goto` speaks its prompt and then the prompt of the state it
  /// enters, in one response: the two together must fit Alexa's limit too; so must the
  /// `unknown` and `ask` prompts of a required slot, spoken together.
  fileprivate func checkSpokenTransitions(
    _ valueLengths: inout ValueLengthCache, into diagnostics: inout [Diagnostic]
  ) {
    guard let flow = syntax.flow else { return }
    // The global transitions, then each state's, in source order (walked in place rather than
    // gathered into one array of copies).
    for global in flow.global {
      guard let transition = global.value else { continue }
      checkSpokenTransition(transition, &valueLengths, into: &diagnostics)
    }
    for state in flow.states {
      for handler in state.value?.on ?? [] {
        guard let transition = handler.value else { continue }
        checkSpokenTransition(transition, &valueLengths, into: &diagnostics)
      }
    }
  }

  /// ``checkSpokenTransitions(_:into:)`` for one transition.
  private func checkSpokenTransition(
    _ transition: TransitionSyntax, _ valueLengths: inout ValueLengthCache,
    into diagnostics: inout [Diagnostic]
  ) {
    for entry in transition.require {
      guard let required = entry.value, let unknown = required.unknown else { continue }
      if let (locale, length) = valueLengths.firstOverflow(
        of: unknown.value, then: required.ask.value, locales: symbols.locales)
      {
        diagnostics.append(
          DiagnosticCatalogue.elicitationTooLong(
            unknown: unknown.value, then: required.ask.value, locale: locale,
            length: length, at: unknown.range))
      }
    }
    guard let say = transition.say, let target = transition.goto,
      let state = symbols.state(target.value)
    else { return }
    let next: String
    switch state.kind {
    case .ask(let prompt), .tell(let prompt): next = prompt.value
    default: return
    }
    if let (locale, length) = valueLengths.firstOverflow(
      of: say.value, then: next, locales: symbols.locales)
    {
      diagnostics.append(
        DiagnosticCatalogue.spokenTransitionTooLong(
          say: say.value, then: next, locale: locale, length: length, at: say.range))
    }
  }
}

/// The longest each prompt renders to, per locale, computed once per prompt and locale from the
/// bounds of the paths it reads. A prompt is measured again for every transition that speaks
/// it, so its bound is remembered; so is the bound of a path that looks at the whole catalog
/// (`product.name`, `order.total`), while one product's (`catalog.<id>.price`) costs no more to
/// measure again than to look up.
private struct ValueLengthCache {
  /// The catalog, sorted by id.
  let products: [Product]
  /// Locale → prompt id → compiled template.
  let templates: [String: [String: Template]]
  /// Locale → prompt id → its bound (`nil`: none), for the prompts measured so far.
  var promptLengths: [String: [String: Int?]] = [:]
  /// The bounds of the whole-catalog paths measured so far.
  var pathLengths: [Key: Int?] = [:]

  /// A path's bound depends on the locale and on whether the prompt is SSML.
  struct Key: Hashable {
    var locale: String
    var ssml: Bool
    var path: String
  }

  init(products: [Product], templates: [String: [String: Template]]) {
    self.products = products
    self.templates = templates
  }

  /// The longest a prompt renders to in a locale; `nil` when it has no valid template there or
  /// a placeholder has no bound.
  mutating func maximumLength(ofPrompt prompt: String, locale: String) -> Int? {
    if let known = promptLengths[locale]?[prompt] { return known }
    guard let template = templates[locale]?[prompt] else { return nil }
    let length = SpeechLength.maximumLength(of: template) { path in
      bound(of: path, locale: locale, ssml: template.ssml)
    }
    promptLengths[locale, default: [:]][prompt] = .some(length)
    return length
  }

  /// The longest a path's value renders to
  /// (``SpeechLength/maximumValueLength(of:products:locale:ssml:)``).
  private mutating func bound(of path: String, locale: String, ssml: Bool) -> Int? {
    let segments = VariablePath(rawValue: path).segments
    if segments[0] == "catalog", segments.count > 1 {
      let named = products.product(sortedByIDHaving: segments[1]).map { [$0] } ?? []
      return SpeechLength.maximumValueLength(
        of: path, products: named, locale: locale, ssml: ssml)
    }
    let key = Key(locale: locale, ssml: ssml, path: path)
    if let known = pathLengths[key] { return known }
    let bound = SpeechLength.maximumValueLength(
      of: path, products: products, locale: locale, ssml: ssml)
    pathLengths[key] = .some(bound)
    return bound
  }

  /// The first locale where the prompts `first` and `second`, each within Alexa's limit,
  /// together exceed it, with their combined maximum length.
  mutating func firstOverflow(of first: String, then second: String, locales: [String]) -> (
    locale: String, length: Int
  )? {
    for locale in locales {
      guard let firstLength = maximumLength(ofPrompt: first, locale: locale),
        let secondLength = maximumLength(ofPrompt: second, locale: locale),
        firstLength <= SpeechLength.alexaLimit, secondLength <= SpeechLength.alexaLimit,
        firstLength + secondLength > SpeechLength.alexaLimit
      else { continue }
      return (locale, firstLength + secondLength)
    }
    return nil
  }
}
