import FlowIR
import FlowRuntime
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// A flow deployed again while Amazon Pay had the customer, or between turns of a session.
@Suite struct EngineFlowChangeTests {
  @Test func editedFlowResumesWhenTheStateStillExists() async throws {
    let store = MemoryFlowStore()
    let (customer, token) = try await EngineTokenTests.reachSetup(
      makeEngine(store: store), name: "flow-edited-kept")
    // The shop rewords the checkout prompt and redeploys.
    var edited = NoNicksProgram.program(flowHash: "sha256:edited")
    edited.prompts["en-US"]?["checkout"] = NoNicksProgram.template(
      "New wording: {order.total} to {shipping.address_line1}. Place the order?")
    var resumed = customer
    resumed.engine = makeEngine(program: edited, store: store, seed: 11)
    let checkout = try await resumed.connectionsResponse(
      "Setup", token: token, payload: RequestEnvelopes.setupSuccessPayload)
    #expect(checkout.speech == "New wording: $9.00 to 410 Terry Ave N. Place the order?")
    #expect(checkout.sessionAttributes?["flowc"]?["flow_hash"] == .string("sha256:edited"))
  }

  @Test func editedFlowEndsCleanlyWhenTheStateIsGone() async throws {
    let store = MemoryFlowStore()
    let (customer, token) = try await EngineTokenTests.reachSetup(
      makeEngine(store: store), name: "flow-edited-removed")
    var edited = NoNicksProgram.program(flowHash: "sha256:no-setup")
    edited.states["setup"] = nil
    edited.states["confirm_order"] = State(
      id: "confirm_order",
      kind: .ask(AskState(prompt: "confirm_order", reprompt: nil, card: nil, on: [:])))
    var resumed = customer
    resumed.engine = makeEngine(program: edited, store: store, seed: 12)
    let ended = try await resumed.connectionsResponse(
      "Setup", token: token, payload: RequestEnvelopes.setupSuccessPayload)
    #expect(
      ended.speech
        == "Sorry, this skill was updated while Amazon Pay was handling your request, so I cannot "
        + "continue where we left off. Please open the skill again.")
    #expect(ended.response.shouldEndSession == true)
    #expect(ended.response.directives == nil)
    // What Amazon Pay reported is still recorded.
    #expect(
      try await store.openAgreement(userId: RequestEnvelopes.shopper)?.billingAgreementId
        == "C01-1234567-7654321")
  }

  @Test func editedFlowEndsCleanlyWhenTheStateChangedKind() async throws {
    let store = MemoryFlowStore()
    let (customer, token) = try await EngineTokenTests.reachSetup(
      makeEngine(store: store), name: "flow-edited-kind")
    var edited = NoNicksProgram.program(flowHash: "sha256:setup-is-a-tell")
    edited.states["setup"] = State(
      id: "setup", kind: .tell(TellState(prompt: "goodbye", card: nil, permissionCard: false)))
    var resumed = customer
    resumed.engine = makeEngine(program: edited, store: store, seed: 13)
    let ended = try await resumed.connectionsResponse(
      "Setup", token: token, payload: RequestEnvelopes.setupSuccessPayload)
    #expect(ended.speech?.hasPrefix("Sorry, this skill was updated") == true)
  }

  @Test func sessionOfAnEditedFlowStartsAfresh() async throws {
    let store = MemoryFlowStore()
    var customer = ConversationSession(
      engine: makeEngine(store: store), name: "session-flow-edited")
    _ = try await customer.launch()
    _ = try await customer.intent("AMAZON.YesIntent")
    var edited = NoNicksProgram.program(flowHash: "sha256:edited-session")
    edited.prompts["en-US"]?["confirm_order"] = NoNicksProgram.template(
      "Confirm {product.name} for {order.total}?")
    customer.engine = makeEngine(program: edited, store: store)
    // The attributes were sealed for another flow: the new flow starts the conversation
    // afresh rather than trusting variables it did not write.
    let restarted = try await customer.intent("AMAZON.YesIntent")
    #expect(
      restarted.speech == "Welcome to No Nicks. Would you like to buy a starter kit for $9.00?")
    #expect(restarted.sendRequest == nil)
    #expect(customer.lastTrace.notices == [.sessionRefused(.unknownFlow)])
    let confirm = try await customer.intent("AMAZON.YesIntent")
    #expect(confirm.speech == "Confirm Starter Kit for $9.00?")
  }
}
