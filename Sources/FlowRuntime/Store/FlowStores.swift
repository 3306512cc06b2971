internal import Foundation

/// Opens stores from their URLs.
///
/// | URL | driver |
/// | --- | --- |
/// | `memory:` | ``MemoryFlowStore``: nothing survives the process |
/// | `sqlite:PATH` | ``SQLFlowStore`` on a SQLite file (created, with its folder, when missing); `sqlite:///abs/path` works too |
///
/// The PostgreSQL (`postgres://…`) driver registers here when it is added; any other URL is
/// refused with ``FlowStoreError/unsupportedURL(_:)``.
public enum FlowStores {
  /// The URL of the in-memory store.
  public static let memoryURL = "memory:"

  /// Opens the store a URL names.
  ///
  /// - Parameter url: `memory:` or `sqlite:PATH` (case-insensitive scheme).
  /// - Returns: The open store.
  /// - Throws: ``FlowStoreError/unsupportedURL(_:)`` for a URL no driver handles.
  public static func open(url: String) async throws -> any FlowStore {
    let trimmed = url.trimmingCharacters(in: .whitespaces)
    guard let colon = trimmed.firstIndex(of: ":") else {
      throw FlowStoreError.unsupportedURL(url)
    }
    let scheme = trimmed[..<colon].lowercased()
    let rest = trimmed[trimmed.index(after: colon)...]
    switch scheme {
    case "memory" where rest.isEmpty:
      return MemoryFlowStore()
    case "sqlite":
      let path = rest.hasPrefix("//") ? String(rest.dropFirst(2)) : String(rest)
      guard !path.isEmpty else { throw FlowStoreError.unsupportedURL(url) }
      if path != ":memory:" {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      }
      return try await SQLFlowStore.open(sqlitePath: path)
    default:
      throw FlowStoreError.unsupportedURL(url)
    }
  }
}
