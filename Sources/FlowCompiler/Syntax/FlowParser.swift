/// Reads the located YAML tree of a flow file into a ``FlowSyntax``, with strict keys.
///
/// The parser reports unknown keys (with "did you mean"), missing keys, values of the wrong
/// type, malformed ids and an unsupported `flowc` version, and keeps going: a malformed entry
/// is left out (its key stays known, so references to it do not also fail) and the section's
/// `…Complete` flag tells later checks to stay quiet about what they cannot see.
struct FlowParser {
  /// The problems found so far.
  private(set) var diagnostics: [Diagnostic] = []

  /// Parses a document. `root` is `nil` for an empty file.
  static func parse(_ root: YAMLNode?, file: SourceFile) -> (FlowSyntax, [Diagnostic]) {
    var parser = FlowParser()
    let syntax = parser.parseDocument(root, file: file)
    return (syntax, parser.diagnostics)
  }

  // MARK: - Sections

  private mutating func parseDocument(_ root: YAMLNode?, file: SourceFile) -> FlowSyntax {
    let startOfFile = SourcePosition(line: 1, column: 1, offset: 0)
    let documentRange =
      root?.range ?? SourceRange(start: startOfFile, end: file.position(ofOffset: 0))
    var syntax = FlowSyntax(documentRange: documentRange)
    let topKeys = ["flowc", "skill", "merchant", "products", "intents", "prompts", "flow"]
    let required = ["flowc", "skill", "prompts", "flow"]
    guard let root else {
      for key in required {
        diagnostics.append(DiagnosticCatalogue.missingKey(key, in: nil, at: documentRange))
      }
      syntax.productsComplete = false
      syntax.intentsComplete = false
      syntax.promptsComplete = false
      return syntax
    }
    guard
      let entries = readMapping(
        root, context: nil, keys: topKeys, required: required, anchor: documentRange,
        what: "the flow file")
    else {
      syntax.productsComplete = false
      syntax.intentsComplete = false
      syntax.promptsComplete = false
      return syntax
    }
    if let entry = entries["flowc"] { syntax.version = parseVersion(entry.value) }
    if let entry = entries["skill"] { syntax.skill = parseSkill(entry) }
    if let entry = entries["merchant"] {
      syntax.hasMerchantKey = true
      syntax.merchant = parseMerchant(entry)
    }
    if let entry = entries["products"] {
      (syntax.products, syntax.productsComplete) = parseProducts(entry)
    }
    if let entry = entries["intents"] {
      (syntax.intents, syntax.intentsComplete) = parseIntents(entry)
    }
    if let entry = entries["prompts"] {
      (syntax.prompts, syntax.promptsComplete) = parsePrompts(entry)
    } else {
      syntax.promptsComplete = false
    }
    if let entry = entries["flow"] { syntax.flow = parseFlow(entry) }
    return syntax
  }

  private mutating func parseVersion(_ node: YAMLNode) -> Located<Int>? {
    guard let text = node.scalar else {
      diagnostics.append(
        DiagnosticCatalogue.wrongType(
          "flowc", expected: "the number 1", found: Self.describe(node), at: node.range))
      return nil
    }
    guard text == "1" else {
      diagnostics.append(DiagnosticCatalogue.unsupportedVersion(text, at: node.range))
      return nil
    }
    return Located(1, at: node.range)
  }

