import FlowIR

extension FlowChecker {
  /// Checks that every locale used in prompts, product names, synonyms and samples is one of
  /// `skill.locales`, and that every skill locale has prompts.
  func checkLocales(into diagnostics: inout [Diagnostic]) {
    guard symbols.localesComplete else { return }
    let declared = Set(symbols.locales)
    func check(_ locale: Located<String>) {
      if !declared.contains(locale.value) {
        diagnostics.append(
          DiagnosticCatalogue.undeclaredLocale(
            locale.value, declared: symbols.locales, at: locale.range))
      }
    }
    for locale in syntax.prompts { check(locale.key) }
    if syntax.promptsComplete, let promptsRange = syntax.prompts.first?.key.range {
      for locale in symbols.locales where symbols.prompts[locale] == nil {
        diagnostics.append(
          DiagnosticCatalogue.missingKey(locale, in: "prompts", at: promptsRange)
            .with(note: "every locale of 'skill.locales' needs its prompts"))
      }
    }
    for product in syntax.products {
      if case .perLocale(let names) = product.value?.name {
        for name in names { check(name.key) }
        let given = Set(names.map(\.key.value))
        for locale in symbols.locales where !given.contains(locale) {
          diagnostics.append(
            DiagnosticCatalogue.nameMissingInLocale(
              product.key.value, locale: locale, at: product.key.range))
        }
      }
      if case .perLocale(let synonyms) = product.value?.synonyms {
        for list in synonyms { check(list.key) }
      }
    }
    for intent in syntax.intents {
      for samples in intent.value?.samples ?? [] { check(samples.key) }
    }
    for listing in syntax.skill?.publishing?.locales ?? [] { check(listing.key) }
  }

  /// Checks that states, prompts, intents and outcomes named anywhere in `flow` exist, and that
  /// every outcome of a `setup` or `charge` state is handled.
  func checkReferences(into diagnostics: inout [Diagnostic]) -> ReferenceFacts {
    var resolver = ReferenceResolver(syntax: syntax, symbols: symbols)
    resolver.resolveFlow()
    diagnostics += resolver.diagnostics
    return resolver.facts
  }
}

/// The reference check's walk over `flow`: what it has found so far, local to one run of the
/// pass.
private struct ReferenceResolver {
  let syntax: FlowSyntax
  let symbols: SymbolTable
  /// The problems found.
  var diagnostics: [Diagnostic] = []
  /// The prompts used and whether a reference could not be resolved.
  var facts = ReferenceFacts()
  /// Missing prompt translations already reported (locale, NUL, prompt id).
  var reportedMissingPrompts: Set<String> = []
  /// References to prompts that do not exist, reported after the walk.
  var unknownPrompts: [Located<String>] = []
  /// The built-in and declared intent names, made for the first unknown intent.
  var knownIntents: Set<String>?
  /// Intent → its declared slot names in source order, sorted and as a set, made the first time a
  /// `require` of the intent is resolved.
  var declaredSlots: [String: (names: [String], sorted: [String], set: Set<String>)] = [:]

  mutating func resolveFlow() {
    guard let flow = syntax.flow else { return }
    if let start = flow.start { resolveState(start) }
    for global in flow.global {
      resolveIntent(global.key)
      if let transition = global.value { resolveTransition(transition, intent: global.key.value) }
    }
    for entry in flow.states {
      guard let state = entry.value else { continue }
      resolveState(entry.key.value, state)
    }
    if syntax.prompts.contains(where: { $0.value?.contains { $0.key.value == "fallback" } ?? false }
    ) {
      facts.usedPrompts.insert("fallback")
      // Spoken in any `ask` state on an intent it does not handle: no slot was heard.
      if facts.otherPromptUses["fallback"] == nil,
        let range = syntax.firstPromptKeyRange(of: "fallback")
      {
        facts.otherPromptUses["fallback"] = range
      }
    }
    reportUnknownPrompts()
  }

