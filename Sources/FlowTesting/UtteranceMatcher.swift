public import FlowIR
internal import Foundation

/// A slot value captured from an utterance.
public struct MatchedSlot: Sendable, Equatable {
  /// The words spoken for the slot (for a number: its digits, as Alexa sends them).
  public var value: String
  /// The product id a `catalog` slot resolved to.
  public var resolvedId: String?

  /// Creates a slot value.
  public init(value: String, resolvedId: String? = nil) {
    self.value = value
    self.resolvedId = resolvedId
  }
}

/// The intent an utterance was matched to.
public struct UtteranceMatch: Sendable, Equatable {
  /// The intent name, such as `BuyIntent` or `AMAZON.YesIntent`.
  public var intent: String
  /// The slots filled by the utterance.
  public var slots: [String: MatchedSlot]
  /// The sample (or built-in phrase) that matched.
  public var sample: String
}

/// Matches spoken lines against a flow's own interaction data, offline and deterministically.
///
/// Rules (documented in `docs/testing.md`):
/// - Utterance and samples are normalised: lowercase, punctuation turned into spaces (an
///   apostrophe inside a word is dropped), runs of whitespace collapsed.
/// - A custom intent matches when one of its samples for the locale matches word for word; a
///   `{slot}` captures one or more words. A `catalog` slot captures only a product id (with
///   `_` as a space), a product name or a synonym in that locale; an `AMAZON.NUMBER` slot only a
///   number, as digits or words (`2`, `two`, `twenty one`); other slot types capture any words.
/// - When several samples match, the one with the most literal words wins, then the intent
///   name, then the sample's position: so the same line always gives the same intent.
/// - When no sample matches, the built-in intents are tried by their usual phrasings in the
///   locale's language (yes, no, help, stop, cancel, …), as whole lines.
/// - Then the samples are tried again with `catalog` slots capturing any words, sent without
///   an entity resolution match, as Alexa sends a value that is not in the slot type ("buy
///   rooibos").
/// - Otherwise there is no match (``match(_:)`` returns `nil`).
public struct UtteranceMatcher: Sendable {
  /// The flow.
  public let program: FlowProgram
  /// The Alexa locale, such as `en-US`.
  public let locale: String

  /// The language part of the locale (`en` for `en-US`), whose built-in phrases are tried.
  let language: String

  /// Creates a matcher for a flow and a locale.
  public init(program: FlowProgram, locale: String) {
    (self.program, self.locale) = (program, locale)
    language = String(locale.split(separator: "-").first ?? "en").lowercased()
  }

  /// Matches a spoken line.
  ///
  /// - Parameter utterance: What the customer says.
  /// - Returns: The intent and slots, or `nil` when no intent matches.
  public func match(_ utterance: String) -> UtteranceMatch? {
    let words = Self.words(utterance)
    guard !words.isEmpty else { return nil }
    if let strict = bestSample(words, openCatalog: false) { return strict }
    let line = words.joined(separator: " ")
    for (intent, phrases) in BuiltInPhrases.phrases(language: language) {
      if let phrase = phrases.first(where: { Self.words($0).joined(separator: " ") == line }) {
        return UtteranceMatch(intent: intent, slots: [:], sample: phrase)
      }
    }
    return bestSample(words, openCatalog: true)
  }

  /// The line as the answer to a `Dialog.ElicitSlot` for `slot` of `intentName`: the whole
  /// line as the slot's value, as the slot's answer sample `{slot}` captures it.
  ///
  /// - Parameters:
  ///   - utterance: What the customer says.
  ///   - slot: The slot elicited.
  ///   - intentName: The intent it belongs to.
  ///   - openCatalog: Whether a `catalog` slot takes words that name no product (unresolved).
  /// - Returns: The slot value, or `nil` when the line cannot fill the slot.
  public func elicitedValue(
    _ utterance: String, slot: String, of intentName: String, openCatalog: Bool
  ) -> MatchedSlot? {
    let words = Self.words(utterance)
    guard !words.isEmpty, let intent = program.intents.first(where: { $0.name == intentName })
    else { return nil }
    let type = intent.slots.first { $0.name == slot }?.type
    return slotValue(words, type: type, openCatalog: openCatalog)
  }

