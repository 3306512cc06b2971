public import FlowIR
import FlowRuntime
import Foundation

/// Replaces the values of response envelopes that are random by design with placeholders
/// numbered in order of first appearance in a conversation, so that two implementations of a
/// flow can be compared response by response (``LockstepTransport``).
///
/// The rules (also in `docs/testing.md`, "Equality with the runtime"), applied while walking
/// each envelope in sorted-key order:
/// - a directive's `token` (`/response/directives/N/token`) → `<token-N>`;
/// - any `authorizationReferenceId` member → `<authorization-reference-id-N>`;
/// - any `sellerOrderId` member, and every order id in any other text (the merchant's
///   `order_id_prefix` and two groups of four characters of the order-code alphabet, as in
///   `NN-K7M4-RA92`) → `<order-id-N>`; spelt out in SSML as the runtime speaks it (one
///   `say-as spell-out` per group) → `<order-id-N spelt out>`;
/// - the `seal` member of the `flowc` session attribute → `<seal-N>`;
/// - a known token, authorization reference or seal inside a longer text → its placeholder.
///
/// One normaliser serves one side of one conversation: the same value always gets the same
/// number, and ``value(_:number:)`` tells which value a number stands for (to translate the
/// next request from one side's values to the other's).
public struct ResponseNormaliser: Sendable {
  /// The kinds of random values.
  public enum Kind: String, Sendable, CaseIterable {
    /// A `Connections.SendRequest` token.
    case token
    /// An order id (also the `sellerOrderId`).
    case orderId = "order-id"
    /// An `authorizationReferenceId`.
    case authorizationReferenceId = "authorization-reference-id"
    /// The seal of the `flowc` session attribute.
    case seal
  }

  private var numbers: [Kind: [String: Int]] = [:]
  private var values: [Kind: [String]] = [:]
  private let orderIdPattern: NSRegularExpression?
  private let spokenOrderIdPattern: NSRegularExpression?
  private let orderIdPrefix: String

  /// Creates a normaliser for a flow's responses.
  ///
  /// - Parameter program: The flow (its merchant's `order_id_prefix` shapes order ids).
  public init(program: FlowProgram) {
    let prefix = program.merchant?.orderIdPrefix ?? ""
    orderIdPrefix = prefix
    let group =
      "([" + String(AmazonPayIdentifiers.orderCodeAlphabet) + "]{"
      + String(AmazonPayIdentifiers.orderCodeLength / 2) + "})"
    orderIdPattern = try? NSRegularExpression(
      pattern: "(?<![A-Za-z0-9])" + NSRegularExpression.escapedPattern(for: prefix) + group + "-"
        + group + "(?![A-Za-z0-9])")
    // The SSML the runtime speaks for an id, with the two code groups as capture groups.
    let sample = OrderIdSpeech.ssml(prefix + "\u{E000}-\u{E001}")
    let spoken = NSRegularExpression.escapedPattern(for: sample)
      .replacingOccurrences(of: "\u{E000}", with: group)
      .replacingOccurrences(of: "\u{E001}", with: group)
    spokenOrderIdPattern = try? NSRegularExpression(pattern: spoken)
  }

  /// The value a placeholder number stands for on this side, if any.
  ///
  /// - Parameters:
  ///   - kind: The kind.
  ///   - number: The number (from 1).
  /// - Returns: The value.
  public func value(_ kind: Kind, number: Int) -> String? {
    let known = values[kind] ?? []
    return known.indices.contains(number - 1) ? known[number - 1] : nil
  }

  /// The values seen so far, by kind, in order of first appearance.
  public var seen: [Kind: [String]] { values }

  /// The placeholder of a value.
  static func placeholder(_ kind: Kind, _ number: Int, spelt: Bool = false) -> String {
    "<\(kind.rawValue)-\(number)\(spelt ? " spelt out" : "")>"
  }

  private mutating func number(_ kind: Kind, _ value: String) -> Int {
    if let known = numbers[kind]?[value] { return known }
    values[kind, default: []].append(value)
    let assigned = values[kind]!.count
    numbers[kind, default: [:]][value] = assigned
    return assigned
  }

  /// The envelope with every random value replaced by its placeholder.
  ///
  /// - Parameter envelope: A response envelope.
  /// - Returns: The normalised envelope.
  public mutating func normalise(_ envelope: JSONValue) -> JSONValue {
    walk(envelope, path: [])
  }

  private mutating func walk(_ value: JSONValue, path: [String]) -> JSONValue {
    switch value {
    case .object(let members):
      var result: [String: JSONValue] = [:]
      for key in members.keys.sorted() {
        result[key] = walk(members[key]!, path: path + [key])
      }
      return .object(result)
    case .array(let items):
      return .array(items.enumerated().map { walk($1, path: path + [String($0)]) })
    case .string(let text):
      if let kind = structuralKind(path) {
        return .string(Self.placeholder(kind, number(kind, text)))
      }
      return .string(normaliseText(text))
    default:
      return value
    }
  }

