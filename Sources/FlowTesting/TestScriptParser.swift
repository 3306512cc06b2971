public import FlowCompiler
internal import FlowIR
internal import Foundation

/// Reads `*.test.yaml` files into ``TestScript`` values, with located errors rendered like the
/// compiler's (`path:line:col: error: message [test-script]`).
public enum TestScriptParser {
  /// The id of every test-script error (``FlowCompiler/DiagnosticID/testScript``).
  public static let diagnosticId = DiagnosticID.testScript.rawValue

  /// The keys of a step's action, in the order the docs list them.
  public static let actionKeys = [
    "launch", "say", "intent", "pay", "request", "new_session", "user", "permission", "expect",
  ]
  /// The keys of `expect:`.
  public static let expectationKeys = [
    "speech", "reprompt", "card", "directive", "elicit", "state", "variables", "session_ended",
    "order", "agreement",
  ]
  /// The fields an `order:` expectation may check.
  public static let orderFields = [
    "id", "product", "quantity", "amount", "currency", "state", "authorization_reference_id",
    "amazon_authorization_id", "billing_agreement_id",
  ]
  /// The fields an `agreement:` expectation may check.
  public static let agreementFields = ["id", "status"]

  /// Parses a script.
  ///
  /// - Parameter file: The script file.
  /// - Returns: The script, or `nil` with at least one error.
  public static func parse(_ file: SourceFile) -> (script: TestScript?, diagnostics: [Diagnostic]) {
    let loaded = YAMLLoader.load(file)
    var parser = Parser(file: file, diagnostics: loaded.diagnostics)
    guard let root = loaded.root, !loaded.diagnostics.hasErrors else {
      if loaded.diagnostics.isEmpty { parser.error("the test script is empty", at: nil) }
      return (nil, parser.diagnostics)
    }
    let script = parser.script(root)
    return (parser.diagnostics.hasErrors ? nil : script, parser.diagnostics)
  }

  /// Reads and parses a script file (read as ``SourceFileReader`` reads flow files).
  public static func parse(path: String) -> (script: TestScript?, diagnostics: [Diagnostic]) {
    switch SourceFileReader.load(path: path) {
    case .success(let file): return parse(file)
    case .failure(let failure):
      return (
        nil,
        [TestDiagnostics.testScript.report("cannot read '\(path)': \(failure.reason)", at: nil)]
      )
    }
  }

  struct Parser {
    let file: SourceFile
    var diagnostics: [Diagnostic]

    mutating func error(_ message: String, at node: YAMLNode?) {
      diagnostics.append(TestDiagnostics.testScript.report(message, at: node?.range))
    }

    mutating func script(_ root: YAMLNode) -> TestScript? {
      guard let entries = root.mappingEntries else {
        error("a test script is a mapping with 'steps'", at: root)
        return nil
      }
      checkKeys(entries, allowed: ["name", "flow", "locales", "steps"], in: "the test script")
      var name = URL(fileURLWithPath: file.path).lastPathComponent
      if name.hasSuffix(".yaml") { name = String(name.dropLast(5)) }
      if name.hasSuffix(".test") { name = String(name.dropLast(5)) }
      if let node = root["name"] {
        if let text = node.scalar, !text.isEmpty {
          name = text
        } else {
          error("'name' must be a text", at: node)
        }
      }
      var flow: String?
      if let node = root["flow"] {
        if let text = node.scalar, !text.isEmpty {
          flow = text
        } else {
          error("'flow' must be the path of a flow file", at: node)
        }
      }
      var locales: [String]?
      if let node = root["locales"] {
        if let text = node.scalar, !text.isEmpty {
          locales = [text]
        } else if let elements = node.sequenceElements,
          elements.allSatisfy({ $0.scalar != nil })
        {
          locales = elements.compactMap(\.scalar)
        } else {
          error("'locales' must be a locale or a list of locales", at: node)
        }
      }
      guard let stepsNode = root["steps"] else {
        error("missing key 'steps'", at: root)
        return nil
      }
      guard let elements = stepsNode.sequenceElements else {
        error("'steps' must be a list", at: stepsNode)
        return nil
      }
      let steps = elements.compactMap { step($0) }
      return TestScript(file: file, name: name, locales: locales, flow: flow, steps: steps)
    }

