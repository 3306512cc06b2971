public import FlowIR
public import FlowRuntime
public import Foundation

/// The `inspect` lines of the stdio skill protocol (`docs/testing.md`, "Testing another
/// implementation"): the question `{"flowc":"inspect","userId":"…"}` and its answer, the
/// ``SkillInspection`` as JSON.
public enum InspectionLine {
  /// The top-level member that marks a protocol line (a request envelope has none).
  public static let marker = "flowc"
  /// The value of ``marker`` in an inspection question and answer.
  public static let inspect = "inspect"
  /// The member of the question naming the customer.
  public static let userIdMember = "userId"
  /// The member of an answer from a skill that cannot inspect.
  public static let unsupportedMember = "unsupported"

  enum Member {
    static let trace = "trace"
    static let orders = "orders"
    static let agreements = "agreements"
    static let statesEntered = "statesEntered"
    static let transitions = "transitions"
    static let paymentOutcomes = "paymentOutcomes"
    static let elicitation = "elicitation"
    static let answeringState = "answeringState"
    static let variables = "variables"
    static let from = "from"
    static let on = "on"
    static let global = "global"
    static let to = "to"
    static let state = "state"
    static let outcome = "outcome"
    static let intent = "intent"
    static let slot = "slot"
    static let spokeUnknown = "spokeUnknown"
  }

  /// The question for a customer, as one compact JSON line (without the line feed).
  ///
  /// - Parameter userId: The Alexa user id.
  /// - Returns: The line.
  public static func question(userId: String) -> Data {
    let value = JSONValue.object([
      marker: .string(inspect), userIdMember: .string(userId),
    ])
    return (try? CanonicalJSON.compact(value)) ?? Data()
  }

  /// The user id a protocol line asks about, when it is an inspection question; `nil` for a
  /// line without the ``marker`` member (a request envelope).
  ///
  /// - Parameter line: The line, parsed.
  /// - Returns: The user id (`""` when the question names none).
  /// - Throws: ``ConversationError`` for a ``marker`` line that is not an inspection question.
  public static func questionUserId(_ line: JSONValue) throws -> String? {
    guard let kind = line[marker] else { return nil }
    guard kind.stringValue == inspect else {
      throw ConversationError(
        "a line with a \(quoted(marker)) member must be {\"\(marker)\":\"\(inspect)\",…}")
    }
    return line[userIdMember]?.stringValue ?? ""
  }

  /// Answers a message when it is an inspection question, as a skill that keeps the trace of
  /// each customer's last turn does (`flowc serve --allow-inspection`): the trace of the
  /// customer the question names, and that customer's orders and agreements.
  ///
  /// - Parameters:
  ///   - message: A message as received (a request body): a request envelope or a question.
  ///   - store: The store holding the customer's records.
  ///   - lastTrace: The trace of a customer's last answered request, if known.
  /// - Returns: The answer as compact JSON, or `nil` when the message is not a JSON object
  ///   with the ``marker`` member (a request envelope, or something the caller refuses).
  /// - Throws: ``ConversationError`` for a ``marker`` message that is not an inspection
  ///   question; store errors.
  public static func answer(
    toQuestion message: Data, store: any FlowStore, lastTrace: (String) -> TurnTrace?
  ) async throws -> Data? {
    guard let value = try? CanonicalJSON.decode(JSONValue.self, from: message),
      case .object = value, let userId = try questionUserId(value)
    else { return nil }
    let inspection = try await SkillInspection.read(
      from: store, userId: userId, trace: lastTrace(userId))
    return try CanonicalJSON.compact(answer(inspection))
  }

  /// An inspection as the answer line's JSON value.
  ///
  /// - Parameter inspection: The inspection.
  /// - Returns: The value.
  /// - Throws: When a variable cannot be written as JSON.
  public static func answer(_ inspection: SkillInspection) throws -> JSONValue {
    guard inspection.isSupported else {
      return .object([marker: .string(inspect), unsupportedMember: .bool(true)])
    }
    func strings(_ fields: [[String: String]]) -> JSONValue {
      .array(fields.map { .object($0.mapValues(JSONValue.string)) })
    }
    return .object([
      marker: .string(inspect),
      Member.trace: try inspection.trace.map(traceJSON) ?? .null,
      Member.orders: strings(inspection.orders),
      Member.agreements: strings(inspection.agreements),
    ])
  }

  static func traceJSON(_ trace: TurnTrace) throws -> JSONValue {
    var variables: [String: JSONValue] = [:]
    for (path, value) in trace.variables {
      variables[path] = try CanonicalJSON.decode(
        JSONValue.self, from: CanonicalJSON.compact(value))
    }
    let elicitation: JSONValue =
      trace.elicitation.map { elicitation in
        .object([
          Member.state: .string(elicitation.state), Member.intent: .string(elicitation.intent),
          Member.global: .bool(elicitation.isGlobal), Member.slot: .string(elicitation.slot),
          Member.spokeUnknown: .bool(elicitation.spokeUnknown),
        ])
      } ?? .null
    return .object([
      Member.statesEntered: .array(trace.statesEntered.map(JSONValue.string)),
      Member.transitions: .array(
        trace.transitions.map { transition in
          .object([
            Member.from: .string(transition.from), Member.on: .string(transition.on),
            Member.global: .bool(transition.isGlobal),
            Member.to: transition.to.map(JSONValue.string) ?? .null,
          ])
        }),
      Member.paymentOutcomes: .array(
        trace.paymentOutcomes.map { outcome in
          .object([
            Member.state: .string(outcome.state),
            Member.outcome: .string(outcome.outcome.rawValue),
          ])
        }),
      Member.elicitation: elicitation,
      Member.answeringState: trace.answeringState.map(JSONValue.string) ?? .null,
      Member.variables: .object(variables),
    ])
  }

