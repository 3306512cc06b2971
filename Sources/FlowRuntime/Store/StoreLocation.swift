internal import Foundation

/// Where a store lives, parsed once from a store URL.
///
/// | URL | location |
/// | --- | --- |
/// | `memory:` | ``memory``: nothing survives the process |
/// | `sqlite:PATH`, `sqlite://PATH` | ``sqlite(path:)``: a SQLite file (`:memory:` for a private in-memory database) |
/// | `postgres://USER:PASSWORD@HOST:PORT/DATABASE`, `postgresql://…` | ``postgres(url:)``: a PostgreSQL database, shared by several instances |
///
/// The scheme is case-insensitive and white space around the URL is ignored. Opening a
/// location is the job of the `FlowStoreSQL` module (`FlowStores.open(_:)`), which holds the
/// SQL drivers; ``MemoryFlowStore`` needs no driver. A PostgreSQL URL holds a password:
/// ``description`` and every error print it as `***`.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
  /// The in-memory store.
  case memory
  /// A SQLite database file.
  case sqlite(path: String)
  /// A PostgreSQL database: the URL as given (scheme in lower case), credentials included.
  case postgres(url: String)

  /// The URL of the in-memory store.
  public static let memoryURL = "memory:"

  /// Parses a store URL.
  ///
  /// - Parameter url: `memory:`, `sqlite:PATH` or `postgres://…`.
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
    case "postgres", "postgresql":
      let normalized = "postgres" + trimmed[colon...]
      guard rest.hasPrefix("//"), let host = URLComponents(string: normalized)?.host,
        !host.isEmpty
      else { throw .unsupportedURL(url) }
      self = .postgres(url: normalized)
    default:
      throw .unsupportedURL(url)
    }
  }

  /// The location as a URL that parses back to it.
  public var url: String {
    switch self {
    case .memory: Self.memoryURL
    case .sqlite(let path): "sqlite:\(path)"
    case .postgres(let url): url
    }
  }

  /// The location as a URL for messages and logs: ``url`` with any password replaced by `***`.
  public var description: String { Self.redacted(url) }

  /// A URL with the password of its user information (`user:password@`) replaced by `***`,
  /// so that it can be printed; a URL without one unchanged.
  ///
  /// - Parameter url: Any text.
  /// - Returns: The text with the password hidden.
  public static func redacted(_ url: String) -> String {
    guard let schemeEnd = url.range(of: "://") else { return url }
    let authorityEnd =
      url[schemeEnd.upperBound...].firstIndex(where: { "/?#".contains($0) }) ?? url.endIndex
    let authority = url[schemeEnd.upperBound..<authorityEnd]
    guard let at = authority.lastIndex(of: "@"),
      let colon = authority[..<at].firstIndex(of: ":")
    else { return url }
    return String(url[..<authority.index(after: colon)]) + "***" + String(url[at...])
  }
}

/// Why a store URL does not name a store.
public enum StoreLocationError: Error, Equatable, CustomStringConvertible {
  /// The URL is not one flowc knows (`memory:`, `sqlite:PATH`, `postgres://…`); the URL as
  /// given.
  case unsupportedURL(String)

  /// A one-line text for messages and logs (a password in the URL printed as `***`).
  public var description: String {
    switch self {
    case .unsupportedURL(let url):
      "unsupported store URL '\(StoreLocation.redacted(url))' "
        + "(use memory:, sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE)"
    }
  }
}
