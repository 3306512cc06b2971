internal import Crypto
public import FlowIR
public import Foundation

/// A conversation parked while Amazon Pay has the customer: stored under the directive's token
/// and consumed once by the `Connections.Response`.
public struct Continuation: Codable, Sendable, Equatable {
  /// The directive's token (at least 128 random bits).
  public var token: String
  /// The Alexa user id the token belongs to.
  public var userId: String
  /// The `setup` or `charge` state that sent the directive.
  public var stateId: String
  /// The Connections task sent.
  public var taskName: ConnectionsTaskName
  /// The flow hash at sending time.
  public var flowHash: String
  /// The conversation variables at sending time.
  public var variables: [String: VariableValue]
  /// The locale of the conversation.
  public var locale: String
  /// When the continuation was stored.
  public var createdAt: Date
  /// After this instant the token is refused.
  public var expiresAt: Date

  /// Creates a continuation.
  public init(
    token: String, userId: String, stateId: String, taskName: ConnectionsTaskName,
    flowHash: String,
    variables: [String: VariableValue], locale: String, createdAt: Date, expiresAt: Date
  ) {
    self.token = token
    self.userId = userId
    self.stateId = stateId
    self.taskName = taskName
    self.flowHash = flowHash
    self.variables = variables
    self.locale = locale
    self.createdAt = createdAt
    self.expiresAt = expiresAt
  }
}

/// An order and what Amazon Pay said about its payment.
public struct OrderRecord: Codable, Sendable, Equatable {
  /// The order id (`order.id`), also the base of `sellerOrderId`.
  public var id: String
  /// The customer.
  public var userId: String
  /// The product id.
  public var productId: String
  /// How many.
  public var quantity: Int64
  /// The total.
  public var amount: Money
  /// The `authorizationReferenceId` of the last charge attempt.
  public var authorizationReferenceId: String?
  /// Amazon's `amazonAuthorizationId` after a charge.
  public var amazonAuthorizationId: String?
  /// The billing agreement charged.
  public var billingAgreementId: String?
  /// Where the order's payment stands.
  public var state: OrderState
  /// When the order was created.
  public var createdAt: Date
  /// When the order last changed.
  public var updatedAt: Date

  /// Creates an order record.
  public init(
    id: String, userId: String, productId: String, quantity: Int64, amount: Money,
    authorizationReferenceId: String?, amazonAuthorizationId: String?,
    billingAgreementId: String?, state: OrderState, createdAt: Date, updatedAt: Date
  ) {
    self.id = id
    self.userId = userId
    self.productId = productId
    self.quantity = quantity
    self.amount = amount
    self.authorizationReferenceId = authorizationReferenceId
    self.amazonAuthorizationId = amazonAuthorizationId
    self.billingAgreementId = billingAgreementId
    self.state = state
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }
}

/// A customer's Amazon Pay billing agreement, kept for Charge Later and returning customers.
public struct AgreementRecord: Codable, Sendable, Equatable {
  /// The Alexa user id.
  public var userId: String
  /// Amazon's `billingAgreementId`.
  public var billingAgreementId: String
  /// The status as Amazon reported it.
  public var status: AgreementStatus
  /// When it was first stored.
  public var createdAt: Date
  /// When it last changed.
  public var updatedAt: Date

  /// Creates an agreement record.
  public init(
    userId: String, billingAgreementId: String, status: AgreementStatus, createdAt: Date,
    updatedAt: Date
  ) {
    self.userId = userId
    self.billingAgreementId = billingAgreementId
    self.status = status
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }
}

/// A request already answered, kept for the retention window so that a redelivery of the same
/// `requestId` by the same customer gets the same response and no second record.
///
/// Stores key it by ``key``: a hash of the customer and the request id, so that another
/// customer sending a known request id never gets this response, and the key has a fixed
/// length whatever the ids are.
public struct ProcessedRequest: Codable, Sendable, Equatable {
  /// The Alexa user id of the request (empty when the request names none).
  public var userId: String
  /// Alexa's `requestId`.
  public var requestId: String
  /// The response envelope sent, as JSON bytes.
  public var response: Data
  /// When it was answered.
  public var processedAt: Date

  /// Creates a processed-request record.
  public init(userId: String, requestId: String, response: Data, processedAt: Date) {
    self.userId = userId
    self.requestId = requestId
    self.response = response
    self.processedAt = processedAt
  }

