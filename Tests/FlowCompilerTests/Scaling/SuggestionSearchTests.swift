import Testing

@testable import FlowCompiler

/// The "did you mean" search: same answers as before, and a cost (counted in budget units, not
/// timed) that stays linear in the candidates however many names are unknown.
@Suite struct SuggestionSearchTests {
  /// The textbook distance, for comparison.
  static func fullDistance(_ a: [Character], _ b: [Character]) -> Int {
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in stride(from: 1, through: a.count, by: 1) {
      for j in stride(from: 1, through: b.count, by: 1) {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
        }
      }
    }
    return table[a.count][b.count]
  }

  @Test func findsTyposAsBefore() {
    #expect(
      Suggestions.closest(to: "chekout", among: ["checkout", "charge", "welcome"]) == "checkout")
    #expect(Suggestions.closest(to: "CHECKOUT", among: ["checkout"]) == "checkout")
    #expect(Suggestions.closest(to: "ab", among: ["ba"]) == "ba")
    // Ties go to the first in sorted order, whatever the order given.
    #expect(Suggestions.closest(to: "cat", among: ["cot", "cut", "bat"]) == "bat")
    #expect(Suggestions.closest(to: "cat", among: ["cut", "bat", "cot"]) == "bat")
    #expect(Suggestions.closest(to: "welcome", among: ["welcome"]) == nil)
    #expect(Suggestions.closest(to: "xyz", among: ["checkout"]) == nil)
    #expect(Suggestions.editDistance("kitten", "sitting") == 3)
    #expect(Suggestions.editDistance("abcd", "acbd") == 1)
    #expect(Suggestions.editDistance("", "abc") == 3)
  }

  @Test func theBandedDistanceAgreesWithTheFullOne() {
    var generator = SystemRandomNumberGenerator()
    let letters: [Character] = ["a", "b", "c"]
    for _ in 0..<2_000 {
      let a = (0..<Int.random(in: 0...9, using: &generator)).map { _ in
        letters.randomElement(using: &generator)!
      }
      let b = (0..<Int.random(in: 0...9, using: &generator)).map { _ in
        letters.randomElement(using: &generator)!
      }
      let full = Self.fullDistance(a, b)
      for limit in 0...5 {
        var cells = 0
        let banded = Suggestions.boundedEditDistance(a, b, limit: limit, cells: &cells)
        #expect(banded == (full <= limit ? full : nil), "\(a) \(b) limit \(limit)")
        #expect(cells <= a.count * (2 * limit + 1))
      }
    }
  }

  /// `relatedName` as it compared every pair: as characters, with `String.contains`.
  static func relatedByCharacters(to name: String, among candidates: Set<String>) -> String? {
    let word = Array(name.lowercased())
    var best: (name: String, shared: Int)?
    for candidate in candidates.sorted() {
      let other = Array(candidate.lowercased())
      var shared = 0
      while shared < min(word.count, other.count), word[shared] == other[shared] { shared += 1 }
      let contains =
        word.count >= 4 && other.count >= 4
        && (candidate.lowercased().contains(name.lowercased())
          || name.lowercased().contains(candidate.lowercased()))
      let score = contains ? min(word.count, other.count) : shared
      guard score >= 4, score * 2 >= min(word.count, other.count) else { continue }
      if score > (best?.shared ?? 0) { best = (candidate, score) }
    }
    return best?.name
  }

  @Test func relatedNamesAreThoseOfTheCharacterComparison() {
    // ASCII names are compared as bytes (a linear substring search): same answers as the
    // comparison of characters, for ASCII and for other text.
    var generator = SystemRandomNumberGenerator()
    let pieces = ["ab", "aba", "B", "c", "_", "abab", "é", "e\u{301}", "1", "abc"]
    func name() -> String {
      (0..<Int.random(in: 0...6, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }.joined()
    }
    for _ in 0..<2_000 {
      let candidates = Set((0..<Int.random(in: 1...6, using: &generator)).map { _ in name() })
      let word = name()
      #expect(
        DiagnosticCatalogue.relatedName(to: word, among: candidates)
          == Self.relatedByCharacters(to: word, among: candidates), "\(word) \(candidates)")
    }
    #expect(
      DiagnosticCatalogue.relatedName(to: "order_total_spoken", among: ["total_spoken", "other"])
        == "total_spoken")
  }

  @Test func relatedPromptsSpendTheBudgetAndStopWhenItIsSpent() {
    // 2,000 unknown prompts against 2,000 unused ones: 4 M comparisons without a budget.
    let unused = Set((0..<2_000).map { "unused_prompt_\($0)" })
    #expect(DiagnosticCatalogue.relatedName(to: "unused_prompt_7x", among: unused) != nil)
    let budget = SuggestionBudget(units: 200_000)
    Suggestions.$budget.withValue(budget) {
      for index in 0..<2_000 {
        _ = DiagnosticCatalogue.relatedName(to: "missing_\(index)", among: unused)
      }
      // Spent: not even a close name is looked for any more.
      #expect(DiagnosticCatalogue.relatedName(to: "unused_prompt_7x", among: unused) == nil)
    }
    #expect(budget.spent > 150_000, "spent \(budget.spent)")
  }

  @Test func candidatesOfAnotherLengthCostOneUnit() {
    // 3,000 candidates of every length from 1 to 3,000: the full distance would compute
    // 9 × 4.5 M cells; only the few candidates of about the word's length are compared.
    let candidates = (1...3_000).map { String(repeating: "a", count: $0) }
    let budget = SuggestionBudget(units: .max)
    let found = Suggestions.$budget.withValue(budget) {
      Suggestions.closest(to: "aaaaaaaab", among: candidates)
    }
    #expect(found == "aaaaaaaa")
    #expect(budget.spent < 20_000, "spent \(budget.spent)")
  }

  @Test func theSearchStopsEarlyOnDistantCandidates() {
    // 2,000 unrelated candidates of the word's length: the band (limit 10, 21 cells a row)
    // and the early exit keep each comparison far below the 900 cells of the full table.
    var generator = SystemRandomNumberGenerator()
    let word = String((0..<30).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
    let candidates = (0..<2_000).map { _ in
      String((0..<30).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement(using: &generator)! })
    }
    let budget = SuggestionBudget(units: .max)
    _ = Suggestions.$budget.withValue(budget) { Suggestions.closest(to: word, among: candidates) }
    #expect(budget.spent < 2_000 * (1 + 30 + 21 * 20), "spent \(budget.spent)")
  }

  @Test func anExhaustedBudgetGivesNoSuggestion() {
    let candidates = (0..<1_000).map { "state\($0)" } + ["checkout"]
    #expect(
      Suggestions.$budget.withValue(SuggestionBudget(units: 50)) {
        Suggestions.closest(to: "chekout", among: candidates)
      } == nil)
    #expect(
      Suggestions.$budget.withValue(SuggestionBudget(units: 1_000_000)) {
        Suggestions.closest(to: "chekout", among: candidates)
      } == "checkout")
  }

  @Test func oneFileSpendsAtMostItsBudgetHoweverManyNamesAreUnknown() {
    // 3,000 states, each going to an unknown state named like the others: 3,000 searches over
    // 3,000 names (about 9 M comparisons without a budget).
    var text = """
      flowc: 1
      skill: { name: Test Shop, invocation: test shop, locales: [en-US] }
      prompts: { en-US: { hello: Hello, bye: Goodbye } }
      flow:
        start: state0000
        states:
          bye: { tell: bye }

      """
    for index in 0..<3_000 {
      let id = String(index).leftPadded(4)
      text +=
        "    state\(id): { ask: hello, on: { AMAZON.YesIntent: stat\(id)x, AMAZON.StopIntent: bye } }\n"
    }
    let budget = SuggestionBudget(units: Suggestions.budgetPerFile)
    let diagnostics = Suggestions.$budget.withValue(budget) {
      FlowCompiler.check(SourceFile(path: "many.yaml", text: text))
    }
    let unknown = diagnostics.filter { $0.id == "unknown-state" }
    #expect(unknown.count == 3_000)
    // The first ones still get their suggestion; the budget bounds the rest.
    #expect(unknown.first?.notes.contains { $0.message.contains("state0000") } == true)
    #expect(budget.spent <= Suggestions.budgetPerFile)
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