  /// Reads an inspection answer.
  ///
  /// - Parameter line: The answer, parsed.
  /// - Returns: The inspection.
  /// - Throws: ``ConversationError`` naming the first member that is not as the protocol says.
  public static func inspection(from line: JSONValue) throws -> SkillInspection {
    guard line[marker]?.stringValue == inspect else {
      throw ConversationError(
        "the answer to an inspection is not {\"\(marker)\":\"\(inspect)\",…}")
    }
    if line[unsupportedMember] == .bool(true) { return .unsupported }
    let trace: TurnTrace?
    switch line[Member.trace] {
    case nil, .null?: trace = nil
    case let value?: trace = try readTrace(value)
    }
    return SkillInspection(
      trace: trace, orders: try fields(line[Member.orders], Member.orders),
      agreements: try fields(line[Member.agreements], Member.agreements))
  }

  static func problem(_ pointer: String, _ expected: String) -> ConversationError {
    ConversationError("inspection \(pointer): expected \(expected)")
  }

  static func fields(_ value: JSONValue?, _ name: String) throws -> [[String: String]] {
    guard case .array(let items)? = value else { throw problem("/\(name)", "an array") }
    return try items.enumerated().map { index, item in
      guard case .object(let members) = item else {
        throw problem("/\(name)/\(index)", "an object")
      }
      return try members.mapValues { member in
        guard let text = member.stringValue else {
          throw problem("/\(name)/\(index)", "string values")
        }
        return text
      }
    }
  }

  static func string(_ value: JSONValue?, _ pointer: String) throws -> String {
    guard let text = value?.stringValue else { throw problem(pointer, "a string") }
    return text
  }

  static func optionalString(_ value: JSONValue?, _ pointer: String) throws -> String? {
    switch value {
    case nil, .null?: return nil
    default: return try string(value, pointer)
    }
  }

  static func array(_ value: JSONValue?, _ pointer: String) throws -> [JSONValue] {
    guard case .array(let items)? = value else { throw problem(pointer, "an array") }
    return items
  }

  /// A trace part made through its `Codable` form (the runtime keeps its initializers
  /// internal); the members are already checked.
  static func runtimeValue<Value: Decodable>(_ type: Value.Type, _ members: [String: JSONValue])
    throws -> Value
  {
    try CanonicalJSON.decode(type, from: CanonicalJSON.compact(JSONValue.object(members)))
  }

  static func readTrace(_ value: JSONValue) throws -> TurnTrace {
    let base = "/\(Member.trace)"
    var trace = TurnTrace()
    trace.statesEntered = try array(value[Member.statesEntered], "\(base)/statesEntered")
      .enumerated().map { try string($1, "\(base)/statesEntered/\($0)") }
    trace.transitions = try array(value[Member.transitions], "\(base)/transitions")
      .enumerated().map { index, item in
        let pointer = "\(base)/transitions/\(index)"
        var members: [String: JSONValue] = [
          "from": .string(try string(item[Member.from], pointer + "/from")),
          "on": .string(try string(item[Member.on], pointer + "/on")),
          "isGlobal": .bool(item[Member.global] == .bool(true)),
        ]
        members["to"] = try optionalString(item[Member.to], pointer + "/to").map(JSONValue.string)
        return try runtimeValue(TracedTransition.self, members)
      }
    trace.paymentOutcomes = try array(value[Member.paymentOutcomes], "\(base)/paymentOutcomes")
      .enumerated().map { index, item in
        let pointer = "\(base)/paymentOutcomes/\(index)"
        let text = try string(item[Member.outcome], pointer + "/outcome")
        guard let outcome = PaymentOutcome(rawValue: text) else {
          throw problem(
            pointer + "/outcome",
            PaymentOutcome.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return (try string(item[Member.state], pointer + "/state"), outcome)
      }
    if let item = value[Member.elicitation], item != .null {
      let pointer = "\(base)/elicitation"
      trace.elicitation = try runtimeValue(
        TracedElicitation.self,
        [
          "state": .string(try string(item[Member.state], pointer + "/state")),
          "intent": .string(try string(item[Member.intent], pointer + "/intent")),
          "isGlobal": .bool(item[Member.global] == .bool(true)),
          "slot": .string(try string(item[Member.slot], pointer + "/slot")),
          "spokeUnknown": .bool(item[Member.spokeUnknown] == .bool(true)),
        ])
    }
    trace.answeringState = try optionalString(
      value[Member.answeringState], "\(base)/answeringState")
    guard case .object(let variables)? = value[Member.variables] else {
      throw problem("\(base)/variables", "an object")
    }
    for (path, tagged) in variables {
      do {
        trace.variables[path] = try CanonicalJSON.decode(
          VariableValue.self, from: CanonicalJSON.compact(tagged))
      } catch {
        throw problem(
          "\(base)/variables/\(path)",
          "a tagged value such as {\"string\":\"x\"} or {\"int\":2}")
      }
    }
    return trace
  }
}
