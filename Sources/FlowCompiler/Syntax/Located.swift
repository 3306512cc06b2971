/// A value of the flow file together with where it was written.
struct Located<Value> {
  /// The value.
  var value: Value
  /// The range of the YAML node that holds the value.
  var range: SourceRange

  /// Creates a located value.
  init(_ value: Value, at range: SourceRange) {
    self.value = value
    self.range = range
  }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Sendable where Value: Sendable {}

/// A scalar text of the flow file that may hold placeholders or a condition: its text after YAML
/// unescaping, its style and its range, so positions inside the text map back to the file.
struct TextScalar: Sendable {
  /// The text after YAML unescaping and folding.
  var text: String
  /// How the scalar was written.
  var style: YAMLScalarStyle
  /// The range of the scalar node, quotes included.
  var range: SourceRange
}

/// An entry of a map whose keys are names (ids, locales, intents): the key with its range and
/// the parsed value.
struct KeyedSyntax<Value> {
  /// The key.
  var key: Located<String>
  /// The value; `nil` when it was malformed (already reported).
  var value: Value?
}

extension KeyedSyntax: Sendable where Value: Sendable {}
