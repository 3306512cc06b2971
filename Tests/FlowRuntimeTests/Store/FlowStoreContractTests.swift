import FlowIR
import FlowRuntime
import Foundation
import Testing

/// The behaviour every ``FlowStore`` driver must have. Each test runs against every driver.
@Suite struct FlowStoreContractTests {
  static let drivers = StoreDriver.allCases

  // Instants with whole milliseconds, the precision stores keep.
  static let t0 = Date(timeIntervalSince1970: 1_800_000_000.125)
  static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

  static func continuation(_ token: String, user: String = "user-1", expiresIn: Double = 3600)
    -> Continuation
  {
    Continuation(
      token: token, userId: user, stateId: "charge", taskName: .charge,
      flowHash: "sha256:abc",
      variables: [
        "product": .product("kit"), "quantity": .int(2), "agreement.open": .bool(true),
        "order.total": .money(Money(minorUnits: 1800, currency: "USD")),
        "shipping.name": .string("Zoë \"Z\" O'Neil; DROP TABLE orders; --"),
      ],
      locale: "en-US", createdAt: at(0), expiresAt: at(expiresIn))
  }

  static func order(_ id: String, user: String = "user-1", state: OrderState = .pending, at: Date)
    -> OrderRecord
  {
    OrderRecord(
      id: id, userId: user, productId: "kit", quantity: 2,
      amount: Money(minorUnits: 1800, currency: "USD"), authorizationReferenceId: nil,
      amazonAuthorizationId: nil, billingAgreementId: nil, state: state, createdAt: at,
      updatedAt: at)
  }

  static func request(_ id: String, at date: Date = t0) -> ProcessedRequest {
    ProcessedRequest(
      userId: "user-1", requestId: id, response: Data(#"{"version":"1.0","response":{}}"#.utf8),
      processedAt: date)
  }

  @Test(arguments: drivers) func emptyStoreHasNothing(driver: StoreDriver) async throws {
    try await driver.withStore { (store) async throws in
      #expect(try await store.processedRequest(userId: "user-1", requestId: "r") == nil)
      #expect(try await store.continuation(token: "t") == nil)
      #expect(try await store.openAgreement(userId: "u") == nil)
      #expect(try await store.order(id: "o") == nil)
      #expect(try await store.orders(userId: "u").isEmpty)
    }
  }

  @Test(arguments: drivers) func committedRecordsReadBackEqual(driver: StoreDriver) async throws {
    try await driver.withStore { (store) async throws in
      let continuation = Self.continuation("tok-1")
      var order = Self.order("o-1", at: Self.at(0))
      order.authorizationReferenceId = "o-1-1-abcdef"
      order.billingAgreementId = "C01-1"
      let agreement = AgreementRecord(
        userId: "user-1", billingAgreementId: "C01-1", status: .open, createdAt: Self.at(0),
        updatedAt: Self.at(0))
      try await store.commit(
        TurnWrites(
          processedRequest: Self.request("req-1"), newContinuations: [continuation],
          orders: [order], agreements: [agreement]))
      #expect(try await store.continuation(token: "tok-1") == continuation)
      #expect(try await store.order(id: "o-1") == order)
      #expect(try await store.orders(userId: "user-1") == [order])
      #expect(try await store.openAgreement(userId: "user-1") == agreement)
      #expect(
        try await store.processedRequest(userId: "user-1", requestId: "req-1")
          == Self.request("req-1"))
    }
  }

  @Test(arguments: drivers) func consumedTokenIsGone(driver: StoreDriver) async throws {
    try await driver.withStore { (store) async throws in
      try await store.commit(TurnWrites(newContinuations: [Self.continuation("tok-1")]))
      try await store.commit(TurnWrites(consumedTokens: ["tok-1"]))
      #expect(try await store.continuation(token: "tok-1") == nil)
    }
  }

  @Test(arguments: drivers)
  func consumingAConsumedTokenConflictsAndWritesNothing(driver: StoreDriver) async throws {
    try await driver.withStore { (store) async throws in
      try await store.commit(TurnWrites(newContinuations: [Self.continuation("tok-1")]))
      try await store.commit(
        TurnWrites(processedRequest: Self.request("r1"), consumedTokens: ["tok-1"]))
      let losing = TurnWrites(
        processedRequest: Self.request("r2"), consumedTokens: ["tok-1"],
        newContinuations: [Self.continuation("tok-2")], orders: [Self.order("o-2", at: Self.t0)],
        agreements: [
          AgreementRecord(
            userId: "user-1", billingAgreementId: "C09", status: .open, createdAt: Self.t0,
            updatedAt: Self.t0)
        ])
      await #expect(throws: FlowStoreError.self) { try await store.commit(losing) }
      #expect(try await store.processedRequest(userId: "user-1", requestId: "r2") == nil)
      #expect(try await store.continuation(token: "tok-2") == nil)
      #expect(try await store.order(id: "o-2") == nil)
      #expect(try await store.openAgreement(userId: "user-1") == nil)
    }
  }

