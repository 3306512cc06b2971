public import FlowCompiler
public import FlowIR
public import FlowRuntime
internal import Foundation

/// A scripted conversation with assertions: one `*.test.yaml` file (format in `docs/testing.md`).
public struct TestScript: Sendable {
  /// The file it was read from.
  public var file: SourceFile
  /// The test's name (`name:`, else the file name).
  public var name: String
  /// The locales it runs in (`locales:`); `nil` means every locale selected.
  public var locales: [String]?
  /// The flow file it was written for (`flow:`, relative to the script), if it says.
  public var flow: String?
  /// The steps, in order.
  public var steps: [TestStep]

  /// Whether the script was written for the flow at `path` (always, when it names no flow).
  public func isWritten(forFlowAt path: String) -> Bool {
    guard let named = namedFlowURL?.resolvingSymlinksInPath() else { return true }
    let given = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    return named.path == given.path
  }

  /// The flow the script names (`flow:`, read relative to the script), as a path from the
  /// current directory when it lies inside it; `nil` when the script names none.
  public var namedFlowPath: String? {
    guard let path = namedFlowURL?.path else { return nil }
    let current = FileManager.default.currentDirectoryPath
    let prefix = current.hasSuffix("/") ? current : current + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }

  /// The flow `flow:` names, read relative to the script's folder.
  private var namedFlowURL: URL? {
    guard let flow else { return nil }
    let directory = URL(fileURLWithPath: file.path).deletingLastPathComponent()
    return URL(fileURLWithPath: flow, relativeTo: directory).standardizedFileURL
  }
}

/// One step of a script: an action and the assertions checked after it.
public struct TestStep: Sendable {
  /// What the step does.
  public var action: TestAction
  /// What must hold after it.
  public var expectations: [Expectation]
  /// Where the step is written.
  public var range: SourceRange?
}

/// What a step does.
public enum TestAction: Sendable, Equatable {
  /// Open the skill (`LaunchRequest`).
  case launch
  /// Say a line; it is matched offline against the flow's samples.
  case say(String)
  /// Send an intent directly.
  case intent(name: String, slots: [String: String])
  /// Answer the pending Setup or Charge as Amazon Pay would.
  case pay(PaymentAnswer)
  /// Send a raw request envelope read from a JSON file (relative to the script).
  case request(path: String)
  /// End the session: the next request starts a new one.
  case newSession
  /// Switch to another customer (stores and agreements are per customer).
  case user(String)
  /// Grant or deny the Amazon Pay permission (`payments:autopay_consent`).
  case permission(granted: Bool)
  /// Check assertions only.
  case expect
}

/// How Amazon Pay answers a Setup or Charge: one of FlowIR's ``PaymentOutcome``s, with the
/// reason code of a `declined` or the error code of an `error`.
public struct PaymentAnswer: Sendable, Equatable, CustomStringConvertible {
  /// The outcome the flow's `on:` takes.
  public var outcome: PaymentOutcome
  /// The reason code of `declined` or the error code of `error` (`InvalidSellerId`,
  /// `RequestThrottled`, …); `nil` for the other outcomes.
  public var code: String?

  /// Creates an answer.
  ///
  /// - Parameters:
  ///   - outcome: The outcome.
  ///   - code: The reason or error code; without one, `declined` and `error` get their
  ///     ``defaultCode(for:)``.
  public init(outcome: PaymentOutcome, code: String? = nil) {
    self.outcome = outcome
    self.code = code ?? Self.defaultCode(for: outcome)
  }

  /// Setup: an open billing agreement; Charge: authorized and captured.
  public static let success = PaymentAnswer(outcome: .success)
  /// The customer has not enabled Amazon Pay or voice purchasing.
  public static let permissionDenied = PaymentAnswer(outcome: .permissionDenied)

  /// Charge only: the authorization was declined with this reason code.
  public static func declined(reason: String) -> PaymentAnswer {
    PaymentAnswer(outcome: .declined, code: reason)
  }

