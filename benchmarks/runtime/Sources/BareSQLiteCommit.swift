import FlowIR
import FlowRuntime
import FlowStoreSQL
import Foundation
import SQLiteNIO

/// A store that forwards everything to another store and keeps the writes of every commit that
/// succeeded, so that the bare-commit floor can write the same rows. It times nothing.
final class RecordingStore: FlowStore, @unchecked Sendable {
  private let base: any FlowStore
  private let lock = NSLock()
  private var recorded: [TurnWrites] = []

  init(_ base: any FlowStore) { self.base = base }

  /// The writes committed since the last call, oldest first.
  func takeRecorded() -> [TurnWrites] {
    lock.withLock {
      defer { recorded = [] }
      return recorded
    }
  }

  func processedRequest(userId: String, requestId: String) async throws -> ProcessedRequest? {
    try await base.processedRequest(userId: userId, requestId: requestId)
  }
  func continuation(token: String) async throws -> Continuation? {
    try await base.continuation(token: token)
  }
  func openAgreement(userId: String) async throws -> AgreementRecord? {
    try await base.openAgreement(userId: userId)
  }
  func agreement(userId: String, billingAgreementId: String) async throws -> AgreementRecord? {
    try await base.agreement(userId: userId, billingAgreementId: billingAgreementId)
  }
  func sessionKey() async throws -> Data { try await base.sessionKey() }
  func order(id: String) async throws -> OrderRecord? { try await base.order(id: id) }
  func records(_ keys: TurnRecordKeys) async throws -> TurnRecords {
    try await base.records(keys)
  }
  func orders(userId: String) async throws -> [OrderRecord] {
    try await base.orders(userId: userId)
  }
  func commit(_ writes: TurnWrites) async throws {
    try await base.commit(writes)
    lock.withLock { recorded.append(writes) }
  }
  func purge(before date: Date) async throws { try await base.purge(before: date) }
  func close() async throws { try await base.close() }
}

/// The floor of a SQLite turn: the rows a turn committed, written by bare SQLiteNIO statements
/// with bound parameters in one `BEGIN IMMEDIATE … COMMIT`, on a SQLite file of its own with the
/// store's schema and PRAGMAs (WAL, `synchronous = FULL`, so one `fsync` of the WAL per commit,
/// as the store). No flowc code runs between the two clock readings.
final class BareCommitFloor {
  /// One statement and its bound values.
  struct Statement {
    var sql: String
    var binds: [SQLiteData]
  }

  let path: String
  private let connection: SQLiteConnection

  private init(path: String, connection: SQLiteConnection) {
    self.path = path
    self.connection = connection
  }

  /// Creates the file with the store's own migrations (so the tables, indexes and trigger are
  /// the store's, not a copy), closes the store, and opens the file again with bare SQLiteNIO
  /// and the store's PRAGMAs.
  static func open(path: String) async throws -> BareCommitFloor {
    let schemaOnly = try await FlowStores.open(url: "sqlite:" + path)
    try await schemaOnly.close()
    let connection = try await SQLiteConnection.open(storage: .file(path: path))
    for pragma in [
      "PRAGMA journal_mode = WAL", "PRAGMA busy_timeout = 5000", "PRAGMA synchronous = FULL",
    ] {
      _ = try await connection.query(pragma, [])
    }
    let mode = try await connection.query("PRAGMA journal_mode", []).first?.column(
      "journal_mode")
    let synchronous = try await connection.query("PRAGMA synchronous", []).first?.column(
      "synchronous")
    // FULL is 2.
    guard mode == .text("wal"), synchronous == .integer(2) else {
      throw BenchmarkError.floorNotDurable(
        "journal_mode \(String(describing: mode)), synchronous \(String(describing: synchronous))")
    }
    return BareCommitFloor(path: path, connection: connection)
  }

  func close() async throws { try await connection.close() }

