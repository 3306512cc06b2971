import FlowIR
import Testing

@testable import FlowCompiler

@Suite struct ConditionParserTests {
  let scope = VariableScope(productIDs: ["refill", "starter_kit"])

  func compile(_ text: String, currency: String? = "USD") -> (Condition?, [ConditionProblem]) {
    let result = ConditionTypeChecker.compile(text, currency: currency, scope: scope)
    return (result.condition, result.problems)
  }

  func condition(_ text: String, currency: String? = "USD") -> Condition? {
    let (condition, problems) = compile(text, currency: currency)
    #expect(problems.isEmpty, "\(text): \(problems)")
    return condition
  }

  func problem(_ text: String, currency: String? = "USD") -> ConditionProblem? {
    let (condition, problems) = compile(text, currency: currency)
    #expect(condition == nil)
    return problems.first
  }

  @Test func bareBoolPath() {
    #expect(condition("agreement.open") == .test(.path("agreement.open")))
  }

  @Test func precedenceOrAndNot() {
    #expect(
      condition("not agreement.open or quantity > 2 and order.total >= 20.00 USD")
        == .or([
          .not(.test(.path("agreement.open"))),
          .and([
            .compare(.greater, .path("quantity"), .literal(.int(2))),
            .compare(
              .greaterOrEqual, .path("order.total"),
              .literal(.money(Money(minorUnits: 2000, currency: "USD")))),
          ]),
        ]))
  }

  @Test func parenthesesGroupAndSameKindFlattens() {
    #expect(
      condition("(agreement.open or quantity == 1) and (quantity < 5 and true)")
        == .and([
          .or([
            .test(.path("agreement.open")), .compare(.equal, .path("quantity"), .literal(.int(1))),
          ]),
          .compare(.less, .path("quantity"), .literal(.int(5))),
          .test(.literal(.bool(true))),
        ]))
  }

  @Test(arguments: [
    ("20.00 USD", "USD", 2000), ("$20.00", "USD", 2000), ("$20", "USD", 2000), ("$0.5", "USD", 50),
    ("£20.00", "GBP", 2000), ("20 GBP", "GBP", 2000), ("€19.99", "EUR", 1999),
    ("€ 19.99", "EUR", 1999),
    ("19.99 €", "EUR", 1999), ("19.99€", "EUR", 1999), ("19.99 EUR", "EUR", 1999),
    ("¥300", "JPY", 300), ("￥300", "JPY", 300), ("300 JPY", "JPY", 300),
  ])
  func moneyLiterals(literal: String, currency: String, minorUnits: Int64) {
    #expect(
      condition("order.total < \(literal)", currency: currency)
        == .compare(
          .less, .path("order.total"),
          .literal(.money(Money(minorUnits: minorUnits, currency: currency)))))
  }

  @Test func stringsWithBothQuotesAndEscapes() {
    #expect(
      condition(#"agreement.status == 'OPEN'"#)
        == .compare(.equal, .path("agreement.status"), .literal(.string("OPEN"))))
    #expect(
      condition(#"payment.reason != "it's \"bad\" \\ ok""#)
        == .compare(.notEqual, .path("payment.reason"), .literal(.string(#"it's "bad" \ ok"#))))
    #expect(
      condition(#"agreement.status == 'a\"b\n'"#)
        == .compare(.equal, .path("agreement.status"), .literal(.string(#"a\"b\n"#))))
    #expect(
      condition("shipping.city == 'Köln 🏙'")
        == .compare(.equal, .path("shipping.city"), .literal(.string("Köln 🏙"))))
  }

  @Test func productsCompareWithProducts() {
    #expect(
      condition("product == catalog.refill")
        == .compare(.equal, .path("product"), .path("catalog.refill")))
    #expect(
      condition("product.id == 'refill'")
        == .compare(.equal, .path("product.id"), .literal(.string("refill"))))
  }

  // MARK: syntax problems

  @Test(arguments: ["", "   ", "\n\t"])
  func empty(text: String) {
    #expect(problem(text)?.kind == .empty)
  }

  @Test(arguments: [
    ("agreement.open && true", "&&", "and"), ("agreement.open || true", "||", "or"),
    ("!agreement.open", "!", "not"), ("quantity = 1", "=", "=="),
    ("agreement.open AND true", "AND", "and"), ("quantity > 5 Or true", "Or", "or"),
    ("NOT agreement.open", "NOT", "not"), ("quantity > 5 AND true", "AND", "and"),
  ])
  func operatorsFromOtherLanguagesSuggestOurs(text: String, written: String, replacement: String) {
    let found = problem(text)
    #expect(found?.kind == .unsupportedOperator(written, replacement: replacement))
    #expect(found?.range.characters == scalarRange(of: written, in: text))
  }

  @Test func unterminatedStringStartsAtTheQuote() {
    let text = "agreement.status == 'OPEN"
    let found = problem(text)
    #expect(found?.kind == .unterminatedString)
    #expect(found?.range.characters == scalarRange(of: "'OPEN", in: text))
  }

  @Test func unexpectedCharacter() {
    let text = "quantity > -1"
    #expect(problem(text)?.kind == .unexpectedCharacter("-"))
    #expect(problem(text)?.range.characters == scalarRange(of: "-", in: text))
    #expect(problem("quantity # 1")?.kind == .unexpectedCharacter("#"))
    #expect(problem("order.total > 20,00 €")?.kind == .unexpectedCharacter(","))
  }

  @Test func malformedPath() {
    #expect(problem("Agreement.open")?.kind == .malformedPath("Agreement.open"))
    #expect(problem("order..total > $1")?.kind == .malformedPath("order..total"))
  }

  @Test func moneyProblems() {
    #expect(problem("order.total > 20.00")?.kind == .decimalWithoutCurrency)
    #expect(
      problem("order.total > £20.00")?.kind == .currencyMismatch(found: "GBP", expected: "USD"))
    #expect(problem("order.total > 20 CHF")?.kind == .unknownCurrency("CHF"))
    #expect(problem("order.total > $20.00", currency: nil)?.kind == .moneyWithoutMerchantCurrency)
    let text = "order.total > 20.005 USD"
    let found = problem(text)
    #expect(found?.kind == .tooManyDecimals(currency: "USD", allowed: 2))
    #expect(
      found?.range.characters
        == scalarRange(of: "5 ", in: text).map { $0.lowerBound..<($0.lowerBound + 1) })
    #expect(
      problem("order.total > ¥300.5", currency: "JPY")?.kind
        == .tooManyDecimals(currency: "JPY", allowed: 0))
    #expect(problem("quantity > 99999999999999999999")?.kind == .numberTooLarge)
    #expect(problem("order.total > $99999999999999999999")?.kind == .numberTooLarge)
  }

  @Test func unexpectedTokens() {
    #expect(problem("agreement.open and")?.kind == .unexpectedToken(found: nil, expected: .operand))
    #expect(
      problem("agreement.open true")?.kind
        == .unexpectedToken(found: "true", expected: .operatorOrEnd))
    #expect(
      problem("(agreement.open")?.kind
        == .unexpectedToken(found: nil, expected: .closingParenthesis))
    #expect(problem(")")?.kind == .unexpectedToken(found: ")", expected: .operand))
    #expect(
      problem("quantity == (1)")?.kind == .unexpectedToken(found: "(", expected: .comparisonOperand)
    )
    #expect(
      problem("(quantity) == 1")?.kind == .unexpectedToken(found: "==", expected: .operatorOrEnd))
    #expect(
      problem("quantity == not")?.kind
        == .unexpectedToken(found: "not", expected: .comparisonOperand))
  }

  @Test func comparisonsDoNotChain() {
    let text = "1 < quantity < 5"
    let found = problem(text)
    #expect(found?.kind == .chainedComparison)
    #expect(found?.range.characters == scalarRange(of: "<", in: text, occurrence: 2))
  }

  @Test func nestingIsBounded() {
    let deepParentheses =
      String(repeating: "(", count: 10_000) + "agreement.open"
      + String(repeating: ")", count: 10_000)
    #expect(problem(deepParentheses)?.kind == .tooDeeplyNested(limit: 64))
    let deepNot = String(repeating: "not ", count: 10_000) + "agreement.open"
    #expect(problem(deepNot)?.kind == .tooDeeplyNested(limit: 64))
    let atLimit =
      String(repeating: "(", count: 64) + "agreement.open" + String(repeating: ")", count: 64)
    #expect(condition(atLimit) == .test(.path("agreement.open")))
  }

  @Test func longFlatConditionsAreFine() throws {
    let text = Array(repeating: "quantity > 1", count: 5000).joined(separator: " and ")
    guard case .and(let operands) = condition(text) else {
      Issue.record("expected an and")
      return
    }
    #expect(operands.count == 5000)
  }

  // MARK: type problems

  @Test func typeMismatchCoversTheComparison() {
    let text = "agreement.open and order.total > 3"
    let (_, problems) = compile(text)
    #expect(problems.map(\.kind) == [.typeMismatch(.greater, .money, .integer)])
    #expect(problems.first?.range.characters == scalarRange(of: "order.total > 3", in: text))
  }

  @Test func orderingOnlyForNumbersAndMoney() {
    #expect(problem("agreement.status < 'b'")?.kind == .unorderedType(.less, .string))
    #expect(problem("agreement.open >= true")?.kind == .unorderedType(.greaterOrEqual, .bool))
    #expect(problem("product > catalog.refill")?.kind == .unorderedType(.greater, .product))
    #expect(condition("order.total <= product.price") != nil)
    #expect(condition("quantity != 3") != nil)
  }

  @Test func bareOperandsMustBeBool() {
    let text = "agreement.open and quantity"
    let (_, problems) = compile(text)
    #expect(problems.map(\.kind) == [.notBoolean(.integer)])
    #expect(problems.first?.range.characters == scalarRange(of: "quantity", in: text))
    #expect(problem("not 'x'")?.kind == .notBoolean(.string))
    #expect(problem("$5")?.kind == .notBoolean(.money))
  }

  @Test func productIsNotAString() {
    #expect(problem("product == 'refill'")?.kind == .typeMismatch(.equal, .product, .string))
  }

  @Test func pathProblemsComeWithTheirRangeInTheCondition() {
    let text = "agreement.open and order.totl > $1"
    let found = problem(text)
    #expect(found?.kind == .path(.unknownMember("totl", parent: "order", suggestion: "total")))
    #expect(found?.range.characters == scalarRange(of: "totl", in: text))
    #expect(problem("slot.product == catalog.refill")?.kind == .path(.slotOutsideSet))
    #expect(
      problem("catalog.refil.price > $1")?.kind
        == .path(.unknownProduct("refil", suggestion: "refill")))
  }

  @Test func severalTypeProblemsAreAllReported() {
    let (_, problems) = compile("quantity and order.total == 1 or agreement.status")
    #expect(
      problems.map(\.kind) == [
        .notBoolean(.integer), .typeMismatch(.equal, .money, .integer), .notBoolean(.string),
      ])
  }

  @Test func checkWithATypeFunction() throws {
    let expression = try ConditionParser.parse("x.y == 2 and z", currency: nil).get()
    let result = ConditionTypeChecker.check(expression) { $0 == "x.y" ? .integer : nil }
    #expect(result.problems.map(\.kind) == [.unknownPath("z")])
  }

  @Test func rangesCountCharactersAndBytes() throws {
    let text = "shipping.city == 'Düsseldorf' and quantity > 'x'"
    let found = try #require(problem(text))
    #expect(found.range.characters == scalarRange(of: "quantity > 'x'", in: text))
    #expect(found.range.utf8 == utf8Range(of: "quantity > 'x'", in: text))
    #expect(found.range.utf8.lowerBound == found.range.characters.lowerBound + 1)
  }

  // MARK: facts for the graph analysis

  @Test func readPathsInOrderOnce() {
    let mixed = Condition.and([
      .test(.path("agreement.open")),
      .or([
        .compare(.greater, .path("quantity"), .literal(.int(1))),
        .compare(.equal, .path("order.total"), .path("product.price")),
      ]),
      .not(.test(.path("quantity"))),
    ])
    #expect(mixed.readPaths == ["agreement.open", "quantity", "order.total", "product.price"])
  }

  @Test(arguments: [
    ("agreement.open", true),
    ("agreement.open == true", true),
    ("true == agreement.open", true),
    ("agreement.open and quantity > 1", true),
    ("quantity > 1 and (agreement.open and order.total > $5)", true),
    ("agreement.open or quantity > 1", false),
    ("not agreement.open", false),
    ("agreement.open == false", false),
    ("agreement.open != false", true),
    ("agreement.open != true", false),
    ("quantity > 1", false),
  ])
  func openAgreementGuard(text: String, guarantees: Bool) throws {
    let parsed = try #require(condition(text))
    #expect(parsed.guaranteesOpenAgreement == guarantees)
  }

  @Test func pathTermsCarryRanges() throws {
    let text = "quantity > 1 and not agreement.open"
    let expression = try ConditionParser.parse(text, currency: "USD").get()
    #expect(expression.pathTerms.map(\.operand) == [.path("quantity"), .path("agreement.open")])
    #expect(
      expression.pathTerms.last?.range.characters == scalarRange(of: "agreement.open", in: text))
    #expect(expression.range.characters == 0..<text.unicodeScalars.count)
  }
}
