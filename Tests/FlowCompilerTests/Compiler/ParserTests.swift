import FlowIR
import Testing

@testable import FlowCompiler

/// The parser's strict keys and its quiet handling of broken sections.
@Suite struct ParserTests {
  /// A small valid flow; tests replace parts of it.
  static let base = """
    flowc: 1
    skill:
      name: Test Shop
      invocation: test shop
      locales: [en-US]
    products:
      kit:
        name: Kit
        price: "9.00"
    prompts:
      en-US:
        hello: Hello, a kit is {catalog.kit.price}
        bye: Goodbye
    flow:
      start: hello
      global:
        AMAZON.StopIntent: bye
      states:
        hello:
          ask: hello
          on:
            AMAZON.YesIntent: bye
        bye:
          tell: bye

    """

  /// ``base`` with an `intents:` section holding `intents` (YAML, unindented).
  static func base(intents: String) -> String {
    let indented = intents.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
    return base.replacingOccurrences(of: "prompts:", with: "intents:\n\(indented)\nprompts:")
  }

  static func ids(_ result: CompileResult) -> [String] { result.diagnostics.map(\.id) }

  @Test func baseFlowIsClean() {
    let result = CompilerTestSupport.compile(Self.base)
    #expect(result.diagnostics.isEmpty, "\(CompilerTestSupport.render(result.diagnostics))")
    #expect(result.program?.products.first?.price == Money(minorUnits: 900, currency: "USD"))
  }

