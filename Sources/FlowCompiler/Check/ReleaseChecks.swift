import FlowIR

extension FlowChecker {
  /// The privacy policy check, and under `--release` the certification checks: an order
  /// confirmation card after every successful charge and help in every `ask` state. (Sandbox
  /// mode is reported by the merchant checks, as an error under `--release`.)
  func checkRelease(into diagnostics: inout [Diagnostic]) {
    if symbols.hasPaymentStates, let skill = syntax.skill, skill.privacyPolicyURL == nil {
      diagnostics.append(
        DiagnosticCatalogue.missingPrivacyPolicy(release: options.release, at: skill.keyRange))
    }
    guard options.release, let flow = syntax.flow else { return }
    for entry in flow.states {
      guard let state = entry.value, case .charge = state.kind,
        let success = state.on.first(where: {
          PaymentOutcome(rawValue: $0.key.value) == .success
        }),
        let target = success.value?.goto,
        let next = symbols.state(target.value)
      else { continue }
      switch next.kind {
      case .ask, .tell:
        if next.card == nil {
          diagnostics.append(
            DiagnosticCatalogue.missingOrderCard(
              target.value, at: symbols.stateKeyRange(target.value) ?? target.range,
              charge: entry.key.value
            ).with(note: "reached from here", at: target.range))
        }
      default:
        break
      }
    }
    let help = "AMAZON.HelpIntent"
    guard !flow.global.contains(where: { $0.key.value == help }) else { return }
    for entry in flow.states {
      guard let state = entry.value, case .ask = state.kind,
        !state.on.contains(where: { $0.key.value == help })
      else { continue }
      diagnostics.append(
        DiagnosticCatalogue.missingHelpIntent(entry.key.value, at: entry.key.range))
    }
  }
}
