import Crypto
import FlowIR
import Foundation

/// Turns a checked flow into the IR. Runs only when the checks found no error, so every name
/// resolves; the output depends on nothing but the input (sorted products and intents, maps
/// encoded with sorted keys), so the same flow always gives the same bytes.
struct FlowLowering {
  let syntax: FlowSyntax
  let checked: CheckedFlow
  let file: SourceFile

  /// The symbol table the checks resolved.
  var symbols: SymbolTable { checked.symbols }

  /// Lowers a checked flow; `nil` only when a part the checks guarantee is missing.
  static func lower(
    _ syntax: FlowSyntax, checked: CheckedFlow, file: SourceFile
  ) -> FlowProgram? {
    lowered(syntax, checked: checked, file: file)?.program
  }

  /// A lowered program with its canonical IR JSON (``FlowProgram/encodedJSON()``).
  struct Lowered {
    /// The program, its `flow_hash` set.
    var program: FlowProgram
    /// The canonical JSON of `program`; `nil` when it could not be encoded.
    var irJSON: [UInt8]?
  }

  /// Lowers a checked flow and encodes it once: the canonical JSON that `flow_hash` hashes
  /// (the program with an empty hash) becomes the IR by writing the hash into its empty
  /// `flow_hash` field, in place, instead of encoding the whole program a second time.
  static func lowered(
    _ syntax: FlowSyntax, checked: CheckedFlow, file: SourceFile
  ) -> Lowered? {
    guard var program = FlowLowering(syntax: syntax, checked: checked, file: file).program()
    else { return nil }
    program.flowHash = ""
    // The IR of a flow takes 2.4 to 3.1 times the flow's bytes (the examples and the
    // benchmark's generated flows); four times leaves the usual flow no doubling to do. Only
    // the pages written are touched; past 256 MB the buffer grows as it needs.
    let expectedSize = min(4 * file.bytes.count, 256 << 20)
    guard
      var irJSON = try? CanonicalJSON.prettyBytes(
        program, expectedSize: expectedSize, spareCapacity: flowHashLength)
    else {
      return Lowered(program: program, irJSON: nil)
    }
    program.flowHash = flowHash(ofEncoded: irJSON)
    if writeFlowHash(program.flowHash, into: &irJSON) {
      return Lowered(program: program, irJSON: irJSON)
    }
    return Lowered(program: program, irJSON: try? CanonicalJSON.prettyBytes(program))
  }

  /// The empty `flow_hash` field of a program's canonical JSON. Only a key of the top-level
  /// object starts a line two spaces in (nested values are indented further, and a string's
  /// line breaks are escaped), and keys are unique, so it occurs once.
  private static let emptyFlowHashField = Array("\n  \"flow_hash\" : \"\"".utf8)

  /// The length of a `flow_hash`: `sha256:` and 64 hexadecimal digits.
  static let flowHashLength = 71

  /// Writes `hash` into the empty `flow_hash` field of `json`, the canonical JSON of a program
  /// whose `flow_hash` is empty, giving the bytes that encoding the program with the hash gives
  /// (`sha256:` and hex digits need no escaping). The field is the first key of the program, so
  /// it is found at once; the bytes after it move along in the array's own storage (given room
  /// to spare, no copy of the array). Returns `false`, `json` unchanged, when the field is not
  /// where the canonical format puts it.
  static func writeFlowHash(_ hash: String, into json: inout [UInt8]) -> Bool {
    let field = emptyFlowHashField
    guard json.count >= field.count,
      let offset = (0...(json.count - field.count)).first(where: { offset in
        json[offset] == field[0] && json[offset..<(offset + field.count)].elementsEqual(field)
      })
    else { return false }
    // Before the closing quote of the empty value.
    json.insert(contentsOf: hash.utf8, at: offset + field.count - 1)
    return true
  }

