import FlowIR

/// The type of a variable path, of a literal, or of a condition operand.
enum ValueType: String, Sendable, Hashable, CaseIterable {
  /// A product of the catalog (`product`, `catalog.<id>`, a `catalog` slot).
  case product
  /// A whole number (`quantity`, an `AMAZON.NUMBER` slot).
  case integer
  /// An amount of money in the merchant's currency (`order.total`, `product.price`).
  case money
  /// Text (names, ids, statuses, addresses, and every built-in slot type other than
  /// `AMAZON.NUMBER`).
  case string
  /// True or false (`agreement.open`).
  case bool
}

/// What a path may refer to where it is used: the catalog's product ids, and the slots of the
/// intent whose transition is being checked (only inside `set`).
struct VariableScope: Sendable, Equatable {
  /// The ids of the products in the catalog.
  var productIDs: Set<String>
  /// The same ids sorted: the members an incomplete `catalog` path lists.
  var sortedProductIDs: [String]
  /// Slot name → slot type (`catalog`, `AMAZON.NUMBER`, …) of the intent being handled, when the
  /// path is the value of a `set`; `nil` everywhere else (templates, conditions, outcome
  /// transitions), where `slot.<name>` is a problem.
  var slots: [String: String]?
  /// The names of `slots` sorted: the members an incomplete `slot` path lists.
  var sortedSlotNames: [String]
  /// Whether `slot.<name>.spoken` (what the customer said for a slot) resolves: in prompt
  /// templates, which may be the `unknown` prompt of a required slot. Which prompt may speak
  /// which slot is checked where prompts are used.
  var spokenSlots: Bool

  /// Creates a scope.
  ///
  /// A checker creates many scopes over one catalog and one intent's slots, so it passes the
  /// sorted names it sorted once; without them the scope sorts its own.
  ///
  /// - Parameters:
  ///   - productIDs: The ids of the products in the catalog.
  ///   - sortedProductIDs: `productIDs` sorted, or `nil` to sort them here.
  ///   - slots: The handled intent's slots (name → type) for a `set` value, else `nil`.
  ///   - sortedSlotNames: The keys of `slots` sorted, or `nil` to sort them here.
  ///   - spokenSlots: Whether `slot.<name>.spoken` resolves (prompt templates).
  init(
    productIDs: Set<String>, sortedProductIDs: [String]? = nil, slots: [String: String]? = nil,
    sortedSlotNames: [String]? = nil, spokenSlots: Bool = false
  ) {
    self.productIDs = productIDs
    self.sortedProductIDs = sortedProductIDs ?? productIDs.sorted()
    self.slots = slots
    self.sortedSlotNames = sortedSlotNames ?? (slots?.keys.sorted() ?? [])
    self.spokenSlots = spokenSlots
  }
}

/// A path that exists, with its type and the variables it needs.
struct ResolvedVariablePath: Sendable, Hashable {
  /// The path as written (without surrounding whitespace).
  var path: String
  /// The type of its value.
  var type: ValueType
  /// The variables that must be definitely set for the path to have a value, sorted; never
  /// holds an always-set variable (``BaseVariable/isAlwaysSet``).
  var dependencies: [BaseVariable]
  /// The slot name when the path is `slot.<name>`.
  var slotName: String?

  /// Creates a resolved path.
  init(path: String, type: ValueType, dependencies: [BaseVariable], slotName: String? = nil) {
    self.path = path
    self.type = type
    self.dependencies = dependencies
    self.slotName = slotName
  }
}

/// Why a variable path is not valid.
enum VariablePathProblemKind: Sendable, Hashable {
  /// Not a dot-separated list of segments `[a-z_][a-z0-9_]*` (empty, a stray dot, an upper-case
  /// letter, a space…).
  case malformed(path: String)
  /// The first segment names no variable; `suggestion` is a close root name.
  case unknownRoot(String, suggestion: String?)
  /// A member that the parent does not have, such as `order.totl`; `parent` is the path up to
  /// it and `suggestion` a close member name.
  case unknownMember(String, parent: String, suggestion: String?)
  /// A path that stops at an object that has members but no value of its own, such as `order`
  /// or `catalog`; `members` lists what may follow.
  case incomplete(path: String, members: [String])
  /// `catalog.<id>` with an id that is not in the catalog.
  case unknownProduct(String, suggestion: String?)
  /// `slot.<name>` with a name that the handled intent does not declare.
  case unknownSlot(String, suggestion: String?)
  /// `slot.<name>` where no intent is being handled: in a template, a condition, or a transition
  /// that is not an intent's.
  case slotOutsideSet
}

