/// Runs every check of a parsed flow file and collects the diagnostics.
///
/// Each pass is a function of the syntax, the symbol table and the facts of the passes it
/// needs, and returns its own facts; the diagnostics it finds go to the one list passed in. The
/// order of the passes follows from what each one needs (and keeps the diagnostics in the order
/// they were always found).
///
/// Checks stay quiet about what the parser could not read: a reference into an incomplete
/// section is not reported, and the graph analyses run only when the flow section is whole and
/// every transition resolves.
struct FlowChecker {
  let syntax: FlowSyntax
  let file: SourceFile
  let options: CompileOptions
  let symbols: SymbolTable

  /// Checks a parsed flow file.
  static func check(_ syntax: FlowSyntax, file: SourceFile, options: CompileOptions)
    -> (diagnostics: [Diagnostic], checked: CheckedFlow)
  {
    let checker = FlowChecker(
      syntax: syntax, file: file, options: options, symbols: SymbolTable(syntax))
    var diagnostics: [Diagnostic] = []
    // Between passes, what the report cannot show is dropped (see ``DiagnosticLimit``).
    let limit = DiagnosticLimit.current
    checker.checkLocales(into: &diagnostics)
    limit?.compact(&diagnostics)
    checker.checkMerchant(into: &diagnostics)
    limit?.compact(&diagnostics)
    let catalog = checker.checkCatalog(into: &diagnostics)
    limit?.compact(&diagnostics)
    let intents = checker.checkIntents(into: &diagnostics)
    limit?.compact(&diagnostics)
    var references = checker.checkReferences(into: &diagnostics)
    limit?.compact(&diagnostics)
    let variables = checker.checkVariables(intents, into: &diagnostics)
    limit?.compact(&diagnostics)
    checker.checkSpokenSlots(references, variables, into: &diagnostics)
    limit?.compact(&diagnostics)
    references.dropPromptUses()
    checker.checkPrompts(catalog, references, variables, into: &diagnostics)
    limit?.compact(&diagnostics)
    if checker.graphIsComplete(references) {
      checker.checkGraph(references, variables, into: &diagnostics)
      limit?.compact(&diagnostics)
    }
    checker.checkUtterances(into: &diagnostics)
    limit?.compact(&diagnostics)
    checker.checkRelease(into: &diagnostics)
    limit?.compact(&diagnostics)
    checker.checkPublishing(into: &diagnostics)
    limit?.compact(&diagnostics)
    let checked = CheckedFlow(
      symbols: checker.symbols, catalog: catalog, templates: variables.templates,
      global: variables.global, states: variables.states)
    return (diagnostics, checked)
  }

  /// Whether the flow section was read completely and every reference of it resolved.
  func graphIsComplete(_ references: ReferenceFacts) -> Bool {
    guard let flow = syntax.flow, flow.complete, flow.start != nil else { return false }
    return !references.hasUnresolvedReferences
  }
}

/// The names a flow file defines, looked up by the checks.
struct SymbolTable {
  /// The skill's locales, the default first.
  let locales: [String]
  /// Whether the locales were read completely (else locale checks stay quiet).
  let localesComplete: Bool
  /// Product ids in source order, each once.
  let productIds: [String]
  /// The product ids as a set, for variable scopes.
  let productIdSet: Set<String>
  /// The product ids sorted, for the notes that list them.
  let sortedProductIds: [String]
  /// Locale → the ids of the prompts it gives a text (whether or not the text is a valid
  /// template). The texts themselves stay in the syntax, where the checks read them.
  let prompts: [String: Set<String>]
  /// Locale → the range of its key in `prompts`.
  let promptLocaleRanges: [String: SourceRange]
  /// Every prompt id of any locale. (Where each is defined, needed only for the odd note,
  /// is ``FlowSyntax/promptKeyRanges()``.)
  let promptIds: Set<String>
  /// Intent name → intent (`nil` when malformed).
  let intents: [String: IntentSyntax?]
  /// State ids in source order, each once: a state's number is its index here.
  let stateIds: [String]
  /// State id → its number (its index in `stateIds`).
  let stateNumbers: [String: Int]
  /// Each state by number (`nil` when malformed).
  let stateSyntax: [StateSyntax?]
  /// The range of each state's key, by number.
  let stateKeyRanges: [SourceRange]
  /// Whether the flow has a `setup` or `charge` state.
  let hasPaymentStates: Bool

