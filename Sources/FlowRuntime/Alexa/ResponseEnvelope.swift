public import FlowIR
internal import Foundation

/// An Alexa response envelope: what the skill answers to a request.
///
/// Optional fields are omitted when `nil`, never encoded as `null`, so that the envelope reads
/// back unchanged through the official ASK SDK model.
public struct ResponseEnvelope: Codable, Sendable, Equatable {
  /// Always `"1.0"`.
  public var version: String
  /// Attributes Alexa sends back in the next request of the session.
  public var sessionAttributes: [String: JSONValue]?
  /// The response.
  public var response: ResponseBody

  /// Creates an envelope.
  public init(
    version: String = "1.0", sessionAttributes: [String: JSONValue]? = nil,
    response: ResponseBody
  ) {
    self.version = version
    self.sessionAttributes = sessionAttributes
    self.response = response
  }

  /// A valid response that says and does nothing (for `SessionEndedRequest`,
  /// `System.ExceptionEncountered` and request types the runtime does not handle).
  public static let empty = ResponseEnvelope(response: ResponseBody())
}

/// `response`: speech, card, reprompt, directives and whether the session ends.
public struct ResponseBody: Codable, Sendable, Equatable {
  /// What Alexa says.
  public var outputSpeech: OutputSpeech?
  /// A card for the Alexa app.
  public var card: ResponseCard?
  /// What Alexa says when the customer does not answer.
  public var reprompt: Reprompt?
  /// Directives, such as `Connections.SendRequest`.
  public var directives: [Directive]?
  /// `true` ends the session, `false` keeps it open and listens.
  public var shouldEndSession: Bool?

  /// Creates a response.
  public init(
    outputSpeech: OutputSpeech? = nil, card: ResponseCard? = nil, reprompt: Reprompt? = nil,
    directives: [Directive]? = nil, shouldEndSession: Bool? = nil
  ) {
    self.outputSpeech = outputSpeech
    self.card = card
    self.reprompt = reprompt
    self.directives = directives
    self.shouldEndSession = shouldEndSession
  }
}

/// `outputSpeech`: plain text or SSML.
public enum OutputSpeech: Codable, Sendable, Equatable {
  /// `{"type": "PlainText", "text": …}`.
  case plainText(String)
  /// `{"type": "SSML", "ssml": "<speak>…</speak>"}`.
  case ssml(String)

  enum CodingKeys: String, CodingKey {
    case type, text, ssml
  }

  static let plainTextType = "PlainText"
  static let ssmlType = "SSML"

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let type = try container.decode(String.self, forKey: .type)
    if type == Self.ssmlType {
      self = .ssml(try container.decode(String.self, forKey: .ssml))
    } else {
      self = .plainText(try container.decode(String.self, forKey: .text))
    }
  }

  /// Encodes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .plainText(let text):
      try container.encode(Self.plainTextType, forKey: .type)
      try container.encode(text, forKey: .text)
    case .ssml(let ssml):
      try container.encode(Self.ssmlType, forKey: .type)
      try container.encode(ssml, forKey: .ssml)
    }
  }

  /// The text, or the SSML markup.
  public var content: String {
    switch self {
    case .plainText(let text): text
    case .ssml(let ssml): ssml
    }
  }
}

/// `reprompt`: `{"outputSpeech": …}`.
public struct Reprompt: Codable, Sendable, Equatable {
  /// What Alexa says when the customer does not answer.
  public var outputSpeech: OutputSpeech

  /// Creates a reprompt.
  public init(outputSpeech: OutputSpeech) {
    self.outputSpeech = outputSpeech
  }
}

/// `card`: shown in the Alexa app.
public enum ResponseCard: Codable, Sendable, Equatable {
  /// `{"type": "Simple", "title", "content"}`.
  case simple(title: String, content: String)
  /// `{"type": "Standard", "title", "text", "image": {smallImageUrl, largeImageUrl}}`.
  case standard(title: String, text: String, image: CardImage?)
  /// `{"type": "AskForPermissionsConsent", "permissions": [scope, …]}`.
  case askForPermissionsConsent(permissions: [String])

  enum CodingKeys: String, CodingKey {
    case type, title, content, text, image, permissions
  }

