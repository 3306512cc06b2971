import Crypto
import FlowServer
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A throw-away PKI made in-process: a root CA (the trust store of the tests), an intermediate,
/// Amazon-like signing certificates (good, expired, not yet valid, wrong SAN, wrong CA, no
/// digital-signature key usage), and requests signed the way Alexa signs them.
///
/// Only the signing key is RSA (Alexa signs with RSA); the CAs use P-256, which is quick to
/// make. One PKI serves a whole test run (``shared``); every certificate is relative to the
/// time the PKI was made (``made``, whole seconds, as request timestamps are).
struct VerificationTestPKI: Sendable {
  static let shared = VerificationTestPKI()

  /// The URL Alexa's chain lives at in every test.
  static let chainURL = "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
  /// The skill id the envelopes name.
  static let skillID = "amzn1.ask.skill.00000000-0000-4000-8000-000000000001"

  let made: Date
  let root: Certificate
  let intermediate: Certificate
  let otherRoot: Certificate
  /// Another CA's intermediate, with its own key, leading to `otherRoot`.
  let otherIntermediate: Certificate
  /// The signing key of every signing certificate below.
  let signingKey: _RSA.Signing.PrivateKey
  let signing: Certificate
  let expired: Certificate
  let notYetValid: Certificate
  let wrongSAN: Certificate
  let noDigitalSignature: Certificate
  /// Signed by `otherIntermediate`, which leads to `otherRoot` (not trusted).
  let wrongCA: Certificate

