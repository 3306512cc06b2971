import FlowIR
import FlowRuntime
import FlowTestSupport
import Foundation
import SQLKit
import Testing

@testable import FlowStoreSQL

#if canImport(Glibc)
  import Glibc
#endif

/// A process killed with SIGKILL in the middle of group commits loses nothing it acknowledged
/// and leaves no turn half written.
@Suite struct SQLFlowStoreCrashTests {
  typealias Contract = FlowStoreContractTests

  /// The writes of turn `index`: its answer, a continuation and a new order, all or nothing.
  static func turn(_ index: Int) -> TurnWrites {
    TurnWrites(
      processedRequest: Contract.request("crash-\(index)"),
      newContinuations: [Contract.continuation("crash-token-\(index)")],
      orders: [Contract.order("crash-order-\(index)", at: Contract.t0)],
      newOrderIds: ["crash-order-\(index)"])
  }

  @Test func aKilledProcessLosesNothingAcknowledgedAndHalfWritesNothing() async throws {
    let (directory, path) = try TemporaryDirectory.file("crash.sqlite")
    defer { directory.remove() }
    let acknowledged = directory.path("acknowledged.txt")
    // The child commits turns from 16 concurrent callers (group commit on), appends each turn's
    // number to `acknowledged` once its commit returned, and kills itself mid-stream.
    await #expect(processExitsWith: .signal(SIGKILL)) {
      [path = path as String, acknowledged = acknowledged as String] in
      let store = try await SQLFlowStore.open(sqlitePath: path)
      let log = open(acknowledged, O_WRONLY | O_CREAT | O_APPEND, 0o600)
      let counter = LockedValue(0)
      try await withThrowingTaskGroup(of: Void.self) { group in
        for caller in 0..<16 {
          group.addTask {
            var index = caller
            while true {
              try await store.commit(Self.turn(index))
              let line = Array("\(index)\n".utf8)
              _ = line.withUnsafeBytes { write(log, $0.baseAddress, $0.count) }
              var total = 0
              counter.update {
                $0 += 1
                total = $0
              }
              if total == 300 { kill(getpid(), SIGKILL) }
              index += 16
            }
          }
        }
        try await group.waitForAll()
      }
    }
    let acks = try String(contentsOfFile: acknowledged, encoding: .utf8)
      .split(separator: "\n").compactMap { Int($0) }
    #expect(acks.count >= 300)
    let store = try await SQLFlowStore.open(sqlitePath: path)
    let integrity = try await store.database.raw("PRAGMA integrity_check").first()?
      .decode(column: "integrity_check", as: String.self)
    #expect(integrity == "ok")
    for index in acks {
      #expect(try await store.order(id: "crash-order-\(index)") != nil, "turn \(index)")
    }
    // Every turn is whole or absent: its answer, its continuation and its order together.
    for index in 0...(acks.max() ?? 0) + 16 * 8 {
      let parts = [
        try await store.processedRequest(userId: "user-1", requestId: "crash-\(index)") != nil,
        try await store.continuation(token: "crash-token-\(index)") != nil,
        try await store.order(id: "crash-order-\(index)") != nil,
      ]
      #expect(Set(parts).count == 1, "turn \(index): \(parts)")
    }
    try await store.close()
  }
}
