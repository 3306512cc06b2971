public import FlowIR

/// Request envelopes in the shapes Alexa sends (after the project's reference envelopes for the
/// No Nicks store, `Tests/Conformance/envelopes`): the same session, context and request
/// fields, with ids, tokens and payloads filled in by each test. The one envelope builder of
/// the test targets.
public enum RequestEnvelopes {
  /// The skill id of the reference envelopes.
  public static let skillId = "amzn1.ask.skill.0e8f6c1a-7a52-4f0e-9a77-1c2b3d4e5f60"
  /// The customer of the reference envelopes.
  public static let shopper = "amzn1.ask.account.SHOPPERXXXXXXXXXXXXXXXXXXXX"
  /// A second customer.
  public static let otherShopper = "amzn1.ask.account.OTHERXXXXXXXXXXXXXXXXXXXXXX"

  /// A whole envelope around a request.
  ///
  /// - Parameters:
  ///   - request: The `request` object without `requestId`, `timestamp` and `locale`.
  ///   - userId: The Alexa user.
  ///   - permission: The status of the Amazon Pay permission; `nil` for no permissions at all.
  ///   - sessionNew: `session.new`.
  ///   - attributes: `session.attributes`.
  ///   - locale: `request.locale`.
  ///   - requestId: `request.requestId`.
  /// - Returns: The envelope.
  public static func envelope(
    request: [String: JSONValue], userId: String = shopper, permission: String? = "GRANTED",
    sessionNew: Bool, attributes: [String: JSONValue]? = nil, locale: String = "en-US",
    requestId: String
  ) -> JSONValue {
    var user: [String: JSONValue] = ["userId": .string(userId)]
    if let permission {
      user["permissions"] = .object([
        "consentToken": .string("tok"),
        "scopes": .object(["payments:autopay_consent": .object(["status": .string(permission)])]),
      ])
    }
    var session: [String: JSONValue] = [
      "new": .bool(sessionNew),
      "sessionId": .string("amzn1.echo-api.session.11111111-1111-1111-1111-111111111111"),
      "application": .object(["applicationId": .string(skillId)]),
      "user": .object(["userId": .string(userId)]),
    ]
    if let attributes { session["attributes"] = .object(attributes) }
    var fullRequest = request
    fullRequest["requestId"] = .string(requestId)
    fullRequest["timestamp"] = .string("2026-11-28T12:00:00Z")
    fullRequest["locale"] = .string(locale)
    return .object([
      "version": .string("1.0"),
      "session": .object(session),
      "context": .object([
        "System": .object([
          "application": .object(["applicationId": .string(skillId)]),
          "user": .object(user),
          "device": .object([
            "deviceId": .string("amzn1.ask.device.SHOPPERDDDDDDDDDD"),
            "supportedInterfaces": .object([:]),
          ]),
          "apiEndpoint": .string("https://api.amazonalexa.com"),
          "apiAccessToken": .string("eyJ0eXAi.fake.token"),
        ])
      ]),
      "request": .object(fullRequest),
    ])
  }

  /// A `LaunchRequest`.
  public static func launch() -> [String: JSONValue] {
    ["type": .string("LaunchRequest")]
  }

  /// An `IntentRequest`; slot values are `(value, resolved product id?)`.
  public static func intent(_ name: String, slots: [String: (String?, String?)] = [:])
    -> [String: JSONValue]
  {
    var slotObjects: [String: JSONValue] = [:]
    for (slotName, (value, resolvedId)) in slots {
      var slot: [String: JSONValue] = [
        "name": .string(slotName), "confirmationStatus": .string("NONE"),
      ]
      if let value { slot["value"] = .string(value) }
      if let resolvedId {
        slot["resolutions"] = .object([
          "resolutionsPerAuthority": .array([
            .object([
              "authority": .string("amzn1.er-authority.echo-sdk.\(skillId).CATALOG"),
              "status": .object(["code": .string("ER_SUCCESS_MATCH")]),
              "values": .array([
                .object([
                  "value": .object(["name": .string(value ?? ""), "id": .string(resolvedId)])
                ])
              ]),
            ])
          ])
        ])
      }
      slotObjects[slotName] = .object(slot)
    }
    return [
      "type": .string("IntentRequest"),
      "dialogState": .string("COMPLETED"),
      "intent": .object([
        "name": .string(name), "confirmationStatus": .string("NONE"),
        "slots": .object(slotObjects),
      ]),
    ]
  }

  /// A `Connections.Response` to a directive's token.
  public static func connectionsResponse(
    name: String, code: String, message: String, token: String, payload: JSONValue?
  ) -> [String: JSONValue] {
    var request: [String: JSONValue] = [
      "type": .string("Connections.Response"),
      "name": .string(name),
      "status": .object(["code": .string(code), "message": .string(message)]),
      "token": .string(token),
    ]
    if let payload { request["payload"] = payload }
    return request
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

  /// A Charge result with the authorization state and reason code given.
  public static func chargePayload(state: String, reasonCode: String, captured: String = "18.00")
    -> JSONValue
  {
    .object([
      "amazonOrderReferenceId": .string("S01-1111111-2222222"),
      "authorizationDetails": .object([
        "amazonAuthorizationId": .string("S01-1111111-2222222-A000001"),
        "authorizationReferenceId": .string("NN0000000001A1"),
        "sellerAuthorizationNote": .string(""),
        "authorizationAmount": .object(["amount": .string("18.00"), "currencyCode": .string("USD")]
        ),
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
