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

/// A value kept in one shared box and copied on write: how a large syntax value stores its
/// fields, so that a copy of it (in the symbol table, the checked flow, every check's loop) is
/// one reference instead of hundreds of bytes of ranges and texts.
struct CopyOnWriteBox<Value: Sendable>: Sendable {
  /// The storage; only changed when this box holds the only reference (see `value`).
  private final class Storage: @unchecked Sendable {
    var value: Value

    init(_ value: Value) {
      self.value = value
    }
  }

  private var storage: Storage

  /// Boxes a value.
  init(_ value: Value) {
    storage = Storage(value)
  }

  /// The value, read in place (a field of it is read without copying the rest); changing it
  /// copies it first when another box shares it.
  var value: Value {
    _read { yield storage.value }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.value) }
      yield &storage.value
    }
  }
}