    /// Reports keys of `place` that are not texts or not `allowed`, with the compiler's
    /// strict-keys reader.
    mutating func checkKeys(_ entries: [YAMLMappingEntry], allowed: [String], in place: String) {
      let wording = StrictKeys.Wording(
        nonTextKey: { key in
          TestDiagnostics.testScript.report("keys of \(place) must be texts", at: key.range)
        },
        unknownKey: { [file] key, known, range in
          let diagnostic = TestDiagnostics.unknownKey(key, in: place, known: known, at: range)
          guard let hint = Self.commaHint(forKeyAt: range, in: entries, of: file) else {
            return diagnostic
          }
          return diagnostic.with(note: hint, at: range)
        })
      _ = StrictKeys(allowed: allowed).read(entries, wording: wording, into: &diagnostics)
    }

    /// The hint for `{ speech: Thanks, come again }`: inside `{ }` an unquoted comma ends the
    /// text, and what follows it becomes a key without a value. `nil` unless the unknown key
    /// follows a comma, has no value, and the entry before it has a text.
    static func commaHint(
      forKeyAt range: SourceRange, in entries: [YAMLMappingEntry], of file: SourceFile
    )
      -> String?
    {
      guard let index = entries.firstIndex(where: { $0.key.range == range }), index > 0,
        case .scalar(let rest, .plain) = entries[index].key.content,
        case .scalar(let empty, .plain) = entries[index].value.content, empty.isEmpty,
        let previousKey = entries[index - 1].key.scalar,
        case .scalar(let text, .plain) = entries[index - 1].value.content
      else { return nil }
      var offset = range.start.offset - 1
      while offset >= 0, file.bytes[offset] == UInt8(ascii: " ") || file.bytes[offset] == 0x09 {
        offset -= 1
      }
      guard offset >= 0, file.bytes[offset] == UInt8(ascii: ",") else { return nil }
      return "inside '{ }' a comma ends a value unless it is quoted; if the comma belongs to "
        + "the text, write \(previousKey): \(quoted(text + ", " + rest))"
    }

    mutating func step(_ node: YAMLNode) -> TestStep? {
      if let text = node.scalar {
        switch text {
        case "launch": return TestStep(action: .launch, expectations: [], range: node.range)
        case "new_session":
          return TestStep(action: .newSession, expectations: [], range: node.range)
        default:
          error(
            "a step is 'launch', 'new_session' or a mapping such as 'say: …' (found '\(text)')",
            at: node)
          return nil
        }
      }
      guard let entries = node.mappingEntries else {
        error("a step must be a mapping such as 'say: …'", at: node)
        return nil
      }
      let errorsBefore = diagnostics.count
      checkKeys(entries, allowed: TestScriptParser.actionKeys, in: "a step")
      let hasUnknownKeys = diagnostics.count > errorsBefore
      let actions = entries.filter {
        guard let key = $0.key.scalar else { return false }
        return key != "expect" && TestScriptParser.actionKeys.contains(key)
      }
      guard actions.count <= 1 else {
        error("a step has one action; found \(actions.count)", at: actions[1].key)
        return nil
      }
      var expectations: [Expectation] = []
      if let expectNode = node["expect"] {
        expectations = expect(expectNode)
      }
      guard let entry = actions.first else {
        if node["expect"] == nil {
          // An unknown key already said what is wrong with this step.
          if hasUnknownKeys { return nil }
          error("a step needs an action ('launch', 'say', 'intent', 'pay', …)", at: node)
          return nil
        }
        return TestStep(action: .expect, expectations: expectations, range: node.range)
      }
      guard let action = action(key: entry.key.scalar ?? "", value: entry.value) else {
        return nil
      }
      return TestStep(action: action, expectations: expectations, range: entry.key.range)
    }

    func isNull(_ node: YAMLNode) -> Bool {
      guard case .scalar(let text, let style) = node.content, style == .plain else { return false }
      return text.isEmpty || text == "null" || text == "~"
    }

    mutating func text(_ node: YAMLNode, for key: String) -> String? {
      guard let text = node.scalar, !isNull(node) else {
        error("'\(key)' needs a text", at: node)
        return nil
      }
      return text
    }

