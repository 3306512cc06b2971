import Testing

@testable import FlowCompiler

@Suite struct SSMLCheckerTests {
  @Test(arguments: [
    "<speak>Hello</speak>",
    "  <speak>Hello {product.name}, that is {order.total}.</speak>\n",
    #"<speak><p>One</p><s>Two</s><break time="1s"/><emphasis level='strong'>three</emphasis></speak>"#,
    #"<speak><amazon:emotion name="excited" intensity="medium">Yes!</amazon:emotion></speak>"#,
    #"<speak><say-as interpret-as="digits">123</say-as> &amp; &lt;&gt; &quot;&apos; &#65; &#x1F600;</speak>"#,
    #"<speak><prosody rate="slow" pitch="+5%">Grüße 🎉</prosody><lang xml:lang="de-DE">Tschüss</lang></speak>"#,
    #"<speak><audio src="https://example.com/a.mp3" /><w role="amazon:VB">read</w><voice name="Hans">hi</voice></speak>"#,
    #"<speak><phoneme alphabet="ipa" ph="pɪˈkɑːn">pecan</phoneme><sub alias="aluminium">Al</sub></speak>"#,
    "<speak>a > b {{ }} { }</speak>",
    "<speak><amazon:domain name=\"conversational\"><amazon:effect name=\"whispered\">x</amazon:effect></amazon:domain></speak>",
  ])
  func validSSML(text: String) {
    #expect(SSMLChecker.check(text) == [])
  }

