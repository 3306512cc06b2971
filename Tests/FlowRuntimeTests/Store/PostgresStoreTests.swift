import FlowIR
import FlowTestSupport
import FlowTesting
import Foundation
import SQLKit
import Testing

@testable import FlowRuntime
@testable import FlowStoreSQL

/// The SQL store on PostgreSQL (`FLOWC_TEST_POSTGRES_URL`, see ``PostgresTestDatabase``): the
/// store contract, and what several `flowc serve` instances sharing one database rely on.
///
/// The tests run one after the other (each creates a database, which PostgreSQL does one at a
/// time); the concurrency they test is inside each test.
@Suite(.enabled(if: PostgresTestDatabase.available, PostgresTestDatabase.needs), .serialized)
struct PostgresStoreTests {
  typealias Contract = FlowStoreContractTests

  @Test(arguments: [StoreDriver.postgres, .postgresGroupCommit], FlowStoreContractTests.checks)
  func contract(driver: StoreDriver, check: FlowStoreContractTests.Check) async throws {
    try await driver.withStore(check.run)
  }

  @Test func groupCommitIsOffByDefaultOnPostgreSQL() async throws {
    try await Self.withInstances(1) { stores, _ in
      #expect(!stores[0].options.groupCommit)
    }
  }

  /// The order-id checks of the engine and the store (`OrderIdTests`), on PostgreSQL.
  @Test func aTakenOrderIdIsDrawnAgainAndRefusedByTheStore() async throws {
    try await OrderIdTests().aTakenOrderIdIsDrawnAgainAndTheOtherOrderIsKept(driver: .postgres)
    try await OrderIdTests().theStoreRefusesANewOrderWithATakenId(driver: .postgres)
  }