  private init() {
    do {
      let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
      made = now
      let day: TimeInterval = 86_400
      let rootKey = P256.Signing.PrivateKey()
      let intermediateKey = P256.Signing.PrivateKey()
      let otherRootKey = P256.Signing.PrivateKey()
      let otherIntermediateKey = P256.Signing.PrivateKey()
      let signingKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
      let root = try Self.authority(
        name: "flowc test root", key: rootKey, issuer: nil, issuerKey: rootKey, now: now)
      let intermediate = try Self.authority(
        name: "flowc test intermediate", key: intermediateKey, issuer: root, issuerKey: rootKey,
        now: now)
      let otherRoot = try Self.authority(
        name: "flowc untrusted root", key: otherRootKey, issuer: nil, issuerKey: otherRootKey,
        now: now)
      let otherIntermediate = try Self.authority(
        name: "flowc untrusted intermediate", key: otherIntermediateKey, issuer: otherRoot,
        issuerKey: otherRootKey, now: now)
      self.signingKey = signingKey
      self.root = root
      self.intermediate = intermediate
      self.otherRoot = otherRoot
      self.otherIntermediate = otherIntermediate
      func leaf(
        from start: TimeInterval, to end: TimeInterval, name: String = "echo-api.amazon.com",
        keyUsage: KeyUsage = KeyUsage(digitalSignature: true, keyEncipherment: true),
        untrusted: Bool = false
      ) throws -> Certificate {
        try Self.certificate(
          subject: "echo-api.amazon.com", key: Certificate.PublicKey(signingKey.publicKey),
          issuer: untrusted ? otherIntermediate : intermediate,
          issuerKey: untrusted ? otherIntermediateKey : intermediateKey, from: now + start,
          to: now + end,
          extensions: try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(keyUsage)
            SubjectAlternativeNames([.dnsName(name)])
          })
      }
      signing = try leaf(from: -day, to: 30 * day)
      expired = try leaf(from: -30 * day, to: -day)
      notYetValid = try leaf(from: day, to: 30 * day)
      wrongSAN = try leaf(from: -day, to: 30 * day, name: "echo-api.amazon.com.example.net")
      noDigitalSignature = try leaf(
        from: -day, to: 30 * day, keyUsage: KeyUsage(keyEncipherment: true))
      wrongCA = try leaf(from: -day, to: 30 * day, untrusted: true)
    } catch {
      fatalError("cannot make the test PKI: \(error)")
    }
  }

  /// The chain file Alexa would serve: the signing certificate, then the intermediate.
  func chainPEM(_ leaf: Certificate? = nil, intermediate: Certificate? = nil) -> [UInt8] {
    Self.pem([leaf ?? signing, intermediate ?? self.intermediate])
  }

  /// The trust store file of the tests.
  var rootPEM: [UInt8] { Self.pem([root]) }

  /// PEM text of certificates, in order.
  static func pem(_ certificates: [Certificate]) -> [UInt8] {
    Array(
      certificates.map { (try? $0.serializeAsPEM().pemString) ?? "" }.joined(separator: "\n")
        .utf8) + [0x0A]
  }

  /// `Signature-256` for `body`: RSA PKCS#1 v1.5 over SHA-256, base64.
  func signature(of body: [UInt8], key: _RSA.Signing.PrivateKey? = nil) -> String {
    let signature = try? (key ?? signingKey).signature(for: body, padding: .insecurePKCS1v1_5)
    return signature?.rawRepresentation.base64EncodedString() ?? ""
  }

  /// A LaunchRequest envelope as Alexa sends it, with `request.timestamp` at `timestamp`.
  static func envelope(
    timestamp: Date, type: String = "LaunchRequest", applicationID: String? = skillID,
    sessionApplicationID: String? = nil, marker: String = "SECRET-BODY-MARKER"
  ) -> [UInt8] {
    var system: [String: Any] = ["user": ["userId": "amzn1.ask.account.\(marker)"]]
    if let applicationID { system["application"] = ["applicationId": applicationID] }
    var envelope: [String: Any] = [
      "version": "1.0",
      "context": ["System": system],
      "request": [
        "type": type, "requestId": "amzn1.echo-api.request.\(marker)",
        "timestamp": timestampText(timestamp), "locale": "en-US",
      ],
    ]
    if let sessionApplicationID {
      envelope["session"] = [
        "new": true, "sessionId": "amzn1.echo-api.session.1",
        "application": ["applicationId": sessionApplicationID],
        "user": ["userId": "amzn1.ask.account.\(marker)"],
      ]
    }
    let data = try? JSONSerialization.data(withJSONObject: envelope, options: [.sortedKeys])
    return Array(data ?? Data())
  }

  /// `2015-05-13T12:34:56Z`, whole seconds, as Alexa writes it.
  static func timestampText(_ date: Date) -> String {
    Date.ISO8601FormatStyle().format(
      Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
  }

  private static func authority(
    name: String, key: P256.Signing.PrivateKey, issuer: Certificate?,
    issuerKey: P256.Signing.PrivateKey, now: Date
  ) throws -> Certificate {
    try certificate(
      subject: name, key: Certificate.PublicKey(key.publicKey), issuer: issuer,
      issuerKey: issuerKey, from: now - 365 * 86_400,
      to: now + 3650 * 86_400,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
        Critical(KeyUsage(keyCertSign: true, cRLSign: true))
        SubjectKeyIdentifier(hash: Certificate.PublicKey(key.publicKey))
      })
  }

  private static func certificate(
    subject: String, key: Certificate.PublicKey, issuer: Certificate?,
    issuerKey: P256.Signing.PrivateKey, from start: Date, to end: Date,
    extensions: Certificate.Extensions
  ) throws -> Certificate {
    let subjectName = try DistinguishedName { CommonName(subject) }
    var built = extensions
    if let issuer, let identifier = try issuer.extensions.subjectKeyIdentifier {
      try built.append(
        Certificate.Extension(
          AuthorityKeyIdentifier(keyIdentifier: identifier.keyIdentifier), critical: false))
    }
    return try Certificate(
      version: .v3,
      serialNumber: Certificate.SerialNumber(),
      publicKey: key,
      notValidBefore: start, notValidAfter: end,
      issuer: issuer?.subject ?? subjectName, subject: subjectName,
      signatureAlgorithm: .ecdsaWithSHA256,
      extensions: built,
      issuerPrivateKey: Certificate.PrivateKey(issuerKey))
  }
}
