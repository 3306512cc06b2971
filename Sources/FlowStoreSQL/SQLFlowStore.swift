import FlowIR
public import FlowRuntime
public import Foundation
public import SQLKit
import SQLiteKit
import SQLiteNIO

/// A `FlowStore` over a SQLKit database: SQLite (the embedded default, one connection) or
/// PostgreSQL (postgres-kit, a pool of connections, for several `flowc serve` instances sharing
/// one database). The same SQL serves both; the few differences are in `SQLFlowStoreDialect`.
///
/// - Every ``commit(_:)`` is one transaction. Consuming a token that is already consumed (or
///   unknown), storing a token twice or storing a request id twice raises
///   ``FlowStoreError/conflict(_:)`` and rolls everything of the batch back; so does a new
///   order whose id another order has (``FlowStoreError/orderIdTaken(_:)``: the `orders.id`
///   primary key keeps the short, spoken order ids unique).
/// - Conflicts are detected with `INSERT … ON CONFLICT DO NOTHING RETURNING` and
///   `UPDATE … WHERE consumed_at_ms IS NULL RETURNING`, which SQLite (3.35+) and PostgreSQL
///   both understand, so two servers sharing a database cannot both win a token (on PostgreSQL
///   the second `UPDATE` waits for the first transaction's row lock, then finds the token
///   consumed).
/// - With ``Options/groupCommit`` (the default on SQLite), the commits of turns that arrive
///   together are written in one transaction, one turn per savepoint, and each caller returns
///   only after that transaction committed: the turns share one `fsync`. A turn whose writes
///   conflict is rolled back to its savepoint alone and fails as it would have alone (see
///   `SQLFlowStore+GroupCommit.swift`).
/// - The schema is versioned (`flowc_schema`) and migrated when the store opens
///   (see `SQLFlowStore+Migrations.swift`).
public final class SQLFlowStore: FlowStore {
  /// The database the store reads and writes.
  public let database: any SQLDatabase
  /// The SQL dialect of ``database``.
  let dialect: SQLFlowStoreDialect
  /// How commits are written.
  public let options: Options
  private let transactions = SerialAsyncLock()
  /// The queue of group commits (`nil` when ``Options/groupCommit`` is off).
  private let groupCommitter: GroupCommitter?
  /// How many turns were committed, in how many transactions.
  let commitCounts = LockedValue(CommitCounts())
  private let closeDatabase: @Sendable () async throws -> Void
  private let migrations: [SQLFlowStoreSchema.Migration]
  /// The session key once read: it never changes after it was created.
  private let cachedKey = LockedValue<Data?>(nil)
  /// When the next commit deletes the answered requests past their retention
  /// (``pruneIsDue(_:)``).
  private let nextPrune = LockedValue(Date.distantPast)

  private init(
    database: any SQLDatabase, close: @escaping @Sendable () async throws -> Void,
    migrations: [SQLFlowStoreSchema.Migration], options: Options?
  ) {
    self.database = database
    let dialect = SQLFlowStoreDialect(database)
    self.dialect = dialect
    let options = options ?? Options(dialect: dialect)
    self.options = options
    self.closeDatabase = close
    self.migrations = migrations
    self.groupCommitter =
      options.groupCommit ? GroupCommitter(maximumBatchSize: options.maximumBatchSize) : nil
  }

  /// Opens a store on a database and brings its schema up to date.
  ///
  /// - Parameters:
  ///   - database: a SQLKit database (one connection or a pool).
  ///   - options: how commits are written; the dialect's defaults when `nil`.
  ///   - close: what ``close()`` does with the database after the store is done.
  /// - Throws: ``FlowStoreError/database(_:)`` when the database fails or its schema is newer
  ///   than this build knows.
  public static func open(
    database: any SQLDatabase, options: Options? = nil,
    close: @escaping @Sendable () async throws -> Void = {}
  ) async throws -> SQLFlowStore {
    try await open(
      database: database, close: close, migrations: SQLFlowStoreSchema.migrations,
      options: options)
  }

