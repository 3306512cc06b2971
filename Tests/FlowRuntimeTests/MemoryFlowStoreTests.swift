import FlowIR
import FlowRuntime
import FlowStoreSQL
import Foundation
import Testing

/// The in-memory store honours the store contract.
@Suite struct MemoryFlowStoreTests {
  static let start = Date(timeIntervalSince1970: 1_795_000_000)

  static func continuation(_ token: String, user: String = "u1", expires: TimeInterval = 3600)
    -> Continuation
  {
    Continuation(
      token: token, userId: user, stateId: "setup", taskName: .setup, flowHash: "h",
      variables: ["quantity": .int(1)], locale: "en-US", createdAt: start,
      expiresAt: start.addingTimeInterval(expires))
  }

  static func order(
    _ id: String, user: String = "u1", state: OrderState = .pending, at offset: TimeInterval = 0
  )
    -> OrderRecord
  {
    OrderRecord(
      id: id, userId: user, productId: "starter_kit", quantity: 1,
      amount: Money(minorUnits: 900, currency: "USD"), authorizationReferenceId: nil,
      amazonAuthorizationId: nil, billingAgreementId: nil, state: state,
      createdAt: start.addingTimeInterval(offset), updatedAt: start.addingTimeInterval(offset))
  }

  @Test func consumedTokenCannotBeConsumedAgain() async throws {
    let store = MemoryFlowStore()
    try await store.commit(TurnWrites(newContinuations: [Self.continuation("t1")]))
    #expect(try await store.continuation(token: "t1")?.userId == "u1")
    try await store.commit(TurnWrites(consumedTokens: ["t1"]))
    #expect(try await store.continuation(token: "t1") == nil)
    await #expect(throws: FlowStoreError.self) {
      try await store.commit(TurnWrites(consumedTokens: ["t1"]))
    }
  }

  @Test func conflictWritesNothing() async throws {
    let store = MemoryFlowStore()
    try await store.commit(
      TurnWrites(
        processedRequest: ProcessedRequest(
          userId: "u1", requestId: "r1", response: Data("a".utf8), processedAt: Self.start)))
    await #expect(throws: FlowStoreError.conflict("request 'r1' was already processed")) {
      try await store.commit(
        TurnWrites(
          processedRequest: ProcessedRequest(
            userId: "u1", requestId: "r1", response: Data("b".utf8), processedAt: Self.start),
          newContinuations: [Self.continuation("t2")], orders: [Self.order("o1")]))
    }
    #expect(
      try await store.processedRequest(userId: "u1", requestId: "r1")?.response == Data("a".utf8))
    #expect(try await store.continuation(token: "t2") == nil)
    #expect(try await store.order(id: "o1") == nil)
  }

  @Test func duplicateContinuationTokenConflicts() async throws {
    let store = MemoryFlowStore()
    try await store.commit(TurnWrites(newContinuations: [Self.continuation("t1")]))
    await #expect(throws: FlowStoreError.self) {
      try await store.commit(TurnWrites(newContinuations: [Self.continuation("t1", user: "u2")]))
    }
    #expect(try await store.continuation(token: "t1")?.userId == "u1")
  }

  @Test func ordersUpsertAndListOldestFirst() async throws {
    let store = MemoryFlowStore()
    try await store.commit(TurnWrites(orders: [Self.order("b", at: 10), Self.order("a", at: 5)]))
    try await store.commit(TurnWrites(orders: [Self.order("b", state: .captured, at: 10)]))
    try await store.commit(TurnWrites(orders: [Self.order("c", user: "u2")]))
    let mine = try await store.orders(userId: "u1")
    #expect(mine.map(\.id) == ["a", "b"])
    #expect(mine.last?.state == .captured)
  }

  @Test func openAgreementIsTheLatestOpenOne() async throws {
    let store = MemoryFlowStore()
    func agreement(_ id: String, _ status: String, _ offset: TimeInterval) -> AgreementRecord {
      AgreementRecord(
        userId: "u1", billingAgreementId: id, status: AgreementStatus(rawValue: status),
        createdAt: Self.start.addingTimeInterval(offset),
        updatedAt: Self.start.addingTimeInterval(offset))
    }
    #expect(try await store.openAgreement(userId: "u1") == nil)
    try await store.commit(
      TurnWrites(agreements: [agreement("A", "OPEN", 0), agreement("B", "OPEN", 10)]))
    #expect(try await store.openAgreement(userId: "u1")?.billingAgreementId == "B")
    try await store.commit(TurnWrites(agreements: [agreement("B", "SUSPENDED", 20)]))
    #expect(try await store.openAgreement(userId: "u1")?.billingAgreementId == "A")
    #expect(await store.agreements(userId: "u1").count == 2)
    #expect(try await store.openAgreement(userId: "u2") == nil)
  }

  @Test func purgeDropsOldRequestsAndExpiredContinuations() async throws {
    let store = MemoryFlowStore()
    try await store.commit(
      TurnWrites(
        processedRequest: ProcessedRequest(
          userId: "u1", requestId: "old", response: Data(), processedAt: Self.start),
        newContinuations: [
          Self.continuation("short", expires: 60), Self.continuation("long", expires: 7200),
        ]))
    try await store.purge(before: Self.start.addingTimeInterval(120))
    #expect(try await store.processedRequest(userId: "u1", requestId: "old") == nil)
    #expect(try await store.continuation(token: "short") == nil)
    #expect(try await store.continuation(token: "long") != nil)
  }

  @Test func storeURLs() async throws {
    #expect(try await FlowStores.open(url: "memory:") is MemoryFlowStore)
    #expect(try await FlowStores.open(url: "MEMORY:") is MemoryFlowStore)
    for url in ["memory:x", "redis://x", "nothing", ""] {
      await #expect(throws: StoreLocationError.unsupportedURL(url)) {
        try await FlowStores.open(url: url)
      }
    }
  }
}
