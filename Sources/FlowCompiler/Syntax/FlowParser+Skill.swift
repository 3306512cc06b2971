// The `skill` section: name, invocation, locales, privacy policy, the skill store listing.
extension FlowParser {
  mutating func parseSkill(_ entry: YAMLMappingEntry) -> SkillSyntax? {
    guard
      let fields = readMapping(
        entry.value, context: "skill",
        keys: FlowKeys.skill, anchor: entry.key.range)
    else { return nil }
    var skill = SkillSyntax(keyRange: entry.key.range)
    skill.name = fields["name"].flatMap { text($0.value, what: "name") }
    if let invocation = fields["invocation"].flatMap({ text($0.value, what: "invocation") }) {
      skill.invocation = converted(
        invocation, for: "invocation",
        expected: "lowercase words separated by single spaces, such as 'no nicks'"
      ) { Self.isInvocationName($0) ? $0 : nil }
    }
    if let locales = fields["locales"] {
      if let elements = list(locales.value, what: "locales") {
        for element in elements {
          guard let locale = text(element, what: "locales") else {
            skill.localesComplete = false
            continue
          }
          if let first = skill.locales.first(where: { $0.value == locale.value }) {
            diagnostics.append(
              DiagnosticCatalogue.invalidValue(
                locale.value, for: "locales", expected: "each locale once", at: locale.range
              ).with(note: "first listed here", at: first.range))
          } else if AlexaLocales.all.contains(locale.value) {
            skill.locales.append(locale)
          } else {
            skill.localesComplete = false
            diagnostics.append(DiagnosticCatalogue.unknownLocale(locale.value, at: locale.range))
          }
        }
        if elements.isEmpty {
          skill.localesComplete = false
          diagnostics.append(
            DiagnosticCatalogue.invalidValue(
              "[]", for: "locales", expected: "at least one Alexa locale, such as 'en-US'",
              at: locales.value.range))
        }
      } else {
        skill.localesComplete = false
      }
    } else {
      skill.localesComplete = false
    }
    skill.privacyPolicyURL = fields["privacy_policy_url"].flatMap {
      text($0.value, what: "privacy_policy_url")
    }
    skill.publishing = fields["publishing"].flatMap { parsePublishing($0) }
    return skill
  }

  /// Reads `skill.publishing`: `category`, then one listing per locale key.
  mutating func parsePublishing(_ entry: YAMLMappingEntry) -> PublishingSyntax? {
    guard let entries = mapping(entry.value, what: "publishing") else { return nil }
    var publishing = PublishingSyntax(keyRange: entry.key.range)
    for child in entries {
      guard let name = key(child.key, kind: "locale", rule: nil) else { continue }
      if name.value == PublishingKey.category {
        publishing.category = text(child.value, what: PublishingKey.category)
        continue
      }
      guard AlexaLocales.all.contains(name.value) else {
        diagnostics.append(
          name.value.contains("-")
            ? DiagnosticCatalogue.unknownLocale(name.value, key: "skill.publishing", at: name.range)
            : DiagnosticCatalogue.unknownKey(
              name.value, in: "skill.publishing", known: [PublishingKey.category],
              at: name.range
            ).with(note: "the other keys of 'skill.publishing' are locales, such as 'en-US'"))
        continue
      }
      guard
        let fields = readMapping(
          child.value, context: "skill.publishing.\(name.value)",
          keys: FlowKeys.localePublishing, anchor: name.range)
      else {
        publishing.locales.append(KeyedSyntax(key: name, value: nil))
        continue
      }
      var listing = LocalePublishingSyntax()
      listing.summary = fields[PublishingKey.summary].flatMap {
        text($0.value, what: PublishingKey.summary)
      }
      listing.description = fields[PublishingKey.description].flatMap {
        text($0.value, what: PublishingKey.description)
      }
      listing.examplePhrases =
        fields[PublishingKey.examplePhrases].flatMap {
          texts($0.value, what: PublishingKey.examplePhrases)
        } ?? []
      listing.keywords =
        fields[PublishingKey.keywords].flatMap { texts($0.value, what: PublishingKey.keywords) }
        ?? []
      listing.privacyPolicyURL = fields[PublishingKey.privacyPolicyURL].flatMap {
        text($0.value, what: PublishingKey.privacyPolicyURL)
      }
      publishing.locales.append(KeyedSyntax(key: name, value: listing))
    }
    return publishing
  }

}
