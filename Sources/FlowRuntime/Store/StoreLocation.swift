internal import Foundation

/// Where a store lives, parsed once from a store URL.
///
/// | URL | location |
/// | --- | --- |
/// | `memory:` | ``memory``: nothing survives the process |
/// | `sqlite:PATH`, `sqlite://PATH` | ``sqlite(path:)``: a SQLite file (`:memory:` for a private in-memory database) |
///
/// The scheme is case-insensitive and white space around the URL is ignored. No PostgreSQL
/// driver exists yet: a `postgres://` URL is refused like any other unknown one. Opening a
/// location is the job of the `FlowStoreSQL` module (`FlowStores.open(_:)`), which holds the
/// SQL drivers; ``MemoryFlowStore`` needs no driver.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
  /// The in-memory store.
  case memory
  /// A SQLite database file.
  case sqlite(path: String)

  /// The URL of the in-memory store.
  public static let memoryURL = "memory:"

  /// Parses a store URL.
  ///
  /// - Parameter url: `memory:` or `sqlite:PATH`.
  /// - Throws: ``StoreLocationError/unsupportedURL(_:)``, naming the URL, when no driver
  ///   handles it.
  public init(url: String) throws(StoreLocationError) {
    let trimmed = url.trimmingCharacters(in: .whitespaces)
    guard let colon = trimmed.firstIndex(of: ":") else { throw .unsupportedURL(url) }
    let rest = trimmed[trimmed.index(after: colon)...]
    switch trimmed[..<colon].lowercased() {
    case "memory" where rest.isEmpty:
      self = .memory
    case "sqlite":
      let path = rest.hasPrefix("//") ? String(rest.dropFirst(2)) : String(rest)
      guard !path.isEmpty else { throw .unsupportedURL(url) }
      self = .sqlite(path: path)
    default:
      throw .unsupportedURL(url)
    }
  }

  /// The location as a URL that parses back to it.
  public var description: String {
    switch self {
    case .memory: Self.memoryURL
    case .sqlite(let path): "sqlite:\(path)"
    }
  }
}

/// Why a store URL does not name a store.
public enum StoreLocationError: Error, Equatable, CustomStringConvertible {
  /// The URL is not one flowc knows (`memory:`, `sqlite:PATH`); the URL as given.
  case unsupportedURL(String)

  /// A one-line text for messages and logs.
  public var description: String {
    switch self {
    case .unsupportedURL(let url):
      "unsupported store URL '\(url)' (use memory: or sqlite:PATH)"
    }
  }
}
