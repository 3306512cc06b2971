public import FlowIR

/// Random JSON values for the tests that compare an encoder or writer with `JSONEncoder`:
/// strings from an alphabet of the characters that need care (quotes, backslashes, control
/// characters, combining marks, line separators, astral characters), numbers from integers to
/// 1e300 and 1e-9, containers a few levels deep.
public enum RandomJSON {
  /// A short string of awkward characters.
  ///
  /// - Parameter generator: The source of randomness.
  /// - Returns: Zero to six characters.
  public static func string(using generator: inout SeededGenerator) -> String {
    let alphabet: [Unicode.Scalar] = [
      "a", "b", "Z", "0", "_", ".", "/", "\\", "\"", " ", "\u{0}", "\u{1F}", "\u{7F}", "é",
      "\u{301}", "\u{2028}", "€", "😀", "\u{FFFD}",
    ]
    let count = Int.random(in: 0...6, using: &generator)
    var text = String.UnicodeScalarView()
    for _ in 0..<count { text.append(alphabet.randomElement(using: &generator)!) }
    return String(text)
  }

  /// A random value; containers only above `depth` 3.
  ///
  /// - Parameters:
  ///   - depth: How deep the value is nested (0 at the top).
  ///   - generator: The source of randomness.
  /// - Returns: The value.
  public static func value(depth: Int, using generator: inout SeededGenerator) -> JSONValue {
    switch Int.random(in: 0..<(depth < 3 ? 7 : 5), using: &generator) {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &generator))
    case 2:
      let number =
        Bool.random(using: &generator)
        ? Double(
          Int64.random(in: -2_000_000_000_000_000...2_000_000_000_000_000, using: &generator))
        : Double.random(in: -1e6...1e6, using: &generator)
          * [1e-9, 1, 1e12, 1e300].randomElement(using: &generator)!
      return .number(number)
    case 3, 4: return .string(string(using: &generator))
    case 5:
      return .array(
        (0..<Int.random(in: 0...4, using: &generator)).map { _ in
          value(depth: depth + 1, using: &generator)
        })
    default:
      var members: [String: JSONValue] = [:]
      for _ in 0..<Int.random(in: 0...5, using: &generator) {
        members[string(using: &generator)] = value(depth: depth + 1, using: &generator)
      }
      return .object(members)
    }
  }
}
