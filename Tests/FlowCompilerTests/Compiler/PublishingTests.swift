import FlowIR
import Testing

@testable import FlowCompiler

/// `skill.publishing` (language v1.1): parsed into the IR, its example phrases tried against
/// the samples, and required under `--release`.
@Suite struct PublishingTests {
  /// A flow without payments in two locales; tests give its listing.
  static func flow(publishing: String) -> String {
    """
    flowc: 1
    skill:
      name: Test Shop
      invocation: test shop
      locales: [en-US, es-US]
    \(publishing)
    intents:
      BuyIntent:
        slots: { count: AMAZON.NUMBER }
        samples:
          en-US: ["buy {count} kits", "i want a kit"]
          es-US: ["comprar {count} kits"]
    prompts:
      en-US: { hello: Hello, bye: Goodbye }
      es-US: { hello: Hola, bye: Adiós }
    flow:
      start: hello
      global:
        AMAZON.HelpIntent: { say: hello }
      states:
        hello:
          ask: hello
          on:
            BuyIntent: bye
        bye:
          tell: bye

    """
  }

  static let listing = """
      publishing:
        category: SHOPPING
        en-US:
          summary: Kits by voice.
          description: Order kits by voice.
          example_phrases: ["Alexa, open test shop", "buy 2 kits", "Alexa, ask test shop for help"]
          keywords: [kits]
        es-US:
          summary: Kits por voz.
          description: Pide kits por voz.
          example_phrases: ["Alexa, abre test shop", "comprar 2 kits"]
          keywords: [kits]
    """

  static func ids(_ text: String, release: Bool) -> [String] {
    CompilerTestSupport.compile(text, release: release).diagnostics.map(\.id)
  }

  @Test func completeListingIsCleanUnderReleaseAndReachesTheIR() throws {
    let result = CompilerTestSupport.compile(Self.flow(publishing: Self.listing), release: true)
    #expect(result.diagnostics.isEmpty, "\(CompilerTestSupport.render(result.diagnostics))")
    let publishing = try #require(result.program?.skill.publishing)
    #expect(publishing.category == "SHOPPING")
    #expect(
      publishing.locales["en-US"]
        == LocalePublishing(
          summary: "Kits by voice.", description: "Order kits by voice.",
          examplePhrases: ["Alexa, open test shop", "buy 2 kits", "Alexa, ask test shop for help"],
          keywords: ["kits"]))
  }

  @Test func missingListingIsAnErrorOnlyUnderRelease() {
    let text = Self.flow(publishing: "")
    #expect(Self.ids(text, release: false).isEmpty)
    let release = CompilerTestSupport.compile(text, release: true).diagnostics
    #expect(release.map(\.message) == ["'skill' has no 'publishing'"])
    #expect(release.first?.range?.start.line == 2)
  }

  @Test func everyLocaleAndTheCategoryAreRequiredUnderRelease() {
    let enUSOnly = Self.listing.components(separatedBy: "    es-US:")[0]
    let text = Self.flow(
      publishing: enUSOnly.replacingOccurrences(of: "    category: SHOPPING\n", with: "")
        .replacingOccurrences(of: "      keywords: [kits]\n", with: ""))
    let messages = CompilerTestSupport.compile(text, release: true).diagnostics.map(\.message)
    #expect(
      messages == [
        "'skill.publishing' has no 'category'",
        "'skill.publishing' has no listing for 'es-US'",
        "'skill.publishing.en-US' has no 'keywords'",
      ])
  }

  @Test(arguments: [
    ("[\"open test shop\"]", "example phrase 'open test shop' does not open the skill"),
    ("[\"Alexa, open the shop\"]", "example phrase 'Alexa, open the shop' does not open the skill"),
    (
      "[\"Alexa, open test shop\", \"buy kits\"]",
      "example phrase 'buy kits' is not a sample of the flow"
    ),
    (
      "[\"Alexa, open test shop\", \"comprar 2 kits\"]",
      "example phrase 'comprar 2 kits' is not a sample of the flow"
    ),
    (
      "[\"Alexa, open test shop\", \"buy 2 kits\", \"I want a kit!\", \"buy 3 kits\"]",
      "example phrase 'buy 3 kits' is one too many"
    ),
  ])
  func examplePhrasesThatFailCertificationAreReported(phrases: String, message: String) {
    let text = Self.flow(
      publishing: Self.listing.replacingOccurrences(
        of: "[\"Alexa, open test shop\", \"buy 2 kits\", \"Alexa, ask test shop for help\"]",
        with: phrases))
    let warnings = CompilerTestSupport.compile(text).diagnostics
    #expect(warnings.map(\.message) == [message])
    #expect(warnings.allSatisfy { $0.severity == .warning })
    let errors = CompilerTestSupport.compile(text, release: true).diagnostics
    #expect(errors.map(\.message) == [message])
    #expect(errors.allSatisfy { $0.severity == .error })
  }

  @Test func aPhraseTooLongToSayIsNotComparedWithTheSamples() {
    let words = Array(repeating: "kits", count: SkillStoreTables.examplePhraseWordLimit)
    let long = "buy " + words.joined(separator: " ")
    let text = Self.flow(
      publishing: Self.listing.replacingOccurrences(
        of: "\"buy 2 kits\"", with: "\"\(long)\""))
    // `buy {count} kits` would match it, but no customer says a phrase that long.
    #expect(
      CompilerTestSupport.compile(text).diagnostics.map(\.message) == [
        "example phrase '\(long)' is not a sample of the flow"
      ])
  }

  @Test func aSlotStandsForOneOrMoreWordsButNotForNone() {
    let sample = SpokenWords("buy {count} kits")
    #expect(sample.matches(SpokenWords("Buy two kits.")))
    #expect(sample.matches(SpokenWords("buy twenty two kits")))
    #expect(!sample.matches(SpokenWords("buy kits")))
    #expect(!sample.matches(SpokenWords("buy two kits now")))
    #expect(SpokenWords("{a} {b}").matches(SpokenWords("one two")))
    #expect(!SpokenWords("{a} {b}").matches(SpokenWords("one")))
  }

  @Test func invocationIsFoundAsWholeWordsOrInsideUnspacedText() {
    #expect(SpokenWords("Alexa, ask test shop to buy").contains(SpokenWords("test shop")))
    #expect(!SpokenWords("Alexa, ask the test to shop").contains(SpokenWords("test shop")))
    #expect(SpokenWords("アレクサ、テストショップを開いて").contains(SpokenWords("テストショップ")))
  }

  @Test func listingTextsAreBoundedAndKeysStrict() {
    let long = String(repeating: "a", count: SkillStoreTables.summaryLimit + 1)
    let text = Self.flow(
      publishing: Self.listing.replacingOccurrences(of: "Kits by voice.", with: long)
        .replacingOccurrences(of: "keywords:", with: "keyword:")
        .replacingOccurrences(of: "SHOPPING", with: "Shopping"))
    let result = CompilerTestSupport.compile(text)
    #expect(
      result.diagnostics.map(\.id) == [
        "invalid-value", "text-too-long", "unknown-key", "unknown-key",
      ], "\(CompilerTestSupport.render(result.diagnostics))")
    #expect(result.diagnostics[2].notes.map(\.message) == ["did you mean 'keywords'?"])
  }

  @Test func listingForAnUndeclaredLocaleIsReported() {
    let text = Self.flow(
      publishing: Self.listing + "\n    fr-FR: { summary: Kits }")
    #expect(Self.ids(text, release: false) == ["undeclared-locale"])
  }
}
