import FlowIR
import Testing

@testable import FlowTesting

@Suite struct UtteranceMatcherTests {
  let noNicks: FlowProgram
  let euroShop: FlowProgram

  init() throws {
    noNicks = try Repository.example("no-nicks")
    euroShop = try Repository.example("euro-shop")
  }

  @Test func matchesASampleWithACatalogSlotAfterNormalising() throws {
    let matcher = UtteranceMatcher(program: noNicks, locale: "en-US")
    let match = try #require(matcher.match("  Buy a   RAZOR kit! "))
    #expect(match.intent == "BuyIntent")
    #expect(match.slots["product"] == MatchedSlot(value: "razor kit", resolvedId: "starter_kit"))
    #expect(match.sample == "buy a {product}")
  }

  @Test(arguments: [
    ("order 2 kit", 2), ("order two kit", 2), ("order twenty one kit", 21),
    ("order twenty-one kit", 21), ("order 12 starter pack", 12),
  ])
  func capturesNumbersAsDigitsOrWords(line: String, number: Int) throws {
    let matcher = UtteranceMatcher(program: noNicks, locale: "en-US")
    let match = try #require(matcher.match(line))
    #expect(match.intent == "BuyIntent")
    #expect(match.slots["quantity"]?.value == String(number))
    #expect(match.slots["product"]?.resolvedId == "starter_kit")
  }

  @Test(arguments: [
    ("yes", "AMAZON.YesIntent"), ("Yeah!", "AMAZON.YesIntent"), ("no thanks", "AMAZON.NoIntent"),
    ("HELP", "AMAZON.HelpIntent"), ("stop.", "AMAZON.StopIntent"),
    ("never mind", "AMAZON.CancelIntent"), ("that's right", "AMAZON.YesIntent"),
    ("start over", "AMAZON.StartOverIntent"),
  ])
  func matchesBuiltInPhrasings(line: String, intent: String) {
    let matcher = UtteranceMatcher(program: noNicks, locale: "en-US")
    #expect(matcher.match(line)?.intent == intent)
  }

  @Test(arguments: ["order kit", "", "   ", "!!!", "yes yes yes no", "a toothbrush"])
  func saysSoWhenNoIntentMatches(line: String) {
    let matcher = UtteranceMatcher(program: noNicks, locale: "en-US")
    #expect(matcher.match(line) == nil)
  }

  @Test func matchesGermanSamplesNumbersAndBuiltIns() throws {
    let matcher = UtteranceMatcher(program: euroShop, locale: "de-DE")
    let order = try #require(matcher.match("Bestelle vier Packungen Espresso."))
    #expect(order.intent == "BuyIntent")
    #expect(order.slots["quantity"]?.value == "4")
    #expect(order.slots["product"]?.resolvedId == "espresso")
    #expect(matcher.match("einundzwanzig mal filter")?.slots["quantity"]?.value == "21")
    #expect(
      matcher.match("den Filterkaffee kaufen")?.slots["product"]?.resolvedId == "filter_coffee")
    #expect(matcher.match("Ja, bitte!")?.intent == "AMAZON.YesIntent")
    #expect(matcher.match("nein")?.intent == "AMAZON.NoIntent")
    // English synonyms do not belong to the German catalog: the value is not resolved.
    let english = try #require(matcher.match("bestelle ground coffee"))
    #expect(english.slots["product"] == MatchedSlot(value: "ground coffee"))
  }

  @Test func catalogValuesMatchOnlyTheirOwnLocale() {
    let english = UtteranceMatcher(program: euroShop, locale: "en-GB")
    #expect(english.match("buy ground coffee")?.slots["product"]?.resolvedId == "filter_coffee")
    #expect(
      english.match("buy filterkaffee")?.slots["product"] == MatchedSlot(value: "filterkaffee"))
  }

  @Test func isDeterministicAndPrefersTheMoreLiteralSample() throws {
    let matcher = UtteranceMatcher(program: noNicks, locale: "en-US")
    // "buy a kit" fits "buy {product}" only if "a kit" were a product; it is not, so the
    // sample with the literal "a" wins every time.
    let matches = (0..<20).map { _ in matcher.match("buy a kit") }
    #expect(Set(matches.map { $0?.sample }) == ["buy a {product}"])
  }

  @Test func aCatalogValueThatNamesNoProductIsSentUnresolvedAfterEverythingElse() throws {
    let matcher = UtteranceMatcher(program: noNicks, locale: "en-US")
    let rooibos = try #require(matcher.match("buy a rooibos tea"))
    #expect(rooibos.intent == "BuyIntent")
    #expect(rooibos.sample == "buy a {product}")
    #expect(rooibos.slots["product"] == MatchedSlot(value: "rooibos tea"))
    // A resolved product wins over an unresolved reading of the same line.
    #expect(matcher.match("buy a kit")?.slots["product"]?.resolvedId == "starter_kit")
    // Built-in phrasings come before an unresolved product.
    #expect(matcher.match("no thanks")?.intent == "AMAZON.NoIntent")
  }

  @Test func answersAnElicitationWithTheWholeLine() {
    let matcher = UtteranceMatcher(program: noNicks, locale: "en-US")
    #expect(
      matcher.elicitedValue("Razor kit!", slot: "product", of: "BuyIntent", openCatalog: false)
        == MatchedSlot(value: "razor kit", resolvedId: "starter_kit"))
    #expect(
      matcher.elicitedValue("rooibos", slot: "product", of: "BuyIntent", openCatalog: false)
        == nil)
    #expect(
      matcher.elicitedValue("rooibos", slot: "product", of: "BuyIntent", openCatalog: true)
        == MatchedSlot(value: "rooibos"))
    #expect(
      matcher.elicitedValue("three", slot: "quantity", of: "BuyIntent", openCatalog: true)
        == MatchedSlot(value: "3"))
    #expect(
      matcher.elicitedValue("lots", slot: "quantity", of: "BuyIntent", openCatalog: true) == nil)
    #expect(
      matcher.elicitedValue("kit", slot: "product", of: "NoSuchIntent", openCatalog: true) == nil)
  }

  @Test func hostileInputDoesNotCrash() {
    let matcher = UtteranceMatcher(program: noNicks, locale: "en-US")
    let long = String(repeating: "buy ", count: 2000) + "kit"
    // Only as an unresolved product: no product has that name.
    #expect(matcher.match(long)?.slots["product"]?.resolvedId == nil)
    #expect(matcher.match("{product}") == nil)
    #expect(matcher.match("\u{0}\u{7}\u{202E}yes")?.intent == "AMAZON.YesIntent")
    #expect(matcher.match("🪒🪒") == nil)
  }
}
