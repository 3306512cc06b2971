import Testing

@testable import FlowCompiler

/// `Dictionary.firstValue(forKey:recording:)`: the first value recorded for a key wins, and the
/// call says whether there was one.
@Suite struct FirstValueTests {
  @Test func recordsTheFirstValueAndReturnsItAfterwards() {
    var seen: [String: Int] = [:]
    #expect(seen.firstValue(forKey: "a", recording: 1) == nil)
    #expect(seen == ["a": 1])
    #expect(seen.firstValue(forKey: "a", recording: 2) == 1)
    #expect(seen == ["a": 1])
    #expect(seen.firstValue(forKey: "b", recording: 3) == nil)
    #expect(seen == ["a": 1, "b": 3])
  }

  /// Through the storage's growth: every key is new once and known afterwards, with its first
  /// value.
  @Test func agreesWithTwoLookupsOverManyKeys() {
    var seen: [NormalizedPhrase: Int] = [:]
    var reference: [NormalizedPhrase: Int] = [:]
    for index in 0..<5_000 {
      let key = NormalizedPhrase(
        locale: index % 3 == 0 ? "de-DE" : "en-US", normalized: "w\(index % 1_700)")
      let expected = reference[key]
      if expected == nil { reference[key] = index }
      #expect(seen.firstValue(forKey: key, recording: index) == expected)
    }
    #expect(seen == reference)
  }
}
