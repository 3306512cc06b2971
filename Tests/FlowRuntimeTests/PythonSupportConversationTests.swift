import FlowIR
import FlowTestSupport
import Foundation
import Testing

@testable import FlowRuntime

/// Whole conversations, answered by the runtime and, in lockstep, by a Python skill on the
/// support module (`local_runner.py` + `flowc_support.py`, the handlers built from the IR by
/// `Tests/Conformance/python-support/ir_skill.py`): every response envelope and every turn
/// trace must be equal once the random values (tokens, order ids, `authorizationReferenceId`s,
/// the seal) are replaced by placeholders.
@Suite(.enabled(if: PythonSupport.python != nil, "needs FLOWC_PYTHON with ask-sdk-core"))
struct PythonSupportConversationTests {
  /// One request of a scripted conversation.
  enum Step: CustomStringConvertible, Sendable {
    case launch
    case intent(String, slots: [String: (String?, String?)] = [:])
    /// A `Connections.Response` to the side's last directive.
    case pay(code: String, message: String, payload: JSONValue?)
    case sessionEnded
    /// The previous request delivered again (same `requestId`).
    case redeliver
    /// Another customer's request carrying this customer's session attributes and token.
    case intruder(String)

    var description: String {
      switch self {
      case .launch: "launch"
      case .intent(let name, let slots): "\(name) \(slots.mapValues { $0.0 ?? "-" })"
      case .pay(let code, let message, _): "pay \(code) \(message)"
      case .sessionEnded: "session ended"
      case .redeliver: "redeliver"
      case .intruder(let name): "intruder \(name)"
      }
    }
  }

  static let setupOK = Step.pay(
    code: "200", message: "OK", payload: RequestEnvelopes.setupSuccessPayload)
  static func charged(
    _ amount: String, state: String = "Closed", reason: String = "MaxCapturesProcessed"
  )
    -> Step
  {
    .pay(
      code: "200", message: "OK",
      payload: RequestEnvelopes.chargePayload(state: state, reasonCode: reason, amount: amount))
  }

  /// A conversation: its flow, its locale, the steps, and whether payments are allowed.
  struct Conversation: CustomStringConvertible, Sendable {
    var flow: String
    var locale = "en-US"
    var permission: String? = "GRANTED"
    var steps: [Step]
    var description: String { "\(flow) \(locale): \(steps.map(\.description))" }
  }

  static let conversations: [Conversation] = [
    Conversation(
      flow: "no-nicks",
      steps: [
        .launch,
        .intent("BuyIntent", slots: ["product": ("starter kit", nil), "quantity": ("2", nil)]),
        .intent("AMAZON.YesIntent"), setupOK, .intent("AMAZON.YesIntent"), charged("18.00"),
        .redeliver, .sessionEnded,
      ]),
    Conversation(
      flow: "no-nicks",
      steps: [
        .launch, .intent("BuyIntent"), .intent("BuyIntent", slots: ["product": ("bananas", nil)]),
        .intent("BuyIntent", slots: ["product": ("?", nil), "quantity": ("?", nil)]),
        .intent("AMAZON.HelpIntent"), .intent("Unknown.Intent"),
        .intent("BuyIntent", slots: ["product": ("kit", "starter_kit")]),
        .intent("AMAZON.YesIntent"), setupOK, .intruder("AMAZON.YesIntent"),
        .intent("AMAZON.YesIntent"),
        charged("9.00", state: "Declined", reason: "InvalidPaymentMethod"),
      ]),
    Conversation(
      flow: "no-nicks",
      steps: [
        .launch, .intent("BuyIntent", slots: ["product": ("starter kit", nil)]),
        .intent("AMAZON.YesIntent"),
        .pay(code: "429", message: "RequestThrottled", payload: nil), .launch,
        .intent("AMAZON.StopIntent"),
      ]),
    Conversation(
      flow: "no-nicks", permission: nil,
      steps: [
        .intent("BuyIntent", slots: ["product": ("starter kit", nil)]), .intent("AMAZON.YesIntent"),
      ]),
    Conversation(
      flow: "no-nicks",
      steps: [
        .launch, .intent("BuyIntent", slots: ["product": ("starter kit", nil)]),
        .intent("AMAZON.YesIntent"), setupOK, .intent("AMAZON.YesIntent"), charged("19.00"),
        .pay(code: "200", message: "OK", payload: nil),
      ]),
    Conversation(
      flow: "euro-shop", locale: "de-DE",
      steps: [
        .launch,
        .intent("BuyIntent", slots: ["product": ("Espresso Bohnen", nil), "quantity": ("3", nil)]),
        .intent("AMAZON.YesIntent"),
        .pay(
          code: "200", message: "OK",
          payload: .object([
            "billingAgreementDetails": .object([
              "billingAgreementId": .string("C02-1"),
              "billingAgreementStatus": .string("SUSPENDED"),
            ])
          ])),
        .launch, .intent("BuyIntent", slots: ["product": (nil, "filter_coffee")]),
        .intent("AMAZON.YesIntent"), setupOK, .intent("AMAZON.YesIntent"),
        .pay(code: "400", message: "InvalidSandboxCustomerEmail", payload: nil),
      ]),
    Conversation(
      flow: "euro-shop", locale: "en-GB",
      steps: [
        .launch,
        .intent("BuyIntent", slots: ["product": ("filter coffee", nil), "quantity": ("200", nil)]),
        .intent("AMAZON.NoIntent"), .launch, .intent("AMAZON.CancelIntent"),
      ]),
    Conversation(
      flow: "refills-charge-later",
      steps: [
        .launch, .intent("SubscribeIntent", slots: ["quantity": ("3", nil)]),
        .intent("AMAZON.YesIntent"), setupOK, .launch, .intent("AMAZON.YesIntent"), .redeliver,
      ]),
  ]