  /// Runs `body` with `count` stores open on one fresh database, as `count` `flowc serve`
  /// processes sharing it, opened at the same time, and closes them afterwards.
  static func withInstances<Result: Sendable>(
    _ count: Int, options: SQLFlowStore.Options? = nil,
    _ body: @Sendable ([SQLFlowStore], String) async throws -> Result
  ) async throws -> Result {
    try await PostgresTestDatabase.withDatabase { url in
      let stores = try await withThrowingTaskGroup(of: SQLFlowStore.self) { group in
        for _ in 0..<count {
          group.addTask { try await SQLFlowStore.open(postgresURL: url, options: options) }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      do {
        let result = try await body(stores, url)
        for store in stores { try await store.close() }
        return result
      } catch {
        for store in stores { try? await store.close() }
        throw error
      }
    }
  }

  @Test func instancesOpeningOneDatabaseTogetherMigrateItOnce() async throws {
    try await Self.withInstances(4) { stores, _ in
      for store in stores {
        #expect(try await store.schemaVersion() == SQLFlowStoreSchema.currentVersion)
      }
      let versions = try await stores[0].database.raw("SELECT version FROM flowc_schema").all()
      #expect(versions.count == SQLFlowStoreSchema.currentVersion)
      let tables = try await stores[0].database.raw(
        """
        SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' ORDER BY table_name
        """
      ).all().map { try $0.decode(column: "table_name", as: String.self) }
      #expect(
        tables == [
          "agreements", "continuations", "flowc_schema", "orders", "processed_requests",
          "session_keys",
        ])
    }
  }

  @Test func theSessionKeyIsCreatedOnceAndSharedByEveryInstance() async throws {
    try await PostgresTestDatabase.withDatabase { url in
      let a = try await SQLFlowStore.open(postgresURL: url)
      let b = try await SQLFlowStore.open(postgresURL: url)
      // Both instances ask at once, several times each: one key wins, every caller reads it.
      let keys = try await withThrowingTaskGroup(of: Data.self) { group in
        for index in 0..<16 {
          let store = index.isMultiple(of: 2) ? a : b
          group.addTask { try await store.sessionKey() }
        }
        return try await group.reduce(into: Set<Data>()) { $0.insert($1) }
      }
      #expect(keys.count == 1)
      #expect(keys.first?.count == SessionSeal.keyByteCount)
      try await a.close()
      try await b.close()
      let reopened = try await SQLFlowStore.open(postgresURL: url)
      #expect(try await reopened.sessionKey() == keys.first)
      try await reopened.close()
    }
  }

  @Test func theDatabaseItselfKeepsOrdersWithTheirCustomerAndCapturedOrdersAsTheyAre()
    async throws
  {
    try await Self.withInstances(1) { stores, _ in
      let store = stores[0]
      let order = Contract.order("o-1", state: .captured, at: Contract.t0)
      try await store.commit(TurnWrites(orders: [order]))
      // A writer that bypasses the store's guarded upsert still cannot do it: the trigger.
      await #expect(throws: (any Error).self) {
        try await store.database.raw("UPDATE orders SET state = 'pending' WHERE id = 'o-1'").run()
      }
      await #expect(throws: (any Error).self) {
        try await store.database.raw("UPDATE orders SET user_id = 'user-2' WHERE id = 'o-1'")
          .run()
      }
      #expect(try await store.order(id: "o-1") == order)
      // An order that is not captured may change, by its own customer.
      var pending = Contract.order("o-2", at: Contract.t0)
      try await store.commit(TurnWrites(orders: [pending]))
      try await store.database.raw("UPDATE orders SET state = 'charging' WHERE id = 'o-2'").run()
      pending.state = .charging
      #expect(try await store.order(id: "o-2") == pending)
    }
  }

  @Test func twoInstancesDrawingOneNewOrderIdWriteOneOrder() async throws {
    try await Self.withInstances(2) { stores, _ in
      for round in 0..<10 {
        let id = "new-\(round)"
        let outcomes = try await withThrowingTaskGroup(of: String?.self) { group in
          for (index, store) in stores.enumerated() {
            group.addTask {
              do {
                try await store.commit(
                  TurnWrites(
                    orders: [Contract.order(id, user: "user-\(index)", at: Contract.t0)],
                    newOrderIds: [id]))
                return "user-\(index)"
              } catch FlowStoreError.orderIdTaken(let taken) {
                #expect(taken == id)
                return nil
              }
            }
          }
          return try await group.reduce(into: [String]()) { winners, winner in
            if let winner { winners.append(winner) }
          }
        }
        #expect(outcomes.count == 1, "round \(round)")
        #expect(try await stores[0].order(id: id)?.userId == outcomes.first)
      }
    }
  }

  /// A payment's directive answered on one instance, its `Connections.Response` delivered 64
  /// times at once with different request ids to two instances: one resumes the conversation,
  /// the 63 others find nothing to resume; every request delivered again, to either instance,
  /// gets its first answer back byte for byte.
  @Test func sixtyFourConcurrentResponsesForOneTokenHaveOneWinner() async throws {
    try await Self.withInstances(2) { stores, _ in
      let engines = stores.map { FlowEngine(program: NoNicksProgram.program(), store: $0) }
      var customer = ConversationSession(engine: engines[0], name: "postgres-race")
      _ = try await customer.launch()
      _ = try await customer.intent(
        "BuyIntent",
        slots: ["product": AlexaSlot("razor kit", id: "starter_kit"), "quantity": AlexaSlot("2")])
      let setup = try #require(try await customer.intent("AMAZON.YesIntent").sendRequest)
      customer.startNewSession()
      let requests = try (0..<64).map { index in
        try CanonicalJSON.compact(
          customer.envelope(
            AlexaEnvelopes.connectionsResponse(
              name: "Setup", code: "200", message: "OK", token: setup.token,
              payload: RequestEnvelopes.setupSuccessPayload),
            requestId: "race-\(index)"))
      }
      let answers = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
        for (index, request) in requests.enumerated() {
          group.addTask { (index, try await engines[index % 2].handle(requestJSON: request)) }
        }
        return try await group.reduce(into: [Int: Data]()) { $0[$1.0] = $1.1 }
      }
      let speeches = try answers.mapValues {
        try CanonicalJSON.decode(ResponseEnvelope.self, from: $0).speech ?? ""
      }
      let resumed = speeches.filter { $0.value.contains("410 Terry Ave N") }
      #expect(resumed.count == 1)
      #expect(
        speeches.values.filter { $0 == RuntimeMessages.paymentNotFound(locale: "en-US") }.count
          == 63)
      // Redeliveries, each to the other instance than the first time.
      let replays = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
        for (index, request) in requests.enumerated() {
          group.addTask { (index, try await engines[(index + 1) % 2].handle(requestJSON: request)) }
        }
        return try await group.reduce(into: [Int: Data]()) { $0[$1.0] = $1.1 }
      }
      #expect(replays == answers)
      #expect(try await stores[1].continuation(token: setup.token) == nil)
    }
  }

  @Test func aWrongPasswordIsRefusedWithoutPrintingIt() async throws {
    let url = try #require(PostgresTestDatabase.url)
    var components = try #require(URLComponents(string: url))
    components.password = "not-the-Password-42"
    let wrong = try #require(components.string)
    do {
      _ = try await SQLFlowStore.open(postgresURL: wrong)
      Issue.record("a wrong password was accepted")
    } catch let error as FlowStoreError {
      let text = error.description
      #expect(!text.contains("not-the-Password-42"), "\(text)")
      #expect(text.contains(":***@"), "\(text)")
      #expect(text.contains("password authentication failed"), "\(text)")
    }
  }

  @Test func aServerThatIsNotThereIsAnErrorThatHidesThePassword() async throws {
    // Port 1 on loopback: nothing listens there.
    let url = "postgres://flowc:hidden-secret@127.0.0.1:1/flowc?sslmode=disable"
    do {
      _ = try await SQLFlowStore.open(postgresURL: url, connectTimeout: .seconds(5))
      Issue.record("a store opened on a closed port")
    } catch let error as FlowStoreError {
      #expect(!error.description.contains("hidden-secret"), "\(error)")
      #expect(
        error.description.contains("cannot open 'postgres://flowc:***@127.0.0.1:1/flowc"),
        "\(error)")
    }
  }
}

