/// An enum written as a JSON object with one key that names the case, the case's value under
/// it: `{"int": 1}`, `{"path": "order.total"}`, `{"and": [..]}`.
///
/// A conforming type lists its keys as ``Tag`` (decoding takes the first one the object holds,
/// in declaration order) and maps each case to its key and value and back; `init(from:)` and
/// `encode(to:)` come from here, so the IR's one-key enums and ``VariableValue`` share one
/// coding.
package protocol TaggedCodable: Codable {
  /// The keys, one a case.
  associatedtype Tag: CodingKey & CaseIterable
  /// The key of this case and the value written under it.
  var tagged: (tag: Tag, value: any Encodable) { get }
  /// Creates the case named by `tag` from the value stored under it.
  init(tag: Tag, value: TaggedValue<Tag>) throws
}

/// The value stored under the one key of a ``TaggedCodable`` object, decoded as the case needs.
package struct TaggedValue<Tag: CodingKey> {
  let container: KeyedDecodingContainer<Tag>
  let tag: Tag

  /// Decodes the value as a `T`.
  package func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
    try container.decode(type, forKey: tag)
  }
}

extension TaggedCodable {
  /// Decodes the value from its JSON form: the case of the first key present (with none, the
  /// error says the last key is missing).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Tag.self)
    let tags = Array(Tag.allCases)
    // With no key present, the last key is reported missing.
    let tag = tags.first(where: container.contains) ?? tags[tags.count - 1]
    try self.init(tag: tag, value: TaggedValue(container: container, tag: tag))
  }

  /// Encodes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Tag.self)
    let (tag, value) = tagged
    try container.encode(value, forKey: tag)
  }
}
