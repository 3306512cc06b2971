/// The skill manifest, `skill-package/skill.json` in the ASK CLI layout (SMAPI
/// `SkillManifestEnvelope`). Optional fields that are `nil` are left out.
struct SkillManifest: Codable, Sendable, Equatable {
  /// The `manifest` member.
  var manifest: Manifest

  /// `manifest`.
  struct Manifest: Codable, Sendable, Equatable {
    /// `manifestVersion`: `1.0`.
    var manifestVersion: String
    /// `publishingInformation`.
    var publishingInformation: PublishingInformation
    /// `permissions`; `nil` (left out) when the skill needs none.
    var permissions: [Permission]?
    /// `privacyAndCompliance`.
    var privacyAndCompliance: PrivacyAndCompliance
    /// `apis`.
    var apis: APIs
  }

  /// `publishingInformation`.
  struct PublishingInformation: Codable, Sendable, Equatable {
    /// `locales`: locale → listing.
    var locales: [String: LocalizedPublishingInformation]
    /// `category`, such as `SHOPPING`.
    var category: String
  }

  /// `publishingInformation.locales.<locale>`.
  struct LocalizedPublishingInformation: Codable, Sendable, Equatable {
    /// `name`.
    var name: String
    /// `summary`.
    var summary: String
    /// `description`.
    var description: String
    /// `examplePhrases`.
    var examplePhrases: [String]
    /// `keywords`.
    var keywords: [String]
  }

  /// One entry of `permissions`.
  struct Permission: Codable, Sendable, Equatable {
    /// `name`: a permission scope such as `payments:autopay_consent`.
    var name: String
  }

  /// `privacyAndCompliance`.
  struct PrivacyAndCompliance: Codable, Sendable, Equatable {
    /// `allowsPurchases`.
    var allowsPurchases: Bool
    /// `usesPersonalInfo`.
    var usesPersonalInfo: Bool
    /// `isChildDirected`.
    var isChildDirected: Bool
    /// `isExportCompliant`.
    var isExportCompliant: Bool
    /// `containsAds`.
    var containsAds: Bool
    /// `locales`: locale → privacy policy.
    var locales: [String: LocalizedPrivacyAndCompliance]
  }

  /// `privacyAndCompliance.locales.<locale>`.
  struct LocalizedPrivacyAndCompliance: Codable, Sendable, Equatable {
    /// `privacyPolicyUrl`.
    var privacyPolicyUrl: String
  }

  /// `apis`.
  struct APIs: Codable, Sendable, Equatable {
    /// `custom`.
    var custom: CustomAPI
  }

  /// `apis.custom`.
  struct CustomAPI: Codable, Sendable, Equatable {
    /// `endpoint`.
    var endpoint: Endpoint
  }

  /// `apis.custom.endpoint`.
  struct Endpoint: Codable, Sendable, Equatable {
    /// `uri`: an HTTPS URL or a Lambda ARN.
    var uri: String
    /// `sslCertificateType`, only for an HTTPS URL.
    var sslCertificateType: String?
  }
}