  private mutating func parseSkill(_ entry: YAMLMappingEntry) -> SkillSyntax? {
    guard
      let fields = readMapping(
        entry.value, context: "skill",
        keys: ["name", "invocation", "locales", "privacy_policy_url"],
        required: ["name", "invocation", "locales"], anchor: entry.key.range)
    else { return nil }
    var skill = SkillSyntax(keyRange: entry.key.range)
    skill.name = fields["name"].flatMap { text($0.value, what: "name") }
    if let invocation = fields["invocation"].flatMap({ text($0.value, what: "invocation") }) {
      if Self.isInvocationName(invocation.value) {
        skill.invocation = invocation
      } else {
        diagnostics.append(
          DiagnosticCatalogue.invalidValue(
            invocation.value, for: "invocation",
            expected: "lowercase words separated by single spaces, such as 'no nicks'",
            at: invocation.range))
      }
    }
    if let locales = fields["locales"] {
      if let elements = list(locales.value, what: "locales") {
        for element in elements {
          guard let locale = text(element, what: "locales") else {
            skill.localesComplete = false
            continue
          }
          if let first = skill.locales.first(where: { $0.value == locale.value }) {
            diagnostics.append(
              DiagnosticCatalogue.invalidValue(
                locale.value, for: "locales", expected: "each locale once", at: locale.range
              ).with(note: "first listed here", at: first.range))
          } else if AlexaLocales.all.contains(locale.value) {
            skill.locales.append(locale)
          } else {
            skill.localesComplete = false
            diagnostics.append(Self.unknownLocale(locale))
          }
        }
        if elements.isEmpty {
          skill.localesComplete = false
          diagnostics.append(
            DiagnosticCatalogue.invalidValue(
              "[]", for: "locales", expected: "at least one Alexa locale, such as 'en-US'",
              at: locales.value.range))
        }
      } else {
        skill.localesComplete = false
      }
    } else {
      skill.localesComplete = false
    }
    skill.privacyPolicyURL = fields["privacy_policy_url"].flatMap {
      text($0.value, what: "privacy_policy_url")
    }
    return skill
  }

  static func unknownLocale(_ locale: Located<String>) -> Diagnostic {
    DiagnosticCatalogue.invalidValue(
      locale.value, for: "locale", expected: "an Alexa locale such as 'en-US' or 'de-DE'",
      at: locale.range
    ).suggesting(Suggestions.closest(to: locale.value, among: AlexaLocales.all))
  }

  private mutating func parseMerchant(_ entry: YAMLMappingEntry) -> MerchantSyntax? {
    let keys = [
      "seller_id", "country", "currency", "checkout_language", "store_name", "seller_note",
      "soft_descriptor", "payment_action", "order_id_prefix", "sandbox",
    ]
    let errorsBefore = diagnostics.count
    guard
      let fields = readMapping(
        entry.value, context: "merchant", keys: keys,
        required: ["seller_id", "country", "currency"], anchor: entry.key.range)
    else { return nil }
    var merchant = MerchantSyntax(keyRange: entry.key.range)
    func field(_ key: String) -> Located<String>? {
      fields[key].flatMap { text($0.value, what: key) }
    }
    merchant.sellerId = field("seller_id")
    merchant.country = field("country")
    merchant.currency = field("currency")
    merchant.checkoutLanguage = field("checkout_language")
    merchant.storeName = field("store_name")
    merchant.sellerNote = field("seller_note")
    merchant.softDescriptor = field("soft_descriptor")
    if let action = field("payment_action") {
      if ["authorize_and_capture", "authorize"].contains(action.value) {
        merchant.paymentAction = action
      } else {
        diagnostics.append(
          DiagnosticCatalogue.invalidValue(
            action.value, for: "payment_action",
            expected: "'authorize_and_capture' or 'authorize'", at: action.range
          ).suggesting(
            Suggestions.closest(to: action.value, among: ["authorize_and_capture", "authorize"])))
      }
    }
    merchant.orderIdPrefix = field("order_id_prefix")
    if let sandbox = fields["sandbox"] {
      merchant.sandboxKeyRange = sandbox.key.range
      if let sandboxFields = readMapping(
        sandbox.value, context: "sandbox", keys: ["buyer_email"], required: ["buyer_email"],
        anchor: sandbox.key.range)
      {
        merchant.sandboxBuyerEmail = sandboxFields["buyer_email"].flatMap {
          text($0.value, what: "buyer_email")
        }
      }
    }
    merchant.complete = diagnostics.count == errorsBefore
    return merchant
  }

