/// The skill store listing of a skill (`skill.publishing`, language v1.1): what the manifest's
/// `publishingInformation` and `privacyAndCompliance` are built from.
///
/// Every field is optional: the skill-package generator writes a marked placeholder (and a
/// warning) for what is missing, and `flowc check --release` requires it.
public struct Publishing: Codable, Sendable, Equatable {
  /// The skill store category, such as `SHOPPING` (one for the skill).
  public var category: String?
  /// Locale → the listing in that locale.
  public var locales: [String: LocalePublishing]

  /// Creates a listing.
  public init(category: String?, locales: [String: LocalePublishing]) {
    self.category = category
    self.locales = locales
  }

  enum CodingKeys: String, CodingKey {
    case category, locales
  }

  /// Decodes the value from its JSON form, a missing `locales` as none (encoding is
  /// synthesized).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    category = try container.decodeIfPresent(String.self, forKey: .category)
    locales =
      try container.decodeIfPresent([String: LocalePublishing].self, forKey: .locales) ?? [:]
  }
}

/// The skill store listing in one locale.
public struct LocalePublishing: Codable, Sendable, Equatable {
  /// A one-line summary.
  public var summary: String?
  /// The full description (for a flow that pays, it says that Amazon Pay is used).
  public var description: String?
  /// At most three example phrases, the first opening the skill by its invocation name.
  public var examplePhrases: [String]
  /// Search keywords.
  public var keywords: [String]
  /// The privacy policy URL of this locale; `nil` uses ``Skill/privacyPolicyURL``.
  public var privacyPolicyURL: String?

  /// Creates a listing for one locale.
  public init(
    summary: String?, description: String?, examplePhrases: [String], keywords: [String],
    privacyPolicyURL: String? = nil
  ) {
    self.summary = summary
    self.description = description
    self.examplePhrases = examplePhrases
    self.keywords = keywords
    self.privacyPolicyURL = privacyPolicyURL
  }

  enum CodingKeys: String, CodingKey {
    case summary, description, keywords
    case examplePhrases = "example_phrases"
    case privacyPolicyURL = "privacy_policy_url"
  }

  /// Decodes the value from its JSON form, missing lists as empty (encoding is synthesized).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    summary = try container.decodeIfPresent(String.self, forKey: .summary)
    description = try container.decodeIfPresent(String.self, forKey: .description)
    examplePhrases =
      try container.decodeIfPresent([String].self, forKey: .examplePhrases) ?? []
    keywords = try container.decodeIfPresent([String].self, forKey: .keywords) ?? []
    privacyPolicyURL = try container.decodeIfPresent(String.self, forKey: .privacyPolicyURL)
  }
}
