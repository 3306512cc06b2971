import FlowIR
import Testing

@testable import FlowCompiler

@Suite struct TemplateParserTests {
  @Test func splitsTextAndPlaceholders() {
    let parsed = TemplateParser.parse("That is {quantity} {product.name} for {order.total}.")
    #expect(parsed.problems.isEmpty)
    #expect(
      parsed.template
        == Template(
          ssml: false,
          segments: [
            .text("That is "), .variable("quantity"), .text(" "), .variable("product.name"),
            .text(" for "), .variable("order.total"), .text("."),
          ]))
  }

  @Test func doubledBracesAreLiteralAndMergeWithText() {
    let parsed = TemplateParser.parse("say {{hello}} and }{{{order.id}}}")
    #expect(parsed.problems.isEmpty)
    #expect(
      parsed.template.segments == [
        .text("say {hello} and }{"), .variable("order.id"), .text("}"),
      ])
  }

  @Test func loneClosingBraceIsLiteral() {
    let parsed = TemplateParser.parse("a } b")
    #expect(parsed.problems.isEmpty)
    #expect(parsed.template.segments == [.text("a } b")])
  }

  @Test func whitespaceAroundThePathIsTolerated() throws {
    let parsed = TemplateParser.parse("Total: { order.total }!")
    #expect(parsed.problems.isEmpty)
    let placeholder = try #require(parsed.placeholders.first)
    #expect(placeholder.path == "order.total")
    #expect(placeholder.range.characters == 7..<22)
    #expect(placeholder.pathRange.characters == 9..<20)
  }

  @Test func placeholderRangesCountCharactersAndBytes() throws {
    // "Grüße " is 6 characters and 8 UTF-8 bytes.
    let parsed = TemplateParser.parse("Grüße {product.name} 🎉 {order.id}")
    let placeholders = parsed.placeholders
    try #require(placeholders.count == 2)
    #expect(placeholders[0].range == TextRange(characters: 6..<20, utf8: 8..<22))
    #expect(placeholders[1].range.characters == 23..<33)
    #expect(placeholders[1].range.utf8 == 28..<38)
  }

  @Test func unclosedPlaceholderPointsAtTheBrace() {
    let parsed = TemplateParser.parse("Hi {name and {order.total}")
    #expect(parsed.problems == [TemplateProblem(kind: .unclosedPlaceholder, range: range(3, 4))])
    #expect(parsed.placeholders.map(\.path) == ["order.total"])
    #expect(parsed.template.segments == [.text("Hi {name and "), .variable("order.total")])
  }

  @Test func unclosedAtTheEnd() {
    let parsed = TemplateParser.parse("price {product.price")
    #expect(parsed.problems.map(\.kind) == [.unclosedPlaceholder])
    #expect(parsed.problems.first?.range.characters == 6..<7)
  }

  @Test(arguments: ["{}", "{ }", "{\t\n}"])
  func emptyPlaceholder(text: String) {
    let parsed = TemplateParser.parse(text)
    #expect(parsed.problems.map(\.kind) == [.emptyPlaceholder])
    #expect(parsed.problems.first?.range.characters == 0..<text.unicodeScalars.count)
  }

  @Test(arguments: [
    "Order.total", "order..total", "order.", ".order", "order total", "9lives", "prodüct",
    "order-total", "a.b.", "x.Y",
  ])
  func malformedPath(path: String) {
    let parsed = TemplateParser.parse("x {\(path)} y")
    #expect(parsed.problems.map(\.kind) == [.malformedPath(path)])
    #expect(parsed.problems.first?.range.characters == 3..<(3 + path.unicodeScalars.count))
    #expect(parsed.placeholders.isEmpty)
  }

  @Test func ssmlIsDetectedAfterLeadingWhitespace() {
    #expect(TemplateParser.parse("  <speak>Hi {product.name}</speak>").isSSML)
    #expect(TemplateParser.parse("<speak>Hi</speak>").template.ssml)
    #expect(!TemplateParser.parse("Hi <speak>").isSSML)
    #expect(!TemplateParser.parse("<Speak>x</Speak>").isSSML)
  }

  @Test func emptyTextHasNoSegments() {
    let parsed = TemplateParser.parse("")
    #expect(parsed.problems.isEmpty)
    #expect(parsed.template.segments.isEmpty)
  }

  @Test func longAdversarialInputsStayLinearAndDoNotCrash() {
    let braces = String(repeating: "{", count: 50_000)
    let parsed = TemplateParser.parse(braces)
    // 25 000 `{{` pairs: all literal.
    #expect(parsed.problems.isEmpty)
    #expect(parsed.template.segments == [.text(String(repeating: "{", count: 25_000))])
    let opens = String(repeating: "{a", count: 20_000)
    #expect(TemplateParser.parse(opens).problems.count == 20_000)
    let many = String(repeating: "{quantity}", count: 10_000)
    #expect(TemplateParser.parse(many).placeholders.count == 10_000)
  }

  @Test func combiningCharactersAndControlCharacters() {
    let text = "e\u{301}\u{0}{quantity}\u{7F}"
    let parsed = TemplateParser.parse(text)
    #expect(parsed.problems.isEmpty)
    #expect(parsed.placeholders.first?.range.characters == 3..<13)
    #expect(parsed.template.segments.count == 3)
  }

  private func range(_ start: Int, _ end: Int) -> TextRange {
    TextRange(characters: start..<end, utf8: start..<end)
  }
}
