import FlowRuntime
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
      let store = MemoryFlowStore()
      try await body(store)
      try await store.close()
    case .sqliteMemory:
      let store = try await SQLFlowStore.open(sqlitePath: ":memory:")
      do {
        try await body(store)
      } catch {
        try? await store.close()
        throw error
      }
      try await store.close()
    case .sqliteFile:
      let directory = try TemporaryDirectory()
      defer { directory.remove() }
      let store = try await SQLFlowStore.open(sqlitePath: directory.path("store.sqlite"))
      do {
        try await body(store)
      } catch {
        try? await store.close()
        throw error
      }
      try await store.close()
    }
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

  func remove() { try? FileManager.default.removeItem(at: url) }
}
