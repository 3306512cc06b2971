import FlowIR
import FlowTestSupport
import Foundation
import Testing

@testable import FlowCompiler
@testable import FlowIR

/// ``CanonicalJSON``'s own encoder against its oracle, Foundation's `JSONEncoder` with the same
/// options: the same bytes for the IR of every example, for every kind of `Codable` value, and
/// for random JSON values; the same errors.
@Suite struct CanonicalJSONEncoderTests {
  static func oracle(_ value: some Encodable, pretty: Bool) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      pretty
      ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
      : [.sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(value)
    if pretty { data.append(UInt8(ascii: "\n")) }
    return data
  }

  static func expectSameBytes(
    _ value: some Encodable, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    #expect(
      try CanonicalJSON.compact(value) == (try oracle(value, pretty: false)),
      sourceLocation: sourceLocation)
    #expect(
      try CanonicalJSON.pretty(value) == (try oracle(value, pretty: true)),
      sourceLocation: sourceLocation)
    // A buffer too small (grown by doubling) or larger than the JSON: the same bytes.
    for expectedSize in [0, 5, 1 << 16] {
      let bytes = try CanonicalJSON.prettyBytes(
        value, expectedSize: expectedSize, spareCapacity: 100)
      #expect(bytes == [UInt8](try oracle(value, pretty: true)), sourceLocation: sourceLocation)
      #expect(bytes.capacity >= bytes.count + 100, sourceLocation: sourceLocation)
    }
  }

  @Test func deepIndentationIsTheEncodersBytes() throws {
    // Deeper than the writer's first buffer of spaces, then shallower again.
    var value = JSONValue.object(["leaf": .array([.number(1), .string("x")])])
    for depth in 0..<60 {
      value = depth.isMultiple(of: 2) ? .array([value, .null]) : .object(["k\(depth)": value])
    }
    try Self.expectSameBytes(JSONValue.array([value, .bool(true), value]))
  }

  @Test(arguments: ExampleTests.examples)
  func exampleIRIsTheEncodersBytes(_ url: URL) throws {
    let program = try #require(FlowCompiler.compile(try ExampleTests.source(url)).program)
    #expect(try program.encodedJSON() == (try Self.oracle(program, pretty: true)))
    try Self.expectSameBytes(program)
  }

  /// Every scalar type, optionals present and absent, `Foundation`'s special types, nested and
  /// empty containers, dictionaries with string and integer keys, enums with associated values
  /// (nested containers), a class that encodes its superclass, and values that encode nothing.
  struct Everything: Encodable {
    var int = -42
    var int8: Int8 = -8
    var int16: Int16 = 16
    var int32: Int32 = -32
    var int64 = Int64.min
    var uint = UInt.max
    var uint8: UInt8 = 255
    var uint16: UInt16 = 16
    var uint32: UInt32 = 32
    var uint64 = UInt64.max
    var float: Float = 0.1
    var double = 2.5
    var wholeDouble = 3.0
    var tinyDouble = 1e-7
    var hugeDouble = 1.5e300
    var negativeZero = -0.0
    var flag = true
    var text = "slash / quote \" backslash \\ tab \t nul \u{0} unit \u{1F} é 😀 \u{2028}"
    var present: String? = "here"
    var absent: String? = nil
    var data = Data([0, 1, 2, 250, 255])
    var url = URL(string: "https://example.com/a/b?c=d")!
    var date = Date(timeIntervalSinceReferenceDate: 123_456.5)
    var decimal = Decimal(string: "12.3400")!
    var emptyArray: [Int] = []
    var emptyObject: [String: Int] = [:]
    var nested: [[String: [Int?]]] = [["b": [1, nil], "a": [], "": [3]], [:]]
    var intKeys: [Int: String] = [10: "ten", 2: "two", -1: "minus one"]
    var choices: [Choice] = [.none, .one(7), .two(name: "x", value: [1.5]), .nothing(Nothing())]
    var nothing = Nothing()
    var optionalNothing: Nothing? = Nothing()
    var derived: Derived? = Derived()
    var doubles: [Double] = [0, 1, -1, 0.5, 1e16, 1e-300]
    var strings: [String] = ["", "a", "\n"]
  }

  enum Choice: Encodable {
    case none
    case one(Int)
    case two(name: String, value: [Double])
    case nothing(Nothing)
  }

  struct Nothing: Encodable {
    func encode(to encoder: any Encoder) throws {}
  }

  class Base: Encodable {
    var base = "base"
  }

  final class Derived: Base {
    var own = 1
    enum CodingKeys: String, CodingKey { case own }
    override func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(own, forKey: .own)
      try super.encode(to: container.superEncoder())
    }
  }

  @Test func everyKindOfValueIsTheEncodersBytes() throws {
    try Self.expectSameBytes(Everything())
    try Self.expectSameBytes([Everything(), Everything()])
    try Self.expectSameBytes(["top": Everything()])
  }

  @Test func topLevelScalarsAreTheEncodersBytes() throws {
    try Self.expectSameBytes(1)
    try Self.expectSameBytes("text")
    try Self.expectSameBytes(2.0)
    try Self.expectSameBytes(Optional<Int>.none)
    try Self.expectSameBytes(Data([1, 2]))
    try Self.expectSameBytes([Int]())
    try Self.expectSameBytes([String: [String]]())
  }

  @Test func aKeyEncodedTwiceKeepsTheLaterValue() throws {
    struct Twice: Encodable {
      enum Key: String, CodingKey { case a, b }
      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(1, forKey: .b)
        try container.encode("first", forKey: .a)
        try container.encode(2, forKey: .b)
        try container.encode("second", forKey: .a)
      }
    }
    try Self.expectSameBytes(Twice())
    #expect(Self.isStreamed(Twice()))
    #expect(
      String(decoding: try CanonicalJSON.compact(Twice()), as: UTF8.self)
        == #"{"a":"second","b":2}"#)
  }

  @Test func errorsAreTheEncoders() throws {
    for number in [Double.nan, .infinity, -.infinity] {
      #expect(throws: EncodingError.self) { try CanonicalJSON.compact(["x": [number]]) }
      #expect(throws: EncodingError.self) { try Self.oracle(["x": [number]], pretty: false) }
    }
    #expect(throws: EncodingError.self) { try CanonicalJSON.compact(Nothing()) }
    #expect(throws: EncodingError.self) { try Self.oracle(Nothing(), pretty: false) }
    // JSONEncoder writes at most 511 nested containers.
    func nested(_ depth: Int) -> JSONValue {
      (0..<depth).reduce(JSONValue.null) { inner, _ in .array([inner]) }
    }
    try Self.expectSameBytes([nested(510)])
    #expect(throws: EncodingError.self) { try CanonicalJSON.compact([nested(511)]) }
    #expect(throws: EncodingError.self) { try Self.oracle([nested(511)], pretty: false) }
  }

  /// Whether the value is written in one pass
  /// (``CanonicalJSONEncoding/streamed(_:pretty:finalNewline:expectedSize:spareCapacity:)``)
  /// rather than through a tree of it, compact and pretty alike.
  static func isStreamed(_ value: some Encodable) -> Bool {
    CanonicalJSONEncoding.streamed(value, pretty: false) != nil
      && CanonicalJSONEncoding.streamed(value, pretty: true) != nil
  }

  @Test(arguments: ExampleTests.examples)
  func exampleIRIsWrittenInOnePass(_ url: URL) throws {
    let program = try #require(FlowCompiler.compile(try ExampleTests.source(url)).program)
    #expect(Self.isStreamed(program))
  }

  @Test func theUsualShapesAreWrittenInOnePass() throws {
    var everything = Everything()
    #expect(!Self.isStreamed(everything))  // `derived` encodes its superclass
    try Self.expectSameBytes(everything)
    everything.derived = nil
    #expect(Self.isStreamed(everything))
    try Self.expectSameBytes(everything)
    // Asked twice for its container, a value gets the same one; a nested container closes
    // when its parent is written to again.
    struct AskedTwice: Encodable {
      enum Key: String, CodingKey { case b, a, c }
      func encode(to encoder: any Encoder) throws {
        var first = encoder.container(keyedBy: Key.self)
        try first.encode(1, forKey: .b)
        var nested = first.nestedUnkeyedContainer(forKey: .c)
        try nested.encode("x")
        try nested.encode(["y": [true]])
        var second = encoder.container(keyedBy: Key.self)
        try second.encode([2, 3], forKey: .a)
      }
    }
    #expect(Self.isStreamed(AskedTwice()))
    try Self.expectSameBytes(AskedTwice())
    try Self.expectSameBytes([AskedTwice(), AskedTwice()])
  }

  @Test func whatOnePassCannotWriteIsTheTreesBytes() throws {
    enum Key: String, CodingKey { case x, y, z }
    // A nested container written to after a later one was opened.
    struct Interleaved: Encodable {
      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        var x = container.nestedContainer(keyedBy: Key.self, forKey: .y)
        var y = container.nestedUnkeyedContainer(forKey: .x)
        try x.encode(1, forKey: .z)
        try y.encode(2)
        try x.encode(3, forKey: .x)
      }
    }
    // Two nested containers for one key, which JSONEncoder merges.
    struct Merged: Encodable {
      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        var first = container.nestedContainer(keyedBy: Key.self, forKey: .x)
        try first.encode(1, forKey: .y)
        try container.encode(true, forKey: .z)
        var second = container.nestedContainer(keyedBy: Key.self, forKey: .x)
        try second.encode(2, forKey: .x)
      }
    }
    #expect(!Self.isStreamed(Interleaved()))
    try Self.expectSameBytes(Interleaved())
    #expect(!Self.isStreamed(Merged()))
    try Self.expectSameBytes(Merged())
    // A value that reads its coding path, which only the tree keeps.
    struct PathReader: Encodable {
      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(encoder.codingPath.map(\.stringValue), forKey: .x)
      }
    }
    let paths = ["a": [PathReader(), PathReader()]]
    #expect(!Self.isStreamed(paths))
    try Self.expectSameBytes(paths)
    #expect(
      String(decoding: try CanonicalJSON.compact(paths), as: UTF8.self)
        == #"{"a":[{"x":["a","Index 0"]},{"x":["a","Index 1"]}]}"#)
    #expect(!Self.isStreamed(Nothing()))
    #expect(!Self.isStreamed(["x": [Double.nan]]))
  }

  @Test func theEscapedBytesAreFoundWhereverTheyStand() {
    // Every byte value at every position of a word and of the tail after it, among bytes that
    // need no escape (ASCII and the high bytes of other characters).
    for filler in [UInt8(ascii: "a"), 0x7F, 0x80, 0xE9, 0xFF, 0x20] {
      for byte in UInt8.min...UInt8.max {
        let escaped = byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
        for position in 0..<11 {
          var bytes = [UInt8](repeating: filler, count: 11)
          bytes[position] = byte
          let found = bytes.withUnsafeBufferPointer {
            CanonicalJSONEncoding.firstEscapedByte(in: $0, from: 0)
          }
          #expect(found == (escaped ? position : 11), "byte \(byte) at \(position)")
        }
      }
    }
    var generator = SeededGenerator(seed: 2026_12_03)
    for _ in 0..<20_000 {
      let word = UInt64.random(in: .min ... .max, using: &generator)
      let bytes = withUnsafeBytes(of: word) { Array($0) }
      let expected = bytes.contains {
        $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
      }
      #expect(CanonicalJSONEncoding.hasEscapedByte(word) == expected)
    }
  }

  @Test func randomValuesAreTheEncodersBytes() throws {
    var generator = SeededGenerator(seed: 2026_12_02_2)
    for _ in 0..<1_000 {
      // Wrapped in an array, so that the value goes through the generic encoder rather than
      // the direct writer of `CanonicalJSON.compact(_: JSONValue)`.
      let value = [RandomJSON.value(depth: 0, using: &generator)]
      #expect(Self.isStreamed(value))
      try Self.expectSameBytes(value)
    }
  }
}
