import Foundation

extension CanonicalJSONEncoding {
  /// Encodes a value in one pass, writing its JSON while it encodes itself, when it can:
  /// `nil` when the value needs what only a tree of the whole value can give (a container
  /// written to after a later one was opened, `superEncoder()`, a nested container for a key
  /// encoded twice, a coding path asked for, a number JSON cannot carry, too deep a nesting, a
  /// top-level value that encodes nothing). ``encode(_:pretty:)`` then builds the tree, which
  /// writes the same bytes or throws the right error.
  ///
  /// Every container is written where it begins. An object's members are written as they
  /// come, each after the separator of its position; when an object closes with its keys out
  /// of byte order (a dictionary, a type whose coding keys are not declared sorted) or with a
  /// key twice, its members are copied once more in order, the later of two equal keys kept.
  /// A container is closed when the value that opened it has encoded itself, or, for a nested
  /// container, when its parent is written to again.
  ///
  /// The bytes are written into a buffer of `expectedSize` bytes, grown by doubling when they
  /// need more, and copied once, into an array with `spareCapacity` bytes of room to spare (see
  /// ``encode(_:pretty:finalNewline:expectedSize:spareCapacity:)``).
  static func streamed<Value: Encodable>(
    _ value: Value, pretty: Bool, finalNewline: Bool = false, expectedSize: Int = 0,
    spareCapacity: Int = 0
  ) -> [UInt8]? {
    let encoder = StreamingEncoder(pretty: pretty, capacity: expectedSize)
    do {
      try encoder.encodeTopLevel(value)
    } catch {
      return nil
    }
    guard !encoder.writer.unsupported else { return nil }
    return encoder.writer.bytes.array(finalNewline: finalNewline, spareCapacity: spareCapacity)
  }
}

/// Thrown by a container of ``StreamingEncoder`` once the value cannot be written in one pass;
/// ``CanonicalJSONEncoding/streamed(_:pretty:finalNewline:expectedSize:spareCapacity:)``
/// returns `nil` for it (or for any error).
private struct NotStreamable: Error {}

/// A container of the stream: its place on the stack of open containers, and a number that
/// tells it from a container that was closed and whose place was taken by another.
private struct ContainerHandle {
  var id: Int
  var index: Int

  /// A handle of no container: every write through it fails.
  static let none = ContainerHandle(id: -1, index: -1)
}

/// Bytes appended without the checks an array makes on every append (that its storage is
/// unique, a generic copy): a buffer grown by doubling, freed by its owner with
/// ``deallocate()``. The stream appends to it a few times for every member it writes.
private struct OutputBuffer: JSONByteSink {
  private var start: UnsafeMutablePointer<UInt8>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int) {
    start = .allocate(capacity: capacity)
    self.capacity = capacity
  }

  func deallocate() {
    start.deallocate()
  }

  /// A copy of the bytes written, a line break after them if `finalNewline`, in an array with
  /// room for `spareCapacity` more bytes.
  func array(finalNewline: Bool, spareCapacity: Int) -> [UInt8] {
    let length = count + (finalNewline ? 1 : 0)
    return [UInt8](unsafeUninitializedCapacity: length + max(0, spareCapacity)) {
      buffer, initialized in
      if count > 0 { buffer.baseAddress!.initialize(from: start, count: count) }
      if finalNewline { buffer[count] = UInt8(ascii: "\n") }
      initialized = length
    }
  }

  /// The bytes of `range`, valid until the next append.
  func bytes(in range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
    precondition(range.lowerBound >= 0 && range.upperBound <= count)
    return UnsafeBufferPointer(start: start + range.lowerBound, count: range.count)
  }

  @inline(__always)
  mutating func append(_ byte: UInt8) {
    if count == capacity { reserveCapacity(count + 1) }
    start[count] = byte
    count += 1
  }

  /// Appends bytes from elsewhere (never from this buffer, which an append may move).
  @inline(__always)
  mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
    if count + bytes.count > capacity { reserveCapacity(count + bytes.count) }
    (start + count).initialize(from: source, count: bytes.count)
    count += bytes.count
  }

  mutating func appendUTF8(_ text: String) {
    var text = text
    text.withUTF8 { appendBytes($0) }
  }

  mutating func removeLast(_ removed: Int) {
    precondition(removed >= 0 && removed <= count)
    count -= removed
  }

  mutating func removeAll() {
    count = 0
  }

  /// Room for `minimum` bytes: at least double the capacity, so that appends stay linear.
  mutating func reserveCapacity(_ minimum: Int) {
    guard minimum > capacity else { return }
    let newCapacity = max(minimum, 2 * capacity)
    let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    moved.initialize(from: start, count: count)
    start.deallocate()
    start = moved
    capacity = newCapacity
  }
}

