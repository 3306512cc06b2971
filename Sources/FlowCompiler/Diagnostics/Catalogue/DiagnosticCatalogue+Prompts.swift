import FlowIR

extension DiagnosticCatalogue {
  static let unusedPromptDescriptor = DiagnosticDescriptor(
    id: .unusedPrompt, severity: .warning,
    summary: "a prompt is defined but never spoken or shown",
    explanation: """
      No state, card or transition uses the prompt. (`fallback` counts as used: the runtime \
      speaks it for intents nothing handles.)

      ```yaml
      prompts:
        en-US:
          welcome: Hello
          old_welcome: Hi     # warning: prompt 'old_welcome' is never used
      ```

      Fix: use it or remove it.
      """)

  static let invalidPlaceholderDescriptor = DiagnosticDescriptor(
    id: .invalidPlaceholder, severity: .error,
    summary: "a `{…}` placeholder in a prompt is malformed",
    explanation: """
      A placeholder is `{path}` where the path is dot-separated lowercase names such as \
      `order.total`. `{{` writes a literal `{`.

      ```yaml
      welcome: Your total is {order.total   # error: unclosed placeholder
      ```

      Fix: close the brace, or write `{{` for a literal brace.
      """)

  static let invalidSSMLDescriptor = DiagnosticDescriptor(
    id: .invalidSSML, severity: .error,
    summary: "a prompt starting with `<speak>` is not well-formed Alexa SSML",
    explanation: """
      A prompt that starts with `<speak>` is SSML: one `<speak>` element, matched tags from \
      Alexa's set (`break`, `emphasis`, `lang`, `p`, `phoneme`, `prosody`, `s`, `say-as`, \
      `sub`, `voice`, `w`, `audio`, `amazon:…`), quoted attributes, `&amp;`-style entities, \
      and attribute values Alexa accepts: `<audio src>` an https URL, `<break time>` at most \
      10s, `prosody` rates, pitches and volumes, `voice` names, `emphasis` levels, `say-as` \
      kinds and the `amazon:` tags' names (a value with a placeholder is not checked).

      ```yaml
      welcome: <speak>Hello <break time="1s"></speak>   # error: unclosed tag 'break'
      ```

      Fix: close the tag (`<break time="1s"/>`) or escape the character.
      """)

  static let speechTooLongDescriptor = DiagnosticDescriptor(
    id: .speechTooLong, severity: .error,
    summary: "a prompt can render to more than Alexa's 8,000 characters of speech",
    explanation: """
      Alexa refuses output speech over 8,000 characters. The bound counts the text and the \
      longest each placeholder can render to (names from the catalog, money, runtime values, \
      quantities up to 99).

      ```yaml
      prompts:
        en-US:
          terms: "Our terms are … (9,000 characters)"   # error: can render to 9000 characters
      ```

      Fix: shorten the prompt or split it over two states.
      """)

  static let cardTextTooLongDescriptor = DiagnosticDescriptor(
    id: .cardTextTooLong, severity: .error,
    summary: "a card's title or text can be longer than Alexa's 8,000 characters",
    explanation: """
      Alexa cards take at most 8,000 characters of title and text together. The bound counts \
      the longest each placeholder can render to.

      ```yaml
      thanks:
        tell: thanks
        card: { title: order_title, text: full_terms }   # error: 'full_terms' has 9,000 characters
      ```

      Fix: shorten the card's prompts; link to long texts instead.
      """)

  /// `prompt 'x' is never used`.
  static func unusedPrompt(_ prompt: String, at range: SourceRange) -> Diagnostic {
    unusedPromptDescriptor.report("prompt '\(prompt)' is never used", at: range)
  }

  /// The problem of a template's placeholder syntax.
  static func invalidPlaceholder(_ problem: TemplateProblemKind, at range: SourceRange)
    -> Diagnostic
  {
    switch problem {
    case .unclosedPlaceholder:
      return invalidPlaceholderDescriptor.report("unclosed placeholder", at: range)
        .with(note: "write '{{' for a literal '{'")
    case .emptyPlaceholder:
      return invalidPlaceholderDescriptor.report("empty placeholder '{}'", at: range)
    case .malformedPath(let path):
      return invalidPlaceholderDescriptor.report("malformed placeholder '{\(path)}'", at: range)
        .with(note: "paths are dot-separated lowercase names such as 'order.total'")
    }
  }

