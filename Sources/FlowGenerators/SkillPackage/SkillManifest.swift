/// The skill manifest, `skill-package/skill.json` in the ASK CLI layout (SMAPI
/// `SkillManifestEnvelope`). Optional fields that are `nil` are left out.
public struct SkillManifest: Codable, Sendable, Equatable {
  /// The `manifest` member.
  public var manifest: Manifest

  /// Creates an envelope.
  public init(manifest: Manifest) {
    self.manifest = manifest
  }

  /// `manifest`.
  public struct Manifest: Codable, Sendable, Equatable {
    /// `manifestVersion`: `1.0`.
    public var manifestVersion: String
    /// `publishingInformation`.
    public var publishingInformation: PublishingInformation
    /// `permissions`; `nil` (left out) when the skill needs none.
    public var permissions: [Permission]?
    /// `privacyAndCompliance`.
    public var privacyAndCompliance: PrivacyAndCompliance
    /// `apis`.
    public var apis: APIs

    /// Creates a manifest.
    public init(
      manifestVersion: String, publishingInformation: PublishingInformation,
      permissions: [Permission]?, privacyAndCompliance: PrivacyAndCompliance, apis: APIs
    ) {
      self.manifestVersion = manifestVersion
      self.publishingInformation = publishingInformation
      self.permissions = permissions
      self.privacyAndCompliance = privacyAndCompliance
      self.apis = apis
    }
  }

  /// `publishingInformation`.
  public struct PublishingInformation: Codable, Sendable, Equatable {
    /// `locales`: locale → listing.
    public var locales: [String: LocalizedPublishingInformation]
    /// `category`, such as `SHOPPING`.
    public var category: String

    /// Creates publishing information.
    public init(locales: [String: LocalizedPublishingInformation], category: String) {
      self.locales = locales
      self.category = category
    }
  }

  /// `publishingInformation.locales.<locale>`.
  public struct LocalizedPublishingInformation: Codable, Sendable, Equatable {
    /// `name`.
    public var name: String
    /// `summary`.
    public var summary: String
    /// `description`.
    public var description: String
    /// `examplePhrases`.
    public var examplePhrases: [String]
    /// `keywords`.
    public var keywords: [String]

    /// Creates a listing.
    public init(
      name: String, summary: String, description: String, examplePhrases: [String],
      keywords: [String]
    ) {
      self.name = name
      self.summary = summary
      self.description = description
      self.examplePhrases = examplePhrases
      self.keywords = keywords
    }
  }

  /// One entry of `permissions`.
  public struct Permission: Codable, Sendable, Equatable {
    /// `name`: a permission scope such as `payments:autopay_consent`.
    public var name: String

    /// Creates a permission.
    public init(name: String) {
      self.name = name
    }
  }

  /// `privacyAndCompliance`.
  public struct PrivacyAndCompliance: Codable, Sendable, Equatable {
    /// `allowsPurchases`.
    public var allowsPurchases: Bool
    /// `usesPersonalInfo`.
    public var usesPersonalInfo: Bool
    /// `isChildDirected`.
    public var isChildDirected: Bool
    /// `isExportCompliant`.
    public var isExportCompliant: Bool
    /// `containsAds`.
    public var containsAds: Bool
    /// `locales`: locale → privacy policy.
    public var locales: [String: LocalizedPrivacyAndCompliance]

    /// Creates the privacy and compliance section.
    public init(
      allowsPurchases: Bool, usesPersonalInfo: Bool, isChildDirected: Bool,
      isExportCompliant: Bool, containsAds: Bool, locales: [String: LocalizedPrivacyAndCompliance]
    ) {
      self.allowsPurchases = allowsPurchases
      self.usesPersonalInfo = usesPersonalInfo
      self.isChildDirected = isChildDirected
      self.isExportCompliant = isExportCompliant
      self.containsAds = containsAds
      self.locales = locales
    }
  }

  /// `privacyAndCompliance.locales.<locale>`.
  public struct LocalizedPrivacyAndCompliance: Codable, Sendable, Equatable {
    /// `privacyPolicyUrl`.
    public var privacyPolicyUrl: String

    /// Creates a localized entry.
    public init(privacyPolicyUrl: String) {
      self.privacyPolicyUrl = privacyPolicyUrl
    }
  }

  /// `apis`.
  public struct APIs: Codable, Sendable, Equatable {
    /// `custom`.
    public var custom: CustomAPI

    /// Creates the APIs section.
    public init(custom: CustomAPI) {
      self.custom = custom
    }
  }

  /// `apis.custom`.
  public struct CustomAPI: Codable, Sendable, Equatable {
    /// `endpoint`.
    public var endpoint: Endpoint

    /// Creates the custom API section.
    public init(endpoint: Endpoint) {
      self.endpoint = endpoint
    }
  }

  /// `apis.custom.endpoint`.
  public struct Endpoint: Codable, Sendable, Equatable {
    /// `uri`: an HTTPS URL or a Lambda ARN.
    public var uri: String
    /// `sslCertificateType`, only for an HTTPS URL.
    public var sslCertificateType: String?

    /// Creates an endpoint.
    public init(uri: String, sslCertificateType: String?) {
      self.uri = uri
      self.sslCertificateType = sslCertificateType
    }
  }
}