/// The state of one encoding: the bytes written so far and the containers still open.
private struct StreamWriter {
  /// An open object or array.
  struct Frame {
    var id: Int
    var isObject: Bool
    /// The offset just past the opening bracket.
    var contentStart: Int
    /// The object's first member in `members`.
    var firstMember: Int
    /// Members or elements written so far.
    var count = 0
    /// The value, by its nesting among values, whose `encode(to:)` opened the container.
    var valueLevel: Int
    /// The value's own container (`container(keyedBy:)`, `unkeyedContainer()`), not a nested one.
    var isValueContainer: Bool
    /// The keys so far are in increasing byte order, none twice.
    var inOrder = true
  }

  /// A member of an open object: its key and the bytes of `"key" : value`.
  struct Member {
    var key: String
    var start: Int
    /// Set when the next member begins or the object closes.
    var end: Int
    /// Opened by `nestedContainer(keyedBy:forKey:)` or `nestedUnkeyedContainer(forKey:)`,
    /// which `JSONEncoder` merges with an earlier container of the same key.
    var isNested: Bool
  }

  /// More nested containers than `JSONEncoder` writes.
  static let maximumDepth = 512

  let pretty: Bool
  private(set) var bytes: OutputBuffer
  private var frames: [Frame] = []
  private var members: [Member] = []
  private var scratch = OutputBuffer(capacity: 256)
  /// `,`, a line break and spaces: every separator is a slice of it.
  private var separators: [UInt8] = []
  private var nextID = 0
  /// How many values are being encoded, one inside the other.
  private(set) var valueLevel = 0
  /// The innermost value has begun and written nothing yet.
  private(set) var valuePending = false
  /// Set once the value cannot be written in one pass; everything after it is ignored.
  private(set) var unsupported = false

  /// - Parameter capacity: The bytes the output buffer starts with (at least 1,024).
  init(pretty: Bool, capacity: Int) {
    self.pretty = pretty
    bytes = OutputBuffer(capacity: max(1_024, capacity))
  }

  mutating func giveUp() {
    unsupported = true
  }

  /// Frees the buffers; the writer is not used again.
  func deallocate() {
    bytes.deallocate()
    scratch.deallocate()
  }

  // MARK: Values

  /// A value nested in the current container begins: its containers are its own.
  mutating func beginValue() {
    valueLevel += 1
    valuePending = true
  }

  /// The innermost value has encoded itself: its containers close, and a value that wrote
  /// nothing is an empty object, as `JSONEncoder` writes it.
  mutating func endValue() {
    closeContainers(ofLevel: valueLevel)
    if valuePending {
      valuePending = false
      writeEmptyObject()
    }
    valueLevel -= 1
  }

  /// The top-level value begins.
  mutating func beginTopLevel() {
    valuePending = true
  }

  /// The top-level value has encoded itself; one that wrote nothing cannot be written.
  mutating func endTopLevel() {
    closeContainers(ofLevel: 0)
    if valuePending { unsupported = true }
  }

  /// A scalar is the innermost value (through its single-value container).
  mutating func beginSingleValue(level: Int) -> Bool {
    guard !unsupported, valuePending, level == valueLevel else {
      unsupported = true
      return false
    }
    valuePending = false
    return true
  }

  private mutating func closeContainers(ofLevel level: Int) {
    while let top = frames.last, top.valueLevel == level { close() }
  }

  private mutating func writeEmptyObject() {
    _ = open(object: true, isValueContainer: false)
    close()
  }

  // MARK: Containers

