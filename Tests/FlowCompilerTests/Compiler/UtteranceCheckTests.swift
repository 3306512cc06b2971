import Testing

@testable import FlowCompiler

/// What Alexa refuses at certification: wake words in the invocation name, URLs that are not
/// https, samples and synonyms with digits or nothing in them, prompts with nothing to speak.
@Suite struct UtteranceCheckTests {
  static func flow(invocation: String = "test shop", privacy: String? = nil, image: String? = nil)
    -> SourceFile
  {
    let card = image.map { ", card: { title: hello, text: hello, image: \"\($0)\" }" } ?? ""
    let policy = privacy.map { "\n  privacy_policy_url: \"\($0)\"" } ?? ""
    return SourceFile(
      path: "t.yaml",
      text: """
        flowc: 1
        skill:
          name: Test Shop
          invocation: \(invocation)
          locales: [en-US]\(policy)
        prompts: { en-US: { hello: Hello, bye: Goodbye } }
        flow:
          start: hello
          states:
            hello: { ask: hello, on: { AMAZON.StopIntent: bye }\(card) }
            bye: { tell: bye }

        """)
  }

  static func ids(_ file: SourceFile) -> [String] {
    FlowCompiler.check(file).filter { $0.severity == .error }.map(\.id)
  }

  @Test(arguments: [
    "alexa shop", "echo shop", "amazon shop", "shop computer", "shop skill", "shop app",
  ])
  func wakeWordsAreRefused(invocation: String) {
    #expect(Self.ids(Self.flow(invocation: invocation)) == ["invocation-wake-word"])
  }

  @Test func namesThatOnlyContainTheLettersPass() {
    #expect(Self.ids(Self.flow(invocation: "apple shop")) == [])
    #expect(Self.ids(Self.flow(invocation: "echoes shop")) == [])
  }

  @Test(arguments: [
    "http://shop.example.com/privacy", "https://", "https:// x", "shop.example.com",
  ])
  func privacyPolicyURLsMustBeHTTPS(url: String) {
    let diagnostics = FlowCompiler.check(Self.flow(privacy: url))
    #expect(
      diagnostics.contains { $0.id == "invalid-value" && $0.message.contains("privacy_policy_url") }
    )
  }

  @Test(arguments: ["http://shop.example.com/a.png", "https://", "https://exa mple.com/a.png"])
  func cardImagesMustBeHTTPS(url: String) {
    let diagnostics = FlowCompiler.check(Self.flow(image: url))
    #expect(diagnostics.contains { $0.id == "invalid-value" && $0.message.contains("'image'") })
  }

  @Test func validURLsPass() {
    #expect(
      Self.ids(
        Self.flow(
          privacy: "https://shop.example.com/privacy", image: "https://cdn.example.com/a.png"))
        == [])
  }

  @Test func utterancesAndSpeech() {
    #expect(FlowChecker.utteranceProblem("buy {quantity} kits", slotsAllowed: true) == nil)
    #expect(FlowChecker.utteranceProblem("buy {slot2} kits", slotsAllowed: true) == nil)
    #expect(FlowChecker.utteranceProblem("buy 2 kits", slotsAllowed: true) != nil)
    #expect(FlowChecker.utteranceProblem("  ", slotsAllowed: false) == "it is empty")
    #expect(FlowChecker.utteranceProblem("kit 3000", slotsAllowed: false) != nil)
    #expect(FlowChecker.speaksNothing(TemplateParser.parse("  ")))
    #expect(
      FlowChecker.speaksNothing(TemplateParser.parse("<speak> <break time=\"1s\"/> </speak>")))
    #expect(!FlowChecker.speaksNothing(TemplateParser.parse("<speak>{order.total}</speak>")))
    #expect(!FlowChecker.speaksNothing(TemplateParser.parse("Hi")))
  }
}
