public import Foundation

/// A ``FlowStore`` that keeps everything in memory: for tests, `flowc simulate` and trying
/// flows out. Nothing survives the process.
///
/// It honours the same contract as the database drivers: ``commit(_:)`` applies a turn's
/// writes all together or not at all, and fails with ``FlowStoreError/conflict(_:)`` when a
/// token of the batch was already consumed, a new continuation reuses a token, or the request
/// was already processed, and with ``FlowStoreError/orderIdTaken(_:)`` when a new order's id
/// is taken (order ids are unique in the store).
///
/// A customer's agreements and orders are indexed by user id, so a turn costs the same however
/// many customers the store holds.
public actor MemoryFlowStore: FlowStore {
  fileprivate struct Contents {
    /// Answered requests by ``ProcessedRequest/key``.
    var processedRequests: [String: ProcessedRequest] = [:]
    /// Keys in the order stored, for pruning from the oldest.
    var processedOrder: [(key: String, processedAt: Date)] = []
    var processedOrderStart = 0
    var continuations: [String: Continuation] = [:]
    var consumedTokens: Set<String> = []
    var ordersById: [String: OrderRecord] = [:]
    /// Each customer's order ids in the order they were first written, so that equal creation
    /// times still give a stable "oldest first".
    var orderIdsByUser: [String: [String]] = [:]
    /// Each customer's agreements in the order first stored.
    var agreementsByUser: [String: [AgreementRecord]] = [:]
    var key: Data?
  }

  private var contents = Contents()

  /// Creates an empty store.
  public init() {}

  /// See ``FlowStore/sessionKey()``.
  public func sessionKey() async throws -> Data {
    if let key = contents.key { return key }
    let created = SessionSeal.newKey()
    contents.key = created
    return created
  }

  /// See ``FlowStore/agreement(userId:billingAgreementId:)``.
  public func agreement(userId: String, billingAgreementId: String) async throws
    -> AgreementRecord?
  {
    contents.agreement(userId: userId, billingAgreementId: billingAgreementId)
  }

  /// See ``FlowStore/processedRequest(userId:requestId:)``.
  public func processedRequest(userId: String, requestId: String) async throws
    -> ProcessedRequest?
  {
    contents.processedRequests[ProcessedRequest.key(userId: userId, requestId: requestId)]
  }

  /// See ``FlowStore/continuation(token:)``.
  public func continuation(token: String) async throws -> Continuation? {
    contents.openContinuation(token: token)
  }

  /// See ``FlowStore/openAgreement(userId:)``.
  public func openAgreement(userId: String) async throws -> AgreementRecord? {
    contents.openAgreement(userId: userId)
  }

  /// See ``FlowStore/order(id:)``.
  public func order(id: String) async throws -> OrderRecord? {
    contents.ordersById[id]
  }

  /// See ``FlowStore/records(_:)``: the single reads, in one call to the actor.
  public func records(_ keys: TurnRecordKeys) async throws -> TurnRecords {
    TurnRecords(
      continuation: keys.continuationToken.flatMap(contents.openContinuation(token:)),
      openAgreement: keys.openAgreementUserId.flatMap(contents.openAgreement(userId:)),
      order: keys.orderId.flatMap { contents.ordersById[$0] },
      agreement: keys.agreement.flatMap {
        contents.agreement(userId: $0.userId, billingAgreementId: $0.billingAgreementId)
      })
  }

  /// See ``FlowStore/orders(userId:)``.
  public func orders(userId: String) async throws -> [OrderRecord] {
    let mine = (contents.orderIdsByUser[userId] ?? []).compactMap { contents.ordersById[$0] }
    // A stable sort keeps first-written first among equal creation times.
    return mine.enumerated().sorted { lhs, rhs in
      lhs.element.createdAt != rhs.element.createdAt
        ? lhs.element.createdAt < rhs.element.createdAt : lhs.offset < rhs.offset
    }.map(\.element)
  }

  /// See ``FlowStore/commit(_:)``.
  public func commit(_ writes: TurnWrites) async throws {
    try contents.commit(writes)
  }

  /// Why writing `order` over `existing` is refused, if it is: another customer's order, or
  /// one already captured (the rule the SQL store's guarded upsert and trigger enforce).
  static func forbiddenReason(writing order: OrderRecord, over existing: OrderRecord?) -> String? {
    guard let existing else { return nil }
    if existing.userId != order.userId {
      return "order '\(order.id)' belongs to another customer"
    }
    if existing.state.isFinal {
      return "order '\(order.id)' is \(existing.state.rawValue) and cannot change"
    }
    return nil
  }

  /// See ``FlowStore/purge(before:)``.
  public func purge(before date: Date) async throws {
    contents.processedRequests = contents.processedRequests.filter { $0.value.processedAt >= date }
    for (token, continuation) in contents.continuations where continuation.expiresAt < date {
      contents.continuations[token] = nil
    }
  }

  /// See ``FlowStore/close()``.
  public func close() async throws {}

  /// Every agreement stored for a customer, in the order first stored (for tests and tools).
  public func agreements(userId: String) -> [AgreementRecord] {
    contents.agreementsByUser[userId] ?? []
  }

  /// How many processed requests are kept (for tests and tools).
  public var processedRequestCount: Int { contents.processedRequests.count }
}

