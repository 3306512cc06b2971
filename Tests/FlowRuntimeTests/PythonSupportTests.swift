import FlowIR
import FlowTestSupport
import Foundation
import Testing

@testable import FlowRuntime

/// The Python support module of `flowc generate ask-python`
/// (`Sources/FlowGenerators/AskPython/Resources/flowc_support.py`) against the runtime it copies:
/// each test asks the module (through `Tests/Conformance/python-support/oracle.py`) the same
/// questions the runtime answers here, and the answers must be equal, byte for byte where the
/// runtime's output is bytes. The store's own rules are tested in Python
/// (`test_flowc_support.py`, run from here with `python -m unittest`).
///
/// Needs the conformance venv's python with `ask-sdk-core` (`FLOWC_PYTHON`, as
/// `scripts/conformance-venv.sh` makes it): without it the tests are skipped, never passed.
enum PythonSupport {
  /// The venv's python, when it can import the ASK SDK.
  static let python: URL? = {
    guard let python = Tooling.conformancePython,
      let run = try? TestProcess.run(python, ["-c", "import ask_sdk_core"], timeout: 60),
      run.status == 0
    else { return nil }
    return python
  }()

  /// The folder of `flowc_support.py` and `local_runner.py`.
  static let resources = Golden.repositoryRoot.appendingPathComponent(
    "Sources/FlowGenerators/AskPython/Resources")
  /// The folder of the Python side of these tests.
  static let harness = Golden.repositoryRoot.appendingPathComponent(
    "Tests/Conformance/python-support")
}

/// The support module's answers, compared with the runtime's.
@Suite(.enabled(if: PythonSupport.python != nil, "needs FLOWC_PYTHON with ask-sdk-core"))
struct PythonSupportTests {
  static let resources = PythonSupport.resources
  static let harness = PythonSupport.harness
  static let python = PythonSupport.python

  /// The IR of each example (the compiler goldens).
  static func examplePrograms() throws -> [FlowProgram] {
    let folder = Golden.repositoryRoot.appendingPathComponent("Tests/TestData/compiler/ir")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    return try names.map {
      try FlowProgram.decode(fromJSON: Data(contentsOf: folder.appendingPathComponent($0)))
    }
  }

  /// Asks the oracle: one answer per case, in order.
  static func ask(_ cases: [JSONValue], programs: [FlowProgram] = []) throws -> [JSONValue] {
    let python = try #require(python)
    let irs = try programs.map {
      try CanonicalJSON.decode(JSONValue.self, from: $0.encodedJSON())
    }
    let input = try CanonicalJSON.compact(
      JSONValue.object(["programs": .array(irs), "cases": .array(cases)]))
    let run = try TestProcess.run(
      python,
      [harness.appendingPathComponent("oracle.py").path, resources.path], stdin: input,
      timeout: 120)
    try #require(run.status == 0, "oracle failed: \(run)")
    let answers = try CanonicalJSON.decode([JSONValue].self, from: run.stdoutBytes)
    try #require(answers.count == cases.count)
    return answers
  }