  /// What one side of the lockstep remembers between requests.
  struct Side {
    var attributes: [String: JSONValue]?
    var token: String?
    var lastRequest: Data?
    var requestNumber = 0
    var sessionNumber = 1
  }

  @Test(arguments: conversations) func pythonAnswersAsTheRuntime(conversation: Conversation)
    async throws
  {
    try await Self.play(conversation, generated: false)
  }

  /// The same conversations against the skill `flowc generate ask-python` writes for the flow
  /// (its `lambda_function.py` instead of `ir_skill.py`'s handlers).
  @Test(arguments: conversations) func generatedSkillAnswersAsTheRuntime(
    conversation: Conversation
  ) async throws {
    try await Self.play(conversation, generated: true)
  }

  /// Plays `conversation` on the runtime and, in lockstep, on the Python skill: the one
  /// `ir_skill.py` builds from the IR, or the one `flowc generate ask-python` writes.
  static func play(_ conversation: Conversation, generated: Bool) async throws {
    let folder = Golden.repositoryRoot.appendingPathComponent("Tests/TestData/compiler/ir")
    let irURL = folder.appendingPathComponent("\(conversation.flow).json")
    let irData = try Data(contentsOf: irURL)
    let program = try FlowProgram.decode(fromJSON: irData)
    let engine = FlowEngine(program: program, store: MemoryFlowStore(), log: { _ in })
    let runner =
      generated ? try PythonSkillProcess(generatedFrom: irURL) : try PythonSkillProcess(ir: irData)
    defer { runner.close() }

    var swiftSide = Side()
    var pythonSide = Side()
    let prefix = program.merchant?.orderIdPrefix ?? ""
    for (index, step) in conversation.steps.enumerated() {
      let label = "\(conversation.flow) step \(index + 1) (\(step))"
      let swiftRequest = try Self.request(step, side: &swiftSide, conversation: conversation)
      let pythonRequest = try Self.request(step, side: &pythonSide, conversation: conversation)
      let answered = try await engine.answer(requestJSON: swiftRequest)
      let swiftResponse = try CanonicalJSON.decode(JSONValue.self, from: answered.json)
      let pythonLine = try runner.send(pythonRequest)
      let pythonResponse = try CanonicalJSON.decode(JSONValue.self, from: pythonLine)
      Self.remember(swiftResponse, side: &swiftSide)
      Self.remember(pythonResponse, side: &pythonSide)

      let inspect = try runner.send(
        CanonicalJSON.compact(
          JSONValue.object([
            "flowc": .string("inspect"), "userId": .string(RequestEnvelopes.shopper),
          ])))
      let pythonInspect = try CanonicalJSON.decode(JSONValue.self, from: inspect)
      let swiftOrders = try await engine.store.orders(userId: RequestEnvelopes.shopper)
      let swiftView: JSONValue = .object([
        "response": swiftResponse, "trace": try Self.traceJSON(answered.trace),
        "orders": .array(swiftOrders.map(Self.orderView)),
      ])
      let pythonView: JSONValue = .object([
        "response": pythonResponse, "trace": pythonInspect["trace"] ?? .null,
        "orders": pythonInspect["orders"] ?? .null,
      ])
      let normalizedSwift = Self.normalize(swiftView, prefix: prefix)
      let normalizedPython = Self.normalize(pythonView, prefix: prefix)
      if normalizedSwift != normalizedPython {
        let swiftText = String(decoding: try CanonicalJSON.compact(normalizedSwift), as: UTF8.self)
        let pythonText = String(
          decoding: try CanonicalJSON.compact(normalizedPython), as: UTF8.self)
        Issue.record("\(label) differs:\n  runtime: \(swiftText)\n  python:  \(pythonText)")
        return
      }
    }
  }

