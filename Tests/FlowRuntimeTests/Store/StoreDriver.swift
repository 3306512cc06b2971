import FlowRuntime
import FlowStoreSQL
import Foundation

/// The store drivers the contract tests run against.
enum StoreDriver: String, CaseIterable, Sendable {
  /// The in-memory store.
  case memory
  /// SQLite in memory (one private database per store).
  case sqliteMemory
  /// SQLite in a fresh file, WAL mode.
  case sqliteFile

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

/// A directory under the system's temporary directory, removed by ``remove()``.
struct TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flowc-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// A fresh directory and the path of a file `name` in it.
  static func file(_ name: String) throws -> (directory: TemporaryDirectory, path: String) {
    let directory = try TemporaryDirectory()
    return (directory, directory.path(name))
  }

  func remove() { try? FileManager.default.removeItem(at: url) }
}
