import FlowIR
import FlowRuntime
import FlowTestSupport
import Foundation
import Testing

@testable import FlowTesting

/// `flowc test --endpoint`: the HTTP transport against small loopback servers, and the ids a
/// conversation sends to a skill that keeps its store.
@Suite struct EndpointTransportTests {
  static func url(_ server: LoopbackHTTPServer) -> URL {
    URL(string: "http://127.0.0.1:\(server.port)/")!
  }

  @Test func anEndpointThatRefusesInspectionIsAskedOnce() async throws {
    let server = try LoopbackHTTPServer { body in
      let text = String(decoding: body, as: UTF8.self)
      return text.contains(#""flowc":"inspect""#)
        ? (400, Data("malformed envelope".utf8)) : (200, Data(#"{"version":"1.0"}"#.utf8))
    }
    try await EndpointClient.with { client in
      let transport = client.transport(url: Self.url(server))
      let answer = try await transport.answer(Data("{}".utf8))
      #expect(answer == Data(#"{"version":"1.0"}"#.utf8))
      let first = try await transport.inspect(userId: "amzn1.ask.account.X")
      #expect(!first.isSupported)
      #expect(
        first.unsupportedReason?.hasPrefix("it answered the inspection question with HTTP 400")
          == true)
      let asked = server.requestCount
      let second = try await transport.inspect(userId: "amzn1.ask.account.X")
      #expect(second == first)
      #expect(server.requestCount == asked, "not asked again")
    }
  }

  @Test func anInspectionAnswerIsRead() async throws {
    let server = try LoopbackHTTPServer { _ in
      (
        200,
        Data(
          #"{"agreements":[],"flowc":"inspect","orders":[{"id":"NN-K7M4-RA92","state":"pending"}],"trace":null}"#
            .utf8)
      )
    }
    let inspection = try await EndpointClient.with { client in
      try await client.transport(url: Self.url(server)).inspect(userId: "u")
    }
    #expect(inspection.isSupported)
    #expect(inspection.orders == [["id": "NN-K7M4-RA92", "state": "pending"]])
  }

  @Test func aBodyOverTheLimitFailsTheConversation() async throws {
    let server = try LoopbackHTTPServer { _ in
      (200, Data(repeating: UInt8(ascii: " "), count: EndpointTransport.maximumResponseSize + 1))
    }
    try await EndpointClient.with { client in
      let transport = client.transport(url: Self.url(server))
      await #expect(
        throws: ConversationError(
          "the skill endpoint answered the request with a body larger than 1 MiB",
          details: ["endpoint: \(Self.url(server).absoluteString)"])
      ) {
        try await transport.answer(Data("{}".utf8))
      }
      await #expect(
        throws: ConversationError("the skill endpoint failed earlier in this conversation")
      ) {
        try await transport.answer(Data("{}".utf8))
      }
    }
  }

  /// What `flowc serve --allow-inspection` answers with: the asked customer's trace, and
  /// `nil` for a body that is no question (it is then a request envelope).
  @Test func aServerAnswersAQuestionWithTheAskedCustomersTrace() async throws {
    let store = MemoryFlowStore()
    var trace = TurnTrace()
    trace.answeringState = "welcome"
    let asked = try #require(
      try await InspectionLine.answer(
        toQuestion: InspectionLine.question(userId: "amzn1.ask.account.A"), store: store,
        lastTrace: { $0 == "amzn1.ask.account.A" ? trace : nil }))
    let inspection = try InspectionLine.inspection(
      from: CanonicalJSON.decode(JSONValue.self, from: asked))
    #expect(inspection.trace?.answeringState == "welcome")
    let other = try #require(
      try await InspectionLine.answer(
        toQuestion: InspectionLine.question(userId: "amzn1.ask.account.B"), store: store,
        lastTrace: { $0 == "amzn1.ask.account.A" ? trace : nil }))
    #expect(String(decoding: other, as: UTF8.self).contains(#""trace":null"#))
    let envelope = try await InspectionLine.answer(
      toQuestion: Data(#"{"version":"1.0","request":{}}"#.utf8), store: store,
      lastTrace: { _ in trace })
    #expect(envelope == nil)
    await #expect(throws: ConversationError.self) {
      try await InspectionLine.answer(
        toQuestion: Data(#"{"flowc":"reset"}"#.utf8), store: store, lastTrace: { _ in nil })
    }
  }

  @Test func uniqueConversationsSendIdsOfTheirOwnAndRepeatableOnesTheSameIds() async throws {
    let program = try ExampleConversations.program("no-nicks")
    func ids(_ identifiers: ConversationIdentifiers) async throws -> [String] {
      let conversation = TestConversation(
        program: program, locale: "en-US", identifiers: identifiers)
      let turn = try #require(try await conversation.perform(.launch))
      let request = try CanonicalJSON.decode(JSONValue.self, from: turn.requestJSON)
      return [
        request["session"]?["user"]?["userId"]?.stringValue ?? "",
        request["session"]?["sessionId"]?.stringValue ?? "",
        request["request"]?["requestId"]?.stringValue ?? "",
      ]
    }
    let repeatable = try await ids(.repeatable)
    #expect(
      repeatable == [
        "amzn1.ask.account.TESTDEFAULT", "amzn1.echo-api.session.flowc-test-default-1",
        "amzn1.echo-api.request.flowc-test-1",
      ])
    #expect(try await ids(.repeatable) == repeatable)
    let first = try await ids(.unique)
    let second = try await ids(.unique)
    for (index, id) in first.enumerated() {
      #expect(id != second[index])
    }
    #expect(first[0].wholeMatch(of: /amzn1\.ask\.account\.TESTDEFAULT-[0-9A-F]{16}/) != nil)
    #expect(
      first[1].wholeMatch(of: /amzn1\.echo-api\.session\.flowc-test-[0-9A-F]{16}-default-1/)
        != nil)
    #expect(
      first[2].wholeMatch(of: /amzn1\.echo-api\.request\.flowc-test-[0-9A-F]{16}-1/) != nil)
  }
}