  /// The statements that write what `writes` holds, as the store writes it (same tables,
  /// columns and bytes), prepared before any timing: the instant of a consumed token is now.
  /// No statement prunes old answers: in the benchmark there are none to delete (the store
  /// tries once a minute, and deletes nothing either).
  static func statements(for writes: TurnWrites) throws -> [Statement] {
    let now = milliseconds(Date())
    var statements: [Statement] = []
    if let request = writes.processedRequest {
      statements.append(
        Statement(
          sql: """
            INSERT INTO processed_requests (request_key, response, processed_at_ms)
            VALUES (?1, ?2, ?3)
            """,
          binds: [
            .text(request.key), request.response.sqliteData ?? .null,
            integer(milliseconds(request.processedAt)),
          ]))
    }
    for token in writes.consumedTokens {
      statements.append(
        Statement(
          sql: """
            UPDATE continuations SET consumed_at_ms = ?1
            WHERE token = ?2 AND consumed_at_ms IS NULL
            """,
          binds: [integer(now), .text(token)]))
    }
    for continuation in writes.newContinuations {
      let variables = String(
        decoding: try CanonicalJSON.compact(continuation.variables), as: UTF8.self)
      statements.append(
        Statement(
          sql: """
            INSERT INTO continuations (token, user_id, state_id, task_name, flow_hash,
              variables_json, locale, created_at_ms, expires_at_ms)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """,
          binds: [
            .text(continuation.token), .text(continuation.userId), .text(continuation.stateId),
            .text(continuation.taskName.rawValue), .text(continuation.flowHash), .text(variables),
            .text(continuation.locale), integer(milliseconds(continuation.createdAt)),
            integer(milliseconds(continuation.expiresAt)),
          ]))
    }
    for order in writes.orders {
      statements.append(
        Statement(
          sql: """
            INSERT INTO orders (id, user_id, product_id, quantity, amount_minor_units, currency,
              authorization_reference_id, amazon_authorization_id, billing_agreement_id, state,
              created_at_ms, updated_at_ms)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            ON CONFLICT (id) DO UPDATE SET
              user_id = excluded.user_id, product_id = excluded.product_id,
              quantity = excluded.quantity, amount_minor_units = excluded.amount_minor_units,
              currency = excluded.currency,
              authorization_reference_id = excluded.authorization_reference_id,
              amazon_authorization_id = excluded.amazon_authorization_id,
              billing_agreement_id = excluded.billing_agreement_id, state = excluded.state,
              updated_at_ms = excluded.updated_at_ms
            """,
          binds: [
            .text(order.id), .text(order.userId), .text(order.productId),
            integer(order.quantity), integer(order.amount.minorUnits),
            .text(order.amount.currency), text(order.authorizationReferenceId),
            text(order.amazonAuthorizationId), text(order.billingAgreementId),
            .text(order.state.rawValue), integer(milliseconds(order.createdAt)),
            integer(milliseconds(order.updatedAt)),
          ]))
    }
    for agreement in writes.agreements {
      statements.append(
        Statement(
          sql: """
            INSERT INTO agreements (user_id, billing_agreement_id, status, created_at_ms,
              updated_at_ms)
            VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (user_id, billing_agreement_id) DO UPDATE SET
              status = excluded.status, updated_at_ms = excluded.updated_at_ms
            """,
          binds: [
            .text(agreement.userId), .text(agreement.billingAgreementId),
            .text(agreement.status.rawValue), integer(milliseconds(agreement.createdAt)),
            integer(milliseconds(agreement.updatedAt)),
          ]))
    }
    return statements
  }

  /// Writes one turn's statements in one transaction and returns the seconds it took, from
  /// `BEGIN IMMEDIATE` (the store's SQLite transaction) to the end of `COMMIT`; a single
  /// statement is its own transaction, without `BEGIN` and `COMMIT`.
  func commitSeconds(_ statements: [Statement]) async throws -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    if statements.count == 1 {
      _ = try await connection.query(statements[0].sql, statements[0].binds)
      return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    _ = try await connection.query("BEGIN IMMEDIATE", [])
    for statement in statements {
      _ = try await connection.query(statement.sql, statement.binds)
    }
    _ = try await connection.query("COMMIT", [])
    let end = DispatchTime.now().uptimeNanoseconds
    return Double(end - start) / 1e9
  }

