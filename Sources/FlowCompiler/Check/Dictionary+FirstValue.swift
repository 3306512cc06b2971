extension Dictionary {
  /// Records `value` for `key` unless the key has a value already, and returns that earlier
  /// value (`nil` when `value` was recorded).
  ///
  /// One hash lookup where `if let first = self[key] { … } else { self[key] = value }` takes
  /// two: the checks that report the second use of a phrase (a sample, a product's name or
  /// synonym) call this for every phrase of the flow.
  ///
  /// - Parameters:
  ///   - key: The key.
  ///   - value: The value to record when `key` has none.
  /// - Returns: The value `key` had before, or `nil`.
  mutating func firstValue(forKey key: Key, recording value: Value) -> Value? {
    let countBefore = count
    var earlier: Value?
    // The `default:` subscript's modify accessor finds the bucket once and fills it with
    // `value` when it is empty; a longer dictionary means it was.
    func read(_ slot: inout Value) { earlier = slot }
    read(&self[key, default: value])
    return count == countBefore ? earlier : nil
  }
}