  /// The kind of value a member holds by its place in a response envelope.
  private func structuralKind(_ path: [String]) -> Kind? {
    guard let last = path.last else { return nil }
    if path.count == 4, path[0] == "response", path[1] == "directives", last == "token" {
      return .token
    }
    if last == "authorizationReferenceId" { return .authorizationReferenceId }
    if last == "sellerOrderId" { return .orderId }
    if path == ["sessionAttributes", SessionState.attributeKey, SessionSeal.sealMember] {
      return .seal
    }
    return nil
  }

  /// A text with order ids (plain and spelt out) and known random values replaced.
  private mutating func normaliseText(_ text: String) -> String {
    var result = text
    if let spokenOrderIdPattern {
      result = replace(spokenOrderIdPattern, in: result, spelt: true)
    }
    if let orderIdPattern {
      result = replace(orderIdPattern, in: result, spelt: false)
    }
    for kind in [Kind.token, .authorizationReferenceId, .seal] {
      // Longest first, so that no value is cut by a shorter one inside it.
      for value in (values[kind] ?? []).sorted(by: { $0.count > $1.count })
      where result.contains(value) {
        result = result.replacingOccurrences(
          of: value, with: Self.placeholder(kind, numbers[kind]![value]!))
      }
    }
    return result
  }

  private mutating func replace(_ pattern: NSRegularExpression, in text: String, spelt: Bool)
    -> String
  {
    let whole = NSRange(text.startIndex..., in: text)
    var result = ""
    var cursor = text.startIndex
    for match in pattern.matches(in: text, range: whole) {
      guard let range = Range(match.range, in: text),
        let first = Range(match.range(at: 1), in: text),
        let second = Range(match.range(at: 2), in: text)
      else { continue }
      let id = orderIdPrefix + text[first] + "-" + text[second]
      result += text[cursor..<range.lowerBound]
      result += Self.placeholder(.orderId, number(.orderId, id), spelt: spelt)
      cursor = range.upperBound
    }
    result += text[cursor...]
    return result
  }
}

/// Where two JSON values differ: JSON pointers with both values, for a readable report.
public enum JSONDifference {
  /// One difference.
  public struct Entry: Sendable, Equatable {
    /// The RFC 6901 pointer (`/response/outputSpeech/ssml`).
    public var pointer: String
    /// The value on the left (`nil` when absent).
    public var left: JSONValue?
    /// The value on the right (`nil` when absent).
    public var right: JSONValue?
  }

  /// The differences, in sorted-key order, at most `limit`.
  ///
  /// - Parameters:
  ///   - left: One value.
  ///   - right: The other.
  ///   - limit: How many to list.
  /// - Returns: The differences; empty when the values are equal.
  public static func entries(_ left: JSONValue, _ right: JSONValue, limit: Int = 5) -> [Entry] {
    var found: [Entry] = []
    collect(left, right, pointer: "", into: &found, limit: limit)
    return found
  }

  private static func collect(
    _ left: JSONValue?, _ right: JSONValue?, pointer: String, into found: inout [Entry],
    limit: Int
  ) {
    guard found.count < limit, left != right else { return }
    switch (left, right) {
    case (.object(let a)?, .object(let b)?):
      for key in Set(a.keys).union(b.keys).sorted() {
        collect(a[key], b[key], pointer: pointer + "/" + escape(key), into: &found, limit: limit)
      }
    case (.array(let a)?, .array(let b)?) where a.count == b.count:
      for index in a.indices {
        collect(a[index], b[index], pointer: pointer + "/\(index)", into: &found, limit: limit)
      }
    default:
      found.append(Entry(pointer: pointer.isEmpty ? "/" : pointer, left: left, right: right))
    }
  }

  static func escape(_ key: String) -> String {
    key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
  }

  /// Both values of a difference as short texts: two strings are cut around their first
  /// difference, other values written as compact JSON and cut to `width` characters.
  ///
  /// - Parameters:
  ///   - entry: The difference.
  ///   - width: About how many characters each text keeps.
  /// - Returns: The left and right texts (`absent` for a missing value), quoted.
  public static func clipped(_ entry: Entry, width: Int = 120) -> (String, String) {
    if case .string(let a)? = entry.left, case .string(let b)? = entry.right {
      let common = zip(a, b).prefix { $0 == $1 }.count
      // Short texts are shown whole; long ones from a little before their first difference.
      let start = max(a.count, b.count) <= width ? 0 : max(0, common - width / 3)
      func cut(_ text: String) -> String {
        let tail = text.dropFirst(start)
        let kept = String(tail.prefix(width))
        return (start > 0 ? "…" : "") + quoted(kept) + (tail.count > width ? "…" : "")
      }
      return (cut(a), cut(b))
    }
    func render(_ value: JSONValue?) -> String {
      guard let value else { return "absent" }
      let text = JSONPointer.render(value)
      return text.count > width
        ? String(text.prefix(width)) + "…" : text
    }
    return (render(entry.left), render(entry.right))
  }
}
