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