/// A problem with a variable path, with its range relative to the path string.
struct VariablePathProblem: Error, Sendable, Hashable {
  /// What is wrong.
  var kind: VariablePathProblemKind
  /// The offending part of the path (a segment, or the whole path).
  var range: TextRange

}

/// The variable paths of the flow language: which exist, their types, what they depend on, and
/// which of them a `set` may assign.
///
/// | path | type | depends on |
/// | --- | --- | --- |
/// | `product` (`.id`, `.name`, `.price`) | product (string, string, money) | `product` |
/// | `quantity` | integer | nothing (starts at 1) |
/// | `catalog.<id>` (`.id`, `.name`, `.price`) | product (string, string, money) | nothing |
/// | `order.total` | money | `product` |
/// | `order.id` | string | `order.id` |
/// | `agreement.id`, `agreement.status` | string | themselves |
/// | `agreement.open` | bool | nothing |
/// | `shipping.name`, `.address_line1`, `.city`, `.state_or_region`, `.postal_code`, `.country_code` | string | `shipping` |
/// | `payment.error`, `payment.reason` | string | themselves |
/// | `slot.<name>` | the slot's type | nothing (only inside `set`) |
/// | `slot.<name>.spoken` | string | nothing (only in the `unknown` prompt of a required slot) |
enum VariablePathResolver {
  /// The first segments a path may start with.
  static var roots: [String] { VariablePath.roots }

  /// The members of a product value (`product.<member>`, `catalog.<id>.<member>`).
  static var productMembers: [String] { VariablePath.productMembers }

  /// The members of `shipping`.
  static var shippingMembers: [String] { VariablePath.shippingMembers }

  /// The variables a `set` may assign and the type each value must have: `product` (a product:
  /// `slot.<catalog slot>`, `catalog.<id>`) and `quantity` (an integer: `slot.<number slot>`, a
  /// whole number from 1 to 99). Everything else is set by the runtime.
  static let assignable: [String: ValueType] = ["product": .product, "quantity": .integer]

  /// The value type of a slot type: `catalog` is a product, `AMAZON.NUMBER` an integer, every
  /// other type a string.
  static func valueType(ofSlotType slotType: String) -> ValueType {
    switch slotType {
    case "catalog": .product
    case "AMAZON.NUMBER": .integer
    default: .string
    }
  }

  /// Whether a slot of this type can hold a value that is not valid for `set`: a `catalog`
  /// slot can name no product, an `AMAZON.NUMBER` slot can be outside 1–99.
  static func slotValueCanBeInvalid(slotType: String) -> Bool {
    valueType(ofSlotType: slotType) != .string
  }

  /// Whether `path` is dot-separated segments `[a-z_][a-z0-9_]*`.
  static func isWellFormed(_ path: String) -> Bool {
    var path = path
    return path.withUTF8(isWellFormed(utf8:))
  }

