internal import Foundation

/// Opens stores from their URLs.
///
/// | URL | driver |
/// | --- | --- |
/// | `memory:` | ``MemoryFlowStore``: nothing survives the process |
///
/// SQLite (`sqlite:PATH`) and PostgreSQL (`postgres://…`) drivers register here as they are
/// added; any other URL is refused with ``FlowStoreError/unsupportedURL(_:)``.
public enum FlowStores {
  /// The URL of the in-memory store.
  public static let memoryURL = "memory:"

  /// Opens the store a URL names.
  ///
  /// - Parameter url: `memory:` (case-insensitive scheme).
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
    default:
      throw FlowStoreError.unsupportedURL(url)
    }
  }
}
