// The `prompts` section: the texts per locale.
extension FlowParser {
  mutating func parsePrompts(_ entry: YAMLMappingEntry)
    -> ([KeyedSyntax<[KeyedSyntax<TextScalar>]>], Bool)
  {
    guard let locales = mapping(entry.value, what: "prompts") else { return ([], false) }
    var complete = true
    var result: [KeyedSyntax<[KeyedSyntax<TextScalar>]>] = []
    for localeEntry in locales {
      guard let locale = key(localeEntry.key, kind: "locale", rule: nil) else {
        complete = false
        continue
      }
      guard let promptEntries = mapping(localeEntry.value, what: locale.value) else {
        complete = false
        result.append(KeyedSyntax(key: locale, value: nil))
        continue
      }
      var prompts: [KeyedSyntax<TextScalar>] = []
      for promptEntry in promptEntries {
        guard let id = key(promptEntry.key, kind: "prompt id", rule: Self.idRule) else {
          complete = false
          continue
        }
        let scalar = textScalar(promptEntry.value, what: id.value)
        if scalar == nil { complete = false }
        prompts.append(KeyedSyntax(key: id, value: scalar))
      }
      result.append(KeyedSyntax(key: locale, value: prompts))
    }
    return (result, complete)
  }
}