  /// The rows a turn writes, table by table, in a fixed order; a consumed token's instant is
  /// compared as consumed or not (it is the time of the commit).
  static let comparedTables: [(table: String, query: String)] = [
    (
      "processed_requests",
      "SELECT request_key, response, processed_at_ms FROM processed_requests ORDER BY request_key"
    ),
    (
      "continuations",
      """
      SELECT token, user_id, state_id, task_name, flow_hash, variables_json, locale,
        created_at_ms, expires_at_ms, consumed_at_ms IS NULL AS open
      FROM continuations ORDER BY token
      """
    ),
    (
      "orders",
      """
      SELECT id, user_id, product_id, quantity, amount_minor_units, currency,
        authorization_reference_id, amazon_authorization_id, billing_agreement_id, state,
        created_at_ms, updated_at_ms
      FROM orders ORDER BY id
      """
    ),
    (
      "agreements",
      """
      SELECT user_id, billing_agreement_id, status, created_at_ms, updated_at_ms
      FROM agreements ORDER BY user_id, billing_agreement_id
      """
    ),
  ]

  /// Compares the rows of the floor's file with the store's file (both closed for writing):
  /// returns the row count of each table, or throws when a table differs.
  static func compareRows(storePath: String, floorPath: String) async throws -> [(String, Int)] {
    let store = try await SQLiteConnection.open(storage: .file(path: storePath))
    let floor = try await SQLiteConnection.open(storage: .file(path: floorPath))
    var counts: [(String, Int)] = []
    var difference: String? = nil
    for (table, query) in comparedTables where difference == nil {
      let storeRows = try await store.query(query, []).map { $0.columns.map(\.data) }
      let floorRows = try await floor.query(query, []).map { $0.columns.map(\.data) }
      if storeRows != floorRows {
        difference =
          "\(table): the store has \(storeRows.count) rows, the floor \(floorRows.count), and they differ"
      }
      counts.append((table, storeRows.count))
    }
    try await store.close()
    try await floor.close()
    if let difference { throw BenchmarkError.floorRowsDiffer(difference) }
    return counts
  }

  private static func integer(_ value: Int64) -> SQLiteData {
    .integer(SQLiteInt64(value))
  }

  private static func text(_ value: String?) -> SQLiteData {
    value.map { .text($0) } ?? .null
  }

  /// Milliseconds since 1970, as the store writes an instant.
  private static func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
  }
}

/// A store that forwards everything to another store and times each call, to say where a
/// SQLite turn's time goes beyond the memory turn: the reads before the turn and the commit.
/// Used on a store of its own, never in the measured rows.
final class TimingStore: FlowStore, @unchecked Sendable {
  private let base: any FlowStore
  private let lock = NSLock()
  private var calls: [String: LatencySamples] = [:]

  init(_ base: any FlowStore) { self.base = base }

  /// The samples of each kind of call, by name.
  var samples: [String: LatencySamples] { lock.withLock { calls } }

  /// Forgets the samples so far (those of the warm-up).
  func reset() { lock.withLock { calls = [:] } }

  private func timed<Result>(_ name: String, _ body: () async throws -> Result) async rethrows
    -> Result
  {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try await body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    lock.withLock { calls[name, default: LatencySamples()].add(seconds) }
    return result
  }

  func processedRequest(userId: String, requestId: String) async throws -> ProcessedRequest? {
    try await timed("processedRequest") {
      try await base.processedRequest(userId: userId, requestId: requestId)
    }
  }
  func continuation(token: String) async throws -> Continuation? {
    try await timed("continuation") { try await base.continuation(token: token) }
  }
  func openAgreement(userId: String) async throws -> AgreementRecord? {
    try await timed("openAgreement") { try await base.openAgreement(userId: userId) }
  }
  func agreement(userId: String, billingAgreementId: String) async throws -> AgreementRecord? {
    try await timed("agreement") {
      try await base.agreement(userId: userId, billingAgreementId: billingAgreementId)
    }
  }
  func sessionKey() async throws -> Data {
    try await timed("sessionKey") { try await base.sessionKey() }
  }
  func order(id: String) async throws -> OrderRecord? {
    try await timed("order") { try await base.order(id: id) }
  }
  func records(_ keys: TurnRecordKeys) async throws -> TurnRecords {
    try await timed("records") { try await base.records(keys) }
  }
  func orders(userId: String) async throws -> [OrderRecord] {
    try await timed("orders") { try await base.orders(userId: userId) }
  }
  func commit(_ writes: TurnWrites) async throws {
    try await timed("commit") { try await base.commit(writes) }
  }
  func purge(before date: Date) async throws { try await base.purge(before: date) }
  func close() async throws { try await base.close() }
}
