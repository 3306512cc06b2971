public import FlowIR
public import FlowRuntime
public import FlowTesting

/// Request envelopes in the shapes Alexa sends (after the project's reference envelopes for the
/// No Nicks store, `Tests/Conformance/envelopes`): the same session, context and request
/// fields, with ids, tokens and payloads filled in by each test; built by FlowTesting's
/// ``FlowTesting/AlexaEnvelopes``.
public enum RequestEnvelopes {
  /// The skill id of the reference envelopes.
  public static let skillId = "amzn1.ask.skill.0e8f6c1a-7a52-4f0e-9a77-1c2b3d4e5f60"
  /// The customer of the reference envelopes.
  public static let shopper = "amzn1.ask.account.SHOPPERXXXXXXXXXXXXXXXXXXXX"
  /// A second customer.
  public static let otherShopper = "amzn1.ask.account.OTHERXXXXXXXXXXXXXXXXXXXXXX"

  /// `session.sessionId` of the reference envelopes.
  public static let sessionId = "amzn1.echo-api.session.11111111-1111-1111-1111-111111111111"
  /// `request.timestamp` of the reference envelopes.
  public static let timestamp = "2026-11-28T12:00:00Z"
  /// The envelope builder with the skill and device of the reference envelopes.
  public static let builder = AlexaEnvelopes(
    skillId: skillId, deviceId: "amzn1.ask.device.SHOPPERDDDDDDDDDD",
    apiAccessToken: "eyJ0eXAi.fake.token", consentToken: "tok")

  /// A whole envelope around a request.
  ///
  /// - Parameters:
  ///   - request: The `request` object without `requestId`, `timestamp` and `locale`.
  ///   - userId: The Alexa user.
  ///   - permission: The status of the Amazon Pay permission; `nil` for no permissions at all.
  ///   - sessionId: `session.sessionId`.
  ///   - sessionNew: `session.new`.
  ///   - attributes: `session.attributes`.
  ///   - locale: `request.locale`.
  ///   - requestId: `request.requestId`.
  /// - Returns: The envelope.
  public static func envelope(
    request: [String: JSONValue], userId: String = shopper, permission: String? = "GRANTED",
    sessionId: String = RequestEnvelopes.sessionId, sessionNew: Bool,
    attributes: [String: JSONValue]? = nil, locale: String = "en-US", requestId: String
  ) -> JSONValue {
    builder.envelope(
      request: request, userId: userId, permission: permission, sessionId: sessionId,
      sessionNew: sessionNew, attributes: attributes, locale: locale, requestId: requestId,
      timestamp: timestamp)
  }

  /// A `LaunchRequest`.
  public static func launch() -> [String: JSONValue] {
    AlexaEnvelopes.launchRequest()
  }

  /// An `IntentRequest`; slot values are `(value, resolved product id?)`.
  public static func intent(_ name: String, slots: [String: (String?, String?)] = [:])
    -> [String: JSONValue]
  {
    builder.intentRequest(name, slots: slots.mapValues { AlexaSlot($0.0, id: $0.1) })
  }

  /// A `Connections.Response` to a directive's token.
  public static func connectionsResponse(
    name: String, code: String, message: String, token: String, payload: JSONValue?
  ) -> [String: JSONValue] {
    AlexaEnvelopes.connectionsResponse(
      name: name, code: code, message: message, token: token, payload: payload)
  }

  /// A Setup success with a shipping address.
  public static let setupSuccessPayload: JSONValue = .object([
    "billingAgreementDetails": .object([
      "billingAgreementId": .string("C01-1234567-7654321"),
      "creationTimestamp": .string("2026-11-28T23:33:25Z"),
      "destination": .object([
        "name": .string("Pat Doe"),
        "addressLine1": .string("410 Terry Ave N"),
        "city": .string("Seattle"),
        "stateOrRegion": .string("WA"),
        "postalCode": .string("98109"),
        "countryCode": .string("US"),
        "phone": .string("2065550100"),
      ]),
      "checkoutLanguage": .string("en_US"),
      "releaseEnvironment": .string("LIVE"),
      "billingAgreementStatus": .string("OPEN"),
    ])
  ])

  /// A Charge result with the authorization state and reason code given, for `amount` (the
  /// amount the Charge asked; `captured` defaults to it).
  public static func chargePayload(
    state: String, reasonCode: String, amount: String = "18.00", captured: String? = nil
  ) -> JSONValue {
    let captured = captured ?? amount
    return
      .object([
        "amazonOrderReferenceId": .string("S01-1111111-2222222"),
        "authorizationDetails": .object([
          "amazonAuthorizationId": .string("S01-1111111-2222222-A000001"),
          "authorizationReferenceId": .string("NN0000000001A1"),
          "sellerAuthorizationNote": .string(""),
          "authorizationAmount": .object([
            "amount": .string(amount), "currencyCode": .string("USD"),
          ]),
          "capturedAmount": .object(["amount": .string(captured), "currencyCode": .string("USD")]),
          "authorizationFee": .object(["amount": .string("0.00"), "currencyCode": .string("USD")]),
          "idList": .array(state == "Closed" ? [.string("S01-1111111-2222222-C000001")] : []),
          "creationTimestamp": .string("2026-11-28T23:33:25Z"),
          "expirationTimestamp": .string("2026-11-28T23:33:25Z"),
          "authorizationStatus": .object([
            "state": .string(state), "reasonCode": .string(reasonCode),
            "lastUpdateTimestamp": .string("2026-11-28T23:33:25Z"),
          ]),
          "softDecline": .bool(false),
          "captureNow": .bool(true),
          "softDescriptor": .string("AMZ*No Nicks"),
        ]),
      ])
  }
}

extension ConversationSession {
  /// The customer of the reference envelopes talking to an engine; every envelope goes to
  /// ``ConformanceRecorder``.
  ///
  /// - Parameters:
  ///   - engine: The engine that answers.
  ///   - name: Names the recorded envelopes and the request ids (`<name>-1`, `<name>-2`, …).
  public init(engine: FlowEngine, name: String) {
    self.init(
      engine: engine, envelopes: RequestEnvelopes.builder, name: name,
      userId: RequestEnvelopes.shopper, sessionId: RequestEnvelopes.sessionId,
      timestamp: RequestEnvelopes.timestamp,
      recordEnvelope: { ConformanceRecorder.record($0, kind: $1, name: $2) })
  }
}