  /// The problem of a prompt's SSML.
  static func invalidSSML(
    _ problem: SSMLProblemKind, at range: SourceRange, openRange: SourceRange?
  )
    -> Diagnostic
  {
    let diagnostic: Diagnostic
    switch problem {
    case .rootNotSpeak(let name):
      diagnostic = invalidSSMLDescriptor.report(
        "SSML must start with '<speak>', not '<\(name)>'", at: range)
    case .contentOutsideRoot:
      diagnostic = invalidSSMLDescriptor.report("content outside '<speak>'", at: range)
    case .nestedSpeak:
      diagnostic = invalidSSMLDescriptor.report("'<speak>' inside '<speak>'", at: range)
    case .unknownTag(let name, let suggestion):
      diagnostic = invalidSSMLDescriptor.report("unknown SSML tag '\(name)'", at: range)
        .suggesting(suggestion)
    case .mismatchedClosingTag(let found, let expected, _):
      diagnostic = invalidSSMLDescriptor.report(
        "closing tag '\(found)' does not match '\(expected)'", at: range
      ).with(note: "'\(expected)' is opened here", at: openRange)
    case .unexpectedClosingTag(let name):
      diagnostic = invalidSSMLDescriptor.report(
        "closing tag '\(name)' without an open element", at: range)
    case .unclosedTag(let name):
      diagnostic = invalidSSMLDescriptor.report("unclosed tag '\(name)'", at: range)
    case .strayLessThan:
      diagnostic = invalidSSMLDescriptor.report("'<' starts no tag", at: range)
        .with(note: "write '&lt;' for a literal '<'")
    case .malformedTag:
      diagnostic = invalidSSMLDescriptor.report("malformed tag", at: range)
    case .unquotedAttribute(let name):
      diagnostic = invalidSSMLDescriptor.report("attribute '\(name)' is not quoted", at: range)
    case .duplicateAttribute(let name):
      diagnostic = invalidSSMLDescriptor.report("attribute '\(name)' is given twice", at: range)
    case .missingAttribute(let tag, let attribute):
      diagnostic = invalidSSMLDescriptor.report(
        "tag '\(tag)' needs the attribute '\(attribute)'", at: range)
    case .invalidAttributeValue(let tag, let attribute, let value, let expected):
      diagnostic = invalidSSMLDescriptor.report(
        "'\(value)' is not a valid '\(attribute)' of '<\(tag)>'", at: range
      ).with(note: "Alexa accepts \(expected)")
    case .lessThanInAttribute:
      diagnostic = invalidSSMLDescriptor.report("'<' in an attribute value", at: range)
        .with(note: "write '&lt;'")
    case .strayAmpersand:
      diagnostic = invalidSSMLDescriptor.report("'&' starts no entity", at: range)
        .with(note: "write '&amp;' for a literal '&'")
    case .unknownEntity(let name):
      diagnostic = invalidSSMLDescriptor.report("unknown entity '&\(name);'", at: range)
    case .invalidCharacterReference(let reference):
      diagnostic = invalidSSMLDescriptor.report(
        "invalid character reference '\(reference)'", at: range)
    case .unsupportedMarkup:
      diagnostic = invalidSSMLDescriptor.report(
        "comments, CDATA, processing instructions and DOCTYPE are not SSML", at: range)
    }
    return diagnostic
  }

  /// `prompt 'x' can render to N characters in locale 'y', more than Alexa's 8000`.
  static func speechTooLong(_ prompt: String, locale: String, length: Int, at range: SourceRange)
    -> Diagnostic
  {
    speechTooLongDescriptor.report(
      tooLong("prompt '\(prompt)'", length: length, locale: locale), at: range)
  }

  /// `<what> can render to N characters in locale 'x', more than Alexa's 8000`.
  private static func tooLong(_ what: String, length: Int, locale: String) -> String {
    "\(what) can render to \(length) characters in locale '\(locale)', more than Alexa's "
      + "\(SpeechLength.alexaLimit)"
  }

  /// `'say: x' followed by prompt 'y' can render to N characters in locale 'z', more than …`.
  static func spokenTransitionTooLong(
    say: String, then next: String, locale: String, length: Int, at range: SourceRange
  ) -> Diagnostic {
    speechTooLongDescriptor.report(
      tooLong("'say: \(say)' followed by prompt '\(next)'", length: length, locale: locale),
      at: range
    ).with(note: "a transition speaks its 'say' prompt and the next state's prompt together")
  }

  /// `'unknown: x' followed by 'ask: y' can render to N characters …`.
  static func elicitationTooLong(
    unknown: String, then ask: String, locale: String, length: Int, at range: SourceRange
  ) -> Diagnostic {
    speechTooLongDescriptor.report(
      tooLong("'unknown: \(unknown)' followed by 'ask: \(ask)'", length: length, locale: locale),
      at: range
    ).with(note: "a value that is not valid is answered with both prompts together")
  }

  /// `prompt 'x' can speak an unbounded text`.
  static func speechUnbounded(_ prompt: String, locale: String, at range: SourceRange)
    -> Diagnostic
  {
    speechTooLongDescriptor.report(
      "prompt '\(prompt)' in locale '\(locale)' has no length bound within Alexa's "
        + "\(SpeechLength.alexaLimit) characters", at: range)
  }

  /// `card can render to N characters in locale 'y', more than Alexa's 8000`.
  static func cardTextTooLong(length: Int, locale: String, at range: SourceRange) -> Diagnostic {
    cardTextTooLongDescriptor.report(
      "card can render to \(length) characters in locale '\(locale)', more than "
        + "\(SpeechLength.alexaLimit)", at: range)
  }

  /// Descriptors of the prompt checks.
  static let promptDescriptors: [DiagnosticDescriptor] = [
    unusedPromptDescriptor, invalidPlaceholderDescriptor, invalidSSMLDescriptor,
    speechTooLongDescriptor, cardTextTooLongDescriptor,
  ]
}
