import Testing

@testable import FlowCompiler

/// The first sample of an intent without a slot, asked for by every `set` that reads the slot:
/// the samples are looked at once per intent, however many transitions ask (counted in samples
/// parsed, not timed), and the answers are those of a search through the samples in order.
@Suite struct SampleSearchTests {
  static func sample(_ text: String, line: Int) -> TextScalar {
    let position = SourcePosition(line: line, column: 1, offset: 0)
    return TextScalar(text: text, style: .plain, range: SourceRange(start: position, end: position))
  }

  static func intent(slots: [String], samples: [(locale: String, texts: [String])]) -> IntentSyntax
  {
    let position = SourcePosition(line: 1, column: 1, offset: 0)
    let range = SourceRange(start: position, end: position)
    var intent = IntentSyntax()
    intent.slots = slots.map {
      KeyedSyntax(key: Located($0, at: range), value: Located("catalog", at: range))
    }
    var line = 0
    intent.samples = samples.map { locale, texts in
      KeyedSyntax(
        key: Located(locale, at: range),
        value: texts.map { text in
          line += 1
          return sample(text, line: line)
        })
    }
    return intent
  }

  @Test func manyReadsOfManySamplesParseEachSampleOnce() {
    let count = 3_000
    let texts = (0..<count).map { "pick {item} and {other} number \($0)" }
    let declared = Self.intent(slots: ["item", "other", "third"], samples: [("en-US", texts)])
    var search = SamplesWithoutSlot()
    for _ in 0..<count {
      #expect(search.first(without: "item", of: "PickIntent", declared) == nil)
      #expect(search.first(without: "third", of: "PickIntent", declared)?.sample.text == texts[0])
    }
    // One pass: a search per read would have parsed 2 × 3,000 × 3,000 samples.
    #expect(search.samplesParsed <= count, "parsed \(search.samplesParsed) samples")
  }

  @Test func answersAreTheFirstSampleInSourceOrder() {
    let declared = Self.intent(
      slots: ["a", "b", "c", "d"],
      samples: [
        ("en-US", ["{a} {b} {c}", "{a} {c}", "{a} {b}"]),
        ("en-GB", ["{b} {c}", "{a} {b} {c}"]),
      ])
    var search = SamplesWithoutSlot()
    func first(_ slot: String) -> String? {
      guard let found = search.first(without: slot, of: "I", declared) else { return nil }
      return "\(found.locale): \(found.sample.text)"
    }
    #expect(first("a") == "en-GB: {b} {c}")
    #expect(first("b") == "en-US: {a} {c}")
    #expect(first("c") == "en-US: {a} {b}")
    #expect(first("d") == "en-US: {a} {b} {c}")
    #expect(first("undeclared") == nil)
  }
}