  /// Opens a store with a given list of migrations (tests use it to add a step).
  static func open(
    database: any SQLDatabase, close: @escaping @Sendable () async throws -> Void,
    migrations: [SQLFlowStoreSchema.Migration], options: Options? = nil
  ) async throws -> SQLFlowStore {
    let store = SQLFlowStore(
      database: database, close: close, migrations: migrations, options: options)
    try await store.migrate()
    return store
  }

  /// Opens (creating if needed) a SQLite file, in WAL mode, and brings its schema up to date.
  ///
  /// - Parameters:
  ///   - sqlitePath: the database file; `:memory:` for a private in-memory database.
  ///   - options: how commits are written; group commit on by default.
  public static func open(sqlitePath: String, options: Options? = nil) async throws
    -> SQLFlowStore
  {
    try await open(
      sqlitePath: sqlitePath, migrations: SQLFlowStoreSchema.migrations, options: options)
  }

  /// Opens a SQLite file with a given list of migrations (tests use it to add a step).
  static func open(
    sqlitePath: String, migrations: [SQLFlowStoreSchema.Migration], options: Options? = nil
  ) async throws
    -> SQLFlowStore
  {
    let storage: SQLiteConnection.Storage =
      sqlitePath == ":memory:" ? .memory : .file(path: sqlitePath)
    let connection: SQLiteConnection
    do {
      connection = try await SQLiteConnection.open(storage: storage)
    } catch {
      throw FlowStoreError.database("cannot open '\(sqlitePath)': \(error)")
    }
    let database = connection.sql()
    do {
      // WAL lets readers go on while a turn commits; the busy timeout makes a second process
      // wait for the write lock instead of failing at once; FULL syncs the WAL at every commit,
      // so a turn acknowledged to Alexa survives a power cut, not only a process crash.
      try await database.raw("PRAGMA journal_mode = WAL").run()
      try await database.raw("PRAGMA busy_timeout = 5000").run()
      try await database.raw("PRAGMA synchronous = FULL").run()
      return try await open(
        database: database, close: { try await connection.close() }, migrations: migrations,
        options: options)
    } catch {
      try? await connection.close()
      if let error = error as? FlowStoreError { throw error }
      throw FlowStoreError.database("cannot open '\(sqlitePath)': \(error)")
    }
  }

  // MARK: - Schema

  /// The schema version stored in the database.
  public func schemaVersion() async throws -> Int {
    try await read {
      try await self.database.raw("SELECT MAX(version) AS version FROM flowc_schema").first()?
        .decode(column: "version", as: Int?.self) ?? 0
    }
  }

  private func migrate() async throws {
    let dialect = self.dialect
    let migrations = self.migrations
    let newest = migrations.last?.version ?? 0
    try await transaction { database in
      // Two instances opening one database at once: the second waits here for the first's
      // migrations, then finds them applied.
      for statement in dialect.migrationLock {
        try await database.raw(SQLQueryString(statement)).run()
      }
      try await database.raw(SQLQueryString(SQLFlowStoreSchema.versionTable)).run()
      let current =
        try await database.raw("SELECT MAX(version) AS version FROM flowc_schema").first()?
        .decode(column: "version", as: Int?.self) ?? 0
      guard current <= newest else {
        throw FlowStoreError.database(
          "schema version \(current) is newer than this flowc knows (\(newest))")
      }
      for migration in migrations where migration.version > current {
        for statement in migration.statements(dialect) {
          try await database.raw(SQLQueryString(statement)).run()
        }
        try await database.raw(
          """
          INSERT INTO flowc_schema (version, summary, applied_at_ms)
          VALUES (\(bind: migration.version), \(bind: migration.summary), \(bind: Self.milliseconds(Date())))
          """
        ).run()
      }
    }
  }

  // MARK: - Reads