  static func request(_ step: Step, side: inout Side, conversation: Conversation) throws -> Data {
    if case .redeliver = step, let last = side.lastRequest { return last }
    side.requestNumber += 1
    let requestId = "amzn1.echo-api.request.\(side.requestNumber)"
    var userId = RequestEnvelopes.shopper
    let body: [String: JSONValue]
    switch step {
    case .launch, .redeliver: body = RequestEnvelopes.launch()
    case .intent(let name, let slots): body = RequestEnvelopes.intent(name, slots: slots)
    case .intruder(let name):
      body = RequestEnvelopes.intent(name)
      userId = RequestEnvelopes.otherShopper
    case .pay(let code, let message, let payload):
      body = RequestEnvelopes.connectionsResponse(
        name: "", code: code, message: message, token: side.token ?? "no-token", payload: payload
      ).filter { $0.key != "name" }
    case .sessionEnded:
      body = ["type": .string("SessionEndedRequest"), "reason": .string("USER_INITIATED")]
    }
    let isNew = side.attributes == nil
    let envelope = RequestEnvelopes.envelope(
      request: body, userId: userId, permission: conversation.permission, sessionNew: isNew,
      attributes: side.attributes, locale: conversation.locale, requestId: requestId)
    let data = try CanonicalJSON.compact(envelope)
    side.lastRequest = data
    return data
  }

  static func remember(_ response: JSONValue, side: inout Side) {
    let ends = response["response"]?["shouldEndSession"] == .bool(true)
    if case .object(let attributes)? = response["sessionAttributes"], !ends {
      side.attributes = attributes
    } else {
      side.attributes = nil
    }
    if case .array(let directives)? = response["response"]?["directives"] {
      for directive in directives where directive["type"]?.stringValue == "Connections.SendRequest"
      {
        side.token = directive["token"]?.stringValue
      }
    }
  }

  static func traceJSON(_ trace: TurnTrace) throws -> JSONValue {
    .object([
      "statesEntered": .array(trace.statesEntered.map(JSONValue.string)),
      "transitions": .array(
        trace.transitions.map { transition in
          .object([
            "from": .string(transition.from), "on": .string(transition.on),
            "global": .bool(transition.isGlobal),
            "to": transition.to.map(JSONValue.string) ?? .null,
          ])
        }),
      "paymentOutcomes": .array(
        trace.paymentOutcomes.map {
          .object(["state": .string($0.state), "outcome": .string($0.outcome.rawValue)])
        }),
      "elicitation": trace.elicitation.map { elicitation in
        .object([
          "state": .string(elicitation.state), "intent": .string(elicitation.intent),
          "global": .bool(elicitation.isGlobal), "slot": .string(elicitation.slot),
          "spokeUnknown": .bool(elicitation.spokeUnknown),
        ])
      } ?? .null,
      "answeringState": trace.answeringState.map(JSONValue.string) ?? .null,
      "variables": .object(try trace.variables.mapValues { try $0.jsonValue() }),
    ])
  }

  static func orderView(_ order: OrderRecord) -> JSONValue {
    var view: [String: JSONValue] = [
      "id": .string(order.id), "product": .string(order.productId),
      "quantity": .string(String(order.quantity)), "amount": .string(order.amount.decimalString),
      "currency": .string(order.amount.currency), "state": .string(order.state.rawValue),
    ]
    view["authorization_reference_id"] = order.authorizationReferenceId.map(JSONValue.string)
    view["amazon_authorization_id"] = order.amazonAuthorizationId.map(JSONValue.string)
    view["billing_agreement_id"] = order.billingAgreementId.map(JSONValue.string)
    return .object(view)
  }

  /// The view with the seal removed and every random value replaced by a placeholder, numbered
  /// in order of first appearance.
  static func normalize(_ value: JSONValue, prefix: String) -> JSONValue {
    var randoms: [String] = []
    collectRandoms(value, into: &randoms)
    var replacements: [(String, String)] = []
    for (index, random) in randoms.enumerated() {
      replacements.append((random, "<random \(index + 1)>"))
      if random.hasPrefix(prefix), random.count == prefix.count + 9 {
        for (group, part) in random.dropFirst(prefix.count).split(separator: "-").enumerated() {
          replacements.append((">\(part)<", "><random \(index + 1) group \(group + 1)><"))
        }
      }
    }
    replacements.sort { $0.0.count > $1.0.count }
    return replace(value, replacements)
  }

