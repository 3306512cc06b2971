import FlowIR
import FlowRuntime
import FlowServer
import FlowTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `flowc serve --allow-inspection`: the trace of each customer's last turn, kept for the
/// recent customers only, and the inspection hook on `POST /`.
@Suite struct InspectionRouteTests {
  static func trace(_ state: String) -> TurnTrace {
    var trace = TurnTrace()
    trace.answeringState = state
    return trace
  }

  @Test func recentTracesForgetTheLeastRecentlyUsedCustomerFirst() {
    let traces = RecentTraces(capacity: 3)
    traces.record(Self.trace("a"), userId: "A")
    traces.record(Self.trace("b"), userId: "B")
    traces.record(Self.trace("c"), userId: "C")
    #expect(traces.trace(userId: "A")?.answeringState == "a")
    traces.record(Self.trace("d"), userId: "D")
    #expect(traces.count == 3)
    #expect(traces.trace(userId: "B") == nil, "B was used least recently")
    #expect(traces.trace(userId: "A")?.answeringState == "a")
    #expect(traces.trace(userId: "C")?.answeringState == "c")
    #expect(traces.trace(userId: "D")?.answeringState == "d")
    traces.record(Self.trace("a2"), userId: "A")
    #expect(traces.trace(userId: "A")?.answeringState == "a2", "a customer's last turn wins")
  }

  @Test func recentTracesStayBoundedWhateverTheUserIdsAre() {
    let traces = RecentTraces()
    let long = String(repeating: "x", count: 10_000)
    for number in 0..<(RecentTraces.defaultCapacity + 500) {
      traces.record(TurnTrace(), userId: "\(long)\(number)")
    }
    #expect(traces.count == RecentTraces.defaultCapacity)
  }

  /// A hook that answers `ask:USER` with that user's last answering state.
  static let hook = InspectionAnswering { body, _, lastTrace in
    let text = String(decoding: body, as: UTF8.self)
    guard text.hasPrefix("ask:") else { return nil }
    if text == "ask:bad" { throw HookError() }
    let state = lastTrace(String(text.dropFirst(4)))?.answeringState ?? "none"
    return Data(state.utf8)
  }

  struct HookError: Error, CustomStringConvertible {
    var description: String { "not a question\nwith a second line" }
  }

  static func launch(_ userId: String, _ requestId: String) throws -> Data {
    try CanonicalJSON.compact(
      RequestEnvelopes.envelope(
        request: RequestEnvelopes.launch(), userId: userId, sessionNew: true,
        requestId: requestId))
  }

  static func post(_ client: some TestClientProtocol, _ body: Data) async throws -> TestResponse {
    try await client.execute(
      uri: SkillServerRoute.skill, method: .post, body: ByteBuffer(bytes: body))
  }

  @Test func eachCustomerIsToldAboutTheirOwnLastTurn() async throws {
    let fixture = ServerFixture()
    var server = fixture.server
    server.inspection = Self.hook
    try await server.application().test(.router) { client in
      let first = try await Self.post(client, Self.launch(RequestEnvelopes.shopper, "r1"))
      #expect(first.status == .ok)
      let before = try await Self.post(client, Data("ask:\(RequestEnvelopes.otherShopper)".utf8))
      #expect(String(buffer: before.body) == "none")
      // The other customer's turn does not hide the first one's.
      let second = try await Self.post(client, Self.launch(RequestEnvelopes.otherShopper, "r2"))
      #expect(second.status == .ok)
      let mine = try await Self.post(client, Data("ask:\(RequestEnvelopes.shopper)".utf8))
      #expect(mine.status == .ok)
      #expect(mine.headers[.contentType] == "application/json")
      #expect(String(buffer: mine.body) == "welcome")
      let theirs = try await Self.post(client, Data("ask:\(RequestEnvelopes.otherShopper)".utf8))
      #expect(String(buffer: theirs.body) == "welcome")
      let bad = try await Self.post(client, Data("ask:bad".utf8))
      #expect(bad.status == .badRequest)
      #expect(String(buffer: bad.body) == "not a question\\u{a}with a second line\n")
    }
  }

  @Test func withoutTheHookAQuestionIsAMalformedEnvelope() async throws {
    let fixture = ServerFixture()
    try await fixture.server.application().test(.router) { client in
      let question = try await Self.post(
        client, Data(#"{"flowc":"inspect","userId":"amzn1.ask.account.X"}"#.utf8))
      #expect(question.status == .badRequest)
    }
  }

  @Test func aVerifyingServerNeverAnswersQuestions() async throws {
    let fixture = ServerFixture(verifier: AcceptingVerifier())
    var server = fixture.server
    server.inspection = Self.hook
    try await server.application().test(.router) { client in
      let question = try await Self.post(client, Data("ask:x".utf8))
      #expect(question.status == .badRequest, "a question is a malformed envelope there")
    }
    await #expect(throws: SkillServerError.inspectionNeedsNoVerification) {
      try await server.run()
    }
  }
}

/// A verifier that accepts everything but is not ``InsecureNoVerification``.
struct AcceptingVerifier: AlexaRequestVerifying {
  func verify(_ request: AlexaHTTPRequest, now: Date) async throws(VerificationFailure) {}
}
