public import FlowRuntime
internal import Foundation
import Logging
import NIOCore
import PostgresKit
import SQLKit

extension SQLFlowStore {
  /// Opens a store on a PostgreSQL database and brings its schema up to date (two instances
  /// opening one database at once migrate it once).
  ///
  /// The URL is `postgres://USER:PASSWORD@HOST:PORT/DATABASE` (`postgresql://` too; the port
  /// 5432 and the user's own database by default), with an optional `sslmode` (`disable`,
  /// `prefer` — the default — or `require`; a TLS connection always verifies the server's
  /// certificate and name). The store keeps a pool of up to `pool_size` connections (a query
  /// item, 20 by default); queries are never logged, and messages show the URL with its
  /// password as `***`.
  ///
  /// - Parameters:
  ///   - postgresURL: The database's URL.
  ///   - options: How commits are written; the default (no group commit) when `nil`.
  ///   - connectTimeout: How long the first connection may take (connecting, TLS, logging in).
  /// - Throws: ``FlowStoreError/database(_:)`` when the URL is malformed, the server cannot be
  ///   reached or refuses the credentials, or the schema is newer than this build knows.
  public static func open(
    postgresURL: String, options: Options? = nil, connectTimeout: Duration = .seconds(15)
  ) async throws -> SQLFlowStore {
    let printable = StoreLocation.redacted(postgresURL)
    let parsed = try PostgresURL(postgresURL)
    // One connection first, alone: a pool retries a refused connection until its lease times
    // out, where a single attempt reports at once what the server said (a wrong password, an
    // unknown database) or why it could not be reached.
    try await withTimeout(connectTimeout, printable) {
      do {
        let connection = try await PostgresConnection.connect(
          on: PostgresClient.defaultEventLoopGroup.any(),
          configuration: try parsed.connectionConfiguration(), id: 0, logger: Self.silent
        ).get()
        try? await connection.close()
      } catch {
        throw FlowStoreError.database(
          "cannot open '\(printable)': \(SQLFlowStoreDialect.describe(error))")
      }
    }
    let client = PostgresClient(
      configuration: try parsed.clientConfiguration(), backgroundLogger: Self.silent)
    let running = Task { await client.run() }
    let database = PostgresClientDatabase(client: client)
    let close: @Sendable () async throws -> Void = {
      running.cancel()
      await running.value
    }
    do {
      // No time limit here: the server answered, and another instance may hold the migration
      // lock for as long as its migrations take.
      return try await open(
        database: database, close: close, migrations: SQLFlowStoreSchema.migrations,
        options: options)
    } catch let error as FlowStoreError {
      try? await close()
      guard case .database(let detail) = error, !detail.hasPrefix("cannot open") else {
        throw error
      }
      throw FlowStoreError.database("cannot open '\(printable)': \(detail)")
    }
  }

  /// A logger that drops everything: the driver's own messages could carry queries.
  static let silent = Logger(
    label: "flowc.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

  /// Runs `body`, or fails after `limit` without waiting for it any longer (a pool waits for
  /// a server that does not answer, and a connection attempt does not heed cancellation).
  private static func withTimeout<Result: Sendable>(
    _ limit: Duration, _ printable: String,
    _ body: @escaping @Sendable () async throws -> Result
  ) async throws -> Result {
    let outcome = FirstOutcome<Result>()
    return try await withCheckedThrowingContinuation { continuation in
      outcome.continuation = continuation
      let work = Task { outcome.finish(await Swift.Result { try await body() }) }
      Task {
        try? await Task.sleep(for: limit)
        outcome.finish(.failure(FlowStoreError.database("no answer within \(limit)")))
        work.cancel()
      }
    }
  }
}

/// The first of several outcomes that race, handed to a continuation once.
private final class FirstOutcome<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var waiting: CheckedContinuation<Value, any Error>?
  private var finished = false

  var continuation: CheckedContinuation<Value, any Error>? {
    get { lock.withLock { waiting } }
    set { lock.withLock { waiting = newValue } }
  }

  func finish(_ result: Result<Value, any Error>) {
    let continuation: CheckedContinuation<Value, any Error>? = lock.withLock {
      guard !finished, let waiting else { return nil }
      finished = true
      self.waiting = nil
      return waiting
    }
    continuation?.resume(with: result)
  }
}

