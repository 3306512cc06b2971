import Foundation

/// "Did you mean" suggestions for misspelt keys and names.
///
/// The search is bounded so that a file full of unknown names stays linear: candidates whose
/// length differs from the word's by more than the allowed distance are skipped, the edit
/// distance is computed only in a band around the diagonal and stops as soon as every cell of
/// a row is over the limit, and every search spends from a ``SuggestionBudget`` (one per file
/// during a compilation, see ``Suggestions/budget``). Once the budget is spent, diagnostics
/// come without a suggestion.
public enum Suggestions {
  /// The work one compilation of a file may spend on suggestions, in budget units (one per
  /// candidate looked at, one per character converted, one per edit-distance cell): about a
  /// tenth of a second of a release build, far more than an ordinary flow needs.
  public static let budgetPerFile = 20_000_000

  /// The work one search may spend when no budget is installed.
  public static let budgetPerSearch = 2_000_000

  /// The budget the searches of the current task spend from, or `nil` for a fresh
  /// ``budgetPerSearch`` per search. ``FlowCompiler`` installs one per file (unless one is
  /// installed already, which lets a caller share one budget over several files or read what
  /// was spent).
  @TaskLocal public static var budget: SuggestionBudget?

  /// The candidate closest to `word` by edit distance, when it is close enough to be a likely
  /// typo (at most a third of the word's length, and at least 1); ties go to the first in
  /// sorted order so that the output is stable. Comparison ignores case.
  ///
  /// - Returns: The candidate, or `nil` when none is close enough or the budget ran out before
  ///   the search was complete (a suggestion is only given when it is the closest).
  public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
    let budget = self.budget ?? SuggestionBudget(units: budgetPerSearch)
    var target: [Unicode.Scalar] = []
    lowercasedScalars(of: word, into: &target)
    guard budget.spend(target.count) else { return nil }
    let limit = max(1, word.count / 3)
    var best: (name: String, distance: Int)?
    // Reused by every candidate: a search allocates its buffers once.
    var scalars: [Unicode.Scalar] = []
    var rows = EditDistanceRows()
    for candidate in candidates where candidate != word {
      // The cheapest look at a candidate: its UTF-8 length bounds its length in scalars
      // from above (and a quarter of it from below).
      let utf8Count = candidate.utf8.count
      let allowed = best?.distance ?? limit
      if utf8Count < target.count - allowed || (utf8Count + 3) / 4 > target.count + allowed {
        guard budget.spend(1) else { return nil }
        continue
      }
      lowercasedScalars(of: candidate, into: &scalars)
      guard abs(scalars.count - target.count) <= allowed else {
        guard budget.spend(1 + utf8Count) else { return nil }
        continue
      }
      var cells = 0
      let distance = boundedEditDistance(
        target, scalars, limit: allowed, cells: &cells, rows: &rows)
      // One unit for the look, one per character converted, one per cell: spent at once
      // (one lock per candidate), and nothing is suggested when they were not left.
      guard budget.spend(1 + utf8Count + cells) else { return nil }
      guard let distance else { continue }
      if let current = best, distance == current.distance, candidate >= current.name { continue }
      best = (candidate, distance)
    }
    return best?.name
  }

  /// The Unicode scalars of `text` lowercased, as `text.lowercased().unicodeScalars`, into
  /// `scalars` (replacing what it held); ASCII text without a copy of the string.
  static func lowercasedScalars(of text: String, into scalars: inout [Unicode.Scalar]) {
    scalars.removeAll(keepingCapacity: true)
    var isASCII = true
    for byte in text.utf8 {
      guard byte < 0x80 else {
        isASCII = false
        break
      }
      scalars.append(Unicode.Scalar(ASCIIText.lowercased(byte)))
    }
    guard !isASCII else { return }
    scalars.removeAll(keepingCapacity: true)
    scalars.append(contentsOf: text.lowercased().unicodeScalars)
  }

  /// The Damerau–Levenshtein (optimal string alignment) distance between two strings, in
  /// characters.
  public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs)
    let b = Array(rhs)
    var cells = 0
    return boundedEditDistance(a, b, limit: max(a.count, b.count), cells: &cells)
      ?? max(a.count, b.count)
  }

  /// The optimal string alignment distance between two sequences when it is at most `limit`,
  /// else `nil`, computing only the cells within `limit` of the diagonal and stopping at the
  /// first row whose cells all exceed `limit`.
  ///
  /// - Parameters:
  ///   - a: The first sequence.
  ///   - b: The second sequence.
  ///   - limit: The largest distance of interest.
  ///   - cells: Incremented by the number of cells computed (at most
  ///     `a.count × (2 × limit + 1)`).
  /// - Returns: The distance, or `nil` when it exceeds `limit`.
  static func boundedEditDistance<Element: Equatable>(
    _ a: [Element], _ b: [Element], limit: Int, cells: inout Int
  ) -> Int? {
    var rows = EditDistanceRows()
    return boundedEditDistance(a, b, limit: limit, cells: &cells, rows: &rows)
  }

  /// Three rows of the edit-distance table, kept by a search for all its candidates.
  struct EditDistanceRows {
    var previousPrevious: [Int] = []
    var previous: [Int] = []
    var current: [Int] = []
  }

  /// As ``boundedEditDistance(_:_:limit:cells:)``, in `rows` (whatever they held).
  static func boundedEditDistance<Element: Equatable>(
    _ a: [Element], _ b: [Element], limit: Int, cells: inout Int, rows: inout EditDistanceRows
  ) -> Int? {
    guard limit >= 0, abs(a.count - b.count) <= limit else { return nil }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    // Cells outside the band hold `over`, a value larger than any distance of interest.
    let over = limit + 1
    var previousPrevious = rows.previousPrevious
    var previous = rows.previous
    var current = rows.current
    rows = EditDistanceRows()
    defer {
      rows = EditDistanceRows(
        previousPrevious: previousPrevious, previous: previous, current: current)
    }
    previousPrevious.removeAll(keepingCapacity: true)
    previousPrevious.append(contentsOf: repeatElement(over, count: b.count + 1))
    previous.removeAll(keepingCapacity: true)
    for j in 0...b.count { previous.append(j <= limit ? j : over) }
    current.removeAll(keepingCapacity: true)
    current.append(contentsOf: repeatElement(over, count: b.count + 1))
    for i in 1...a.count {
      let low = max(1, i - limit)
      let high = min(b.count, i + limit)
      current[0] = i <= limit ? i : over
      if low > 1 { current[low - 1] = over }
      var rowMinimum = current[0]
      if low <= high {
        for j in low...high {
          let cost = a[i - 1] == b[j - 1] ? 0 : 1
          var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
          if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
            value = min(value, previousPrevious[j - 2] + 1)
          }
          current[j] = min(value, over)
          rowMinimum = min(rowMinimum, current[j])
        }
        cells += high - low + 1
      }
      if high < b.count { current[high + 1] = over }
      if rowMinimum > limit { return nil }
      (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count] <= limit ? previous[b.count] : nil
  }
}

/// How much work "did you mean" searches may still do, shared by the searches of one file
/// (see ``Suggestions/budget``).
public final class SuggestionBudget: @unchecked Sendable {
  private let lock = NSLock()
  private var remaining: Int
  private var spentUnits = 0

  /// Creates a budget of `units` (see ``Suggestions/budgetPerFile`` for what a unit is).
  public init(units: Int) {
    remaining = units
  }

  /// The units spent so far (never more than the budget).
  public var spent: Int {
    lock.withLock { spentUnits }
  }

  /// Spends `units`; `false` when they were not left (the budget is then exhausted, and every
  /// later request is refused).
  func spend(_ units: Int) -> Bool {
    lock.withLock {
      guard remaining >= units else {
        remaining = 0
        return false
      }
      remaining -= units
      spentUnits += units
      return true
    }
  }
}
