public import FlowIR
internal import Foundation

/// An Alexa request envelope: what Alexa POSTs to the skill for every turn.
///
/// Decoding ignores fields it does not know (Amazon adds fields over time) and keeps request
/// types it does not know as ``AlexaRequest/unknown(_:)`` instead of failing.
public struct RequestEnvelope: Codable, Sendable, Equatable {
  /// The envelope version, `"1.0"`.
  public var version: String?
  /// The session; absent for requests outside a session.
  public var session: AlexaSession?
  /// The device, user and application context.
  public var context: AlexaContext?
  /// The request itself.
  public var request: AlexaRequest

  /// The Alexa user id: from `context.System.user`, else from `session.user`.
  public var userId: String? {
    context?.system.user?.userId ?? session?.user?.userId
  }

  /// The status of a permission scope such as `payments:autopay_consent` (`GRANTED`, `DENIED`),
  /// read from `context.System.user.permissions.scopes`, else from the session's user.
  public func permissionStatus(scope: String) -> String? {
    if let status = context?.system.user?.permissions?.scopes?[scope]?.status {
      return status
    }
    return session?.user?.permissions?.scopes?[scope]?.status
  }
}

/// `session`: the conversation Alexa keeps open between turns.
public struct AlexaSession: Codable, Sendable, Equatable {
  /// Whether this request starts the session.
  public var new: Bool?
  /// The session id.
  public var sessionId: String?
  /// The skill.
  public var application: AlexaApplication?
  /// The customer.
  public var user: AlexaUser?
  /// The attributes the skill returned in its previous response of this session.
  public var attributes: [String: JSONValue]?
}

/// `application`: the skill a request is for.
public struct AlexaApplication: Codable, Sendable, Equatable {
  /// The skill id, `amzn1.ask.skill.…`.
  public var applicationId: String
}

/// `user`: the Alexa customer account, with the permissions granted to the skill.
public struct AlexaUser: Codable, Sendable, Equatable {
  /// The user id, `amzn1.ask.account.…`; stable per skill.
  public var userId: String
  /// An account-linking token, when the skill uses account linking.
  public var accessToken: String?
  /// The permissions the customer granted.
  public var permissions: AlexaPermissions?
}

/// `permissions`: the consent token (deprecated) and the status of each scope.
public struct AlexaPermissions: Codable, Sendable, Equatable {
  /// The deprecated consent token.
  public var consentToken: String?
  /// Scope (such as `payments:autopay_consent`) → its status.
  public var scopes: [String: PermissionScope]?
}

/// The status of one permission scope.
public struct PermissionScope: Codable, Sendable, Equatable {
  /// `GRANTED` or `DENIED`.
  public var status: String?
}

/// `context`: the state of the device and the Alexa service.
public struct AlexaContext: Codable, Sendable, Equatable {
  /// `context.System`.
  public var system: SystemState

  enum CodingKeys: String, CodingKey {
    case system = "System"
  }
}

/// `context.System`: the skill, the customer, the device and the API endpoint.
public struct SystemState: Codable, Sendable, Equatable {
  /// The skill.
  public var application: AlexaApplication?
  /// The customer, with permissions.
  public var user: AlexaUser?
  /// The device.
  public var device: AlexaDevice?
  /// The Alexa API endpoint of the customer's region.
  public var apiEndpoint: String?
  /// A token for Alexa APIs.
  public var apiAccessToken: String?
}

/// `context.System.device`.
public struct AlexaDevice: Codable, Sendable, Equatable {
  /// The device id.
  public var deviceId: String?
  /// The interfaces the device supports, as sent.
  public var supportedInterfaces: JSONValue?
}
