import FlowIR

extension FlowChecker {
  /// Reports unused prompts, speech that can exceed Alexa's limit and cards that can be too
  /// long.
  mutating func checkPrompts() {
    if syntax.flow?.complete ?? false {
      var reported: Set<String> = []
      for locale in syntax.prompts {
        for prompt in locale.value ?? []
        where !usedPrompts.contains(prompt.key.value) && reported.insert(prompt.key.value).inserted
        {
          report(DiagnosticCatalogue.unusedPrompt(prompt.key.value, at: prompt.key.range))
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
      for handler in state.on { if let say = handler.value?.say { spoken.insert(say.value) } }
    }
    for global in syntax.flow?.global ?? [] {
      if let say = global.value?.say { spoken.insert(say.value) }
    }
    if usedPrompts.contains("fallback") { spoken.insert("fallback") }
    for locale in syntax.prompts {
      for prompt in locale.value ?? [] where spoken.contains(prompt.key.value) {
        guard let template = checked.templates[locale.key.value]?[prompt.key.value],
          let scalar = prompt.value,
          let length = maximumLength(of: template, locale: locale.key.value),
          length > SpeechLength.alexaLimit
        else { continue }
        report(
          DiagnosticCatalogue.speechTooLong(
            prompt.key.value, locale: locale.key.value, length: length, at: scalar.range))
      }
    }
    for card in cards {
      for locale in symbols.locales {
        guard let title = card.title.flatMap({ checked.templates[locale]?[$0.value] }),
          let text = card.text.flatMap({ checked.templates[locale]?[$0.value] }),
          let titleLength = maximumLength(of: title, locale: locale),
          let textLength = maximumLength(of: text, locale: locale)
        else { continue }
        let (total, overflow) = titleLength.addingReportingOverflow(textLength)
        if overflow || total > SpeechLength.alexaLimit {
          report(
            DiagnosticCatalogue.cardTextTooLong(
              length: overflow ? Int.max : total, locale: locale, at: card.keyRange))
          break
        }
      }
    }
  }

  private func maximumLength(of template: Template, locale: String) -> Int? {
    SpeechLength.maximumLength(of: template) { path in
      SpeechLength.maximumValueLength(
        of: path, products: checked.products, locale: locale, ssml: template.ssml)
    }
  }
}
