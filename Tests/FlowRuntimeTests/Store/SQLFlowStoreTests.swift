import FlowIR
import FlowRuntime
import FlowTestSupport
import Foundation
import SQLKit
import Testing

@testable import FlowStoreSQL

/// What is particular to the SQL driver: files, WAL, schema versions, several connections.
@Suite struct SQLFlowStoreTests {
  typealias Contract = FlowStoreContractTests

  /// Checks that opening the SQLite file at `path` fails with a ``FlowStoreError``.
  static func expectOpenRefused(
    _ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) async {
    await #expect(throws: FlowStoreError.self, sourceLocation: sourceLocation) {
      try await SQLFlowStore.open(sqlitePath: path)
    }
  }

  /// Runs `body` with two stores open on the SQLite file at `path`, as two `flowc serve`
  /// processes sharing a database, and closes both afterwards.
  static func withTwoStores<T>(
    _ path: String, _ body: (SQLFlowStore, SQLFlowStore) async throws -> T
  ) async throws -> T {
    let a = try await SQLFlowStore.open(sqlitePath: path)
    let b = try await SQLFlowStore.open(sqlitePath: path)
    let result = try await body(a, b)
    try await a.close()
    try await b.close()
    return result
  }

  /// The names of the store's tables, sorted.
  static func tables(_ store: SQLFlowStore) async throws -> [String] {
    try await store.database.raw(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    ).all().map { try $0.decode(column: "name", as: String.self) }
  }

  /// The SQL driver refuses to consume a token it never stored (the memory store only checks
  /// for tokens consumed before), so a forged token can never pass a commit.
  @Test(arguments: [StoreDriver.sqliteMemory, .sqliteFile])
  func consumingAnUnknownTokenConflicts(driver: StoreDriver) async throws {
    try await driver.withStore { (store) async throws in
      do {
        try await store.commit(TurnWrites(consumedTokens: ["never-stored"]))
        Issue.record("consuming an unknown token succeeded")
      } catch let error as FlowStoreError {
        guard case .conflict = error else {
          Issue.record("expected a conflict, got \(error)")
          return
        }
      }
    }
  }

  /// The first commit with a cutoff deletes the answers older than it; the next ones within
  /// ``SQLFlowStore/pruneInterval`` do not, alone or grouped, and an old answer they leave is
  /// replaced, never a conflict.
  @Test(arguments: [false, true])
  func answersPastTheirRetentionArePrunedOnceAMinute(groupCommit: Bool) async throws {
    let store = try await SQLFlowStore.open(
      sqlitePath: ":memory:", options: .init(groupCommit: groupCommit))
    func stored() async throws -> [String] {
      try await store.database.raw(
        "SELECT processed_at_ms FROM processed_requests ORDER BY processed_at_ms"
      ).all().map { String(try $0.decode(column: "processed_at_ms", as: Int64.self)) }
    }
    let millisecondsOf = { (seconds: Double) in
      String(SQLFlowStore.milliseconds(Contract.at(seconds)))
    }
    try await store.commit(TurnWrites(processedRequest: Contract.request("a", at: Contract.at(0))))
    try await store.commit(
      TurnWrites(
        processedRequest: Contract.request("b", at: Contract.at(20)),
        pruneProcessedRequestsBefore: Contract.at(10)))
    #expect(try await stored() == [millisecondsOf(20)])
    try await store.commit(TurnWrites(processedRequest: Contract.request("c", at: Contract.at(1))))
    for (index, writes) in [
      // An answer only: one statement, no transaction.
      TurnWrites(
        processedRequest: Contract.request("d", at: Contract.at(30)),
        pruneProcessedRequestsBefore: Contract.at(10)),
      // More than an answer: a transaction.
      TurnWrites(
        processedRequest: Contract.request("e", at: Contract.at(40)),
        newContinuations: [Contract.continuation("t-e")],
        pruneProcessedRequestsBefore: Contract.at(10)),
    ].enumerated() {
      try await store.commit(writes)
      #expect(try await stored().first == millisecondsOf(1), "commit \(index)")
    }
    // "c" is past the cutoff: answered again, its old answer is replaced.
    try await store.commit(
      TurnWrites(
        processedRequest: Contract.request("c", at: Contract.at(50)),
        pruneProcessedRequestsBefore: Contract.at(10)))
    #expect(
      try await stored() == [20, 30, 40, 50].map(millisecondsOf))
    try await store.close()
  }

  @Test func reopenedFileStillHoldsTheData() async throws {
    let (directory, path) = try TemporaryDirectory.file("shop.sqlite")
    defer { directory.remove() }
    let order = Contract.order("o-1", at: Contract.t0)
    let first = try await SQLFlowStore.open(sqlitePath: path)
    try await first.commit(
      TurnWrites(
        processedRequest: Contract.request("r1"), newContinuations: [Contract.continuation("t1")],
        orders: [order]))
    try await first.close()

    let second = try await SQLFlowStore.open(sqlitePath: path)
    #expect(try await second.order(id: "o-1") == order)
    #expect(try await second.continuation(token: "t1") == Contract.continuation("t1"))
    #expect(try await second.processedRequest(userId: "user-1", requestId: "r1") != nil)
    #expect(try await second.schemaVersion() == SQLFlowStoreSchema.currentVersion)
    try await second.close()
  }

  @Test func emptyFileIsMigratedInWALMode() async throws {
    let (directory, path) = try TemporaryDirectory.file("empty.sqlite")
    defer { directory.remove() }
    FileManager.default.createFile(atPath: path, contents: Data())
    let store = try await SQLFlowStore.open(sqlitePath: path)
    #expect(try await store.schemaVersion() == SQLFlowStoreSchema.currentVersion)
    let mode = try await store.database.raw("PRAGMA journal_mode").first()?
      .decode(column: "journal_mode", as: String.self)
    #expect(mode == "wal")
    #expect(
      try await Self.tables(store) == [
        "agreements", "continuations", "flowc_schema", "orders", "processed_requests",
        "session_keys",
      ])
    let versions = try await store.database.raw("SELECT version FROM flowc_schema").all()
    #expect(versions.count == SQLFlowStoreSchema.currentVersion)
    try await store.close()
  }

  @Test func theSessionKeyIsCreatedOnceAndSharedByEveryInstance() async throws {
    let (directory, path) = try TemporaryDirectory.file("key.sqlite")
    defer { directory.remove() }
    let key = try await Self.withTwoStores(path) { a, b in
      let key = try await b.sessionKey()
      #expect(key.count == 32)
      #expect(try await a.sessionKey() == key)
      return key
    }
    let reopened = try await SQLFlowStore.open(sqlitePath: path)
    #expect(try await reopened.sessionKey() == key)
    try await reopened.close()
    let other = try await SQLFlowStore.open(sqlitePath: ":memory:")
    #expect(try await other.sessionKey() != key)
    try await other.close()
  }

  @Test func theDatabaseItselfKeepsOrdersWithTheirCustomerAndCapturedOrdersAsTheyAre()
    async throws
  {
    let store = try await SQLFlowStore.open(sqlitePath: ":memory:")
    let order = FlowStoreContractTests.order(
      "o-1", state: .captured, at: FlowStoreContractTests.t0)
    try await store.commit(TurnWrites(orders: [order]))
    // A writer that bypasses the store's guarded upsert still cannot do it.
    await #expect(throws: (any Error).self) {
      try await store.database.raw("UPDATE orders SET state = 'pending' WHERE id = 'o-1'").run()
    }
    await #expect(throws: (any Error).self) {
      try await store.database.raw("UPDATE orders SET user_id = 'user-2' WHERE id = 'o-1'").run()
    }
    #expect(try await store.order(id: "o-1") == order)
    try await store.close()
  }

  @Test func openingTwiceDoesNotMigrateTwice() async throws {
    let (directory, path) = try TemporaryDirectory.file("twice.sqlite")
    defer { directory.remove() }
    try await Self.withTwoStores(path) { _, b in
      let rows = try await b.database.raw("SELECT version FROM flowc_schema").all()
      #expect(rows.count == SQLFlowStoreSchema.currentVersion)
    }
  }

  @Test func databaseFromANewerFlowcIsRefused() async throws {
    let (directory, path) = try TemporaryDirectory.file("future.sqlite")
    defer { directory.remove() }
    let store = try await SQLFlowStore.open(sqlitePath: path)
    try await store.database.raw(
      "INSERT INTO flowc_schema (version, summary, applied_at_ms) VALUES (99, 'future', 0)"
    ).run()
    try await store.close()
    await Self.expectOpenRefused(path)
  }

  @Test func fileThatIsNotADatabaseIsAnErrorNotACrash() async throws {
    let (directory, path) = try TemporaryDirectory.file("garbage.sqlite")
    defer { directory.remove() }
    FileManager.default.createFile(
      atPath: path, contents: Data(repeating: 0x5A, count: 4096))
    await Self.expectOpenRefused(path)
    await Self.expectOpenRefused(directory.path("missing-dir/x.sqlite"))
  }

  @Test func twoConnectionsRacingForOneTokenHaveOneWinner() async throws {
    // Two stores on one file stand for two `flowc serve` processes sharing a database.
    let (directory, path) = try TemporaryDirectory.file("shared.sqlite")
    defer { directory.remove() }
    try await Self.withTwoStores(path) { a, b in
      for round in 0..<10 {
        let token = "tok-\(round)"
        try await a.commit(TurnWrites(newContinuations: [Contract.continuation(token)]))
        async let fromA: Bool = Self.consume(token, in: a, request: "a-\(round)")
        async let fromB: Bool = Self.consume(token, in: b, request: "b-\(round)")
        let results = await [fromA, fromB]
        #expect(results.filter { $0 }.count == 1, "round \(round)")
      }
      #expect(try await a.orders(userId: "user-1").count == 10)
    }
  }

  @Test func readsNeverSeeATurnThatRollsBack() async throws {
    let store = try await SQLFlowStore.open(sqlitePath: ":memory:")
    try await store.commit(TurnWrites(newContinuations: [Contract.continuation("spent")]))
    try await store.commit(TurnWrites(consumedTokens: ["spent"]))
    // Each losing turn inserts its request row, then fails on the spent token and rolls back.
    let sightings = try await withThrowingTaskGroup(of: Int.self) { group in
      group.addTask {
        for index in 0..<150 {
          _ = try? await store.commit(
            TurnWrites(
              processedRequest: Contract.request("ghost-\(index)"), consumedTokens: ["spent"]))
        }
        return 0
      }
      group.addTask {
        var seen = 0
        for round in 0..<600 {
          if try await store.processedRequest(userId: "user-1", requestId: "ghost-\(round / 4)")
            != nil
          {
            seen += 1
          }
        }
        return seen
      }
      return try await group.reduce(0, +)
    }
    #expect(sightings == 0)
    try await store.close()
  }

  static func consume(_ token: String, in store: SQLFlowStore, request: String) async -> Bool {
    do {
      try await store.commit(
        TurnWrites(
          processedRequest: Contract.request(request), consumedTokens: [token],
          orders: [Contract.order("order-\(request)", at: Contract.t0)]))
      return true
    } catch {
      return false
    }
  }
}
