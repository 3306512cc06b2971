internal import FlowIR
internal import Foundation

/// Everything a turn may read from the store, read by ``FlowEngine`` before the turn runs
/// (see ``ConversationTurn/needs(_:program:)``).
struct TurnReads: Sendable, Equatable {
  /// The continuation stored under the `Connections.Response`'s token, if not consumed.
  var continuation: Continuation?
  /// The customer's open agreement (read only for a turn that may start a conversation).
  var openAgreement: AgreementRecord?
  /// The conversation's order: the one whose id the session or the continuation carries.
  var order: OrderRecord?
  /// The customer's agreement whose id the session or the continuation carries, if the
  /// customer has one of that id.
  var agreement: AgreementRecord?
  /// The request's session attributes, opened with the store's key.
  var session: SessionOpening = .absent
  /// The store's session key, which seals the attributes of the response.
  var sessionKey = Data()
  /// Order ids the store refused as taken by another order: the turn is run again and draws
  /// a new id instead (see ``FlowStoreError/orderIdTaken(_:)``).
  var takenOrderIds: Set<String> = []
}

/// The settings of a turn that do not change between turns.
struct TurnRules: Sendable {
  /// Payload rendering and response classification of the Connections tasks.
  var paymentProfile: PaymentProfile
  /// Money as spoken in a locale.
  var formatMoney: @Sendable (Money, String) -> String
  /// How long a directive's token stays valid.
  var continuationLifetime: TimeInterval
  /// The catalog by what a customer may say for each product (built once by the engine).
  var spokenProducts: SpokenProductIndex
}

/// What a turn computed: the response, what to write, and what it did to the state machine.
struct TurnResult {
  /// The response envelope.
  var response: ResponseEnvelope
  /// Everything the turn writes (without the processed request, which the engine adds).
  var writes: TurnWrites
  /// The states entered, transitions taken and the variables at the end.
  var trace: TurnTrace
  /// The conversation's locale at the end of the turn.
  var locale: String
}

/// One turn of a conversation: a pure function of the request, the state read before it, the
/// program, one clock reading and a random source. It walks the state machine and collects the
/// response and the store writes; it reads no store and writes none.
struct ConversationTurn {
  /// The most states a turn enters (``FlowProgram/maximumStatesPerTurn``); the compiler refuses
  /// longer chains, and this stops a `choose` cycle in a hand-made IR from looping forever.
  static let maximumMoves = FlowProgram.maximumStatesPerTurn
  /// The Amazon Pay permission scope checked before Setup and Charge.
  static let paymentScope = "payments:autopay_consent"

  let program: FlowProgram
  let envelope: RequestEnvelope
  let reads: TurnReads
  let now: Date
  let randomBytes: @Sendable (Int) -> [UInt8]
  let rules: TurnRules
  let userId: String
  var locale: String
  var variables: [String: VariableValue] = [:]
  /// Speech collected on the way to the state that answers.
  var speech: [SpeechPart] = []
  /// Set when Amazon Pay already told the customer about an error: the skill's own `say` and
  /// `tell` texts of this turn stay silent.
  var amazonAlreadySpoke = false
  /// Everything the turn writes, committed once by the engine.
  var writes = TurnWrites()
  /// The states entered and transitions taken so far.
  var trace = TurnTrace()

  /// Runs one turn.
  ///
  /// - Parameters:
  ///   - envelope: The request.
  ///   - reads: What ``needs(_:program:)`` asked for, read from the store.
  ///   - program: The flow.
  ///   - now: The clock reading of the turn (expiry checks, record times).
  ///   - randomBytes: The random source (tokens, ids).
  ///   - rules: The engine's settings.
  /// - Returns: The response, the writes and the trace.
  /// - Throws: ``FlowEngineError/sessionNotEncodable(_:)``.
  static func run(
    _ envelope: RequestEnvelope, reads: TurnReads, program: FlowProgram, now: Date,
    randomBytes: @escaping @Sendable (Int) -> [UInt8], rules: TurnRules
  ) throws -> TurnResult {
    var turn = ConversationTurn(
      program: program, envelope: envelope, reads: reads, now: now, randomBytes: randomBytes,
      rules: rules)
    let response = try turn.respond()
    turn.trace.variables = turn.variables
    return TurnResult(
      response: response, writes: turn.writes, trace: turn.trace, locale: turn.locale)
  }

