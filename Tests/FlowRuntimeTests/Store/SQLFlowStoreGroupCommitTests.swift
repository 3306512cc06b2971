import FlowIR
import FlowRuntime
import FlowTestSupport
import Foundation
import SQLKit
import Testing

@testable import FlowStoreSQL

/// Group commit on SQLite: turns that arrive together share a transaction (and its `fsync`),
/// and each is answered as it would be one at a time.
@Suite struct SQLFlowStoreGroupCommitTests {
  typealias Contract = FlowStoreContractTests

  /// Opens a SQLite file store with `options`, runs `body`, closes it and deletes the file.
  static func withFileStore<Result>(
    _ options: SQLFlowStore.Options, _ body: (SQLFlowStore) async throws -> Result
  ) async throws -> Result {
    let (directory, path) = try TemporaryDirectory.file("group.sqlite")
    defer { directory.remove() }
    let store = try await SQLFlowStore.open(sqlitePath: path, options: options)
    do {
      let result = try await body(store)
      try await store.close()
      return result
    } catch {
      try? await store.close()
      throw error
    }
  }

  /// Commits 64 independent turns at once.
  static func commitTogether(_ store: SQLFlowStore) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
      for index in 0..<64 {
        group.addTask {
          try await store.commit(
            TurnWrites(
              processedRequest: Contract.request("r-\(index)"),
              newContinuations: [Contract.continuation("t-\(index)")],
              orders: [Contract.order("o-\(index)", at: Contract.t0)], newOrderIds: ["o-\(index)"]
            ))
        }
      }
      try await group.waitForAll()
    }
  }

  @Test func turnsArrivingTogetherShareTransactions() async throws {
    let counts = try await Self.withFileStore(.init(groupCommit: true)) { store in
      try await Self.commitTogether(store)
      #expect(try await store.orders(userId: "user-1").count == 64)
      return store.commitCounts.value
    }
    #expect(counts.turns == 64)
    #expect(counts.transactions < 64, "\(counts)")
  }

  @Test func withoutGroupCommitEveryTurnHasItsTransaction() async throws {
    let counts = try await Self.withFileStore(.init(groupCommit: false)) { store in
      try await Self.commitTogether(store)
      return store.commitCounts.value
    }
    #expect(counts == CommitCounts(transactions: 64, turns: 64))
  }

  @Test func groupCommitIsTheDefaultOnSQLiteOnly() async throws {
    let store = try await SQLFlowStore.open(sqlitePath: ":memory:")
    #expect(store.options.groupCommit)
    try await store.close()
  }

  /// One turn's outcome, for comparing a group with the same turns one at a time.
  enum Outcome: Equatable {
    case written, conflict, orderIdTaken, forbidden, database

    init(_ result: Result<Void, any Error>) {
      switch result {
      case .success: self = .written
      case .failure(FlowStoreError.conflict): self = .conflict
      case .failure(FlowStoreError.orderIdTaken): self = .orderIdTaken
      case .failure(FlowStoreError.forbidden): self = .forbidden
      case .failure: self = .database
      }
    }
  }

  /// Turns that collide with each other in every way the store refuses, in one group.
  static let collidingTurns: [TurnWrites] = {
    var captured = Contract.order("o-1", state: .captured, at: Contract.at(5))
    captured.amazonAuthorizationId = "S01-1"
    var later = captured
    later.state = .declined
    return [
      TurnWrites(
        processedRequest: Contract.request("r0"), newContinuations: [Contract.continuation("t1")],
        orders: [Contract.order("o-1", at: Contract.t0)], newOrderIds: ["o-1"]),
      TurnWrites(processedRequest: Contract.request("r1"), consumedTokens: ["t1"]),
      // The token again: consumed by the turn before, in the same group.
      TurnWrites(
        processedRequest: Contract.request("r2"), consumedTokens: ["t1"],
        newContinuations: [Contract.continuation("t2")]),
      // A request id answered by a turn before, in the same group.
      TurnWrites(
        processedRequest: Contract.request("r1"), newContinuations: [Contract.continuation("t3")]),
      // A new order whose id a turn before took.
      TurnWrites(
        processedRequest: Contract.request("r4"),
        orders: [Contract.order("o-1", user: "user-2", at: Contract.t0)], newOrderIds: ["o-1"]),
      // Another customer's order.
      TurnWrites(
        processedRequest: Contract.request("r5"),
        orders: [Contract.order("o-1", user: "user-2", at: Contract.t0)]),
      TurnWrites(processedRequest: Contract.request("r6"), orders: [captured]),
      // A captured order moving back.
      TurnWrites(processedRequest: Contract.request("r7"), orders: [later]),
      TurnWrites(processedRequest: Contract.request("r8"), consumedTokens: ["never-stored"]),
      TurnWrites(
        processedRequest: Contract.request("r9"), newContinuations: [Contract.continuation("t9")],
        agreements: [
          AgreementRecord(
            userId: "user-1", billingAgreementId: "C01-9", status: .open, createdAt: Contract.t0,
            updatedAt: Contract.t0)
        ]),
    ]
  }()

  /// What a store holds after the colliding turns, for comparison.
  static func contents(_ store: SQLFlowStore) async throws -> [String] {
    var lines: [String] = []
    for id in (0...9).map({ "r\($0)" }) {
      lines.append(
        "\(id): \(try await store.processedRequest(userId: "user-1", requestId: id) != nil)")
    }
    for token in ["t1", "t2", "t3", "t9"] {
      lines.append("\(token): \(try await store.continuation(token: token) != nil)")
    }
    lines.append("orders: \(try await store.orders(userId: "user-1"))")
    lines.append("orders of user-2: \(try await store.orders(userId: "user-2"))")
    lines.append(
      "agreement: \(String(describing: try await store.openAgreement(userId: "user-1")))")
    return lines
  }

  @Test func aGroupIsWrittenAsItsTurnsWouldBeOneAtATime() async throws {
    let turns = Self.collidingTurns
    let (alone, aloneContents) = try await Self.withFileStore(.init(groupCommit: false)) {
      store in
      var outcomes: [Outcome] = []
      for writes in turns {
        do {
          try await store.commit(writes)
          outcomes.append(.written)
        } catch {
          outcomes.append(Outcome(.failure(error)))
        }
      }
      return (outcomes, try await Self.contents(store))
    }
    #expect(
      alone == [
        .written, .written, .conflict, .conflict, .orderIdTaken, .forbidden, .written, .forbidden,
        .conflict, .written,
      ])
    let (grouped, groupedContents, counts) = try await Self.withFileStore(
      .init(groupCommit: true)
    ) { store in
      let outcomes = await store.commitGroup(turns).map(Outcome.init)
      return (outcomes, try await Self.contents(store), store.commitCounts.value)
    }
    #expect(grouped == alone)
    #expect(groupedContents == aloneContents)
    #expect(counts == CommitCounts(transactions: 1, turns: 4))
  }

  @Test func aGroupThatFailsAsAWholeIsWrittenOneTurnAtATime() async throws {
    try await Self.withFileStore(.init(groupCommit: true)) { store in
      // A database error inside one turn (not a refusal of the store): the trigger stands for
      // a full disk or a broken constraint.
      try await store.database.raw(
        """
        CREATE TRIGGER boom BEFORE INSERT ON agreements WHEN NEW.billing_agreement_id = 'boom'
        BEGIN SELECT RAISE(ABORT, 'boom'); END
        """
      ).run()
      func turn(_ index: Int, agreement: String) -> TurnWrites {
        TurnWrites(
          processedRequest: Contract.request("r\(index)"),
          agreements: [
            AgreementRecord(
              userId: "user-1", billingAgreementId: agreement, status: .open,
              createdAt: Contract.t0, updatedAt: Contract.t0)
          ])
      }
      let outcomes = await store.commitGroup([
        turn(0, agreement: "C01-0"), turn(1, agreement: "boom"), turn(2, agreement: "C01-2"),
      ]).map(Outcome.init)
      #expect(outcomes == [.written, .database, .written])
      #expect(try await store.processedRequest(userId: "user-1", requestId: "r0") != nil)
      #expect(try await store.processedRequest(userId: "user-1", requestId: "r1") == nil)
      #expect(try await store.processedRequest(userId: "user-1", requestId: "r2") != nil)
      // The group's transaction rolled back; the two good turns were then written alone.
      #expect(store.commitCounts.value == CommitCounts(transactions: 2, turns: 2))
    }
  }
}