  /// The innermost value's own container: a new one, or the one it asked for before.
  mutating func valueContainer(object: Bool) -> ContainerHandle {
    guard !unsupported else { return .none }
    if valuePending {
      valuePending = false
      return open(object: object, isValueContainer: true)
    }
    guard
      let index = frames.lastIndex(where: { $0.valueLevel == valueLevel && $0.isValueContainer }),
      frames[index].isObject == object
    else {
      unsupported = true
      return .none
    }
    let handle = ContainerHandle(id: frames[index].id, index: index)
    return makeCurrent(handle) ? handle : .none
  }

  /// A container nested in the member or element just begun.
  mutating func nestedContainer(object: Bool) -> ContainerHandle {
    guard !unsupported else { return .none }
    return open(object: object, isValueContainer: false)
  }

  private mutating func open(object: Bool, isValueContainer: Bool) -> ContainerHandle {
    bytes.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
    let id = nextID
    nextID += 1
    frames.append(
      Frame(
        id: id, isObject: object, contentStart: bytes.count, firstMember: members.count,
        valueLevel: valueLevel, isValueContainer: isValueContainer))
    if frames.count >= Self.maximumDepth { unsupported = true }
    return ContainerHandle(id: id, index: frames.count - 1)
  }

  /// Makes `handle`'s container the one written next, closing the containers nested in it;
  /// `false` when it is closed or belongs to another value.
  private mutating func makeCurrent(_ handle: ContainerHandle) -> Bool {
    guard !unsupported, handle.index >= 0, handle.index < frames.count,
      frames[handle.index].id == handle.id, frames[handle.index].valueLevel == valueLevel
    else {
      unsupported = true
      return false
    }
    while frames.count > handle.index + 1 { close() }
    return true
  }

  /// The number of members or elements written to `handle`'s container.
  mutating func count(of handle: ContainerHandle) -> Int {
    guard handle.index >= 0, handle.index < frames.count, frames[handle.index].id == handle.id
    else {
      unsupported = true
      return 0
    }
    return frames[handle.index].count
  }

  /// Writes the separator and `"key" : ` of a new member of `handle`'s object.
  mutating func beginMember(_ key: String, of handle: ContainerHandle, nested: Bool) -> Bool {
    guard makeCurrent(handle) else { return false }
    let index = handle.index
    if frames[index].count > 0 {
      members[members.count - 1].end = bytes.count
      if frames[index].inOrder,
        CanonicalJSONEncoding.compareUTF8(members[members.count - 1].key, key) >= 0
      {
        frames[index].inOrder = false
      }
    }
    writeSeparator(first: frames[index].count == 0, level: frames.count)
    frames[index].count += 1
    members.append(Member(key: key, start: bytes.count, end: bytes.count, isNested: nested))
    CanonicalJSONEncoding.appendString(key, to: &bytes)
    writeLiteral(pretty ? " : " : ":")
    return true
  }

  /// Writes the separator of a new element of `handle`'s array.
  mutating func beginElement(of handle: ContainerHandle) -> Bool {
    guard makeCurrent(handle) else { return false }
    writeSeparator(first: frames[handle.index].count == 0, level: frames.count)
    frames[handle.index].count += 1
    return true
  }