  @Test func emptyFileReportsTheRequiredKeys() {
    let result = CompilerTestSupport.compile("")
    #expect(Set(Self.ids(result)) == ["missing-key"])
    #expect(
      Set(result.diagnostics.map(\.message)) == [
        "missing key 'flowc'", "missing key 'skill'", "missing key 'prompts'",
        "missing key 'flow'",
      ])
    #expect(result.program == nil)
  }

  @Test func documentThatIsNotAMappingIsAWrongType() {
    let result = CompilerTestSupport.compile("- a\n- b\n")
    #expect(Self.ids(result) == ["wrong-type"])
  }

  @Test func unknownTopLevelKeySuggestsTheClosestKey() throws {
    let source = MarkedSource(Self.base + "1️⃣prompst: {}\n")
    let result = FlowCompiler.compile(source.file())
    let diagnostic = try #require(result.diagnostics.first { $0.id == "unknown-key" })
    #expect(diagnostic.range?.start == source["1️⃣"])
    #expect(diagnostic.notes.map(\.message) == ["did you mean 'prompts'?"])
  }

  @Test func brokenProductsSectionDoesNotMakeEveryReferenceUnknown() {
    let text = Self.base.replacingOccurrences(
      of: "  kit:\n    name: Kit\n    price: \"9.00\"\n", with: "  - kit\n")
    let result = CompilerTestSupport.compile(text)
    #expect(Self.ids(result) == ["wrong-type"], "\(CompilerTestSupport.render(result.diagnostics))")
  }

  @Test func brokenStateStaysKnownToReferences() {
    let text = Self.base.replacingOccurrences(
      of: "    bye:\n      tell: bye\n", with: "    bye:\n      tel: bye\n")
    let result = CompilerTestSupport.compile(text)
    #expect(
      Set(Self.ids(result)) == ["unknown-key", "missing-state-kind"],
      "\(CompilerTestSupport.render(result.diagnostics))")
  }

  @Test func wrongTypeInsideAStateIsReportedOnce() {
    let text = Self.base.replacingOccurrences(
      of: "      ask: hello\n", with: "      ask: [hello]\n")
    let result = CompilerTestSupport.compile(text)
    #expect(Self.ids(result) == ["wrong-type"], "\(CompilerTestSupport.render(result.diagnostics))")
  }

  @Test func invalidStateIdIsReportedWithTheRule() throws {
    let source = MarkedSource(
      Self.base.replacingOccurrences(of: "    bye:\n      tell", with: "    1️⃣Bye:\n      tell"))
    let result = FlowCompiler.compile(source.file())
    let diagnostic = try #require(result.diagnostics.first { $0.id == "invalid-id" })
    #expect(diagnostic.range?.start == source["1️⃣"])
    #expect(diagnostic.message == "invalid state id 'Bye'")
    // References to the state would only repeat the problem.
    #expect(!Self.ids(result).contains("unknown-state"))
  }

  @Test func permissionCardAndCardCannotBothBeSent() throws {
    let source = MarkedSource(
      Self.base.replacingOccurrences(
        of: "      tell: bye\n",
        with: "      tell: bye\n      permission_card: true\n"
          + "      1️⃣card: { title: bye, text: bye }\n"))
    let result = FlowCompiler.compile(source.file())
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.id == "key-not-allowed-in-state")
    #expect(diagnostic.range?.start == source["1️⃣"])
  }

  @Test func localeListedTwiceIsReportedOnceAndIgnored() throws {
    let source = MarkedSource(
      Self.base.replacingOccurrences(of: "locales: [en-US]", with: "locales: [en-US, 1️⃣en-US]"))
    let result = FlowCompiler.compile(source.file())
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.id == "invalid-value")
    #expect(diagnostic.range?.start == source["1️⃣"])
    #expect(result.diagnostics.count == 1)
  }

  @Test(arguments: ["2", "1.0", "one"])
  func unsupportedVersions(_ version: String) {
    let text = Self.base.replacingOccurrences(of: "flowc: 1\n", with: "flowc: \(version)\n")
    #expect(Self.ids(CompilerTestSupport.compile(text)) == ["unsupported-version"])
  }

  @Test func subscriptionPeriods() {
    #expect(
      FlowParser.subscriptionPeriod("2 months") == SubscriptionSyntax(every: 2, unit: "month"))
    #expect(FlowParser.subscriptionPeriod("week") == SubscriptionSyntax(every: 1, unit: "week"))
    #expect(FlowParser.subscriptionPeriod("1 year") == SubscriptionSyntax(every: 1, unit: "year"))
    #expect(FlowParser.subscriptionPeriod("0 days") == nil)
    #expect(FlowParser.subscriptionPeriod("2 fortnights") == nil)
    #expect(FlowParser.subscriptionPeriod("every 2 months") == nil)
  }

  @Test func namesFollowTheRules() {
    #expect(FlowParser.isId("starter_kit2"))
    #expect(!FlowParser.isId("2kit"))
    #expect(!FlowParser.isId("Kit"))
    #expect(!FlowParser.isId(""))
    #expect(FlowParser.isIntentName("BuyIntent"))
    #expect(FlowParser.isIntentName("AMAZON.YesIntent"))
    #expect(!FlowParser.isIntentName("Buy.Intent"))
    #expect(FlowParser.isInvocationName("no nicks"))
    #expect(!FlowParser.isInvocationName("No Nicks"))
    #expect(!FlowParser.isInvocationName("no  nicks"))
  }

  @Test func productNamesPerLocaleMustCoverEveryLocale() {
    let text = Self.base
      .replacingOccurrences(of: "locales: [en-US]", with: "locales: [en-US, en-GB]")
      .replacingOccurrences(of: "    name: Kit\n", with: "    name: { en-US: Kit }\n")
      .replacingOccurrences(
        of: "    bye: Goodbye\n",
        with: "    bye: Goodbye\n  en-GB:\n    hello: Hello, a kit is {catalog.kit.price}\n"
          + "    bye: Goodbye\n")
    let result = CompilerTestSupport.compile(text)
    #expect(
      Self.ids(result) == ["missing-in-locale"], "\(CompilerTestSupport.render(result.diagnostics))"
    )
  }

  @Test func setupWithoutMerchantAsksForTheMerchant() throws {
    let text =
      Self.base.replacingOccurrences(
        of: "        AMAZON.YesIntent: bye\n", with: "        AMAZON.YesIntent: pay\n"
      ) + """
            pay:
              setup: {}
              on: { success: bye, permission_denied: bye, error: bye }

        """
    let result = CompilerTestSupport.compile(text)
    let missing = try #require(result.diagnostics.first { $0.id == "missing-key" })
    #expect(missing.message == "missing key 'merchant'")
    #expect(missing.notes.first?.message == "state 'pay' sends an Amazon Pay request")
  }

  @Test func chooseBranchesAfterTheElseBranchAreReportedWhereTheyStand() {
    let text =
      Self.base.replacingOccurrences(
        of: "        AMAZON.YesIntent: bye\n", with: "        AMAZON.YesIntent: route\n"
      ) + """
            route:
              choose:
                - else: bye
                - if: catalog.kit.price > 1
                  goto: bye
                - else: hello

        """
    let result = CompilerTestSupport.compile(text)
    #expect(
      CompilerTestSupport.render(result.diagnostics) == """
        28:11-28:13: error: invalid value 'if' for 'choose' [invalid-value]
          -: note: expected the 'else' branch last, after every 'if' branch
        30:11-30:15: error: invalid value 'else' for 'choose' [invalid-value]
          -: note: expected one 'else' branch, the last one

        """)
  }

  @Test func invalidInvocationPeriodAndImageAreReported() {
    let text = Self.base.replacingOccurrences(
      of: "invocation: test shop", with: "invocation: Test  Shop"
    ).replacingOccurrences(
      of: "    price: \"9.00\"\n",
      with: "    price: \"9.00\"\n    subscription: { every: fortnight }\n"
    ).replacingOccurrences(
      of: "      tell: bye\n",
      with:
        "      tell: bye\n      card: { title: bye, text: bye, image: http://a.example/k.png }\n")
    let result = CompilerTestSupport.compile(text)
    #expect(
      CompilerTestSupport.render(result.diagnostics) == """
        4:15-4:25: error: invalid value 'Test  Shop' for 'invocation' [invalid-value]
          -: note: expected lowercase words separated by single spaces, such as 'no nicks'
        10:28-10:37: error: invalid value 'fortnight' for 'every' [invalid-value]
          -: note: expected a count and a unit such as '2 months' (day, week, month or year)
        26:45-26:67: error: invalid value 'http://a.example/k.png' for 'image' [invalid-value]
          -: note: expected an 'https://' URL

        """)
  }
}