  /// Compares the oracle's answers with the runtime's, naming each mismatch.
  static func expectEqual(
    _ cases: [(label: String, question: JSONValue, expected: JSONValue)],
    programs: [FlowProgram] = [], sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let answers = try ask(cases.map(\.question), programs: programs)
    var mismatches: [String] = []
    for (index, testCase) in cases.enumerated() where answers[index] != testCase.expected {
      let got = String(decoding: try CanonicalJSON.compact(answers[index]), as: UTF8.self)
      let want = String(decoding: try CanonicalJSON.compact(testCase.expected), as: UTF8.self)
      mismatches.append("\(testCase.label):\n  python:  \(got)\n  runtime: \(want)")
    }
    let report = mismatches.prefix(20).joined(separator: "\n")
    #expect(
      mismatches.isEmpty, "\(mismatches.count) of \(cases.count) differ:\n\(report)",
      sourceLocation: sourceLocation)
  }

  static func text(_ data: Data) -> JSONValue { .string(String(decoding: data, as: UTF8.self)) }

  // MARK: - Canonical JSON

  static let awkwardStrings = [
    "", "plain", "quote \" backslash \\ slash /", "\u{0}\u{1}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1F}",
    "del \u{7F} nbsp \u{A0} line \u{2028} para \u{2029}", "é日本😀", "<speak>&amp;</speak>",
    "\u{FEFF}bom", "tab\tend",
  ]

  static let numbers: [Double] = [
    0, -0.0, 1, -1, 2.5, -3.25, 0.1, 0.0001, 0.00012345, 1e-5, -2.5e-7, 2.2250738585072014e-308,
    123_456_789_012.5, 999_999_999_999_999, 1e15, -1e15, 1e15 + 2, 4_503_599_627_370_496.5,
    9_007_199_254_740_992, 9_007_199_254_740_994, 9.1e15, 9.99e15, 1e16, 1.5e16,
    18_014_398_509_481_984, 18_014_398_509_481_988, 1e17,
    1.5e300, 1.7976931348623157e308, 0.3, 2.0 / 3.0, 1e21, 1e22, 123e-20,
  ]

  @Test func canonicalJSONIsTheRuntimes() throws {
    var values: [JSONValue] = Self.awkwardStrings.map(JSONValue.string)
    values += Self.numbers.map(JSONValue.number)
    values.append(
      .object(Dictionary(uniqueKeysWithValues: Self.awkwardStrings.map { ($0, .null) })))
    values.append(
      .object(
        Dictionary(
          uniqueKeysWithValues: [
            "b", "a", "B", "é", "aa", "a b", "😀", "Z", "_", "1", "10", "9", "~",
          ]
          .enumerated().map { ($1, .number(Double($0))) })))
    values.append(.array([.bool(true), .bool(false), .null, .array([]), .object([:])]))
    values.append(
      .object(["nested": .object(["list": .array(Self.numbers.prefix(6).map(JSONValue.number))])])
    )
    let cases = try values.map { value in
      let bytes = try CanonicalJSON.compact(value)
      return (
        label: String(decoding: bytes, as: UTF8.self),
        question: JSONValue.object(["kind": .string("canonical"), "json": Self.text(bytes)]),
        expected: Self.text(bytes)
      )
    }
    // JSON written otherwise (white space, escapes, key order, exponents) comes out canonical.
    let others = [
      "{ \"b\" : [1, 2.50, 1E2, -0.0, 1e-7], \"a\": \"\\u00e9\\/\\t\" }",
      "[\"\\ud83d\\ude00\", 10000000000000000, 1.0, 100e-2]",
    ]
    let rewritten = try others.map { text in
      let value = try CanonicalJSON.decode(JSONValue.self, from: Data(text.utf8))
      return (
        label: text,
        question: JSONValue.object(["kind": .string("canonical"), "json": .string(text)]),
        expected: Self.text(try CanonicalJSON.compact(value))
      )
    }
    try Self.expectEqual(cases + rewritten)
  }

  // MARK: - Money, SSML, messages

  @Test func moneyIsSpokenAsTheRuntimeSpeaksIt() throws {
    let locales =
      Array(MoneyFormatter.conventions.keys).sorted() + [
        "de-AT", "en-NZ", "fr-BE", "pt-PT", "xx-YY", "de_DE", "en", "",
      ]
    let currencies = ["USD", "EUR", "GBP", "JPY", "CAD", "AUD", "INR", "MXN", "BRL", "CHF"]
    let amounts: [Int64] = [
      0, 1, 9, 10, 99, 100, 900, 1_234, 12_345, 123_456, 1_234_567, 12_345_678, 123_456_789_012,
      -1, -900, -123_456_789, 999_999_999_999_999,
    ]
    var cases: [(label: String, question: JSONValue, expected: JSONValue)] = []
    for locale in locales {
      for currency in currencies {
        for amount in amounts {
          let money = Money(minorUnits: amount, currency: currency)
          cases.append(
            (
              "\(amount) \(currency) in \(locale)",
              .object([
                "kind": .string("money"), "minor": .number(Double(amount)),
                "currency": .string(currency),
                "locale": .string(locale),
              ]), .string(MoneyFormatter.format(money, locale: locale))
            ))
        }
      }
    }
    for currency in currencies {
      for amount in amounts {
        cases.append(
          (
            "decimal \(amount) \(currency)",
            .object([
              "kind": .string("decimal"), "minor": .number(Double(amount)),
              "currency": .string(currency),
            ]), .string(Money(minorUnits: amount, currency: currency).decimalString)
          ))
      }
    }
    try Self.expectEqual(cases)
  }

  @Test func ssmlEscapingAndOrderIdsAreTheRuntimes() throws {
    let texts =
      Self.awkwardStrings + [
        "NN-K7M4-RA92", "K7M4RA92", "--", "a_b-c", "-lead", "trail-", "<b>&'\"", "A&B-C<D",
        "  <speak> hi &amp; bye </speak>  ", "<speak>x</speak>", "no <tag attr=\">\">end",
        "&lt;&gt;&quot;&apos;&amp;amp;", "\n <speak>\n", "<say-as>12</say-as> &amp; more",
      ]
    let cases = texts.map { text in
      (
        label: text, question: JSONValue.object(["kind": .string("text"), "text": .string(text)]),
        expected: JSONValue.object([
          "escape": .string(SpeechRenderer.escapeXML(text)),
          "orderId": .string(OrderIdSpeech.ssml(text)),
          "plain": .string(SpeechRenderer.plainText(ofSSML: text)),
          "strip": .string(SpeechRenderer.stripSpeakElement(text)),
        ])
      )
    }
    try Self.expectEqual(cases)
  }

  @Test func runtimeMessagesAreTheRuntimes() throws {
    let locales = [
      "en-US", "en-GB", "de-DE", "fr-CA", "it-IT", "es-MX", "ja-JP", "pt-BR", "DE_de", "",
    ]
    var cases: [(label: String, question: JSONValue, expected: JSONValue)] = []
    for locale in locales {
      let messages: [(String, ConversationTurn.RuntimeMessage)] = [
        ("payment_not_found", .paymentNotFound), ("flow_changed", .flowChanged),
        ("broken_flow", .brokenFlow),
      ]
      for (name, message) in messages {
        let envelope = ConversationTurn.endWithMessage(message, locale: locale)
        cases.append(
          (
            "\(name) in \(locale)",
            .object([
              "kind": .string("message"), "message": .string(name), "locale": .string(locale),
            ]),
            .string(envelope.response.outputSpeech?.content ?? "")
          ))
      }
    }
    try Self.expectEqual(cases)
  }

  @Test func promptsRenderAsTheRuntimeRendersThem() throws {
    let programs = try Self.examplePrograms()
    var cases: [(label: String, question: JSONValue, expected: JSONValue)] = []
    for (index, program) in programs.enumerated() {
      for product in program.products {
        let variableSets: [[String: VariableValue]] = [
          [:],
          [
            "product": .product(product.id), "quantity": .int(3),
            "order.id": .string("NN-K7M4-RA92"), "agreement.open": .bool(true),
            "payment.error": .string("<Declined & \"Closed\">"),
            "shipping.name": .string("Ann & Bob's <flat>"),
          ],
        ]
        for variables in variableSets {
          for locale in program.prompts.keys.sorted() + ["xx-XX"] {
            let scope = TurnVariables(program: program, variables: variables, locale: locale)
            let renderer = SpeechRenderer(
              scope: scope, formatMoney: { MoneyFormatter.format($0, locale: $1) })
            for promptId in (program.prompts[locale] ?? [:]).keys.sorted() + ["missing"] {
              let speech = renderer.speech(promptId).flatMap { SpeechRenderer.outputSpeech([$0]) }
              let speechJSON = try speech.map {
                try CanonicalJSON.decode(JSONValue.self, from: CanonicalJSON.compact($0))
              }
              cases.append(
                (
                  "\(program.skill.name) \(locale) \(promptId) \(variables.count)",
                  .object([
                    "kind": .string("render"), "program": .number(Double(index)),
                    "prompt": .string(promptId), "locale": .string(locale),
                    "variables": .object(try variables.mapValues { try $0.jsonValue() }),
                  ]),
                  .object([
                    "speech": speechJSON ?? .null, "card": .string(renderer.cardText(promptId)),
                  ])
                ))
            }
          }
        }
      }
    }
    try Self.expectEqual(cases, programs: programs)
  }

  // MARK: - Conditions

  @Test func comparisonsHoldAsTheRuntimesConditions() throws {
    let program = try #require(try Self.examplePrograms().first)
    let values: [VariableValue?] = [
      nil, .int(1), .int(2), .int(-5), .string("a"), .string("b"), .string("é"), .string("A"),
      .bool(true), .bool(false), .money(Money(minorUnits: 900, currency: "USD")),
      .money(Money(minorUnits: 1800, currency: "USD")),
      .money(Money(minorUnits: 900, currency: "EUR")), .product("starter_kit"),
      .string("starter_kit"), .product("other"),
    ]
    var cases: [(label: String, question: JSONValue, expected: JSONValue)] = []
    let operators: [ComparisonOperator] = [
      .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual,
    ]
    for op in operators {
      for left in values {
        for right in values {
          var variables: [String: VariableValue] = [:]
          variables["l"] = left
          variables["r"] = right
          let holds = TurnVariables(program: program, variables: variables, locale: "en-US")
            .holds(.compare(op, .path("l"), .path("r")))
          cases.append(
            (
              "\(String(describing: left)) \(op.rawValue) \(String(describing: right))",
              .object([
                "kind": .string("compare"), "op": .string(op.rawValue),
                "left": try left.map { try $0.jsonValue() } ?? .null,
                "right": try right.map { try $0.jsonValue() } ?? .null,
              ]), .bool(holds)
            ))
        }
      }
    }
    try Self.expectEqual(cases)
  }

  // MARK: - Sealed session attributes

  static let key = Data((0..<32).map { UInt8($0 &* 7 &+ 3) })
  static let user = "amzn1.ask.account.SHOPPER"
  static let session = "amzn1.echo-api.session.1"

  static func sessionStates() -> [SessionState] {
    [
      SessionState(flowHash: "sha256:abc", state: "welcome", locale: "en-US", variables: [:]),
      SessionState(
        flowHash: "sha256:abc", state: "confirm", locale: "de-DE",
        variables: [
          "quantity": .int(3), "agreement.open": .bool(false), "product": .product("kit"),
          "order.id": .string("NN-K7M4-RA92"), "payment.error": .string("é \" \\ / \n"),
          "order.total": .money(Money(minorUnits: -999_999_999_999_999, currency: "JPY")),
          "_charge_attempt": .int(999_999_999_999_999), "slot.x.spoken": .string("😀"),
        ]),
    ]
  }

  @Test func sealsOpenOnTheOtherSide() throws {
    let seal = SessionSeal(key: Self.key)
    var cases: [(label: String, question: JSONValue, expected: JSONValue)] = []
    // Sealed by the runtime, opened by Python.
    for state in Self.sessionStates() {
      let attributes = try seal.attributes(for: state, userId: Self.user, sessionId: Self.session)
      let content = try #require(state.sessionAttributes()[SessionState.attributeKey])
      func open(
        _ attributes: [String: JSONValue], user: String = Self.user, flow: String = "sha256:abc"
      )
        -> JSONValue
      {
        .object([
          "kind": .string("open"), "key": .string(Self.key.base64EncodedString()),
          "attributes": .object(attributes), "user": .string(user),
          "session": .string(Self.session), "flow_hash": .string(flow),
        ])
      }
      cases.append(
        (
          "open \(state.state)", open(attributes),
          .object(["kind": .string("sealed"), "state": content])
        ))
      cases.append(
        (
          "another customer", open(attributes, user: "amzn1.ask.account.OTHER"),
          .object(["kind": .string("refused"), "refusal": .string("tampered")])
        ))
      cases.append(
        (
          "another flow", open(attributes, flow: "sha256:def"),
          .object(["kind": .string("refused"), "refusal": .string("unknown_flow")])
        ))
      guard case .object(var sealed)? = attributes[SessionState.attributeKey] else {
        Issue.record("no flowc attribute")
        continue
      }
      sealed["state"] = .string("checkout")
      cases.append(
        (
          "tampered state", open([SessionState.attributeKey: .object(sealed)]),
          .object(["kind": .string("refused"), "refusal": .string("tampered")])
        ))
      sealed.removeValue(forKey: SessionSeal.sealMember)
      cases.append(
        (
          "unsealed", open([SessionState.attributeKey: .object(sealed)]),
          .object(["kind": .string("refused"), "refusal": .string("unsealed")])
        ))
      cases.append(
        (
          "not an object", open([SessionState.attributeKey: .string("x")]),
          .object(["kind": .string("refused"), "refusal": .string("unsealed")])
        ))
      cases.append(("absent", open(["other": .bool(true)]), .object(["kind": .string("absent")])))
    }
    // What the runtime says about each of those, for the record.
    for (label, question, expected) in cases {
      guard case .object(let fields) = question,
        case .object(let attributes)? = fields["attributes"],
        case .string(let user)? = fields["user"], case .string(let flow)? = fields["flow_hash"]
      else { continue }
      let opening = seal.open(attributes, userId: user, sessionId: Self.session, flowHash: flow)
      #expect(Self.describe(opening) == expected, "runtime disagrees with the test: \(label)")
    }
    try Self.expectEqual(cases)
  }

  static func describe(_ opening: SessionOpening) -> JSONValue {
    switch opening {
    case .absent: .object(["kind": .string("absent")])
    case .refused(let reason):
      .object(["kind": .string("refused"), "refusal": .string(reason.rawValue)])
    case .sealed(let state):
      .object([
        "kind": .string("sealed"),
        "state": (try? state.sessionAttributes()[SessionState.attributeKey]) ?? .null,
      ])
    }
  }

  @Test func pythonSealsOpenInTheRuntime() throws {
    let seal = SessionSeal(key: Self.key)
    var questions: [JSONValue] = try Self.sessionStates().map { state in
      .object([
        "kind": .string("seal"), "key": .string(Self.key.base64EncodedString()),
        "flow_hash": .string(state.flowHash), "state": .string(state.state),
        "locale": .string(state.locale),
        "variables": .object(try state.variables.mapValues { try $0.jsonValue() }),
        "user": .string(Self.user), "session": .string(Self.session),
      ])
    }
    // Sealed content that is not a conversation state: the runtime calls it malformed.
    questions.append(
      .object([
        "kind": .string("sealRaw"), "key": .string(Self.key.base64EncodedString()),
        "content": .object(["flow_hash": .string("sha256:abc"), "state": .number(3)]),
        "user": .string(Self.user), "session": .string(Self.session),
      ]))
    let answers = try Self.ask(questions)
    for (state, answer) in zip(Self.sessionStates(), answers) {
      guard case .object(let attributes) = answer else {
        Issue.record("not attributes: \(answer)")
        continue
      }
      // Byte for byte what the runtime seals (the seal is deterministic for a key).
      let expected = try seal.attributes(for: state, userId: Self.user, sessionId: Self.session)
      #expect(attributes == expected)
      #expect(
        seal.open(attributes, userId: Self.user, sessionId: Self.session, flowHash: state.flowHash)
          == .sealed(state))
      #expect(
        seal.open(attributes, userId: Self.user, sessionId: "another", flowHash: state.flowHash)
          == .refused(.tampered))
      #expect(
        SessionSeal(key: Data(repeating: 1, count: 32)).open(
          attributes, userId: Self.user, sessionId: Self.session, flowHash: state.flowHash)
          == .refused(.tampered))
    }
    guard case .object(let malformed)? = answers.last else { return }
    #expect(
      seal.open(malformed, userId: Self.user, sessionId: Self.session, flowHash: "sha256:abc")
        == .refused(.malformed))
  }

  // MARK: - Amazon Pay

  @Test func payloadsRenderAsTheRuntimeRendersThem() throws {
    let programs = try Self.examplePrograms()
    var cases: [(label: String, question: JSONValue, expected: JSONValue)] = []
    for (index, program) in programs.enumerated() {
      let templates = program.states.values.sorted { $0.id < $1.id }.compactMap { state in
        if case .connections(let connections) = state.kind { return connections.task.payload }
        return nil
      }
      let currency = program.merchant?.ledgerCurrency ?? "USD"
      var variableSets: [[String: VariableValue]] = [[:]]
      for product in program.products {
        for quantity: Int64 in [1, 2, 99, 0, 100_000_000] {
          variableSets.append([
            "product": .product(product.id), "quantity": .int(quantity),
            "agreement.id": .string("B01-1234567-1234567"), "order.id": .string("NN-K7M4-RA92"),
          ])
        }
        variableSets.append(["product": .string(product.id), "agreement.id": .int(7)])
      }
      variableSets.append([
        "product": .product("unknown"),
        "order.total": .money(Money(minorUnits: 5, currency: currency)),
      ])
      variableSets.append(["order.total": .string("9.00")])
      let identifiers: [(String?, String?)] = [
        ("NN-K7M4-RA92", "K7M4-RA92-1-abcdefghijklmnopqrst"), (nil, nil),
        ("bad id!", "ok"), ("ok", String(repeating: "x", count: 33)),
      ]
      for template in templates {
        for variables in variableSets {
          for (orderId, reference) in identifiers {
            let scope = TurnVariables(program: program, variables: variables, locale: "en-US")
            let context = PayloadRenderContext(
              resolve: { scope.value(of: $0) }, orderId: orderId,
              authorizationReferenceId: reference)
            let expected: JSONValue
            do {
              let payload = try AmazonPayProfile.renderPayload(
                template, program: program, context: context)
              expected = .object([
                "payload": try CanonicalJSON.decode(
                  JSONValue.self, from: CanonicalJSON.compact(payload))
              ])
            } catch {
              expected = .object(["error": .bool(true)])
            }
            var question: [String: JSONValue] = [
              "kind": .string("payload"), "program": .number(Double(index)),
              "locale": .string("en-US"),
              "template": try CanonicalJSON.decode(
                JSONValue.self, from: CanonicalJSON.compact(template)),
              "variables": .object(try variables.mapValues { try $0.jsonValue() }),
            ]
            question["order_id"] = orderId.map(JSONValue.string)
            question["reference"] = reference.map(JSONValue.string)
            cases.append(
              ("\(program.skill.name) \(variables) \(orderId ?? "-")", .object(question), expected))
          }
        }
      }
    }
    try Self.expectEqual(cases, programs: programs)
  }

  static func describe(_ outcome: ConnectionsOutcome) throws -> JSONValue {
    var view: [String: JSONValue] = [
      "outcome": .string(outcome.outcome.rawValue),
      "amazonAlreadySpoke": .bool(outcome.amazonAlreadySpoke),
      "variables": .object(try outcome.variables.mapValues { try $0.jsonValue() }),
    ]
    view["billingAgreementId"] = outcome.billingAgreementId.map(JSONValue.string)
    view["billingAgreementStatus"] = outcome.billingAgreementStatus.map { .string($0.rawValue) }
    view["amazonAuthorizationId"] = outcome.amazonAuthorizationId.map(JSONValue.string)
    view["orderState"] = outcome.orderState.map { .string($0.rawValue) }
    view["reviewProblem"] = outcome.reviewProblem.map { .string($0.rawValue) }
    return .object(view)
  }

  /// Every row of the response table, malformed answers, and every reconciliation problem.
  static func connectionsResponses() -> [ConnectionsResponseSummary] {
    var summaries: [ConnectionsResponseSummary] = []
    let questions: [PaymentQuestion?] = [
      nil,
      PaymentQuestion(
        amount: "18.00", currencyCode: "USD", needsShippingAddress: true, isLive: true),
      PaymentQuestion(
        amount: "18", currencyCode: "EUR", needsShippingAddress: false, isLive: false),
      PaymentQuestion(amount: nil, currencyCode: nil, needsShippingAddress: false, isLive: true),
    ]
    for task in ConnectionsTaskName.allCases {
      for question in questions {
        func add(_ code: String, _ message: String? = nil, _ payload: JSONValue? = nil) {
          summaries.append(
            ConnectionsResponseSummary(
              taskName: task, statusCode: code, statusMessage: message, payload: payload,
              question: question))
        }
        for row in AmazonPayResponseTable.errors {
          add(row.statusCode.map(String.init) ?? "400", row.code)
          add("500", nil, .object(["errorCode": .string(row.code)]))
          add(" 403 ", "  \(row.code)\n")
        }
        add("400", "Connections validation failed. Violating fields in payload: [sellerId]")
        add("429", "Something odd")
        add("429", "Weird_Code_1")
        add("500", "not a code!")
        add("500", "NewErrorCode")
        add("500", String(repeating: "A", count: 65))
        add("abc")
        add("")
        add("302", "Moved")
        add("+200", nil, nil)
        for row in AmazonPayResponseTable.agreements {
          for status in [row.status.rawValue, row.status.rawValue.lowercased()] {
            for destination: JSONValue? in [
              nil,
              .object([
                "name": .string("Ann"), "addressLine1": .string("1 Main St"),
                "city": .string("Seattle"),
                "stateOrRegion": .string("WA"), "postalCode": .string("98101"),
                "countryCode": .string("US"), "phone": .string("1"),
              ]),
              .object(["name": .string(""), "addressLine1": .number(3)]),
            ] {
              for environment in ["LIVE", "sandbox"] {
                var details: [String: JSONValue] = [
                  "billingAgreementId": .string("B01-1234567-1234567"),
                  "billingAgreementStatus": .string(status),
                  "releaseEnvironment": .string(environment),
                ]
                details["destination"] = destination
                add("200", "OK", .object(["billingAgreementDetails": .object(details)]))
              }
            }
          }
        }
        add(
          "200", "OK",
          .object(["billingAgreementDetails": .object(["billingAgreementId": .string("B")])]))
        add(
          "200", nil,
          .object([
            "billingAgreementDetails": .object([
              "billingAgreementId": .string(String(repeating: "B", count: 65)),
              "billingAgreementStatus": .string("OPEN"),
            ])
          ]))
        add(
          "200", nil,
          .object([
            "billingAgreementDetails": .object([
              "billingAgreementId": .string("B01 with space"),
              "billingAgreementStatus": .string("UNKNOWN"),
            ])
          ]))
        let reasons: [String?] = [
          nil, "MaxCapturesProcessed", "InvalidPaymentMethod", "AmazonRejected", "Other",
        ]
        for state in ["Open", "Closed", "Declined", "Pending", "Weird"] {
          for reason in reasons {
            for amount in ["18.00", "18", "018.0", "18.01", "1e1", ""] {
              var status: [String: JSONValue] = ["state": .string(state)]
              status["reasonCode"] = reason.map(JSONValue.string)
              let price: JSONValue = .object([
                "amount": .string(amount), "currencyCode": .string("USD"),
              ])
              add(
                "200", "OK",
                .object([
                  "authorizationDetails": .object([
                    "amazonAuthorizationId": .string("S01-1234567-1234567-A000001"),
                    "authorizationStatus": .object(status), "authorizationAmount": price,
                    "capturedAmount": .object([
                      "amount": .string("18.00"), "currencyCode": .string("EUR"),
                    ]),
                  ]),
                  "amazonOrderReferenceId": .string(
                    amount.isEmpty ? "bad id with spaces" : "S01-1"),
                ]))
            }
          }
        }
        add(
          "200", "OK",
          .object(["authorizationDetails": .object(["authorizationStatus": .object([:])])]))
        add("200", "OK", nil)
      }
    }
    return summaries
  }

  @Test func everyAmazonPayAnswerIsClassifiedAsTheRuntimeClassifiesIt() throws {
    let summaries = Self.connectionsResponses()
    let cases = try summaries.map { summary in
      var question: [String: JSONValue] = [
        "kind": .string("classify"), "task": .string(summary.taskName.rawValue),
        "code": .string(summary.statusCode),
      ]
      question["message"] = summary.statusMessage.map(JSONValue.string)
      question["payload"] = summary.payload
      if let asked = summary.question {
        var fields: [String: JSONValue] = [
          "needsShippingAddress": .bool(asked.needsShippingAddress), "isLive": .bool(asked.isLive),
        ]
        fields["amount"] = asked.amount.map(JSONValue.string)
        fields["currencyCode"] = asked.currencyCode.map(JSONValue.string)
        question["question"] = .object(fields)
      }
      return (
        label: "\(summary.taskName.rawValue) \(summary.statusCode) \(summary.statusMessage ?? "-") "
          + String(describing: summary.payload).prefix(160),
        question: JSONValue.object(question),
        expected: try Self.describe(AmazonPayProfile.classify(summary))
      )
    }
    #expect(cases.count > 500)
    try Self.expectEqual(cases)
  }

  // MARK: - Identifiers and keys

  @Test func identifiersHaveTheRuntimesFormats() throws {
    let answers = try Self.ask([
      .object(["kind": .string("ids"), "count": .number(200), "prefix": .string("NN-")]),
      .object(["kind": .string("ids"), "count": .number(50), "prefix": .string("")]),
    ])
    for (answer, prefix) in zip(answers, ["NN-", ""]) {
      guard case .array(let tokens)? = answer["tokens"], case .array(let orders)? = answer["orders"]
      else {
        Issue.record("no ids: \(answer)")
        continue
      }
      for token in tokens.compactMap(\.stringValue) {
        #expect(token.count == 27 && token.allSatisfy { AmazonPayIdentifiers.base62.contains($0) })
      }
      #expect(Set(tokens).count == tokens.count)
      for order in orders.compactMap(\.stringValue) {
        #expect(order.hasPrefix(prefix))
        let code = order.dropFirst(prefix.count)
        #expect(code.count == 9 && code[code.index(code.startIndex, offsetBy: 4)] == "-")
        #expect(
          code.filter { $0 != "-" }.allSatisfy {
            AmazonPayIdentifiers.orderCodeAlphabet.contains($0)
          })
        #expect(AmazonPayIdentifiers.isValidMerchantIdentifier(order))
      }
    }
    // authorizationReferenceId: everything but the random tail is the runtime's.
    let orderIds = ["NN-K7M4-RA92", "K7M4-RA92", "--__", "", "ü-ß-ç", "ABCDEFGHIJKLMNOP", "a_-b"]
    let attempts = [1, 2, 99, 1_000_000, 1_234_567, -3]
    var questions: [JSONValue] = []
    var expected: [String] = []
    for orderId in orderIds {
      for attempt in attempts {
        questions.append(
          .object([
            "kind": .string("reference"), "order_id": .string(orderId),
            "attempt": .number(Double(attempt)),
          ]))
        var generator = SeededGenerator(seed: 7)
        expected.append(
          AmazonPayIdentifiers.authorizationReferenceId(
            orderId: orderId, attempt: attempt, using: &generator))
      }
    }
    let references = try Self.ask(questions)
    for (reference, runtime) in zip(references.compactMap(\.stringValue), expected) {
      // The random tail is base 62, without `-`: the fixed part ends at the last `-`.
      let fixed = runtime.lastIndex(of: "-").map { String(runtime[...$0]) } ?? ""
      #expect(reference.count == 32 && reference.hasPrefix(fixed), "\(reference) vs \(runtime)")
      #expect(AmazonPayIdentifiers.isValidMerchantIdentifier(reference))
    }
    #expect(references.count == expected.count)
  }

  @Test func replayKeysAreTheRuntimes() throws {
    let pairs = [
      ("", ""), (Self.user, "amzn1.echo-api.request.1"), ("a\"b", "é/\n"),
      (String(repeating: "u", count: 5000), "r"),
    ]
    try Self.expectEqual(
      pairs.map { user, request in
        (
          "\(user.prefix(20)) \(request)",
          .object(["kind": .string("key"), "user": .string(user), "request": .string(request)]),
          .string(ProcessedRequest.key(userId: user, requestId: request))
        )
      })
  }

  // MARK: - Python's own tests

  @Test func storeAndTurnRulesHoldInPython() throws {
    let python = try #require(Self.python)
    let run = try TestProcess.run(
      python, ["-m", "unittest", "-v", "test_flowc_support"],
      environment: ProcessInfo.processInfo.environment.merging(
        ["FLOWC_SUPPORT_DIR": Self.resources.path]) { _, new in new },
      currentDirectory: Self.harness, timeout: 300)
    #expect(run.status == 0, "\(run)")
  }

  @Test func supportFilesCompileAndPassPyflakes() throws {
    let python = try #require(Self.python)
    let files = ["flowc_support.py", "local_runner.py"].map {
      Self.resources.appendingPathComponent($0).path
    }
    let compiled = try TestProcess.run(
      python,
      [
        "-c",
        "import os, py_compile, sys, tempfile\nfor f in sys.argv[1:]: "
          + "py_compile.compile(f, doraise=True, cfile=os.path.join(tempfile.mkdtemp(), 'x.pyc'))",
      ] + files,
      timeout: 120)
    #expect(compiled.status == 0, "\(compiled)")
    let flakes = try TestProcess.run(python, ["-m", "pyflakes"] + files, timeout: 120)
    #expect(flakes.status == 0 && flakes.stdout.isEmpty, "\(flakes)")
  }
}