    mutating func action(key: String, value: YAMLNode) -> TestAction? {
      switch key {
      case "launch":
        if !isNull(value) { error("'launch' takes no value", at: value) }
        return .launch
      case "new_session":
        if !isNull(value) { error("'new_session' takes no value", at: value) }
        return .newSession
      case "say":
        return text(value, for: key).map(TestAction.say)
      case "user":
        return text(value, for: key).map(TestAction.user)
      case "request":
        return text(value, for: key).map { TestAction.request(path: $0) }
      case "permission":
        switch value.scalar {
        case "granted": return .permission(granted: true)
        case "denied": return .permission(granted: false)
        default:
          error("'permission' is 'granted' or 'denied'", at: value)
          return nil
        }
      case "intent":
        return intent(value)
      case "pay":
        return pay(value)
      default:
        return nil
      }
    }

    mutating func intent(_ node: YAMLNode) -> TestAction? {
      if let name = node.scalar, !isNull(node) { return .intent(name: name, slots: [:]) }
      guard let entries = node.mappingEntries else {
        error("'intent' is a name or a mapping with 'name' and 'slots'", at: node)
        return nil
      }
      checkKeys(entries, allowed: ["name", "slots"], in: "'intent'")
      guard let nameNode = node["name"], let name = text(nameNode, for: "name") else {
        if node["name"] == nil { error("missing key 'name' in 'intent'", at: node) }
        return nil
      }
      var slots: [String: String] = [:]
      if let slotsNode = node["slots"] {
        guard let slotEntries = slotsNode.mappingEntries else {
          error("'slots' must map slot names to values", at: slotsNode)
          return nil
        }
        for entry in slotEntries {
          guard let slot = entry.key.scalar, let value = entry.value.scalar else {
            error("a slot value must be a text", at: entry.value)
            continue
          }
          slots[slot] = value
        }
      }
      return .intent(name: name, slots: slots)
    }

    mutating func pay(_ node: YAMLNode) -> TestAction? {
      let usage =
        "'pay' is 'success', 'permission_denied', '{declined: REASON}' or '{error: CODE}'"
      if let text = node.scalar {
        guard let answer = PaymentAnswer(outcomeName: text, code: nil) else {
          error(usage, at: node)
          return nil
        }
        return .pay(answer)
      }
      guard let entries = node.mappingEntries, entries.count == 1,
        let key = entries[0].key.scalar, let value = entries[0].value.scalar, !value.isEmpty
      else {
        error(usage, at: node)
        return nil
      }
      guard let answer = PaymentAnswer(outcomeName: key, code: value) else {
        error(usage, at: entries[0].key)
        return nil
      }
      return .pay(answer)
    }

    // MARK: - Expectations

    mutating func expect(_ node: YAMLNode) -> [Expectation] {
      guard let entries = node.mappingEntries else {
        error("'expect' must be a mapping such as 'speech: …'", at: node)
        return []
      }
      checkKeys(entries, allowed: TestScriptParser.expectationKeys, in: "'expect'")
      var expectations: [Expectation] = []
      for entry in entries {
        guard let key = entry.key.scalar else { continue }
        let value = entry.value
        switch key {
        case "speech":
          if let matcher = textMatcher(value, for: key) { expectations.append(.speech(matcher)) }
        case "reprompt":
          if let matcher = textMatcher(value, for: key) {
            expectations.append(.reprompt(matcher))
          }
        case "card":
          if let card = card(value) { expectations.append(card) }
        case "directive":
          if let directive = directive(value) { expectations.append(directive) }
        case "elicit":
          if let slot = text(value, for: key) { expectations.append(.elicit(slot: slot)) }
        case "state":
          if let state = text(value, for: key) { expectations.append(.state(state)) }
        case "variables":
          guard let variableEntries = value.mappingEntries else {
            error("'variables' must map variable paths to values", at: value)
            continue
          }
          for variable in variableEntries {
            guard let path = variable.key.scalar else { continue }
            expectations.append(
              .variable(path: path, value: isNull(variable.value) ? nil : scalar(variable.value)))
          }
        case "session_ended":
          switch value.scalar {
          case "true": expectations.append(.sessionEnded(true))
          case "false": expectations.append(.sessionEnded(false))
          default: error("'session_ended' is true or false", at: value)
          }
        case "order":
          if isNull(value) || value.scalar == "none" {
            expectations.append(.noOrder)
          } else if let fields = fields(value, allowed: TestScriptParser.orderFields, in: key) {
            expectations.append(.order(fields))
          }
        case "agreement":
          if isNull(value) || value.scalar == "none" {
            expectations.append(.noAgreement)
          } else if let fields = fields(
            value, allowed: TestScriptParser.agreementFields, in: key)
          {
            expectations.append(.agreement(fields))
          }
        default:
          break
        }
      }
      return expectations
    }