  private init(
    program: FlowProgram, envelope: RequestEnvelope, reads: TurnReads, now: Date,
    randomBytes: @escaping @Sendable (Int) -> [UInt8], rules: TurnRules
  ) {
    self.program = program
    self.envelope = envelope
    self.reads = reads
    self.now = now
    self.randomBytes = randomBytes
    self.rules = rules
    self.userId = envelope.userId ?? ""
    self.locale = Self.conversationLocale(envelope.request.locale, program: program)
  }

  /// What the engine must read before a turn on this request.
  struct Needs: Equatable {
    /// The token of a `Connections.Response`, whose continuation the turn resumes.
    var continuationToken: String?
    /// The customer whose open agreement a new conversation reads.
    var openAgreementUserId: String?
    /// The id of the order the session carries (for a resumed continuation, the engine takes
    /// it from the continuation's variables).
    var orderId: String?
    /// The billing agreement the session carries (for a resumed continuation, the engine takes
    /// it from the continuation's variables): checked against the store before a Charge.
    var agreementId: String?
  }

  /// What a turn on `envelope` may read: decided from the request and its opened session.
  static func needs(_ envelope: RequestEnvelope, session: SessionOpening, program: FlowProgram)
    -> Needs
  {
    let userId = envelope.userId ?? ""
    switch envelope.request {
    case .launch:
      return Needs(openAgreementUserId: userId.isEmpty ? nil : userId)
    case .intent:
      if case (let session, _)? = waitingSession(session, program: program) {
        var needs = Needs()
        if case .string(let orderId)? = session.variables[.orderID] { needs.orderId = orderId }
        if case .string(let id)? = session.variables[.agreementID] { needs.agreementId = id }
        return needs
      }
      return Needs(openAgreementUserId: userId.isEmpty ? nil : userId)
    case .connectionsResponse(let response):
      guard let token = response.token, !token.isEmpty, !userId.isEmpty else { return Needs() }
      return Needs(continuationToken: token)
    case .sessionEnded, .exceptionEncountered, .unknown:
      return Needs()
    }
  }

  /// The sealed session state the request carries, when it names an `ask` state of this
  /// program.
  static func waitingSession(_ opening: SessionOpening, program: FlowProgram) -> (
    SessionState, AskState
  )? {
    guard let session = opening.state,
      let state = program.states[session.state], case .ask(let waiting) = state.kind
    else { return nil }
    return (session, waiting)
  }

  /// The request's locale when the flow has prompts for it, else the skill's default locale.
  static func conversationLocale(_ requested: String?, program: FlowProgram) -> String {
    if let requested, program.prompts[requested] != nil { return requested }
    if let requested, program.skill.locales.contains(requested) { return requested }
    return program.skill.locales.first ?? requested ?? "en-US"
  }

  var scope: TurnVariables {
    TurnVariables(program: program, variables: variables, locale: locale)
  }

  var renderer: SpeechRenderer {
    SpeechRenderer(scope: scope, formatMoney: rules.formatMoney)
  }

  // MARK: - Requests

  mutating func respond() throws -> ResponseEnvelope {
    switch envelope.request {
    case .launch:
      startConversation()
      return try enter(program.start)
    case .intent(let request):
      return try handleIntent(request)
    case .connectionsResponse(let response):
      return try resume(response)
    case .sessionEnded, .exceptionEncountered, .unknown:
      return .empty
    }
  }

