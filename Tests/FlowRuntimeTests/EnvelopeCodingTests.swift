import FlowIR
import FlowRuntime
import Foundation
import Testing

/// Decoding Alexa's request envelopes and encoding response envelopes.
@Suite struct EnvelopeCodingTests {
  static func decode(_ text: String) throws -> RequestEnvelope {
    try CanonicalJSON.decode(RequestEnvelope.self, from: Data(text.utf8))
  }

  /// A reference request envelope of `Tests/Conformance/envelopes` (`request-NAME.json`).
  static func reference(_ name: String) throws -> RequestEnvelope {
    let url = AmazonPayFixtures.envelopesDirectory.appendingPathComponent("request-\(name).json")
    return try CanonicalJSON.decode(RequestEnvelope.self, from: Data(contentsOf: url))
  }

  @Test func intentWithResolvedSlotDecodes() throws {
    let envelope = try Self.reference("intent-resolved-slot")
    #expect(envelope.userId == "amzn1.ask.account.SHOPPERXXXXXXXXXXXXXXXXXXXX")
    #expect(envelope.permissionStatus(scope: "payments:autopay_consent") == "GRANTED")
    #expect(envelope.session?.new == false)
    #expect(envelope.context?.system.apiEndpoint == "https://api.amazonalexa.com")
    let request = try #require(envelope.request.intentRequest)
    #expect(request.intent.name == "BuyIntent")
    #expect(request.dialogState == "COMPLETED")
    #expect(request.intent.slots?["product"]?.value == "razor kit")
    #expect(request.intent.slots?["product"]?.resolvedId == "starter_kit")
    #expect(request.intent.slots?["quantity"]?.value == "2")
    #expect(request.intent.slots?["quantity"]?.resolvedId == nil)
    #expect(envelope.request.locale == "en-US")
  }

  @Test func connectionsResponseWithoutPayloadDecodes() throws {
    let envelope = try Self.reference("connections-setup-error-no-payload")
    let response = try #require(envelope.request.connectionsResponse)
    #expect(response.name == "Setup")
    #expect(response.status == ConnectionsResponse.Status(code: "400", message: "InvalidSellerId"))
    #expect(response.payload == nil)
    #expect(response.token == "pUjN6Zq3F0n2m4kX8cVb1w")
  }

  @Test func connectionsResponseKeepsThePayload() throws {
    let envelope = try Self.reference("connections-charge-success")
    let response = try #require(envelope.request.connectionsResponse)
    #expect(
      response.payload?["authorizationDetails"]?["authorizationStatus"]?["state"]
        == .string("Closed"))
    #expect(
      envelope.request.requestId == "amzn1.echo-api.request.00000000-0000-0000-0000-000000000000")
  }

  @Test func sessionEndedDecodes() throws {
    let envelope = try Self.reference("session-ended")
    let request = try #require(envelope.request.sessionEndedRequest)
    #expect(request.reason == "USER_INITIATED")
  }

  @Test func numericStatusCodeIsAccepted() throws {
    let json =
      #"{"request": {"type": "Connections.Response", "requestId": "r", "status": {"code": 429}}}"#
    let envelope = try Self.decode(json)
    let response = try #require(envelope.request.connectionsResponse)
    #expect(response.status?.code == "429")
  }

  @Test func unknownRequestTypeIsKept() throws {
    let json =
      #"{"request": {"type": "Alexa.Presentation.APL.UserEvent", "requestId": "r", "arguments": [1]}}"#
    let envelope = try Self.decode(json)
    #expect(
      envelope.request
        == .unknown(
          UnknownRequest(type: "Alexa.Presentation.APL.UserEvent", requestId: "r", locale: nil)))
  }

  @Test func requestEnvelopeRoundTrips() throws {
    let envelope = try Self.reference("intent-resolved-slot")
    let again = try JSONDecoder().decode(
      RequestEnvelope.self, from: try JSONEncoder().encode(envelope))
    #expect(again == envelope)
  }

  @Test func responseEnvelopeOmitsUnsetFields() throws {
    let response = ResponseEnvelope(
      response: ResponseBody(
        outputSpeech: .plainText("Hi"),
        card: .standard(
          title: "T", text: "X",
          image: CardImage(smallImageUrl: "https://a/b.png", largeImageUrl: nil)),
        directives: [
          .connectionsSendRequest(name: "Setup", payload: .object(["a": .number(0)]), token: "t")
        ],
        shouldEndSession: true))
    let json = String(decoding: try FlowEngine.encode(response), as: UTF8.self)
    #expect(!json.contains("null"))
    #expect(
      json
        == #"{"response":{"card":{"image":{"smallImageUrl":"https://a/b.png"},"text":"X","#
        + #""title":"T","type":"Standard"},"directives":[{"name":"Setup","payload":{"a":0},"#
        + #""token":"t","type":"Connections.SendRequest"}],"outputSpeech":{"text":"Hi","#
        + #""type":"PlainText"},"shouldEndSession":true},"version":"1.0"}"#)
    let decoded = try JSONDecoder().decode(ResponseEnvelope.self, from: Data(json.utf8))
    #expect(decoded == response)
  }

  @Test func cardsAndSpeechEncodeInAlexaShapes() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    func json(_ value: some Encodable) throws -> String {
      String(decoding: try encoder.encode(value), as: UTF8.self)
    }
    #expect(
      try json(ResponseCard.simple(title: "T", content: "C"))
        == #"{"content":"C","title":"T","type":"Simple"}"#)
    #expect(
      try json(ResponseCard.askForPermissionsConsent(permissions: ["payments:autopay_consent"]))
        == #"{"permissions":["payments:autopay_consent"],"type":"AskForPermissionsConsent"}"#)
    #expect(
      try json(OutputSpeech.ssml("<speak>a</speak>"))
        == #"{"ssml":"<speak>a<\/speak>","type":"SSML"}"#)
  }
}

extension AlexaRequest {
  /// The `IntentRequest`, if this is one.
  var intentRequest: IntentRequest? {
    if case .intent(let request) = self { return request }
    return nil
  }

  /// The `Connections.Response`, if this is one.
  var connectionsResponse: ConnectionsResponse? {
    if case .connectionsResponse(let response) = self { return response }
    return nil
  }

  /// The `SessionEndedRequest`, if this is one.
  var sessionEndedRequest: SessionEndedRequest? {
    if case .sessionEnded(let request) = self { return request }
    return nil
  }
}