  @Test(arguments: drivers)
  func duplicateRequestIdConflictsAndWritesNothing(driver: StoreDriver) async throws {
    try await driver.withStore { (store) async throws in
      try await store.commit(TurnWrites(processedRequest: Self.request("r1")))
      let again = TurnWrites(
        processedRequest: Self.request("r1", at: Self.at(5)),
        newContinuations: [Self.continuation("tok-9")], orders: [Self.order("o-9", at: Self.t0)])
      do {
        try await store.commit(again)
        Issue.record("a duplicate request id was stored")
      } catch FlowStoreError.conflict {
      }
      #expect(try await store.continuation(token: "tok-9") == nil)
      #expect(try await store.order(id: "o-9") == nil)
      #expect(
        try await store.processedRequest(userId: "user-1", requestId: "r1")?.processedAt == Self.t0)
    }
  }

  @Test(arguments: drivers) func ordersAreUpsertedAndListedOldestFirst(driver: StoreDriver)
    async throws
  {
    try await driver.withStore { (store) async throws in
      let first = Self.order("o-b", at: Self.at(0))
      let second = Self.order("o-a", at: Self.at(10))
      let other = Self.order("o-c", user: "user-2", at: Self.at(5))
      try await store.commit(TurnWrites(orders: [second, first, other]))
      var charged = first
      charged.state = .captured
      charged.amazonAuthorizationId = "S01-1-A1"
      charged.updatedAt = Self.at(20)
      try await store.commit(TurnWrites(orders: [charged]))
      #expect(try await store.orders(userId: "user-1") == [charged, second])
      #expect(try await store.order(id: "o-b")?.state == .captured)
      #expect(try await store.orders(userId: "user-2") == [other])
    }
  }

  @Test(arguments: drivers) func openAgreementIsTheLatestOpenOneOfThatUser(driver: StoreDriver)
    async throws
  {
    try await driver.withStore { (store) async throws in
      func agreement(_ id: String, _ user: String, _ status: String, _ seconds: Double)
        -> AgreementRecord
      {
        AgreementRecord(
          userId: user, billingAgreementId: id, status: AgreementStatus(rawValue: status),
          createdAt: Self.at(seconds),
          updatedAt: Self.at(seconds))
      }
      try await store.commit(
        TurnWrites(agreements: [
          agreement("C01-old", "user-1", "OPEN", 0), agreement("C01-new", "user-1", "OPEN", 10),
          agreement("C01-susp", "user-1", "SUSPENDED", 20),
          agreement("C02", "user-2", "CLOSED", 30),
        ]))
      #expect(try await store.openAgreement(userId: "user-1")?.billingAgreementId == "C01-new")
      #expect(try await store.openAgreement(userId: "user-2") == nil)
      // The newest one is suspended after a declined charge: the older open one remains.
      try await store.commit(
        TurnWrites(agreements: [agreement("C01-new", "user-1", "SUSPENDED", 40)]))
      #expect(try await store.openAgreement(userId: "user-1")?.billingAgreementId == "C01-old")
    }
  }

  @Test(arguments: drivers) func purgeDropsOldRequestsAndExpiredContinuations(
    driver: StoreDriver
  ) async throws {
    try await driver.withStore { (store) async throws in
      try await store.commit(
        TurnWrites(
          processedRequest: Self.request("old", at: Self.at(0)),
          newContinuations: [
            Self.continuation("short", expiresIn: 60), Self.continuation("long", expiresIn: 7200),
          ]))
      try await store.commit(TurnWrites(processedRequest: Self.request("new", at: Self.at(3000))))
      try await store.purge(before: Self.at(1000))
      #expect(try await store.processedRequest(userId: "user-1", requestId: "old") == nil)
      #expect(try await store.processedRequest(userId: "user-1", requestId: "new") != nil)
      #expect(try await store.continuation(token: "short") == nil)
      #expect(try await store.continuation(token: "long") != nil)
    }
  }

  @Test(arguments: drivers) func concurrentConsumersOfOneTokenHaveOneWinner(driver: StoreDriver)
    async throws
  {
    try await driver.withStore { (store) async throws in
      try await store.commit(TurnWrites(newContinuations: [Self.continuation("tok-race")]))
      let outcomes = await withTaskGroup(of: Bool.self) { group in
        for index in 0..<8 {
          group.addTask {
            do {
              try await store.commit(
                TurnWrites(
                  processedRequest: Self.request("race-\(index)"), consumedTokens: ["tok-race"],
                  orders: [Self.order("race-order-\(index)", at: Self.t0)]))
              return true
            } catch {
              return false
            }
          }
        }
        return await group.reduce(into: [Bool]()) { $0.append($1) }
      }
      #expect(outcomes.filter { $0 }.count == 1)
      #expect(try await store.orders(userId: "user-1").count == 1)
    }
  }

  @Test(arguments: drivers) func anotherCustomersOrderIsNeverWritten(driver: StoreDriver)
    async throws
  {
    try await driver.withStore { (store) async throws in
      let owned = Self.order("o-1", state: .captured, at: Self.at(0))
      try await store.commit(TurnWrites(orders: [owned]))
      var forged = Self.order("o-1", user: "user-2", at: Self.at(5))
      forged.amount = Money(minorUnits: 900, currency: "USD")
      await #expect(throws: FlowStoreError.self) {
        try await store.commit(
          TurnWrites(processedRequest: Self.request("r-forged"), orders: [forged]))
      }
      #expect(try await store.order(id: "o-1") == owned)
      #expect(try await store.processedRequest(userId: "user-1", requestId: "r-forged") == nil)
      #expect(try await store.orders(userId: "user-2").isEmpty)
    }
  }

  @Test(arguments: drivers) func aCapturedOrderNeverMovesBackwards(driver: StoreDriver)
    async throws
  {
    try await driver.withStore { (store) async throws in
      var order = Self.order("o-1", state: .charging, at: Self.at(0))
      try await store.commit(TurnWrites(orders: [order]))
      order.state = .captured
      try await store.commit(TurnWrites(orders: [order]))
      for state in OrderState.allCases {
        var later = order
        later.state = state
        later.updatedAt = Self.at(9)
        await #expect(throws: FlowStoreError.self) {
          try await store.commit(TurnWrites(orders: [later]))
        }
      }
      #expect(try await store.order(id: "o-1") == order)
    }
  }

  @Test(arguments: drivers) func answeredRequestsAreKeptPerCustomer(driver: StoreDriver)
    async throws
  {
    try await driver.withStore { (store) async throws in
      try await store.commit(TurnWrites(processedRequest: Self.request("r-1")))
      #expect(try await store.processedRequest(userId: "user-2", requestId: "r-1") == nil)
      var other = Self.request("r-1")
      other.userId = "user-2"
      other.response = Data("{}".utf8)
      try await store.commit(TurnWrites(processedRequest: other))
      #expect(try await store.processedRequest(userId: "user-2", requestId: "r-1") == other)
      #expect(
        try await store.processedRequest(userId: "user-1", requestId: "r-1")
          == Self.request("r-1"))
    }
  }

  @Test(arguments: drivers) func writesPruneOldAnsweredRequests(driver: StoreDriver)
    async throws
  {
    try await driver.withStore { (store) async throws in
      try await store.commit(TurnWrites(processedRequest: Self.request("old", at: Self.at(0))))
      try await store.commit(TurnWrites(processedRequest: Self.request("mid", at: Self.at(50))))
      // The same request again, once its old answer is past the cutoff, is stored anew.
      try await store.commit(
        TurnWrites(
          processedRequest: Self.request("old", at: Self.at(100)),
          pruneProcessedRequestsBefore: Self.at(10)))
      #expect(
        try await store.processedRequest(userId: "user-1", requestId: "old")?.processedAt
          == Self.at(100))
      #expect(try await store.processedRequest(userId: "user-1", requestId: "mid") != nil)
      try await store.commit(TurnWrites(pruneProcessedRequestsBefore: Self.at(60)))
      #expect(try await store.processedRequest(userId: "user-1", requestId: "mid") == nil)
      #expect(try await store.processedRequest(userId: "user-1", requestId: "old") != nil)
    }
  }
}