  private mutating func parseProducts(_ entry: YAMLMappingEntry)
    -> ([KeyedSyntax<ProductSyntax>], Bool)
  {
    guard let entries = mapping(entry.value, what: "products") else { return ([], false) }
    var complete = true
    var products: [KeyedSyntax<ProductSyntax>] = []
    for product in entries {
      guard let id = key(product.key, kind: "product id", rule: Self.idRule) else {
        complete = false
        continue
      }
      let errorsBefore = diagnostics.count
      let value = parseProduct(product, id: id.value)
      if diagnostics.count != errorsBefore { complete = false }
      products.append(KeyedSyntax(key: id, value: value))
    }
    return (products, complete)
  }

  private mutating func parseProduct(_ entry: YAMLMappingEntry, id: String) -> ProductSyntax? {
    guard
      let fields = readMapping(
        entry.value, context: id, keys: ["name", "price", "synonyms", "shipping", "subscription"],
        required: ["name", "price"], anchor: entry.key.range)
    else { return nil }
    var product = ProductSyntax()
    if let name = fields["name"] {
      product.name = localized(name.value, what: "name") { parser, node in
        parser.text(node, what: "name")
      }
    }
    if let price = fields["price"] {
      product.price = textScalar(price.value, what: "price")
    }
    if let synonyms = fields["synonyms"] {
      product.synonyms = localized(synonyms.value, what: "synonyms") { parser, node in
        guard let elements = parser.list(node, what: "synonyms") else { return nil }
        var values: [Located<String>] = []
        for element in elements {
          if let value = parser.text(element, what: "synonyms") { values.append(value) }
        }
        return Located(values, at: node.range)
      }
    }
    if let shipping = fields["shipping"] {
      product.shipping = bool(shipping.value, what: "shipping")
    }
    if let subscription = fields["subscription"],
      let subscriptionFields = readMapping(
        subscription.value, context: "subscription", keys: ["every"], required: ["every"],
        anchor: subscription.key.range),
      let every = subscriptionFields["every"].flatMap({ text($0.value, what: "every") })
    {
      if let period = Self.subscriptionPeriod(every.value) {
        product.subscription = Located(period, at: every.range)
      } else {
        diagnostics.append(
          DiagnosticCatalogue.invalidValue(
            every.value, for: "every",
            expected: "a count and a unit such as '2 months' (day, week, month or year)",
            at: every.range))
      }
    }
    return product
  }

  /// Parses `2 months`, `1 year`, `week` into a period.
  static func subscriptionPeriod(_ text: String) -> SubscriptionSyntax? {
    let words = text.split(separator: " ", omittingEmptySubsequences: true)
    let count: Int
    let unitWord: Substring
    switch words.count {
    case 1:
      count = 1
      unitWord = words[0]
    case 2:
      guard let number = Int(words[0]), number >= 1, number <= 1000 else { return nil }
      count = number
      unitWord = words[1]
    default: return nil
    }
    var unit = String(unitWord)
    if unit.hasSuffix("s") { unit.removeLast() }
    guard ["day", "week", "month", "year"].contains(unit) else { return nil }
    return SubscriptionSyntax(every: count, unit: unit)
  }