  /// See ``FlowStore/processedRequest(userId:requestId:)``.
  public func processedRequest(userId: String, requestId: String) async throws
    -> ProcessedRequest?
  {
    let key = ProcessedRequest.key(userId: userId, requestId: requestId)
    return try await read {
      guard
        let row = try await self.database.raw(
          """
          SELECT response, processed_at_ms FROM processed_requests
          WHERE request_key = \(bind: key)
          """
        ).first()
      else { return nil }
      return ProcessedRequest(
        userId: userId, requestId: requestId,
        response: try row.decode(column: "response", as: Data.self),
        processedAt: Self.date(try row.decode(column: "processed_at_ms", as: Int64.self)))
    }
  }

  /// See ``FlowStore/continuation(token:)``.
  public func continuation(token: String) async throws -> Continuation? {
    try await read {
      guard
        let row = try await self.database.raw(
          """
          SELECT \(unsafeRaw: Self.continuationColumns)
          FROM continuations WHERE token = \(bind: token) AND consumed_at_ms IS NULL
          """
        ).first()
      else { return nil }
      return try Self.continuation(from: row)
    }
  }

  /// See ``FlowStore/openAgreement(userId:)``.
  public func openAgreement(userId: String) async throws -> AgreementRecord? {
    try await read {
      try await self.database.raw(Self.openAgreementQuery(userId: userId)).first()
        .map(Self.agreement(from:))
    }
  }

  /// See ``FlowStore/agreement(userId:billingAgreementId:)``.
  public func agreement(userId: String, billingAgreementId: String) async throws
    -> AgreementRecord?
  {
    try await read {
      try await self.database.raw(
        """
        SELECT \(unsafeRaw: Self.agreementColumns) FROM agreements
        WHERE user_id = \(bind: userId) AND billing_agreement_id = \(bind: billingAgreementId)
        """
      ).first().map(Self.agreement(from:))
    }
  }

  /// See ``FlowStore/sessionKey()``.
  ///
  /// The first caller of any instance inserts a fresh key (row 1 of `session_keys`); an insert
  /// that loses the race changes nothing, and every caller reads the stored row.
  public func sessionKey() async throws -> Data {
    if let key = cachedKey.value { return key }
    let fresh = SessionSeal.newKey()
    let key = try await transaction { database in
      try await database.raw(
        """
        INSERT INTO session_keys (id, secret, created_at_ms)
        VALUES (1, \(bind: fresh), \(bind: Self.milliseconds(Date())))
        ON CONFLICT (id) DO NOTHING
        """
      ).run()
      guard
        let row = try await database.raw("SELECT secret FROM session_keys WHERE id = 1").first()
      else { throw FlowStoreError.database("the session key could not be stored") }
      return try row.decode(column: "secret", as: Data.self)
    }
    guard key.count >= SessionSeal.keyByteCount else {
      throw FlowStoreError.database("the stored session key is shorter than 256 bits")
    }
    cachedKey.value = key
    return key
  }

  /// See ``FlowStore/order(id:)``.
  public func order(id: String) async throws -> OrderRecord? {
    try await read {
      try await self.database.raw(
        "SELECT \(unsafeRaw: Self.orderColumns) FROM orders WHERE id = \(bind: id)"
      ).first().map(Self.order(from:))
    }
  }