  /// The store key of the record: ``key(userId:requestId:)``.
  public var key: String { Self.key(userId: userId, requestId: requestId) }

  /// The store key of a customer's request: `sha256:` and the hex SHA-256 of the canonical
  /// JSON array `[userId, requestId]`, 71 characters whatever the ids.
  public static func key(userId: String, requestId: String) -> String {
    let input = (try? CanonicalJSON.compact([userId, requestId])) ?? Data()
    return "sha256:" + Hexadecimal.lowercase(SHA256.hash(data: input))
  }
}

/// Everything one turn writes. A store applies it in one transaction, or not at all.
public struct TurnWrites: Sendable, Equatable {
  /// The answered request (always present for a request with a `requestId`).
  public var processedRequest: ProcessedRequest?
  /// Tokens consumed this turn; the commit fails with ``FlowStoreError/conflict(_:)`` when one
  /// was already consumed.
  public var consumedTokens: [String]
  /// Continuations created this turn.
  public var newContinuations: [Continuation]
  /// Orders created or updated (upsert by id). An update must keep the order's customer and
  /// may not touch a `captured` order: the commit fails with ``FlowStoreError/forbidden(_:)``
  /// otherwise.
  public var orders: [OrderRecord]
  /// The ids of the orders of ``orders`` that this turn creates: the commit fails with
  /// ``FlowStoreError/orderIdTaken(_:)`` when another order has one of them already, so that
  /// a short order id stays unique in the store.
  public var newOrderIds: [String]
  /// Agreements created or updated (upsert by user and agreement id).
  public var agreements: [AgreementRecord]
  /// When set, answered requests processed before this instant are past their retention: a
  /// new answer to the same request replaces such an answer instead of conflicting with it, and
  /// the store deletes them in this commit or a later one (the memory store at once, the SQL
  /// store at most once a minute). The engine sets it to now minus its replay retention on
  /// every write, and never replays an answer older than that.
  public var pruneProcessedRequestsBefore: Date?

  /// Creates an empty batch.
  public init(
    processedRequest: ProcessedRequest? = nil, consumedTokens: [String] = [],
    newContinuations: [Continuation] = [], orders: [OrderRecord] = [],
    newOrderIds: [String] = [], agreements: [AgreementRecord] = [],
    pruneProcessedRequestsBefore: Date? = nil
  ) {
    self.processedRequest = processedRequest
    self.consumedTokens = consumedTokens
    self.newContinuations = newContinuations
    self.orders = orders
    self.newOrderIds = newOrderIds
    self.agreements = agreements
    self.pruneProcessedRequestsBefore = pruneProcessedRequestsBefore
  }
}

/// The records a turn reads, named by their keys: what ``FlowStore/records(_:)`` looks up at
/// once. A `nil` key is not looked up.
public struct TurnRecordKeys: Sendable, Equatable {
  /// The token of a continuation to read (``FlowStore/continuation(token:)``).
  public var continuationToken: String?
  /// The customer whose open agreement to read (``FlowStore/openAgreement(userId:)``).
  public var openAgreementUserId: String?
  /// The id of an order to read (``FlowStore/order(id:)``).
  public var orderId: String?
  /// The customer and id of an agreement to read
  /// (``FlowStore/agreement(userId:billingAgreementId:)``).
  public var agreement: (userId: String, billingAgreementId: String)?

  /// Keys given one by one; none by default.
  public init(
    continuationToken: String? = nil, openAgreementUserId: String? = nil,
    orderId: String? = nil, agreement: (userId: String, billingAgreementId: String)? = nil
  ) {
    self.continuationToken = continuationToken
    self.openAgreementUserId = openAgreementUserId
    self.orderId = orderId
    self.agreement = agreement
  }

  /// Whether no key is set.
  public var isEmpty: Bool {
    continuationToken == nil && openAgreementUserId == nil && orderId == nil && agreement == nil
  }

  /// Whether both name the same keys.
  public static func == (left: Self, right: Self) -> Bool {
    left.continuationToken == right.continuationToken
      && left.openAgreementUserId == right.openAgreementUserId && left.orderId == right.orderId
      && left.agreement?.userId == right.agreement?.userId
      && left.agreement?.billingAgreementId == right.agreement?.billingAgreementId
  }
}

/// The records found for ``TurnRecordKeys``: each `nil` when its key was not set or names no
/// record.
public struct TurnRecords: Sendable, Equatable {
  /// The continuation under the token, if it exists and was not consumed.
  public var continuation: Continuation?
  /// The customer's most recent open agreement.
  public var openAgreement: AgreementRecord?
  /// The order of that id.
  public var order: OrderRecord?
  /// The customer's agreement of that id.
  public var agreement: AgreementRecord?

