import FlowIR
import FlowRuntime
import Foundation
import Testing

/// The behaviour every ``FlowStore`` driver must have: each check of ``checks`` runs against
/// the memory and SQLite drivers here, and against PostgreSQL in `PostgresStoreTests`.
@Suite struct FlowStoreContractTests {
  /// One behaviour of the contract, run on a fresh store.
  struct Check: Sendable, CustomTestStringConvertible {
    let name: String
    let run: @Sendable (any FlowStore) async throws -> Void
    var testDescription: String { name }

    init(_ name: String, _ run: @escaping @Sendable (any FlowStore) async throws -> Void) {
      self.name = name
      self.run = run
    }
  }

  /// Every check of the contract.
  static let checks: [Check] = [
    Check("emptyStoreHasNothing", emptyStoreHasNothing),
    Check("committedRecordsReadBackEqual", committedRecordsReadBackEqual),
    Check("consumedTokenIsGone", consumedTokenIsGone),
    Check(
      "consumingAConsumedTokenConflictsAndWritesNothing",
      consumingAConsumedTokenConflictsAndWritesNothing),
    Check(
      "duplicateRequestIdConflictsAndWritesNothing", duplicateRequestIdConflictsAndWritesNothing),
    Check(
      "purgeDropsOldRequestsAndExpiredContinuations", purgeDropsOldRequestsAndExpiredContinuations),
    Check("ordersAreUpsertedAndListedOldestFirst", ordersAreUpsertedAndListedOldestFirst),
    Check("openAgreementIsTheLatestOpenOneOfThatUser", openAgreementIsTheLatestOpenOneOfThatUser),
    Check("concurrentConsumersOfOneTokenHaveOneWinner", concurrentConsumersOfOneTokenHaveOneWinner),
    Check("concurrentTurnsAreEachCommittedOnce", concurrentTurnsAreEachCommittedOnce),
    Check("concurrentConflictsAreResolvedAsOneAtATime", concurrentConflictsAreResolvedAsOneAtATime),
    Check("anotherCustomersOrderIsNeverWritten", anotherCustomersOrderIsNeverWritten),
    Check("aCapturedOrderNeverMovesBackwards", aCapturedOrderNeverMovesBackwards),
    Check("answeredRequestsAreKeptPerCustomer", answeredRequestsAreKeptPerCustomer),
    Check("writesPruneOldAnsweredRequests", writesPruneOldAnsweredRequests),
    Check("recordsReadAtOnceAreTheSingleReads", recordsReadAtOnceAreTheSingleReads),
  ]

  @Test(arguments: StoreDriver.local, checks)
  func contract(driver: StoreDriver, check: Check) async throws {
    try await driver.withStore(check.run)
  }

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

  static func emptyStoreHasNothing(_ store: any FlowStore) async throws {
    #expect(try await store.processedRequest(userId: "user-1", requestId: "r") == nil)
    #expect(try await store.continuation(token: "t") == nil)
    #expect(try await store.openAgreement(userId: "u") == nil)
    #expect(try await store.order(id: "o") == nil)
    #expect(try await store.orders(userId: "u").isEmpty)
  }

