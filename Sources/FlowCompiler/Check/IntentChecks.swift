extension FlowChecker {
  /// Checks custom intents: slot types, samples in every locale, slots named in samples, and
  /// the same sample given twice (in one intent or in two).
  func checkIntents(into diagnostics: inout [Diagnostic]) -> IntentFacts {
    var facts = IntentFacts()
    var firstSample: [String: (intent: String, range: SourceRange)] = [:]
    for entry in syntax.intents {
      guard let intent = entry.value else { continue }
      var slotNames: [String] = []
      for slot in intent.slots {
        slotNames.append(slot.key.value)
        guard let type = slot.value else { continue }
        if type.value != "catalog", !Self.isBuiltInSlotType(type.value) {
          diagnostics.append(DiagnosticCatalogue.unknownSlotType(type.value, at: type.range))
          facts.withInvalidSlots.insert(entry.key.value)
        }
      }
      if intent.samplesComplete, symbols.localesComplete {
        let given = Set(intent.samples.map(\.key.value))
        for locale in symbols.locales where !given.contains(locale) {
          diagnostics.append(
            DiagnosticCatalogue.missingSamples(
              intent: entry.key.value, locale: locale, at: entry.key.range))
        }
      }
      for locale in intent.samples {
        for sample in locale.value ?? [] {
          if intent.slotsComplete {
            for slot in Self.sampleSlots(sample.text) where !slotNames.contains(slot.name) {
              diagnostics.append(
                DiagnosticCatalogue.unknownSlot(
                  slot.name, intent: entry.key.value, slots: slotNames,
                  suggestion: Suggestions.closest(to: slot.name, among: slotNames),
                  at: sample.sourceRange(ofUTF8: slot.range, in: file)))
            }
          }
          let key = locale.key.value + "\u{0}" + Self.normalizedSample(sample.text)
          if let first = firstSample[key] {
            diagnostics.append(
              DiagnosticCatalogue.duplicateSample(
                sample.text, otherIntent: first.intent, sameIntent: first.intent == entry.key.value,
                at: sample.range, firstRange: first.range))
          } else {
            firstSample[key] = (entry.key.value, sample.range)
          }
        }
      }
    }
    return facts
  }

  /// Whether a slot type is an Alexa built-in: `AMAZON.` and a name.
  static func isBuiltInSlotType(_ type: String) -> Bool {
    guard type.hasPrefix("AMAZON."), type.count > "AMAZON.".count else { return false }
    return type.dropFirst("AMAZON.".count).unicodeScalars.allSatisfy {
      ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0)
        || $0 == "_" || $0 == "."
    }
  }

  /// The `{slot}` references of a sample utterance, with their UTF-8 ranges (braces included).
  static func sampleSlots(_ sample: String) -> [(name: String, range: Range<Int>)] {
    let bytes = Array(sample.utf8)
    var slots: [(name: String, range: Range<Int>)] = []
    var index = 0
    while index < bytes.count {
      guard bytes[index] == UInt8(ascii: "{") else {
        index += 1
        continue
      }
      guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else { break }
      let name = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
        .split(separator: " ").joined(separator: " ")
      slots.append((name, index..<(close + 1)))
      index = close + 1
    }
    return slots
  }

  /// A sample as Alexa compares it: lowercase, single spaces.
  static func normalizedSample(_ sample: String) -> String {
    sample.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}

/// What the intent check computed.
struct IntentFacts {
  /// Intents with a slot of an unknown type: their `set`s are not checked (no follow-on type
  /// errors).
  var withInvalidSlots: Set<String> = []
}