  /// Reports the unknown prompt references, once every reference is known: a misspelt
  /// reference is matched against every defined prompt, used or not, and failing a close
  /// one, against the prompts nothing uses (a reference without a prompt and a prompt without
  /// a reference are usually the same prompt under two names).
  private mutating func reportUnknownPrompts() {
    guard !unknownPrompts.isEmpty else { return }
    let unused = symbols.promptIds.subtracting(facts.usedPrompts)
    let definitions = syntax.promptKeyRanges()
    for name in unknownPrompts {
      let diagnostic = DiagnosticCatalogue.unknownPrompt(
        name.value, known: symbols.promptIds, unused: unused, definedAt: definitions,
        at: name.range)
      diagnostics.append(diagnostic.diagnostic)
      // The prompt meant is likely the suggestion: it is not unused, it is misspelt here.
      if let suggestion = diagnostic.suggestion { facts.usedPrompts.insert(suggestion) }
    }
  }

  private mutating func resolveState(_ id: String, _ state: StateSyntax) {
    switch state.kind {
    case .ask(let prompt):
      resolvePrompt(prompt)
      if let reprompt = state.reprompt { resolvePrompt(reprompt) }
      if let card = state.card { resolveCard(card) }
      for handler in state.on {
        resolveIntent(handler.key)
        if let transition = handler.value {
          resolveTransition(transition, intent: handler.key.value)
        }
      }
    case .tell(let prompt):
      resolvePrompt(prompt)
      if let card = state.card { resolveCard(card) }
    case .setup, .charge:
      let kind = state.kind.keyword
      let outcomes = (kind == "setup" ? ConnectionsTaskName.setup : .charge).outcomes.map(
        \.rawValue)
      for handler in state.on {
        if !outcomes.contains(handler.key.value) {
          diagnostics.append(
            DiagnosticCatalogue.unknownOutcome(
              handler.key.value, kind: kind, outcomes: outcomes, at: handler.key.range))
        }
        guard let transition = handler.value else { continue }
        resolveTransition(transition, intent: nil)
        if let requireKey = transition.requireKeyRange {
          diagnostics.append(
            DiagnosticCatalogue.requireOnOutcome(handler.key.value, kind: kind, at: requireKey))
        }
        if transition.goto == nil {
          // Staying in a Connections state would send the request again: an outcome moves on.
          diagnostics.append(
            DiagnosticCatalogue.missingKey("goto", in: handler.key.value, at: transition.range)
              .with(note: "an outcome of '\(kind)' must go to another state"))
        }
      }
      let handled = Set(state.on.map(\.key.value))
      for outcome in outcomes where !handled.contains(outcome) {
        diagnostics.append(
          DiagnosticCatalogue.unhandledOutcome(
            outcome, state: id, at: state.onKeyRange ?? state.kindKeyRange))
      }
    case .choose(let choose):
      for branch in choose.branches { resolveState(branch.goto) }
      if let otherwise = choose.otherwise { resolveState(otherwise) }
    }
  }

  /// Resolves a transition's target, prompts and required slots; `intent` is the intent it
  /// handles (`nil` for a payment outcome, which has no slots).
  private mutating func resolveTransition(_ transition: TransitionSyntax, intent: String?) {
    if let goto = transition.goto { resolveState(goto) }
    if let say = transition.say { resolvePrompt(say) }
    for required in transition.require {
      if let intent { resolveRequiredSlot(required.key, of: intent) }
      guard let slot = required.value else { continue }
      resolvePrompt(slot.ask)
      if let unknown = slot.unknown {
        resolvePrompt(unknown, unknownOf: required.key.value)
      }
    }
  }

