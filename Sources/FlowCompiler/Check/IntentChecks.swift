extension FlowChecker {
  /// Checks custom intents: slot types, samples in every locale, slots named in samples, and
  /// the same sample given twice (in one intent or in two).
  func checkIntents(into diagnostics: inout [Diagnostic]) -> IntentFacts {
    var facts = IntentFacts()
    var firstSample: [NormalizedPhrase: (intent: String, range: SourceRange)] = [:]
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
      // Looked up for every slot of every sample: a set, not the list, unless the list is short
      // (building a set costs more than searching a few names).
      let declaredSlots = slotNames.count > 8 ? Set(slotNames) : nil
      func isDeclared(_ name: String) -> Bool {
        declaredSlots?.contains(name) ?? slotNames.contains(name)
      }
      // Sorted for the notes of unknown slots, once per intent that has one.
      var sortedSlotNames: [String]?
      for locale in intent.samples {
        for sample in locale.value ?? [] {
          if intent.slotsComplete {
            // One walk over the sample for the positions of all its unknown slots (in order).
            var positions: TextScalarPositions?
            for slot in Self.sampleSlots(sample.text) where !isDeclared(slot.name) {
              if positions == nil { positions = TextScalarPositions(sample, in: file) }
              if sortedSlotNames == nil { sortedSlotNames = slotNames.sorted() }
              diagnostics.append(
                DiagnosticCatalogue.unknownSlot(
                  slot.name, intent: entry.key.value, sortedSlots: sortedSlotNames!,
                  suggestion: Suggestions.closest(to: slot.name, among: slotNames),
                  at: positions!.sourceRange(ofUTF8: slot.range)))
            }
          }
          let key = NormalizedPhrase(
            locale: locale.key.value, normalized: Self.normalizedSample(sample.text))
          if let first = firstSample.firstValue(
            forKey: key, recording: (entry.key.value, sample.range))
          {
            diagnostics.append(
              DiagnosticCatalogue.duplicateSample(
                sample.text, otherIntent: first.intent, sameIntent: first.intent == entry.key.value,
                at: sample.range, firstRange: first.range))
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
    var sample = sample
    // The bytes in place (a native string's storage), not a copy of them per sample.
    return sample.withUTF8 { bytes in
      var slots: [(name: String, range: Range<Int>)] = []
      var index = 0
      while index < bytes.count {
        guard bytes[index] == UInt8(ascii: "{") else {
          index += 1
          continue
        }
        guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else { break }
        let nameBytes = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<close])
        let written = String(decoding: nameBytes, as: UTF8.self)
        // Single spaces, none around: only a name with a space needs the split.
        let name =
          nameBytes.contains(UInt8(ascii: " "))
          ? written.split(separator: " ").joined(separator: " ") : written
        slots.append((name, index..<(close + 1)))
        index = close + 1
      }
      return slots
    }
  }

  /// A sample as Alexa compares it: lowercase, single spaces.
  static func normalizedSample(_ sample: String) -> String {
    if let ascii = asciiNormalizedSample(sample) { return ascii }
    return sample.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// ``normalizedSample(_:)`` of an ASCII text, byte by byte (no Unicode case mapping or
  /// property lookups, which cost more than the rest of the check of a sample); `nil` when the
  /// text is not ASCII. ASCII whitespace is exactly `\t`, `\n`, `\u{0B}`, `\u{0C}`, `\r` and
  /// space, as `Character.isWhitespace` has it.
  static func asciiNormalizedSample(_ sample: String) -> String? {
    guard ASCIIText.isASCII(sample) else { return nil }
    var sample = sample
    // The bytes in place (a native string's storage), not the view's iterator.
    return sample.withUTF8 { utf8 in
      String(unsafeUninitializedCapacity: utf8.count) { buffer in
        var count = 0
        var pendingSpace = false
        for byte in utf8 {
          if ASCIIText.isWhitespace(byte) {
            pendingSpace = count > 0
            continue
          }
          if pendingSpace {
            buffer[count] = UInt8(ascii: " ")
            count += 1
            pendingSpace = false
          }
          buffer[count] = ASCIIText.lowercased(byte)
          count += 1
        }
        return count
      }
    }
  }
}

/// A phrase (a sample utterance, a product's name or synonym) as Alexa compares it in one
/// locale: two phrases that are equal here are the same to Alexa.
struct NormalizedPhrase: Hashable {
  /// The locale (`en-US`).
  var locale: String
  /// The phrase, ``FlowChecker/normalizedSample(_:)``.
  var normalized: String
}

/// What the intent check computed.
struct IntentFacts {
  /// Intents with a slot of an unknown type: their `set`s are not checked (no follow-on type
  /// errors).
  var withInvalidSlots: Set<String> = []
}
