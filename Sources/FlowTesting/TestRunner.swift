public import FlowCompiler
public import FlowIR
import FlowRuntime
public import Foundation

/// Why a test failed: the step, what was expected and what happened.
public struct TestFailure: Sendable, Equatable {
  /// The 1-based step number.
  public var step: Int
  /// The failure, such as `speech: expected contains "Thanks", got "Goodbye."`.
  public var message: String
  /// Where the step is written.
  public var range: SourceRange?
  /// More lines under the message (a handler's standard error, a located difference).
  public var details: [String] = []
}

/// The result of one script in one locale.
public struct TestCaseResult: Sendable {
  /// The script's name.
  public var name: String
  /// The script file.
  public var file: SourceFile
  /// The locale it ran in.
  public var locale: String
  /// The first failure; `nil` when the test passed.
  public var failure: TestFailure?
  /// What was said and answered, up to the end or the failing assertion.
  public var transcript: [String]
  /// How many steps ran.
  public var stepsRun: Int
  /// Wall time in seconds.
  public var duration: Double

  /// Whether the test passed.
  public var passed: Bool { failure == nil }
}

/// The results of a run: every script in every selected locale, and coverage per locale.
public struct TestRunResult: Sendable {
  /// One result per script and locale, in run order.
  public var cases: [TestCaseResult]
  /// Coverage per locale, in locale order.
  public var coverage: [CoverageReport]
  /// The scripts that could not be loaded (unreadable, invalid, or for a flow that could not
  /// be loaded), in the order found: each counts as one failed test, and coverage does not
  /// count them.
  public var unloadedScripts: [String] = []

  /// Creates a result.
  public init(cases: [TestCaseResult], coverage: [CoverageReport], unloadedScripts: [String] = []) {
    self.cases = cases
    self.coverage = coverage
    self.unloadedScripts = unloadedScripts
  }

  /// Whether everything passed (and every script was loaded).
  public var passed: Bool { unloadedScripts.isEmpty && cases.allSatisfy(\.passed) }
  /// How many failed, a script that could not be loaded included.
  public var failedCount: Int { cases.count { !$0.passed } + unloadedScripts.count }
  /// How many tests the summary counts: every case, and every script that could not be loaded.
  public var totalCount: Int { cases.count + unloadedScripts.count }

  /// Adds another run's results after these (`flowc test` without a flow runs each flow's
  /// scripts in turn).
  public mutating func append(_ other: TestRunResult) {
    cases += other.cases
    coverage += other.coverage
    unloadedScripts += other.unloadedScripts
  }
}

/// Runs test scripts on the real runtime: a fresh memory store per script and locale.
public struct TestRunner {
  /// The flow.
  public var program: FlowProgram
  /// The locales to run in.
  public var locales: [String]
  /// Receives every request and response envelope (for the conformance recording).
  public var recordEnvelope: ((Data, String, String) -> Void)?
  /// Makes what answers each conversation (one per script and locale); the built-in runtime
  /// when `nil`. See ``SkillTransport``.
  public var transport: TransportFactory?
  /// Whether every conversation sends ids of its own (``ConversationIdentifiers/unique``: for
  /// a skill whose store outlives a conversation) or the same ids in every run.
  public var identifiers = ConversationIdentifiers.repeatable

  /// Creates a runner.
  ///
  /// - Parameters:
  ///   - program: The flow.
  ///   - locales: The locales to run in; the flow's default locale when empty.
  ///   - transport: Makes what answers each conversation; the built-in runtime when `nil`.
  public init(
    program: FlowProgram, locales: [String] = [], transport: TransportFactory? = nil
  ) {
    self.program = program
    self.locales = locales.isEmpty ? Array(program.skill.locales.prefix(1)) : locales
    self.transport = transport
  }

  /// Runs scripts in every selected locale (a script that names its `locales` runs only in
  /// those).
  public func run(_ scripts: [TestScript]) async -> TestRunResult {
    var cases: [TestCaseResult] = []
    var coverage: [CoverageReport] = []
    for locale in locales {
      var covered = CoverageData()
      for script in scripts where script.locales?.contains(locale) ?? true {
        let (result, data) = await run(script, locale: locale)
        cases.append(result)
        covered.merge(data)
      }
      coverage.append(CoverageReport(program: program, locale: locale, covered: covered))
    }
    return TestRunResult(cases: cases, coverage: coverage)
  }

