internal import FlowIR
internal import Foundation

/// A piece of speech: plain text, or SSML markup without the outer `<speak>` element.
struct SpeechPart: Sendable, Equatable {
  var text: String
  var isSSML: Bool
}

/// Renders prompts for one locale: templates to speech, cards and values to text.
struct SpeechRenderer: Sendable {
  var scope: TurnVariables
  var formatMoney: @Sendable (Money, String) -> String

  /// The template of a prompt id in the scope's locale, falling back to the skill's first
  /// locale.
  func template(_ promptId: String) -> Template? {
    let program = scope.program
    if let template = program.prompts[scope.locale]?[promptId] { return template }
    if let first = program.skill.locales.first, let template = program.prompts[first]?[promptId] {
      return template
    }
    return nil
  }

  /// A prompt as speech; `nil` when the prompt does not exist.
  ///
  /// `{order.id}` is spelt out in groups (``OrderIdSpeech``), which makes the prompt SSML.
  func speech(_ promptId: String) -> SpeechPart? {
    rendered(promptId, spellingOrderIds: true)
  }

  /// A prompt as card text: SSML markup removed, entities decoded, the order id as written.
  func cardText(_ promptId: String) -> String {
    guard let part = rendered(promptId, spellingOrderIds: false) else { return "" }
    return part.isSSML ? SpeechRenderer.plainText(ofSSML: part.text) : part.text
  }

  private func rendered(_ promptId: String, spellingOrderIds: Bool) -> SpeechPart? {
    guard let template = template(promptId) else { return nil }
    let spellsOrderId =
      spellingOrderIds
      && template.segments.contains { $0 == .variable(VariablePath.orderID.rawValue) }
    let ssml = template.ssml || spellsOrderId
    var text = ""
    for segment in template.segments {
      switch segment {
      case .text(let literal):
        text += ssml && !template.ssml ? SpeechRenderer.escapeXML(literal) : literal
      case .variable(let path):
        let value = render(path)
        if spellsOrderId, path == VariablePath.orderID.rawValue, !value.isEmpty {
          text += OrderIdSpeech.ssml(value)
        } else {
          text += ssml ? SpeechRenderer.escapeXML(value) : value
        }
      }
    }
    guard ssml else { return SpeechPart(text: text, isSSML: false) }
    return SpeechPart(text: SpeechRenderer.stripSpeakElement(text), isSSML: true)
  }

  /// A variable rendered for the listener: money per locale, products by name, numbers in
  /// digits. Unset paths render as nothing (the compiler rejects flows where that can happen).
  func render(_ path: String) -> String {
    guard let value = scope.value(of: path) else { return "" }
    switch value {
    case .string(let text): return text
    case .int(let number): return String(number)
    case .bool(let flag): return flag ? "yes" : "no"
    case .money(let money): return formatMoney(money, scope.locale)
    case .product(let id):
      guard let product = scope.program.product(id: id) else { return id }
      return scope.name(of: product)
    }
  }

  /// Joins speech parts: PlainText when none is SSML, else one `<speak>` with the plain parts
  /// escaped.
  static func outputSpeech(_ parts: [SpeechPart]) -> OutputSpeech? {
    let spoken = parts.filter { !$0.text.isEmpty }
    guard !spoken.isEmpty else { return nil }
    if spoken.allSatisfy({ !$0.isSSML }) {
      return .plainText(spoken.map(\.text).joined(separator: " "))
    }
    let body = spoken.map { $0.isSSML ? $0.text : escapeXML($0.text) }.joined(separator: " ")
    return .ssml("<speak>\(body)</speak>")
  }

  static func escapeXML(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&apos;"
      default: escaped.append(character)
      }
    }
    return escaped
  }

  /// `<speak>inner</speak>` → `inner` (whitespace around it trimmed); other text unchanged.
  static func stripSpeakElement(_ ssml: String) -> String {
    var text = ssml.trimmingCharacters(in: .whitespacesAndNewlines)
    if text.hasPrefix("<speak>") { text.removeFirst("<speak>".count) }
    if text.hasSuffix("</speak>") { text.removeLast("</speak>".count) }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// SSML without its tags, with the five XML entities decoded, for cards.
  static func plainText(ofSSML ssml: String) -> String {
    var text = ""
    var inTag = false
    for character in ssml {
      if character == "<" {
        inTag = true
      } else if character == ">" && inTag {
        inTag = false
      } else if !inTag {
        text.append(character)
      }
    }
    return text.replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"")
      .replacingOccurrences(of: "&apos;", with: "'")
      .replacingOccurrences(of: "&amp;", with: "&")
  }
}
