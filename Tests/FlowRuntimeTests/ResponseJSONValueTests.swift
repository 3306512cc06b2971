import FlowIR
import FlowRuntime
import FlowTestSupport
import Foundation
import Testing

/// The engine writes responses through ``ResponseEnvelope/jsonValue()``; its oracle is the
/// envelope's `Codable` form written by `JSONEncoder` with the canonical options.
@Suite struct ResponseJSONValueTests {
  static func encoderBytes(_ envelope: ResponseEnvelope) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(envelope)
  }

  static let speeches: [OutputSpeech?] = [
    nil, .plainText("Hi / there"), .ssml("<speak>Two kits, \"please\" & thanks</speak>"),
  ]
  static let cards: [ResponseCard?] = [
    nil, .simple(title: "Order", content: "2 × kit\n$18.00"),
    .standard(title: "T", text: "x", image: nil),
    .standard(
      title: "T", text: "x",
      image: CardImage(smallImageUrl: "https://a/s.png", largeImageUrl: nil)),
    .standard(
      title: "T", text: "x",
      image: CardImage(smallImageUrl: "https://a/s.png", largeImageUrl: "https://a/l.png")),
    .standard(title: "", text: "", image: CardImage(smallImageUrl: nil, largeImageUrl: nil)),
    .askForPermissionsConsent(permissions: ["payments:autopay_consent", "alexa::profile:name:read"]
    ),
    .askForPermissionsConsent(permissions: []),
  ]
  static let directives: [[Directive]?] = [
    nil, [],
    [
      .connectionsSendRequest(
        name: "Charge",
        payload: .object([
          "@type": .string("ChargeAmazonPayRequest"), "@version": .string("2"),
          "authorizeAttributes": .object([
            "authorizationAmount": .object(["amount": .string("18.00")])
          ]),
          "transactionTimeout": .number(0),
        ]), token: "tok/1")
    ],
    [.connectionsSendRequest(name: "Setup", payload: nil, token: "t")],
    [
      .dialogElicitSlot(
        slotToElicit: "quantity",
        updatedIntent: IntentRequest.Intent(
          name: "BuyIntent", confirmationStatus: "NONE",
          slots: [
            "product": IntentRequest.Slot(
              name: "product", value: "starter kit", confirmationStatus: "NONE"),
            "quantity": IntentRequest.Slot(name: "quantity"),
          ])),
      .other(.object(["type": .string("Dialog.Delegate"), "n": .number(1.5)])),
      .other(.string("odd")),
    ],
  ]

  @Test func everyShapeIsWhatTheEncoderWrites() throws {
    var checked = 0
    for speech in Self.speeches {
      for card in Self.cards {
        for directives in Self.directives {
          for end: Bool? in [nil, true, false] {
            for attributes: [String: JSONValue]? in [
              nil, [:], ["flowc": .object(["seal": .string("x")])],
            ] {
              let envelope = ResponseEnvelope(
                sessionAttributes: attributes,
                response: ResponseBody(
                  outputSpeech: speech, card: card,
                  reprompt: speech.map { Reprompt(outputSpeech: $0) }, directives: directives,
                  shouldEndSession: end))
              #expect(
                try CanonicalJSON.compact(envelope.jsonValue()) == Self.encoderBytes(envelope),
                "\(envelope)")
              #expect(try FlowEngine.encode(envelope) == Self.encoderBytes(envelope))
              checked += 1
            }
          }
        }
      }
    }
    #expect(checked == 3 * 8 * 5 * 3 * 3)
  }

  @Test func randomPayloadsAndAttributesAreWhatTheEncoderWrites() throws {
    var generator = SeededGenerator(seed: 11)
    for _ in 0..<500 {
      let payload = RandomJSON.value(depth: 0, using: &generator)
      var attributes: [String: JSONValue] = [:]
      for _ in 0..<Int.random(in: 0...3, using: &generator) {
        attributes[RandomJSON.string(using: &generator)] =
          RandomJSON.value(depth: 1, using: &generator)
      }
      let envelope = ResponseEnvelope(
        sessionAttributes: attributes,
        response: ResponseBody(
          directives: [
            .connectionsSendRequest(name: "Setup", payload: payload, token: "t"), .other(payload),
          ]))
      #expect(try FlowEngine.encode(envelope) == Self.encoderBytes(envelope), "\(envelope)")
    }
  }
}
