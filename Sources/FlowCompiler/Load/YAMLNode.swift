/// How a scalar was written, which decides how its text maps back to source columns.
public enum YAMLScalarStyle: String, Sendable, Hashable {
  /// `key: value`
  case plain
  /// `'value'`
  case singleQuoted
  /// `"value"`
  case doubleQuoted
  /// `|` block
  case literal
  /// `>` block
  case folded
}

/// One entry of a YAML mapping, in source order.
public struct YAMLMappingEntry: Sendable {
  /// The key node (a scalar in every flow file; other keys are reported by the parser).
  public var key: YAMLNode
  /// The value node.
  public var value: YAMLNode
}

/// A node of the located YAML tree: what libyaml's events describe, with the source range of
/// every node. Aliases are already expanded (within the loader's bound): an alias's copy has
/// the alias's range, and the nodes inside it keep the ranges of the anchored original.
public struct YAMLNode: Sendable {
  /// The node's content.
  public enum Content: Sendable {
    /// A scalar with its text (after YAML unescaping and folding) and style.
    case scalar(String, YAMLScalarStyle)
    /// A sequence of nodes.
    case sequence([YAMLNode])
    /// A mapping, entries in source order. Duplicate keys were reported by the loader and only
    /// the first entry of each key is kept.
    case mapping([YAMLMappingEntry])
  }

  /// The content.
  public var content: Content
  /// From the first character of the node to just past its last.
  public var range: SourceRange
  /// An explicit tag (`!!str`), if the node has one.
  public var tag: String?

  /// Creates a node.
  public init(content: Content, range: SourceRange, tag: String? = nil) {
    self.content = content
    self.range = range
    self.tag = tag
  }

  /// The scalar text, if the node is a scalar.
  public var scalar: String? {
    if case .scalar(let text, _) = content { return text }
    return nil
  }

  /// The entries, if the node is a mapping.
  public var mappingEntries: [YAMLMappingEntry]? {
    if case .mapping(let entries) = content { return entries }
    return nil
  }

  /// The elements, if the node is a sequence.
  public var sequenceElements: [YAMLNode]? {
    if case .sequence(let elements) = content { return elements }
    return nil
  }

  /// The value of the first entry whose key is the scalar `key`.
  public subscript(key: String) -> YAMLNode? {
    mappingEntries?.first { $0.key.scalar == key }?.value
  }
}
