internal import Crypto
public import FlowIR
public import Foundation

/// Seals the conversation carried in session attributes, so that the device side can hand it
/// back but never change it, move it to another customer or session, or make one up.
///
/// The seal is an HMAC-SHA256, under the store's session key (``FlowStore/sessionKey()``), over
/// a version tag, the Alexa user id, the session id and the canonical JSON of the `flowc`
/// attribute without its `seal` member; each part is prefixed with its length, so no two
/// different inputs give the same bytes. It travels as the `seal` member of the `flowc`
/// attribute (base64). Checking compares in constant time.
public struct SessionSeal: Sendable {
  /// The member of the `flowc` attribute that holds the seal.
  public static let sealMember = "seal"
  /// What the MAC input starts with: bumps when the sealed format changes.
  static let version = "flowc-session-v1"
  /// The size of a session key a store creates: 256 bits.
  public static let keyByteCount = 32

  /// The key's bytes (`SymmetricKey` is not `Sendable`; one is made for each use).
  private let keyBytes: Data

  /// Creates a seal with a key (stores create ``keyByteCount`` random bytes).
  ///
  /// - Parameter key: The session key.
  public init(key: Data) {
    self.keyBytes = key
  }

  private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

  /// A fresh random session key of ``keyByteCount`` bytes, for a store to keep.
  public static func newKey() -> Data {
    SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
  }

  /// The session attributes that carry `state` for one customer's session, sealed.
  ///
  /// - Parameters:
  ///   - state: The conversation.
  ///   - userId: The Alexa user id of the request answered.
  ///   - sessionId: The session id of the request answered.
  /// - Returns: The attributes, with the sealed state under ``SessionState/attributeKey``.
  /// - Throws: ``FlowEngineError/sessionNotEncodable(_:)``.
  public func attributes(for state: SessionState, userId: String, sessionId: String) throws
    -> [String: JSONValue]
  {
    var attributes = try state.sessionAttributes()
    guard case .object(var content)? = attributes[SessionState.attributeKey] else {
      return attributes
    }
    let code = try authenticationCode(content: content, userId: userId, sessionId: sessionId)
    content[Self.sealMember] = .string(Data(code).base64EncodedString())
    attributes[SessionState.attributeKey] = .object(content)
    return attributes
  }

  /// Reads the conversation from a request's session attributes, checking the seal.
  ///
  /// - Parameters:
  ///   - attributes: `session.attributes` of the request.
  ///   - userId: The Alexa user id of the request.
  ///   - sessionId: The session id of the request.
  ///   - flowHash: The hash of the flow this engine runs: a state written for another flow is
  ///     refused.
  /// - Returns: What the attributes hold.
  public func open(
    _ attributes: [String: JSONValue]?, userId: String, sessionId: String, flowHash: String
  ) -> SessionOpening {
    guard let value = attributes?[SessionState.attributeKey] else { return .absent }
    guard case .object(var content) = value,
      case .string(let sealText)? = content.removeValue(forKey: Self.sealMember)
    else { return .refused(.unsealed) }
    guard let seal = Data(base64Encoded: sealText),
      let expected = try? CanonicalJSON.compact(
        Self.macInput(content: content, userId: userId, sessionId: sessionId)),
      HMAC<SHA256>.isValidAuthenticationCode(seal, authenticating: expected, using: key)
    else { return .refused(.tampered) }
    guard let state = SessionState(sessionAttributes: [SessionState.attributeKey: .object(content)])
    else { return .refused(.malformed) }
    guard state.flowHash == flowHash else { return .refused(.unknownFlow) }
    return .sealed(state)
  }

  private func authenticationCode(
    content: [String: JSONValue], userId: String, sessionId: String
  ) throws -> HashedAuthenticationCode<SHA256> {
    let input: Data
    do {
      input = try CanonicalJSON.compact(
        Self.macInput(content: content, userId: userId, sessionId: sessionId))
    } catch {
      throw FlowEngineError.sessionNotEncodable("\(error)")
    }
    return HMAC<SHA256>.authenticationCode(for: input, using: key)
  }

  /// What the MAC covers: a JSON array of the version, the user id, the session id and the
  /// content, canonically encoded (JSON strings are length-delimited by their quotes, so no
  /// user id and session id can run into each other).
  private static func macInput(content: [String: JSONValue], userId: String, sessionId: String)
    -> JSONValue
  {
    .array([.string(version), .string(userId), .string(sessionId), .object(content)])
  }
}

/// What a request's session attributes hold, after ``SessionSeal/open(_:userId:sessionId:flowHash:)``.
public enum SessionOpening: Sendable, Equatable {
  /// No `flowc` attribute: a new session or a one-shot request.
  case absent
  /// A conversation this engine's flow wrote for this customer and session, unchanged.
  case sealed(SessionState)
  /// A `flowc` attribute that is not to be trusted: the conversation starts afresh.
  case refused(SessionRefusal)

  /// The accepted conversation, if any.
  public var state: SessionState? {
    if case .sealed(let state) = self { return state }
    return nil
  }
}

/// Why session attributes were refused.
public enum SessionRefusal: String, Sendable, Equatable, CaseIterable {
  /// The `flowc` attribute carries no seal (or is not an object).
  case unsealed
  /// The seal does not match: the content was changed, or it was sealed for another customer
  /// or session, or under another store's key.
  case tampered
  /// Sealed, but not a conversation state this runtime can read.
  case malformed
  /// Sealed for a flow other than the one running (a different `flow_hash`).
  case unknownFlow = "unknown_flow"

  /// A sentence for the log.
  public var explanation: String {
    switch self {
    case .unsealed: "the session attributes carry no seal"
    case .tampered:
      "the seal does not match (changed content, another customer's or session's state, or "
        + "another store's key)"
    case .malformed: "the sealed session attributes are not a conversation state"
    case .unknownFlow: "the session attributes were written for another flow (flow_hash differs)"
    }
  }
}