  /// Runs one script in one locale.
  public func run(_ script: TestScript, locale: String) async -> (TestCaseResult, CoverageData) {
    let started = Date()
    let conversation = TestConversation(
      program: program, locale: locale, recordingName: "\(script.name)-\(locale)",
      transport: transport, identifiers: identifiers)
    conversation.recordEnvelope = recordEnvelope
    var transcript: [String] = []
    var failure: TestFailure?
    let directory = URL(fileURLWithPath: script.file.path).deletingLastPathComponent().path
    var stepsRun = 0
    steps: for (index, step) in script.steps.enumerated() {
      stepsRun = index + 1
      do {
        let turn = try await conversation.perform(step.action, baseDirectory: directory)
        transcript += TranscriptFormatter.lines(for: step.action, turn: turn, in: conversation)
      } catch {
        transcript.append("> \(TranscriptFormatter.describe(step.action))")
        failure = TestFailure(
          step: index + 1, message: String(describing: error), range: step.range,
          details: (error as? ConversationError)?.details ?? [])
        break steps
      }
      for expectation in step.expectations {
        if let problem = await ExpectationChecker.check(expectation, in: conversation) {
          failure = TestFailure(step: index + 1, message: problem, range: step.range)
          break steps
        }
      }
    }
    if let problem = await conversation.finish(), failure == nil {
      let last = script.steps.indices.contains(stepsRun - 1) ? script.steps[stepsRun - 1] : nil
      failure = TestFailure(step: max(stepsRun, 1), message: problem, range: last?.range)
    }
    let result = TestCaseResult(
      name: script.name, file: script.file, locale: locale, failure: failure,
      transcript: transcript, stepsRun: stepsRun, duration: Date().timeIntervalSince(started))
    return (result, conversation.coverage)
  }
}

/// Checks one assertion against the conversation's last turn and its store.
enum ExpectationChecker {
  static func check(_ expectation: Expectation, in conversation: TestConversation) async -> String?
  {
    let response = conversation.lastTurn?.response.response
    switch expectation {
    case .speech(let matcher):
      return judge("speech", matcher, response?.outputSpeech?.content)
    case .reprompt(let matcher):
      return judge("reprompt", matcher, response?.reprompt?.outputSpeech.content)
    case .noCard:
      guard let card = response?.card else { return nil }
      return "card: expected none, got \(TranscriptFormatter.describe(card))"
    case .card(let type, let title, let text):
      guard let card = response?.card else { return "card: expected a card, got none" }
      let (actualType, actualTitle, actualText) = parts(of: card)
      if let type, type != actualType {
        return "card type: expected \(quoted(type)), got \(quoted(actualType))"
      }
      if let title, let problem = judge("card title", title, actualTitle) { return problem }
      if let text, let problem = judge("card text", text, actualText) { return problem }
      return nil
    case .noDirective:
      guard let directives = response?.directives, !directives.isEmpty else { return nil }
      return "directive: expected none, got "
        + directives.map(TranscriptFormatter.describe).joined(separator: "; ")
    case .directive(let type, let name, let payload):
      return checkDirective(type: type, name: name, payload: payload, in: response)
    case .elicit(let slot):
      let elicited = (response?.directives ?? []).compactMap { directive -> String? in
        guard case .dialogElicitSlot(let slot, _) = directive else { return nil }
        return slot
      }
      guard let actual = elicited.first else {
        return "elicit: expected a Dialog.ElicitSlot directive for \(quoted(slot)), got none"
      }
      return actual == slot ? nil : "elicit: expected \(quoted(slot)), got \(quoted(actual))"
    case .state(let state):
      if conversation.inspectionUnsupported {
        return unsupported("state", conversation.lastInspection?.inspection)
      }
      let actual = conversation.currentState
      return actual == state
        ? nil : "state: expected \(quoted(state)), got \(actual.map(quoted) ?? "none")"
    case .variable(let path, let value):
      if conversation.inspectionUnsupported {
        return unsupported("variable '\(path)'", conversation.lastInspection?.inspection)
      }
      let scope = TurnVariables(
        program: conversation.program, variables: conversation.variables,
        locale: conversation.locale)
      let actual = scope.value(of: path)?.testText
      if let value {
        if actual == value.text { return nil }
      } else if actual == nil {
        return nil
      }
      return "variable '\(path)': expected \(value?.description ?? "unset"), got "
        + (actual.map(quoted) ?? "unset")
    case .sessionEnded(let ended):
      let actual = response?.shouldEndSession ?? false
      return actual == ended ? nil : "session_ended: expected \(ended), got \(actual)"
    case .noOrder, .order, .noAgreement, .agreement:
      return await checkRecords(expectation, in: conversation)
    }
  }

  /// The assertions on the current customer's orders and agreements, from the transport's
  /// inspection.
  static func checkRecords(_ expectation: Expectation, in conversation: TestConversation) async
    -> String?
  {
    let inspection: SkillInspection
    do {
      inspection = try await conversation.inspection()
    } catch {
      return "\(recordsName(expectation)): \(error)"
    }
    guard inspection.isSupported else {
      return unsupported(recordsName(expectation), inspection)
    }
    switch expectation {
    case .noOrder:
      guard let order = inspection.orders.last else { return nil }
      return "order: expected none, got order \(quoted(order["id"] ?? ""))"
        + " (\(order["state"] ?? "no state"))"
    case .order(let fields):
      guard let order = inspection.orders.last else { return "order: expected an order, got none" }
      for (field, expected) in fields {
        let actual = order[field]
        if actual != expected.text {
          return "order \(field): expected \(expected), got " + (actual.map(quoted) ?? "none")
        }
      }
      return nil
    case .noAgreement:
      guard let agreement = inspection.openAgreement else { return nil }
      return "agreement: expected none, got "
        + quoted(agreement[SkillInspection.agreementIdField] ?? "")
    case .agreement(let fields):
      guard let agreement = inspection.openAgreement else {
        return "agreement: expected an open agreement, got none"
      }
      for (field, expected) in fields {
        let actual =
          agreement[
            field == "id"
              ? SkillInspection.agreementIdField : SkillInspection.agreementStatusField] ?? ""
        if actual != expected.text {
          return "agreement \(field): expected \(expected), got \(quoted(actual))"
        }
      }
      return nil
    default:
      return nil
    }
  }