  /// An error with this code.
  public static func error(code: String) -> PaymentAnswer {
    PaymentAnswer(outcome: .error, code: code)
  }

  /// The code an outcome gets when a script names none: `AmazonRejected` for `declined`,
  /// `InternalServerError` for `error`, none for the others.
  ///
  /// - Parameter outcome: The outcome.
  /// - Returns: The code, or `nil` when the outcome carries none.
  public static func defaultCode(for outcome: PaymentOutcome) -> String? {
    switch outcome {
    case .declined: "AmazonRejected"
    case .error: "InternalServerError"
    case .success, .permissionDenied: nil
    }
  }

  /// The outcomes in the order scripts and help texts list them: those without a code
  /// (`success`, `permission_denied`), then those with one (`declined`, `error`).
  public static let scriptOrder: [PaymentOutcome] =
    PaymentOutcome.allCases.filter { defaultCode(for: $0) == nil }
    + PaymentOutcome.allCases.filter { defaultCode(for: $0) != nil }

  /// The outcome as written in a script (`success`, `declined AmazonRejected`, …).
  public var description: String {
    code.map { "\(outcome.rawValue) \($0)" } ?? outcome.rawValue
  }

  /// Reads a script's `pay:` step: an outcome named as the IR spells it, with a code only
  /// when the outcome carries one (`declined`, `error`).
  ///
  /// - Parameters:
  ///   - outcomeName: `success`, `permission_denied`, `declined` or `error`.
  ///   - code: The code of `{declined: REASON}` or `{error: CODE}`; `nil` for a bare name.
  init?(outcomeName: String, code: String?) {
    guard let outcome = PaymentOutcome(rawValue: outcomeName),
      code == nil || Self.defaultCode(for: outcome) != nil
    else { return nil }
    self.init(outcome: outcome, code: code)
  }

  /// Reads `success`, `permission_denied`, `declined [REASON]` or `error [CODE]`.
  ///
  /// - Parameter text: The words, separated by white space.
  public init?(words text: String) {
    let parts = text.split(whereSeparator: \.isWhitespace).map(String.init)
    guard let first = parts.first, let outcome = PaymentOutcome(rawValue: first.lowercased()),
      parts.count == 1 || (parts.count == 2 && Self.defaultCode(for: outcome) != nil)
    else { return nil }
    self.init(outcome: outcome, code: parts.count == 2 ? parts[1] : nil)
  }
}

/// How a text is compared.
public enum TextMatcher: Sendable, Equatable, CustomStringConvertible {
  /// The text contains this.
  case contains(String)
  /// The text is exactly this.
  case equals(String)
  /// The text matches this regular expression (anywhere; ICU syntax, as `NSRegularExpression`
  /// reads it), within ``matchTimeLimit``.
  case matches(String)
  /// There is no text.
  case absent

  /// What comparing a text gave.
  public enum Verdict: Sendable, Equatable {
    /// The text satisfies the matcher.
    case accepted
    /// It does not.
    case rejected
    /// The regular expression of `matches` ran out of its time (``matchTimeLimit``).
    case tooSlow
  }

  /// How long one `matches` may take, in seconds: a pattern with nested quantifiers
  /// (`(a+)+$`) can backtrack for longer than the universe is old.
  public static let matchTimeLimit = 1.0

  /// Whether the actual text satisfies the matcher.
  public func accepts(_ actual: String?) -> Bool {
    verdict(on: actual) == .accepted
  }

  /// Compares the actual text, a regular expression within ``matchTimeLimit``.
  public func verdict(on actual: String?) -> Verdict {
    switch self {
    case .absent: return actual == nil ? .accepted : .rejected
    case .contains(let part): return actual?.contains(part) ?? false ? .accepted : .rejected
    case .equals(let whole): return actual == whole ? .accepted : .rejected
    case .matches(let pattern):
      guard let actual, let regex = try? NSRegularExpression(pattern: pattern) else {
        return .rejected
      }
      return Self.firstMatch(of: regex, in: actual, within: Self.matchTimeLimit)
    }
  }

