public import FlowIR
internal import Foundation

/// The `request` of an envelope, discriminated by its `type`.
public enum AlexaRequest: Codable, Sendable, Equatable {
  /// `LaunchRequest`: the customer opened the skill.
  case launch(LaunchRequest)
  /// `IntentRequest`: the customer said something the interaction model recognised.
  case intent(IntentRequest)
  /// `Connections.Response`: the result of a `Connections.SendRequest` (Amazon Pay Setup or
  /// Charge).
  case connectionsResponse(ConnectionsResponse)
  /// `SessionEndedRequest`: the session ended (customer, error or too many reprompts).
  case sessionEnded(SessionEndedRequest)
  /// `System.ExceptionEncountered`: the skill's previous response was invalid.
  case exceptionEncountered(ExceptionEncounteredRequest)
  /// Any other type, kept without failing.
  case unknown(UnknownRequest)

  private enum TypeKey: String, CodingKey {
    case type
  }

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: TypeKey.self)
    let type = try container.decode(String.self, forKey: .type)
    switch type {
    case LaunchRequest.type: self = .launch(try LaunchRequest(from: decoder))
    case IntentRequest.type: self = .intent(try IntentRequest(from: decoder))
    case ConnectionsResponse.type:
      self = .connectionsResponse(try ConnectionsResponse(from: decoder))
    case SessionEndedRequest.type: self = .sessionEnded(try SessionEndedRequest(from: decoder))
    case ExceptionEncounteredRequest.type:
      self = .exceptionEncountered(try ExceptionEncounteredRequest(from: decoder))
    default: self = .unknown(try UnknownRequest(from: decoder))
    }
  }

  /// Encodes the request's own fields, then its `type` beside them (the request structs leave
  /// the discriminator to this enum; ``UnknownRequest`` holds its own).
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .launch(let request): try request.encode(to: encoder)
    case .intent(let request): try request.encode(to: encoder)
    case .connectionsResponse(let request): try request.encode(to: encoder)
    case .sessionEnded(let request): try request.encode(to: encoder)
    case .exceptionEncountered(let request): try request.encode(to: encoder)
    case .unknown(let request):
      // Holds its own `type`.
      try request.encode(to: encoder)
      return
    }
    var container = encoder.container(keyedBy: TypeKey.self)
    try container.encode(type, forKey: .type)
  }

  /// The request's `type`.
  public var type: String {
    switch self {
    case .launch: LaunchRequest.type
    case .intent: IntentRequest.type
    case .connectionsResponse: ConnectionsResponse.type
    case .sessionEnded: SessionEndedRequest.type
    case .exceptionEncountered: ExceptionEncounteredRequest.type
    case .unknown(let request): request.type
    }
  }

  /// The request's `requestId`, the key of idempotent handling.
  public var requestId: String? {
    switch self {
    case .launch(let request): request.requestId
    case .intent(let request): request.requestId
    case .connectionsResponse(let request): request.requestId
    case .sessionEnded(let request): request.requestId
    case .exceptionEncountered(let request): request.requestId
    case .unknown(let request): request.requestId
    }
  }

  /// The request's `locale`, such as `en-US`.
  public var locale: String? {
    switch self {
    case .launch(let request): request.locale
    case .intent(let request): request.locale
    case .connectionsResponse(let request): request.locale
    case .sessionEnded(let request): request.locale
    case .exceptionEncountered(let request): request.locale
    case .unknown(let request): request.locale
    }
  }
}

/// `LaunchRequest`.
public struct LaunchRequest: Codable, Sendable, Equatable {
  static let type = "LaunchRequest"
  /// The request id.
  public var requestId: String
  /// ISO-8601 time of the request.
  public var timestamp: String?
  /// The customer's locale.
  public var locale: String?
}

/// `IntentRequest`.
public struct IntentRequest: Codable, Sendable, Equatable {
  static let type = "IntentRequest"
  /// The request id.
  public var requestId: String
  /// ISO-8601 time of the request.
  public var timestamp: String?
  /// The customer's locale.
  public var locale: String?
  /// `STARTED`, `IN_PROGRESS` or `COMPLETED` when a dialog model is used.
  public var dialogState: String?
  /// The recognised intent.
  public var intent: Intent

  /// `request.intent`.
  public struct Intent: Codable, Sendable, Equatable {
    /// The intent name, such as `BuyIntent` or `AMAZON.YesIntent`.
    public var name: String
    /// `NONE`, `DENIED` or `CONFIRMED`.
    public var confirmationStatus: String?
    /// Slot name → slot.
    public var slots: [String: Slot]?

    /// Creates an intent.
    public init(name: String, confirmationStatus: String? = nil, slots: [String: Slot]? = nil) {
      self.name = name
      self.confirmationStatus = confirmationStatus
      self.slots = slots
    }
  }

  /// A slot of the recognised intent.
  public struct Slot: Codable, Sendable, Equatable {
    /// The slot name.
    public var name: String
    /// What the customer said, when the slot is filled.
    public var value: String?
    /// `NONE`, `DENIED` or `CONFIRMED`.
    public var confirmationStatus: String?
    /// Entity resolution results.
    public var resolutions: SlotResolutions?