  /// The sample that matches the words best (most literal words, then intent name, then the
  /// sample's position).
  private func bestSample(_ words: [String], openCatalog: Bool) -> UtteranceMatch? {
    var best: (match: UtteranceMatch, literals: Int)?
    for intent in program.intents.sorted(by: { $0.name < $1.name }) {
      for sample in intent.samples[locale] ?? [] {
        let pattern = Self.pattern(sample)
        guard
          let slots = capture(pattern[...], words[...], intent: intent, openCatalog: openCatalog)
        else { continue }
        let literals = pattern.count { if case .word = $0 { true } else { false } }
        if best == nil || literals > best!.literals {
          best = (UtteranceMatch(intent: intent.name, slots: slots, sample: sample), literals)
        }
      }
    }
    return best?.match
  }

  // MARK: - Normalisation

  /// The normalised words of a line.
  static func words(_ text: String) -> [String] {
    var cleaned = ""
    let characters = Array(text.lowercased())
    for (index, character) in characters.enumerated() {
      if character == "'" || character == "’" {
        // "i'd" → "id": an apostrophe between letters joins them; elsewhere it separates.
        let joins =
          index > 0 && index + 1 < characters.count && characters[index - 1].isLetter
          && characters[index + 1].isLetter
        if !joins { cleaned.append(" ") }
      } else if character.isLetter || character.isNumber || character == "{"
        || character == "}" || character == "_"
      {
        cleaned.append(character)
      } else {
        cleaned.append(" ")
      }
    }
    return cleaned.split(whereSeparator: \.isWhitespace).map(String.init)
  }

  enum PatternPart: Equatable {
    case word(String)
    case slot(String)
  }

  static func pattern(_ sample: String) -> [PatternPart] {
    words(sample).map { word in
      if word.hasPrefix("{"), word.hasSuffix("}"), word.count > 2 {
        return .slot(String(word.dropFirst().dropLast()))
      }
      return .word(
        word.replacingOccurrences(of: "{", with: "").replacingOccurrences(
          of: "}", with: ""))
    }
  }

  // MARK: - Matching

  private func capture(
    _ pattern: ArraySlice<PatternPart>, _ words: ArraySlice<String>, intent: Intent,
    openCatalog: Bool
  ) -> [String: MatchedSlot]? {
    guard let first = pattern.first else { return words.isEmpty ? [:] : nil }
    switch first {
    case .word(let literal):
      guard words.first == literal else { return nil }
      return capture(
        pattern.dropFirst(), words.dropFirst(), intent: intent, openCatalog: openCatalog)
    case .slot(let name):
      guard !words.isEmpty else { return nil }
      let type = intent.slots.first { $0.name == name }?.type
      // Shortest capture first, so that the words after a slot stay with the literals; a
      // slot at the end of the sample takes every word left.
      let shortest = pattern.count == 1 ? words.count : 1
      for length in shortest...words.count {
        let taken = Array(words.prefix(length))
        guard let value = slotValue(taken, type: type, openCatalog: openCatalog) else {
          continue
        }
        if var rest = capture(
          pattern.dropFirst(), words.dropFirst(length), intent: intent, openCatalog: openCatalog)
        {
          rest[name] = value
          return rest
        }
      }
      return nil
    }
  }

  private func slotValue(_ words: [String], type: String?, openCatalog: Bool) -> MatchedSlot? {
    let phrase = words.joined(separator: " ")
    switch type {
    case "catalog":
      guard let product = product(named: phrase) else {
        return openCatalog ? MatchedSlot(value: phrase) : nil
      }
      return MatchedSlot(value: phrase, resolvedId: product.id)
    case "AMAZON.NUMBER":
      guard let number = NumberWords.value(of: words, language: language) else { return nil }
      return MatchedSlot(value: String(number))
    default:
      return MatchedSlot(value: phrase)
    }
  }

  /// The product whose id, name or synonym in this locale is the phrase.
  func product(named phrase: String) -> Product? {
    for product in program.products {
      var candidates = [product.id.replacingOccurrences(of: "_", with: " "), product.id]
      if let name = product.names[locale] { candidates.append(name) }
      candidates += product.synonyms[locale] ?? []
      if candidates.contains(where: { Self.words($0).joined(separator: " ") == phrase }) {
        return product
      }
    }
    return nil
  }
}