  /// Closes the innermost container: an object out of order is rewritten in order.
  private mutating func close() {
    let frame = frames.removeLast()
    if frame.isObject {
      if frame.count > 0 { members[members.count - 1].end = bytes.count }
      if !frame.inOrder { rewriteInOrder(frame) }
      members.removeLast(members.count - frame.firstMember)
    }
    if pretty {
      // An empty container is written `{\n\n}`, as JSONEncoder writes it.
      if frame.count == 0 { bytes.append(UInt8(ascii: "\n")) }
      writeSeparator(first: true, level: frames.count)
    }
    bytes.append(frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
  }

  /// Rewrites the members of the object being closed sorted by their keys' bytes, the later
  /// of two equal keys kept.
  private mutating func rewriteInOrder(_ frame: Frame) {
    let range = frame.firstMember..<members.count
    // Where a member starts tells the order they were written in: ties sort by it.
    func precedes(_ first: Member, _ second: Member) -> Bool {
      let order = CanonicalJSONEncoding.compareUTF8(first.key, second.key)
      return order != 0 ? order < 0 : first.start < second.start
    }
    if range.count <= 8 {
      // Most objects out of order are a struct's few members: sorted where they are.
      for index in range.dropFirst() {
        var position = index
        while position > range.lowerBound, precedes(members[position], members[position - 1]) {
          members.swapAt(position, position - 1)
          position -= 1
        }
      }
    } else {
      members[range].sort(by: precedes)
    }
    scratch.removeAll()
    scratch.reserveCapacity(bytes.count - frame.contentStart)
    ensureSeparators(level: frames.count + 1)
    var written = 0
    for index in range {
      if index + 1 < range.upperBound,
        CanonicalJSONEncoding.compareUTF8(members[index + 1].key, members[index].key) == 0
      {
        // JSONEncoder merges a nested container with an earlier one of the same key.
        if members[index].isNested || members[index + 1].isNested { unsupported = true }
        continue
      }
      let separator = separator(first: written == 0, level: frames.count + 1)
      separators.withUnsafeBufferPointer {
        scratch.appendBytes(UnsafeBufferPointer(rebasing: $0[separator]))
      }
      scratch.appendBytes(bytes.bytes(in: members[index].start..<members[index].end))
      written += 1
    }
    bytes.removeLast(bytes.count - frame.contentStart)
    bytes.appendBytes(scratch.bytes(in: 0..<scratch.count))
  }

  // MARK: Scalars

  mutating func writeLiteral(_ literal: StaticString) {
    literal.withUTF8Buffer { bytes.appendBytes($0) }
  }

  mutating func writeString(_ text: String) {
    CanonicalJSONEncoding.appendString(text, to: &bytes)
  }

  mutating func writeInteger(_ value: some FixedWidthInteger) {
    if let value = Int64(exactly: value) {
      var magnitude = value.magnitude
      if value < 0 { bytes.append(UInt8(ascii: "-")) }
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
        var start = 20
        repeat {
          start -= 1
          digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
          magnitude /= 10
        } while magnitude > 0
        bytes.appendBytes(UnsafeBufferPointer(rebasing: digits[start...]))
      }
    } else {
      bytes.appendUTF8(value.description)
    }
  }

  /// A floating-point number as `JSONEncoder` writes it; `false` for one JSON cannot carry.
  mutating func writeNumber<Number: BinaryFloatingPoint & CustomStringConvertible>(
    _ number: Number
  ) -> Bool {
    guard let text = CanonicalJSONEncoding.text(of: number) else {
      unsupported = true
      return false
    }
    bytes.appendUTF8(text)
    return true
  }

  mutating func writeSpecial(_ special: CanonicalJSONEncoding.Special) {
    switch special {
    case .string(let text): writeString(text)
    case .literal(let text): bytes.appendUTF8(text)
    }
  }

  // MARK: Layout

  /// Writes what comes before a member or element, or before a closing bracket (`first`):
  /// `,` unless first, then, pretty, a line break and the indentation of `level`.
  private mutating func writeSeparator(first: Bool, level: Int) {
    ensureSeparators(level: level)
    let separator = separator(first: first, level: level)
    separators.withUnsafeBufferPointer {
      bytes.appendBytes(UnsafeBufferPointer(rebasing: $0[separator]))
    }
  }

  /// Where the separator lies in `separators` (which holds enough spaces for `level`).
  private func separator(first: Bool, level: Int) -> Range<Int> {
    (first ? 1 : 0)..<(pretty ? 2 + 2 * level : 1)
  }

  /// Makes `separators` long enough for the indentation of `level`, copied from rather than
  /// appended one space at a time (indentation is a large part of a pretty IR document).
  private mutating func ensureSeparators(level: Int) {
    let count = 2 + 2 * level
    if separators.count < count {
      separators =
        [UInt8(ascii: ","), UInt8(ascii: "\n")]
        + [UInt8](repeating: UInt8(ascii: " "), count: max(count, 2 * separators.count, 32))
    }
  }
}

