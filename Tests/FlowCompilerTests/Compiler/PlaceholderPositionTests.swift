import Testing

@testable import FlowCompiler

/// Problems inside prompt text point at the placeholder for plain and one-line quoted
/// scalars (escapes included), and at the whole scalar for block scalars.
@Suite struct PlaceholderPositionTests {
  static func flow(prompt: String) -> String {
    """
    flowc: 1
    skill: { name: Shop, invocation: shop, locales: [en-US] }
    prompts:
      en-US:
        bye: \(prompt)
    flow:
      start: bye
      states:
        bye: { tell: bye }

    """
  }

  static let cases: [(String, String)] = [
    ("plain", "Bye 1️⃣{order.totl} now"),
    ("single-quoted", "'It''s 1️⃣{order.totl}'"),
    ("double-quoted with escapes", #""Tab\there \"q\" \u00e9 1️⃣{order.totl}""#),
    ("non-ASCII before", "Tschüß – 1️⃣{order.totl}"),
  ]

  @Test(arguments: cases)
  func unknownVariablePointsAtThePath(_ name: String, _ prompt: String) throws {
    let source = MarkedSource(Self.flow(prompt: prompt))
    let result = FlowCompiler.compile(source.file())
    let diagnostic = try #require(result.diagnostics.first { $0.id == "unknown-variable" })
    // The path problem starts at 'totl' inside the placeholder: 7 characters after the brace.
    var expected = source["1️⃣"]
    expected.column += "{order.".count
    expected.offset += "{order.".utf8.count
    #expect(diagnostic.range?.start == expected, "\(name)")
  }

  @Test func blockScalarPointsAtTheScalar() throws {
    let source = MarkedSource(
      Self.flow(prompt: "1️⃣|\n      Bye {order.totl}\n      now"))
    let result = FlowCompiler.compile(source.file())
    let diagnostic = try #require(result.diagnostics.first { $0.id == "unknown-variable" })
    #expect(diagnostic.range?.start == source["1️⃣"])
  }

  @Test func unclosedPlaceholderInDoubleQuotedScalar() throws {
    let source = MarkedSource(Self.flow(prompt: #""Total: \"x\" 1️⃣{order.total""#))
    let result = FlowCompiler.compile(source.file())
    let diagnostic = try #require(result.diagnostics.first { $0.id == "invalid-placeholder" })
    #expect(diagnostic.range?.start == source["1️⃣"])
  }

  @Test func sampleSlotsAreFoundWithTheirRanges() {
    let slots = FlowChecker.sampleSlots("order { quantity } {product}")
    #expect(slots.map(\.name) == ["quantity", "product"])
    #expect(slots.map(\.range) == [6..<18, 19..<28])
    #expect(FlowChecker.sampleSlots("unclosed {slot").isEmpty)
  }
}