  private func program() -> FlowProgram? {
    guard let skillSyntax = syntax.skill, let name = skillSyntax.name?.value,
      let invocation = skillSyntax.invocation?.value, let start = syntax.flow?.start?.value
    else { return nil }
    let skill = Skill(
      name: name, invocation: invocation, locales: symbols.locales,
      privacyPolicyURL: skillSyntax.privacyPolicyURL?.value,
      publishing: skillSyntax.publishing.map(Self.lowerPublishing))
    let merchant = symbols.hasPaymentStates ? lowerMerchant() : nil
    if symbols.hasPaymentStates, merchant == nil { return nil }
    var global: [String: Transition] = [:]
    for entry in checked.global {
      guard let transition = lowerTransition(entry) else { return nil }
      global[entry.event.value] = transition
    }
    var states: [String: State] = [:]
    var locations: [String: SourceLocation] = [:]
    for state in checked.states {
      guard let kind = lowerState(state, merchant: merchant) else { return nil }
      states[state.id.value] = State(id: state.id.value, kind: kind)
      locations[state.id.value] = SourceLocation(
        line: state.id.range.start.line, column: state.id.range.start.column)
    }
    var prompts: [String: [String: Template]] = [:]
    for locale in symbols.locales { prompts[locale] = checked.templates[locale] ?? [:] }
    // `flow_hash` is set by `lowered`, which encodes the program once for the hash and the IR.
    return FlowProgram(
      skill: skill, merchant: merchant, products: checked.catalog.products, intents: lowerIntents(),
      prompts: prompts, start: start, global: global, states: states,
      sourceMap: SourceMap(file: file.path, states: locations))
  }

  /// `sha256:` and the hex SHA-256 of the canonical JSON of the program with an empty hash.
  static func flowHash(of program: FlowProgram) -> String {
    var unhashed = program
    unhashed.flowHash = ""
    guard let data = try? unhashed.encodedJSON() else { return "" }
    return flowHash(ofEncoded: data)
  }

  /// `sha256:` and the hex SHA-256 of the canonical JSON of a program with an empty hash.
  private static func flowHash(ofEncoded data: some DataProtocol) -> String {
    let digest = SHA256.hash(data: data)
    return "sha256:" + Hexadecimal.lowercase(digest)
  }

  private func lowerMerchant() -> Merchant? {
    guard let merchant = syntax.merchant, let sellerId = merchant.sellerId?.value,
      let country = merchant.country?.value, let currency = merchant.currency?.value,
      let language = MerchantRules.checkoutLanguage(
        given: merchant.checkoutLanguage?.value, locales: symbols.locales)
    else { return nil }
    let action = merchant.paymentAction?.value == "authorize" ? "Authorize" : "AuthorizeAndCapture"
    return Merchant(
      sellerId: sellerId, countryOfEstablishment: country, ledgerCurrency: currency,
      checkoutLanguage: language, storeName: merchant.storeName?.value,
      sellerNote: merchant.sellerNote?.value, softDescriptor: merchant.softDescriptor?.value,
      paymentAction: action, orderIdPrefix: merchant.orderIdPrefix?.value,
      sandboxCustomerEmail: merchant.sandboxKeyRange != nil
        ? (merchant.sandboxBuyerEmail?.value ?? "") : nil,
      region: AmazonPayTables.region(of: country))
  }

  private func lowerIntents() -> [Intent] {
    var intents: [Intent] = []
    for entry in syntax.intents {
      guard let intent = entry.value else { continue }
      let slots = intent.slots.compactMap { slot in
        slot.value.map { Slot(name: slot.key.value, type: $0.value) }
      }
      var samples: [String: [String]] = [:]
      for locale in intent.samples where symbols.locales.contains(locale.key.value) {
        samples[locale.key.value] = (locale.value ?? []).map(\.text)
      }
      intents.append(Intent(name: entry.key.value, slots: slots, samples: samples))
    }
    return intents.sorted { $0.name < $1.name }
  }