  private mutating func parseIntents(_ entry: YAMLMappingEntry)
    -> ([KeyedSyntax<IntentSyntax>], Bool)
  {
    guard let entries = mapping(entry.value, what: "intents") else { return ([], false) }
    var complete = true
    var intents: [KeyedSyntax<IntentSyntax>] = []
    for intentEntry in entries {
      guard
        let name = key(intentEntry.key, kind: "intent name", rule: Self.intentRule),
        Self.isIntentName(name.value)
      else {
        if let scalar = intentEntry.key.scalar, !Self.isIntentName(scalar) {
          diagnostics.append(
            DiagnosticCatalogue.invalidId(
              "intent name", scalar, rule: Self.intentRule, at: intentEntry.key.range))
        }
        complete = false
        continue
      }
      guard
        let fields = readMapping(
          intentEntry.value, context: name.value, keys: ["slots", "samples"],
          required: ["samples"], anchor: name.range)
      else {
        intents.append(KeyedSyntax(key: name, value: nil))
        continue
      }
      var intent = IntentSyntax()
      if let slots = fields["slots"] {
        if let slotEntries = mapping(slots.value, what: "slots") {
          for slot in slotEntries {
            guard let slotName = key(slot.key, kind: "slot name", rule: Self.idRule) else {
              intent.slotsComplete = false
              continue
            }
            let type = text(slot.value, what: slotName.value)
            if type == nil { intent.slotsComplete = false }
            intent.slots.append(KeyedSyntax(key: slotName, value: type))
          }
        } else {
          intent.slotsComplete = false
        }
      }
      if let samples = fields["samples"] {
        if let localeEntries = mapping(samples.value, what: "samples") {
          for localeEntry in localeEntries {
            guard let locale = key(localeEntry.key, kind: "locale", rule: nil) else {
              intent.samplesComplete = false
              continue
            }
            guard let elements = list(localeEntry.value, what: "samples") else {
              intent.samplesComplete = false
              intent.samples.append(KeyedSyntax(key: locale, value: nil))
              continue
            }
            var utterances: [TextScalar] = []
            for element in elements {
              if let utterance = textScalar(element, what: "samples") {
                utterances.append(utterance)
              }
            }
            intent.samples.append(KeyedSyntax(key: locale, value: utterances))
          }
        } else {
          intent.samplesComplete = false
        }
      } else {
        intent.samplesComplete = false
      }
      intents.append(KeyedSyntax(key: name, value: intent))
    }
    return (intents, complete)
  }

  private mutating func parsePrompts(_ entry: YAMLMappingEntry)
    -> ([KeyedSyntax<[KeyedSyntax<TextScalar>]>], Bool)
  {
    guard let locales = mapping(entry.value, what: "prompts") else { return ([], false) }
    var complete = true
    var result: [KeyedSyntax<[KeyedSyntax<TextScalar>]>] = []
    for localeEntry in locales {
      guard let locale = key(localeEntry.key, kind: "locale", rule: nil) else {
        complete = false
        continue
      }
      guard let promptEntries = mapping(localeEntry.value, what: locale.value) else {
        complete = false
        result.append(KeyedSyntax(key: locale, value: nil))
        continue
      }
      var prompts: [KeyedSyntax<TextScalar>] = []
      for promptEntry in promptEntries {
        guard let id = key(promptEntry.key, kind: "prompt id", rule: Self.idRule) else {
          complete = false
          continue
        }
        let scalar = textScalar(promptEntry.value, what: id.value)
        if scalar == nil { complete = false }
        prompts.append(KeyedSyntax(key: id, value: scalar))
      }
      result.append(KeyedSyntax(key: locale, value: prompts))
    }
    return (result, complete)
  }

  private mutating func parseFlow(_ entry: YAMLMappingEntry) -> FlowSectionSyntax? {
    guard
      let fields = readMapping(
        entry.value, context: "flow", keys: ["start", "global", "states"],
        required: ["start", "states"], anchor: entry.key.range)
    else { return nil }
    let errorsBefore = diagnostics.count
    var flow = FlowSectionSyntax(keyRange: entry.key.range)
    flow.start = fields["start"].flatMap { text($0.value, what: "start") }
    if let global = fields["global"], let entries = mapping(global.value, what: "global") {
      for transitionEntry in entries {
        guard let intent = key(transitionEntry.key, kind: "intent name", rule: nil) else {
          continue
        }
        flow.global.append(
          KeyedSyntax(key: intent, value: transition(transitionEntry.value, what: intent.value)))
      }
    }
    if let states = fields["states"] {
      if let entries = mapping(states.value, what: "states") {
        for stateEntry in entries {
          guard let id = key(stateEntry.key, kind: "state id", rule: Self.idRule) else {
            flow.statesComplete = false
            continue
          }
          flow.states.append(KeyedSyntax(key: id, value: parseState(stateEntry, id: id)))
        }
      } else {
        flow.statesComplete = false
      }
    } else {
      flow.statesComplete = false
    }
    flow.complete = flow.statesComplete && diagnostics.count == errorsBefore
    return flow
  }

  // MARK: - States

