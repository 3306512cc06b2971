import FlowIR

/// The versioned schema of ``SQLFlowStore``.
///
/// `flowc_schema` holds one row per applied migration. Opening a store applies every migration
/// whose version is above the highest stored one, all in one transaction, so a store is never
/// left half-migrated. A database from a newer flowc (a version this build does not know) is
/// refused rather than written with an old idea of the schema.
///
/// Money is stored as minor units plus currency; instants as milliseconds since 1970 (UTC);
/// a continuation is consumed when `consumed_at_ms` is set.
enum SQLFlowStoreSchema {
  /// One step of the schema.
  struct Migration: Sendable {
    /// The version the database has after this step.
    var version: Int
    /// What the step does, kept in `flowc_schema`.
    var summary: String
    /// The statements, given the SQL dialect.
    var statements: @Sendable (_ dialect: SQLFlowStoreDialect) -> [String]
  }

  static let versionTable = """
    CREATE TABLE IF NOT EXISTS flowc_schema (
      version BIGINT PRIMARY KEY,
      summary TEXT NOT NULL,
      applied_at_ms BIGINT NOT NULL
    )
    """

  /// Every migration, in order. Never edit a released step: add a new one.
  static let migrations: [Migration] = [
    Migration(version: 1, summary: "orders, agreements, continuations, processed requests") {
      dialect in
      [
        """
        CREATE TABLE orders (
          id TEXT PRIMARY KEY,
          user_id TEXT NOT NULL,
          product_id TEXT NOT NULL,
          quantity BIGINT NOT NULL,
          amount_minor_units BIGINT NOT NULL,
          currency TEXT NOT NULL,
          authorization_reference_id TEXT,
          amazon_authorization_id TEXT,
          billing_agreement_id TEXT,
          state TEXT NOT NULL,
          created_at_ms BIGINT NOT NULL,
          updated_at_ms BIGINT NOT NULL
        )
        """,
        "CREATE INDEX orders_by_user ON orders (user_id, created_at_ms)",
        """
        CREATE TABLE agreements (
          user_id TEXT NOT NULL,
          billing_agreement_id TEXT NOT NULL,
          status TEXT NOT NULL,
          created_at_ms BIGINT NOT NULL,
          updated_at_ms BIGINT NOT NULL,
          PRIMARY KEY (user_id, billing_agreement_id)
        )
        """,
        "CREATE INDEX agreements_by_user ON agreements (user_id, updated_at_ms)",
        """
        CREATE TABLE continuations (
          token TEXT PRIMARY KEY,
          user_id TEXT NOT NULL,
          state_id TEXT NOT NULL,
          task_name TEXT NOT NULL,
          flow_hash TEXT NOT NULL,
          variables_json TEXT NOT NULL,
          locale TEXT NOT NULL,
          created_at_ms BIGINT NOT NULL,
          expires_at_ms BIGINT NOT NULL,
          consumed_at_ms BIGINT
        )
        """,
        "CREATE INDEX continuations_by_expiry ON continuations (expires_at_ms)",
        """
        CREATE TABLE processed_requests (
          request_id TEXT PRIMARY KEY,
          response \(dialect.blobType) NOT NULL,
          processed_at_ms BIGINT NOT NULL
        )
        """,
        "CREATE INDEX processed_requests_by_time ON processed_requests (processed_at_ms)",
      ]
    },
    Migration(version: 2, summary: "the session key that seals session attributes") { dialect in
      [
        """
        CREATE TABLE session_keys (
          id BIGINT PRIMARY KEY,
          secret \(dialect.blobType) NOT NULL,
          created_at_ms BIGINT NOT NULL
        )
        """
      ]
    },
    Migration(version: 3, summary: "orders keep their customer and never change once captured") {
      dialect in orderGuard(dialect)
    },
    Migration(
      version: 4,
      summary: "answered requests keyed by a hash of user and request id (old answers dropped)"
    ) { dialect in
      [
        "DROP TABLE processed_requests",
        """
        CREATE TABLE processed_requests (
          request_key TEXT PRIMARY KEY,
          response \(dialect.blobType) NOT NULL,
          processed_at_ms BIGINT NOT NULL
        )
        """,
        "CREATE INDEX processed_requests_by_time ON processed_requests (processed_at_ms)",
      ]
    },
  ]

  /// The rule of migration 3 as a trigger: an update that changes an order's customer, or any
  /// update of a `captured` order, is aborted, whoever writes.
  static func orderGuard(_ dialect: SQLFlowStoreDialect) -> [String] {
    dialect.orderGuard(
      message: "flowc: an order keeps its customer and never changes once captured",
      captured: OrderState.captured.rawValue)
  }

  /// The schema version this build writes.
  static var currentVersion: Int { migrations.last?.version ?? 0 }
}
