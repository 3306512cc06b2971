internal import Crypto
public import FlowRuntime
internal import Foundation
internal import Synchronization

/// The trace of each customer's last answered request, for the customers seen most recently:
/// what `flowc serve --allow-inspection` tells `flowc test --endpoint` about the turn a
/// customer just had, while other customers talk to the same server.
///
/// Bounded whoever sends the requests: at most ``capacity`` customers, the one used least
/// recently forgotten first, and each keyed by the SHA-256 of the user id, so that a long id
/// costs no more than a short one (a trace is as large as the request that made it, and a
/// request is bounded by the server's body limit).
public final class RecentTraces: Sendable {
  /// How many customers are remembered.
  public let capacity: Int
  /// The default capacity: 1,024 customers.
  public static let defaultCapacity = 1024

  private struct Entry {
    var trace: TurnTrace
    var lastUse: UInt64
  }

  private struct Contents {
    var entries: [Data: Entry] = [:]
    var clock: UInt64 = 0
  }

  private let contents = Mutex(Contents())

  /// Creates an empty memory.
  ///
  /// - Parameter capacity: How many customers are remembered (at least 1).
  public init(capacity: Int = defaultCapacity) {
    self.capacity = max(1, capacity)
  }

  /// Remembers a customer's last trace, forgetting the least recently used customer when full.
  ///
  /// - Parameters:
  ///   - trace: What the request did.
  ///   - userId: The customer.
  public func record(_ trace: TurnTrace, userId: String) {
    let key = Self.key(userId)
    let capacity = capacity
    contents.withLock { contents in
      contents.clock += 1
      contents.entries[key] = Entry(trace: trace, lastUse: contents.clock)
      // A scan of at most `capacity` entries per new customer once full: cheap at this size,
      // and with nothing an attacker can grow.
      if contents.entries.count > capacity,
        let oldest = contents.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
      {
        contents.entries[oldest] = nil
      }
    }
  }

  /// A customer's last trace, if remembered (which makes the customer recently used).
  ///
  /// - Parameter userId: The customer.
  /// - Returns: The trace, or `nil`.
  public func trace(userId: String) -> TurnTrace? {
    let key = Self.key(userId)
    return contents.withLock { contents in
      guard var entry = contents.entries[key] else { return nil }
      contents.clock += 1
      entry.lastUse = contents.clock
      contents.entries[key] = entry
      return entry.trace
    }
  }

  /// How many customers are remembered.
  public var count: Int { contents.withLock { $0.entries.count } }

  private static func key(_ userId: String) -> Data {
    Data(SHA256.hash(data: Data(userId.utf8)))
  }
}
