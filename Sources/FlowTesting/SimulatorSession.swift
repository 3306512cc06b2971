public import FlowIR
import FlowRuntime
internal import Foundation

/// The logic of `flowc simulate`, without a terminal: one input line in, the text to show out.
///
/// Lines are utterances (matched offline), `:intent Name slot=value …`, or commands (`:help`
/// lists them). After a Setup or Charge directive the session asks which outcome Amazon Pay
/// plays, unless a fixed outcome was given. Every step is recorded, so `:save FILE` writes the
/// conversation as a test script that `flowc test` replays.
public final class SimulatorSession {
  /// What one input line produced.
  public struct Reply: Sendable, Equatable {
    /// The text to show (may be empty), ending with a line break when not empty.
    public var output: String
    /// Whether the session is over (`:quit`).
    public var quit: Bool
  }

  /// The flow.
  public let program: FlowProgram
  /// The locale.
  public let locale: String
  /// The outcome played for every Setup and Charge; `nil` to ask each time.
  public let fixedOutcome: PaymentAnswer?
  /// The conversation.
  public private(set) var conversation: TestConversation
  /// The steps so far, with the assertions `:save` writes after each.
  public private(set) var recorded: [TestStep] = []
  /// Whether the next line answers the payment question.
  public private(set) var awaitingPayment = false

  /// Creates a session.
  public init(program: FlowProgram, locale: String, fixedOutcome: PaymentAnswer? = nil) {
    self.program = program
    self.locale = locale
    self.fixedOutcome = fixedOutcome
    self.conversation = TestConversation(
      program: program, locale: locale, recordingName: "simulate")
  }

  /// The prompt to show before reading a line.
  public var prompt: String {
    if awaitingPayment, let task = conversation.pendingPayment {
      return "amazon pay \(task.rawValue.lowercased())> "
    }
    return "you> "
  }

  /// Starts the conversation: a banner and the launch.
  public func start() async -> Reply {
    var output =
      "flowc simulate: \(program.skill.name) (\(locale)). Type what the customer says, "
      + "or :help.\n"
    output += await run(.launch)
    return Reply(output: output, quit: false)
  }

  /// Handles one input line.
  public func handle(_ rawLine: String) async -> Reply {
    let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
    if line.isEmpty { return Reply(output: "", quit: false) }
    if awaitingPayment && !line.hasPrefix(":") {
      guard let outcome = PaymentAnswer(words: line) else {
        return Reply(output: paymentQuestion(), quit: false)
      }
      awaitingPayment = false
      return Reply(output: await run(.pay(outcome)), quit: false)
    }
    guard line.hasPrefix(":") else {
      let words = UtteranceMatcher.words(line)
      let invocation = UtteranceMatcher.words(program.skill.invocation)
      if words.count > 1, ["open", "launch", "start"].contains(words[0]),
        Array(words.dropFirst()) == invocation
      {
        return Reply(output: await run(.launch), quit: false)
      }
      return Reply(output: await run(.say(line)), quit: false)
    }
    return await command(line)
  }

