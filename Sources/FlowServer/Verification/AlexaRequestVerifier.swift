public import Foundation
public import X509
import _CryptoExtras

/// Checks that a request really comes from Alexa for this skill, per section 4 of the Amazon
/// Pay for Alexa reference (the rules of Amazon's "host a custom skill as a web service"):
///
/// 1. both `SignatureCertChainUrl` and `Signature-256` present, within size bounds;
/// 2. the URL normalised and checked (``CertificateChainURL``);
/// 3. the chain fetched from its ``CertificateChainSource`` (cached per URL until the signing
///    certificate expires; concurrent requests fetch once), at most ``Limits-swift.struct``
///    bytes and certificates;
/// 4. the signing certificate valid now, naming `echo-api.amazon.com` (SAN DNS name), allowed
///    to sign, and leading to a trust root (RFC 5280 path validation, swift-certificates);
/// 5. `Signature-256` an RSA PKCS#1 v1.5 / SHA-256 signature of the exact body bytes;
/// 6. `request.timestamp` within ``timestampTolerance`` of now, in either direction;
/// 7. the application id among ``skillIDs`` when any are configured.
///
/// The first failing rule is thrown as a ``VerificationFailure``; no detail echoes the body or
/// a header value.
public struct AlexaRequestVerifier: AlexaRequestVerifying {
  /// The DNS name Alexa's signing certificate carries.
  public static let signingDomain = "echo-api.amazon.com"
  /// How far `request.timestamp` may be from now, in seconds (Amazon's maximum).
  public static let timestampTolerance: TimeInterval = 150

  /// Bounds on the work one request can cause.
  public struct Limits: Sendable, Equatable {
    /// The longest `Signature-256` header value (a 4096-bit signature is 684 characters).
    public var signatureLength = 1024
    /// The longest chain file.
    public var chainBytes = 64 * 1024
    /// The most certificates in a chain file.
    public var certificates = 8
    /// The most chains cached at once (Alexa uses one URL at a time).
    public var cachedChains = 16

    /// The defaults.
    public init() {}
  }

  /// The application ids accepted; empty accepts any.
  public let skillIDs: Set<String>
  /// The bounds in force.
  public let limits: Limits
  private let cache: CertificateChainCache

  /// Creates a verifier.
  ///
  /// - Parameters:
  ///   - trustRoots: The root certificates a chain must lead to.
  ///   - chainSource: Where chains come from.
  ///   - skillIDs: The application ids accepted; empty accepts any.
  ///   - limits: Bounds on chains and headers.
  public init(
    trustRoots: [Certificate], chainSource: any CertificateChainSource,
    skillIDs: some Sequence<String> = [], limits: Limits = Limits()
  ) {
    self.skillIDs = Set(skillIDs)
    self.limits = limits
    self.cache = CertificateChainCache(
      source: chainSource, trustRoots: CertificateStore(trustRoots),
      maximumBytes: limits.chainBytes, maximumCertificates: limits.certificates,
      maximumEntries: limits.cachedChains)
  }

  /// Checks one request; see the type's rules.
  public func verify(_ request: AlexaHTTPRequest, now: Date) async throws(VerificationFailure) {
    guard let rawURL = request.signatureCertChainURL, !rawURL.isEmpty else {
      throw VerificationFailure(rule: .certificateURL, detail: "SignatureCertChainUrl is missing")
    }
    guard let rawSignature = request.signature256, !rawSignature.isEmpty else {
      throw VerificationFailure(rule: .signature, detail: "Signature-256 is missing")
    }
    guard rawSignature.utf8.count <= limits.signatureLength else {
      throw VerificationFailure(
        rule: .signature, detail: "Signature-256 is longer than \(limits.signatureLength) bytes")
    }
    let url = try CertificateChainURL(rawURL)
    let chain = try await cache.checkedChain(for: url, now: now)
    try Self.checkSignature(rawSignature, of: request.body, key: chain.signingKey)
    let envelope = try RequestEnvelopeFields(body: request.body)
    try Self.checkTimestamp(envelope.timestamp, now: now)
    try checkApplication(envelope.applicationIDs)
  }

  static func checkSignature(
    _ base64: String, of body: [UInt8], key: _RSA.Signing.PublicKey?
  ) throws(VerificationFailure) {
    guard let bytes = Data(base64Encoded: base64) else {
      throw VerificationFailure(rule: .signature, detail: "Signature-256 is not base64")
    }
    guard let key else {
      throw VerificationFailure(
        rule: .signature, detail: "the signing certificate's key is not RSA")
    }
    let signature = _RSA.Signing.RSASignature(rawRepresentation: bytes)
    guard key.isValidSignature(signature, for: body, padding: .insecurePKCS1v1_5) else {
      throw VerificationFailure(
        rule: .signature,
        detail: "Signature-256 is not the signing certificate's signature of the body")
    }
  }

  static func checkTimestamp(_ timestamp: Date, now: Date) throws(VerificationFailure) {
    let difference = now.timeIntervalSince(timestamp)
    guard abs(difference) <= timestampTolerance else {
      let direction = difference > 0 ? "old" : "in the future"
      throw VerificationFailure(
        rule: .timestamp,
        detail:
          "request.timestamp is \(Int(abs(difference).rounded())) s \(direction) (at most \(Int(timestampTolerance)) s)"
      )
    }
  }

  func checkApplication(_ ids: [String]) throws(VerificationFailure) {
    guard !skillIDs.isEmpty else { return }
    guard !ids.isEmpty else {
      throw VerificationFailure(rule: .applicationId, detail: "the request names no application id")
    }
    guard ids.allSatisfy(skillIDs.contains) else {
      throw VerificationFailure(
        rule: .applicationId, detail: "the application id is not one of the configured skill ids")
    }
  }
}

/// The envelope fields the verifier reads, after the signature held.
struct RequestEnvelopeFields {
  /// `request.timestamp`.
  var timestamp: Date
  /// `context.System.application.applicationId` and `session.application.applicationId`,
  /// those present.
  var applicationIDs: [String]

  init(body: [UInt8]) throws(VerificationFailure) {
    func refuse(_ detail: String) -> VerificationFailure {
      VerificationFailure(rule: .malformedRequest, detail: detail)
    }
    guard let object = try? JSONSerialization.jsonObject(with: Data(body)),
      let envelope = object as? [String: Any]
    else { throw refuse("the body is not a JSON object") }
    guard let request = envelope["request"] as? [String: Any],
      let text = request["timestamp"] as? String
    else { throw refuse("the body has no request.timestamp") }
    guard let timestamp = Self.parseTimestamp(text) else {
      throw refuse("request.timestamp is not an ISO 8601 date-time")
    }
    self.timestamp = timestamp
    var ids: [String] = []
    let context = envelope["context"] as? [String: Any]
    let system = context?["System"] as? [String: Any]
    for holder in [system, envelope["session"] as? [String: Any]] {
      guard let application = holder?["application"] as? [String: Any] else { continue }
      if let id = application["applicationId"] as? String { ids.append(id) }
    }
    self.applicationIDs = ids
  }

  /// `2015-05-13T12:34:56Z`, with optional fractional seconds and a `Z` or `±hh:mm` offset.
  static func parseTimestamp(_ text: String) -> Date? {
    guard text.utf8.count <= 40 else { return nil }
    if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
    return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
  }
}
