import FlowTestSupport
import Foundation
import SQLKit
import Testing

@testable import FlowRuntime
@testable import FlowStoreSQL

/// Schema upgrades: a later flowc adds a migration; opening an older file applies it, all or
/// nothing.
@Suite struct SQLFlowStoreMigrationTests {
  /// The version a later flowc would migrate to.
  static let next = SQLFlowStoreSchema.currentVersion + 1

  static let addNotes = SQLFlowStoreSchema.Migration(version: next, summary: "order notes") {
    _ in
    [
      "CREATE TABLE order_notes (order_id TEXT NOT NULL, note TEXT NOT NULL)",
      "ALTER TABLE orders ADD COLUMN gift BOOLEAN",
    ]
  }

  static let broken = SQLFlowStoreSchema.Migration(version: next, summary: "broken") { _ in
    ["CREATE TABLE half_done (x INTEGER)", "THIS IS NOT SQL"]
  }

  @Test func olderFileIsUpgradedAndKeepsItsData() async throws {
    let (directory, path) = try TemporaryDirectory.file("v1.sqlite")
    defer { directory.remove() }
    let old = try await SQLFlowStore.open(sqlitePath: path)
    let order = FlowStoreContractTests.order("o-1", at: FlowStoreContractTests.t0)
    try await old.commit(TurnWrites(orders: [order]))
    try await old.close()

    let upgraded = try await SQLFlowStore.open(
      sqlitePath: path, migrations: SQLFlowStoreSchema.migrations + [Self.addNotes])
    #expect(try await upgraded.schemaVersion() == Self.next)
    #expect(try await SQLFlowStoreTests.tables(upgraded).contains("order_notes"))
    #expect(try await upgraded.order(id: "o-1") == order)
    try await upgraded.close()

    // This build's list stops before: the upgraded file is refused, not written.
    await SQLFlowStoreTests.expectOpenRefused(path)
  }

  @Test func failingMigrationLeavesTheFileAsItWas() async throws {
    let (directory, path) = try TemporaryDirectory.file("v1.sqlite")
    defer { directory.remove() }
    try await SQLFlowStore.open(sqlitePath: path).close()

    await #expect(throws: FlowStoreError.self) {
      try await SQLFlowStore.open(
        sqlitePath: path, migrations: SQLFlowStoreSchema.migrations + [Self.broken])
    }
    let store = try await SQLFlowStore.open(sqlitePath: path)
    #expect(try await store.schemaVersion() == SQLFlowStoreSchema.currentVersion)
    #expect(try await !SQLFlowStoreTests.tables(store).contains("half_done"))
    try await store.close()
  }

  @Test func freshFileGetsEveryStepInOrder() async throws {
    let store = try await SQLFlowStore.open(
      sqlitePath: ":memory:", migrations: SQLFlowStoreSchema.migrations + [Self.addNotes])
    let versions = try await store.database.raw(
      "SELECT version FROM flowc_schema ORDER BY version"
    ).all().map { try $0.decode(column: "version", as: Int.self) }
    #expect(versions == Array(1...Self.next))
    try await store.close()
  }
}