  func command(_ line: String) async -> Reply {
    let parts = line.split(whereSeparator: \.isWhitespace).map(String.init)
    let name = parts[0]
    let arguments = Array(parts.dropFirst())
    switch name {
    case ":quit", ":q", ":exit":
      return Reply(output: "", quit: true)
    case ":help", ":h", ":?":
      return Reply(output: Self.help, quit: false)
    case ":launch":
      return Reply(output: await run(.launch), quit: false)
    case ":new":
      return Reply(output: await run(.newSession), quit: false)
    case ":intent":
      guard let intentName = arguments.first else {
        return Reply(output: "usage: :intent Name slot=value …\n", quit: false)
      }
      var slots: [String: String] = [:]
      for argument in arguments.dropFirst() {
        guard let equals = argument.firstIndex(of: "=") else {
          return Reply(output: "slots are written slot=value (got '\(argument)')\n", quit: false)
        }
        slots[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
          .replacingOccurrences(of: "_", with: " ")
      }
      return Reply(output: await run(.intent(name: intentName, slots: slots)), quit: false)
    case ":pay":
      guard let outcome = PaymentAnswer(words: arguments.joined(separator: " ")) else {
        return Reply(output: paymentQuestion(), quit: false)
      }
      awaitingPayment = false
      return Reply(output: await run(.pay(outcome)), quit: false)
    case ":permission":
      guard let value = arguments.first, ["granted", "denied"].contains(value) else {
        return Reply(output: "usage: :permission granted|denied\n", quit: false)
      }
      return Reply(output: await run(.permission(granted: value == "granted")), quit: false)
    case ":state":
      return Reply(output: stateText(), quit: false)
    case ":vars":
      return Reply(output: variablesText(), quit: false)
    case ":json":
      return Reply(output: jsonText(), quit: false)
    case ":user":
      guard let user = arguments.first else {
        return Reply(
          output: "current customer: \(conversation.currentUser)\nusage: :user NAME\n",
          quit: false)
      }
      return Reply(output: await run(.user(user)), quit: false)
    case ":reset":
      conversation = TestConversation(program: program, locale: locale, recordingName: "simulate")
      recorded = []
      awaitingPayment = false
      return Reply(output: "(fresh store, new conversation)\n" + (await run(.launch)), quit: false)
    case ":save":
      guard let path = arguments.first else {
        return Reply(output: "usage: :save FILE\n", quit: false)
      }
      do {
        try Data(recordedScript(name: nil).utf8).write(to: URL(fileURLWithPath: path))
        return Reply(
          output:
            "saved \(recorded.count) steps to \(path); replay with: flowc test FLOW \(path)\n",
          quit: false)
      } catch {
        return Reply(output: "cannot write '\(path)': \(error.localizedDescription)\n", quit: false)
      }
    default:
      return Reply(output: "unknown command '\(name)'; :help lists the commands\n", quit: false)
    }
  }

  static let help = """
    Type what the customer says (matched against the flow's samples), or:
      :intent Name slot=value …   send an intent directly (use _ for spaces in a value)
      :launch                     open the skill again
      :new                        end the session; the next line starts a new one
      :pay OUTCOME                answer the pending Setup or Charge (success, declined [REASON],
                                  permission_denied, error [CODE])
      :permission granted|denied  the Amazon Pay permission of the customer
      :state                      where the conversation stands
      :vars                       the conversation variables
      :json                       the last request and response envelopes
      :user NAME                  switch to another customer
      :reset                      fresh store, start again
      :save FILE                  write the conversation so far as a test script
      :help                       this text
      :quit                       leave

    """

  /// Runs one action, records it, and renders what happened.
  func run(_ action: TestAction) async -> String {
    let turn: TurnRecord?
    do {
      turn = try await conversation.perform(action)
    } catch {
      return "(\(error))\n"
    }
    var expectations: [Expectation] = []
    if let turn {
      if let state = conversation.currentState { expectations.append(.state(state)) }
      if let elicited = conversation.pendingElicitation {
        expectations.append(.elicit(slot: elicited.slot))
      }
      expectations.append(
        .speech(turn.response.response.outputSpeech.map { .equals($0.content) } ?? .absent))
      expectations.append(.sessionEnded(turn.response.response.shouldEndSession ?? false))
    }
    recorded.append(TestStep(action: action, expectations: expectations, range: nil))
    guard let turn else {
      switch action {
      case .user(let name): return "(customer: \(name))\n"
      case .newSession: return "(session ended; the next line starts a new one)\n"
      case .permission(let granted):
        return "(Amazon Pay permission \(granted ? "granted" : "denied"))\n"
      default: return ""
      }
    }
    var lines = TranscriptFormatter.responseLines(turn.response, state: conversation.currentState)
    if turn.summary.hasPrefix("say ") {
      lines.insert("  (\(turn.summary.dropFirst(4)))", at: 0)
    }
    var output = lines.joined(separator: "\n") + "\n"
    if conversation.pendingPayment != nil,
      turn.response.response.directives?.isEmpty == false
    {
      if let fixedOutcome {
        output += "(Amazon Pay answers: \(fixedOutcome))\n"
        output += await run(.pay(fixedOutcome))
      } else {
        awaitingPayment = true
        output += paymentQuestion()
      }
    }
    return output
  }

  func paymentQuestion() -> String {
    let task = conversation.pendingPayment
    // Without a pending task the question lists what a Setup can answer.
    let choices = (task ?? .setup).outcomes.map { outcome in
      PaymentAnswer.defaultCode(for: outcome) == nil
        ? outcome.rawValue : "\(outcome.rawValue) [\(outcome == .declined ? "REASON" : "CODE")]"
    }
    return "Amazon Pay \(task?.rawValue ?? "payment"): which outcome? "
      + choices.joined(separator: " | ") + "\n"
  }

  func stateText() -> String {
    var lines: [String] = []
    let state = conversation.currentState
    let kind = state.flatMap { program.states[$0]?.kind.name } ?? "none"
    lines.append("state: \(state ?? "none") (\(kind))")
    lines.append("session: \(conversation.sessionIsOpen ? "open" : "ended")")
    lines.append("customer: \(conversation.currentUser) (\(conversation.currentUserId))")
    if let pending = conversation.pendingPayment {
      lines.append("waiting for: Amazon Pay \(pending.rawValue)")
    }
    if let elicited = conversation.pendingElicitation {
      lines.append("asking for: \(elicited.slot) of \(elicited.intent.name)")
    }
    if let state, case .ask(let ask)? = program.states[state]?.kind {
      let handled = Set(ask.on.keys).union(program.global.keys).sorted()
      lines.append("listens for: " + handled.joined(separator: ", "))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func variablesText() -> String {
    // Names starting with '_' are the runtime's own bookkeeping, not flow variables.
    let variables = conversation.variables.filter { !$0.key.hasPrefix("_") }
    guard !variables.isEmpty else { return "(no variables)\n" }
    return variables.keys.sorted().map { "\($0) = \(variables[$0]!.testText)" }.joined(
      separator: "\n") + "\n"
  }

  func jsonText() -> String {
    guard let turn = conversation.lastTurn else { return "(nothing sent yet)\n" }
    return
      "request:\n\(Self.pretty(turn.requestJSON))\nresponse:\n\(Self.pretty(turn.responseJSON))\n"
  }

  static func pretty(_ data: Data) -> String {
    guard let value = try? CanonicalJSON.decode(JSONValue.self, from: data) else {
      return String(decoding: data, as: UTF8.self)
    }
    // `pretty` ends with a line break that the caller adds itself.
    return (try? CanonicalJSON.pretty(value)).map { String(decoding: $0.dropLast(), as: UTF8.self) }
      ?? ""
  }

  /// The conversation so far as a test script (YAML).
  public func recordedScript(name: String?) -> String {
    TestScriptWriter.write(
      name: name ?? "recorded in flowc simulate", locales: [locale], steps: recorded)
  }
}

/// Writes test scripts (used by `:save`): every text double-quoted, so any speech survives.
public enum TestScriptWriter {
  /// The script as YAML.
  public static func write(name: String, locales: [String], steps: [TestStep]) -> String {
    var lines = [
      "# Recorded with flowc simulate; replay with flowc test.",
      "name: \(yaml(name))",
      "locales: [\(locales.map(yaml).joined(separator: ", "))]",
      "steps:",
    ]
    for step in steps {
      lines.append("  - " + action(step.action))
      guard !step.expectations.isEmpty else { continue }
      lines.append("    expect:")
      for expectation in step.expectations {
        switch expectation {
        case .state(let state): lines.append("      state: \(yaml(state))")
        case .elicit(let slot): lines.append("      elicit: \(yaml(slot))")
        case .speech(.equals(let text)): lines.append("      speech: { equals: \(yaml(text)) }")
        case .speech(.absent): lines.append("      speech: null")
        case .sessionEnded(let ended): lines.append("      session_ended: \(ended)")
        default: break
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func action(_ action: TestAction) -> String {
    switch action {
    case .launch: "launch:"
    case .say(let line): "say: \(yaml(line))"
    case .intent(let name, let slots):
      if slots.isEmpty {
        "intent: \(yaml(name))"
      } else {
        "intent: { name: \(yaml(name)), slots: { "
          + slots.keys.sorted().map { "\(yaml($0)): \(yaml(slots[$0]!))" }.joined(
            separator: ", ") + " } }"
      }
    case .pay(let answer):
      answer.code.map { "pay: { \(answer.outcome.rawValue): \(yaml($0)) }" }
        ?? "pay: \(answer.outcome.rawValue)"
    case .request(let path): "request: \(yaml(path))"
    case .newSession: "new_session:"
    case .user(let name): "user: \(yaml(name))"
    case .permission(let granted): "permission: \(granted ? "granted" : "denied")"
    case .expect: "expect: {}"
    }
  }

  /// A YAML double-quoted scalar (JSON string syntax is valid YAML).
  static func yaml(_ text: String) -> String {
    guard let data = try? CanonicalJSON.compact(text) else { return "\"\"" }
    return String(decoding: data, as: UTF8.self)
  }
}
