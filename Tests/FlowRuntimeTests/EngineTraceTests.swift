import FlowIR
import FlowRuntime
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// The trace the engine records while it executes a turn (`FlowEngine.handleTraced`), on the
/// No Nicks example flow.
@Suite struct EngineTraceTests {
  /// The trace's parts in a form `#expect` can compare.
  struct Moves: Equatable {
    var states: [String]
    var transitions: [String]
    var outcomes: [String] = []
    var answeringState: String?

    init(
      states: [String], transitions: [String], outcomes: [String], answeringState: String?
    ) {
      self.states = states
      self.transitions = transitions
      self.outcomes = outcomes
      self.answeringState = answeringState
    }

    init(_ trace: TurnTrace) {
      states = trace.statesEntered
      transitions = trace.transitions.map {
        "\($0.from) \($0.isGlobal ? "global " : "")\($0.on) -> \($0.to ?? "-")"
      }
      outcomes = trace.paymentOutcomes.map { "\($0.state)/\($0.outcome.rawValue)" }
      answeringState = trace.answeringState
    }
  }

  /// Checks the customer's last turn: the states it entered, the transitions it took
  /// (`from [global ]on -> to`), the payment outcomes (`state/outcome`) and the state that
  /// answered.
  func expectLastTurn(
    of customer: ConversationSession, entered states: [String], took transitions: [String],
    outcomes: [String] = [], answeredIn answeringState: String?,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    #expect(
      Moves(customer.lastTrace)
        == Moves(
          states: states, transitions: transitions, outcomes: outcomes,
          answeringState: answeringState),
      sourceLocation: sourceLocation)
  }

  func customer(name: String) throws -> ConversationSession {
    ConversationSession(
      engine: makeEngine(program: try ExampleFlows.program("no-nicks")), name: name)
  }

  @Test func happyPathListsTheStatesAndTransitionsTaken() async throws {
    var customer = try customer(name: "trace-happy-path")

    try await customer.launch()
    expectLastTurn(of: customer, entered: ["welcome"], took: [], answeredIn: "welcome")
    #expect(customer.lastTrace.variables["agreement.open"] == .bool(false))

    try await customer.intent("AMAZON.YesIntent")
    expectLastTurn(
      of: customer, entered: ["confirm_order"], took: ["welcome AMAZON.YesIntent -> confirm_order"],
      answeredIn: "confirm_order")
    #expect(customer.lastTrace.variables["product"] == .product("starter_kit"))
    #expect(customer.lastTrace.variables["quantity"] == .int(1))

    let setup = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    expectLastTurn(
      of: customer, entered: ["setup"], took: ["confirm_order AMAZON.YesIntent -> setup"],
      answeredIn: "setup")
    // The order id the engine created for the directive is among the variables.
    #expect(customer.lastTrace.variables["order.id"] != nil)

    try await customer.connectionsResponse(
      "Setup", token: setup.token, payload: RequestEnvelopes.setupSuccessPayload)
    expectLastTurn(
      of: customer, entered: ["checkout"], took: ["setup success -> checkout"],
      outcomes: ["setup/success"], answeredIn: "checkout")
    #expect(customer.lastTrace.variables["agreement.open"] == .bool(true))

    try await customer.intent("AMAZON.HelpIntent")
    expectLastTurn(
      of: customer, entered: [], took: ["checkout global AMAZON.HelpIntent -> -"],
      answeredIn: "checkout")

    let charge = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    expectLastTurn(
      of: customer, entered: ["charge"], took: ["checkout AMAZON.YesIntent -> charge"],
      answeredIn: "charge")

    try await customer.connectionsResponse(
      "Charge", token: charge.token,
      payload: RequestEnvelopes.chargePayload(
        state: "Closed", reasonCode: "MaxCapturesProcessed", amount: "9.00"))
    expectLastTurn(
      of: customer, entered: ["thanks"], took: ["charge success -> thanks"],
      outcomes: ["charge/success"], answeredIn: "thanks")
  }

  @Test func aRepeatedRequestIsAnsweredFromTheStoreWithAnEmptyTrace() async throws {
    var customer = try customer(name: "trace-replay")
    try await customer.launch()
    let first = try await customer.intent("AMAZON.YesIntent")
    #expect(customer.lastTrace.statesEntered == ["confirm_order"])

    let replayed = try await customer.send(
      RequestEnvelopes.intent("AMAZON.YesIntent"),
      requestId: "amzn1.echo-api.request.trace-replay-2")
    #expect(replayed == first)
    #expect(customer.lastTrace == TurnTrace())
  }

  @Test func aOneShotIntentPassesThroughTheStartState() async throws {
    var customer = try customer(name: "trace-one-shot")
    try await customer.intent(
      "BuyIntent", slots: ["product": AlexaSlot("razor kit", id: "starter_kit")])
    expectLastTurn(
      of: customer, entered: ["welcome", "confirm_order"],
      took: ["welcome BuyIntent -> confirm_order"], answeredIn: "confirm_order")
  }

  @Test func aMissingPermissionIsAnOutcomeDecidedAtOnce() async throws {
    var customer = try customer(name: "trace-no-permission")
    customer.permission = nil
    try await customer.launch()
    try await customer.intent("AMAZON.YesIntent")
    let response = try await customer.intent("AMAZON.YesIntent")
    #expect(response.sendRequest == nil)
    expectLastTurn(
      of: customer, entered: ["setup", "need_permission"],
      took: [
        "confirm_order AMAZON.YesIntent -> setup", "setup permission_denied -> need_permission",
      ],
      outcomes: ["setup/permission_denied"], answeredIn: "need_permission")
  }

  @Test func anUnknownTokenLeavesTheTraceEmpty() async throws {
    var customer = try customer(name: "trace-unknown-token")
    try await customer.connectionsResponse("Setup", token: "no-such-token", payload: nil)
    #expect(customer.lastTrace == TurnTrace())
  }
}
