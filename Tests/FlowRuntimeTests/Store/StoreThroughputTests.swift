import FlowIR
import FlowRuntime
import FlowStoreSQL
import FlowTestSupport
import Foundation
import Testing

/// Rough figures for a turn's commit on each driver. Opt in with `FLOWC_STORE_BENCH=1`
/// (they print, they do not judge: a shared 2-core machine gives noisy numbers).
@Suite(.serialized) struct StoreThroughputTests {
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

  /// Engine turns per second on a SQLite file (`synchronous=FULL`) with 1 and 16 concurrent
  /// callers, group commit off and on: the debug-build counterpart of
  /// `benchmarks/store/run.sh`, for a quick look without a release build.
  @Test(.enabled(if: enabled), arguments: [1, 16], [false, true])
  func turnsPerSecond(callers: Int, groupCommit: Bool) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = try await SQLFlowStore.open(
      sqlitePath: directory.path("bench.sqlite"), options: .init(groupCommit: groupCommit))
    let engine = FlowEngine(program: NoNicksProgram.program(), store: store, log: { _ in })
    let turns = 1000
    let clock = ContinuousClock()
    let started = clock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
      for caller in 0..<callers {
        group.addTask {
          for index in stride(from: caller, to: turns, by: callers) {
            let request = RequestEnvelopes.envelope(
              request: RequestEnvelopes.launch(), userId: "amzn1.ask.account.B\(index)",
              sessionNew: true, requestId: "bench-\(index)")
            _ = try await engine.answer(requestJSON: try CanonicalJSON.compact(request))
          }
        }
      }
      try await group.waitForAll()
    }
    let elapsed = clock.now - started
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(
      "store-bench sqlite FULL, \(callers) caller(s), group commit \(groupCommit ? "on" : "off"): "
        + String(format: "%.0f turns/s", Double(turns) / seconds))
    try await store.close()
  }
}