  /// Fresh variables; `agreement.*` from the customer's open agreement, if any.
  mutating func startConversation() {
    variables = [:]
    variables[.quantity] = .int(1)
    variables[.agreementOpen] = .bool(false)
    if !userId.isEmpty, let agreement = reads.openAgreement, agreement.userId == userId {
      variables[.agreementID] = .string(agreement.billingAgreementId)
      variables[.agreementStatus] = .string(agreement.status.rawValue)
      variables[.agreementOpen] = .bool(true)
    }
  }

  mutating func handleIntent(_ request: IntentRequest) throws -> ResponseEnvelope {
    let stateId: String
    let ask: AskState
    if case .refused(let reason) = reads.session {
      // Attributes this engine did not seal for this customer and session, or sealed for
      // another flow: nothing in them is used, and the intent is not acted on.
      trace.notices.append(.sessionRefused(reason))
      startConversation()
      return try enter(program.start)
    }
    if case (let session, let waiting)? = Self.waitingSession(reads.session, program: program) {
      variables = session.variables
      locale = Self.conversationLocale(session.locale, program: program)
      stateId = session.state
      ask = waiting
    } else {
      // A one-shot request ("ask no nicks to buy a kit") or a session this flow cannot
      // read: start afresh, and let the first `ask` state handle the intent.
      startConversation()
      var path = TurnTrace()
      guard let settled = settle(program.start, recording: &path),
        let state = program.states[settled], case .ask(let waiting) = state.kind
      else { return try enter(program.start) }
      // The states on the way are entered silently: the `ask` state handles the intent.
      trace.statesEntered += path.statesEntered
      trace.transitions += path.transitions
      stateId = settled
      ask = waiting
    }
    trace.answeringState = stateId

    let name = request.intent.name
    let own = ask.on[name]
    guard let transition = own ?? program.global[name] else {
      if let fallback = renderer.speech("fallback") { speech.append(fallback) }
      return try reask(stateId, ask)
    }
    let slots = SlotResolver(
      program: program, intent: request.intent, spokenProducts: rules.spokenProducts)
    if let missing = transition.require?.first(where: { slots.value(ofSlot: $0.slot) == nil }) {
      return try elicit(missing, in: stateId, ask, slots: slots, isGlobal: own == nil)
    }
    guard let assigned = assignments(transition.set, slots: slots) else {
      return try reask(stateId, ask)
    }
    variables.merge(assigned) { _, new in new }
    trace.transitions.append(
      TracedTransition(from: stateId, on: name, isGlobal: own == nil, to: transition.goto))
    if let say = transition.say, let part = renderer.speech(say) { speech.append(part) }
    guard let next = transition.goto else { return try reask(stateId, ask) }
    return try enter(next)
  }

  /// Asks for a required slot that has no valid value: the `unknown` prompt first when the
  /// customer said something that is not valid (with `slot.<name>.spoken` set to it), then the
  /// `ask` prompt, with a `Dialog.ElicitSlot` directive that keeps the intent and its other
  /// slots. The conversation stays in the `ask` state; the answer comes back as the same
  /// intent and the transition is tried again.
  mutating func elicit(
    _ requirement: SlotRequirement, in stateId: String, _ ask: AskState, slots: SlotResolver,
    isGlobal: Bool
  ) throws -> ResponseEnvelope {
    let spoken = slots.spokenValue(ofSlot: requirement.slot)
    trace.elicitation = TracedElicitation(
      state: stateId, intent: slots.intent.name, isGlobal: isGlobal, slot: requirement.slot,
      spokeUnknown: spoken != nil && requirement.unknown != nil)
    if let spoken, let unknown = requirement.unknown {
      var scope = self.scope
      scope.variables[VariablePath.spokenSlot(requirement.slot)] = .string(
        String(spoken.prefix(Self.maximumSpokenSlotLength)))
      let renderer = SpeechRenderer(scope: scope, formatMoney: rules.formatMoney)
      if let part = renderer.speech(unknown) { speech.append(part) }
    }
    let question = renderer.speech(requirement.ask)
    if let question { speech.append(question) }
    return try keepListening(
      in: stateId, reprompt: question.flatMap { SpeechRenderer.outputSpeech([$0]) },
      directives: [
        .dialogElicitSlot(
          slotToElicit: requirement.slot,
          updatedIntent: slots.updatedIntent(eliciting: requirement.slot))
      ])
  }