  /// See ``FlowStore/records(_:)``: one query, whatever keys are set (a left join of each
  /// record to one row), so that a turn's reads are one round trip to the database.
  public func records(_ keys: TurnRecordKeys) async throws -> TurnRecords {
    guard !keys.isEmpty else { return TurnRecords() }
    var columns: [String] = []
    var joins: SQLQueryString = ""
    if let token = keys.continuationToken {
      columns += Self.recordColumns.continuation
      joins += """
         LEFT JOIN continuations c ON c.token = \(bind: token) AND c.consumed_at_ms IS NULL
        """
    }
    if let userId = keys.openAgreementUserId {
      columns += Self.recordColumns.openAgreement
      joins += " LEFT JOIN (\(Self.openAgreementQuery(userId: userId))) a ON 1 = 1"
    }
    if let id = keys.orderId {
      columns += Self.recordColumns.order
      joins += " LEFT JOIN orders o ON o.id = \(bind: id)"
    }
    if let key = keys.agreement {
      columns += Self.recordColumns.agreement
      joins += """
         LEFT JOIN agreements g ON g.user_id = \(bind: key.userId) \
        AND g.billing_agreement_id = \(bind: key.billingAgreementId)
        """
    }
    let query: SQLQueryString =
      "SELECT \(unsafeRaw: columns.joined(separator: ", ")) FROM (SELECT 1 AS one) one" + joins
    return try await read {
      guard let row = try await self.database.raw(query).first() else { return TurnRecords() }
      func present(_ table: String, _ column: String) throws -> Bool {
        try !row.decodeNil(column: "\(table)_\(column)")
      }
      var found = TurnRecords()
      if keys.continuationToken != nil, try present("c", "token") {
        found.continuation = try Self.continuation(from: PrefixedRow(row, table: "c"))
      }
      if keys.openAgreementUserId != nil, try present("a", "user_id") {
        found.openAgreement = try Self.agreement(from: PrefixedRow(row, table: "a"))
      }
      if keys.orderId != nil, try present("o", "id") {
        found.order = try Self.order(from: PrefixedRow(row, table: "o"))
      }
      if keys.agreement != nil, try present("g", "user_id") {
        found.agreement = try Self.agreement(from: PrefixedRow(row, table: "g"))
      }
      return found
    }
  }

  /// See ``FlowStore/orders(userId:)``.
  public func orders(userId: String) async throws -> [OrderRecord] {
    try await read {
      try await self.database.raw(
        """
        SELECT \(unsafeRaw: Self.orderColumns) FROM orders WHERE user_id = \(bind: userId)
        ORDER BY created_at_ms, id
        """
      ).all().map(Self.order(from:))
    }
  }

  // MARK: - Writes

  /// See ``FlowStore/commit(_:)``.
  ///
  /// With ``Options/groupCommit``, the writes wait for the next group commit (see
  /// `SQLFlowStore+GroupCommit.swift`) and this returns, or throws what they would have thrown
  /// alone, once it committed.
  public func commit(_ writes: TurnWrites) async throws {
    if let groupCommitter {
      try await groupCommitter.submit(writes, to: self)
    } else {
      try await commitAlone(writes)
    }
  }

  /// Commits one turn's writes in a transaction of their own; a turn that writes only its
  /// answer, and whose commit has no pruning due, in one statement (which is a transaction by
  /// itself), so that the usual turn costs the database one round trip instead of four.
  func commitAlone(_ writes: TurnWrites) async throws {
    let dialect = self.dialect
    let prune = pruneIsDue(writes)
    if !prune, let request = writes.processedRequest,
      writes
        == TurnWrites(
          processedRequest: request,
          pruneProcessedRequestsBefore: writes.pruneProcessedRequestsBefore)
    {
      try await serialized {
        try await self.wrap {
          try await Self.insert(
            request, replacingAnswersBefore: writes.pruneProcessedRequestsBefore,
            in: self.database)
        }
      }
    } else {
      try await transaction { database in
        try await Self.apply(writes, prune: prune, in: database, dialect: dialect)
      }
    }
    commitCounts.update { $0.add(turns: 1) }
  }

  /// Whether a commit with `writes` deletes the answered requests older than its cutoff: at
  /// most once per ``pruneInterval`` (a `DELETE` per turn is a round trip per turn, for rows
  /// that grow old by the minute); an answer past the cutoff that is not deleted yet is replaced
  /// by a new answer to the same request, never replayed (the engine checks its age).
  func pruneIsDue(_ writes: TurnWrites) -> Bool {
    guard writes.pruneProcessedRequestsBefore != nil else { return false }
    let now = Date()
    return nextPrune.update { due in
      guard now >= due else { return false }
      due = now.addingTimeInterval(Self.pruneInterval)
      return true
    }
  }

  /// How often commits delete the answered requests past their retention.
  static let pruneInterval: TimeInterval = 60