/// The `Encoder` of the stream: one for the whole value, its containers writing to its
/// ``StreamWriter``.
///
/// It does not keep coding paths, which `JSONEncoder`'s callers see only in errors: a value
/// that asks for one is written by the tree encoder, which has them.
private final class StreamingEncoder: Encoder {
  /// Accessed by one encoding at a time, never while a value encodes itself (a container
  /// calls one method of it and returns): the dynamic exclusivity check would only cost.
  @exclusivity(unchecked) var writer: StreamWriter

  init(pretty: Bool, capacity: Int) {
    writer = StreamWriter(pretty: pretty, capacity: capacity)
  }

  deinit {
    writer.deallocate()
  }

  var codingPath: [any CodingKey] { unsupportedCodingPath() }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  /// A coding path for a value that asks for one: the tree encoder writes the value.
  func unsupportedCodingPath() -> [any CodingKey] {
    writer.giveUp()
    return []
  }

  func encodeTopLevel<Value: Encodable>(_ value: Value) throws {
    if let special = CanonicalJSONEncoding.special(value) {
      writer.writeSpecial(special)
      return
    }
    writer.beginTopLevel()
    try value.encode(to: self)
    writer.endTopLevel()
  }

  /// Writes a value nested in a container whose member or element has just begun.
  func encodeNested<Value: Encodable>(_ value: Value) throws {
    // The scalars the standard library encodes through a single-value container.
    if Value.self == String.self {
      writer.writeString(unsafeBitCast(value, to: String.self))
    } else if Value.self == Int.self {
      writer.writeInteger(unsafeBitCast(value, to: Int.self))
    } else if Value.self == Int64.self {
      writer.writeInteger(unsafeBitCast(value, to: Int64.self))
    } else if Value.self == Bool.self {
      writer.writeLiteral(unsafeBitCast(value, to: Bool.self) ? "true" : "false")
    } else if let special = CanonicalJSONEncoding.special(value) {
      writer.writeSpecial(special)
    } else {
      writer.beginValue()
      try value.encode(to: self)
      writer.endValue()
    }
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    KeyedEncodingContainer(
      StreamKeyedContainer<Key>(
        encoder: self, handle: writer.valueContainer(object: true)))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    StreamUnkeyedContainer(
      encoder: self, handle: writer.valueContainer(object: false))
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    StreamSingleValueContainer(encoder: self, level: writer.valueLevel)
  }
}