  private static let kindKeys = ["ask", "tell", "setup", "charge", "choose"]
  private static let stateKeys = kindKeys + ["reprompt", "card", "permission_card", "on"]
  private static let allowedKeys: [String: Set<String>] = [
    "ask": ["reprompt", "card", "on"],
    "tell": ["card", "permission_card"],
    "setup": ["on"],
    "charge": ["on"],
    "choose": [],
  ]

  private mutating func parseState(_ entry: YAMLMappingEntry, id: Located<String>)
    -> StateSyntax?
  {
    guard
      let fields = readMapping(
        entry.value, context: id.value, keys: Self.stateKeys, required: [], anchor: id.range)
    else { return nil }
    let kindEntries =
      entry.value.mappingEntries?.filter {
        $0.key.scalar.map(Self.kindKeys.contains) ?? false
      } ?? []
    guard let kindEntry = kindEntries.first else {
      diagnostics.append(DiagnosticCatalogue.missingStateKind(id.value, at: id.range))
      return nil
    }
    let kindName = kindEntry.key.scalar ?? ""
    if kindEntries.count > 1 {
      for extra in kindEntries.dropFirst() {
        diagnostics.append(
          DiagnosticCatalogue.conflictingStateKinds(
            id.value, first: kindName, second: extra.key.scalar ?? "", at: extra.key.range,
            firstRange: kindEntry.key.range))
      }
      return nil
    }
    var invalid = false
    let allowed = Self.allowedKeys[kindName] ?? []
    for (key, field) in fields.sorted(by: { $0.value.key.range.start < $1.value.key.range.start })
    where key != kindName && !allowed.contains(key) {
      diagnostics.append(
        DiagnosticCatalogue.keyNotAllowedInState(key, kind: kindName, at: field.key.range))
      invalid = true
    }
    let kind: StateKindSyntax
    switch kindName {
    case "ask":
      guard let prompt = text(kindEntry.value, what: "ask") else { return nil }
      kind = .ask(prompt)
    case "tell":
      guard let prompt = text(kindEntry.value, what: "tell") else { return nil }
      kind = .tell(prompt)
    case "setup":
      guard let setup = parseSetup(kindEntry) else { return nil }
      kind = .setup(setup)
    case "charge":
      guard let charge = parseCharge(kindEntry) else { return nil }
      kind = .charge(charge)
    default:
      guard let choose = parseChoose(kindEntry) else { return nil }
      kind = .choose(choose)
    }
    var state = StateSyntax(kindKeyRange: kindEntry.key.range, kind: kind)
    state.reprompt = fields["reprompt"].flatMap { text($0.value, what: "reprompt") }
    if let card = fields["card"] { state.card = parseCard(card) }
    state.permissionCard = fields["permission_card"].flatMap {
      bool($0.value, what: "permission_card")
    }
    if state.permissionCard?.value == true, let card = fields["card"] {
      // A response carries one card: the permission card takes the place of any other.
      diagnostics.append(
        DiagnosticCatalogue.keyNotAllowedInState(
          "card", kind: "tell", at: card.key.range
        ).with(note: "'permission_card: true' already sends the response's card"))
      invalid = true
    }
    if let on = fields["on"] {
      state.onKeyRange = on.key.range
      if let entries = mapping(on.value, what: "on") {
        for transitionEntry in entries {
          guard let event = key(transitionEntry.key, kind: "intent or outcome", rule: nil) else {
            continue
          }
          state.on.append(
            KeyedSyntax(key: event, value: transition(transitionEntry.value, what: event.value)))
        }
      }
    }
    return invalid ? nil : state
  }