  /// Whether UTF-8 bytes are dot-separated segments `[a-z_][a-z0-9_]*`: one pass over the bytes
  /// in place (every accepted character is ASCII).
  private static func isWellFormed(utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    var atSegmentStart = true
    for byte in utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"):
        atSegmentStart = false
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if atSegmentStart { return false }
      case UInt8(ascii: "."):
        if atSegmentStart { return false }
        atSegmentStart = true
      default:
        return false
      }
    }
    return !atSegmentStart
  }

  /// Resolves a path: its type and dependencies, or the most specific problem.
  ///
  /// - Parameters:
  ///   - path: The path as written, such as `order.total` (no surrounding whitespace).
  ///   - scope: The product ids and, inside `set`, the handled intent's slots.
  /// - Returns: The resolved path, or a problem whose range is relative to `path`.
  static func resolve(_ path: String, in scope: VariableScope) -> Result<
    ResolvedVariablePath, VariablePathProblem
  > {
    guard isWellFormed(path) else {
      return .failure(
        VariablePathProblem(
          kind: .malformed(path: path),
          range: TextRange(
            characters: 0..<path.unicodeScalars.count, utf8: 0..<path.utf8.count)))
    }
    // A well-formed path is ASCII, so character and byte offsets agree.
    let length = path.utf8.count
    func asciiRange(_ start: Int, _ end: Int) -> TextRange {
      TextRange(characters: start..<end, utf8: start..<end)
    }
    // The segments, cut from the bytes in place (a path has a few short segments, each a small
    // string that needs no allocation).
    var text = path
    let segments = text.withUTF8 { utf8 in
      var segments: [(name: String, range: TextRange)] = []
      var start = 0
      for end in 0...utf8.count where end == utf8.count || utf8[end] == UInt8(ascii: ".") {
        let name = String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self)
        segments.append((name, asciiRange(start, end)))
        start = end + 1
      }
      return segments
    }
    func fail(_ kind: VariablePathProblemKind, at index: Int) -> Result<
      ResolvedVariablePath, VariablePathProblem
    > {
      .failure(VariablePathProblem(kind: kind, range: segments[index].range))
    }
    func resolved(_ type: ValueType, _ dependencies: [BaseVariable], slot: String? = nil)
      -> Result<ResolvedVariablePath, VariablePathProblem>
    {
      .success(
        ResolvedVariablePath(path: path, type: type, dependencies: dependencies, slotName: slot))
    }
    func wholePath() -> TextRange { asciiRange(0, length) }
    func isMember(at index: Int, of members: [String]) -> Bool {
      members.contains(segments[index].name)
    }
    func unknownMember(at index: Int, among members: [String]) -> Result<
      ResolvedVariablePath, VariablePathProblem
    > {
      let parent = segments[..<index].map(\.name).joined(separator: ".")
      let name = segments[index].name
      return fail(
        .unknownMember(
          name, parent: parent, suggestion: LanguageSuggestions.closest(to: name, among: members)),
        at: index)
    }
    // A path that must stop after `count` segments.
    func tooLong(_ count: Int, members: [String] = []) -> Result<
      ResolvedVariablePath, VariablePathProblem
    >? {
      guard segments.count > count else { return nil }
      return unknownMember(at: count, among: members)
    }
    /// Checks a `root.member` path: present, one of `members`, and nothing after it.
    func checkOneMember(of members: [String]) -> Result<ResolvedVariablePath, VariablePathProblem>?
    {
      guard segments.count > 1 else {
        return .failure(
          VariablePathProblem(kind: .incomplete(path: path, members: members), range: wholePath()))
      }
      guard isMember(at: 1, of: members) else {
        return unknownMember(at: 1, among: members)
      }
      return tooLong(2)
    }
    func productValue(from index: Int, dependencies: [BaseVariable]) -> Result<
      ResolvedVariablePath, VariablePathProblem
    > {
      guard segments.count > index else { return resolved(.product, dependencies) }
      guard isMember(at: index, of: productMembers) else {
        return unknownMember(at: index, among: productMembers)
      }
      if let problem = tooLong(index + 1) { return problem }
      return resolved(segments[index].name == "price" ? .money : .string, dependencies)
    }

    let root = segments[0].name
    switch root {
    case "product":
      return productValue(from: 1, dependencies: [.product])
    case "quantity":
      if let problem = tooLong(1) { return problem }
      return resolved(.integer, [])
    case "catalog":
      guard segments.count > 1 else {
        return .failure(
          VariablePathProblem(
            kind: .incomplete(path: path, members: scope.sortedProductIDs), range: wholePath()))
      }
      let id = segments[1].name
      guard scope.productIDs.contains(id) else {
        return fail(
          .unknownProduct(
            id, suggestion: LanguageSuggestions.closest(to: id, among: scope.productIDs)),
          at: 1)
      }
      return productValue(from: 2, dependencies: [])
    case "order":
      if let problem = checkOneMember(of: VariablePath.orderMembers) { return problem }
      return segments[1].name == "total"
        ? resolved(.money, [.product]) : resolved(.string, [.orderID])
    case "agreement":
      if let problem = checkOneMember(of: VariablePath.agreementMembers) { return problem }
      switch segments[1].name {
      case "open": return resolved(.bool, [])
      case "id": return resolved(.string, [.agreementID])
      default: return resolved(.string, [.agreementStatus])
      }
    case "shipping":
      if let problem = checkOneMember(of: shippingMembers) { return problem }
      return resolved(.string, [.shipping])
    case "payment":
      if let problem = checkOneMember(of: VariablePath.paymentMembers) { return problem }
      return resolved(.string, [segments[1].name == "error" ? .paymentError : .paymentReason])
    case "slot":
      if scope.spokenSlots, scope.slots == nil, segments.count == 3,
        segments[2].name == VariablePath.spokenMember
      {
        return resolved(.string, [], slot: segments[1].name)
      }
      guard let slots = scope.slots else {
        return .failure(VariablePathProblem(kind: .slotOutsideSet, range: wholePath()))
      }
      guard segments.count > 1 else {
        return .failure(
          VariablePathProblem(
            kind: .incomplete(path: path, members: scope.sortedSlotNames), range: wholePath()))
      }
      let name = segments[1].name
      guard let slotType = slots[name] else {
        return fail(
          .unknownSlot(name, suggestion: LanguageSuggestions.closest(to: name, among: slots.keys)),
          at: 1)
      }
      if let problem = tooLong(2) { return problem }
      return resolved(valueType(ofSlotType: slotType), [], slot: name)
    default:
      return fail(
        .unknownRoot(root, suggestion: LanguageSuggestions.closest(to: root, among: roots)), at: 0)
    }
  }
}