  /// Follows `choose` states from `stateId` to the first state of another kind, recording the
  /// states passed and the branches taken in `path`.
  func settle(_ stateId: String, recording path: inout TurnTrace) -> String? {
    var current = stateId
    for _ in 0..<Self.maximumMoves {
      guard let state = program.states[current] else { return nil }
      path.statesEntered.append(current)
      guard case .choose(let choose) = state.kind else { return current }
      current = branch(of: choose, from: current, recording: &path)
    }
    return nil
  }

  /// The state a `choose` state goes to: the first branch whose condition holds, else
  /// `otherwise`. The branch taken (`if N`, counted from 1, or `else`) is recorded in `path`.
  func branch(of choose: ChooseState, from stateId: String, recording path: inout TurnTrace)
    -> String
  {
    let scope = self.scope
    let index = choose.branches.firstIndex { scope.holds($0.condition) }
    let next = index.map { choose.branches[$0].goto } ?? choose.otherwise
    path.transitions.append(
      TracedTransition(from: stateId, on: index.map { "if \($0 + 1)" } ?? "else", to: next))
    return next
  }

  /// The values a transition's `set` assigns, or `nil` when one of them has no valid value
  /// and no fallback (the transition is then not taken).
  func assignments(_ set: [Assignment], slots: SlotResolver?) -> [String: VariableValue]? {
    var assigned: [String: VariableValue] = [:]
    // Later assignments see earlier ones, as written.
    var scope = self.scope
    for assignment in set {
      let value: VariableValue?
      switch assignment.value {
      case .literal(let literal):
        value = VariableValue(literal)
      case .path(let path, let fallback):
        var found: VariableValue?
        if path.hasPrefix(Self.slotPrefix) {
          found = slots?.value(ofSlot: String(path.dropFirst(Self.slotPrefix.count)))
        } else {
          found = scope.value(of: path)
        }
        value = found ?? fallback.map(VariableValue.init)
      }
      guard let value else { return nil }
      assigned[assignment.variable] = value
      scope.variables[assignment.variable] = value
    }
    return assigned
  }

  // MARK: - States

  /// Enters a state and keeps moving (through `choose` states and payment outcomes decided
  /// without Amazon Pay) until a state answers.
  mutating func enter(_ target: String) throws -> ResponseEnvelope {
    var current = target
    for _ in 0..<Self.maximumMoves {
      guard let state = program.states[current] else { return endWithMessage(.brokenFlow) }
      trace.statesEntered.append(current)
      trace.answeringState = current
      switch state.kind {
      case .ask(let ask):
        if let part = renderer.speech(ask.prompt) { speech.append(part) }
        return try askResponse(current, ask, card: ask.card.map(card))
      case .tell(let tell):
        return tellResponse(tell)
      case .choose(let choose):
        current = branch(of: choose, from: current, recording: &trace)
      case .connections(let connections):
        switch send(connections, from: current) {
        case .sent(let response):
          return response
        case .outcome(let outcome):
          trace.paymentOutcomes.append((current, outcome))
          guard let transition = connections.on[outcome] else {
            return endWithMessage(.brokenFlow)
          }
          trace.transitions.append(
            TracedTransition(from: current, on: outcome.rawValue, to: transition.goto))
          guard let next = apply(transition) else { return endSpeaking() }
          current = next
        }
      }
    }
    return endWithMessage(.brokenFlow)
  }

  /// Applies an outcome's transition; returns the next state, or `nil` to end the session.
  mutating func apply(_ transition: Transition) -> String? {
    if let assigned = assignments(transition.set, slots: nil) {
      variables.merge(assigned) { _, new in new }
    }
    if let say = transition.say, !amazonAlreadySpoke, let part = renderer.speech(say) {
      speech.append(part)
    }
    return transition.goto
  }