private struct StreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let encoder: StreamingEncoder
  let handle: ContainerHandle

  var codingPath: [any CodingKey] { encoder.unsupportedCodingPath() }

  private func begin(_ key: Key, nested: Bool = false) throws {
    guard encoder.writer.beginMember(key.stringValue, of: handle, nested: nested) else {
      throw NotStreamable()
    }
  }

  mutating func encodeNil(forKey key: Key) throws {
    try begin(key)
    encoder.writer.writeLiteral("null")
  }
  mutating func encode(_ value: Bool, forKey key: Key) throws {
    try begin(key)
    encoder.writer.writeLiteral(value ? "true" : "false")
  }
  mutating func encode(_ value: String, forKey key: Key) throws {
    try begin(key)
    encoder.writer.writeString(value)
  }
  mutating func encode(_ value: Double, forKey key: Key) throws {
    try begin(key)
    guard encoder.writer.writeNumber(value) else { throw NotStreamable() }
  }
  mutating func encode(_ value: Float, forKey key: Key) throws {
    try begin(key)
    guard encoder.writer.writeNumber(value) else { throw NotStreamable() }
  }
  mutating func encode(_ value: Int, forKey key: Key) throws { try integer(value, key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { try integer(value, key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { try integer(value, key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { try integer(value, key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { try integer(value, key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { try integer(value, key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { try integer(value, key) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { try integer(value, key) }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { try integer(value, key) }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { try integer(value, key) }

  private func integer(_ value: some FixedWidthInteger, _ key: Key) throws {
    try begin(key)
    encoder.writer.writeInteger(value)
  }

  mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
    try begin(key)
    try encoder.encodeNested(value)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    let handle =
      (try? begin(key, nested: true)) != nil
      ? encoder.writer.nestedContainer(object: true) : .none
    return KeyedEncodingContainer(
      StreamKeyedContainer<NestedKey>(
        encoder: encoder, handle: handle))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let handle =
      (try? begin(key, nested: true)) != nil
      ? encoder.writer.nestedContainer(object: false) : .none
    return StreamUnkeyedContainer(
      encoder: encoder, handle: handle)
  }

  mutating func superEncoder() -> any Encoder { unsupportedSuperEncoder() }

  mutating func superEncoder(forKey key: Key) -> any Encoder { unsupportedSuperEncoder() }

  /// An encoder written to later than the stream allows: the tree encoder writes the value.
  private func unsupportedSuperEncoder() -> any Encoder {
    encoder.writer.giveUp()
    return encoder
  }
}

/// The scalars of an unkeyed or a single-value container, whose requirements are the same:
/// each begins its element or value, then writes itself.
private protocol StreamScalarContainer {
  var encoder: StreamingEncoder { get }
  /// Begins the element or value; throws when the value cannot be written in one pass.
  func begin() throws
}

extension StreamScalarContainer {
  func encodeNil() throws {
    try begin()
    encoder.writer.writeLiteral("null")
  }
  func encode(_ value: Bool) throws {
    try begin()
    encoder.writer.writeLiteral(value ? "true" : "false")
  }
  func encode(_ value: String) throws {
    try begin()
    encoder.writer.writeString(value)
  }
  func encode(_ value: Double) throws {
    try begin()
    guard encoder.writer.writeNumber(value) else { throw NotStreamable() }
  }
  func encode(_ value: Float) throws {
    try begin()
    guard encoder.writer.writeNumber(value) else { throw NotStreamable() }
  }
  func encode(_ value: Int) throws { try integer(value) }
  func encode(_ value: Int8) throws { try integer(value) }
  func encode(_ value: Int16) throws { try integer(value) }
  func encode(_ value: Int32) throws { try integer(value) }
  func encode(_ value: Int64) throws { try integer(value) }
  func encode(_ value: UInt) throws { try integer(value) }
  func encode(_ value: UInt8) throws { try integer(value) }
  func encode(_ value: UInt16) throws { try integer(value) }
  func encode(_ value: UInt32) throws { try integer(value) }
  func encode(_ value: UInt64) throws { try integer(value) }

  func integer(_ value: some FixedWidthInteger) throws {
    try begin()
    encoder.writer.writeInteger(value)
  }
}

private struct StreamUnkeyedContainer: UnkeyedEncodingContainer, StreamScalarContainer {
  let encoder: StreamingEncoder
  let handle: ContainerHandle

  var codingPath: [any CodingKey] { encoder.unsupportedCodingPath() }
  var count: Int { encoder.writer.count(of: handle) }

  func begin() throws {
    guard encoder.writer.beginElement(of: handle) else { throw NotStreamable() }
  }

  mutating func encode<Value: Encodable>(_ value: Value) throws {
    try begin()
    try encoder.encodeNested(value)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let handle = (try? begin()) != nil ? encoder.writer.nestedContainer(object: true) : .none
    return KeyedEncodingContainer(
      StreamKeyedContainer<NestedKey>(
        encoder: encoder, handle: handle))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let handle = (try? begin()) != nil ? encoder.writer.nestedContainer(object: false) : .none
    return StreamUnkeyedContainer(encoder: encoder, handle: handle)
  }

  mutating func superEncoder() -> any Encoder {
    encoder.writer.giveUp()
    return encoder
  }
}

private struct StreamSingleValueContainer: SingleValueEncodingContainer, StreamScalarContainer {
  let encoder: StreamingEncoder
  /// The value the container belongs to.
  let level: Int

  var codingPath: [any CodingKey] { encoder.unsupportedCodingPath() }

  func begin() throws {
    guard encoder.writer.beginSingleValue(level: level) else { throw NotStreamable() }
  }

  mutating func encode<Value: Encodable>(_ value: Value) throws {
    guard encoder.writer.valuePending, encoder.writer.valueLevel == level else {
      encoder.writer.giveUp()
      throw NotStreamable()
    }
    if let special = CanonicalJSONEncoding.special(value) {
      try begin()
      encoder.writer.writeSpecial(special)
    } else {
      // Encoded in place, as JSONEncoder does: the value's containers are this value's.
      try value.encode(to: encoder)
    }
  }
}
