import FlowIR
import FlowRuntime
import FlowTestSupport
import Foundation
import Testing

@Suite struct JSONValueTests {
  @Test func wholeNumbersEncodeWithoutFraction() throws {
    let data = try JSONEncoder().encode(JSONValue.object(["transactionTimeout": .number(0)]))
    #expect(String(decoding: data, as: UTF8.self) == #"{"transactionTimeout":0}"#)
  }
}

/// Session attributes are built as JSON values directly, in the shape `Codable` gives.
@Suite struct SessionAttributeTests {
  static let state = SessionState(
    flowHash: "sha256:h", state: "confirm_order", locale: "en-US",
    variables: [
      "order.id": .string("NN-1/2"), "quantity": .int(3), "agreement.open": .bool(true),
      "total": .money(Money(minorUnits: 1800, currency: "USD")), "product": .product("kit"),
      "big": .int(999_999_999_999_999), "negative": .int(-999_999_999_999_999),
    ])

  @Test func attributesAreTheCodableFormAndReadBack() throws {
    let attributes = try Self.state.sessionAttributes()
    let viaCodable = try CanonicalJSON.decode(
      JSONValue.self, from: try CanonicalJSON.compact(Self.state))
    #expect(attributes == [SessionState.attributeKey: viaCodable])
    #expect(SessionState(sessionAttributes: attributes) == Self.state)
  }

  @Test(arguments: [Int64.max, Int64.min, 1_000_000_000_000_000])
  func anIntegerJSONCannotCarryIsAnErrorNotALostSession(value: Int64) {
    var state = Self.state
    state.variables["big"] = .int(value)
    #expect(throws: FlowEngineError.self) { try state.sessionAttributes() }
  }

  @Test func attributesWithANumberTooLargeAreNotAState() {
    let attributes: [String: JSONValue] = [
      SessionState.attributeKey: .object([
        "flow_hash": .string("h"), "state": .string("s"), "locale": .string("en-US"),
        "variables": .object(["n": .object(["int": .number(1e17)])]),
      ])
    ]
    #expect(SessionState(sessionAttributes: attributes) == nil)
  }
}

/// The direct writer of ``CanonicalJSON/compact(_:)-(JSONValue)`` against its oracle,
/// Foundation's `JSONEncoder` with the canonical options, on edge cases and on random values.
@Suite struct CanonicalJSONWriterTests {
  /// The bytes `JSONEncoder` writes for the value: what the direct writer must write.
  static func encoderBytes(_ value: JSONValue) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(value)
  }

  static let edgeStrings: [String] =
    [
      "", "plain", "a/b", #"quote " and \ backslash"#, "\u{7F} DEL", "line\u{2028}sep\u{2029}",
      "é and e\u{301}", "emoji 🧔🏽‍♂️", "\u{FFFF}", "日本語",
    ] + (0..<0x20).map { String(UnicodeScalar(UInt8($0))) + "x" }

  static let edgeNumbers: [Double] = [
    0, -0.0, 1, -1, 0.5, 0.1, -2.25, 1e-7, 1e-5, 1e-4, 123_456.789, 999_999_999_999_999,
    -999_999_999_999_999, 1e15, -1e15, 1e16, 9_007_199_254_740_993, 1.5e300, 1e22,
    .greatestFiniteMagnitude, .leastNonzeroMagnitude, .leastNormalMagnitude, .pi,
  ]

  @Test func edgeCasesMatchTheEncoder() throws {
    var values: [JSONValue] = [.null, .bool(true), .bool(false), .array([]), .object([:])]
    values += Self.edgeStrings.map { .string($0) }
    values += Self.edgeNumbers.map { .number($0) }
    values.append(.object(Dictionary(uniqueKeysWithValues: Self.edgeStrings.map { ($0, .null) })))
    values.append(.object(["b": .number(1), "a": .number(2), "B": .number(3), "_": .number(4)]))
    for value in values {
      #expect(
        try CanonicalJSON.compact(value) == Self.encoderBytes(value), "\(value)")
    }
  }

  @Test func nonFiniteNumbersAreErrors() {
    for number in [Double.nan, .infinity, -.infinity] {
      #expect(throws: EncodingError.self) { try CanonicalJSON.compact(JSONValue.number(number)) }
      #expect(throws: EncodingError.self) {
        try CanonicalJSON.compact(JSONValue.array([.string("x"), .number(number)]))
      }
    }
  }

  @Test func randomValuesMatchTheEncoder() throws {
    var generator = SeededGenerator(seed: 2026_12_02)
    for _ in 0..<2_000 {
      let value = RandomJSON.value(depth: 0, using: &generator)
      let written = try CanonicalJSON.compact(value)
      #expect(written == (try Self.encoderBytes(value)), "\(value)")
    }
  }
}

