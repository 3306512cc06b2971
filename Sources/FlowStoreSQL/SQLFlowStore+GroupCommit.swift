import FlowRuntime
import SQLKit

extension SQLFlowStore {
  /// How a ``SQLFlowStore`` writes commits.
  public struct Options: Sendable, Equatable {
    /// Whether the commits of turns that arrive together share one transaction (and so one
    /// `fsync`): on by default for SQLite, off for PostgreSQL (whose server already flushes the
    /// write-ahead log of concurrent transactions together, each on its own connection).
    public var groupCommit: Bool
    /// The most turns one group commit writes; the rest wait for the next.
    public var maximumBatchSize: Int

    /// Options given one by one.
    public init(groupCommit: Bool, maximumBatchSize: Int = 128) {
      self.groupCommit = groupCommit
      self.maximumBatchSize = max(1, maximumBatchSize)
    }

    /// The defaults of a dialect.
    init(dialect: SQLFlowStoreDialect) {
      self.init(groupCommit: dialect == .sqlite)
    }
  }

  /// Writes a group of turns in one transaction, each turn inside a savepoint of its own, in
  /// the order they arrived: a turn that may not be written (``FlowStoreError/conflict(_:)``,
  /// ``FlowStoreError/orderIdTaken(_:)``, ``FlowStoreError/forbidden(_:)``) is rolled back to
  /// its savepoint and gets that error, and the turns after it see the database as if it had
  /// never run, which is what one transaction per turn in the same order gives. When the group
  /// fails as a whole (a database error, a failed `COMMIT`), nothing of it was written and each
  /// of its turns is committed alone, as without group commit.
  ///
  /// - Returns: One result per turn, in order.
  func commitGroup(_ group: [TurnWrites]) async -> [Result<Void, any Error>] {
    if group.count == 1 {
      return [await Self.result { try await self.commitAlone(group[0]) }]
    }
    let dialect = self.dialect
    do {
      let results = try await transaction { database in
        var results: [Result<Void, any Error>] = []
        results.reserveCapacity(group.count)
        for writes in group {
          try await database.raw("SAVEPOINT flowc_turn").run()
          do {
            try await Self.apply(
              writes, prune: self.pruneIsDue(writes), in: database, dialect: dialect)
            results.append(.success(()))
          } catch let error as FlowStoreError {
            guard case .database = error else {
              try await database.raw("ROLLBACK TO SAVEPOINT flowc_turn").run()
              try await database.raw("RELEASE SAVEPOINT flowc_turn").run()
              results.append(.failure(error))
              continue
            }
            throw error
          }
          try await database.raw("RELEASE SAVEPOINT flowc_turn").run()
        }
        return results
      }
      let written = results.filter { (try? $0.get()) != nil }.count
      commitCounts.update { $0.add(turns: written) }
      return results
    } catch {
      var results: [Result<Void, any Error>] = []
      for writes in group {
        results.append(await Self.result { try await self.commitAlone(writes) })
      }
      return results
    }
  }

  private static func result(_ body: () async throws -> Void) async -> Result<Void, any Error> {
    do {
      try await body()
      return .success(())
    } catch {
      return .failure(error)
    }
  }
}

/// The queue of a store's group commits.
///
/// A commit joins the queue; when no group is being written, a writer task starts and writes
/// everything queued as one group (``SQLFlowStore/commitGroup(_:)``), then the commits that
/// arrived meanwhile as the next group, until the queue is empty. A lone turn is written at
/// once, as without group commit; under load, the turns that arrive while one group waits for
/// its `fsync` go together in the next.
actor GroupCommitter {
  private struct Waiting {
    var writes: TurnWrites
    var continuation: CheckedContinuation<Void, any Error>
  }

  private let maximumBatchSize: Int
  private var queue: [Waiting] = []
  private var writing = false

  init(maximumBatchSize: Int) {
    self.maximumBatchSize = maximumBatchSize
  }

  /// Queues a turn's writes for `store` and returns once they are committed (or throws what
  /// committing them alone would have thrown).
  func submit(_ writes: TurnWrites, to store: SQLFlowStore) async throws {
    try await withCheckedThrowingContinuation { continuation in
      queue.append(Waiting(writes: writes, continuation: continuation))
      if !writing {
        writing = true
        Task { await self.writeQueued(to: store) }
      }
    }
  }

  private func writeQueued(to store: SQLFlowStore) async {
    while !queue.isEmpty {
      let group = Array(queue.prefix(maximumBatchSize))
      queue.removeFirst(group.count)
      let results = await store.commitGroup(group.map(\.writes))
      for (waiting, result) in zip(group, results) {
        waiting.continuation.resume(with: result)
      }
    }
    writing = false
  }
}
