import FlowIR
import FlowRuntime
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// A store that counts commits and can serve stale continuations, to see how the engine uses
/// the store contract.
actor InstrumentedStore: FlowStore {
  let inner = MemoryFlowStore()
  private(set) var commits: [TurnWrites] = []
  /// Continuations as first stored, served even after they were consumed (a replica that lags).
  private var staleContinuations: [String: Continuation] = [:]
  var servesStaleContinuations = false

  func serveStaleContinuations() { servesStaleContinuations = true }

  /// How often an answered request was looked up.
  private(set) var processedRequestReads = 0
  /// The keys of every ``records(_:)`` call.
  private(set) var recordReads: [TurnRecordKeys] = []

  func processedRequest(userId: String, requestId: String) async throws -> ProcessedRequest? {
    processedRequestReads += 1
    return try await inner.processedRequest(userId: userId, requestId: requestId)
  }
  func records(_ keys: TurnRecordKeys) async throws -> TurnRecords {
    recordReads.append(keys)
    var found = try await inner.records(keys)
    if servesStaleContinuations, let token = keys.continuationToken,
      let stale = staleContinuations[token]
    {
      found.continuation = stale
    }
    return found
  }
  func continuation(token: String) async throws -> Continuation? {
    if servesStaleContinuations, let stale = staleContinuations[token] { return stale }
    return try await inner.continuation(token: token)
  }
  func openAgreement(userId: String) async throws -> AgreementRecord? {
    try await inner.openAgreement(userId: userId)
  }
  func agreement(userId: String, billingAgreementId: String) async throws -> AgreementRecord? {
    try await inner.agreement(userId: userId, billingAgreementId: billingAgreementId)
  }
  func sessionKey() async throws -> Data { try await inner.sessionKey() }
  func order(id: String) async throws -> OrderRecord? { try await inner.order(id: id) }
  func orders(userId: String) async throws -> [OrderRecord] {
    try await inner.orders(userId: userId)
  }
  func commit(_ writes: TurnWrites) async throws {
    commits.append(writes)
    try await inner.commit(writes)
    for continuation in writes.newContinuations {
      staleContinuations[continuation.token] = continuation
    }
  }
  func purge(before date: Date) async throws { try await inner.purge(before: date) }
  func close() async throws {}
}

@Suite struct EngineStoreUseTests {
  /// Launch, yes, yes, and a Setup success; returns the Setup directive.
  static func setUp(_ customer: inout ConversationSession) async throws -> (
    name: String, payload: JSONValue?, token: String
  ) {
    _ = try await customer.launch()
    _ = try await customer.intent("AMAZON.YesIntent")
    let setup = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    _ = try await customer.connectionsResponse(
      "Setup", token: setup.token, payload: RequestEnvelopes.setupSuccessPayload)
    return setup
  }

  @Test func everyTurnCommitsOnceWithItsAnsweredRequest() async throws {
    let store = InstrumentedStore()
    var customer = ConversationSession(
      engine: FlowEngine(program: NoNicksProgram.program(), store: store),
      name: "one-commit-per-turn")
    let setup = try await Self.setUp(&customer)
    let commits = await store.commits
    #expect(commits.count == 4)
    #expect(commits.allSatisfy { $0.processedRequest != nil })
    // The directive's turn stores the continuation and the order together.
    #expect(commits[2].newContinuations.map(\.token) == [setup.token])
    #expect(commits[2].orders.count == 1)
    // The response's turn consumes the token and records the agreement together.
    #expect(commits[3].consumedTokens == [setup.token])
    #expect(commits[3].agreements.map(\.billingAgreementId) == ["C01-1234567-7654321"])
  }

  /// A turn reads the store once (twice for a payment's answer, whose continuation names the
  /// order), and never looks its request up: a redelivery is found by the commit, and only then
  /// is the stored answer read.
  @Test func aTurnReadsItsRecordsAtOnceAndARedeliveryIsFoundByItsCommit() async throws {
    let store = InstrumentedStore()
    var customer = ConversationSession(
      engine: FlowEngine(program: NoNicksProgram.program(), store: store), name: "reads")
    _ = try await customer.launch()
    #expect(await store.recordReads == [TurnRecordKeys(openAgreementUserId: customer.userId)])
    _ = try await customer.intent("AMAZON.YesIntent")
    let setup = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
    let before = await store.recordReads.count
    _ = try await customer.connectionsResponse(
      "Setup", token: setup.token, payload: RequestEnvelopes.setupSuccessPayload)
    let paymentReads = await store.recordReads.dropFirst(before)
    #expect(paymentReads.first == TurnRecordKeys(continuationToken: setup.token))
    #expect(paymentReads.count == 2)
    #expect(paymentReads.last?.orderId != nil)
    #expect(await store.processedRequestReads == 0)

    let request = RequestEnvelopes.intent("AMAZON.NoIntent")
    let first = try await customer.send(request, requestId: "amzn1.echo-api.request.again")
    let commits = await store.commits.count
    let again = try await customer.send(request, requestId: "amzn1.echo-api.request.again")
    #expect(again == first)
    #expect(await store.processedRequestReads == 1)
    // The redelivery's commit was refused, and nothing else was written.
    #expect(await store.commits.count == commits + 1)
    #expect(await store.inner.processedRequestCount == 5)
  }

  @Test func losingTheRaceForATokenAnswersPolitelyAndWritesNothingElse() async throws {
    let store = InstrumentedStore()
    var customer = ConversationSession(
      engine: FlowEngine(program: NoNicksProgram.program(), store: store), name: "token-race")
    let setup = try await Self.setUp(&customer)
    await store.serveStaleContinuations()
    let late = try await customer.connectionsResponse(
      "Setup", token: setup.token, payload: RequestEnvelopes.setupSuccessPayload)
    #expect(late.speech == EngineTokenTests.notFound)
    let commits = await store.commits
    // The failed batch, then the answered request alone.
    #expect(commits.count == 6)
    #expect(commits[5].consumedTokens.isEmpty && commits[5].agreements.isEmpty)
    #expect(commits[5].processedRequest != nil)
  }
}

/// A flow in German: money, the runtime's own messages.
@Suite struct EngineLocaleTests {
  static func germanProgram() -> FlowProgram {
    var program = NoNicksProgram.program(flowHash: "sha256:de")
    program.skill.locales = ["de-DE"]
    program.products[0].names = ["de-DE": "Starter-Set"]
    program.products[0].price = Money(minorUnits: 900, currency: "EUR")
    var prompts = NoNicksProgram.prompts
    prompts["welcome"] = NoNicksProgram.template(
      "Willkommen bei No Nicks. Möchtest du ein {catalog.starter_kit.name} für "
        + "{catalog.starter_kit.price} kaufen?")
    program.prompts = ["de-DE": prompts]
    return program
  }

  @Test func germanMoneyAndMessages() async throws {
    let engine = makeEngine(program: Self.germanProgram())
    var customer = ConversationSession(engine: engine, name: "german")
    let welcome = try await customer.send(RequestEnvelopes.launch())
    // The request says en-US, which the flow does not have: its first locale answers.
    #expect(
      welcome.speech == "Willkommen bei No Nicks. Möchtest du ein Starter-Set für 9,00 € kaufen?")
    let unknown = try await customer.connectionsResponse("Setup", token: "nope", payload: nil)
    #expect(
      unknown.speech?.hasPrefix("Leider konnte ich diese Zahlungsanfrage nicht finden.") == true)
  }
}