extension MemoryFlowStore.Contents {
  /// The continuation stored under `token`, unless it was consumed.
  func openContinuation(token: String) -> Continuation? {
    consumedTokens.contains(token) ? nil : continuations[token]
  }

  /// The customer's most recently updated open agreement; later writes win ties.
  func openAgreement(userId: String) -> AgreementRecord? {
    var best: AgreementRecord?
    for agreement in agreementsByUser[userId] ?? [] where agreement.status.isOpen {
      if let current = best, current.updatedAt > agreement.updatedAt { continue }
      best = agreement
    }
    return best
  }

  /// The customer's agreement with this id.
  func agreement(userId: String, billingAgreementId: String) -> AgreementRecord? {
    agreementsByUser[userId]?.first { $0.billingAgreementId == billingAgreementId }
  }

  /// Applies a turn's writes, all or none.
  mutating func commit(_ writes: TurnWrites) throws {
    // Check everything first, so that a conflict writes nothing.
    if let processed = writes.processedRequest, let stored = processedRequests[processed.key],
      writes.pruneProcessedRequestsBefore.map({ stored.processedAt >= $0 }) ?? true
    {
      throw FlowStoreError.conflict("request '\(processed.requestId)' was already processed")
    }
    var consumedInBatch: Set<String> = []
    for token in writes.consumedTokens {
      if consumedTokens.contains(token) || !consumedInBatch.insert(token).inserted {
        throw FlowStoreError.conflict("token '\(token)' was already consumed")
      }
    }
    // A new order with a taken id is a collision, not a write over another's order.
    var newOrders: Set<String> = []
    for id in writes.newOrderIds where ordersById[id] != nil || !newOrders.insert(id).inserted {
      throw FlowStoreError.orderIdTaken(id)
    }
    for order in writes.orders {
      if let reason = MemoryFlowStore.forbiddenReason(writing: order, over: ordersById[order.id]) {
        throw FlowStoreError.forbidden(reason)
      }
    }
    var newTokens: Set<String> = []
    for continuation in writes.newContinuations {
      if continuations[continuation.token] != nil || consumedTokens.contains(continuation.token)
        || !newTokens.insert(continuation.token).inserted
      {
        throw FlowStoreError.conflict("token '\(continuation.token)' already exists")
      }
    }

    if let cutoff = writes.pruneProcessedRequestsBefore { pruneProcessedRequests(before: cutoff) }
    if let processed = writes.processedRequest {
      processedRequests[processed.key] = processed
      processedOrder.append((processed.key, processed.processedAt))
    }
    consumedTokens.formUnion(writes.consumedTokens)
    for continuation in writes.newContinuations {
      continuations[continuation.token] = continuation
    }
    for order in writes.orders {
      if ordersById[order.id] == nil { orderIdsByUser[order.userId, default: []].append(order.id) }
      ordersById[order.id] = order
    }
    for agreement in writes.agreements {
      var mine = agreementsByUser.removeValue(forKey: agreement.userId) ?? []
      if let index = mine.firstIndex(where: {
        $0.billingAgreementId == agreement.billingAgreementId
      }) {
        var updated = agreement
        updated.createdAt = mine[index].createdAt
        mine[index] = updated
      } else {
        mine.append(agreement)
      }
      agreementsByUser[agreement.userId] = mine
    }
  }

  /// Deletes answered requests processed before `cutoff`: from the oldest stored, in constant
  /// time per deleted entry (an entry stored out of time order waits for the ones before it).
  private mutating func pruneProcessedRequests(before cutoff: Date) {
    while processedOrderStart < processedOrder.count,
      processedOrder[processedOrderStart].processedAt < cutoff
    {
      let key = processedOrder[processedOrderStart].key
      if let stored = processedRequests[key], stored.processedAt < cutoff {
        processedRequests[key] = nil
      }
      processedOrderStart += 1
    }
    if processedOrderStart > 1024, processedOrderStart * 2 > processedOrder.count {
      processedOrder.removeFirst(processedOrderStart)
      processedOrderStart = 0
    }
  }
}
