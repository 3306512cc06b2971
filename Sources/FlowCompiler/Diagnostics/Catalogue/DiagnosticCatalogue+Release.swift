extension DiagnosticCatalogue {
  static let missingPrivacyPolicyDescriptor = DiagnosticDescriptor(
    id: .missingPrivacyPolicy, severity: .warning,
    summary: "the skill has no privacy policy URL but takes payments",
    explanation: """
      Amazon Pay refuses Setup for a skill without a privacy policy. A flow with a `setup` or \
      `charge` state without `skill.privacy_policy_url` is a warning, and an error under \
      `--release`.

      ```yaml
      skill:                  # warning: 'skill' has no 'privacy_policy_url'
        name: No Nicks
      ```

      Fix: add `privacy_policy_url: https://…`.
      """)

  static let missingOrderCardDescriptor = DiagnosticDescriptor(
    id: .missingOrderCard, severity: .error,
    summary: "the state after a successful charge sends no order confirmation card (--release)",
    explanation: """
      Certification asks for an order confirmation card in the Alexa app after a purchase. \
      Under `--release`, the state a `charge` `success` goes to must have a `card`.

      ```yaml
      thanks:
        tell: order_placed    # error under --release: no 'card'
      ```

      Fix: add `card: { title: order_card_title, text: order_card }`.
      """)

  static let missingHelpIntentDescriptor = DiagnosticDescriptor(
    id: .missingHelpIntent, severity: .error,
    summary: "an `ask` state does not handle `AMAZON.HelpIntent` (--release)",
    explanation: """
      Certification asks every skill to answer help. Under `--release`, `AMAZON.HelpIntent` \
      must be handled in `flow.global` or in every `ask` state.

      ```yaml
      flow:
        global:               # error under --release: no 'AMAZON.HelpIntent'
          AMAZON.StopIntent: goodbye
      ```

      Fix: add `AMAZON.HelpIntent: { say: help }` to `flow.global`.
      """)

  /// `'skill' has no 'privacy_policy_url'`.
  static func missingPrivacyPolicy(release: Bool, at range: SourceRange?) -> Diagnostic {
    missingPrivacyPolicyDescriptor.report(
      "'skill' has no 'privacy_policy_url'", at: range, severity: release ? .error : .warning
    ).with(note: "Amazon Pay refuses Setup for a skill without a privacy policy")
  }

  /// `state 'x', reached by a successful charge, has no order confirmation card`.
  static func missingOrderCard(_ state: String, at range: SourceRange, charge: String)
    -> Diagnostic
  {
    missingOrderCardDescriptor.report(
      "state '\(state)', reached by a successful charge, has no order confirmation card",
      at: range
    ).with(note: "'\(charge)' goes there on 'success'; certification asks for a 'card'")
  }

  /// `'ask' state 'x' does not handle 'AMAZON.HelpIntent'`.
  static func missingHelpIntent(_ state: String, at range: SourceRange) -> Diagnostic {
    missingHelpIntentDescriptor.report(
      "'ask' state '\(state)' does not handle 'AMAZON.HelpIntent'", at: range
    ).with(note: "add 'AMAZON.HelpIntent' to 'flow.global' to answer help everywhere")
  }

  /// Descriptors of the `--release` checks.
  static let releaseDescriptors: [DiagnosticDescriptor] = [
    missingPrivacyPolicyDescriptor, missingOrderCardDescriptor, missingHelpIntentDescriptor,
  ]
}
