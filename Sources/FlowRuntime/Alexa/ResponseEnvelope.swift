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

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let type = try container.decode(String.self, forKey: .type)
    if type == "SSML" {
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
      try container.encode("PlainText", forKey: .type)
      try container.encode(text, forKey: .text)
    case .ssml(let ssml):
      try container.encode("SSML", forKey: .type)
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

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    switch try container.decode(String.self, forKey: .type) {
    case "Standard":
      self = .standard(
        title: try container.decodeIfPresent(String.self, forKey: .title) ?? "",
        text: try container.decodeIfPresent(String.self, forKey: .text) ?? "",
        image: try container.decodeIfPresent(CardImage.self, forKey: .image))
    case "AskForPermissionsConsent":
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
      try container.encode("Simple", forKey: .type)
      try container.encode(title, forKey: .title)
      try container.encode(content, forKey: .content)
    case .standard(let title, let text, let image):
      try container.encode("Standard", forKey: .type)
      try container.encode(title, forKey: .title)
      try container.encode(text, forKey: .text)
      try container.encodeIfPresent(image, forKey: .image)
    case .askForPermissionsConsent(let permissions):
      try container.encode("AskForPermissionsConsent", forKey: .type)
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