    func scalar(_ node: YAMLNode) -> ScalarValue? {
      guard case .scalar(let text, let style) = node.content else { return nil }
      return ScalarValue(text, isQuoted: style != .plain)
    }

    mutating func fields(_ node: YAMLNode, allowed: [String], in key: String) -> [(
      field: String, value: ScalarValue
    )]? {
      guard let entries = node.mappingEntries else {
        error("'\(key)' must be 'none' or a mapping of fields", at: node)
        return nil
      }
      checkKeys(entries, allowed: allowed, in: "'\(key)'")
      var result: [(field: String, value: ScalarValue)] = []
      for entry in entries {
        guard let field = entry.key.scalar, allowed.contains(field) else { continue }
        guard let value = scalar(entry.value) else {
          error("'\(field)' must be a scalar", at: entry.value)
          continue
        }
        result.append((field, value))
      }
      return result
    }

    mutating func textMatcher(_ node: YAMLNode, for key: String) -> TextMatcher? {
      if isNull(node) || (node.scalar == "none" && key != "speech") { return .absent }
      if let text = node.scalar { return .contains(text) }
      guard let entries = node.mappingEntries, entries.count == 1,
        let kind = entries[0].key.scalar, let value = entries[0].value.scalar
      else {
        error("'\(key)' is a text or one of 'contains', 'equals', 'matches'", at: node)
        return nil
      }
      switch kind {
      case "contains": return .contains(value)
      case "equals": return .equals(value)
      case "matches":
        guard (try? NSRegularExpression(pattern: value)) != nil else {
          error("'\(value)' is not a valid regular expression", at: entries[0].value)
          return nil
        }
        return .matches(value)
      default:
        error("'\(key)' is a text or one of 'contains', 'equals', 'matches'", at: entries[0].key)
        return nil
      }
    }

    mutating func card(_ node: YAMLNode) -> Expectation? {
      if isNull(node) || node.scalar == "none" { return .noCard }
      guard let entries = node.mappingEntries else {
        error("'card' is 'none' or a mapping with 'type', 'title', 'text'", at: node)
        return nil
      }
      checkKeys(entries, allowed: ["type", "title", "text"], in: "'card'")
      var type: String?
      if let typeNode = node["type"] { type = text(typeNode, for: "type") }
      let title = node["title"].flatMap { textMatcher($0, for: "title") }
      let text = node["text"].flatMap { textMatcher($0, for: "text") }
      return .card(type: type, title: title, text: text)
    }

    mutating func directive(_ node: YAMLNode) -> Expectation? {
      if isNull(node) || node.scalar == "none" { return .noDirective }
      if let text = node.scalar {
        return text.contains(".")
          ? .directive(type: text, name: nil, payload: [])
          : .directive(type: nil, name: text, payload: [])
      }
      guard let entries = node.mappingEntries else {
        error(
          "'directive' is 'none', a name, or a mapping with 'type', 'name', 'payload'", at: node)
        return nil
      }
      checkKeys(entries, allowed: ["type", "name", "payload"], in: "'directive'")
      let type = node["type"].flatMap { text($0, for: "type") }
      let name = node["name"].flatMap { text($0, for: "name") }
      var payload: [(pointer: String, value: ScalarValue)] = []
      if let payloadNode = node["payload"] {
        guard let pointerEntries = payloadNode.mappingEntries else {
          error("'payload' must map JSON pointers to values", at: payloadNode)
          return nil
        }
        for entry in pointerEntries {
          guard let pointer = entry.key.scalar, pointer.isEmpty || pointer.hasPrefix("/") else {
            error("a JSON pointer starts with '/'", at: entry.key)
            continue
          }
          guard let value = scalar(entry.value) else {
            error("a payload value must be a scalar", at: entry.value)
            continue
          }
          payload.append((pointer, value))
        }
      }
      return .directive(type: type, name: name, payload: payload)
    }
  }
}
