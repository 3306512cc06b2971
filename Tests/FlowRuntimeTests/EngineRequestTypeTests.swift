import FlowIR
import FlowRuntime
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// Requests that are not part of the flow's conversation, and input that is not a request.
@Suite struct EngineRequestTypeTests {
  @Test func sessionEndedGetsAnEmptyResponse() async throws {
    var customer = try await launchedCustomer("session-ended")
    let ended = try await customer.send([
      "type": .string("SessionEndedRequest"), "reason": .string("USER_INITIATED"),
    ])
    #expect(ended == .empty)
  }

  @Test func sessionEndedWithAnErrorGetsAnEmptyResponse() async throws {
    var customer = ConversationSession(engine: makeEngine(), name: "session-ended-error")
    let ended = try await customer.send([
      "type": .string("SessionEndedRequest"), "reason": .string("ERROR"),
      "error": .object([
        "type": .string("INVALID_RESPONSE"), "message": .string("bad response"),
      ]),
    ])
    #expect(ended == .empty)
  }

  @Test func exceptionEncounteredGetsAnEmptyResponse() async throws {
    var customer = ConversationSession(engine: makeEngine(), name: "exception-encountered")
    let response = try await customer.send([
      "type": .string("System.ExceptionEncountered"),
      "error": .object(["type": .string("INVALID_RESPONSE"), "message": .string("oops")]),
      "cause": .object(["requestId": .string("amzn1.echo-api.request.earlier")]),
    ])
    #expect(response == .empty)
  }

  @Test(arguments: [
    "CanFulfillIntentRequest", "AlexaSkillEvent.SkillEnabled", "Display.ElementSelected",
    "Messaging.MessageReceived",
  ])
  func unknownRequestTypesGetAValidEmptyResponse(type: String) async throws {
    var customer = ConversationSession(engine: makeEngine(), name: "unknown-type")
    customer.recordsRequests = false
    let response = try await customer.send([
      "type": .string(type), "extra": .object(["nested": .array([.number(1), .null])]),
    ])
    #expect(response == .empty)
  }

  @Test func emptyResponseEncodesWithoutNulls() throws {
    let json = String(decoding: try FlowEngine.encode(.empty), as: UTF8.self)
    #expect(json == #"{"response":{},"version":"1.0"}"#)
  }

  @Test(arguments: [
    ("", "malformed request envelope: the input is empty"),
    ("   \n", "malformed request envelope: the input is empty"),
    ("{", "malformed request envelope: the input is not valid JSON"),
    ("[1, 2]", "malformed request envelope: expected an object at the top level"),
    (#"{"version": "1.0"}"#, "malformed request envelope: missing field 'request'"),
    (#"{"request": {}}"#, "malformed request envelope: missing field 'request.type'"),
    (
      #"{"request": {"type": "LaunchRequest"}}"#,
      "malformed request envelope: missing field 'request.requestId'"
    ),
    (
      #"{"request": {"type": "IntentRequest", "requestId": "r", "intent": 5}}"#,
      "malformed request envelope: expected an object at 'request.intent'"
    ),
  ])
  func malformedInputThrowsAOneLineErrorAndStoresNothing(input: String, message: String)
    async throws
  {
    let store = MemoryFlowStore()
    let engine = makeEngine(store: store)
    do {
      _ = try await engine.handle(requestJSON: Data(input.utf8))
      Issue.record("no error for \(input)")
    } catch let error as FlowEngineError {
      #expect(error.description == message)
      #expect(!error.description.contains("\n"))
    }
    #expect(await store.processedRequestCount == 0)
  }

  @Test func unknownFieldsAreIgnored() async throws {
    let store = MemoryFlowStore()
    let engine = makeEngine(store: store)
    var envelope = RequestEnvelopes.envelope(
      request: RequestEnvelopes.launch(), sessionNew: true,
      requestId: "amzn1.echo-api.request.extra")
    if case .object(var object) = envelope {
      object["newTopLevelField"] = .string("x")
      if case .object(var request)? = object["request"] {
        request["shouldLinkResultBeReturned"] = .bool(false)
        object["request"] = .object(request)
      }
      envelope = .object(object)
    }
    let response = try await engine.handle(requestJSON: try CanonicalJSON.compact(envelope))
    let decoded = try JSONDecoder().decode(ResponseEnvelope.self, from: response)
    #expect(decoded.response.outputSpeech != nil)
  }

  @Test func hostileValuesDoNotCrash() async throws {
    let engine = makeEngine()
    let inputs = [
      #"{"request": {"type": "Connections.Response", "requestId": "h1", "status": {"code": 200}}}"#,
      #"{"request": {"type": "IntentRequest", "requestId": "h2", "intent": {"name": ""}}}"#,
      #"{"request": {"type": "IntentRequest", "requestId": "h3", "intent": {"name": "BuyIntent", "slots": {"product": {"name": "product", "value": ""}, "quantity": {"name": "quantity", "value": "99999999999999999999999"}}}}}"#,
      #"{"session": {"attributes": {"flowc": {"flow_hash": 1}}}, "request": {"type": "IntentRequest", "requestId": "h4", "intent": {"name": "AMAZON.YesIntent"}}}"#,
      #"{"request": {"type": 5}}"#,
      #"{"request": {"type": "LaunchRequest", "requestId": "h6", "locale": "xx-XX"}}"#,
    ]
    for input in inputs {
      // Either a valid response or a thrown FlowEngineError; never a crash.
      if let data = try? await engine.handle(requestJSON: Data(input.utf8)) {
        #expect((try? JSONDecoder().decode(ResponseEnvelope.self, from: data)) != nil)
      }
    }
  }
}
