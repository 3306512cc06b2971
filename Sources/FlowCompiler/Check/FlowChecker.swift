/// Runs every check of a parsed flow file and collects the diagnostics.
///
/// Checks stay quiet about what the parser could not read: a reference into an incomplete
/// section is not reported, and the graph analyses run only when the flow section is whole and
/// every transition resolves.
struct FlowChecker {
  let syntax: FlowSyntax
  let file: SourceFile
  let options: CompileOptions
  let symbols: SymbolTable
  /// The problems found.
  var diagnostics: [Diagnostic] = []
  /// Prompt ids used by states and transitions.
  var usedPrompts: Set<String> = []
  /// What lowering reuses.
  var checked = CheckedFlow()
  /// Locale → prompt id → the variable paths its placeholders read.
  var promptReads: [String: [String: [VariableRead]]] = [:]
  /// `choose` state id → per branch, the paths its condition reads and whether it guarantees
  /// an open agreement.
  var conditionReads: [String: [(reads: [VariableRead], opensAgreement: Bool)]] = [:]
  /// `charge` state id → the path of its `amount`.
  var amountReads: [String: VariableRead] = [:]
  /// Intents with a slot of an unknown type: their `set`s are not checked (no follow-on
  /// type errors).
  var intentsWithInvalidSlots: Set<String> = []
  /// Whether a `choose` condition could not be checked: then the analyses that depend on
  /// conditions (definite assignment, agreements) stay quiet.
  var hasInvalidConditions = false
  /// Missing prompt translations already reported (locale, NUL, prompt id).
  var reportedMissingPrompts: Set<String> = []
  /// Whether a reference of the flow section could not be resolved.
  var flowHasUnresolvedReferences = false

  /// Checks a parsed flow file.
  static func check(_ syntax: FlowSyntax, file: SourceFile, options: CompileOptions)
    -> (diagnostics: [Diagnostic], checked: CheckedFlow)
  {
    var checker = FlowChecker(
      syntax: syntax, file: file, options: options, symbols: SymbolTable(syntax))
    checker.run()
    return (checker.diagnostics, checker.checked)
  }

  private mutating func run() {
    checkLocales()
    checkMerchant()
    checkCatalog()
    checkIntents()
    checkReferences()
    checkVariables()
    checkPrompts()
    if graphIsComplete {
      checkGraph()
    }
    checkRelease()
  }

  /// Whether the flow section was read completely and every reference of it resolved.
  var graphIsComplete: Bool {
    guard let flow = syntax.flow, flow.complete, flow.start != nil else { return false }
    return !flowHasUnresolvedReferences
  }

  mutating func report(_ diagnostic: Diagnostic) {
    diagnostics.append(diagnostic)
  }
}

/// The names a flow file defines, looked up by the checks.
struct SymbolTable {
  /// The skill's locales, the default first.
  let locales: [String]
  /// Whether the locales were read completely (else locale checks stay quiet).
  let localesComplete: Bool
  /// Product id → product (`nil` when malformed).
  let products: [String: ProductSyntax?]
  /// Product ids in source order.
  let productIds: [String]
  /// The product ids as a set, for variable scopes.
  let productIdSet: Set<String>
  /// Locale → prompt id → text.
  let prompts: [String: [String: TextScalar]]
  /// Locale → the range of its key in `prompts`.
  let promptLocaleRanges: [String: SourceRange]
  /// Every prompt id of any locale.
  let promptIds: Set<String>
  /// Prompt id → the range of its first key in the file (for "did you mean" notes).
  let promptRanges: [String: SourceRange]
  /// Intent name → intent (`nil` when malformed).
  let intents: [String: IntentSyntax?]
  /// State id → state (`nil` when malformed).
  let states: [String: StateSyntax?]
  /// State id → the range of its key.
  let stateRanges: [String: SourceRange]
  /// State ids in source order.
  let stateIds: [String]
  /// Whether the flow has a `setup` or `charge` state.
  let hasPaymentStates: Bool

  init(_ syntax: FlowSyntax) {
    locales = syntax.skill?.locales.map(\.value) ?? []
    localesComplete = (syntax.skill?.localesComplete ?? false) && !locales.isEmpty
    var products: [String: ProductSyntax?] = [:]
    var productIds: [String] = []
    for product in syntax.products where products[product.key.value] == nil {
      products[product.key.value] = .some(product.value)
      productIds.append(product.key.value)
    }
    self.products = products
    self.productIds = productIds
    productIdSet = Set(productIds)
    var prompts: [String: [String: TextScalar]] = [:]
    var localeRanges: [String: SourceRange] = [:]
    var promptIds: Set<String> = []
    var promptRanges: [String: SourceRange] = [:]
    for locale in syntax.prompts {
      localeRanges[locale.key.value] = locale.key.range
      var table = prompts[locale.key.value] ?? [:]
      for prompt in locale.value ?? [] {
        promptIds.insert(prompt.key.value)
        if promptRanges[prompt.key.value] == nil {
          promptRanges[prompt.key.value] = prompt.key.range
        }
        if let text = prompt.value { table[prompt.key.value] = text }
      }
      prompts[locale.key.value] = table
    }
    self.prompts = prompts
    promptLocaleRanges = localeRanges
    self.promptIds = promptIds
    self.promptRanges = promptRanges
    var intents: [String: IntentSyntax?] = [:]
    for intent in syntax.intents where intents[intent.key.value] == nil {
      intents[intent.key.value] = .some(intent.value)
    }
    self.intents = intents
    var states: [String: StateSyntax?] = [:]
    var stateRanges: [String: SourceRange] = [:]
    var stateIds: [String] = []
    var hasPaymentStates = false
    for state in syntax.flow?.states ?? [] where states[state.key.value] == nil {
      states[state.key.value] = .some(state.value)
      stateRanges[state.key.value] = state.key.range
      stateIds.append(state.key.value)
      switch state.value?.kind {
      case .setup, .charge: hasPaymentStates = true
      default: break
      }
    }
    self.states = states
    self.stateRanges = stateRanges
    self.stateIds = stateIds
    self.hasPaymentStates = hasPaymentStates
  }

  /// The slots of an intent as name → type, for `slot.` paths.
  func slots(of intent: String) -> [String: String] {
    var slots: [String: String] = [:]
    if case .some(.some(let syntax)) = intents[intent] {
      for slot in syntax.slots {
        if let type = slot.value { slots[slot.key.value] = type.value }
      }
    }
    return slots
  }
}
