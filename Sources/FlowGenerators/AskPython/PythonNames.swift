/// Python names for the flow's states and handlers: readable (`enter_confirm_order`,
/// `ConfirmOrderYesIntentHandler`), valid whatever the IR holds (an IR JSON file may name a
/// state anything), and unique within the generated module.
struct PythonNames {
  private var taken: Set<String>
  /// Per base name, the first `N` not yet tried for `base_N`.
  private var nextNumber: [String: Int] = [:]

  /// Creates a name table that never hands out `reserved` (the module's own names).
  init(reserved: Set<String> = []) {
    taken = reserved.union(PythonLiteral.reservedWords)
  }

  /// A unique `snake_case` name: `prefix` followed by the words of `text`.
  mutating func function(_ prefix: String, _ text: String...) -> String {
    let words = text.flatMap(Self.words)
    return unique(
      ([prefix] + words.map { $0.lowercased() }).filter { !$0.isEmpty }.joined(separator: "_"))
  }

  /// A unique `UpperCamelCase` name: the words of `parts`, then `suffix`.
  mutating func className(_ parts: [String], suffix: String) -> String {
    let words = parts.flatMap(Self.words)
    let camel = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    return unique(camel + suffix)
  }

  /// A unique `UPPER_SNAKE` constant name of `text` with `suffix`.
  mutating func constant(_ text: String, suffix: String) -> String {
    let words = Self.words(text).map { $0.uppercased() } + [suffix]
    return unique(words.filter { !$0.isEmpty }.joined(separator: "_"))
  }

  private mutating func unique(_ candidate: String) -> String {
    var base = candidate.isEmpty ? "unnamed" : candidate
    if let first = base.unicodeScalars.first, ("0"..."9").contains(first) { base = "n" + base }
    var name = base
    // Where the search for a free `base_N` stopped last time: many ids that give the same
    // name (an IR may name states `a-b`, `a.b`, `a b`, …) cost one step each, not one per
    // name handed out before.
    var number = nextNumber[base] ?? 2
    while taken.contains(name) {
      name = "\(base)_\(number)"
      number += 1
    }
    nextNumber[base] = number
    taken.insert(name)
    return name
  }

  /// The ASCII words of a text: letters and digits, split at anything else and where a lower
  /// case letter meets an upper case one (`AMAZON.YesIntent` → `AMAZON`, `Yes`, `Intent`;
  /// `confirm_order` → `confirm`, `order`). The `AMAZON` of a built-in intent is dropped.
  static func words(_ text: String) -> [String] {
    var words: [String] = []
    var current = ""
    var previousIsLower = false
    for scalar in text.unicodeScalars {
      let isUpper = ("A"..."Z").contains(scalar)
      let isLower = ("a"..."z").contains(scalar)
      let isDigit = ("0"..."9").contains(scalar)
      guard scalar.isASCII, isUpper || isLower || isDigit else {
        if !current.isEmpty { words.append(current) }
        current = ""
        previousIsLower = false
        continue
      }
      if isUpper, previousIsLower, !current.isEmpty {
        words.append(current)
        current = ""
      }
      current.unicodeScalars.append(scalar)
      previousIsLower = isLower || isDigit
    }
    if !current.isEmpty { words.append(current) }
    if words.count > 1, words[0] == "AMAZON" { words.removeFirst() }
    return words
  }
}