  /// Writes one turn inside an open transaction; throws ``FlowStoreError/conflict(_:)``,
  /// ``FlowStoreError/orderIdTaken(_:)`` or ``FlowStoreError/forbidden(_:)`` (after which the
  /// caller rolls the turn back) when the turn may not be written.
  ///
  /// - Parameter prune: whether to delete the answered requests older than the writes' cutoff
  ///   first (``pruneIsDue(_:)``).
  static func apply(
    _ writes: TurnWrites, prune: Bool, in database: any SQLDatabase,
    dialect: SQLFlowStoreDialect
  ) async throws {
    let now = Self.milliseconds(Date())
    if prune, let cutoff = writes.pruneProcessedRequestsBefore {
      try await database.raw(dialect.pruneProcessedRequests(before: Self.milliseconds(cutoff)))
        .run()
    }
    if let request = writes.processedRequest {
      try await Self.insert(
        request, replacingAnswersBefore: writes.pruneProcessedRequestsBefore, in: database)
    }
    for token in writes.consumedTokens {
      try await Self.writeOne(
        """
        UPDATE continuations SET consumed_at_ms = \(bind: now)
        WHERE token = \(bind: token) AND consumed_at_ms IS NULL RETURNING token
        """, in: database, orConflict: "token '\(token)' was already consumed or is unknown")
    }
    for continuation in writes.newContinuations {
      let variables = String(
        decoding: try CanonicalJSON.compact(continuation.variables), as: UTF8.self)
      try await Self.writeOne(
        """
        INSERT INTO continuations (token, user_id, state_id, task_name, flow_hash,
          variables_json, locale, created_at_ms, expires_at_ms)
        VALUES (\(bind: continuation.token), \(bind: continuation.userId),
          \(bind: continuation.stateId), \(bind: continuation.taskName.rawValue),
          \(bind: continuation.flowHash), \(bind: variables), \(bind: continuation.locale),
          \(bind: Self.milliseconds(continuation.createdAt)),
          \(bind: Self.milliseconds(continuation.expiresAt)))
        ON CONFLICT (token) DO NOTHING RETURNING token
        """, in: database, orConflict: "token '\(continuation.token)' is already stored")
    }
    let written = Set(writes.orders.map(\.id))
    for id in writes.newOrderIds where !written.contains(id) {
      let taken = try await database.raw("SELECT id FROM orders WHERE id = \(bind: id)").first()
      guard taken == nil else { throw FlowStoreError.orderIdTaken(id) }
    }
    let newOrderIds = Set(writes.newOrderIds)
    for order in writes.orders {
      let values: SQLQueryString = """
        (\(unsafeRaw: Self.orderColumns))
        VALUES (\(bind: order.id), \(bind: order.userId), \(bind: order.productId),
          \(bind: order.quantity), \(bind: order.amount.minorUnits), \(bind: order.amount.currency),
          \(bind: order.authorizationReferenceId), \(bind: order.amazonAuthorizationId),
          \(bind: order.billingAgreementId), \(bind: order.state.rawValue),
          \(bind: Self.milliseconds(order.createdAt)), \(bind: Self.milliseconds(order.updatedAt)))
        """
      if newOrderIds.contains(order.id) {
        // The primary key keeps order ids unique; a new order never overwrites another, even
        // when two instances draw the same id at once (the second insert waits for the first).
        let inserted = try await database.raw(
          "INSERT INTO orders \(values) ON CONFLICT (id) DO NOTHING RETURNING id"
        ).first()
        guard inserted != nil else { throw FlowStoreError.orderIdTaken(order.id) }
        continue
      }
      // The upsert updates only the customer's own order, and never a captured one (the
      // trigger of migration 3 holds the same rule for any other writer).
      let upserted = try await database.raw(
        """
        INSERT INTO orders \(values)
        ON CONFLICT (id) DO UPDATE SET
          user_id = excluded.user_id, product_id = excluded.product_id,
          quantity = excluded.quantity, amount_minor_units = excluded.amount_minor_units,
          currency = excluded.currency,
          authorization_reference_id = excluded.authorization_reference_id,
          amazon_authorization_id = excluded.amazon_authorization_id,
          billing_agreement_id = excluded.billing_agreement_id, state = excluded.state,
          updated_at_ms = excluded.updated_at_ms
        WHERE orders.user_id = excluded.user_id AND orders.state <> \(bind: OrderState.captured.rawValue)
        RETURNING id
        """
      ).first()
      guard upserted != nil else {
        throw FlowStoreError.forbidden(
          "order '\(order.id)' belongs to another customer or is already captured")
      }
    }
    for agreement in writes.agreements {
      try await database.raw(
        """
        INSERT INTO agreements (user_id, billing_agreement_id, status, created_at_ms, updated_at_ms)
        VALUES (\(bind: agreement.userId), \(bind: agreement.billingAgreementId),
          \(bind: agreement.status.rawValue), \(bind: Self.milliseconds(agreement.createdAt)),
          \(bind: Self.milliseconds(agreement.updatedAt)))
        ON CONFLICT (user_id, billing_agreement_id) DO UPDATE SET
          status = excluded.status, updated_at_ms = excluded.updated_at_ms
        """
      ).run()
    }
  }

