import Foundation

/// The encoder behind ``CanonicalJSON``: the bytes `JSONEncoder` writes with
/// `[.sortedKeys, .withoutEscapingSlashes]` (and `.prettyPrinted` for the pretty form), without
/// its per-value dynamic casts and boxed generic dispatch.
///
/// `JSONEncoder` asks every value whether it is a `Date`, `Data`, `URL`, `Decimal`, an array of
/// numbers and so on, by dynamic casts, and sorts keys through a generic comparison: encoding
/// the IR of a large flow spent more time there than in building the JSON. This encoder writes
/// a value in one pass while it encodes itself
/// (``streamed(_:pretty:finalNewline:expectedSize:spareCapacity:)``), or, for the few shapes
/// one pass cannot write, builds the same tree as `JSONEncoder` with a few metatype
/// comparisons and writes it; either way as swift-foundation's `JSONWriter` does: keys sorted
/// by their UTF-8 bytes (a later value for the same key replacing an earlier one), `"`, `\` and
/// control characters escaped the same way, floating-point numbers as their `description`
/// without a trailing `.0`, `Data` in Base64, `URL` as its absolute string, `Date` as `Date`
/// encodes itself, at most 512 nested containers. The tests compare it byte for byte with
/// `JSONEncoder`.
enum CanonicalJSONEncoding {
  /// Encodes a value as compact or pretty canonical JSON.
  ///
  /// - Parameters:
  ///   - finalNewline: Whether a line break ends the bytes.
  ///   - expectedSize: About how many bytes the JSON takes, when the caller knows: the buffer
  ///     it is written into starts that large instead of doubling its way there (each doubling
  ///     copies what was written). The pages of too large an estimate are never touched.
  ///   - spareCapacity: Room for this many more bytes in the array returned, so that a caller
  ///     who adds them does not copy the whole array again.
  static func encode<Value: Encodable>(
    _ value: Value, pretty: Bool, finalNewline: Bool = false, expectedSize: Int = 0,
    spareCapacity: Int = 0
  ) throws -> [UInt8] {
    if let bytes = streamed(
      value, pretty: pretty, finalNewline: finalNewline, expectedSize: expectedSize,
      spareCapacity: spareCapacity)
    {
      return bytes
    }
    let encoded: EncodedJSON
    if let special = special(value) {
      encoded = special.encoded
    } else {
      let encoder = TreeEncoder(parent: nil, key: nil)
      try value.encode(to: encoder)
      guard let result = encoder.result else {
        throw EncodingError.invalidValue(
          value,
          EncodingError.Context(
            codingPath: [], debugDescription: "Top-level \(Value.self) did not encode any values."))
      }
      encoded = result
    }
    var writer = Writer(pretty: pretty)
    do {
      try writer.write(encoded, depth: 0)
    } catch is Writer.TooDeep {
      throw EncodingError.invalidValue(
        value,
        EncodingError.Context(
          codingPath: [], debugDescription: "Unable to encode the given top-level value to JSON."))
    }
    var bytes = writer.bytes
    if finalNewline || spareCapacity > 0 {
      bytes.reserveCapacity(bytes.count + 1 + spareCapacity)
      if finalNewline { bytes.append(UInt8(ascii: "\n")) }
    }
    return bytes
  }
}

extension CanonicalJSONEncoding {
  /// How `JSONEncoder` writes a type it does not let encode itself.
  enum Special {
    /// Quoted and escaped: `Data` in Base64, `URL` as its absolute string.
    case string(String)
    /// As it is: `Decimal`'s digits.
    case literal(String)
  }

  /// The types `JSONEncoder` writes in their own way rather than as they encode themselves.
  static func special<Value: Encodable>(_ value: Value) -> Special? {
    if Value.self == Data.self, let data = value as? Data {
      return .string(data.base64EncodedString())
    }
    if Value.self == URL.self, let url = value as? URL { return .string(url.absoluteString) }
    if Value.self == Decimal.self, let decimal = value as? Decimal {
      return .literal(decimal.description)
    }
    return nil
  }

