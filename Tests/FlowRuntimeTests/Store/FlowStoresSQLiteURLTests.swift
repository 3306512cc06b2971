import FlowRuntime
import FlowStoreSQL
import FlowTestSupport
import Foundation
import Testing

@Suite struct FlowStoresSQLiteURLTests {
  @Test func sqliteURLOpensAFileAndCreatesItsFolder() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path("nested/.flowc/flowc.sqlite")
    let store = try await FlowStores.open(url: "sqlite:" + path)
    #expect(store is SQLFlowStore)
    try await store.commit(TurnWrites(processedRequest: FlowStoreContractTests.request("r1")))
    try await store.close()
    #expect(FileManager.default.fileExists(atPath: path))

    let again = try await FlowStores.open(url: "SQLite://" + path)
    #expect(try await again.processedRequest(userId: "user-1", requestId: "r1") != nil)
    try await again.close()
  }

  @Test func sqliteInMemory() async throws {
    let store = try await FlowStores.open(url: "sqlite::memory:")
    #expect(try await store.order(id: "x") == nil)
    try await store.close()
  }

  @Test(arguments: ["sqlite:", "sqlite://", "sqlitex:/tmp/a", "postgres-ish"])
  func malformedURLsAreRefused(url: String) async {
    await #expect(throws: StoreLocationError.unsupportedURL(url)) {
      try await FlowStores.open(url: url)
    }
  }
}
