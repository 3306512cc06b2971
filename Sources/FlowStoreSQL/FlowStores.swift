public import FlowRuntime
internal import Foundation

/// Opens stores by their location: ``MemoryFlowStore`` for `memory:`, ``SQLFlowStore`` on a
/// SQLite file for `sqlite:PATH` (the file is created, with its folder, when missing) or on a
/// PostgreSQL database for `postgres://…`.
///
/// A new driver adds a case to `StoreLocation` and a branch here.
public enum FlowStores {
  /// Opens the store at a location.
  ///
  /// - Parameter location: Where the store lives.
  /// - Returns: The open store.
  /// - Throws: ``FlowStoreError/database(_:)`` when the database cannot be opened.
  public static func open(_ location: StoreLocation) async throws -> any FlowStore {
    switch location {
    case .memory:
      return MemoryFlowStore()
    case .sqlite(let path):
      if path != ":memory:" {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      }
      return try await SQLFlowStore.open(sqlitePath: path)
    case .postgres(let url):
      return try await SQLFlowStore.open(postgresURL: url)
    }
  }

  /// Opens the store a URL names: ``StoreLocation/init(url:)`` then ``open(_:)``.
  ///
  /// - Parameter url: `memory:`, `sqlite:PATH` or `postgres://…` (case-insensitive scheme).
  /// - Returns: The open store.
  /// - Throws: ``StoreLocationError/unsupportedURL(_:)`` for a URL no driver handles; what
  ///   ``open(_:)`` throws.
  public static func open(url: String) async throws -> any FlowStore {
    try await open(StoreLocation(url: url))
  }
}