  init(_ syntax: FlowSyntax) {
    locales = syntax.skill?.locales.map(\.value) ?? []
    localesComplete = (syntax.skill?.localesComplete ?? false) && !locales.isEmpty
    var productIds: [String] = []
    productIds.reserveCapacity(syntax.products.count)
    var productIdSet = Set<String>(minimumCapacity: syntax.products.count)
    for product in syntax.products where productIdSet.insert(product.key.value).inserted {
      productIds.append(product.key.value)
    }
    self.productIds = productIds
    self.productIdSet = productIdSet
    sortedProductIds = productIdSet.sorted()
    var prompts: [String: Set<String>] = [:]
    var localeRanges: [String: SourceRange] = [:]
    var promptIds: Set<String> = []
    for locale in syntax.prompts {
      localeRanges[locale.key.value] = locale.key.range
      var table = prompts[locale.key.value] ?? []
      for prompt in locale.value ?? [] {
        promptIds.insert(prompt.key.value)
        if prompt.value != nil { table.insert(prompt.key.value) }
      }
      prompts[locale.key.value] = table
    }
    self.prompts = prompts
    promptLocaleRanges = localeRanges
    // With one locale whose prompts are all well-formed (the usual case), the set of every id
    // is that locale's: keep one copy.
    if prompts.count == 1, let only = prompts.first?.value, only.count == promptIds.count {
      self.promptIds = only
    } else {
      self.promptIds = promptIds
    }
    var intents: [String: IntentSyntax?] = [:]
    intents.reserveCapacity(syntax.intents.count)
    for intent in syntax.intents where !intents.keys.contains(intent.key.value) {
      intents[intent.key.value] = .some(intent.value)
    }
    self.intents = intents
    let stateCount = syntax.flow?.states.count ?? 0
    var stateNumbers: [String: Int] = [:]
    stateNumbers.reserveCapacity(stateCount)
    var stateIds: [String] = []
    stateIds.reserveCapacity(stateCount)
    var stateSyntax: [StateSyntax?] = []
    stateSyntax.reserveCapacity(stateCount)
    var stateKeyRanges: [SourceRange] = []
    stateKeyRanges.reserveCapacity(stateCount)
    var hasPaymentStates = false
    for state in syntax.flow?.states ?? [] {
      // The first definition of an id wins; the reference checks report the others.
      guard stateNumbers[state.key.value] == nil else { continue }
      stateNumbers[state.key.value] = stateIds.count
      stateIds.append(state.key.value)
      stateSyntax.append(state.value)
      stateKeyRanges.append(state.key.range)
      switch state.value?.kind {
      case .setup, .charge: hasPaymentStates = true
      default: break
      }
    }
    self.stateNumbers = stateNumbers
    self.stateIds = stateIds
    self.stateSyntax = stateSyntax
    self.stateKeyRanges = stateKeyRanges
    self.hasPaymentStates = hasPaymentStates
  }

  /// Whether the flow defines a state `id` (well-formed or not).
  func hasState(_ id: String) -> Bool {
    stateNumbers[id] != nil
  }

  /// The state `id`, or `nil` when there is none or it is malformed.
  func state(_ id: String) -> StateSyntax? {
    stateNumbers[id].flatMap { stateSyntax[$0] }
  }

  /// The range of the key of state `id`, or `nil` when there is none.
  func stateKeyRange(_ id: String) -> SourceRange? {
    stateNumbers[id].map { stateKeyRanges[$0] }
  }
}

extension FlowSyntax {
  /// Prompt id → the range of its first key in the file, in any locale: where a "did you
  /// mean" note points. Built when a diagnostic needs it, not kept for every check.
  func promptKeyRanges() -> [String: SourceRange] {
    var ranges: [String: SourceRange] = [:]
    for locale in prompts {
      for prompt in locale.value ?? [] where ranges[prompt.key.value] == nil {
        ranges[prompt.key.value] = prompt.key.range
      }
    }
    return ranges
  }

  /// The range of the first key of prompt `id` in the file, in any locale.
  func firstPromptKeyRange(of id: String) -> SourceRange? {
    for locale in prompts {
      if let prompt = locale.value?.first(where: { $0.key.value == id }) { return prompt.key.range }
    }
    return nil
  }
}