  /// See ``FlowStore/purge(before:)``.
  public func purge(before date: Date) async throws {
    let cutoff = Self.milliseconds(date)
    let dialect = self.dialect
    try await transaction { database in
      try await database.raw(dialect.pruneProcessedRequests(before: cutoff)).run()
      try await database.raw(
        "DELETE FROM continuations WHERE expires_at_ms < \(bind: cutoff)"
      ).run()
    }
  }

  /// See ``FlowStore/close()``.
  public func close() async throws {
    try await serialized {
      try await self.closeDatabase()
    }
  }

  /// Stores a request's answer; raises ``FlowStoreError/conflict(_:)`` when the request was
  /// answered already, unless that answer is older than `cutoff` (past the retention, and so
  /// replaced).
  private static func insert(
    _ request: ProcessedRequest, replacingAnswersBefore cutoff: Date?,
    in database: any SQLDatabase
  ) async throws {
    let onConflict: SQLQueryString =
      if let cutoff {
        """
        DO UPDATE SET response = excluded.response, processed_at_ms = excluded.processed_at_ms
        WHERE processed_requests.processed_at_ms < \(bind: Self.milliseconds(cutoff))
        """
      } else {
        "DO NOTHING"
      }
    try await Self.writeOne(
      """
      INSERT INTO processed_requests (request_key, response, processed_at_ms)
      VALUES (\(bind: request.key), \(bind: request.response), \(bind: Self.milliseconds(request.processedAt)))
      ON CONFLICT (request_key) \(onConflict) RETURNING request_key
      """, in: database, orConflict: "request '\(request.requestId)' was already processed")
  }

  /// Runs a statement that returns a row when it wrote one (`… RETURNING`), and raises
  /// ``FlowStoreError/conflict(_:)`` with `detail` when it wrote none.
  private static func writeOne(
    _ statement: SQLQueryString, in database: any SQLDatabase,
    orConflict detail: @autoclosure () -> String
  ) async throws {
    guard try await database.raw(statement).first() != nil else {
      throw FlowStoreError.conflict(detail())
    }
  }

  // MARK: - Transactions

  /// Runs `body` in one transaction on one session of the database.
  ///
  /// On SQLite, transactions of this store are serialised by a lock: over a single connection,
  /// two tasks must not interleave statements inside one `BEGIN … COMMIT`. Other processes are
  /// kept apart by the database itself (`BEGIN IMMEDIATE` takes SQLite's write lock up front,
  /// so a read-then-write inside the transaction cannot be overtaken). On PostgreSQL each
  /// transaction leases its own connection of the pool, and one that loses a race inside the
  /// database (a deadlock or serialization failure, nothing of it written) runs again.
  func transaction<Result: Sendable>(
    _ body: @escaping @Sendable (any SQLDatabase) async throws -> Result
  ) async throws -> Result {
    let dialect = self.dialect
    var attempt = 1
    while true {
      do {
        return try await serialized {
          try await self.database.withSession { session in
            try await session.raw(SQLQueryString(dialect.begin)).run()
            do {
              let result = try await body(session)
              try await session.raw("COMMIT").run()
              return result
            } catch {
              try? await session.raw("ROLLBACK").run()
              throw error
            }
          }
        }
      } catch  where dialect.isTransient(error) && attempt < Self.maximumTransactionAttempts {
        attempt += 1
      } catch let error as FlowStoreError {
        throw error
      } catch {
        throw FlowStoreError.database(SQLFlowStoreDialect.describe(error))
      }
    }
  }

