import FlowRuntime
import Foundation
import PostgresKit
import SQLKit
import Testing

@testable import FlowStoreSQL

/// The PostgreSQL server of the tests: `FLOWC_TEST_POSTGRES_URL`, a URL whose user may create
/// databases (`scripts/with-postgres.sh` starts a throwaway server and sets it; `.ci/run` does
/// so for CI). Each test gets a database of its own, dropped afterwards.
///
/// Without the variable the PostgreSQL tests are skipped with ``needs`` — shown as skipped,
/// never as passed — and `scripts/test.sh` fails the run on such a skip.
enum PostgresTestDatabase {
  /// The server's URL, or `nil` when `FLOWC_TEST_POSTGRES_URL` is not set.
  static let url: String? = {
    guard let url = ProcessInfo.processInfo.environment["FLOWC_TEST_POSTGRES_URL"], !url.isEmpty
    else { return nil }
    return url
  }()

  /// Whether a server is there to test against.
  static let available = url != nil

  /// Why a PostgreSQL test is skipped.
  static let needs: Comment =
    "needs FLOWC_TEST_POSTGRES_URL: a PostgreSQL server (scripts/with-postgres.sh COMMAND starts one)"

  /// Creates an empty database, runs `body` with its URL, and drops the database (also when
  /// `body` throws).
  static func withDatabase<Result>(_ body: (String) async throws -> Result) async throws -> Result {
    guard let url else { throw ToolingMissing() }
    let name =
      "flowc_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    try await withAdmin(url) { admin in
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
    try await withAdmin(url) { admin in
      try await admin.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
    }
  }

  /// Runs `body` on a connection pool to the database of `url` (no store, no migrations).
  static func withAdmin<Result: Sendable>(
    _ url: String, _ body: @Sendable (any SQLDatabase) async throws -> Result
  ) async throws -> Result {
    let client = PostgresClient(
      configuration: try PostgresURL(url).clientConfiguration(),
      backgroundLogger: SQLFlowStore.silent)
    let running = Task { await client.run() }
    defer { running.cancel() }
    return try await body(PostgresClientDatabase(client: client))
  }

  /// The test was run without a server; it is `.enabled(if: available, needs)`, so this is
  /// never thrown from a test that checks first.
  struct ToolingMissing: Error, CustomStringConvertible {
    var description: String { String(describing: PostgresTestDatabase.needs) }
  }
}