  private mutating func parseSetup(_ entry: YAMLMappingEntry) -> SetupSyntax? {
    if Self.isEmpty(entry.value) { return SetupSyntax() }
    guard
      let fields = readMapping(
        entry.value, context: "setup", keys: ["shipping", "agreement"], required: [],
        anchor: entry.key.range)
    else { return nil }
    var setup = SetupSyntax()
    setup.shipping = fields["shipping"].flatMap { bool($0.value, what: "shipping") }
    if let agreement = fields["agreement"].flatMap({ text($0.value, what: "agreement") }) {
      let allowed = ["customer_initiated", "merchant_initiated"]
      guard allowed.contains(agreement.value) else {
        diagnostics.append(
          DiagnosticCatalogue.invalidValue(
            agreement.value, for: "agreement",
            expected: "'customer_initiated' or 'merchant_initiated'", at: agreement.range
          ).suggesting(Suggestions.closest(to: agreement.value, among: allowed)))
        return nil
      }
      setup.agreement = agreement
    }
    return setup
  }

  private mutating func parseCharge(_ entry: YAMLMappingEntry) -> ChargeSyntax? {
    if Self.isEmpty(entry.value) { return ChargeSyntax() }
    guard
      let fields = readMapping(
        entry.value, context: "charge", keys: ["amount"], required: [], anchor: entry.key.range)
    else { return nil }
    var charge = ChargeSyntax()
    if let amount = fields["amount"] {
      guard let scalar = textScalar(amount.value, what: "amount") else { return nil }
      charge.amount = scalar
    }
    return charge
  }

  private mutating func parseChoose(_ entry: YAMLMappingEntry) -> ChooseSyntax? {
    guard let branches = list(entry.value, what: "choose") else { return nil }
    var choose = ChooseSyntax()
    var valid = true
    for branch in branches {
      guard let fields = mapping(branch, what: "choose") else {
        valid = false
        continue
      }
      let keys = Set(fields.compactMap(\.key.scalar))
      if keys.contains("else") {
        guard
          let elseFields = readMapping(
            branch, context: "choose", keys: ["else"], required: ["else"], anchor: branch.range),
          let target = elseFields["else"].flatMap({ text($0.value, what: "else") })
        else {
          valid = false
          continue
        }
        if choose.otherwise != nil {
          diagnostics.append(
            DiagnosticCatalogue.invalidValue(
              "else", for: "choose", expected: "one 'else' branch, the last one",
              at: elseFields["else"]?.key.range ?? branch.range))
          valid = false
        }
        choose.otherwise = target
        continue
      }
      guard
        let branchFields = readMapping(
          branch, context: "choose", keys: ["if", "goto"], required: ["if", "goto"],
          anchor: branch.range),
        let condition = branchFields["if"].flatMap({ textScalar($0.value, what: "if") }),
        let goto = branchFields["goto"].flatMap({ text($0.value, what: "goto") })
      else {
        valid = false
        continue
      }
      if choose.otherwise != nil {
        diagnostics.append(
          DiagnosticCatalogue.invalidValue(
            "if", for: "choose", expected: "the 'else' branch last, after every 'if' branch",
            at: branchFields["if"]?.key.range ?? branch.range))
        valid = false
      }
      choose.branches.append(ChooseBranchSyntax(condition: condition, goto: goto))
    }
    if choose.otherwise == nil, valid {
      diagnostics.append(
        DiagnosticCatalogue.missingKey("else", in: "choose", at: entry.key.range))
      valid = false
    }
    return valid ? choose : nil
  }

  private mutating func parseCard(_ entry: YAMLMappingEntry) -> CardSyntax? {
    guard
      let fields = readMapping(
        entry.value, context: "card", keys: ["title", "text", "image"],
        required: ["title", "text"], anchor: entry.key.range)
    else { return nil }
    var card = CardSyntax(keyRange: entry.key.range)
    card.title = fields["title"].flatMap { text($0.value, what: "title") }
    card.text = fields["text"].flatMap { text($0.value, what: "text") }
    if let image = fields["image"].flatMap({ text($0.value, what: "image") }) {
      if image.value.hasPrefix("https://"), image.value.count > "https://".count {
        card.image = image
      } else {
        diagnostics.append(
          DiagnosticCatalogue.invalidValue(
            image.value, for: "image", expected: "an 'https://' URL", at: image.range))
      }
    }
    return card
  }