  /// How often a transaction that lost a race inside PostgreSQL is run.
  static let maximumTransactionAttempts = 5

  /// Runs a read under the store's lock.
  ///
  /// Over a single connection, a read issued while another task's transaction is open would
  /// run inside that transaction and could see writes that are then rolled back; the lock
  /// keeps reads out of other tasks' transactions.
  private func read<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws
    -> Result
  {
    try await serialized { try await self.wrap(body) }
  }

  /// Runs `body` under the store's lock when the dialect needs it (one SQLite connection), at
  /// once otherwise.
  private func serialized<Result: Sendable>(_ body: @Sendable () async throws -> Result)
    async throws -> Result
  {
    guard dialect.serializesTransactions else { return try await body() }
    return try await transactions.withLock(body)
  }

  /// Runs `body`, turning database errors into ``FlowStoreError/database(_:)``.
  private func wrap<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
    do {
      return try await body()
    } catch let error as FlowStoreError {
      throw error
    } catch {
      throw FlowStoreError.database(SQLFlowStoreDialect.describe(error))
    }
  }

  // MARK: - Rows

  private static let orderColumns = """
    id, user_id, product_id, quantity, amount_minor_units, currency, authorization_reference_id, \
    amazon_authorization_id, billing_agreement_id, state, created_at_ms, updated_at_ms
    """

  private static let continuationColumns = """
    token, user_id, state_id, task_name, flow_hash, variables_json, locale, created_at_ms, \
    expires_at_ms
    """

  private static let agreementColumns = """
    user_id, billing_agreement_id, status, created_at_ms, updated_at_ms
    """

  /// The customer's most recent open agreement, at most one row.
  private static func openAgreementQuery(userId: String) -> SQLQueryString {
    """
    SELECT \(unsafeRaw: agreementColumns) FROM agreements
    WHERE user_id = \(bind: userId) AND status = 'OPEN'
    ORDER BY updated_at_ms DESC, created_at_ms DESC, billing_agreement_id DESC LIMIT 1
    """
  }

  /// The select list of each record of ``records(_:)``, built once.
  private static let recordColumns = (
    continuation: prefixed(continuationColumns, table: "c"),
    openAgreement: prefixed(agreementColumns, table: "a"),
    order: prefixed(orderColumns, table: "o"),
    agreement: prefixed(agreementColumns, table: "g")
  )

  /// `columns` of `table`, each as `table_column` (``PrefixedRow`` reads them back).
  private static func prefixed(_ columns: String, table: String) -> [String] {
    columns.split(separator: ",").map { column in
      let name = column.trimmingCharacters(in: .whitespacesAndNewlines)
      return "\(table).\(name) AS \(table)_\(name)"
    }
  }

  private static func continuation(from row: any SQLRow) throws -> Continuation {
    let variablesJSON = try row.decode(column: "variables_json", as: String.self)
    let variables = try CanonicalJSON.decode(
      [String: VariableValue].self, from: Data(variablesJSON.utf8))
    return Continuation(
      token: try row.decode(column: "token", as: String.self),
      userId: try row.decode(column: "user_id", as: String.self),
      stateId: try row.decode(column: "state_id", as: String.self),
      taskName: try row.decode(column: "task_name", as: ConnectionsTaskName.self),
      flowHash: try row.decode(column: "flow_hash", as: String.self),
      variables: variables,
      locale: try row.decode(column: "locale", as: String.self),
      createdAt: date(try row.decode(column: "created_at_ms", as: Int64.self)),
      expiresAt: date(try row.decode(column: "expires_at_ms", as: Int64.self)))
  }

  private static func order(from row: any SQLRow) throws -> OrderRecord {
    OrderRecord(
      id: try row.decode(column: "id", as: String.self),
      userId: try row.decode(column: "user_id", as: String.self),
      productId: try row.decode(column: "product_id", as: String.self),
      quantity: try row.decode(column: "quantity", as: Int64.self),
      amount: Money(
        minorUnits: try row.decode(column: "amount_minor_units", as: Int64.self),
        currency: try row.decode(column: "currency", as: String.self)),
      authorizationReferenceId: try row.decode(
        column: "authorization_reference_id", as: String?.self),
      amazonAuthorizationId: try row.decode(column: "amazon_authorization_id", as: String?.self),
      billingAgreementId: try row.decode(column: "billing_agreement_id", as: String?.self),
      state: try row.decode(column: "state", as: OrderState.self),
      createdAt: date(try row.decode(column: "created_at_ms", as: Int64.self)),
      updatedAt: date(try row.decode(column: "updated_at_ms", as: Int64.self)))
  }

  private static func agreement(from row: any SQLRow) throws -> AgreementRecord {
    AgreementRecord(
      userId: try row.decode(column: "user_id", as: String.self),
      billingAgreementId: try row.decode(column: "billing_agreement_id", as: String.self),
      status: try row.decode(column: "status", as: AgreementStatus.self),
      createdAt: date(try row.decode(column: "created_at_ms", as: Int64.self)),
      updatedAt: date(try row.decode(column: "updated_at_ms", as: Int64.self)))
  }

  /// Milliseconds since 1970, the stored form of an instant.
  static func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
  }

  static func date(_ milliseconds: Int64) -> Date {
    Date(timeIntervalSince1970: Double(milliseconds) / 1000)
  }
}