/// PostgreSQL store URLs, without a server: parsing, and passwords kept out of every message.
@Suite struct PostgresURLTests {
  @Test func postgresURLsNameAPostgresLocation() throws {
    let location = try StoreLocation(url: " POSTGRES://shop:s3cret@db.internal:6432/shop ")
    #expect(location == .postgres(url: "postgres://shop:s3cret@db.internal:6432/shop"))
    #expect(location.url == "postgres://shop:s3cret@db.internal:6432/shop")
    #expect(location.description == "postgres://shop:***@db.internal:6432/shop")
    #expect(
      try StoreLocation(url: "postgresql://shop@db/shop?sslmode=require")
        == .postgres(url: "postgres://shop@db/shop?sslmode=require"))
    #expect(try StoreLocation(url: "sqlite:a.db").description == "sqlite:a.db")
  }

  @Test(arguments: ["postgres:", "postgres:shop", "postgres://", "postgres:///shop"])
  func postgresURLsWithoutAHostAreRefused(url: String) {
    #expect(throws: StoreLocationError.unsupportedURL(url)) { try StoreLocation(url: url) }
  }

  @Test func refusedURLsArePrintedWithoutTheirPassword() {
    let error = StoreLocationError.unsupportedURL("redis://shop:s3cret@cache:6379/0")
    #expect(
      error.description
        == "unsupported store URL 'redis://shop:***@cache:6379/0' "
        + "(use memory:, sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE)")
    #expect(StoreLocation.redacted("postgres://shop@db/x") == "postgres://shop@db/x")
    #expect(
      StoreLocation.redacted("postgres://a:b@c@d/x?u=v:w@z") == "postgres://a:***@d/x?u=v:w@z")
  }

  @Test func malformedURLsAreRefusedWithTheirPasswordHidden() async throws {
    for url in [
      "postgres://flowc:pw-1@/db", "postgres://:pw-1@localhost/db",
      "postgres://flowc:pw-1@localhost/db?sslmode=maybe",
      "postgres://flowc:pw-1@localhost/db?pool_size=0",
      "postgres://flowc:pw-1@localhost/db?applicationname=x",
    ] {
      do {
        _ = try await SQLFlowStore.open(postgresURL: url)
        Issue.record("\(url) was accepted")
      } catch let error as FlowStoreError {
        #expect(!error.description.contains("pw-1"), "\(error)")
      }
    }
  }
}