  static let simpleType = "Simple"
  static let standardType = "Standard"
  static let askForPermissionsConsentType = "AskForPermissionsConsent"

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    switch try container.decode(String.self, forKey: .type) {
    case Self.standardType:
      self = .standard(
        title: try container.decodeIfPresent(String.self, forKey: .title) ?? "",
        text: try container.decodeIfPresent(String.self, forKey: .text) ?? "",
        image: try container.decodeIfPresent(CardImage.self, forKey: .image))
    case Self.askForPermissionsConsentType:
      self = .askForPermissionsConsent(
        permissions: try container.decode([String].self, forKey: .permissions))
    default:
      self = .simple(
        title: try container.decodeIfPresent(String.self, forKey: .title) ?? "",
        content: try container.decodeIfPresent(String.self, forKey: .content) ?? "")
    }
  }

  /// Encodes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .simple(let title, let content):
      try container.encode(Self.simpleType, forKey: .type)
      try container.encode(title, forKey: .title)
      try container.encode(content, forKey: .content)
    case .standard(let title, let text, let image):
      try container.encode(Self.standardType, forKey: .type)
      try container.encode(title, forKey: .title)
      try container.encode(text, forKey: .text)
      try container.encodeIfPresent(image, forKey: .image)
    case .askForPermissionsConsent(let permissions):
      try container.encode(Self.askForPermissionsConsentType, forKey: .type)
      try container.encode(permissions, forKey: .permissions)
    }
  }
}

/// The image of a Standard card.
public struct CardImage: Codable, Sendable, Equatable {
  /// 720 × 480 px image URL (https).
  public var smallImageUrl: String?
  /// 1200 × 800 px image URL (https).
  public var largeImageUrl: String?

  /// Creates an image.
  public init(smallImageUrl: String?, largeImageUrl: String?) {
    self.smallImageUrl = smallImageUrl
    self.largeImageUrl = largeImageUrl
  }
}

/// A directive in `response.directives`.
public enum Directive: Codable, Sendable, Equatable {
  /// `Connections.SendRequest`: hand the customer to a Connections task such as Amazon Pay.
  case connectionsSendRequest(name: String, payload: JSONValue?, token: String)
  /// `Dialog.ElicitSlot`: ask the customer for one slot of an intent; Alexa sends the answer
  /// back as that intent, with the slots of `updatedIntent` and the one elicited.
  case dialogElicitSlot(slotToElicit: String, updatedIntent: IntentRequest.Intent)
  /// Any other directive, kept as JSON.
  case other(JSONValue)

  enum CodingKeys: String, CodingKey {
    case type, name, payload, token, slotToElicit, updatedIntent
  }

  static let connectionsSendRequestType = "Connections.SendRequest"
  /// The type of the slot elicitation directive.
  public static let dialogElicitSlotType = "Dialog.ElicitSlot"

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let type = try container.decodeIfPresent(String.self, forKey: .type)
    if type == Self.connectionsSendRequestType,
      let name = try? container.decode(String.self, forKey: .name),
      let token = try? container.decode(String.self, forKey: .token)
    {
      self = .connectionsSendRequest(
        name: name, payload: try container.decodeIfPresent(JSONValue.self, forKey: .payload),
        token: token)
    } else if type == Self.dialogElicitSlotType,
      let slot = try? container.decode(String.self, forKey: .slotToElicit),
      let intent = try? container.decode(IntentRequest.Intent.self, forKey: .updatedIntent)
    {
      self = .dialogElicitSlot(slotToElicit: slot, updatedIntent: intent)
    } else {
      self = .other(try JSONValue(from: decoder))
    }
  }

  /// Encodes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .connectionsSendRequest(let name, let payload, let token):
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(Self.connectionsSendRequestType, forKey: .type)
      try container.encode(name, forKey: .name)
      try container.encodeIfPresent(payload, forKey: .payload)
      try container.encode(token, forKey: .token)
    case .dialogElicitSlot(let slot, let intent):
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(Self.dialogElicitSlotType, forKey: .type)
      try container.encode(slot, forKey: .slotToElicit)
      try container.encode(intent, forKey: .updatedIntent)
    case .other(let value):
      try value.encode(to: encoder)
    }
  }
}

// MARK: - The same forms as JSON values

