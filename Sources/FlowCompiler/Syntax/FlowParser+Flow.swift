// The `flow` section: start, global transitions and the states of every kind.
extension FlowParser {
  /// Reads the flow section; `currency` is the merchant's, for money literals in conditions.
  mutating func parseFlow(_ entry: consuming YAMLMappingEntry, currency: String?)
    -> FlowSectionSyntax?
  {
    let keyRange = entry.key.range
    let node = entry.value
    _ = consume entry
    guard
      var fields = readMapping(consume node, context: "flow", keys: FlowKeys.flow, anchor: keyRange)
    else { return nil }
    let errorsBefore = diagnostics.reportedCount
    var flow = FlowSectionSyntax(keyRange: keyRange)
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
    if let states = fields.take("states") {
      if var entries = drainingMapping(consume states, what: "states") {
        flow.states.reserveCapacity(entries.remainingCount)
        while let stateEntry = entries.next() {
          guard let id = key(stateEntry.key, kind: "state id", rule: Self.idRule) else {
            flow.statesComplete = false
            continue
          }
          flow.states.append(
            KeyedSyntax(key: id, value: parseState(stateEntry, id: id, currency: currency)))
        }
      } else {
        flow.statesComplete = false
      }
    } else {
      flow.statesComplete = false
    }
    flow.complete = flow.statesComplete && diagnostics.reportedCount == errorsBefore
    return flow
  }

  // MARK: - States

  static let kindKeys = ["ask", "tell", "setup", "charge", "choose"]
  static let stateKeys = kindKeys + ["reprompt", "card", "permission_card", "on"]
  static let allowedKeys: [String: Set<String>] = [
    "ask": ["reprompt", "card", "on"],
    "tell": ["card", "permission_card"],
    "setup": ["on"],
    "charge": ["on"],
    "choose": [],
  ]

