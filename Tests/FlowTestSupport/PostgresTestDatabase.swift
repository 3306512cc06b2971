import Foundation
import Logging
import PostgresKit
public import SQLKit
public import Testing

/// The PostgreSQL server of the tests: `FLOWC_TEST_POSTGRES_URL`, a URL whose user may create
/// databases (`scripts/with-postgres.sh` starts a throwaway server and sets it; `.ci/run` does
/// so for CI). Each test gets a database of its own, dropped afterwards.
///
/// Without the variable the PostgreSQL tests are skipped with ``needs`` — shown as skipped,
/// never as passed — and `scripts/test.sh` fails the run on such a skip.
public enum PostgresTestDatabase {
  /// The server's URL, or `nil` when `FLOWC_TEST_POSTGRES_URL` is not set.
  public static let url: String? = {
    guard let url = ProcessInfo.processInfo.environment["FLOWC_TEST_POSTGRES_URL"], !url.isEmpty
    else { return nil }
    return url
  }()

  /// Whether a server is there to test against.
  public static let available = url != nil

  /// Why a PostgreSQL test is skipped.
  public static let needs: Comment =
    "needs FLOWC_TEST_POSTGRES_URL: a PostgreSQL server (scripts/with-postgres.sh COMMAND starts one)"

  /// Creates an empty database, runs `body` with its URL, and drops the database (also when
  /// `body` throws).
  ///
  /// - Parameter body: What to do with the URL of the new database (the server's URL with
  ///   another database name).
  /// - Returns: What `body` returns.
  /// - Throws: ``ToolingMissing`` without a server; what the server or `body` throws.
  public static func withDatabase<Result>(_ body: (String) async throws -> Result) async throws
    -> Result
  {
    guard let url else { throw ToolingMissing() }
    let name =
      "flowc_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    try await withConnection(url) { admin in
      try await admin.raw("CREATE DATABASE \(ident: name)").run()
    }
    var components = try #require(URLComponents(string: url))
    components.path = "/" + name
    let databaseURL = try #require(components.string)
    do {
      let result = try await body(databaseURL)
      try await drop(name, on: url)
      return result
    } catch {
      try? await drop(name, on: url)
      throw error
    }
  }

  private static func drop(_ name: String, on url: String) async throws {
    try await withConnection(url) { admin in
      try await admin.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
    }
  }

  /// Runs `body` on one connection to the database of `url`, outside any store (no pool, no
  /// migrations): to create and drop databases, or to look at what a store wrote with SQL.
  ///
  /// - Parameters:
  ///   - url: A `postgres://` URL (`sslmode` as libpq reads it).
  ///   - body: What to do on the connection.
  /// - Returns: What `body` returns.
  /// - Throws: What connecting or `body` throws.
  public static func withConnection<Result: Sendable>(
    _ url: String, _ body: @Sendable (any SQLDatabase) async throws -> Result
  ) async throws -> Result {
    let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
    let connection = try await PostgresConnection.connect(
      on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 0,
      logger: silent
    ).get()
    do {
      let result = try await body(connection.sql(queryLogLevel: nil, logger: silent))
      try await connection.close()
      return result
    } catch {
      try? await connection.close()
      throw error
    }
  }

  /// The driver's own messages could carry queries and passwords: dropped.
  private static let silent = Logger(
    label: "flowc.test.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

  /// The test was run without a server; it is `.enabled(if: available, needs)`, so this is
  /// never thrown from a test that checks first.
  public struct ToolingMissing: Error, CustomStringConvertible {
    /// Why the test cannot run.
    public var description: String { String(describing: PostgresTestDatabase.needs) }
  }
}
