public import FlowIR
public import Foundation

/// One slot value of an intent request: what the customer said and, for a catalog slot, the
/// product it resolved to.
public struct AlexaSlot: Sendable, Equatable {
  /// The spoken value; `nil` for a slot the customer left empty.
  public var value: String?
  /// The id entity resolution matched, if any.
  public var resolvedId: String?
  /// The name entity resolution reports for `resolvedId` (the spoken value when `nil`).
  public var resolvedName: String?

  /// Creates a slot value.
  ///
  /// - Parameters:
  ///   - value: The spoken value.
  ///   - id: The id entity resolution matched, if any.
  ///   - resolvedName: The matched value's name (the spoken value when `nil`).
  public init(_ value: String?, id: String? = nil, resolvedName: String? = nil) {
    self.value = value
    self.resolvedId = id
    self.resolvedName = resolvedName
  }
}

/// Builds request envelopes in the shape Alexa sends: the session, the context with the device
/// and the Amazon Pay permission, and the request with its id, timestamp and locale. The one
/// envelope builder of FlowTesting and the test targets; an instance fixes the skill and
/// device, each call the customer and the request.
public struct AlexaEnvelopes: Sendable, Equatable {
  /// The skill's application id.
  public var skillId: String
  /// `context.System.device.deviceId`.
  public var deviceId: String
  /// `context.System.apiAccessToken`.
  public var apiAccessToken: String
  /// `context.System.user.permissions.consentToken`; `nil` leaves it out.
  public var consentToken: String?

  /// Creates a builder.
  ///
  /// - Parameters:
  ///   - skillId: The skill's application id.
  ///   - deviceId: The device id.
  ///   - apiAccessToken: The API access token.
  ///   - consentToken: The permission consent token, if any.
  public init(skillId: String, deviceId: String, apiAccessToken: String, consentToken: String?) {
    self.skillId = skillId
    self.deviceId = deviceId
    self.apiAccessToken = apiAccessToken
    self.consentToken = consentToken
  }

  /// The builder of `flowc test` and `flowc simulate`.
  public static let flowcTest = AlexaEnvelopes(
    skillId: "amzn1.ask.skill.00000000-f10c-4e57-a000-000000000000",
    deviceId: "amzn1.ask.device.flowc-test", apiAccessToken: "flowc-test-token",
    consentToken: nil)

  /// A whole envelope around a request.
  ///
  /// - Parameters:
  ///   - request: The `request` object without `requestId`, `timestamp` and `locale`.
  ///   - userId: The Alexa user.
  ///   - permission: The status of the Amazon Pay permission (`GRANTED`, `DENIED`); `nil` for
  ///     no permissions at all.
  ///   - sessionId: `session.sessionId`.
  ///   - sessionNew: `session.new`.
  ///   - attributes: `session.attributes`.
  ///   - locale: `request.locale`.
  ///   - requestId: `request.requestId`.
  ///   - timestamp: `request.timestamp`.
  /// - Returns: The envelope.
  public func envelope(
    request: [String: JSONValue], userId: String, permission: String?, sessionId: String,
    sessionNew: Bool, attributes: [String: JSONValue]?, locale: String, requestId: String,
    timestamp: String
  ) -> JSONValue {
    var user: [String: JSONValue] = ["userId": .string(userId)]
    if let permission {
      var permissions: [String: JSONValue] = [
        "scopes": .object(["payments:autopay_consent": .object(["status": .string(permission)])])
      ]
      if let consentToken { permissions["consentToken"] = .string(consentToken) }
      user["permissions"] = .object(permissions)
    }
    var session: [String: JSONValue] = [
      "new": .bool(sessionNew),
      "sessionId": .string(sessionId),
      "application": .object(["applicationId": .string(skillId)]),
      "user": .object(["userId": .string(userId)]),
    ]
    if let attributes { session["attributes"] = .object(attributes) }
    var fullRequest = request
    fullRequest["requestId"] = .string(requestId)
    fullRequest["timestamp"] = .string(timestamp)
    fullRequest["locale"] = .string(locale)
    return .object([
      "version": .string("1.0"),
      "session": .object(session),
      "context": .object([
        "System": .object([
          "application": .object(["applicationId": .string(skillId)]),
          "user": .object(user),
          "device": .object([
            "deviceId": .string(deviceId),
            "supportedInterfaces": .object([:]),
          ]),
          "apiEndpoint": .string("https://api.amazonalexa.com"),
          "apiAccessToken": .string(apiAccessToken),
        ])
      ]),
      "request": .object(fullRequest),
    ])
  }

  /// A `LaunchRequest`.
  ///
  /// - Returns: The `request` object.
  public static func launchRequest() -> [String: JSONValue] {
    ["type": .string("LaunchRequest")]
  }

  /// An `IntentRequest`, its slots resolved against this skill's catalog.
  ///
  /// - Parameters:
  ///   - name: The intent.
  ///   - slots: The slot values by slot name; `intent.slots` is left out when empty.
  ///   - dialogState: `request.dialogState`: `IN_PROGRESS` for the answer to a
  ///     `Dialog.ElicitSlot`.
  /// - Returns: The `request` object.
  public func intentRequest(
    _ name: String, slots: [String: AlexaSlot] = [:], dialogState: String = dialogCompleted
  ) -> [String: JSONValue] {
    var slotObjects: [String: JSONValue] = [:]
    for (slotName, slot) in slots {
      var object: [String: JSONValue] = [
        "name": .string(slotName), "confirmationStatus": .string("NONE"),
      ]
      if let value = slot.value { object["value"] = .string(value) }
      if let id = slot.resolvedId {
        object["resolutions"] = .object([
          "resolutionsPerAuthority": .array([
            .object([
              "authority": .string("amzn1.er-authority.echo-sdk.\(skillId).CATALOG"),
              "status": .object(["code": .string("ER_SUCCESS_MATCH")]),
              "values": .array([
                .object([
                  "value": .object([
                    "name": .string(slot.resolvedName ?? slot.value ?? ""), "id": .string(id),
                  ])
                ])
              ]),
            ])
          ])
        ])
      }
      slotObjects[slotName] = .object(object)
    }
    var intent: [String: JSONValue] = [
      "name": .string(name), "confirmationStatus": .string("NONE"),
    ]
    if !slotObjects.isEmpty { intent["slots"] = .object(slotObjects) }
    return [
      "type": .string("IntentRequest"), "dialogState": .string(dialogState),
      "intent": .object(intent),
    ]
  }

  /// `request.dialogState` of an intent outside a dialog (or at its end).
  public static let dialogCompleted = "COMPLETED"
  /// `request.dialogState` of the answer to a `Dialog.ElicitSlot`.
  public static let dialogInProgress = "IN_PROGRESS"

  /// A `Connections.Response`: Amazon Pay's answer to a directive.
  ///
  /// - Parameters:
  ///   - name: The task (`Setup`, `Charge`).
  ///   - code: `status.code`.
  ///   - message: `status.message`.
  ///   - token: The directive's token.
  ///   - payload: The answer's payload, if any.
  /// - Returns: The `request` object.
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

  /// A request timestamp (ISO 8601, whole seconds, UTC; a fraction of a second is dropped).
  ///
  /// - Parameter date: The time.
  /// - Returns: The timestamp.
  public static func timestamp(_ date: Date) -> String {
    // FoundationEssentials' format style: `ISO8601DateFormatter` opened an ICU formatter per
    // call, a fifth of the time of `flowc test`.
    Date.ISO8601FormatStyle().format(date)
  }
}