  @Test(arguments: [
    // (text, tag, attribute, value)
    (
      #"<speak><audio src="http://example.com/a.mp3"/></speak>"#, "audio", "src",
      "http://example.com/a.mp3"
    ),
    (#"<speak><audio src="https://"/></speak>"#, "audio", "src", "https://"),
    (#"<speak><break time="11s"/></speak>"#, "break", "time", "11s"),
    (#"<speak><break time="20000ms"/></speak>"#, "break", "time", "20000ms"),
    (#"<speak><break time="soon"/></speak>"#, "break", "time", "soon"),
    (#"<speak><break strength="huge"/></speak>"#, "break", "strength", "huge"),
    (#"<speak><prosody rate="warp">x</prosody></speak>"#, "prosody", "rate", "warp"),
    (#"<speak><prosody rate="10%">x</prosody></speak>"#, "prosody", "rate", "10%"),
    (#"<speak><prosody pitch="+80%">x</prosody></speak>"#, "prosody", "pitch", "+80%"),
    (#"<speak><prosody volume="+10dB">x</prosody></speak>"#, "prosody", "volume", "+10dB"),
    (#"<speak><voice name="Hal">x</voice></speak>"#, "voice", "name", "Hal"),
    (#"<speak><emphasis level="loud">x</emphasis></speak>"#, "emphasis", "level", "loud"),
    (#"<speak><say-as interpret-as="roman">x</say-as></speak>"#, "say-as", "interpret-as", "roman"),
  ])
  func attributeValuesAlexaRefuses(text: String, tag: String, attribute: String, value: String) {
    let found = only(text)
    guard
      case .invalidAttributeValue(let foundTag, let foundAttribute, let foundValue, _)? =
        found?.kind
    else {
      Issue.record("\(text): \(String(describing: found))")
      return
    }
    #expect((foundTag, foundAttribute, foundValue) == (tag, attribute, value))
    #expect(found?.range.characters == scalarRange(of: value, in: text))
  }

  @Test func attributeValuesWithinTheLimitsPass() {
    for text in [
      #"<speak><break time="10s"/><break time="250ms"/><break time="1.5s"/></speak>"#,
      #"<speak><prosody rate="150%" pitch="-20%" volume="-6dB">x</prosody></speak>"#,
      #"<speak><audio src="{order.id}"/></speak>"#,
    ] {
      #expect(SSMLChecker.check(text) == [], "\(text)")
    }
  }

  func only(_ text: String) -> SSMLProblem? {
    let problems = SSMLChecker.check(text)
    #expect(problems.count == 1, "\(text): \(problems)")
    return problems.first
  }

  @Test func unknownTagWithSuggestion() {
    let text = "<speak><emphasys>x</emphasys></speak>"
    let found = only(text)
    #expect(found?.kind == .unknownTag("emphasys", suggestion: "emphasis"))
    #expect(found?.range.characters == scalarRange(of: "emphasys", in: text))
    #expect(only("<speak><div>x</div></speak>")?.kind == .unknownTag("div", suggestion: nil))
  }

  @Test func mismatchedClosingTag() {
    let text = "<speak><p><s>x</p></speak>"
    let found = only(text)
    #expect(
      found?.kind
        == .mismatchedClosingTag(
          found: "p", expected: "s",
          openRange: TextRange(characters: 10..<13, utf8: 10..<13)))
    #expect(found?.range.characters == scalarRange(of: "</p>", in: text))
  }

  @Test func closingTagThatMatchesNothingOpen() {
    let problems = SSMLChecker.check("<speak>x</p></speak>")
    #expect(
      problems.map(\.kind) == [
        .mismatchedClosingTag(
          found: "p", expected: "speak", openRange: TextRange(characters: 0..<7, utf8: 0..<7))
      ])
    #expect(
      SSMLChecker.check("<speak>x</speak></speak>").map(\.kind) == [.unexpectedClosingTag("speak")])
  }

  @Test func unclosedTagPointsAtItsOpeningTag() {
    let text = "<speak><p>x"
    let problems = SSMLChecker.check(text)
    #expect(problems.map(\.kind) == [.unclosedTag("p"), .unclosedTag("speak")])
    #expect(problems.first?.range.characters == scalarRange(of: "<p>", in: text))
  }

  @Test func strayCharacters() {
    let text = "<speak>1 < 2 & 3</speak>"
    let problems = SSMLChecker.check(text)
    #expect(problems.map(\.kind) == [.strayLessThan, .strayAmpersand])
    #expect(problems.first?.range.characters == scalarRange(of: "<", in: text, occurrence: 2))
    #expect(problems.last?.range.characters == scalarRange(of: "&", in: text))
  }

  @Test func entities() {
    #expect(only("<speak>&nbsp;</speak>")?.kind == .unknownEntity("nbsp"))
    #expect(only("<speak>&#0;</speak>")?.kind == .invalidCharacterReference("#0"))
    #expect(only("<speak>&#xD800;</speak>")?.kind == .invalidCharacterReference("#xD800"))
    #expect(only("<speak>&#x110000;</speak>")?.kind == .invalidCharacterReference("#x110000"))
    #expect(only("<speak>&#X41;</speak>")?.kind == .invalidCharacterReference("#X41"))
    #expect(only("<speak>&#+65;</speak>")?.kind == .invalidCharacterReference("#+65"))
    #expect(only("<speak>&;</speak>")?.kind == .strayAmpersand)
    #expect(only("<speak>AT&T</speak>")?.kind == .strayAmpersand)
  }

  @Test func attributes() {
    #expect(only("<speak><break time=1s/></speak>")?.kind == .unquotedAttribute("time"))
    #expect(
      only(#"<speak><break time="1s" time="2s"/></speak>"#)?.kind == .duplicateAttribute("time"))
    #expect(only(#"<speak><audio src="a<b"/></speak>"#)?.kind == .lessThanInAttribute)
    #expect(only(#"<speak><audio src="a&b"/></speak>"#)?.kind == .strayAmpersand)
    #expect(only(#"<speak><break time"1s"/></speak>"#)?.kind == .malformedTag)
    #expect(only(#"<speak><break time="1s"strength="x"/></speak>"#)?.kind == .malformedTag)
    #expect(
      SSMLChecker.check(#"<speak><break time="1s/>"#).map(\.kind) == [
        .malformedTag, .unclosedTag("speak"),
      ])
    #expect(
      SSMLChecker.check(#"<speak><break time="1s/></speak>"#).map(\.kind) == [
        .lessThanInAttribute, .malformedTag, .unclosedTag("speak"),
      ])
  }

  @Test func requiredAttributes() {
    let text = "<speak><audio/> <say-as>1</say-as></speak>"
    let problems = SSMLChecker.check(text)
    #expect(
      problems.map(\.kind) == [
        .missingAttribute(tag: "audio", attribute: "src"),
        .missingAttribute(tag: "say-as", attribute: "interpret-as"),
      ])
    #expect(problems.first?.range.characters == scalarRange(of: "audio", in: text))
    #expect(
      SSMLChecker.check(#"<speak><amazon:emotion name="excited">x</amazon:emotion></speak>"#)
        .map(\.kind) == [.missingAttribute(tag: "amazon:emotion", attribute: "intensity")])
    #expect(
      SSMLChecker.check(#"<speak><phoneme ph="x" alphabet="ipa">y</phoneme></speak>"#).isEmpty)
  }

  @Test func unterminatedTags() {
    let text = "<speak>x<p"
    let problems = SSMLChecker.check(text)
    #expect(problems.first?.kind == .malformedTag)
    #expect(problems.first?.range.characters == scalarRange(of: "<p", in: text))
    #expect(SSMLChecker.check("<speak>x</p").first?.kind == .malformedTag)
    #expect(SSMLChecker.check("<speak>x</ p>").first?.kind == .malformedTag)
  }

  @Test func rootRules() {
    #expect(only("<speak>x</speak> trailing")?.kind == .contentOutsideRoot)
    #expect(only("<speak>x</speak><p>y</p>")?.kind == .contentOutsideRoot)
    #expect(only("<speak><speak>x</speak></speak>")?.kind == .nestedSpeak)
    #expect(only("<p>x</p>")?.kind == .rootNotSpeak("p"))
    #expect(SSMLChecker.check("<speak>x</speak>\n  \t").isEmpty)
  }

  @Test func commentsAndOtherMarkupAreRefused() {
    #expect(only("<speak>a<!-- note -->b</speak>")?.kind == .unsupportedMarkup)
    #expect(only("<speak><![CDATA[x]]></speak>")?.kind == .unsupportedMarkup)
    #expect(only("<speak><?xml version='1.0'?>x</speak>")?.kind == .unsupportedMarkup)
  }

  @Test func rangesCountCharactersAndBytes() throws {
    let text = "<speak>Grüße <bogus/></speak>"
    let found = try #require(only(text))
    #expect(found.range.characters == scalarRange(of: "bogus", in: text))
    #expect(found.range.utf8 == utf8Range(of: "bogus", in: text))
  }

  @Test func hostileInputsAreBoundedAndDoNotCrash() {
    let deep =
      "<speak>" + String(repeating: "<p>", count: 100_000)
      + String(repeating: "</p>", count: 100_000)
      + "</speak>"
    #expect(SSMLChecker.check(deep).isEmpty)
    let unclosed = "<speak>" + String(repeating: "<s>", count: 100_000)
    #expect(SSMLChecker.check(unclosed).count == SSMLChecker.maximumProblems)
    let stray = "<speak>" + String(repeating: "< & ", count: 100_000) + "</speak>"
    #expect(SSMLChecker.check(stray).count == SSMLChecker.maximumProblems)
    #expect(SSMLChecker.check("<speak>\u{0}\u{FFFF}</speak>").isEmpty)
    #expect(!SSMLChecker.check("<").isEmpty)
    #expect(SSMLChecker.check("").isEmpty)
  }
}
