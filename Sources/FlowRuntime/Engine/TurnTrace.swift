public import FlowIR

/// One move of the state machine during a turn: from a state, on an intent, an outcome or a
/// `choose` branch, to the next state (`nil` when the transition stays or ends the session).
public struct TracedTransition: Sendable, Hashable, Codable {
  /// The state the transition leaves (for a `global` transition: the `ask` state it fired in).
  public var from: String
  /// What fired it: an intent name, a payment outcome, or `if N` / `else` for a `choose`.
  public var on: String
  /// Whether it came from `flow.global` rather than the state's own `on:` map.
  public var isGlobal = false
  /// The state it leads to.
  public var to: String?
}

/// A slot the runtime asked for with a `Dialog.ElicitSlot` directive, because a transition
/// `require`s it (language v1.1) and the intent came without a valid value.
public struct TracedElicitation: Sendable, Hashable, Codable {
  /// The `ask` state the intent arrived in.
  public var state: String
  /// The intent whose transition requires the slot.
  public var intent: String
  /// Whether the transition came from `flow.global`.
  public var isGlobal: Bool
  /// The slot elicited.
  public var slot: String
  /// Whether the `unknown` prompt was spoken: the customer gave a value that is not valid and
  /// the requirement has an `unknown` prompt (otherwise the slot was asked for as missing).
  public var spokeUnknown: Bool

  /// Creates a traced elicitation.
  public init(state: String, intent: String, isGlobal: Bool, slot: String, spokeUnknown: Bool) {
    self.state = state
    self.intent = intent
    self.isGlobal = isGlobal
    self.slot = slot
    self.spokeUnknown = spokeUnknown
  }
}

/// What a turn did to the state machine, recorded while the turn executed:
/// the states it entered, the transitions it took, and the variables it ended with.
///
/// Returned by ``FlowEngine/handleTraced(_:)`` and ``FlowEngine/handleTraced(requestJSON:)``
/// (for test coverage and the simulator's state display). A request the engine does not
/// execute again (a repeated `requestId`, answered from the store) has an empty trace, and so
/// has a `Connections.Response` that matches no usable continuation.
public struct TurnTrace: Sendable, Equatable {
  /// States entered, in order (the state the conversation waited in is not repeated).
  public var statesEntered: [String] = []
  /// Transitions taken, in order.
  public var transitions: [TracedTransition] = []
  /// The payment outcome classified from a `Connections.Response` or decided at once
  /// (`permission_denied` without the permission, `error` for a payload that cannot be
  /// rendered), with the state it belongs to.
  public var paymentOutcomes: [(state: String, outcome: PaymentOutcome)] = []
  /// The slot elicited instead of taking a transition, if any.
  public var elicitation: TracedElicitation?
  /// The state that answered the turn (an `ask`, `tell`, `setup` or `charge` state), if any.
  public var answeringState: String?
  /// The conversation variables at the end of the turn, as the engine holds them.
  public var variables: [String: VariableValue] = [:]
  /// What the turn refused or flagged (also logged).
  public var notices: [RuntimeNotice] = []

  /// Creates an empty trace.
  public init() {}

  /// Whether the two values are equal.
  public static func == (lhs: TurnTrace, rhs: TurnTrace) -> Bool {
    lhs.statesEntered == rhs.statesEntered && lhs.transitions == rhs.transitions
      && lhs.paymentOutcomes.map(\.state) == rhs.paymentOutcomes.map(\.state)
      && lhs.paymentOutcomes.map(\.outcome) == rhs.paymentOutcomes.map(\.outcome)
      && lhs.elicitation == rhs.elicitation && lhs.answeringState == rhs.answeringState
      && lhs.variables == rhs.variables
  }
}

/// Something the engine refused or flagged during a turn: logged by ``FlowEngine/log`` and
/// listed in the turn's trace. The texts never echo request content.
public enum RuntimeNotice: Sendable, Equatable, CustomStringConvertible {
  /// The session attributes were not trusted; the conversation started afresh.
  case sessionRefused(SessionRefusal)
  /// A payment was not sent: a money-relevant value failed its check against the flow or the
  /// store; the state's `error` outcome was taken.
  case paymentRefused(PaymentRefusal)
  /// Amazon Pay's answer did not match the question: the `error` outcome was taken and the
  /// order (if any) marked `review`.
  case orderForReview(orderId: String?, problem: ReconciliationProblem)

  /// One line for the log.
  public var description: String {
    switch self {
    case .sessionRefused(let reason):
      "refused session attributes: \(reason.explanation); the conversation starts afresh"
    case .paymentRefused(let reason):
      "refused to send a payment: \(reason.explanation); took the error outcome"
    case .orderForReview(let orderId, let problem):
      "order \(orderId ?? "(none)") marked for review: \(problem.explanation); took the error "
        + "outcome"
    }
  }
}

/// Why the runtime would not send a Setup or Charge.
public enum PaymentRefusal: String, Sendable, Equatable, CaseIterable {
  /// `product` names no product of the flow's catalog.
  case unknownProduct = "UnknownProduct"
  /// `quantity` is outside the language's bounds (``OrderQuantity/range``).
  case invalidQuantity = "InvalidQuantity"
  /// `agreement.id` is not one of the customer's own stored agreements.
  case foreignAgreement = "UnknownBillingAgreement"
  /// `order.id` names an order of another customer.
  case foreignOrder = "ForeignOrder"

  /// The `payment.error` the `error` outcome sets.
  public var code: String { rawValue }

  /// A sentence for the log.
  public var explanation: String {
    switch self {
    case .unknownProduct: "the product is not in the flow's catalog"
    case .invalidQuantity:
      "the quantity is outside \(OrderQuantity.range.lowerBound)…\(OrderQuantity.range.upperBound)"
    case .foreignAgreement: "the billing agreement is not one of this customer's"
    case .foreignOrder: "the order belongs to another customer"
    }
  }
}
