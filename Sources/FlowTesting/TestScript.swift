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
    guard let flow else { return true }
    let directory = URL(fileURLWithPath: file.path).deletingLastPathComponent()
    let named = URL(fileURLWithPath: flow, relativeTo: directory).standardizedFileURL
      .resolvingSymlinksInPath()
    let given = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    return named.path == given.path
  }

  /// Creates a script.
  public init(
    file: SourceFile, name: String, locales: [String]?, flow: String? = nil, steps: [TestStep]
  ) {
    self.file = file
    self.name = name
    self.locales = locales
    self.flow = flow
    self.steps = steps
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

  /// Creates a step.
  public init(action: TestAction, expectations: [Expectation], range: SourceRange?) {
    self.action = action
    self.expectations = expectations
    self.range = range
  }
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

/// How Amazon Pay answers a Setup or Charge.
public enum PaymentAnswer: Sendable, Equatable, CustomStringConvertible {
  /// Setup: an open billing agreement; Charge: authorized and captured.
  case success
  /// Charge only: the authorization was declined with this reason code.
  case declined(reason: String)
  /// The customer has not enabled Amazon Pay or voice purchasing.
  case permissionDenied
  /// An error with this code (`InvalidSellerId`, `RequestThrottled`, …).
  case error(code: String)

  /// The outcome as written in a script (`success`, `declined AmazonRejected`, …).
  public var description: String {
    switch self {
    case .success: "success"
    case .declined(let reason): "declined \(reason)"
    case .permissionDenied: "permission_denied"
    case .error(let code): "error \(code)"
    }
  }

  /// Reads `success`, `permission_denied`, `declined [REASON]` or `error [CODE]`.
  public init?(words text: String) {
    let parts = text.split(whereSeparator: \.isWhitespace).map(String.init)
    switch (parts.first?.lowercased(), parts.count) {
    case ("success", 1): self = .success
    case ("permission_denied", 1): self = .permissionDenied
    case ("declined", 1): self = .declined(reason: "AmazonRejected")
    case ("declined", 2): self = .declined(reason: parts[1])
    case ("error", 1): self = .error(code: "InternalServerError")
    case ("error", 2): self = .error(code: parts[1])
    default: return nil
    }
  }
}

/// How a text is compared.
public enum TextMatcher: Sendable, Equatable, CustomStringConvertible {
  /// The text contains this.
  case contains(String)
  /// The text is exactly this.
  case equals(String)
  /// The text matches this regular expression (anywhere).
  case matches(String)
  /// There is no text.
  case absent

  /// Whether the actual text satisfies the matcher.
  public func accepts(_ actual: String?) -> Bool {
    switch self {
    case .absent: return actual == nil
    case .contains(let part): return actual?.contains(part) ?? false
    case .equals(let whole): return actual == whole
    case .matches(let pattern):
      guard let actual, let regex = try? Regex(pattern) else { return false }
      return (try? regex.firstMatch(in: actual)) != nil
    }
  }

  public var description: String {
    switch self {
    case .contains(let part): "contains \(quoted(part))"
    case .equals(let whole): "equals \(quoted(whole))"
    case .matches(let pattern): "matches /\(pattern)/"
    case .absent: "absent"
    }
  }
}

func quoted(_ text: String) -> String {
  var result = "\""
  for character in text {
    switch character {
    case "\"": result += "\\\""
    case "\\": result += "\\\\"
    case "\n": result += "\\n"
    case "\t": result += "\\t"
    default: result.append(character)
    }
  }
  return result + "\""
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
