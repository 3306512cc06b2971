import FlowCompiler
import Foundation
import Testing

@testable import FlowTesting

@Suite struct TestScriptParserTests {
  @Test func readsEveryStepAndAssertion() throws {
    let script = try parseScript(
      """
      name: everything
      locales: en-US
      steps:
        - launch
        - say: buy a kit
          expect:
            speech: { equals: "That is 1 Starter Kit." }
            reprompt: none
            card: { type: Simple, title: Hi, text: { matches: "^Sh" } }
            directive: { type: Connections.SendRequest, name: Setup, payload: { /sellerId: "A1", /transactionTimeout: 0 } }
            state: confirm_order
            variables: { quantity: 1, payment.error: null }
            session_ended: false
            order: { state: pending, amount: "9.00" }
            agreement: none
        - intent: { name: BuyIntent, slots: { product: kit, quantity: 2 } }
        - intent: AMAZON.YesIntent
        - pay: success
        - pay: { declined: AmazonRejected }
        - pay: permission_denied
        - pay: { error: InvalidSellerId }
        - request: raw.json
        - new_session
        - user: bob
        - permission: denied
        - expect: { card: none, directive: none, order: none }
      """)
    #expect(script.name == "everything")
    #expect(script.locales == ["en-US"])
    #expect(
      script.steps.map(\.action) == [
        .launch, .say("buy a kit"),
        .intent(name: "BuyIntent", slots: ["product": "kit", "quantity": "2"]),
        .intent(name: "AMAZON.YesIntent", slots: [:]), .pay(.success),
        .pay(.declined(reason: "AmazonRejected")), .pay(.permissionDenied),
        .pay(.error(code: "InvalidSellerId")), .request(path: "raw.json"), .newSession,
        .user("bob"), .permission(granted: false), .expect,
      ])
    let expectations = script.steps[1].expectations
    #expect(expectations.count == 10)
    #expect(expectations.contains(.speech(.equals("That is 1 Starter Kit."))))
    #expect(expectations.contains(.reprompt(.absent)))
    #expect(expectations.contains(.state("confirm_order")))
    #expect(expectations.contains(.variable(path: "payment.error", value: nil)))
    #expect(expectations.contains(.noAgreement))
    #expect(script.steps[12].expectations == [.noCard, .noDirective, .noOrder])
    // The step's range points at its action key.
    #expect(script.steps[1].range?.start.line == 5)
    #expect(script.steps[1].range?.start.column == 5)
  }

  static let errors: [(String, String, Int, Int)] = [
    ("steps:\n  - sya: hello\n", "unknown key 'sya' in a step", 2, 5),
    (
      "steps:\n  - say: hi\n    expect: { speach: hi }\n",
      "unknown key 'speach' in 'expect'", 3, 15
    ),
    (
      "steps:\n  - pay: maybe\n",
      "'pay' is 'success', 'permission_denied', '{declined: REASON}' or '{error: CODE}'", 2, 10
    ),
    ("steps:\n  - say: a\n    pay: success\n", "a step has one action; found 2", 3, 5),
    (
      "steps:\n  - launch\n  - expect: { speech: { matches: '(' } }\n",
      "'(' is not a valid regular expression", 3, 34
    ),
    ("name: x\n", "missing key 'steps'", 1, 1),
    ("steps: 3\n", "'steps' must be a list", 1, 8),
    ("- launch\n", "a test script is a mapping with 'steps'", 1, 1),
    (
      "steps:\n  - dance\n",
      "a step is 'launch', 'new_session' or a mapping such as 'say: …' (found 'dance')", 2, 5
    ),
    ("steps:\n  - permission: maybe\n", "'permission' is 'granted' or 'denied'", 2, 17),
  ]

  @Test(arguments: errors)
  func reportsLocatedErrors(text: String, message: String, line: Int, column: Int) {
    let (script, diagnostics) = TestScriptParser.parse(
      SourceFile(path: "bad.test.yaml", text: text))
    #expect(script == nil)
    let first = diagnostics.first
    #expect(first?.message == message)
    #expect(first?.id == TestScriptParser.diagnosticId)
    #expect(first?.range?.start.line == line)
    #expect(first?.range?.start.column == column)
  }

  @Test func suggestsAKeyInANoteLikeTheCompiler() throws {
    let (_, diagnostics) = TestScriptParser.parse(
      SourceFile(
        path: "bad.test.yaml", text: "steps:\n  - say: hi\n    expect: { speach: hi }\n"))
    let first = try #require(diagnostics.first)
    #expect(first.notes.map(\.message) == ["did you mean 'speech'?"])
  }

  @Test func rendersErrorsLikeTheCompiler() throws {
    let file = SourceFile(path: "bad.test.yaml", text: "steps:\n  - sya: hello\n")
    let (_, diagnostics) = TestScriptParser.parse(file)
    let text = TextDiagnosticRenderer().render(
      DiagnosticReport(files: [FileDiagnostics(file: file, diagnostics: diagnostics)]))
    #expect(
      text == """
        bad.test.yaml:2:5: error: unknown key 'sya' in a step [test-script]
          - sya: hello
            ^~~
        bad.test.yaml: note: did you mean 'say'?

        """)
  }

  @Test func yamlErrorsComeFromTheLoader() {
    let (script, diagnostics) = TestScriptParser.parse(
      SourceFile(path: "bad.test.yaml", text: "steps:\n  - say: [unclosed\n"))
    #expect(script == nil)
    #expect(diagnostics.hasErrors)
    #expect(diagnostics.first?.range != nil)
  }

  @Test func hostileInputNeverCrashes() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<200 {
      let bytes = (0..<Int.random(in: 0..<200, using: &generator)).map { _ in
        UInt8.random(in: 0...255, using: &generator)
      }
      _ = TestScriptParser.parse(SourceFile(path: "random.test.yaml", bytes: bytes))
    }
    let deep = String(repeating: "[", count: 5000)
    let (script, diagnostics) = TestScriptParser.parse(
      SourceFile(path: "deep.test.yaml", text: deep))
    #expect(script == nil)
    #expect(diagnostics.hasErrors)
    let (empty, emptyDiagnostics) = TestScriptParser.parse(
      SourceFile(path: "empty.test.yaml", text: ""))
    #expect(empty == nil)
    #expect(emptyDiagnostics.hasErrors)
  }

  @Test func theSchemaIsJSONAndNamesEveryKeyTheParserKnows() throws {
    let schema = try JSONSerialization.jsonObject(with: Data(TestScriptSchema.json.utf8))
    let text = TestScriptSchema.json
    for key in TestScriptParser.actionKeys + TestScriptParser.expectationKeys
      + TestScriptParser.orderFields
    {
      #expect(text.contains("\"\(key)\""), "the schema does not mention '\(key)'")
    }
    #expect((schema as? [String: Any])?["required"] as? [String] == ["steps"])
  }

  @Test func anUnquotedCommaInsideBracesGetsAHint() throws {
    let (script, diagnostics) = TestScriptParser.parse(
      SourceFile(
        path: "comma.test.yaml",
        text: "steps:\n  - launch:\n    expect: { speech: Welcome, come again }\n"))
    #expect(script == nil)
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic.message == "unknown key 'come again' in 'expect'")
    #expect(
      diagnostic.notes.map(\.message).contains(
        "inside '{ }' a comma ends a value unless it is quoted; if the comma belongs to the "
          + "text, write speech: \"Welcome, come again\""))
    // A misspelt key in braces is not a comma problem.
    let (_, typo) = TestScriptParser.parse(
      SourceFile(
        path: "typo.test.yaml", text: "steps:\n  - launch:\n    expect: { speech: Hi, staet: a }\n")
    )
    #expect(typo.first?.notes.contains { $0.message.contains("comma") } == false)
  }
}