/// `JSONValue` decoding: every kind, at any depth.
@Suite struct JSONValueDecodingTests {
  @Test func everyKindReadsBack() throws {
    let text = #"{"a":[1,-2.5,"x",true,false,null,{"b":{}}],"c":"/","d":1e-7,"e":[]}"#
    let value = try CanonicalJSON.decode(JSONValue.self, from: Data(text.utf8))
    #expect(
      value
        == .object([
          "a": .array([
            .number(1), .number(-2.5), .string("x"), .bool(true), .bool(false), .null,
            .object(["b": .object([:])]),
          ]),
          "c": .string("/"), "d": .number(1e-7), "e": .array([]),
        ]))
  }

  @Test func deepNestingOfEveryContainerReadsBack() throws {
    var value = JSONValue.string("core")
    for level in 0..<200 {
      value =
        level.isMultiple(of: 2) ? .array([.number(Double(level)), value]) : .object(["k": value])
    }
    let decoded = try CanonicalJSON.decode(JSONValue.self, from: try CanonicalJSON.compact(value))
    #expect(decoded == value)
  }
}

/// ``SessionState/init(sessionAttributes:)`` reads the JSON values directly; its oracle is the
/// `Codable` path it replaced: canonical JSON of the values decoded by `JSONDecoder`, with
/// numbers JSON values cannot carry back exactly refused.
@Suite struct SessionStateReadingTests {
  static func viaCodable(_ attributes: [String: JSONValue]) -> SessionState? {
    guard let value = attributes[SessionState.attributeKey],
      let data = try? CanonicalJSON.compact(value),
      let state = try? CanonicalJSON.decode(SessionState.self, from: data),
      (try? state.sessionAttributes()) != nil
    else { return nil }
    return state
  }

  static let variableForms: [JSONValue] = [
    .object(["string": .string("s")]), .object(["int": .number(3)]),
    .object(["int": .number(-999_999_999_999_999)]), .object(["int": .number(1e15)]),
    .object(["int": .number(2.5)]), .object(["int": .number(-0.0)]), .object(["int": .string("3")]),
    .object(["bool": .bool(true)]), .object(["bool": .number(1)]),
    .object(["money": .object(["minor_units": .number(1800), "currency": .string("USD")])]),
    .object(["money": .object(["minor_units": .number(1800)])]),
    .object(["money": .object(["minor_units": .number(1e16), "currency": .string("USD")])]),
    .object(["money": .object(["minor_units": .number(1), "currency": .string("EUR"), "x": .null])]
    ),
    .object(["product": .string("kit")]), .object(["product": .null]),
    .object(["string": .string("s"), "int": .number(1)]),
    .object(["int": .number(1), "extra": .bool(true)]),
    .object(["bool": .bool(false), "product": .string("p")]), .object(["unknown": .string("s")]),
    .object([:]), .string("s"), .null, .array([.string("s")]),
  ]

  @Test func readsWhatTheCodableFormReads() {
    var generator = SeededGenerator(seed: 9)
    let fields: [String: JSONValue] = [
      "flow_hash": .string("sha256:h"), "state": .string("confirm"), "locale": .string("en-US"),
    ]
    var cases: [[String: JSONValue]] = []
    for form in Self.variableForms {
      var content = fields
      content["variables"] = .object(["v": form, "w": .object(["string": .string("ok")])])
      cases.append([SessionState.attributeKey: .object(content)])
    }
    for field in fields.keys {
      for replacement: JSONValue? in [nil, .number(1), .null, .string("x")] {
        var content = fields
        content[field] = replacement
        content["variables"] = .object([:])
        cases.append([SessionState.attributeKey: .object(content)])
      }
    }
    for _ in 0..<300 {
      var content = fields
      content["variables"] = .object(
        Dictionary(
          uniqueKeysWithValues: (0..<Int.random(in: 0...4, using: &generator)).map {
            ("v\($0)", Self.variableForms.randomElement(using: &generator)!)
          }))
      if Bool.random(using: &generator) { content["extra"] = .array([]) }
      cases.append([SessionState.attributeKey: .object(content)])
    }
    cases.append([:])
    cases.append([SessionState.attributeKey: .string("x")])
    cases.append([SessionState.attributeKey: .object(fields)])
    var accepted = 0
    for attributes in cases {
      let direct = SessionState(sessionAttributes: attributes)
      #expect(direct == Self.viaCodable(attributes), "\(attributes)")
      if direct != nil { accepted += 1 }
    }
    // Both outcomes are exercised.
    #expect(accepted > 20 && accepted < cases.count - 20)
  }
}
