/// Where Alexa sends the skill's requests (`flowc generate skill-package --endpoint`).
public enum SkillEndpoint: Sendable, Equatable {
  /// An HTTPS URL and the kind of its TLS certificate.
  case https(String, certificate: CertificateType)
  /// An AWS Lambda function ARN.
  case lambda(String)

  /// The certificate kind of an HTTPS endpoint, as SMAPI's `sslCertificateType` names it.
  public enum CertificateType: String, Sendable, Equatable, CaseIterable {
    /// A certificate from a trusted certificate authority for the endpoint's host (the
    /// default: what TLS termination in front of `flowc serve` normally has).
    case trusted = "Trusted"
    /// A wildcard certificate from a trusted authority for a subdomain of the host.
    case wildcard = "Wildcard"
    /// A self-signed certificate (development skills only; uploaded separately).
    case selfSigned = "SelfSigned"
  }

  /// Reads `--endpoint`: a URL starting with `https://`, or an ARN starting with
  /// `arn:aws:lambda:`.
  ///
  /// - Parameters:
  ///   - text: The argument.
  ///   - certificate: The certificate kind used for an HTTPS URL.
  /// - Returns: The endpoint, or `nil` when the text is neither.
  public init?(parsing text: String, certificate: CertificateType = .trusted) {
    if text.hasPrefix("https://"), text.count > "https://".count {
      self = .https(text, certificate: certificate)
    } else if text.hasPrefix("arn:aws:lambda:") {
      self = .lambda(text)
    } else {
      return nil
    }
  }

  /// The manifest's `apis.custom.endpoint`.
  var manifestEndpoint: SkillManifest.Endpoint {
    switch self {
    case .https(let uri, let certificate):
      SkillManifest.Endpoint(uri: uri, sslCertificateType: certificate.rawValue)
    case .lambda(let arn):
      SkillManifest.Endpoint(uri: arn, sslCertificateType: nil)
    }
  }
}