  static func recordsName(_ expectation: Expectation) -> String {
    switch expectation {
    case .noOrder, .order: "order"
    default: "agreement"
    }
  }

  /// The failure of an assertion that needs an inspection the skill cannot give.
  static func unsupported(_ what: String, _ inspection: SkillInspection?) -> String {
    let reason =
      inspection?.unsupportedReason ?? "it answered {\"flowc\":\"inspect\",\"unsupported\":true}"
    return "\(what): cannot be checked: the skill under test does not support inspection "
      + "(\(reason))"
  }

  /// `nil` when the text satisfies the matcher, else what went wrong.
  static func judge(_ what: String, _ matcher: TextMatcher, _ actual: String?) -> String? {
    switch matcher.verdict(on: actual) {
    case .accepted: return nil
    case .rejected: return mismatch(what, matcher, actual)
    case .tooSlow:
      return "\(what): \(matcher) took longer than "
        + "\(Int(TextMatcher.matchTimeLimit)) s and was stopped; simplify the pattern "
        + "(nested quantifiers such as (a+)+ backtrack without end)"
    }
  }

  static func mismatch(_ what: String, _ matcher: TextMatcher, _ actual: String?) -> String {
    "\(what): expected \(matcher), got " + (actual.map(quoted) ?? "none")
  }

  static func parts(of card: ResponseCard) -> (String, String?, String?) {
    switch card {
    case .simple(let title, let content): ("Simple", title, content)
    case .standard(let title, let text, _): ("Standard", title, text)
    case .askForPermissionsConsent(let permissions):
      ("AskForPermissionsConsent", nil, permissions.joined(separator: ","))
    }
  }

  static func orderField(_ field: String, of order: OrderRecord) -> String? {
    switch field {
    case "id": order.id
    case "product": order.productId
    case "quantity": String(order.quantity)
    case "amount": order.amount.decimalString
    case "currency": order.amount.currency
    case "state": order.state.rawValue
    case "authorization_reference_id": order.authorizationReferenceId
    case "amazon_authorization_id": order.amazonAuthorizationId
    case "billing_agreement_id": order.billingAgreementId
    default: nil
    }
  }

  static func checkDirective(
    type: String?, name: String?, payload: [(pointer: String, value: ScalarValue)],
    in response: ResponseBody?
  ) -> String? {
    let directives = response?.directives ?? []
    guard !directives.isEmpty else { return "directive: expected a directive, got none" }
    var lastProblem = ""
    for directive in directives {
      let json =
        (try? CanonicalJSON.decode(JSONValue.self, from: CanonicalJSON.compact(directive)))
        ?? .null
      if let type, json["type"]?.stringValue != type {
        lastProblem =
          "directive type: expected \(quoted(type)), got "
          + (json["type"]?.stringValue.map(quoted) ?? "none")
        continue
      }
      if let name, json["name"]?.stringValue != name {
        lastProblem =
          "directive name: expected \(quoted(name)), got "
          + (json["name"]?.stringValue.map(quoted) ?? "none")
        continue
      }
      var problem: String?
      for (pointer, expected) in payload {
        let actual = JSONPointer.resolve(pointer, in: json["payload"] ?? .null)
        if !expected.equals(actual) {
          problem =
            "directive payload \(pointer): expected \(expected), got "
            + (actual.map(JSONPointer.render) ?? "nothing")
          break
        }
      }
      if let problem {
        lastProblem = problem
        continue
      }
      return nil
    }
    return lastProblem
  }
}

/// RFC 6901 JSON pointers (`/authorizeAttributes/authorizationAmount/amount`).
public enum JSONPointer {
  /// The value at a pointer, or `nil` when there is none.
  public static func resolve(_ pointer: String, in value: JSONValue) -> JSONValue? {
    guard !pointer.isEmpty else { return value }
    guard pointer.hasPrefix("/") else { return nil }
    var current = value
    for rawToken in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
      let token = rawToken.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(
        of: "~0", with: "~")
      switch current {
      case .object(let members):
        guard let next = members[token] else { return nil }
        current = next
      case .array(let elements):
        guard let index = Int(token), elements.indices.contains(index) else { return nil }
        current = elements[index]
      default:
        return nil
      }
    }
    return current
  }

  /// A value as compact JSON.
  public static func render(_ value: JSONValue) -> String {
    guard let data = try? CanonicalJSON.compact(value) else { return "?" }
    return String(decoding: data, as: UTF8.self)
  }
}