  mutating func parseState(_ entry: YAMLMappingEntry, id: Located<String>, currency: String?)
    -> StateSyntax?
  {
    guard
      let fields = readMapping(
        entry.value, context: id.value, keys: SectionKeys(allowed: Self.stateKeys, required: []),
        anchor: id.range)
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
    // In file order; the loader has dropped repeated keys, so each key comes once.
    for field in fields.entries {
      guard let key = field.key.scalar, key != kindName, !allowed.contains(key) else { continue }
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
      guard let choose = parseChoose(kindEntry, currency: currency) else { return nil }
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
        state.on.reserveCapacity(entries.count)
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

  /// The fields of a payment state's `setup:` or `charge:`, none when it is empty (`setup:`
  /// alone, `charge: {}`).
  private mutating func readPaymentFields(
    _ entry: YAMLMappingEntry, context: String, keys: SectionKeys
  ) -> StrictKeys.Fields? {
    if Self.isEmpty(entry.value) { return .empty }
    return readMapping(entry.value, context: context, keys: keys, anchor: entry.key.range)
  }

  mutating func parseSetup(_ entry: YAMLMappingEntry) -> SetupSyntax? {
    guard let fields = readPaymentFields(entry, context: "setup", keys: FlowKeys.setup) else {
      return nil
    }
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

  mutating func parseCharge(_ entry: YAMLMappingEntry) -> ChargeSyntax? {
    guard let fields = readPaymentFields(entry, context: "charge", keys: FlowKeys.charge) else {
      return nil
    }
    var charge = ChargeSyntax()
    if let amount = fields["amount"] {
      guard let scalar = textScalar(amount.value, what: "amount") else { return nil }
      charge.amount = scalar
    }
    return charge
  }

  /// Reads the branches of a `choose` state, each condition parsed with money literals in
  /// `currency`.
  mutating func parseChoose(_ entry: YAMLMappingEntry, currency: String?) -> ChooseSyntax? {
    guard let branches = list(entry.value, what: "choose") else { return nil }
    var choose = ChooseSyntax()
    var valid = true
    for branch in branches {
      guard let fields = mapping(branch, what: "choose") else {
        valid = false
        continue
      }
      let isElse = fields.contains { $0.key.scalar == "else" }
      guard
        let branchFields = readMapping(
          branch, context: "choose", keys: isElse ? FlowKeys.chooseElse : FlowKeys.chooseBranch,
          anchor: branch.range)
      else {
        valid = false
        continue
      }
      let afterElse = choose.otherwise != nil
      if isElse {
        guard let target = branchFields["else"].flatMap({ text($0.value, what: "else") }) else {
          valid = false
          continue
        }
        choose.otherwise = target
      } else {
        guard
          let condition = branchFields["if"].flatMap({ textScalar($0.value, what: "if") }),
          let goto = branchFields["goto"].flatMap({ text($0.value, what: "goto") })
        else {
          valid = false
          continue
        }
        let expression = ConditionParser.parse(condition.text, currency: currency)
        choose.branches.append(
          ChooseBranchSyntax(
            condition: ParsedScalar(scalar: condition, value: expression), goto: goto))
      }
      if afterElse {
        let key = isElse ? "else" : "if"
        diagnostics.append(
          DiagnosticCatalogue.invalidValue(
            key, for: "choose",
            expected: isElse
              ? "one 'else' branch, the last one"
              : "the 'else' branch last, after every 'if' branch",
            at: branchFields[key]?.key.range ?? branch.range))
        valid = false
      }
    }
    if choose.otherwise == nil, valid {
      diagnostics.append(
        DiagnosticCatalogue.missingKey("else", in: "choose", at: entry.key.range))
      valid = false
    }
    return valid ? choose : nil
  }

  mutating func parseCard(_ entry: YAMLMappingEntry) -> CardSyntax? {
    guard
      let fields = readMapping(
        entry.value, context: "card", keys: FlowKeys.card, anchor: entry.key.range)
    else { return nil }
    var card = CardSyntax(keyRange: entry.key.range)
    card.title = fields["title"].flatMap { text($0.value, what: "title") }
    card.text = fields["text"].flatMap { text($0.value, what: "text") }
    if let image = fields["image"].flatMap({ text($0.value, what: "image") }) {
      card.image = converted(image, for: "image", expected: "an 'https://' URL") {
        HTTPSURL.isValid($0) ? $0 : nil
      }
    }
    return card
  }

  /// Reads one slot of `require`: `{ ask: <prompt>, unknown: <prompt> }`.
  mutating func requiredSlot(_ entry: YAMLMappingEntry, slot: String) -> RequiredSlotSyntax? {
    guard
      let fields = readMapping(
        entry.value, context: "require", keys: FlowKeys.requiredSlot, anchor: entry.key.range,
        what: slot),
      let ask = fields["ask"].flatMap({ text($0.value, what: "ask") })
    else { return nil }
    return RequiredSlotSyntax(
      ask: ask, unknown: fields["unknown"].flatMap { text($0.value, what: "unknown") })
  }

  mutating func transition(_ node: YAMLNode, what: String) -> TransitionSyntax? {
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
        node, context: what, keys: FlowKeys.transition, anchor: node.range,
        what: what)
    else { return nil }
    var transition = TransitionSyntax(range: node.range)
    transition.goto = fields["goto"].flatMap { text($0.value, what: "goto") }
    transition.say = fields["say"].flatMap { text($0.value, what: "say") }
    if let require = fields["require"] {
      transition.requireKeyRange = require.key.range
      if let entries = mapping(require.value, what: "require") {
        transition.require.reserveCapacity(entries.count)
        for entry in entries {
          guard let slot = key(entry.key, kind: "slot name", rule: Self.idRule) else { continue }
          transition.require.append(
            KeyedSyntax(key: slot, value: requiredSlot(entry, slot: slot.value)))
        }
      }
    }
    if let set = fields["set"], let assignments = mapping(set.value, what: "set") {
      transition.set.reserveCapacity(assignments.count)
      for assignment in assignments {
        guard let variable = key(assignment.key, kind: "variable", rule: nil) else { continue }
        let value = textScalar(assignment.value, what: variable.value).map {
          ParsedScalar(
            scalar: $0, value: AssignmentParser.parse(variable: variable.value, value: $0.text))
        }
        transition.set.append(KeyedSyntax(key: variable, value: value))
      }
    }
    if fields.isEmpty {
      diagnostics.append(DiagnosticCatalogue.missingKey("goto", in: what, at: node.range))
      return nil
    }
    return transition
  }
}