    /// Creates a slot.
    public init(
      name: String, value: String? = nil, confirmationStatus: String? = nil,
      resolutions: SlotResolutions? = nil
    ) {
      self.name = name
      self.value = value
      self.confirmationStatus = confirmationStatus
      self.resolutions = resolutions
    }

    /// The id of the first value resolved with `ER_SUCCESS_MATCH`, if any authority matched.
    public var resolvedId: String? {
      for authority in resolutions?.resolutionsPerAuthority ?? []
      where authority.status?.code == "ER_SUCCESS_MATCH" {
        if let id = authority.values?.first?.value.id { return id }
      }
      return nil
    }
  }

  /// `slot.resolutions`.
  public struct SlotResolutions: Codable, Sendable, Equatable {
    /// One result per authority (the skill's own slot types, dynamic entities, …).
    public var resolutionsPerAuthority: [Resolution]?
  }

  /// Entity resolution for one authority.
  public struct Resolution: Codable, Sendable, Equatable {
    /// The authority.
    public var authority: String?
    /// `ER_SUCCESS_MATCH`, `ER_SUCCESS_NO_MATCH`, `ER_ERROR_TIMEOUT`, …
    public var status: ResolutionStatus?
    /// The matched values, best first.
    public var values: [ResolutionValueWrapper]?
  }

  /// `resolutions.resolutionsPerAuthority[].status`.
  public struct ResolutionStatus: Codable, Sendable, Equatable {
    /// The status code.
    public var code: String
  }

  /// `values[]`: `{"value": {…}}`.
  public struct ResolutionValueWrapper: Codable, Sendable, Equatable {
    /// The matched value.
    public var value: ResolutionValue
  }

  /// A resolved slot value: its canonical name and id.
  public struct ResolutionValue: Codable, Sendable, Equatable {
    /// The canonical value.
    public var name: String
    /// The value's id (for the catalog slot type: the product id).
    public var id: String?
  }
}

/// `Connections.Response`: the outcome of a `Connections.SendRequest`.
public struct ConnectionsResponse: Codable, Sendable, Equatable {
  static let type = "Connections.Response"
  /// The request id.
  public var requestId: String
  /// ISO-8601 time of the request.
  public var timestamp: String?
  /// The customer's locale.
  public var locale: String?
  /// The task name: `Setup` or `Charge`.
  public var name: String?
  /// The HTTP-like status.
  public var status: Status?
  /// The token of the directive, echoed back.
  public var token: String?
  /// The result; may be missing on any non-200 status.
  public var payload: JSONValue?

  /// `status`: a code (a string such as `"200"`; a number is accepted too) and a message.
  public struct Status: Codable, Sendable, Equatable {
    /// The code as a string.
    public var code: String
    /// `OK`, or an error code such as `InvalidSellerId`.
    public var message: String?

    /// Creates a status.
    public init(code: String, message: String?) {
      self.code = code
      self.message = message
    }

    enum CodingKeys: String, CodingKey {
      case code, message
    }

    /// Decodes the value from its JSON form.
    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      if let text = try? container.decode(String.self, forKey: .code) {
        code = text
      } else {
        code = String(try container.decode(Int.self, forKey: .code))
      }
      message = try container.decodeIfPresent(String.self, forKey: .message)
    }
  }
}

/// `SessionEndedRequest`.
public struct SessionEndedRequest: Codable, Sendable, Equatable {
  static let type = "SessionEndedRequest"
  /// The request id.
  public var requestId: String
  /// ISO-8601 time of the request.
  public var timestamp: String?
  /// The customer's locale.
  public var locale: String?
  /// `USER_INITIATED`, `ERROR` or `EXCEEDED_MAX_REPROMPTS`.
  public var reason: String?
  /// What went wrong, when `reason` is `ERROR`.
  public var error: AlexaError?
}

/// An error reported by Alexa: `{type, message}`.
public struct AlexaError: Codable, Sendable, Equatable {
  /// Such as `INVALID_RESPONSE` or `INTERNAL_SERVICE_ERROR`.
  public var type: String?
  /// A description.
  public var message: String?
}

/// `System.ExceptionEncountered`: Alexa could not use the skill's previous response.
public struct ExceptionEncounteredRequest: Codable, Sendable, Equatable {
  static let type = "System.ExceptionEncountered"
  /// The request id.
  public var requestId: String
  /// ISO-8601 time of the request.
  public var timestamp: String?
  /// The customer's locale.
  public var locale: String?
  /// What went wrong.
  public var error: AlexaError?
  /// The request whose response failed: `{"requestId": …}`.
  public var cause: JSONValue?
}

/// A request of a type the runtime does not handle; kept so that it can be answered with a
/// valid empty response.
public struct UnknownRequest: Codable, Sendable, Equatable {
  /// The request's `type`.
  public var type: String
  /// The request id, when present.
  public var requestId: String?
  /// The customer's locale, when present.
  public var locale: String?

  /// Creates an unknown request.
  public init(type: String, requestId: String?, locale: String?) {
    self.type = type
    self.requestId = requestId
    self.locale = locale
  }

  enum CodingKeys: String, CodingKey {
    case type, requestId, locale
  }

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    type = try container.decode(String.self, forKey: .type)
    // Whatever else an unknown request holds must not make it fail.
    requestId = try? container.decodeIfPresent(String.self, forKey: .requestId)
    locale = try? container.decodeIfPresent(String.self, forKey: .locale)
  }
}