  /// Reports a required slot the intent does not declare.
  private mutating func resolveRequiredSlot(_ slot: Located<String>, of intent: String) {
    let slots: (names: [String], sorted: [String])
    if BuiltInIntents.all.contains(intent), !symbols.intents.keys.contains(intent) {
      slots = ([], [])
    } else {
      guard case .some(.some(let declared)) = symbols.intents[intent], declared.slotsComplete
      else { return }
      if declaredSlots[intent] == nil {
        let names = declared.slots.map(\.key.value)
        declaredSlots[intent] = (names, names.sorted(), Set(names))
      }
      guard let declared = declaredSlots[intent], !declared.set.contains(slot.value)
      else { return }
      slots = (declared.names, declared.sorted)
    }
    diagnostics.append(
      DiagnosticCatalogue.unknownSlot(
        slot.value, intent: intent, sortedSlots: slots.sorted,
        suggestion: Suggestions.closest(to: slot.value, among: slots.names), at: slot.range))
  }

  private mutating func resolveState(_ name: Located<String>) {
    guard !symbols.hasState(name.value) else { return }
    facts.hasUnresolvedReferences = true
    guard syntax.flow?.statesComplete ?? false else { return }
    diagnostics.append(
      DiagnosticCatalogue.unknownState(
        name.value, known: symbols.stateIds, definedAt: symbols.stateKeyRange, at: name.range))
  }

  private mutating func resolveCard(_ card: CardSyntax) {
    if let title = card.title { resolvePrompt(title) }
    if let text = card.text { resolvePrompt(text) }
  }

  /// Resolves a prompt id; `unknownOf` is the slot when it is the `unknown` prompt of a
  /// required slot (the one use where `{slot.<name>.spoken}` has a value).
  private mutating func resolvePrompt(_ name: Located<String>, unknownOf slot: String? = nil) {
    facts.usedPrompts.insert(name.value)
    if let slot {
      facts.unknownPromptSlots[name.value, default: []].insert(slot)
    } else if facts.otherPromptUses[name.value] == nil {
      facts.otherPromptUses[name.value] = name.range
    }
    guard symbols.promptIds.contains(name.value) else {
      if syntax.promptsComplete { unknownPrompts.append(name) }
      return
    }
    guard symbols.localesComplete else { return }
    for locale in symbols.locales {
      guard let prompts = symbols.prompts[locale], !prompts.contains(name.value) else { continue }
      if reportedMissingPrompts.insert("\(locale)\u{0}\(name.value)").inserted {
        diagnostics.append(
          DiagnosticCatalogue.promptMissingInLocale(
            name.value, locale: locale, at: name.range,
            localeRange: symbols.promptLocaleRanges[locale]))
      }
    }
  }

  private mutating func resolveIntent(_ name: Located<String>) {
    guard !BuiltInIntents.all.contains(name.value), !symbols.intents.keys.contains(name.value)
    else {
      return
    }
    facts.hasUnresolvedReferences = true
    guard syntax.intentsComplete else { return }
    let known = knownIntents ?? BuiltInIntents.all.union(symbols.intents.keys)
    knownIntents = known
    diagnostics.append(DiagnosticCatalogue.unknownIntent(name.value, known: known, at: name.range))
  }
}

/// What the reference check computed.
struct ReferenceFacts {
  /// Prompt ids used by states and transitions (and `fallback` when defined).
  var usedPrompts: Set<String> = []
  /// Whether a reference of the flow section could not be resolved.
  var hasUnresolvedReferences = false
  /// Prompt id → the slots it is the `unknown` prompt of (in `require`).
  var unknownPromptSlots: [String: Set<String>] = [:]
  /// Prompt id → the first place it is used other than as an `unknown` prompt.
  var otherPromptUses: [String: SourceRange] = [:]

  /// Drops where each prompt is used (`unknownPromptSlots`, `otherPromptUses`): only the
  /// spoken-slot check reads them, and a large flow should not carry them through the passes
  /// after it.
  mutating func dropPromptUses() {
    unknownPromptSlots = [:]
    otherPromptUses = [:]
  }
}
