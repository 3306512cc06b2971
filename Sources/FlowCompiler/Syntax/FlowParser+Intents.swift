// The `intents` section: custom intents, their samples and slots.
extension FlowParser {
  mutating func parseIntents(_ entry: consuming YAMLMappingEntry)
    -> ([KeyedSyntax<IntentSyntax>], Bool)
  {
    guard var entries = drainingMapping(entry, what: "intents") else { return ([], false) }
    var complete = true
    var intents: [KeyedSyntax<IntentSyntax>] = []
    intents.reserveCapacity(entries.remainingCount)
    while let intentEntry = entries.next() {
      guard
        let name = key(intentEntry.key, kind: "intent name", rule: Self.intentRule),
        Self.isIntentName(name.value)
      else {
        if let scalar = intentEntry.key.scalar, !Self.isIntentName(scalar) {
          diagnostics.append(
            DiagnosticCatalogue.invalidId(
              "intent name", scalar, rule: Self.intentRule, at: intentEntry.key.range))
        }
        complete = false
        continue
      }
      guard
        let fields = readMapping(
          intentEntry.value, context: name.value, keys: FlowKeys.intent, anchor: name.range)
      else {
        intents.append(KeyedSyntax(key: name, value: nil))
        continue
      }
      var intent = IntentSyntax()
      if let slots = fields["slots"] {
        if let slotEntries = mapping(slots.value, what: "slots") {
          intent.slots.reserveCapacity(slotEntries.count)
          for slot in slotEntries {
            guard let slotName = key(slot.key, kind: "slot name", rule: Self.idRule) else {
              intent.slotsComplete = false
              continue
            }
            let type = text(slot.value, what: slotName.value)
            if type == nil { intent.slotsComplete = false }
            intent.slots.append(KeyedSyntax(key: slotName, value: type))
          }
        } else {
          intent.slotsComplete = false
        }
      }
      if let samples = fields["samples"] {
        if let localeEntries = mapping(samples.value, what: "samples") {
          intent.samples.reserveCapacity(localeEntries.count)
          for localeEntry in localeEntries {
            guard let locale = key(localeEntry.key, kind: "locale", rule: nil) else {
              intent.samplesComplete = false
              continue
            }
            guard let elements = list(localeEntry.value, what: "samples") else {
              intent.samplesComplete = false
              intent.samples.append(KeyedSyntax(key: locale, value: nil))
              continue
            }
            var utterances: [TextScalar] = []
            utterances.reserveCapacity(elements.count)
            for element in elements {
              if let utterance = textScalar(element, what: "samples") {
                utterances.append(utterance)
              }
            }
            intent.samples.append(KeyedSyntax(key: locale, value: utterances))
          }
        } else {
          intent.samplesComplete = false
        }
      } else {
        intent.samplesComplete = false
      }
      intents.append(KeyedSyntax(key: name, value: intent))
    }
    return (intents, complete)
  }
}
