extension DiagnosticCatalogue {
  static let invocationWakeWordDescriptor = DiagnosticDescriptor(
    id: .invocationWakeWord, severity: .error,
    summary: "the invocation name contains a wake word or a word Alexa reserves",
    explanation: """
      Alexa's invocation name rules refuse names with a wake word (`alexa`, `amazon`, `echo`, \
      `computer`) or the words `skill` and `app`: certification fails, and a customer saying \
      the name would wake the device instead.

      ```yaml
      skill:
        invocation: shave app     # error: the invocation name contains 'app'
      ```

      Fix: choose a name without those words, such as `no nicks`.
      """)

  static let invalidUtteranceDescriptor = DiagnosticDescriptor(
    id: .invalidUtterance, severity: .error,
    summary: "a sample or synonym is empty or holds a digit",
    explanation: """
      Alexa's interaction model refuses empty samples and synonyms, and samples and synonyms \
      with digits: numbers are written as words ("two kits"), or taken by an \
      `AMAZON.NUMBER` slot (`buy {quantity} kits`). Digits inside a `{slot}` reference are \
      fine.

      ```yaml
      samples:
        en-US: ["buy 2 kits"]    # error: sample 'buy 2 kits' is not valid
      ```

      Fix: spell the number out, use a slot, or remove the empty entry.
      """)

  static let emptySpeechDescriptor = DiagnosticDescriptor(
    id: .emptySpeech, severity: .error,
    summary: "a prompt has nothing to speak",
    explanation: """
      A prompt that is empty, blank, or SSML with only markup (`<speak></speak>`) gives \
      Alexa an empty output speech: Alexa refuses the response, or the customer hears \
      nothing and does not know what to say.

      ```yaml
      prompts:
        en-US:
          welcome: ""            # error: prompt 'welcome' has nothing to speak
      ```

      Fix: write the prompt's text, or remove the prompt.
      """)

  /// `the invocation name 'x' contains 'app'`.
  static func invocationWakeWord(_ word: String, invocation: String, at range: SourceRange)
    -> Diagnostic
  {
    invocationWakeWordDescriptor.report(
      "the invocation name '\(invocation)' contains '\(word)'", at: range
    ).with(
      note: "Alexa's invocation names cannot hold 'alexa', 'amazon', 'echo', 'computer', "
        + "'skill' or 'app'")
  }

  /// `sample 'x' is not valid: it contains the digit '2'; spell numbers out`.
  static func invalidUtterance(
    _ text: String, kind: String, problem: String, at range: SourceRange
  ) -> Diagnostic {
    invalidUtteranceDescriptor.report("\(kind) '\(text)' is not valid: \(problem)", at: range)
  }

  /// `prompt 'x' in locale 'y' has nothing to speak`.
  static func emptySpeech(_ prompt: String, locale: String, at range: SourceRange) -> Diagnostic {
    emptySpeechDescriptor.report(
      "prompt '\(prompt)' in locale '\(locale)' has nothing to speak", at: range)
  }

  /// Descriptors of the checks of what Alexa hears and says.
  static let utteranceDescriptors: [DiagnosticDescriptor] = [
    invocationWakeWordDescriptor, invalidUtteranceDescriptor, emptySpeechDescriptor,
  ]
}