  private mutating func transition(_ node: YAMLNode, what: String) -> TransitionSyntax? {
    if let target = node.scalar {
      guard !target.isEmpty else {
        diagnostics.append(
          DiagnosticCatalogue.wrongType(
            what, expected: "a state id or a mapping with 'goto', 'say' or 'set'",
            found: "empty", at: node.range))
        return nil
      }
      return TransitionSyntax(range: node.range, goto: Located(target, at: node.range))
    }
    guard
      let fields = readMapping(
        node, context: what, keys: ["set", "goto", "say"], required: [], anchor: node.range,
        what: what)
    else { return nil }
    var transition = TransitionSyntax(range: node.range)
    transition.goto = fields["goto"].flatMap { text($0.value, what: "goto") }
    transition.say = fields["say"].flatMap { text($0.value, what: "say") }
    if let set = fields["set"], let assignments = mapping(set.value, what: "set") {
      for assignment in assignments {
        guard let variable = key(assignment.key, kind: "variable", rule: nil) else { continue }
        transition.set.append(
          KeyedSyntax(key: variable, value: textScalar(assignment.value, what: variable.value))
        )
      }
    }
    if fields.isEmpty {
      diagnostics.append(DiagnosticCatalogue.missingKey("goto", in: what, at: node.range))
      return nil
    }
    return transition
  }

  // MARK: - Reading nodes

  /// Reads a mapping with a fixed set of keys: unknown keys and missing required keys are
  /// reported. Returns the known entries by key.
  private mutating func readMapping(
    _ node: YAMLNode, context: String?, keys: [String], required: [String],
    anchor: SourceRange, what: String? = nil
  ) -> [String: YAMLMappingEntry]? {
    guard let entries = mapping(node, what: what ?? context ?? "the flow file") else {
      return nil
    }
    var fields: [String: YAMLMappingEntry] = [:]
    for entry in entries {
      guard let key = entry.key.scalar else {
        diagnostics.append(
          DiagnosticCatalogue.wrongType(
            "key", expected: "text", found: Self.describe(entry.key), at: entry.key.range))
        continue
      }
      if keys.contains(key) {
        fields[key] = entry
      } else {
        diagnostics.append(
          DiagnosticCatalogue.unknownKey(
            key, in: context ?? "the flow file", known: keys, at: entry.key.range))
      }
    }
    for key in required where fields[key] == nil {
      diagnostics.append(DiagnosticCatalogue.missingKey(key, in: context, at: anchor))
    }
    return fields
  }

  private mutating func mapping(_ node: YAMLNode, what: String) -> [YAMLMappingEntry]? {
    if let entries = node.mappingEntries { return entries }
    diagnostics.append(
      DiagnosticCatalogue.wrongType(
        what, expected: "a mapping", found: Self.describe(node), at: node.range))
    return nil
  }

  private mutating func list(_ node: YAMLNode, what: String) -> [YAMLNode]? {
    if let elements = node.sequenceElements { return elements }
    diagnostics.append(
      DiagnosticCatalogue.wrongType(
        what, expected: "a list", found: Self.describe(node), at: node.range))
    return nil
  }

  private mutating func text(_ node: YAMLNode, what: String) -> Located<String>? {
    textScalar(node, what: what).map { Located($0.text, at: $0.range) }
  }

  private mutating func textScalar(_ node: YAMLNode, what: String) -> TextScalar? {
    guard case .scalar(let text, let style) = node.content, !Self.isNull(node) else {
      diagnostics.append(
        DiagnosticCatalogue.wrongType(
          what, expected: "text", found: Self.describe(node), at: node.range))
      return nil
    }
    return TextScalar(text: text, style: style, range: node.range)
  }

  private mutating func bool(_ node: YAMLNode, what: String) -> Located<Bool>? {
    if node.tag == nil || node.tag == "tag:yaml.org,2002:bool",
      case .scalar(let text, .plain) = node.content
    {
      if ["true", "True", "TRUE"].contains(text) { return Located(true, at: node.range) }
      if ["false", "False", "FALSE"].contains(text) { return Located(false, at: node.range) }
    }
    diagnostics.append(
      DiagnosticCatalogue.wrongType(
        what, expected: "true or false", found: Self.describe(node), at: node.range))
    return nil
  }

