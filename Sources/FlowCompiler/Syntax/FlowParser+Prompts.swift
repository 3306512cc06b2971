// The `prompts` section: the texts per locale.
extension FlowParser {
  /// Reads the prompts of every locale, each parsed as a template.
  mutating func parsePrompts(_ entry: consuming YAMLMappingEntry)
    -> ([KeyedSyntax<[KeyedSyntax<ParsedScalar<ParsedTemplate>>]>], Bool)
  {
    guard var locales = drainingMapping(entry, what: "prompts") else { return ([], false) }
    var complete = true
    var result: [KeyedSyntax<[KeyedSyntax<ParsedScalar<ParsedTemplate>>]>] = []
    while let localeEntry = locales.next() {
      guard let locale = key(localeEntry.key, kind: "locale", rule: nil) else {
        complete = false
        continue
      }
      guard var promptEntries = drainingMapping(consume localeEntry, what: locale.value) else {
        complete = false
        result.append(KeyedSyntax(key: locale, value: nil))
        continue
      }
      var prompts: [KeyedSyntax<ParsedScalar<ParsedTemplate>>] = []
      prompts.reserveCapacity(promptEntries.remainingCount)
      while let promptEntry = promptEntries.next() {
        guard let id = key(promptEntry.key, kind: "prompt id", rule: Self.idRule) else {
          complete = false
          continue
        }
        let scalar = textScalar(promptEntry.value, what: id.value)
        if scalar == nil { complete = false }
        let prompt = scalar.map { ParsedScalar(scalar: $0, value: TemplateParser.parse($0.text)) }
        prompts.append(KeyedSyntax(key: id, value: prompt))
      }
      result.append(KeyedSyntax(key: locale, value: prompts))
    }
    return (result, complete)
  }
}