extension Result where Failure == any Error {
  /// The result of an async throwing body.
  fileprivate init(_ body: () async throws -> Success) async {
    do {
      self = .success(try await body())
    } catch {
      self = .failure(error)
    }
  }
}

/// The parts of a PostgreSQL store URL.
struct PostgresURL {
  var host: String
  var port: Int
  var user: String
  var password: String?
  var database: String?
  var tls: TLSMode
  var poolSize: Int

  /// `sslmode`: whether the connection uses TLS.
  enum TLSMode {
    case disable, prefer, require
  }

  /// Parses a URL.
  ///
  /// - Throws: ``FlowStoreError/database(_:)`` naming what is wrong (never the password).
  init(_ url: String) throws {
    let printable = StoreLocation.redacted(url)
    func refuse(_ reason: String) -> FlowStoreError {
      FlowStoreError.database("cannot open '\(printable)': \(reason)")
    }
    guard let components = URLComponents(string: url),
      ["postgres", "postgresql"].contains(components.scheme?.lowercased() ?? "")
    else { throw refuse("not a postgres:// URL") }
    guard let host = components.host, !host.isEmpty else { throw refuse("the URL names no host") }
    guard let user = components.user, !user.isEmpty else { throw refuse("the URL names no user") }
    let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : ""
    guard !path.contains("/") else { throw refuse("the database name contains '/'") }
    self.host = host
    self.port = components.port ?? 5432
    self.user = user
    self.password = components.password
    self.database = path.isEmpty ? nil : path
    self.tls = .prefer
    self.poolSize = 20
    for item in components.queryItems ?? [] {
      switch (item.name.lowercased(), item.value ?? "") {
      case ("sslmode", "disable"), ("tlsmode", "disable"): tls = .disable
      case ("sslmode", "prefer"), ("tlsmode", "prefer"): tls = .prefer
      case ("sslmode", "require"), ("tlsmode", "require"), ("sslmode", "verify-full"):
        tls = .require
      case ("pool_size", let value):
        guard let size = Int(value), (1...1000).contains(size) else {
          throw refuse("pool_size must be a number from 1 to 1000")
        }
        poolSize = size
      default:
        throw refuse(
          "unknown query item '\(item.name)' (use sslmode=disable|prefer|require, pool_size=N)")
      }
    }
  }

  /// The configuration of the store's connection pool.
  func clientConfiguration() throws -> PostgresClient.Configuration {
    let tls: PostgresClient.Configuration.TLS =
      switch self.tls {
      case .disable: .disable
      case .prefer: .prefer(.makeClientConfiguration())
      case .require: .require(.makeClientConfiguration())
      }
    var configuration = PostgresClient.Configuration(
      host: host, port: port, username: user, password: password, database: database, tls: tls)
    configuration.options.maximumConnections = poolSize
    return configuration
  }

  /// The configuration of one connection, for the first check.
  func connectionConfiguration() throws -> PostgresConnection.Configuration {
    let tls: PostgresConnection.Configuration.TLS =
      switch self.tls {
      case .disable: .disable
      case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
      case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
      }
    return PostgresConnection.Configuration(
      host: host, port: port, username: user, password: password, database: database, tls: tls)
  }
}

/// SQLKit over PostgresNIO's connection pool: each statement leases a connection, each
/// session (a transaction) keeps one for its length. Queries are never logged.
struct PostgresClientDatabase: SQLDatabase {
  let client: PostgresClient

  var logger: Logger { SQLFlowStore.silent }
  var eventLoop: any EventLoop { PostgresClient.defaultEventLoopGroup.any() }
  var dialect: any SQLDialect { PostgresDialect() }
  var queryLogLevel: Logger.Level? { nil }

  func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
    -> EventLoopFuture<Void>
  {
    eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
  }

  func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
    async throws
  {
    try await client.withConnection { connection in
      try await connection.sql(queryLogLevel: nil, logger: SQLFlowStore.silent)
        .execute(sql: query, onRow)
    }
  }

  func withSession<Result>(
    _ closure: @escaping @Sendable (any SQLDatabase) async throws -> Result
  ) async throws -> Result {
    try await client.withConnection { connection in
      try await closure(connection.sql(queryLogLevel: nil, logger: SQLFlowStore.silent))
    }
  }
}