  static func committedRecordsReadBackEqual(_ store: any FlowStore) async throws {
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

  static func consumedTokenIsGone(_ store: any FlowStore) async throws {
    try await store.commit(TurnWrites(newContinuations: [Self.continuation("tok-1")]))
    try await store.commit(TurnWrites(consumedTokens: ["tok-1"]))
    #expect(try await store.continuation(token: "tok-1") == nil)
  }

  static func consumingAConsumedTokenConflictsAndWritesNothing(_ store: any FlowStore) async throws
  {
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

  static func duplicateRequestIdConflictsAndWritesNothing(_ store: any FlowStore) async throws {
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

  static func ordersAreUpsertedAndListedOldestFirst(_ store: any FlowStore) async throws {
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

  static func openAgreementIsTheLatestOpenOneOfThatUser(_ store: any FlowStore) async throws {
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

  /// `records(_:)` finds, for every combination of keys, found or not, what the single reads
  /// find.
  static func recordsReadAtOnceAreTheSingleReads(_ store: any FlowStore) async throws {
    var captured = Self.order("o-2", user: "user-2", state: .captured, at: Self.at(3))
    captured.authorizationReferenceId = "ref-2"
    captured.amazonAuthorizationId = "S01-auth"
    captured.billingAgreementId = "C02-open"
    try await store.commit(
      TurnWrites(
        newContinuations: [Self.continuation("tok"), Self.continuation("used", user: "user-2")],
        orders: [Self.order("o-1", at: Self.at(1)), captured],
        agreements: [
          AgreementRecord(
            userId: "user-1", billingAgreementId: "C01-open", status: .open,
            createdAt: Self.at(0), updatedAt: Self.at(5)),
          AgreementRecord(
            userId: "user-1", billingAgreementId: "C01-closed", status: .closed,
            createdAt: Self.at(1), updatedAt: Self.at(9)),
          AgreementRecord(
            userId: "user-2", billingAgreementId: "C02-open", status: .open,
            createdAt: Self.at(2), updatedAt: Self.at(2)),
        ]))
    try await store.commit(TurnWrites(consumedTokens: ["used"]))
    let tokens: [String?] = [nil, "tok", "used", "none"]
    let openAgreementUsers: [String?] = [nil, "user-1", "user-2", "user-3"]
    let orderIds: [String?] = [nil, "o-1", "o-2", "o-3"]
    let agreements: [(userId: String, billingAgreementId: String)?] = [
      nil, ("user-1", "C01-open"), ("user-1", "C01-closed"), ("user-1", "C02-open"),
      ("user-2", "C02-open"),
    ]
    var compared = 0
    for token in tokens {
      for openUser in openAgreementUsers {
        for orderId in orderIds {
          for agreement in agreements {
            let keys = TurnRecordKeys(
              continuationToken: token, openAgreementUserId: openUser, orderId: orderId,
              agreement: agreement)
            var single = TurnRecords()
            if let token { single.continuation = try await store.continuation(token: token) }
            if let openUser {
              single.openAgreement = try await store.openAgreement(userId: openUser)
            }
            if let orderId { single.order = try await store.order(id: orderId) }
            if let agreement {
              single.agreement = try await store.agreement(
                userId: agreement.userId, billingAgreementId: agreement.billingAgreementId)
            }
            #expect(try await store.records(keys) == single, "\(keys)")
            compared += 1
          }
        }
      }
    }
    #expect(compared == 320)
    // The keys that find something find what was written.
    let found = try await store.records(
      TurnRecordKeys(
        continuationToken: "tok", openAgreementUserId: "user-1", orderId: "o-2",
        agreement: ("user-2", "C02-open")))
    #expect(found.continuation == Self.continuation("tok"))
    #expect(found.openAgreement?.billingAgreementId == "C01-open")
    #expect(found.order == captured)
    #expect(found.agreement?.billingAgreementId == "C02-open")
  }

  static func purgeDropsOldRequestsAndExpiredContinuations(_ store: any FlowStore) async throws {
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

  static func concurrentConsumersOfOneTokenHaveOneWinner(_ store: any FlowStore) async throws {
    try await store.commit(TurnWrites(newContinuations: [Self.continuation("tok-race")]))
    let outcomes = await withTaskGroup(of: Bool.self) { group in
      for index in 0..<64 {
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

  static func anotherCustomersOrderIsNeverWritten(_ store: any FlowStore) async throws {
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

  static func aCapturedOrderNeverMovesBackwards(_ store: any FlowStore) async throws {
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

  static func answeredRequestsAreKeptPerCustomer(_ store: any FlowStore) async throws {
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

  static func writesPruneOldAnsweredRequests(_ store: any FlowStore) async throws {
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
    // Past the cutoff, an answer is replaced, whether or not this commit deleted it.
    try await store.commit(TurnWrites(pruneProcessedRequestsBefore: Self.at(60)))
    try await store.commit(
      TurnWrites(
        processedRequest: Self.request("mid", at: Self.at(110)),
        pruneProcessedRequestsBefore: Self.at(60)))
    #expect(
      try await store.processedRequest(userId: "user-1", requestId: "mid")?.processedAt
        == Self.at(110))
    #expect(try await store.processedRequest(userId: "user-1", requestId: "old") != nil)
    // Within the cutoff, it is not.
    await #expect(throws: FlowStoreError.self) {
      try await store.commit(
        TurnWrites(
          processedRequest: Self.request("mid", at: Self.at(120)),
          pruneProcessedRequestsBefore: Self.at(60)))
    }
  }

  /// 64 turns arriving together, each with its own request, token and order: every one is
  /// committed, once.
  static func concurrentTurnsAreEachCommittedOnce(_ store: any FlowStore) async throws {
    let committed = try await withThrowingTaskGroup(of: Int.self) { group in
      for index in 0..<64 {
        group.addTask {
          try await store.commit(
            TurnWrites(
              processedRequest: Self.request("turn-\(index)"),
              newContinuations: [Self.continuation("turn-token-\(index)")],
              orders: [Self.order("turn-order-\(index)", at: Self.at(Double(index)))],
              newOrderIds: ["turn-order-\(index)"]))
          return 1
        }
      }
      return try await group.reduce(0, +)
    }
    #expect(committed == 64)
    let orders = try await store.orders(userId: "user-1")
    #expect(orders.map(\.id) == (0..<64).map { "turn-order-\($0)" })
    for index in [0, 31, 63] {
      #expect(try await store.continuation(token: "turn-token-\(index)") != nil)
      #expect(try await store.processedRequest(userId: "user-1", requestId: "turn-\(index)") != nil)
    }
  }

  /// 48 turns arriving together in triples that collide — the same request id, the same token
  /// consumed, the same new order id: in each triple exactly one is written, the others fail
  /// with the error they would get one at a time and write nothing.
  static func concurrentConflictsAreResolvedAsOneAtATime(_ store: any FlowStore) async throws {
    for index in 0..<16 {
      try await store.commit(TurnWrites(newContinuations: [Self.continuation("shared-\(index)")]))
    }
    enum Outcome: Sendable, Equatable { case written, conflict, orderIdTaken, other }
    let outcomes = await withTaskGroup(of: (Int, Int, Outcome).self) { group in
      for index in 0..<16 {
        for member in 0..<3 {
          group.addTask {
            // Members 0 and 1 share a request id; 1 and 2 a token; 0 and 2 a new order id.
            let writes = TurnWrites(
              processedRequest: Self.request(member == 2 ? "other-\(index)" : "same-\(index)"),
              consumedTokens: member == 0 ? [] : ["shared-\(index)"],
              newContinuations: [Self.continuation("fresh-\(index)-\(member)")],
              orders: [
                Self.order(
                  member == 1 ? "solo-\(index)" : "pair-\(index)", at: Self.at(Double(member)))
              ],
              newOrderIds: [member == 1 ? "solo-\(index)" : "pair-\(index)"])
            do {
              try await store.commit(writes)
              return (index, member, .written)
            } catch FlowStoreError.conflict {
              return (index, member, .conflict)
            } catch FlowStoreError.orderIdTaken {
              return (index, member, .orderIdTaken)
            } catch {
              return (index, member, .other)
            }
          }
        }
      }
      return await group.reduce(into: [(Int, Int, Outcome)]()) { $0.append($1) }
    }
    #expect(!outcomes.contains { $0.2 == .other })
    for index in 0..<16 {
      let triple = outcomes.filter { $0.0 == index }.sorted { $0.1 < $1.1 }.map(\.2)
      // Every two members collide, so whatever the order of arrival one is written and the
      // two others fail.
      #expect(triple.filter { $0 == .written }.count == 1, "triple \(index): \(triple)")
      for member in 0..<3 {
        let written = triple[member] == .written
        #expect(
          (try await store.continuation(token: "fresh-\(index)-\(member)") != nil) == written,
          "triple \(index) member \(member)")
      }
      let consumed = triple[1] == .written || triple[2] == .written
      #expect((try await store.continuation(token: "shared-\(index)") == nil) == consumed)
    }
  }
}
