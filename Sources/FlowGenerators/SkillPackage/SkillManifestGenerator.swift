import FlowIR

/// Builds `skill.json` from the IR: publishing information per locale, permissions, privacy
/// and compliance, and the endpoint.
///
/// What the IR lacks (no `skill.publishing`, no `--endpoint`, no privacy policy) is written as
/// a string starting with ``placeholderPrefix`` and reported as a ``GeneratorWarning``.
public enum SkillManifestGenerator {
  /// How every placeholder starts, so that a person or a script finds them all.
  public static let placeholderPrefix = "PLACEHOLDER:"

  /// The manifest and the warnings about the placeholders in it.
  ///
  /// - Parameters:
  ///   - program: The compiled flow.
  ///   - endpoint: The skill's endpoint; `nil` writes a placeholder.
  /// - Returns: The manifest and one warning per kind of missing information.
  static func manifest(for program: FlowProgram, endpoint: SkillEndpoint?)
    -> (manifest: SkillManifest, warnings: [GeneratorWarning])
  {
    var warnings: [GeneratorWarning] = []
    let skill = program.skill
    let publishing = skill.publishing

    var listings: [String: SkillManifest.LocalizedPublishingInformation] = [:]
    var policies: [String: SkillManifest.LocalizedPrivacyAndCompliance] = [:]
    var missingPolicies: [String] = []
    for locale in skill.locales {
      let (listing, missing) = listingFor(
        locale: locale, skill: skill, given: publishing?.locales[locale])
      listings[locale] = listing
      if !missing.isEmpty {
        warnings.append(
          GeneratorWarning(
            id: "publishing-missing",
            message:
              "no \(missing.joined(separator: ", ")) for '\(locale)' in 'skill.publishing'; "
              + "skill.json has placeholders"))
      }
      if let url = publishing?.locales[locale]?.privacyPolicyURL ?? skill.privacyPolicyURL {
        policies[locale] = .init(privacyPolicyUrl: url)
      } else {
        policies[locale] = .init(privacyPolicyUrl: placeholder("the \(locale) privacy policy URL"))
        missingPolicies.append(locale)
      }
    }
    if !missingPolicies.isEmpty {
      warnings.append(
        GeneratorWarning(
          id: "privacy-policy-missing",
          message:
            "no privacy policy URL for \(missingPolicies.map { "'\($0)'" }.joined(separator: ", ")); "
            + "skill.json has a placeholder"))
    }

    let category: String
    if let given = publishing?.category {
      category = given
    } else {
      category = placeholder("a skill store category such as SHOPPING")
      warnings.append(
        GeneratorWarning(
          id: "publishing-missing",
          message: "no category in 'skill.publishing'; skill.json has a placeholder"))
    }

    let endpointValue: SkillManifest.Endpoint
    if let endpoint {
      endpointValue = endpoint.manifestEndpoint
    } else {
      endpointValue = SkillManifest.Endpoint(
        uri: placeholder("pass --endpoint with an https URL or a Lambda ARN"),
        sslCertificateType: nil)
      warnings.append(
        GeneratorWarning(
          id: "endpoint-missing",
          message: "no --endpoint given; skill.json has a placeholder endpoint"))
    }

    let scopes = permissionScopes(of: program)
    let pays = !scopes.isEmpty
    let manifest = SkillManifest.Manifest(
      manifestVersion: "1.0",
      publishingInformation: .init(locales: listings, category: category),
      permissions: pays ? scopes.map { SkillManifest.Permission(name: $0) } : nil,
      privacyAndCompliance: .init(
        allowsPurchases: pays,
        // Amazon Pay hands the skill buyer data (billing agreement, shipping address).
        usesPersonalInfo: pays,
        isChildDirected: false,
        isExportCompliant: true,
        containsAds: false,
        locales: policies),
      apis: .init(custom: .init(endpoint: endpointValue)))
    return (SkillManifest(manifest: manifest), warnings)
  }

  /// The permission scopes of the Connections profiles the flow uses, sorted.
  static func permissionScopes(of program: FlowProgram) -> [String] {
    var scopes = Set<String>()
    for state in program.states.values {
      if case .connections(let connections) = state.kind {
        scopes.insert(connections.task.profile.permissionScope)
      }
    }
    return scopes.sorted()
  }

  /// `PLACEHOLDER: <what>`.
  static func placeholder(_ what: String) -> String {
    "\(placeholderPrefix) \(what)"
  }

  /// The listing of one locale and the names of the fields that got placeholders.
  private static func listingFor(locale: String, skill: Skill, given: LocalePublishing?)
    -> (SkillManifest.LocalizedPublishingInformation, [String])
  {
    var missing: [String] = []
    func text(_ value: String?, _ field: String) -> String {
      if let value, !value.isEmpty { return value }
      missing.append(field)
      return placeholder("the \(locale) \(field) (skill.publishing)")
    }
    let summary = text(given?.summary, "summary")
    let description = text(given?.description, "description")
    var phrases = given?.examplePhrases ?? []
    if phrases.isEmpty {
      // A phrase that is right for every skill, rather than a placeholder Alexa would reject.
      phrases = ["Alexa, open \(skill.invocation)"]
      missing.append("example phrases")
    }
    let keywords = given?.keywords ?? []
    if keywords.isEmpty { missing.append("keywords") }
    return (
      .init(
        name: skill.name, summary: summary, description: description, examplePhrases: phrases,
        keywords: keywords),
      missing
    )
  }
}