  /// Looks for a match, giving up after `seconds` (ICU reports progress while it backtracks,
  /// and the search stops there).
  static func firstMatch(of regex: NSRegularExpression, in text: String, within seconds: Double)
    -> Verdict
  {
    let started = Date()
    var verdict = Verdict.rejected
    regex.enumerateMatches(
      in: text, options: [.reportProgress], range: NSRange(text.startIndex..., in: text)
    ) { match, _, stop in
      if match != nil {
        verdict = .accepted
        stop.pointee = true
      } else if Date().timeIntervalSince(started) > seconds {
        verdict = .tooSlow
        stop.pointee = true
      }
    }
    return verdict
  }

  /// A one-line text for messages and logs.
  public var description: String {
    switch self {
    case .contains(let part): "contains \(quoted(part))"
    case .equals(let whole): "equals \(quoted(whole))"
    case .matches(let pattern): "matches /\(pattern)/"
    case .absent: "absent"
    }
  }
}

/// An assertion checked after a step.
public enum Expectation: Sendable, Equatable {
  /// The output speech.
  case speech(TextMatcher)
  /// The reprompt.
  case reprompt(TextMatcher)
  /// The card: type (`Simple`, `Standard`, `AskForPermissionsConsent`), title and text.
  case card(type: String?, title: TextMatcher?, text: TextMatcher?)
  /// No card.
  case noCard
  /// A directive of this type (`Connections.SendRequest`), with this Connections name
  /// (`Setup`, `Charge`), and payload values at JSON pointers.
  case directive(type: String?, name: String?, payload: [(pointer: String, value: ScalarValue)])
  /// No directive.
  case noDirective
  /// A `Dialog.ElicitSlot` directive that asks for this slot (language v1.1 `require`).
  case elicit(slot: String)
  /// The state that answered the step.
  case state(String)
  /// A conversation variable, in its text form (see ``VariableValue/testText``).
  case variable(path: String, value: ScalarValue?)
  /// Whether the session ended.
  case sessionEnded(Bool)
  /// The current customer's latest order: fields in their text form.
  case order([(field: String, value: ScalarValue)])
  /// The current customer has no order.
  case noOrder
  /// The current customer's open agreement: fields in their text form.
  case agreement([(field: String, value: ScalarValue)])
  /// The current customer has no open agreement.
  case noAgreement

  /// Whether the two values are equal.
  public static func == (lhs: Expectation, rhs: Expectation) -> Bool {
    String(describing: lhs) == String(describing: rhs)
  }
}

/// A scalar expected in a script: its text, and whether it was quoted (a quoted scalar only
/// equals a JSON string).
public struct ScalarValue: Sendable, Equatable, CustomStringConvertible {
  /// The text as written.
  public var text: String
  /// Whether it was written in quotes.
  public var isQuoted: Bool

  /// Creates a scalar.
  public init(_ text: String, isQuoted: Bool = false) {
    self.text = text
    self.isQuoted = isQuoted
  }

  /// A one-line text for messages and logs.
  public var description: String { isQuoted ? quoted(text) : text }

  /// Whether a JSON value equals this scalar: strings by text; numbers, booleans and `null`
  /// by value when the scalar is not quoted.
  public func equals(_ json: JSONValue?) -> Bool {
    switch json {
    case .string(let string)?: return string == text
    case .number(let number)?:
      guard !isQuoted, let expected = Double(text) else { return false }
      return expected == number
    case .bool(let flag)?: return !isQuoted && text == (flag ? "true" : "false")
    case .null?, nil: return !isQuoted && (text == "null" || text == "~")
    default: return false
    }
  }
}

extension VariableValue {
  /// The value as scripts write it: text as is, numbers in digits, `true`/`false`, money as
  /// `9.00 USD`, a product as its id.
  public var testText: String {
    switch self {
    case .string(let text): text
    case .int(let number): String(number)
    case .bool(let flag): flag ? "true" : "false"
    case .money(let money): "\(money.decimalString) \(money.currency)"
    case .product(let id): id
    }
  }
}
