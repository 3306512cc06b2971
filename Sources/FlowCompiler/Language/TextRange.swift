/// A half-open range inside a string that one of the language parsers read (a prompt, a
/// `choose` condition, a variable path, a price), counted two ways.
///
/// `characters` counts Unicode scalars, the same unit ``SourcePosition/column`` counts, so that
/// a compiler mapping a problem into the file can add it to a column; `utf8` counts UTF-8
/// bytes, the unit of ``SourcePosition/offset``. Both start at 0 at the start of the string.
struct TextRange: Sendable, Hashable {
  /// Unicode scalar offsets from the start of the string.
  var characters: Range<Int>
  /// UTF-8 byte offsets from the start of the string.
  var utf8: Range<Int>

  /// The range moved right by a base range's start: turns a range relative to a substring (a
  /// path inside a placeholder) into one relative to the enclosing string.
  ///
  /// - Parameter base: Where the substring starts in the enclosing string.
  /// - Returns: The range relative to the enclosing string.
  func shifted(by base: TextRange) -> TextRange {
    TextRange(
      characters: (characters.lowerBound + base.characters.lowerBound)..<(characters.upperBound
        + base.characters.lowerBound),
      utf8: (utf8.lowerBound + base.utf8.lowerBound)..<(utf8.upperBound + base.utf8.lowerBound))
  }
}

/// A string as an array of Unicode scalars with the UTF-8 offset of each, so that the parsers
/// can index in constant time and report ``TextRange``s.
struct ScalarText {
  /// The scalars.
  let scalars: [Unicode.Scalar]
  /// `utf8Offsets[i]` is the UTF-8 offset of scalar `i`; one extra entry holds the total length.
  /// Empty for ASCII text, where scalar `i` is byte `i`.
  private let utf8Offsets: [Int]
  /// The text itself, which ``text(_:_:)`` slices.
  private let source: String

  init(_ text: String) {
    source = text
    // Prompts and conditions are mostly ASCII: then a scalar is a byte, and the offsets are the
    // indexes and need no array of their own.
    guard !ASCIIText.isASCII(text) else {
      let utf8 = text.utf8
      scalars =
        utf8.withContiguousStorageIfAvailable { $0.map { Unicode.Scalar($0) } }
        ?? utf8.map { Unicode.Scalar($0) }
      utf8Offsets = []
      return
    }
    scalars = Array(text.unicodeScalars)
    var offsets: [Int] = []
    offsets.reserveCapacity(scalars.count + 1)
    var offset = 0
    for scalar in scalars {
      offsets.append(offset)
      offset += UTF8.width(scalar)
    }
    offsets.append(offset)
    utf8Offsets = offsets
  }

  var count: Int { scalars.count }

  subscript(index: Int) -> Unicode.Scalar? {
    index >= 0 && index < scalars.count ? scalars[index] : nil
  }

  /// The UTF-8 offset of scalar `index` in `0...count`.
  private func utf8Offset(_ index: Int) -> Int {
    utf8Offsets.isEmpty ? index : utf8Offsets[index]
  }

  /// The range of scalars `start..<end` (clamped to the text).
  func range(_ start: Int, _ end: Int) -> TextRange {
    let lower = max(0, min(start, scalars.count))
    let upper = max(lower, min(end, scalars.count))
    return TextRange(characters: lower..<upper, utf8: utf8Offset(lower)..<utf8Offset(upper))
  }

  /// The text of scalars `start..<end`: a copy of that slice of the source's bytes.
  func text(_ start: Int, _ end: Int) -> String {
    let lower = max(0, min(start, scalars.count))
    let upper = max(lower, min(end, scalars.count))
    let utf8 = source.utf8
    let from = utf8.index(utf8.startIndex, offsetBy: utf8Offset(lower))
    let to = utf8.index(from, offsetBy: utf8Offset(upper) - utf8Offset(lower))
    return String(source[from..<to])
  }

  /// Whether the scalars at `index` spell `word`.
  func matches(_ word: String, at index: Int) -> Bool {
    var position = index
    for scalar in word.unicodeScalars {
      guard self[position] == scalar else { return false }
      position += 1
    }
    return true
  }
}

extension Unicode.Scalar {
  /// Space, tab, line feed or carriage return.
  var isLanguageWhitespace: Bool {
    self == " " || self == "\t" || self == "\n" || self == "\r"
  }

  /// `0`–`9`.
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }

  /// `a`–`z`.
  var isASCIILowercase: Bool { ("a"..."z").contains(self) }

  /// `A`–`Z`.
  var isASCIIUppercase: Bool { ("A"..."Z").contains(self) }
}

/// "Did you mean" for the language parsers: ``Suggestions/closest(to:among:)`` for words of a
/// sensible length. A hostile prompt can hold a megabyte-long "path"; comparing it with every
/// candidate by edit distance would cost seconds for a suggestion nobody needs.
enum LanguageSuggestions {
  /// Words longer than this get no suggestion.
  static let maximumWordLength = 64

  static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
    guard word.unicodeScalars.count <= maximumWordLength else { return nil }
    return Suggestions.closest(to: word, among: candidates)
  }
}
