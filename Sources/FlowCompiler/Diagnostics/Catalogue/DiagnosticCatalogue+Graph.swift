extension DiagnosticCatalogue {
  static let unreachableStateDescriptor = DiagnosticDescriptor(
    id: .unreachableState, severity: .warning,
    summary: "no path from `flow.start` leads to the state",
    explanation: """
      A state that no transition from the start state reaches is never used.

      ```yaml
      flow:
        start: welcome
        states:
          welcome: { tell: welcome }
          promo: { tell: promo }   # warning: state 'promo' is unreachable
      ```

      Fix: add a transition to it, or remove it.
      """)

  static let askWithoutExitDescriptor = DiagnosticDescriptor(
    id: .askWithoutExit, severity: .error,
    summary: "an `ask` state has no transition to another state",
    explanation: """
      An `ask` state keeps the session open and waits for an intent. When neither its `on:` nor \
      `flow.global` leads anywhere else, the customer is stuck in it.

      ```yaml
      welcome:                # error: 'ask' state 'welcome' has no way out
        ask: welcome
        on:
          AMAZON.HelpIntent: { say: help }
      ```

      Fix: add a transition with `goto` (or a `global` one such as `AMAZON.StopIntent: goodbye`).
      """)

  static let noEndingReachableDescriptor = DiagnosticDescriptor(
    id: .noEndingReachable, severity: .warning,
    summary: "no `tell` state can be reached from the state",
    explanation: """
      A conversation ends in a `tell` state. From this state, no path leads to one, so the \
      conversation can only end by the customer leaving.

      ```yaml
      loop_a: { ask: a, on: { AMAZON.YesIntent: loop_b } }   # warning
      loop_b: { ask: b, on: { AMAZON.YesIntent: loop_a } }
      ```

      Fix: add a way to a `tell` state, such as `AMAZON.StopIntent: goodbye` in `global`.
      """)

  static let unhandledOutcomeDescriptor = DiagnosticDescriptor(
    id: .unhandledOutcome, severity: .error,
    summary: "a `setup` or `charge` state does not handle one of its outcomes",
    explanation: """
      Amazon Pay answers a Setup with `success`, `permission_denied` or `error`, and a Charge \
      also with `declined`. Each must have a transition in the state's `on:`.

      ```yaml
      charge:
        charge: {}            # error: outcome 'declined' of 'charge' is not handled
        on:
          success: thanks
          permission_denied: need_permission
          error: payment_problem
      ```

      Fix: add the outcome's transition.
      """)

  static let chargeWithoutAgreementDescriptor = DiagnosticDescriptor(
    id: .chargeWithoutAgreement, severity: .error,
    summary: "a `charge` state can be reached without a billing agreement",
    explanation: """
      Charge needs the billing agreement that a `setup` `success` creates, or the stored \
      agreement of a returning customer, checked by a `choose` branch guarded by \
      `agreement.open` (alone or joined with `and`). This state is reachable on a path with \
      neither.

      ```yaml
      confirm:
        ask: confirm
        on:
          AMAZON.YesIntent: charge   # error at 'charge': no agreement on this path
      ```

      Fix: go through a `setup` state first, or branch on `agreement.open`.
      """)

  static let unspokenTotalDescriptor = DiagnosticDescriptor(
    id: .unspokenTotal, severity: .warning,
    summary: "a path into a `charge` state does not pass an `ask` state after the total is known",
    explanation: """
      Customers must hear what they pay before paying. After a transition sets the product or \
      the quantity (so the order total changes), a path reaches this `charge` state without \
      passing an `ask` state, where the total can be spoken and confirmed.

      ```yaml
      welcome:
        ask: welcome
        on:
          BuyIntent:
            set: { product: slot.product }
            goto: charge      # warning at 'charge': the new total is never spoken
      ```

      Fix: go through an `ask` state that says `{order.total}` and asks for confirmation.
      """)

  static let variableNotSetDescriptor = DiagnosticDescriptor(
    id: .variableNotSet, severity: .error,
    summary: "a variable is read where some path has not set it",
    explanation: """
      A placeholder, a condition or a charge amount reads a variable that is not set on every \
      path into the state where it is read (definite assignment over the state graph). \
      `product` is set by a transition's `set`; `agreement.*` and `shipping.*` by a `setup` \
      `success`; `payment.error` and `payment.reason` by the `error` and `declined` outcomes; \
      `order.id` by the first `setup` or `charge`.

      ```yaml
      welcome:
        ask: welcome          # "You picked {product.name}": error, 'product' is not set yet
      ```

      Fix: set the variable on every path into the state, or speak it later.
      """)

  /// `state 'x' is unreachable`.
  static func unreachableState(_ state: String, at range: SourceRange) -> Diagnostic {
    unreachableStateDescriptor.report("state '\(state)' is unreachable", at: range)
  }

  /// `'ask' state 'x' has no way out`.
  static func askWithoutExit(_ state: String, at range: SourceRange) -> Diagnostic {
    askWithoutExitDescriptor.report("'ask' state '\(state)' has no way out", at: range)
      .with(note: "no transition of its 'on' or of 'global' goes to another state")
  }

  /// `no 'tell' state can be reached from state 'x'`.
  static func noEndingReachable(_ state: String, at range: SourceRange) -> Diagnostic {
    noEndingReachableDescriptor.report(
      "no 'tell' state can be reached from state '\(state)'", at: range)
  }

  /// `outcome 'x' of 'state' is not handled`.
  static func unhandledOutcome(_ outcome: String, state: String, at range: SourceRange)
    -> Diagnostic
  {
    unhandledOutcomeDescriptor.report(
      "outcome '\(outcome)' of '\(state)' is not handled", at: range)
  }

  /// `'charge' state 'x' can be reached without a billing agreement`.
  static func chargeWithoutAgreement(_ state: String, at range: SourceRange, via path: [String])
    -> Diagnostic
  {
    chargeWithoutAgreementDescriptor.report(
      "'charge' state '\(state)' can be reached without a billing agreement", at: range
    ).with(
      note: "for example on the path \(path.map { "'\($0)'" }.joined(separator: " → ")); go "
        + "through a 'setup' success or a 'choose' branch on 'agreement.open'")
  }

  /// `'charge' state 'x' can be reached without the total being spoken`.
  static func unspokenTotal(_ state: String, at range: SourceRange, via path: [String])
    -> Diagnostic
  {
    unspokenTotalDescriptor.report(
      "'charge' state '\(state)' can be reached without an 'ask' state after the total is known",
      at: range
    ).with(note: "for example on the path \(path.map { "'\($0)'" }.joined(separator: " → "))")
  }

  /// `'x' may not be set in state 'y'`.
  static func variableNotSet(
    _ variable: String, path: String, state: String, at range: SourceRange,
    stateRange: SourceRange?, via route: [String]
  ) -> Diagnostic {
    var diagnostic = variableNotSetDescriptor.report(
      "'\(path)' may not be set in state '\(state)'", at: range)
    if path != variable {
      diagnostic = diagnostic.with(note: "'\(path)' needs '\(variable)'")
    }
    let routeText = route.map { "'\($0)'" }.joined(separator: " → ")
    return diagnostic.with(
      note: "'\(variable)' is not set on the path \(routeText)", at: stateRange)
  }

  /// Descriptors of the graph analyses.
  static let graphDescriptors: [DiagnosticDescriptor] = [
    unreachableStateDescriptor, askWithoutExitDescriptor, noEndingReachableDescriptor,
    unhandledOutcomeDescriptor, chargeWithoutAgreementDescriptor, unspokenTotalDescriptor,
    variableNotSetDescriptor,
  ]
}