extension ResponseEnvelope {
  /// The envelope as JSON values, member for member what `encode(to:)` writes (tested against
  /// it), so that ``CanonicalJSON/compact(_:)-(JSONValue)`` writes the bytes `JSONEncoder`
  /// would, without its generic containers: the engine encodes every answer this way.
  ///
  /// - Throws: `EncodingError` from the updated intent of a slot elicitation, the one part
  ///   still encoded through `Codable`.
  public func jsonValue() throws -> JSONValue {
    var members: [String: JSONValue] = [CodingKeys.version.stringValue: .string(version)]
    if let sessionAttributes {
      members[CodingKeys.sessionAttributes.stringValue] = .object(sessionAttributes)
    }
    members[CodingKeys.response.stringValue] = try response.jsonValue()
    return .object(members)
  }
}

extension ResponseBody {
  func jsonValue() throws -> JSONValue {
    var members: [String: JSONValue] = [:]
    if let outputSpeech { members[CodingKeys.outputSpeech.stringValue] = outputSpeech.jsonValue }
    if let card { members[CodingKeys.card.stringValue] = card.jsonValue }
    if let reprompt {
      members[CodingKeys.reprompt.stringValue] = reprompt.jsonValue
    }
    if let directives {
      members[CodingKeys.directives.stringValue] = .array(try directives.map { try $0.jsonValue() })
    }
    if let shouldEndSession {
      members[CodingKeys.shouldEndSession.stringValue] = .bool(shouldEndSession)
    }
    return .object(members)
  }
}

extension Reprompt {
  var jsonValue: JSONValue {
    .object([CodingKeys.outputSpeech.stringValue: outputSpeech.jsonValue])
  }
}

extension OutputSpeech {
  var jsonValue: JSONValue {
    switch self {
    case .plainText(let text):
      .object([
        CodingKeys.type.stringValue: .string(Self.plainTextType),
        CodingKeys.text.stringValue: .string(text),
      ])
    case .ssml(let ssml):
      .object([
        CodingKeys.type.stringValue: .string(Self.ssmlType),
        CodingKeys.ssml.stringValue: .string(ssml),
      ])
    }
  }
}

extension ResponseCard {
  var jsonValue: JSONValue {
    switch self {
    case .simple(let title, let content):
      return .object([
        CodingKeys.type.stringValue: .string(Self.simpleType),
        CodingKeys.title.stringValue: .string(title),
        CodingKeys.content.stringValue: .string(content),
      ])
    case .standard(let title, let text, let image):
      var members: [String: JSONValue] = [
        CodingKeys.type.stringValue: .string(Self.standardType),
        CodingKeys.title.stringValue: .string(title),
        CodingKeys.text.stringValue: .string(text),
      ]
      if let image { members[CodingKeys.image.stringValue] = image.jsonValue }
      return .object(members)
    case .askForPermissionsConsent(let permissions):
      return .object([
        CodingKeys.type.stringValue: .string(Self.askForPermissionsConsentType),
        CodingKeys.permissions.stringValue: .array(permissions.map { .string($0) }),
      ])
    }
  }
}

extension CardImage {
  var jsonValue: JSONValue {
    var members: [String: JSONValue] = [:]
    if let smallImageUrl { members[CodingKeys.smallImageUrl.stringValue] = .string(smallImageUrl) }
    if let largeImageUrl { members[CodingKeys.largeImageUrl.stringValue] = .string(largeImageUrl) }
    return .object(members)
  }
}

extension Directive {
  func jsonValue() throws -> JSONValue {
    switch self {
    case .connectionsSendRequest(let name, let payload, let token):
      var members: [String: JSONValue] = [
        CodingKeys.type.stringValue: .string(Self.connectionsSendRequestType),
        CodingKeys.name.stringValue: .string(name), CodingKeys.token.stringValue: .string(token),
      ]
      if let payload { members[CodingKeys.payload.stringValue] = payload }
      return .object(members)
    case .dialogElicitSlot(let slot, let intent):
      return .object([
        CodingKeys.type.stringValue: .string(Self.dialogElicitSlotType),
        CodingKeys.slotToElicit.stringValue: .string(slot),
        CodingKeys.updatedIntent.stringValue: try CanonicalJSON.decode(
          JSONValue.self, from: CanonicalJSON.compact(intent)),
      ])
    case .other(let value):
      return value
    }
  }
}