  /// A floating-point number as `JSONEncoder` writes it: its `description` without a trailing
  /// `.0`; `nil` for a number JSON cannot carry (not finite).
  static func text<Number: BinaryFloatingPoint & CustomStringConvertible>(
    of number: Number
  ) -> String? {
    guard number.isFinite else { return nil }
    var text = number.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }

  /// `<0`, `0` or `>0` as `first`'s UTF-8 bytes sort before, with or after `second`'s: the
  /// order of an object's keys.
  static func compareUTF8(_ first: String, _ second: String) -> Int {
    // Native and small strings lend their bytes without a copy of the string.
    let order = first.utf8.withContiguousStorageIfAvailable { a in
      second.utf8.withContiguousStorageIfAvailable { b in compare(a, b) }
    }
    if let order = order ?? nil { return order }
    var first = first
    var second = second
    return first.withUTF8 { a in second.withUTF8 { b in compare(a, b) } }
  }

  private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
    -> Int
  {
    let common = min(a.count, b.count)
    if common > 0, let x = a.baseAddress, let y = b.baseAddress {
      let order = memcmp(x, y, common)
      if order != 0 { return Int(order) }
    }
    return a.count - b.count
  }

  /// Appends a string as canonical JSON writes it, quoted: `"`, `\` and the control characters
  /// escaped as `JSONEncoder` escapes them (`\b`, `\f`, `\n`, `\r`, `\t`, else `\u00` and two
  /// lowercase hexadecimal digits), everything else (`/` and non-ASCII included) as it is.
  static func appendString(_ text: String, to bytes: inout some JSONByteSink) {
    bytes.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { utf8 in
      var start = 0
      var index = firstEscapedByte(in: utf8, from: 0)
      while index < utf8.count {
        let byte = utf8[index]
        let escape: StaticString =
          switch byte {
          case UInt8(ascii: "\""): #"\""#
          case UInt8(ascii: "\\"): #"\\"#
          case 0x08: #"\b"#
          case 0x0C: #"\f"#
          case 0x0A: #"\n"#
          case 0x0D: #"\r"#
          case 0x09: #"\t"#
          default: #"\u00"#
          }
        bytes.appendBytes(UnsafeBufferPointer(rebasing: utf8[start..<index]))
        escape.withUTF8Buffer { bytes.appendBytes($0) }
        if escape.utf8CodeUnitCount == 4 {
          bytes.append(Hexadecimal.digits[Int(byte >> 4)])
          bytes.append(Hexadecimal.digits[Int(byte & 0x0F)])
        }
        start = index + 1
        index = firstEscapedByte(in: utf8, from: start)
      }
      bytes.appendBytes(UnsafeBufferPointer(rebasing: utf8[start...]))
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// The index of the first byte at or after `start` that a JSON string escapes (`"`, `\` or
  /// below 0x20), or `utf8.count` when there is none. Eight bytes are tested at a time: most
  /// strings have nothing to escape.
  static func firstEscapedByte(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start
    if let base = utf8.baseAddress {
      let raw = UnsafeRawPointer(base)
      while index + 8 <= utf8.count,
        !hasEscapedByte(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      {
        index += 8
      }
    }
    while index < utf8.count {
      let byte = utf8[index]
      if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
      index += 1
    }
    return index
  }

  /// Whether one of the eight bytes of `word` is below 0x20, `"` or `\`: the bit tricks that
  /// find a byte below a bound or equal to a value without a branch per byte (exact for the
  /// word as a whole; the byte itself is then found one at a time).
  static func hasEscapedByte(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    // A byte below 0x20 borrows into its high bit when 0x20 is taken from it.
    let control = (word &- ones &* 0x20) & ~word & highBits
    let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
    let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
    let quoteFound = (quote &- ones) & ~quote & highBits
    let backslashFound = (backslash &- ones) & ~backslash & highBits
    return control | quoteFound | backslashFound != 0
  }
}

/// Where canonical JSON is written: an array of bytes, or the streaming encoder's buffer.
protocol JSONByteSink {
  mutating func append(_ byte: UInt8)
  mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension [UInt8]: JSONByteSink {
  mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
    append(contentsOf: bytes)
  }
}

/// A value as the encoder builds it. Containers are references: a container is filled after it
/// has been put into its parent.
private enum EncodedJSON {
  /// A number, `true`, `false` or `null`, as written.
  case literal(String)
  /// A string, escaped when written.
  case string(String)
  case object(ObjectNode)
  case array(ArrayNode)
  /// What a `superEncoder()` encodes (an empty object when nothing).
  case pending(TreeEncoder)

  /// A floating-point number as `JSONEncoder` writes it; non-finite numbers cannot be written.
  static func number<Number: BinaryFloatingPoint & CustomStringConvertible>(
    _ number: Number, at codingPath: @autoclosure () -> [any CodingKey]
  ) throws -> EncodedJSON {
    guard let text = CanonicalJSONEncoding.text(of: number) else {
      throw EncodingError.invalidValue(
        number,
        EncodingError.Context(
          codingPath: codingPath(),
          debugDescription: "Unable to encode \(Number.self).\(number) directly in JSON."))
    }
    return .literal(text)
  }
}

extension CanonicalJSONEncoding.Special {
  fileprivate var encoded: EncodedJSON {
    switch self {
    case .string(let text): .string(text)
    case .literal(let text): .literal(text)
    }
  }
}

/// An object's members in the order they were encoded; sorted when written.
private final class ObjectNode {
  var members: [(key: String, value: EncodedJSON)] = []

  func set(_ value: EncodedJSON, for key: String) {
    members.append((key, value))
  }

  /// The object or array already encoded for `key`, as `JSONEncoder` returns it for a second
  /// nested container of the same key; else a new one.
  func nestedObject(for key: String) -> ObjectNode {
    if case .object(let existing)? = members.last(where: { $0.key == key })?.value {
      return existing
    }
    let object = ObjectNode()
    set(.object(object), for: key)
    return object
  }

  func nestedArray(for key: String) -> ArrayNode {
    if case .array(let existing)? = members.last(where: { $0.key == key })?.value {
      return existing
    }
    let array = ArrayNode()
    set(.array(array), for: key)
    return array
  }
}

private final class ArrayNode {
  var elements: [EncodedJSON] = []
}

/// The position of an element in an unkeyed container, for coding paths.
private struct IndexKey: CodingKey {
  var intValue: Int?
  var stringValue: String { "Index \(intValue ?? 0)" }
  init(intValue: Int) { self.intValue = intValue }
  init?(stringValue: String) { nil }
}

/// The key `superEncoder()` writes under.
private struct SuperKey: CodingKey {
  var stringValue: String { "super" }
  var intValue: Int? { nil }
  init() {}
  init?(stringValue: String) { nil }
  init?(intValue: Int) { nil }
}

/// An encoder for one value; its coding path is computed only when asked for (errors).
private final class TreeEncoder: Encoder {
  let parent: TreeEncoder?
  /// The key of this value in its parent, with the keys of nested containers before it.
  let key: (any CodingKey)?
  let nestedPath: [any CodingKey]
  var result: EncodedJSON?

  init(parent: TreeEncoder?, key: (any CodingKey)?, nestedPath: [any CodingKey] = []) {
    self.parent = parent
    self.key = key
    self.nestedPath = nestedPath
  }

  var codingPath: [any CodingKey] {
    var path = parent?.codingPath ?? []
    path += nestedPath
    if let key { path.append(key) }
    return path
  }

  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    let object: ObjectNode
    if case .object(let existing) = result {
      object = existing
    } else {
      precondition(result == nil, "a value was already encoded at this path")
      object = ObjectNode()
      result = .object(object)
    }
    return KeyedEncodingContainer(KeyedContainer(encoder: self, object: object, nestedPath: []))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    let array: ArrayNode
    if case .array(let existing) = result {
      array = existing
    } else {
      precondition(result == nil, "a value was already encoded at this path")
      array = ArrayNode()
      result = .array(array)
    }
    return UnkeyedContainer(encoder: self, array: array, nestedPath: [])
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleValueContainer(encoder: self)
  }

  /// A nested value, encoded by a child encoder.
  func encoded<Value: Encodable>(
    _ value: Value, key: any CodingKey, nestedPath: [any CodingKey]
  ) throws -> EncodedJSON {
    if let special = CanonicalJSONEncoding.special(value) { return special.encoded }
    let child = TreeEncoder(parent: self, key: key, nestedPath: nestedPath)
    try value.encode(to: child)
    return child.result ?? .object(ObjectNode())
  }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let encoder: TreeEncoder
  let object: ObjectNode
  let nestedPath: [any CodingKey]

  var codingPath: [any CodingKey] { encoder.codingPath + nestedPath }

  private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

  mutating func encodeNil(forKey key: Key) throws {
    object.set(.literal("null"), for: key.stringValue)
  }
  mutating func encode(_ value: Bool, forKey key: Key) throws {
    object.set(.literal(value ? "true" : "false"), for: key.stringValue)
  }
  mutating func encode(_ value: String, forKey key: Key) throws {
    object.set(.string(value), for: key.stringValue)
  }
  mutating func encode(_ value: Double, forKey key: Key) throws {
    object.set(try .number(value, at: path(key)), for: key.stringValue)
  }
  mutating func encode(_ value: Float, forKey key: Key) throws {
    object.set(try .number(value, at: path(key)), for: key.stringValue)
  }
  mutating func encode(_ value: Int, forKey key: Key) throws { integer(value, key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { integer(value, key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { integer(value, key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { integer(value, key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { integer(value, key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { integer(value, key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { integer(value, key) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { integer(value, key) }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { integer(value, key) }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { integer(value, key) }

  private func integer(_ value: some FixedWidthInteger, _ key: Key) {
    object.set(.literal(value.description), for: key.stringValue)
  }

  mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
    object.set(try encoder.encoded(value, key: key, nestedPath: nestedPath), for: key.stringValue)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    KeyedEncodingContainer(
      KeyedContainer<NestedKey>(
        encoder: encoder, object: object.nestedObject(for: key.stringValue),
        nestedPath: nestedPath + [key]))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    UnkeyedContainer(
      encoder: encoder, array: object.nestedArray(for: key.stringValue),
      nestedPath: nestedPath + [key])
  }

  mutating func superEncoder() -> any Encoder { superEncoder(key: SuperKey(), named: "super") }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    superEncoder(key: key, named: key.stringValue)
  }

  private func superEncoder(key: any CodingKey, named name: String) -> any Encoder {
    let child = TreeEncoder(parent: encoder, key: key, nestedPath: nestedPath)
    object.set(.pending(child), for: name)
    return child
  }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
  let encoder: TreeEncoder
  let array: ArrayNode
  let nestedPath: [any CodingKey]

  var codingPath: [any CodingKey] { encoder.codingPath + nestedPath }
  var count: Int { array.elements.count }

  private func nextPath() -> [any CodingKey] { codingPath + [IndexKey(intValue: count)] }

  mutating func encodeNil() throws { array.elements.append(.literal("null")) }
  mutating func encode(_ value: Bool) throws {
    array.elements.append(.literal(value ? "true" : "false"))
  }
  mutating func encode(_ value: String) throws { array.elements.append(.string(value)) }
  mutating func encode(_ value: Double) throws {
    array.elements.append(try .number(value, at: nextPath()))
  }
  mutating func encode(_ value: Float) throws {
    array.elements.append(try .number(value, at: nextPath()))
  }
  mutating func encode(_ value: Int) throws { integer(value) }
  mutating func encode(_ value: Int8) throws { integer(value) }
  mutating func encode(_ value: Int16) throws { integer(value) }
  mutating func encode(_ value: Int32) throws { integer(value) }
  mutating func encode(_ value: Int64) throws { integer(value) }
  mutating func encode(_ value: UInt) throws { integer(value) }
  mutating func encode(_ value: UInt8) throws { integer(value) }
  mutating func encode(_ value: UInt16) throws { integer(value) }
  mutating func encode(_ value: UInt32) throws { integer(value) }
  mutating func encode(_ value: UInt64) throws { integer(value) }

  private func integer(_ value: some FixedWidthInteger) {
    array.elements.append(.literal(value.description))
  }

  mutating func encode<Value: Encodable>(_ value: Value) throws {
    let key = IndexKey(intValue: count)
    array.elements.append(try encoder.encoded(value, key: key, nestedPath: nestedPath))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let key = IndexKey(intValue: count)
    let object = ObjectNode()
    array.elements.append(.object(object))
    return KeyedEncodingContainer(
      KeyedContainer<NestedKey>(encoder: encoder, object: object, nestedPath: nestedPath + [key]))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let key = IndexKey(intValue: count)
    let nested = ArrayNode()
    array.elements.append(.array(nested))
    return UnkeyedContainer(encoder: encoder, array: nested, nestedPath: nestedPath + [key])
  }

  mutating func superEncoder() -> any Encoder {
    let child = TreeEncoder(
      parent: encoder, key: IndexKey(intValue: count), nestedPath: nestedPath)
    array.elements.append(.pending(child))
    return child
  }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
  let encoder: TreeEncoder

  var codingPath: [any CodingKey] { encoder.codingPath }

  private func set(_ value: EncodedJSON) {
    precondition(encoder.result == nil, "a value was already encoded at this path")
    encoder.result = value
  }

  mutating func encodeNil() throws { set(.literal("null")) }
  mutating func encode(_ value: Bool) throws { set(.literal(value ? "true" : "false")) }
  mutating func encode(_ value: String) throws { set(.string(value)) }
  mutating func encode(_ value: Double) throws { set(try .number(value, at: codingPath)) }
  mutating func encode(_ value: Float) throws { set(try .number(value, at: codingPath)) }
  mutating func encode(_ value: Int) throws { set(.literal(value.description)) }
  mutating func encode(_ value: Int8) throws { set(.literal(value.description)) }
  mutating func encode(_ value: Int16) throws { set(.literal(value.description)) }
  mutating func encode(_ value: Int32) throws { set(.literal(value.description)) }
  mutating func encode(_ value: Int64) throws { set(.literal(value.description)) }
  mutating func encode(_ value: UInt) throws { set(.literal(value.description)) }
  mutating func encode(_ value: UInt8) throws { set(.literal(value.description)) }
  mutating func encode(_ value: UInt16) throws { set(.literal(value.description)) }
  mutating func encode(_ value: UInt32) throws { set(.literal(value.description)) }
  mutating func encode(_ value: UInt64) throws { set(.literal(value.description)) }

  mutating func encode<Value: Encodable>(_ value: Value) throws {
    precondition(encoder.result == nil, "a value was already encoded at this path")
    if let special = CanonicalJSONEncoding.special(value) {
      encoder.result = special.encoded
    } else {
      // Encoded in place, as JSONEncoder does: the value's containers are this encoder's.
      try value.encode(to: encoder)
      if encoder.result == nil { encoder.result = .object(ObjectNode()) }
    }
  }
}

/// Writes an ``EncodedJSON`` tree as swift-foundation's `JSONWriter` does.
private struct Writer {
  /// More nested containers than `JSONEncoder` writes.
  struct TooDeep: Error {}

  static let maximumDepth = 512

  let pretty: Bool
  var bytes: [UInt8] = []
  var indent = 0

  init(pretty: Bool) {
    self.pretty = pretty
    bytes.reserveCapacity(1024)
  }

  mutating func write(_ value: EncodedJSON, depth: Int) throws {
    switch value {
    case .literal(let text): append(text)
    case .string(let text): writeString(text)
    case .array(let array): try writeArray(array.elements, depth: depth + 1)
    case .object(let object): try writeObject(object.members, depth: depth + 1)
    case .pending(let encoder):
      try write(encoder.result ?? .object(ObjectNode()), depth: depth)
    }
  }

  private mutating func writeArray(_ elements: [EncodedJSON], depth: Int) throws {
    guard depth < Self.maximumDepth else { throw TooDeep() }
    bytes.append(UInt8(ascii: "["))
    if pretty {
      bytes.append(UInt8(ascii: "\n"))
      indent += 1
    }
    for (index, element) in elements.enumerated() {
      if index > 0 {
        bytes.append(UInt8(ascii: ","))
        if pretty { bytes.append(UInt8(ascii: "\n")) }
      }
      if pretty { writeIndent() }
      try write(element, depth: depth)
    }
    if pretty {
      bytes.append(UInt8(ascii: "\n"))
      indent -= 1
      writeIndent()
    }
    bytes.append(UInt8(ascii: "]"))
  }

  private mutating func writeObject(
    _ members: [(key: String, value: EncodedJSON)], depth: Int
  ) throws {
    guard depth < Self.maximumDepth else { throw TooDeep() }
    // Sorted by key bytes; for a key encoded twice, the later value (ties keep their order).
    let order = members.indices.sorted { first, second in
      let order = CanonicalJSONEncoding.compareUTF8(members[first].key, members[second].key)
      return order != 0 ? order < 0 : first < second
    }
    bytes.append(UInt8(ascii: "{"))
    if pretty {
      bytes.append(UInt8(ascii: "\n"))
      indent += 1
      if !members.isEmpty { writeIndent() }
    }
    var first = true
    for (position, index) in order.enumerated() {
      let member = members[index]
      if position + 1 < order.count,
        CanonicalJSONEncoding.compareUTF8(members[order[position + 1]].key, member.key) == 0
      {
        continue
      }
      if first {
        first = false
      } else if pretty {
        bytes.append(UInt8(ascii: ","))
        bytes.append(UInt8(ascii: "\n"))
        writeIndent()
      } else {
        bytes.append(UInt8(ascii: ","))
      }
      writeString(member.key)
      if pretty { bytes.append(UInt8(ascii: " ")) }
      bytes.append(UInt8(ascii: ":"))
      if pretty { bytes.append(UInt8(ascii: " ")) }
      try write(member.value, depth: depth)
    }
    if pretty {
      bytes.append(UInt8(ascii: "\n"))
      indent -= 1
      writeIndent()
    }
    bytes.append(UInt8(ascii: "}"))
  }

  /// Spaces enough for the deepest indentation written so far, copied from rather than
  /// appended one at a time (the indentation is a large part of a pretty IR document).
  private var spaces: [UInt8] = []

  private mutating func writeIndent() {
    let width = 2 * indent
    if spaces.count < width {
      spaces = [UInt8](repeating: UInt8(ascii: " "), count: max(width, 2 * spaces.count, 32))
    }
    bytes.append(contentsOf: spaces[..<width])
  }

  /// A literal's bytes (a number, `true`, `false` or `null`).
  private mutating func append(_ literal: String) {
    var literal = literal
    literal.withUTF8 { bytes.append(contentsOf: $0) }
  }

  private mutating func writeString(_ text: String) {
    CanonicalJSONEncoding.appendString(text, to: &bytes)
  }

}
