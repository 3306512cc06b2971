import FlowIR
public import FlowRuntime
public import Foundation

/// What answers the envelopes of one conversation test (one script in one locale): the seam
/// between ``TestConversation`` (which builds requests and checks assertions) and the skill
/// under test.
///
/// - ``EngineTransport``: the built-in runtime in this process (`flowc test`, the simulator).
/// - ``StdioTransport``: a process speaking the stdio skill protocol (`flowc test --against`).
/// - ``EndpointTransport``: a skill endpoint over HTTP (`flowc test --endpoint`).
/// - ``LockstepTransport``: another transport, checked response by response against the
///   built-in runtime.
///
/// A new transport implements the three requirements below and is
/// handed to ``TestRunner/init(program:locales:transport:)`` as a factory; nothing else in the
/// runner changes. Calls come one at a time, in conversation order.
public protocol SkillTransport: AnyObject {
  /// Answers one Alexa request envelope.
  ///
  /// - Parameter request: The request envelope, as compact JSON.
  /// - Returns: The response envelope's JSON, as the skill sent it.
  /// - Throws: ``ConversationError`` (with a message for the test report) when the skill does
  ///   not answer, answers something that is not JSON, or answers differently from what was
  ///   expected of it.
  func answer(_ request: Data) async throws -> Data

  /// What the last answered request did to the state machine and what the store holds for a
  /// customer: for the assertions that need the trace or the store (`state`, `vars`, `order`,
  /// `agreement`) and for coverage.
  ///
  /// - Parameter userId: The Alexa user id whose orders and agreements are wanted.
  /// - Returns: The inspection, or ``SkillInspection/unsupported`` when the skill cannot tell.
  /// - Throws: ``ConversationError`` when the skill does not answer.
  func inspect(userId: String) async throws -> SkillInspection

  /// Ends the conversation (a process gets its standard input closed and is waited for).
  /// Called once, also after a failure; nothing is sent afterwards.
  ///
  /// - Returns: What went wrong at the end (a process that had to be killed or exited with a
  ///   status other than 0), for the test report; `nil` when nothing did.
  func finish() async -> String?
}

/// What a skill reports about its last turn and a customer's records (the `inspect` line of
/// the stdio protocol; `docs/testing.md`, "Testing another implementation").
public struct SkillInspection: Sendable, Equatable {
  /// Whether the skill can inspect at all; when `false` the other members are empty.
  public var isSupported: Bool
  /// What the last answered request did (of any customer); `nil` before the first one.
  public var trace: TurnTrace?
  /// The customer's orders, oldest first, as field → text (the field names of `order:`
  /// assertions, the values rendered as ``TestRunner`` compares them; absent fields left out).
  public var orders: [[String: String]]
  /// The customer's billing agreements, oldest first: `billing_agreement_id` and `status`.
  public var agreements: [[String: String]]
  /// Why the skill cannot inspect, for the report; `nil` for a skill that said so itself
  /// (`{"flowc":"inspect","unsupported":true}`) and for one that can.
  public var unsupportedReason: String?

  /// Creates an inspection.
  public init(
    trace: TurnTrace?, orders: [[String: String]], agreements: [[String: String]]
  ) {
    self.isSupported = true
    self.trace = trace
    self.orders = orders
    self.agreements = agreements
  }

  /// The answer of a skill that cannot inspect.
  public static let unsupported: SkillInspection = {
    var inspection = SkillInspection(trace: nil, orders: [], agreements: [])
    inspection.isSupported = false
    return inspection
  }()

  /// The answer of a skill that cannot inspect, with the reason the report gives.
  ///
  /// - Parameter reason: Why, lowercase (`it answered the inspection question with HTTP 400`).
  /// - Returns: The inspection.
  public static func unsupported(because reason: String) -> SkillInspection {
    var inspection = unsupported
    inspection.unsupportedReason = reason
    return inspection
  }

  /// The agreement a Charge would use: the last one whose status is `OPEN`.
  public var openAgreement: [String: String]? {
    agreements.last { $0[Self.agreementStatusField] == AgreementStatus.open.rawValue }
  }

  /// The field names of an agreement (also those of `agreement:` assertions, with `id`).
  public static let agreementIdField = "billing_agreement_id"
  /// The status field of an agreement.
  public static let agreementStatusField = "status"

  /// The order fields, in the order ``orderFields(of:)`` lists them.
  public static let orderFieldNames = [
    "id", "product", "quantity", "amount", "currency", "state", "authorization_reference_id",
    "amazon_authorization_id", "billing_agreement_id",
  ]

  /// An order record as the fields `order:` assertions compare.
  public static func orderFields(of order: OrderRecord) -> [String: String] {
    var fields: [String: String] = [:]
    for name in orderFieldNames {
      if let value = ExpectationChecker.orderField(name, of: order) { fields[name] = value }
    }
    return fields
  }

  /// What the built-in runtime's store holds for a customer, with the trace of the last turn.
  ///
  /// Agreements are those the store can name for the customer: the open one and those the
  /// customer's orders used, oldest first (the store keeps no list of closed agreements that
  /// no order used; the assertions need only the open one).
  ///
  /// - Parameters:
  ///   - store: The store.
  ///   - userId: The customer.
  ///   - trace: The last turn's trace, if any.
  /// - Returns: The inspection.
  /// - Throws: Store errors.
  public static func read(from store: any FlowStore, userId: String, trace: TurnTrace?)
    async throws -> SkillInspection
  {
    let orders = try await store.orders(userId: userId)
    var agreements: [AgreementRecord] = []
    var seen: Set<String> = []
    for id in orders.compactMap(\.billingAgreementId) where seen.insert(id).inserted {
      if let agreement = try await store.agreement(userId: userId, billingAgreementId: id) {
        agreements.append(agreement)
      }
    }
    if let open = try await store.openAgreement(userId: userId),
      seen.insert(open.billingAgreementId).inserted
    {
      agreements.append(open)
    }
    agreements.sort { ($0.createdAt, $0.updatedAt) < ($1.createdAt, $1.updatedAt) }
    return SkillInspection(
      trace: trace, orders: orders.map(orderFields(of:)),
      agreements: agreements.map {
        [agreementIdField: $0.billingAgreementId, agreementStatusField: $0.status.rawValue]
      })
  }
}

/// The built-in runtime as a transport: a ``FlowEngine`` in this process, with its store.
public final class EngineTransport: SkillTransport {
  /// The engine.
  public let engine: FlowEngine
  /// The trace of the last answered request.
  public private(set) var lastTrace: TurnTrace?

  /// Creates a transport.
  ///
  /// - Parameter engine: The engine that answers.
  public init(engine: FlowEngine) {
    self.engine = engine
  }

  /// See ``SkillTransport/answer(_:)``: the engine's bytes (a malformed request is an error).
  public func answer(_ request: Data) async throws -> Data {
    let (response, trace) = try await engine.handleTraced(requestJSON: request)
    lastTrace = trace
    return response
  }

  /// See ``SkillTransport/inspect(userId:)``.
  public func inspect(userId: String) async throws -> SkillInspection {
    try await SkillInspection.read(from: engine.store, userId: userId, trace: lastTrace)
  }

  /// See ``SkillTransport/finish()``: nothing to end.
  public func finish() async -> String? { nil }
}
