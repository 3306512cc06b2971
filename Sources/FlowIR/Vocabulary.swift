// The words that the compiler, the runtime, the stores, the turn trace and the conversation
// tests share. Each exists here once, as a type; everywhere else code names the case, and the
// raw text appears only where a flow file, a test script or a stored record is read or written.

/// How a Connections task ended, as a flow's `on:` keys and a test script's `pay:` name it.
///
/// The cases are in the order the IR lists a task's outcomes.
public enum PaymentOutcome: String, Codable, CodingKeyRepresentable, Sendable, Hashable,
  CaseIterable, Comparable
{
  /// Setup: an open billing agreement; Charge: the amount was authorized (and captured).
  case success
  /// Charge only: Amazon Pay declined the authorization.
  case declined
  /// The customer has not granted `payments:autopay_consent` (or disabled voice purchasing):
  /// nothing was sent, or Amazon Pay refused for that reason.
  case permissionDenied = "permission_denied"
  /// Any other answer: an error code, a throttle, an unknown or incomplete response.
  case error

  /// Orders as the IR lists outcomes: success, declined, permission_denied, error.
  public static func < (lhs: PaymentOutcome, rhs: PaymentOutcome) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// The name of a `Connections.SendRequest` task: what a `setup` or `charge` state sends.
public enum ConnectionsTaskName: String, Codable, Sendable, Hashable, CaseIterable {
  /// Amazon Pay Setup: create (or find) the customer's billing agreement.
  case setup = "Setup"
  /// Amazon Pay Charge: authorize and capture an amount against a billing agreement.
  case charge = "Charge"

  /// The outcomes a task of this name can have, in IR order: Setup cannot be declined.
  public var outcomes: [PaymentOutcome] {
    switch self {
    case .setup: [.success, .permissionDenied, .error]
    case .charge: [.success, .declined, .permissionDenied, .error]
    }
  }

  /// The flow language's state kind that sends this task: `setup` or `charge`.
  public var stateKind: String {
    switch self {
    case .setup: "setup"
    case .charge: "charge"
    }
  }

  /// The task a flow language state kind (`setup`, `charge`) sends, if it sends one.
  public init?(stateKind: String) {
    switch stateKind {
    case "setup": self = .setup
    case "charge": self = .charge
    default: return nil
    }
  }
}

/// The profile that renders a Connections task's payload and classifies its response.
public enum ConnectionsProfileName: String, Codable, Sendable, Hashable, CaseIterable {
  /// Amazon Pay for Alexa (Setup and Charge).
  case amazonPay = "amazon_pay"
}

/// Where an order stands, as the stores record it.
public enum OrderState: String, Codable, Sendable, Hashable, CaseIterable {
  /// A Setup was sent for it; no Charge yet.
  case pending
  /// A Charge was sent; its answer has not come back.
  case charging
  /// Amazon Pay authorized the amount (capture follows).
  case authorized
  /// Amazon Pay authorized and captured the amount: the customer paid.
  case captured
  /// Amazon Pay declined the authorization.
  case declined
  /// The Setup or Charge ended in an error.
  case failed
  /// Amazon Pay's answer did not match the question (another amount or currency, no shipping
  /// address for a shipping product, a sandbox answer in a live flow, an id beyond the limits):
  /// the runtime took the `error` outcome and a person must look at the payment.
  case review

  /// Whether the customer paid: a captured order never changes again (the stores refuse any
  /// later write to it).
  public var isFinal: Bool { self == .captured }
}

/// How many of a product one order may hold: the flow language caps `quantity` (an
/// `AMAZON.NUMBER` slot, a literal) at 1 to 99, and the runtime refuses to send a payment for
/// anything outside.
public enum OrderQuantity {
  /// The quantities a flow may order.
  public static let range: ClosedRange<Int64> = 1...99
}

/// A string with a type of its own, such as an agreement status, a variable path or a
/// diagnostic id: it prints as its text and, when the type is `Comparable`, sorts by it.
public protocol TypedString: RawRepresentable<String>, CustomStringConvertible {}

extension TypedString {
  /// The text.
  public var description: String { rawValue }
}

extension TypedString where Self: Comparable {
  /// Orders by text.
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The status of an Amazon Pay billing agreement, as Amazon Pay reports it
/// (`billingAgreementStatus`) and the stores record it.
///
/// A struct rather than an enum: Amazon Pay may report a status this build does not know, and it
/// is kept as it came.
public struct AgreementStatus: TypedString, Codable, Sendable, Hashable {
  /// The status as Amazon Pay spells it, upper case.
  public var rawValue: String

  /// Creates a status from Amazon Pay's text.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// The agreement can be charged.
  public static let open = AgreementStatus(rawValue: "OPEN")
  /// The agreement needs the customer's attention (an invalid payment method, say).
  public static let suspended = AgreementStatus(rawValue: "SUSPENDED")
  /// The agreement was closed and cannot be used again.
  public static let closed = AgreementStatus(rawValue: "CLOSED")
  /// The agreement is being closed or set up.
  public static let draft = AgreementStatus(rawValue: "DRAFT")
  /// The agreement was canceled by the customer or by Amazon.
  public static let canceled = AgreementStatus(rawValue: "CANCELED")

  /// Whether a Charge may use the agreement.
  public var isOpen: Bool { self == .open }
}

/// A variable whose assignment the compiler's definite-assignment analysis tracks. Every path
/// reads zero or more of them; a placeholder is only valid in a state when all of them are
/// definitely set on every path into it.
///
/// The raw value is the name used in documentation and messages.
public enum BaseVariable: String, Sendable, Hashable, CaseIterable, Comparable {
  /// `product`: set by a `set` (`product: slot.product`, `product: catalog.kit`).
  case product
  /// `quantity`: starts at 1, so it is always set; a `set` may change it.
  case quantity
  /// `order.id`: set when a `setup` or `charge` state sends its directive (every outcome but
  /// `permission_denied`, which the runtime may take without sending anything).
  case orderID = "order.id"
  /// `agreement.id`: set by a `setup` `success`, and on a `choose` branch guarded by
  /// `agreement.open`.
  case agreementID = "agreement.id"
  /// `agreement.status`: set like ``agreementID``.
  case agreementStatus = "agreement.status"
  /// `shipping.*`: set by a `setup` `success` when the Setup asked for a shipping address.
  case shipping
  /// `payment.error`: set by the `error` outcome.
  case paymentError = "payment.error"
  /// `payment.reason`: set by the `declined` outcome.
  case paymentReason = "payment.reason"

  /// Whether the variable holds a value from the start of every conversation (only `quantity`,
  /// which starts at 1).
  public var isAlwaysSet: Bool { self == .quantity }

  /// Orders by name, so that sorted dependency lists are stable.
  public static func < (lhs: BaseVariable, rhs: BaseVariable) -> Bool {
    lhs.rawValue < rhs.rawValue
  }

  /// The variables a Connections task's outcome sets.
  ///
  /// - Parameters:
  ///   - outcome: The outcome taken.
  ///   - task: The task that was sent.
  ///   - shipping: Whether the Setup asked for a shipping address.
  /// - Returns: The variables definitely set on the transition of that outcome.
  public static func assigned(
    by outcome: PaymentOutcome, of task: ConnectionsTaskName, shipping: Bool
  ) -> Set<BaseVariable> {
    switch outcome {
    case .success:
      guard task == .setup else { return [.orderID] }
      return shipping
        ? [.orderID, .agreementID, .agreementStatus, .shipping]
        : [.orderID, .agreementID, .agreementStatus]
    case .declined: return [.orderID, .paymentReason]
    case .error: return [.orderID, .paymentError]
    case .permissionDenied: return []
    }
  }
}

/// A variable path of the flow language, such as `order.total` or `catalog.refill.price`: what
/// templates, conditions, assignments and payload bindings read, and what the runtime stores in
/// a conversation's variables.
///
/// The well-known paths are constants here; `catalog.<id>` and `slot.<name>` are built with
/// ``catalog(_:member:)`` and ``slot(_:)``. Whether a path exists and its type is the compiler's
/// business; this type only names them.
public struct VariablePath: TypedString, Codable, Sendable, Hashable, Comparable,
  ExpressibleByStringLiteral
{
  /// The path as written, segments separated by dots.
  public var rawValue: String

  /// Creates a path from its text.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Creates a path from a literal.
  public init(stringLiteral value: String) { self.rawValue = value }

  /// The segments of the path: split at every `.`, as the compiler's resolver reads it.
  public var segments: [Substring] {
    rawValue.pieces(separatedBy: UInt8(ascii: "."))
  }

  /// The first segment (`order` of `order.total`).
  public var root: Substring { segments[0] }

  // MARK: Roots and members

  /// The first segments a path may start with.
  public static let roots = [
    "agreement", "catalog", "order", "payment", "product", "quantity", "shipping", "slot",
  ]
  /// The members of a product value (`product.<member>`, `catalog.<id>.<member>`).
  public static let productMembers = ["id", "name", "price"]
  /// The members of `order`.
  public static let orderMembers = ["id", "total"]
  /// The members of `agreement`.
  public static let agreementMembers = ["id", "open", "status"]
  /// The members of `payment`.
  public static let paymentMembers = ["error", "reason"]
  /// The members of `shipping`.
  public static let shippingMembers = [
    "address_line1", "city", "country_code", "name", "postal_code", "state_or_region",
  ]

  // MARK: Well-known paths

  /// `product`: the chosen product.
  public static let product: VariablePath = "product"
  /// `quantity`: how many (1 until set).
  public static let quantity: VariablePath = "quantity"
  /// `order.id`: the order's id (also the base of `sellerOrderId`).
  public static let orderID: VariablePath = "order.id"
  /// `order.total`: the product's price times the quantity.
  public static let orderTotal: VariablePath = "order.total"
  /// `agreement.id`: the billing agreement's id.
  public static let agreementID: VariablePath = "agreement.id"
  /// `agreement.status`: the billing agreement's status.
  public static let agreementStatus: VariablePath = "agreement.status"
  /// `agreement.open`: whether the customer has an open billing agreement.
  public static let agreementOpen: VariablePath = "agreement.open"
  /// `payment.error`: the error code of the last `error` outcome.
  public static let paymentError: VariablePath = "payment.error"
  /// `payment.reason`: the reason of the last `declined` (or `error`) outcome.
  public static let paymentReason: VariablePath = "payment.reason"

  /// `shipping.<member>`.
  public static func shipping(_ member: String) -> VariablePath {
    VariablePath(rawValue: "shipping.\(member)")
  }

  /// `catalog.<id>` or `catalog.<id>.<member>`.
  public static func catalog(_ productID: String, member: String? = nil) -> VariablePath {
    VariablePath(rawValue: member.map { "catalog.\(productID).\($0)" } ?? "catalog.\(productID)")
  }

  /// `slot.<name>`.
  public static func slot(_ name: String) -> VariablePath {
    VariablePath(rawValue: "slot.\(name)")
  }

  /// The slot name of `slot.<name>`, else `nil`.
  public var slotName: String? {
    // Most paths are not slots: decided without splitting them.
    guard rawValue.utf8.starts(with: "slot.".utf8) else { return nil }
    let parts = segments
    guard parts.count == 2, parts[0] == "slot", !parts[1].isEmpty else { return nil }
    return String(parts[1])
  }

  /// The slot name of `slot.<name>.spoken`, else `nil`.
  public var spokenSlotName: String? {
    guard rawValue.utf8.starts(with: "slot.".utf8) else { return nil }
    let parts = segments
    guard parts.count == 3, parts[0] == "slot", !parts[1].isEmpty,
      parts[2] == Self.spokenMember
    else { return nil }
    return String(parts[1])
  }

  /// The most characters of what the customer said that `slot.<name>.spoken` holds: the
  /// runtime cuts the value there, and the compiler's speech length bound counts on it.
  public static let maximumSpokenLength = 100

  /// The member of a slot that is what the customer said: `slot.<name>.spoken`.
  public static let spokenMember = "spoken"

  /// `slot.<name>.spoken`: what the customer said for a slot (in the `unknown` prompt of a
  /// required slot).
  public static func spokenSlot(_ name: String) -> VariablePath {
    VariablePath(rawValue: "slot.\(name).\(spokenMember)")
  }
}

extension ConnectionsProfileName {
  /// The permission scope the customer grants before the profile's tasks may run, which the
  /// skill manifest requests: `payments:autopay_consent` for Amazon Pay.
  public var permissionScope: String {
    switch self {
    case .amazonPay: "payments:autopay_consent"
    }
  }
}

/// Names of Alexa's built-in intents that flowc itself sends or relies on.
public enum BuiltInIntentName {
  /// `AMAZON.FallbackIntent`: what Alexa sends when a line matches none of the skill's intents.
  public static let fallback = "AMAZON.FallbackIntent"
}

extension String {
  /// The pieces of the string between every `separator` byte, empty pieces included: what
  /// `split(separator:omittingEmptySubsequences: false)` gives, found in one pass over the
  /// UTF-8 bytes. A split by `Character` compares grapheme clusters (about ten times the work
  /// on a variable path) and would not split where a combining mark follows the separator.
  ///
  /// - Parameter separator: An ASCII character's byte.
  package func pieces(separatedBy separator: UInt8) -> [Substring] {
    precondition(separator < 0x80, "the separator is an ASCII character")
    let utf8 = self.utf8
    // The bytes in place where the string has them (a native string), else the view's walk.
    let separators =
      utf8.withContiguousStorageIfAvailable { bytes in
        bytes.indices.filter { bytes[$0] == separator }
      } ?? utf8.enumerated().filter { $0.element == separator }.map(\.offset)
    var pieces: [Substring] = []
    pieces.reserveCapacity(separators.count + 1)
    var start = utf8.startIndex
    var consumed = 0
    for offset in separators {
      let end = utf8.index(start, offsetBy: offset - consumed)
      pieces.append(Substring(utf8[start..<end]))
      start = utf8.index(after: end)
      consumed = offset + 1
    }
    pieces.append(Substring(utf8[start...]))
    return pieces
  }
}
