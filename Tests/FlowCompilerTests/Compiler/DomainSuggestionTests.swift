import FlowIR
import Testing

@testable import FlowCompiler

/// Suggestions that know Alexa: locales by language and country, prompts among every defined
/// one, and an unknown slot's intent with its slots.
@Suite struct DomainSuggestionTests {
  static func notes(_ diagnostic: Diagnostic) -> [String] { diagnostic.notes.map(\.message) }

  @Test(arguments: [
    ("en-UK", "en-GB"), ("en_us", "en-US"), ("EN-gb", "en-GB"), ("US-en", "en-US"),
    ("de-AT", "de-DE"), ("de-CH", "de-DE"), ("jp-JP", "ja-JP"), ("ja-JA", "ja-JP"),
    ("en-IE", "en-GB"), ("en-NZ", "en-AU"), ("fr-BE", "fr-FR"), ("es-AR", "es-MX"),
    ("pt-PT", "pt-BR"), ("UK", "en-GB"), ("it", "it-IT"), ("en-USA", "en-US"),
  ])
  func localeSuggestionKnowsLanguagesAndCountries(written: String, meant: String) {
    #expect(LocaleSuggestion.suggestion(for: written).locale == meant)
  }

  @Test func aLanguageWithSeveralCountriesListsThem() {
    let suggestion = LocaleSuggestion.suggestion(for: "en")
    #expect(suggestion.locale == nil)
    #expect(suggestion.reason?.contains("'en-GB'") == true)
    #expect(suggestion.reason?.contains("'en-US'") == true)
  }

  @Test func enUKInLocalesSuggestsEnGBAndNamesTheKey() throws {
    let source = MarkedSource(
      ParserTests.base.replacingOccurrences(of: "locales: [en-US]", with: "locales: [1️⃣en-UK]"))
    let result = FlowCompiler.compile(source.file())
    let diagnostic = try #require(result.diagnostics.first { $0.id == "invalid-value" })
    #expect(diagnostic.message == "invalid value 'en-UK' for 'locales'")
    #expect(diagnostic.range?.start == source["1️⃣"])
    let notes = Self.notes(diagnostic)
    #expect(notes.contains("did you mean 'en-GB'?"), "\(notes)")
    #expect(notes.contains { $0.contains("'GB', not 'UK'") }, "\(notes)")
    #expect(!notes.contains("did you mean 'en-US'?"))
  }

  @Test func promptsOfAnUndeclaredLocaleSuggestTheDeclaredOneMeant() throws {
    let text = ParserTests.base.replacingOccurrences(
      of: "locales: [en-US]", with: "locales: [en-GB]"
    )
    .replacingOccurrences(of: "  en-US:\n", with: "  en-UK:\n")
    let result = CompilerTestSupport.compile(text)
    let diagnostic = try #require(result.diagnostics.first { $0.id == "undeclared-locale" })
    #expect(Self.notes(diagnostic).contains("did you mean 'en-GB'?"), "\(diagnostic)")
  }

  @Test func unknownPromptIsMatchedAgainstTheUnusedPromptsToo() throws {
    let source = MarkedSource(
      ParserTests.base.replacingOccurrences(
        of: "    bye: Goodbye\n", with: "    2️⃣thanks: Goodbye\n"
      )
      .replacingOccurrences(of: "      tell: bye", with: "      tell: 1️⃣thank_you"))
    let result = FlowCompiler.compile(source.file())
    let diagnostic = try #require(result.diagnostics.first { $0.id == "unknown-prompt" })
    #expect(diagnostic.range?.start == source["1️⃣"])
    #expect(
      Self.notes(diagnostic) == [
        "did you mean 'thanks'?", "prompt 'thanks' is defined but not used anywhere",
      ])
    #expect(diagnostic.notes.first?.range?.start == source["2️⃣"])
    // The prompt meant is not reported as unused as well.
    #expect(!result.diagnostics.contains { $0.id == "unused-prompt" })
  }

  @Test func aCloseUsedPromptIsStillSuggested() throws {
    let text = ParserTests.base.replacingOccurrences(
      of: "      tell: bye", with: "      tell: hallo")
    let result = CompilerTestSupport.compile(text)
    let diagnostic = try #require(result.diagnostics.first { $0.id == "unknown-prompt" })
    #expect(Self.notes(diagnostic) == ["did you mean 'hello'?"])
  }

  @Test func unknownSlotInASetNamesTheIntentAndListsItsSlots() throws {
    let text = ParserTests.base.replacingOccurrences(
      of: "prompts:",
      with: """
        intents:
          BuyIntent:
            slots: { product: catalog, quantity: AMAZON.NUMBER }
            samples: { en-US: ["buy {product}", "buy {quantity} {product}"] }
        prompts:
        """
    ).replacingOccurrences(
      of: "        AMAZON.YesIntent: bye",
      with: """
                AMAZON.YesIntent: bye
                BuyIntent:
                  set: { product: slot.prodcut }
                  goto: bye
        """)
    let result = CompilerTestSupport.compile(text)
    let diagnostic = try #require(result.diagnostics.first { $0.id == "unknown-slot" })
    #expect(diagnostic.message == "unknown slot 'prodcut' in intent 'BuyIntent'")
    #expect(
      Self.notes(diagnostic) == [
        "did you mean 'product'?", "the slots of intent 'BuyIntent' are 'product', 'quantity'",
      ])
  }

  @Test func unknownSlotInASampleListsTheSlotsOrSaysThereAreNone() throws {
    let text = ParserTests.base.replacingOccurrences(
      of: "prompts:",
      with: """
        intents:
          HelloIntent:
            samples: { en-US: ["hello {name}"] }
        prompts:
        """)
    let result = CompilerTestSupport.compile(text)
    let diagnostic = try #require(result.diagnostics.first { $0.id == "unknown-slot" })
    #expect(diagnostic.message == "unknown slot 'name' in intent 'HelloIntent'")
    #expect(Self.notes(diagnostic) == ["intent 'HelloIntent' has no slots"])
  }
}
