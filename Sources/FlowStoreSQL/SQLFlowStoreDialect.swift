internal import Foundation
import PostgresKit
import SQLKit

/// Everything in which the SQL of ``SQLFlowStore`` differs between SQLite and PostgreSQL, in
/// one place. The rest of the store's SQL (`INSERT … ON CONFLICT … RETURNING`,
/// `UPDATE … RETURNING`, savepoints) is understood by both.
enum SQLFlowStoreDialect: String, Sendable {
  /// SQLite 3.35 or later, over one connection.
  case sqlite
  /// PostgreSQL 13 or later, over a pool of connections.
  case postgresql

  /// The dialect of a SQLKit database (its `dialect.name`); SQLite for any other.
  init(_ database: any SQLDatabase) {
    self = database.dialect.name == "postgresql" ? .postgresql : .sqlite
  }

  /// The statement that opens a write transaction. SQLite's `BEGIN IMMEDIATE` takes the write
  /// lock up front, so that a read-then-write in the transaction cannot be overtaken by another
  /// process; PostgreSQL locks the rows a statement writes.
  var begin: String {
    switch self {
    case .sqlite: "BEGIN IMMEDIATE"
    case .postgresql: "BEGIN"
    }
  }

  /// Whether the store must run one transaction at a time in the process: SQLite has one
  /// connection, on which two tasks must not interleave statements; PostgreSQL leases a
  /// connection of its pool to each transaction.
  var serializesTransactions: Bool { self == .sqlite }

  /// The column type of bytes.
  var blobType: String {
    switch self {
    case .sqlite: "BLOB"
    case .postgresql: "BYTEA"
    }
  }

  /// What the migration transaction runs first, so that two instances opening one database at
  /// once do not both migrate it: SQLite's `BEGIN IMMEDIATE` is enough; PostgreSQL takes a
  /// transaction-scoped advisory lock (released at commit).
  var migrationLock: [String] {
    switch self {
    case .sqlite: []
    case .postgresql: ["SELECT pg_advisory_xact_lock(\(Self.migrationLockKey))"]
    }
  }

  /// The advisory lock key of migrations: "flowc" in ASCII.
  static let migrationLockKey = 0x66_6c_6f_77_63

  /// The statement that deletes answered requests processed before a cutoff (`$1`-style bind
  /// given by the caller). On PostgreSQL, rows another transaction is deleting are skipped
  /// rather than waited for: concurrent turns pruning the same old rows would otherwise lock
  /// them in different orders and deadlock.
  func pruneProcessedRequests(before cutoff: Int64) -> SQLQueryString {
    switch self {
    case .sqlite:
      "DELETE FROM processed_requests WHERE processed_at_ms < \(bind: cutoff)"
    case .postgresql:
      """
      DELETE FROM processed_requests WHERE request_key IN (
        SELECT request_key FROM processed_requests WHERE processed_at_ms < \(bind: cutoff)
        FOR UPDATE SKIP LOCKED)
      """
    }
  }

  /// Whether a database error means that the transaction lost a race inside the database and
  /// can run again unchanged (PostgreSQL's serialization failure and deadlock, SQLSTATE 40001
  /// and 40P01); SQLite waits for its lock instead (`busy_timeout`).
  func isTransient(_ error: any Error) -> Bool {
    guard self == .postgresql, let error = error as? PSQLError else { return false }
    return ["40001", "40P01"].contains(error.serverInfo?[.sqlState] ?? "")
  }

  /// A one-line text of a database error for messages and logs. PostgresNIO's errors describe
  /// themselves with a fixed text (to keep queries and data out of logs); this says what the
  /// server said, or what the connection failed with, and never the query, its binds or the
  /// credentials.
  static func describe(_ error: any Error) -> String {
    guard let error = error as? PSQLError else { return String(describing: error) }
    if let info = error.serverInfo {
      let message = info[.message] ?? "error"
      let state = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
      return "PostgreSQL: \(message)\(state)"
    }
    if let underlying = error.underlying {
      return "PostgreSQL \(error.code): \(String(describing: underlying))"
    }
    return "PostgreSQL \(error.code)"
  }

  /// The statements of the rule of migration 3 (an order keeps its customer and never changes
  /// once captured) as a trigger, so that it holds for any writer of the database.
  func orderGuard(message: String, captured: String) -> [String] {
    switch self {
    case .postgresql:
      [
        """
        CREATE FUNCTION flowc_orders_guard() RETURNS trigger AS $$
        BEGIN
          IF OLD.user_id <> NEW.user_id OR OLD.state = '\(captured)' THEN
            RAISE EXCEPTION '\(message)';
          END IF;
          RETURN NEW;
        END;
        $$ LANGUAGE plpgsql
        """,
        """
        CREATE TRIGGER orders_guard BEFORE UPDATE ON orders
        FOR EACH ROW EXECUTE FUNCTION flowc_orders_guard()
        """,
      ]
    case .sqlite:
      [
        """
        CREATE TRIGGER orders_guard BEFORE UPDATE ON orders
        WHEN OLD.user_id <> NEW.user_id OR OLD.state = '\(captured)'
        BEGIN
          SELECT RAISE(ABORT, '\(message)');
        END
        """
      ]
    }
  }
}