  /// A transition with its checked assignments; `nil` when it is malformed.
  private func lowerTransition(_ transition: CheckedTransition) -> Transition? {
    guard let syntax = transition.syntax else { return nil }
    let require = syntax.require.compactMap { entry in
      entry.value.map {
        SlotRequirement(slot: entry.key.value, ask: $0.ask.value, unknown: $0.unknown?.value)
      }
    }
    return Transition(
      require: require.isEmpty ? nil : require, set: transition.assignments ?? [],
      say: syntax.say?.value, goto: syntax.goto?.value)
  }

  private func lowerTransitions(_ state: CheckedState) -> [String: Transition] {
    var transitions: [String: Transition] = [:]
    for entry in state.on {
      guard let transition = lowerTransition(entry) else { continue }
      transitions[entry.event.value] = transition
    }
    return transitions
  }

  private func lowerOutcomes(_ state: CheckedState) -> [PaymentOutcome: Transition] {
    var transitions: [PaymentOutcome: Transition] = [:]
    for (event, transition) in lowerTransitions(state) {
      guard let outcome = PaymentOutcome(rawValue: event) else { continue }
      transitions[outcome] = transition
    }
    return transitions
  }

  private func lowerCard(_ card: CardSyntax?) -> Card? {
    guard let card, let title = card.title?.value, let text = card.text?.value else { return nil }
    return Card(title: title, text: text, image: card.image?.value)
  }

  private func lowerState(_ checkedState: CheckedState, merchant: Merchant?) -> StateKind? {
    guard let state = checkedState.syntax else { return nil }
    switch state.kind {
    case .ask(let prompt):
      return .ask(
        AskState(
          prompt: prompt.value, reprompt: state.reprompt?.value, card: lowerCard(state.card),
          on: lowerTransitions(checkedState)))
    case .tell(let prompt):
      return .tell(
        TellState(
          prompt: prompt.value, card: lowerCard(state.card),
          permissionCard: state.permissionCard?.value ?? false))
    case .setup(let setup):
      guard let merchant else { return nil }
      let task = ConnectionsTask(
        name: .setup, profile: .amazonPay,
        payload: PayloadLowering.setup(setup, merchant: merchant),
        outcomes: ConnectionsTaskName.setup.outcomes)
      return .connections(ConnectionsState(task: task, on: lowerOutcomes(checkedState)))
    case .charge(let charge):
      guard let merchant else { return nil }
      let task = ConnectionsTask(
        name: .charge, profile: .amazonPay,
        payload: PayloadLowering.charge(amountPath: charge.amount?.text, merchant: merchant),
        outcomes: ConnectionsTaskName.charge.outcomes)
      return .connections(ConnectionsState(task: task, on: lowerOutcomes(checkedState)))
    case .choose(let choose):
      guard let otherwise = choose.otherwise?.value,
        checkedState.branches.count == choose.branches.count
      else { return nil }
      var branches: [ChooseBranch] = []
      for branch in checkedState.branches {
        guard let condition = branch.condition else { return nil }
        branches.append(ChooseBranch(condition: condition, goto: branch.syntax.goto.value))
      }
      return .choose(ChooseState(branches: branches, otherwise: otherwise))
    }
  }

  /// The skill store listing as the IR keeps it: each locale's texts, without positions.
  static func lowerPublishing(_ publishing: PublishingSyntax) -> Publishing {
    var locales: [String: LocalePublishing] = [:]
    for entry in publishing.locales {
      guard let listing = entry.value else { continue }
      locales[entry.key.value] = LocalePublishing(
        summary: listing.summary?.value, description: listing.description?.value,
        examplePhrases: listing.examplePhrases.map(\.value),
        keywords: listing.keywords.map(\.value),
        privacyPolicyURL: listing.privacyPolicyURL?.value)
    }
    return Publishing(category: publishing.category?.value, locales: locales)
  }
}
