/// The Unicode scalar offsets of the first occurrence of `needle` in `text`, as the language
/// parsers report `TextRange.characters`; so tests name a range by its text instead of counting.
func scalarRange(of needle: String, in text: String, occurrence: Int = 1) -> Range<Int>? {
  let haystack = Array(text.unicodeScalars)
  let pattern = Array(needle.unicodeScalars)
  guard !pattern.isEmpty, pattern.count <= haystack.count else { return nil }
  var seen = 0
  for start in 0...(haystack.count - pattern.count)
  where Array(haystack[start..<(start + pattern.count)]) == pattern {
    seen += 1
    if seen == occurrence { return start..<(start + pattern.count) }
  }
  return nil
}

/// The UTF-8 offsets of the first occurrence of `needle` in `text`.
func utf8Range(of needle: String, in text: String) -> Range<Int>? {
  let haystack = Array(text.utf8)
  let pattern = Array(needle.utf8)
  guard !pattern.isEmpty, pattern.count <= haystack.count else { return nil }
  for start in 0...(haystack.count - pattern.count)
  where Array(haystack[start..<(start + pattern.count)]) == pattern {
    return start..<(start + pattern.count)
  }
  return nil
}
