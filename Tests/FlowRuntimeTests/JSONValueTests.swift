import FlowIR
import FlowRuntime
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