/// The columns of one table in a row of ``SQLFlowStore/records(_:)``, read by their own
/// names: `name` is the row's `table_name`.
private struct PrefixedRow: SQLRow {
  let row: any SQLRow
  let table: String

  init(_ row: any SQLRow, table: String) {
    self.row = row
    self.table = table
  }

  var allColumns: [String] {
    row.allColumns.compactMap { column in
      column.hasPrefix(table + "_") ? String(column.dropFirst(table.count + 1)) : nil
    }
  }

  func contains(column: String) -> Bool { row.contains(column: "\(table)_\(column)") }

  func decodeNil(column: String) throws -> Bool {
    try row.decodeNil(column: "\(table)_\(column)")
  }

  func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
    try row.decode(column: "\(table)_\(column)", as: type)
  }
}

/// A value behind a lock, for the few mutable caches of a `Sendable` class.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
  private var stored: Value
  private let lock = NSLock()

  init(_ value: Value) { stored = value }

  var value: Value {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }

  /// Changes the value in place, under the lock, and returns what `change` returns.
  @discardableResult
  func update<Result>(_ change: (inout Value) -> Result) -> Result {
    lock.withLock { change(&stored) }
  }
}

/// How many turns a store committed, and in how many transactions (fewer with group commit).
struct CommitCounts: Sendable, Equatable {
  var transactions = 0
  var turns = 0

  mutating func add(turns count: Int) {
    transactions += 1
    turns += count
  }
}

/// A lock for async code: one holder at a time, waiters served in arrival order.
final class SerialAsyncLock: Sendable {
  private let state = LockState()

  private actor LockState {
    var locked = false
    var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
      if !locked {
        locked = true
        return
      }
      await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
      if waiters.isEmpty {
        locked = false
      } else {
        // Ownership passes straight to the next waiter; `locked` stays true.
        waiters.removeFirst().resume()
      }
    }
  }

  func withLock<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws
    -> Result
  {
    await state.acquire()
    do {
      let result = try await body()
      await state.release()
      return result
    } catch {
      await state.release()
      throw error
    }
  }
}
