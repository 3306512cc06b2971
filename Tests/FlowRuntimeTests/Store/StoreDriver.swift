import FlowRuntime
import FlowStoreSQL
import FlowTestSupport
import Foundation

/// The store drivers the contract tests run against.
enum StoreDriver: String, CaseIterable, Sendable {
  /// The in-memory store.
  case memory
  /// SQLite in memory (one private database per store).
  case sqliteMemory
  /// SQLite in a fresh file, WAL mode (group commit on, the default).
  case sqliteFile
  /// SQLite in a fresh file, one transaction per commit (group commit off).
  case sqliteFileAlone
  /// PostgreSQL: a fresh database on the server of `FLOWC_TEST_POSTGRES_URL`, dropped
  /// afterwards (see ``PostgresTestDatabase``).
  case postgres
  /// PostgreSQL with group commit on (off by default there).
  case postgresGroupCommit

  /// The drivers that need nothing outside the process.
  static let local: [StoreDriver] = [.memory, .sqliteMemory, .sqliteFile, .sqliteFileAlone]

  /// Opens a fresh store, runs `body`, and closes the store (and deletes its files).
  func withStore(_ body: (any FlowStore) async throws -> Void) async throws {
    switch self {
    case .memory:
      try await Self.use(MemoryFlowStore(), body)
    case .sqliteMemory:
      try await Self.use(try await SQLFlowStore.open(sqlitePath: ":memory:"), body)
    case .sqliteFile:
      let directory = try TemporaryDirectory()
      defer { directory.remove() }
      try await Self.use(
        try await SQLFlowStore.open(sqlitePath: directory.path("store.sqlite")), body)
    case .sqliteFileAlone:
      let directory = try TemporaryDirectory()
      defer { directory.remove() }
      try await Self.use(
        try await SQLFlowStore.open(
          sqlitePath: directory.path("store.sqlite"), options: .init(groupCommit: false)),
        body)
    case .postgres:
      try await PostgresTestDatabase.withDatabase { url in
        try await Self.use(try await SQLFlowStore.open(postgresURL: url), body)
      }
    case .postgresGroupCommit:
      try await PostgresTestDatabase.withDatabase { url in
        try await Self.use(
          try await SQLFlowStore.open(postgresURL: url, options: .init(groupCommit: true)), body)
      }
    }
  }

  /// Runs `body` on an open store and closes it, also when `body` throws.
  private static func use(
    _ store: any FlowStore, _ body: (any FlowStore) async throws -> Void
  ) async throws {
    do {
      try await body(store)
    } catch {
      try? await store.close()
      throw error
    }
    try await store.close()
  }
}
