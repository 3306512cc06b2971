import FlowIR
import FlowRuntime
import Foundation
import Testing

/// Rough figures for a turn's commit on each driver. Opt in with `FLOWC_STORE_BENCH=1`
/// (they print, they do not judge: a shared 2-core machine gives noisy numbers).
@Suite struct StoreThroughputTests {
  static let enabled = ProcessInfo.processInfo.environment["FLOWC_STORE_BENCH"] == "1"

  @Test(.enabled(if: enabled), arguments: StoreDriver.local)
  func commitsPerSecond(driver: StoreDriver) async throws {
    try await driver.withStore { (store) async throws in
      let turns = 500
      let clock = ContinuousClock()
      let started = clock.now
      for index in 0..<turns {
        // A Charge turn: answer stored, the Setup token consumed, an order and a new token.
        try await store.commit(
          TurnWrites(
            processedRequest: FlowStoreContractTests.request("bench-\(index)"),
            newContinuations: [FlowStoreContractTests.continuation("bench-token-\(index)")],
            orders: [FlowStoreContractTests.order("bench-order-\(index)", at: .now)]))
        try await store.commit(
          TurnWrites(
            processedRequest: FlowStoreContractTests.request("bench-resume-\(index)"),
            consumedTokens: ["bench-token-\(index)"]))
      }
      let elapsed = clock.now - started
      let seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      let perCommit = seconds / Double(turns * 2) * 1000
      print(
        "store-bench \(driver.rawValue): \(turns * 2) commits in "
          + "\(String(format: "%.2f", seconds)) s, \(String(format: "%.3f", perCommit)) ms each")
      #expect(try await store.orders(userId: "user-1").count == turns)
    }
  }
}