  /// A map key that names something: reports keys that are not scalars, and ids that break
  /// `rule` (when given).
  private mutating func key(_ node: YAMLNode, kind: String, rule: String?) -> Located<String>? {
    guard let text = node.scalar, !Self.isNull(node) else {
      diagnostics.append(
        DiagnosticCatalogue.wrongType(
          kind, expected: "text", found: Self.describe(node), at: node.range))
      return nil
    }
    if let rule, rule == Self.idRule, !Self.isId(text) {
      diagnostics.append(DiagnosticCatalogue.invalidId(kind, text, rule: rule, at: node.range))
      return nil
    }
    return Located(text, at: node.range)
  }

  /// A value given once or per locale (a mapping whose keys are locales).
  private mutating func localized<Value: Sendable>(
    _ node: YAMLNode, what: String,
    read: (inout FlowParser, YAMLNode) -> Located<Value>?
  ) -> LocalizedSyntax<Value>? {
    if let entries = node.mappingEntries {
      var values: [KeyedSyntax<Located<Value>>] = []
      for entry in entries {
        guard let locale = key(entry.key, kind: "locale", rule: nil) else { continue }
        values.append(KeyedSyntax(key: locale, value: read(&self, entry.value)))
      }
      return .perLocale(values)
    }
    return read(&self, node).map { .shared($0) }
  }

  // MARK: - Names

  static let idRule =
    "ids match '[a-z][a-z0-9_]*': a lowercase letter, then lowercase letters, digits or '_'"
  static let intentRule =
    "intent names match '[A-Za-z_]+'; built-in intents are written 'AMAZON.Name'"

  /// Whether the text is an id: `[a-z][a-z0-9_]*`.
  static func isId(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else {
      return false
    }
    return text.unicodeScalars.allSatisfy {
      $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0)
    }
  }

  /// Whether the text is an intent name: `[A-Za-z_]+` or `AMAZON.[A-Za-z_]+`.
  static func isIntentName(_ text: String) -> Bool {
    let name = text.hasPrefix("AMAZON.") ? String(text.dropFirst("AMAZON.".count)) : text
    return !name.isEmpty
      && name.unicodeScalars.allSatisfy {
        $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0)
      }
  }

  /// Whether the text is an invocation name: lowercase words separated by single spaces.
  static func isInvocationName(_ text: String) -> Bool {
    let words = text.split(separator: " ", omittingEmptySubsequences: false)
    return !words.isEmpty
      && words.allSatisfy { word in
        !word.isEmpty && word.unicodeScalars.allSatisfy { $0.properties.isLowercase }
      }
  }

  private static func isNull(_ node: YAMLNode) -> Bool {
    guard case .scalar(let text, .plain) = node.content else { return false }
    return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
  }

  private static func isEmpty(_ node: YAMLNode) -> Bool {
    if isNull(node) { return true }
    if let entries = node.mappingEntries { return entries.isEmpty }
    return false
  }

  /// How a node is described in messages.
  static func describe(_ node: YAMLNode) -> String {
    switch node.content {
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .scalar: isNull(node) ? "empty" : "text"
    }
  }
}

/// The Alexa locales and the Amazon Pay region of the ones Amazon Pay served.
enum AlexaLocales {
  /// Every Alexa skill locale.
  static let all = [
    "ar-SA", "de-DE", "en-AU", "en-CA", "en-GB", "en-IN", "en-US", "es-ES", "es-MX", "es-US",
    "fr-CA", "fr-FR", "hi-IN", "it-IT", "ja-JP", "nl-NL", "pt-BR",
  ]

  /// The Amazon Pay region serving listeners of a locale, when there is one.
  static func paymentRegion(of locale: String) -> String? {
    switch locale {
    case "en-US": "NA"
    case "en-GB": "UK"
    case "de-DE", "fr-FR", "it-IT", "es-ES": "EU"
    case "ja-JP": "JP"
    default: nil
    }
  }
}
