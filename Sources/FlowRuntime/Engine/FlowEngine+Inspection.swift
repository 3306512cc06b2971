public import FlowIR
public import Foundation

/// One move of the state machine during a turn: from a state, on an intent, an outcome or a
/// `choose` branch, to the next state (`nil` when the transition stays or ends the session).
public struct TracedTransition: Sendable, Hashable, Codable {
  /// The state the transition leaves (for a `global` transition: the `ask` state it fired in).
  public var from: String
  /// What fired it: an intent name, a payment outcome, or `if N` / `else` for a `choose`.
  public var on: String
  /// Whether it came from `flow.global` rather than the state's own `on:` map.
  public var isGlobal: Bool
  /// The state it leads to.
  public var to: String?

  /// Creates a traced transition.
  public init(from: String, on: String, isGlobal: Bool = false, to: String?) {
    self.from = from
    self.on = on
    self.isGlobal = isGlobal
    self.to = to
  }
}

/// What a turn does to the state machine, computed without writing anything: the states it
/// enters, the transitions it takes, and the variables it ends with.
public struct TurnTrace: Sendable, Equatable {
  /// States entered, in order (the state the conversation waited in is not repeated).
  public var statesEntered: [String] = []
  /// Transitions taken, in order.
  public var transitions: [TracedTransition] = []
  /// The payment outcome classified from a `Connections.Response` or decided at once
  /// (`permission_denied` without the permission), with the state it belongs to.
  public var paymentOutcomes: [(state: String, outcome: String)] = []
  /// The state that answered the turn (an `ask`, `tell`, `setup` or `charge` state), if any.
  public var answeringState: String?
  /// The conversation variables at the end of the turn, as the engine would hold them.
  public var variables: [String: VariableValue] = [:]

  /// Creates an empty trace.
  public init() {}

  public static func == (lhs: TurnTrace, rhs: TurnTrace) -> Bool {
    lhs.statesEntered == rhs.statesEntered && lhs.transitions == rhs.transitions
      && lhs.paymentOutcomes.map { "\($0.state)/\($0.outcome)" }
        == rhs.paymentOutcomes.map { "\($0.state)/\($0.outcome)" }
      && lhs.answeringState == rhs.answeringState && lhs.variables == rhs.variables
  }
}

extension FlowEngine {
  /// Computes what ``handle(_:)`` will do with a request, reading the store but writing nothing:
  /// for test coverage and the simulator's state display.
  ///
  /// Call it before handling the request (a continuation is consumed by handling). It follows
  /// the same rules as the engine: the waiting `ask` state from the session attributes, its own
  /// transition or the global one, `set` from slots, `choose` branches, the permission check
  /// before Setup and Charge, and the outcome of a `Connections.Response`.
  ///
  /// - Parameter request: The request about to be handled.
  /// - Returns: The trace; empty for requests that move nothing.
  public func trace(_ request: RequestEnvelope) async throws -> TurnTrace {
    var turn = ConversationTurn(engine: self, envelope: request)
    var trace = TurnTrace()
    switch request.request {
    case .launch:
      try await turn.startConversation()
      turn.walk(from: program.start, trace: &trace)
    case .intent(let intentRequest):
      try await turn.traceIntent(intentRequest, trace: &trace)
    case .connectionsResponse(let response):
      try await turn.traceResume(response, trace: &trace)
    case .sessionEnded, .exceptionEncountered, .unknown:
      break
    }
    trace.variables = turn.variables
    return trace
  }
}

extension ConversationTurn {
  mutating func traceIntent(_ request: IntentRequest, trace: inout TurnTrace) async throws {
    let stateId: String
    let ask: AskState
    if let session = SessionState(sessionAttributes: envelope.session?.attributes),
      let state = program.states[session.state], case .ask(let waiting) = state.kind
    {
      variables = session.variables
      locale = Self.conversationLocale(session.locale, program: program)
      stateId = session.state
      ask = waiting
    } else {
      try await startConversation()
      guard let settled = settle(program.start), let state = program.states[settled],
        case .ask(let waiting) = state.kind
      else {
        walk(from: program.start, trace: &trace)
        return
      }
      walk(from: program.start, trace: &trace)
      stateId = settled
      ask = waiting
    }
    trace.answeringState = stateId
    let name = request.intent.name
    let own = ask.on[name]
    guard let transition = own ?? program.global[name] else { return }
    let slots = SlotResolver(program: program, intent: request.intent)
    guard let assigned = assignments(transition.set, slots: slots) else { return }
    variables.merge(assigned) { _, new in new }
    trace.transitions.append(
      TracedTransition(from: stateId, on: name, isGlobal: own == nil, to: transition.goto))
    guard let next = transition.goto else { return }
    walk(from: next, trace: &trace)
  }

  mutating func traceResume(_ response: ConnectionsResponse, trace: inout TurnTrace) async throws {
    guard let token = response.token, !token.isEmpty,
      let continuation = try await engine.store.continuation(token: token),
      !userId.isEmpty, continuation.userId == userId,
      response.name == nil || response.name == continuation.taskName,
      continuation.expiresAt > engine.now()
    else { return }
    variables = continuation.variables
    locale = Self.conversationLocale(continuation.locale, program: program)
    let outcome = engine.paymentProfile.classify(
      continuation.taskName, response.status?.code ?? "", response.status?.message,
      response.payload)
    variables.merge(outcome.variables) { _, new in new }
    guard let state = program.states[continuation.stateId],
      case .connections(let connections) = state.kind,
      connections.task.name == continuation.taskName
    else { return }
    trace.paymentOutcomes.append((continuation.stateId, outcome.outcome))
    let label = connections.on[outcome.outcome] != nil ? outcome.outcome : "error"
    guard let transition = connections.on[label] else { return }
    if let assigned = assignments(transition.set, slots: nil) {
      variables.merge(assigned) { _, new in new }
    }
    trace.transitions.append(
      TracedTransition(from: continuation.stateId, on: label, to: transition.goto))
    trace.answeringState = continuation.stateId
    guard let next = transition.goto else { return }
    walk(from: next, trace: &trace)
  }

  /// Enters states from `target` the way ``enter(_:)`` does, recording instead of answering.
  mutating func walk(from target: String, trace: inout TurnTrace) {
    var current = target
    for _ in 0..<Self.maximumMoves {
      guard let state = program.states[current] else { return }
      trace.statesEntered.append(current)
      trace.answeringState = current
      switch state.kind {
      case .ask, .tell:
        return
      case .choose(let choose):
        let scope = self.scope
        let index = choose.branches.firstIndex { scope.holds($0.condition) }
        let next = index.map { choose.branches[$0].goto } ?? choose.otherwise
        trace.transitions.append(
          TracedTransition(from: current, on: index.map { "if \($0 + 1)" } ?? "else", to: next))
        current = next
      case .connections(let connections):
        let isAmazonPay = connections.task.profile == AmazonPayProfile.name
        guard isAmazonPay, envelope.permissionStatus(scope: Self.paymentScope) != "GRANTED"
        else { return }
        trace.paymentOutcomes.append((current, "permission_denied"))
        guard let transition = connections.on["permission_denied"] else { return }
        if let assigned = assignments(transition.set, slots: nil) {
          variables.merge(assigned) { _, new in new }
        }
        trace.transitions.append(
          TracedTransition(from: current, on: "permission_denied", to: transition.goto))
        guard let next = transition.goto else { return }
        current = next
      }
    }
  }
}