  func askResponse(_ stateId: String, _ ask: AskState, card: ResponseCard?) throws
    -> ResponseEnvelope
  {
    let reprompt = renderer.speech(ask.reprompt ?? ask.prompt).flatMap {
      SpeechRenderer.outputSpeech([$0])
    }
    return try keepListening(in: stateId, reprompt: reprompt, card: card)
  }

  /// A response that says the collected speech and keeps the session open in the `ask` state
  /// `stateId`, carrying the conversation in the session attributes.
  func keepListening(
    in stateId: String, reprompt: OutputSpeech?, card: ResponseCard? = nil,
    directives: [Directive]? = nil
  ) throws -> ResponseEnvelope {
    let attributes = try SessionSeal(key: reads.sessionKey).attributes(
      for: SessionState(
        flowHash: program.flowHash, state: stateId, locale: locale, variables: variables),
      userId: userId, sessionId: envelope.session?.sessionId ?? "")
    return ResponseEnvelope(
      sessionAttributes: attributes,
      response: ResponseBody(
        outputSpeech: SpeechRenderer.outputSpeech(speech), card: card,
        reprompt: reprompt.map(Reprompt.init), directives: directives, shouldEndSession: false))
  }

  /// Stays in an `ask` state: says the collected speech and the state's reprompt.
  mutating func reask(_ stateId: String, _ ask: AskState) throws -> ResponseEnvelope {
    if let part = renderer.speech(ask.reprompt ?? ask.prompt) { speech.append(part) }
    return try askResponse(stateId, ask, card: nil)
  }

  mutating func tellResponse(_ tell: TellState) -> ResponseEnvelope {
    if !amazonAlreadySpoke, let part = renderer.speech(tell.prompt) { speech.append(part) }
    let card: ResponseCard? =
      tell.permissionCard
      ? .askForPermissionsConsent(permissions: [Self.paymentScope]) : tell.card.map(card)
    return ResponseEnvelope(
      response: ResponseBody(
        outputSpeech: SpeechRenderer.outputSpeech(speech), card: card, shouldEndSession: true))
  }

  func card(_ card: Card) -> ResponseCard {
    let title = renderer.cardText(card.title)
    let text = renderer.cardText(card.text)
    guard let image = card.image else { return .simple(title: title, content: text) }
    return .standard(
      title: title, text: text, image: CardImage(smallImageUrl: image, largeImageUrl: image))
  }

  /// Ends the session with what was collected so far.
  func endSpeaking() -> ResponseEnvelope {
    ResponseEnvelope(
      response: ResponseBody(
        outputSpeech: SpeechRenderer.outputSpeech(speech), shouldEndSession: true))
  }

  enum RuntimeMessage {
    case paymentNotFound, flowChanged, brokenFlow
  }

  func endWithMessage(_ message: RuntimeMessage) -> ResponseEnvelope {
    Self.endWithMessage(message, locale: locale)
  }

  /// A response that ends the session with a runtime message in `locale`.
  static func endWithMessage(_ message: RuntimeMessage, locale: String) -> ResponseEnvelope {
    let text =
      switch message {
      case .paymentNotFound: RuntimeMessages.paymentNotFound(locale: locale)
      case .flowChanged: RuntimeMessages.flowChanged(locale: locale)
      case .brokenFlow: RuntimeMessages.brokenFlow(locale: locale)
      }
    return ResponseEnvelope(
      response: ResponseBody(outputSpeech: .plainText(text), shouldEndSession: true))
  }

  /// The answer to a `Connections.Response` that matches no usable continuation.
  func paymentNotFoundResponse() -> ResponseEnvelope {
    endWithMessage(.paymentNotFound)
  }

  /// The most characters of what the customer said that `{slot.<name>.spoken}` repeats (a
  /// slot value from a device is short; a forged request must not make the speech too long).
  static let maximumSpokenSlotLength = VariablePath.maximumSpokenLength

  /// The prefix of a slot path in a transition's `set`.
  static let slotPrefix = VariablePath.slot("").rawValue
}
