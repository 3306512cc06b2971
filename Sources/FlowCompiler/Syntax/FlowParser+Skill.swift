// The `skill` section: name, invocation, locales, privacy policy.
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
      if Self.isInvocationName(invocation.value) {
        skill.invocation = invocation
      } else {
        diagnostics.append(
          DiagnosticCatalogue.invalidValue(
            invocation.value, for: "invocation",
            expected: "lowercase words separated by single spaces, such as 'no nicks'",
            at: invocation.range))
      }
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
    return skill
  }
}