  /// Records given one by one; none by default.
  public init(
    continuation: Continuation? = nil, openAgreement: AgreementRecord? = nil,
    order: OrderRecord? = nil, agreement: AgreementRecord? = nil
  ) {
    self.continuation = continuation
    self.openAgreement = openAgreement
    self.order = order
    self.agreement = agreement
  }
}

/// Why a store operation failed.
public enum FlowStoreError: Error, Equatable, CustomStringConvertible {
  /// The batch lost a race: a token was already consumed, or the request was already
  /// processed. Nothing of the batch was written.
  case conflict(String)
  /// A new order has an id that another order has: nothing of the batch was written, and the
  /// turn can run again with a new id.
  case orderIdTaken(String)
  /// The batch would write another customer's order, or change an order already `captured`.
  /// Nothing of the batch was written.
  case forbidden(String)
  /// The database reported an error.
  case database(String)

  /// A one-line text for messages and logs.
  public var description: String {
    switch self {
    case .conflict(let detail): "conflicting write: \(detail)"
    case .orderIdTaken(let id): "order id '\(id)' is taken"
    case .forbidden(let detail): "forbidden write: \(detail)"
    case .database(let detail): "store error: \(detail)"
    }
  }
}

/// Where the runtime keeps continuations, orders, agreements and processed requests.
///
/// Drivers: ``MemoryFlowStore`` here (tests, `memory:`), and the SQL store of the
/// `FlowStoreSQL` module on SQLite (`sqlite:PATH`, the embedded default) or PostgreSQL
/// (`postgres://…`, several instances sharing one database). See `docs/stores.md`.
/// ``FlowEngine`` does all of a turn's reads before the turn runs (through ``records(_:)``: once,
/// and a second time only when a continuation names another order or agreement), and all of
/// its writes go through one ``commit(_:)`` after it; a redelivered request is found by that
/// commit, which fails with ``FlowStoreError/conflict(_:)``, and only then read
/// (``processedRequest(userId:requestId:)``).
public protocol FlowStore: Sendable {
  /// The stored answer to a customer's request, if it was not pruned (the engine also checks
  /// its age against the retention).
  func processedRequest(userId: String, requestId: String) async throws -> ProcessedRequest?
  /// The continuation stored under a token, if it exists and was not consumed.
  func continuation(token: String) async throws -> Continuation?
  /// The customer's most recent agreement whose status is `OPEN`, if any.
  func openAgreement(userId: String) async throws -> AgreementRecord?
  /// The customer's agreement with this id, whatever its status; `nil` when the customer has
  /// none of that id (another customer's agreement is `nil` too).
  func agreement(userId: String, billingAgreementId: String) async throws -> AgreementRecord?
  /// The key that seals session attributes (``SessionSeal``): ``SessionSeal/keyByteCount``
  /// random bytes, created by the first caller and the same for every instance that shares the
  /// store from then on.
  func sessionKey() async throws -> Data
  /// An order by id.
  func order(id: String) async throws -> OrderRecord?
  /// The records of several keys at once, as the single reads would find them: a store that
  /// pays per round trip (a SQL database) reads them in one. The default calls the single
  /// reads.
  func records(_ keys: TurnRecordKeys) async throws -> TurnRecords
  /// The customer's orders, oldest first.
  func orders(userId: String) async throws -> [OrderRecord]
  /// Applies one turn's writes atomically.
  func commit(_ writes: TurnWrites) async throws
  /// Deletes processed requests older than `date` and continuations that expired before it.
  func purge(before date: Date) async throws
  /// Releases connections and files.
  func close() async throws
}

extension FlowStore {
  /// See ``FlowStore/records(_:)``: one single read per key that is set.
  public func records(_ keys: TurnRecordKeys) async throws -> TurnRecords {
    var found = TurnRecords()
    if let token = keys.continuationToken {
      found.continuation = try await continuation(token: token)
    }
    if let userId = keys.openAgreementUserId {
      found.openAgreement = try await openAgreement(userId: userId)
    }
    if let id = keys.orderId { found.order = try await order(id: id) }
    if let key = keys.agreement {
      found.agreement = try await agreement(
        userId: key.userId, billingAgreementId: key.billingAgreementId)
    }
    return found
  }
}