  static func collectRandoms(_ value: JSONValue, into randoms: inout [String]) {
    switch value {
    case .object(let object):
      for key in object.keys.sorted() {
        let member = object[key]!
        if [
          "token", "sellerOrderId", "authorizationReferenceId", "authorization_reference_id", "id",
        ]
        .contains(key), case .string(let text) = member, !randoms.contains(text),
          key != "id" || text.contains("-")
        {
          randoms.append(text)
        }
        if key == "order.id", case .string(let text)? = member["string"], !randoms.contains(text) {
          randoms.append(text)
        }
        collectRandoms(member, into: &randoms)
      }
    case .array(let array): for element in array { collectRandoms(element, into: &randoms) }
    default: break
    }
  }

  static func replace(_ value: JSONValue, _ replacements: [(String, String)]) -> JSONValue {
    switch value {
    case .string(var text):
      for (random, placeholder) in replacements {
        text = text.replacingOccurrences(of: random, with: placeholder)
      }
      return .string(text)
    case .array(let array): return .array(array.map { replace($0, replacements) })
    case .object(var object):
      if case .object(var flowc)? = object["flowc"], flowc["seal"] != nil {
        flowc["seal"] = .string("<seal>")
        object["flowc"] = .object(flowc)
      }
      return .object(object.mapValues { replace($0, replacements) })
    default: return value
    }
  }
}

/// `local_runner.py` over a skill built from an IR by `ir_skill.py`, in a temporary folder laid
/// out as `flowc generate ask-python` lays out its output, one line in, one line out.
final class PythonSkillProcess {
  let folder: URL
  let process = Process()
  let input = Pipe()
  let output = Pipe()
  var buffer = Data()

  init(ir: Data) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flowc-python-skill-\(UUID().uuidString)")
    let lambda = folder.appendingPathComponent("lambda")
    try FileManager.default.createDirectory(at: lambda, withIntermediateDirectories: true)
    let resources = PythonSupport.resources
    let harness = PythonSupport.harness
    try FileManager.default.copyItem(
      at: resources.appendingPathComponent("local_runner.py"),
      to: folder.appendingPathComponent("local_runner.py"))
    try FileManager.default.copyItem(
      at: resources.appendingPathComponent("flowc_support.py"),
      to: lambda.appendingPathComponent("flowc_support.py"))
    try FileManager.default.copyItem(
      at: harness.appendingPathComponent("ir_skill.py"),
      to: lambda.appendingPathComponent("ir_skill.py"))
    try ir.write(to: lambda.appendingPathComponent("ir.json"))
    try Data(
      """
      import json, os
      import flowc_support, ir_skill
      with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ir.json")) as f:
          IR = json.load(f)
      sb = ir_skill.build(IR, flowc_support.default_store())
      lambda_handler = sb.lambda_handler()

      """.utf8
    ).write(to: lambda.appendingPathComponent("lambda_function.py"))
    try launch()
  }

  /// `local_runner.py` of the skill `flowc generate ask-python` writes for the IR at `irURL`.
  init(generatedFrom irURL: URL) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flowc-generated-skill-\(UUID().uuidString)")
    let run = try FlowcProcess.run(["generate", "ask-python", irURL.path, "-o", folder.path])
    guard run.status == 0 else { throw GeneratedSkillError(run: run) }
    try launch()
  }

  /// `flowc generate ask-python` failed.
  struct GeneratedSkillError: Error, CustomStringConvertible {
    var run: ProcessRun
    var description: String { "flowc generate ask-python failed: \(run)" }
  }

  /// Starts `local_runner.py` in ``folder``.
  private func launch() throws {
    guard let python = PythonSupport.python else { throw ToolingError.missing("python3") }
    process.executableURL = python
    process.arguments = [folder.appendingPathComponent("local_runner.py").path]
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
  }

  /// Sends one line and reads the answer line.
  func send(_ line: Data) throws -> Data {
    input.fileHandleForWriting.write(line + Data("\n".utf8))
    while true {
      if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
        let answer = Data(buffer[buffer.startIndex..<end])
        buffer.removeSubrange(buffer.startIndex...end)
        return answer
      }
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { throw CancellationError() }
      buffer.append(chunk)
    }
  }

  func close() {
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    try? FileManager.default.removeItem(at: folder)
  }
}
