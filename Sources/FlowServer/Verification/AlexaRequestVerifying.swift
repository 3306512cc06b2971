public import Foundation

/// What a request verifier reads of one HTTP request to the skill endpoint.
///
/// Alexa signs every request it sends to a web-service skill: the `SignatureCertChainUrl`
/// header names the signing certificate chain, the `Signature-256` header carries the
/// signature over the exact body bytes (section 4 of the Amazon Pay for Alexa reference).
public struct AlexaHTTPRequest: Sendable {
  /// The `SignatureCertChainUrl` header, if present.
  public var signatureCertChainURL: String?
  /// The `Signature-256` header (base64), if present.
  public var signature256: String?
  /// The request body, exactly as received.
  public var body: [UInt8]

  /// Creates the verifier's view of a request.
  public init(signatureCertChainURL: String?, signature256: String?, body: [UInt8]) {
    self.signatureCertChainURL = signatureCertChainURL
    self.signature256 = signature256
    self.body = body
  }
}

/// The rule a request failed: a log line and a metric label name it.
public enum VerificationRule: String, Sendable, CaseIterable {
  /// `SignatureCertChainUrl` missing, or not https on `s3.amazonaws.com` under `/echo.api/`
  /// (port 443 if any) after normalisation.
  case certificateURL = "certificate_url"
  /// The chain could not be fetched, parsed, or validated against the trust roots, or the
  /// signing certificate's key usage does not allow digital signatures.
  case certificateChain = "certificate_chain"
  /// The signing certificate is not valid now.
  case certificateValidity = "certificate_validity"
  /// The signing certificate does not name `echo-api.amazon.com`.
  case certificateSubject = "certificate_subject"
  /// `Signature-256` missing, malformed, or not an RSA PKCS#1 v1.5 / SHA-256 signature of the body.
  case signature
  /// The body is not a request envelope the verifier can read (no timestamp, not JSON).
  case malformedRequest = "malformed_request"
  /// The request timestamp is more than 150 seconds from now.
  case timestamp
  /// The application id is not one of the configured skill ids.
  case applicationId = "application_id"
}

/// Why a request was refused: answered with HTTP 400, logged with ``rule``, counted.
public struct VerificationFailure: Error, Sendable, Equatable, CustomStringConvertible {
  /// The rule that failed.
  public var rule: VerificationRule
  /// A sentence for the log; never echoes the body.
  public var detail: String

  /// Creates a failure.
  public init(rule: VerificationRule, detail: String) {
    self.rule = rule
    self.detail = detail
  }

  /// `rule: detail`.
  public var description: String { "\(rule.rawValue): \(detail)" }
}

/// Decides whether a request really comes from Alexa for this skill.
///
/// `flowc serve` calls it before the body reaches the flow; a failure is HTTP 400 with no
/// store change.
public protocol AlexaRequestVerifying: Sendable {
  /// Checks one request.
  ///
  /// - Parameters:
  ///   - request: The headers that matter and the exact body.
  ///   - now: The time to check certificate validity and the request timestamp against.
  /// - Throws: ``VerificationFailure`` naming the first rule that failed.
  func verify(_ request: AlexaHTTPRequest, now: Date) async throws(VerificationFailure)
}

/// Accepts everything: `flowc serve --insecure-no-verify`, for local development only.
public struct InsecureNoVerification: AlexaRequestVerifying {
  /// Creates the verifier that checks nothing.
  public init() {}

  /// Accepts the request.
  public func verify(_ request: AlexaHTTPRequest, now: Date) async throws(VerificationFailure) {}
}
