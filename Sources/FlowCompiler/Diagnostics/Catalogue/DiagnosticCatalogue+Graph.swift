import FlowIR

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

  static let paymentLoopDescriptor = DiagnosticDescriptor(
    id: .paymentLoop, severity: .error,
    summary:
      "a `setup` or `charge` state can be reached again from its own outcome without an `ask` state",
    explanation: """
      A payment state's outcomes lead back to it (directly, or through `choose`, `setup` and \
      `charge` states) without passing an `ask` state. Each pass sends Amazon Pay another \
      request the customer never agreed to: `charge → success: charge` sends a Charge, gets \
      `success`, and sends another one, for one "yes".

      ```yaml
      charge:
        charge: {}            # error: 'charge' state 'charge' can be reached again …
        on:
          success: charge
          declined: declined
          permission_denied: need_permission
          error: payment_problem
      ```

      Fix: send every outcome to a `tell` state, or to an `ask` state that asks the customer \
      before trying again.
      """)

  static let chooseCycleDescriptor = DiagnosticDescriptor(
    id: .chooseCycle, severity: .error,
    summary: "`choose` states lead to each other in a cycle",
    explanation: """
      `choose` states branch at once, without the customer, and nothing changes a variable \
      between them. A cycle of `choose` states (a branch that leads back to its own state \
      counts, even when it is guarded by a condition) therefore loops until the runtime gives \
      up after \(FlowProgram.maximumStatesPerTurn) states and ends the conversation with its \
      error message.

      ```yaml
      pick:                   # error: 'choose' states 'pick' → 'pick' form a cycle
        choose:
          - if: quantity > 1
            goto: pick
          - else: confirm
      ```

      Fix: make every branch lead, eventually, to a state of another kind.
      """)

  static let turnTooLongDescriptor = DiagnosticDescriptor(
    id: .turnTooLong, severity: .error,
    summary: "one turn would enter more states than the runtime allows",
    explanation: """
      Within one turn the runtime enters the state a transition leads to, then follows \
      `choose` branches and the `permission_denied` outcomes it takes without Amazon Pay, \
      until a state answers. It enters at most \(FlowProgram.maximumStatesPerTurn) states \
      per turn (`FlowProgram.maximumStatesPerTurn`); a longer chain ends the conversation with \
      the runtime's error message. The compiler refuses a chain that can be longer, at its \
      first state.

      ```yaml
      step1: { choose: [{ else: step2 }] }   # error: a turn entering state 'step1' can enter 71 states …
      step2: { choose: [{ else: step3 }] }
      # … step70: { choose: [{ else: charge }] }
      ```

      Fix: shorten the chain of `choose` states, for example by joining conditions with `and` \
      and `or`.
      """)

  static let chargedAmountNotSpokenDescriptor = DiagnosticDescriptor(
    id: .chargedAmountNotSpoken, severity: .warning,
    summary: "a `charge` state charges an amount the `ask` state before it does not speak",
    explanation: """
      The customer agrees to pay what they heard. An `ask` state whose answer leads to a \
      `charge` state (directly, or through `choose` and `setup` states) and whose prompt \
      speaks an amount must speak the amount charged: `order.total` unless the charge's \
      `amount` names another. (A prompt that speaks no amount at all is \
      `unspoken-total`'s concern.)

      ```yaml
      checkout:
        ask: checkout          # "Your total is {order.total}. Place the order?"
        on:
          AMAZON.YesIntent: charge
      charge:
        charge: { amount: product.price }   # warning: charges 'product.price', but …
      ```

      Fix: speak the amount charged in the prompt, or charge the amount spoken.
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
  static func chargeWithoutAgreement(
    _ state: String, at range: SourceRange, via route: StateRoute
  ) -> Diagnostic {
    chargeWithoutAgreementDescriptor.report(
      "'charge' state '\(state)' can be reached without a billing agreement", at: range
    ).with(
      note: "for example on the path \(arrows(route)); go "
        + "through a 'setup' success or a 'choose' branch on 'agreement.open'")
  }

  /// `'charge' state 'x' can be reached without the total being spoken`.
  static func unspokenTotal(_ state: String, at range: SourceRange, via route: StateRoute)
    -> Diagnostic
  {
    unspokenTotalDescriptor.report(
      "'charge' state '\(state)' can be reached without an 'ask' state after the total is known",
      at: range
    ).with(note: "for example on the path \(arrows(route))")
  }

  /// `'x' may not be set in state 'y'`.
  static func variableNotSet(
    _ variable: String, path: String, state: String, at range: SourceRange,
    stateRange: SourceRange?, via route: StateRoute
  ) -> Diagnostic {
    var diagnostic = variableNotSetDescriptor.report(
      "'\(path)' may not be set in state '\(state)'", at: range)
    if path != variable {
      diagnostic = diagnostic.with(note: "'\(path)' needs '\(variable)'")
    }
    return diagnostic.with(
      note: "'\(variable)' is not set on the path \(arrows(route))", at: stateRange)
  }

  /// `'charge' state 'x' can be reached again from its own outcome without an 'ask' state`.
  static func paymentLoop(_ state: String, kind: String, at range: SourceRange, via path: [String])
    -> Diagnostic
  {
    paymentLoopDescriptor.report(
      "'\(kind)' state '\(state)' can be reached again from its own outcome without an 'ask' state",
      at: range
    ).with(
      note: "on the path \(arrows(path)) every pass sends Amazon Pay another request")
  }

  /// `'choose' states 'a' → 'b' → 'a' form a cycle`.
  static func chooseCycle(_ state: String, at range: SourceRange, via path: [String])
    -> Diagnostic
  {
    chooseCycleDescriptor.report("'choose' states \(arrows(path)) form a cycle", at: range)
      .with(note: "no branch of a cycle of 'choose' states waits for the customer")
  }

  /// `a turn entering state 'x' enters N states, more than the runtime's limit of 64`.
  static func turnTooLong(
    _ state: String, states count: Int, limit: Int, at range: SourceRange, via path: [String]
  ) -> Diagnostic {
    turnTooLongDescriptor.report(
      "a turn entering state '\(state)' can enter \(count) states, more than the runtime's "
        + "limit of \(limit)", at: range
    ).with(note: "the chain starts \(arrows(Array(path.prefix(4)))) …")
  }

  private static func arrows(_ path: [String]) -> String {
    path.map { "'\($0)'" }.joined(separator: " → ")
  }

  /// `'a' → 'b'`, or for a long route `'a' → … → 'b' → … N more … → 'y' → 'z'`.
  private static func arrows(_ route: StateRoute) -> String {
    guard route.omitted > 0 else { return arrows(route.head) }
    return arrows(route.head) + " → … \(route.omitted) more … → " + arrows(route.tail)
  }

  /// `'charge' state 'x' charges 'a', but prompt 'p' of 'ask' state 'y' speaks 'b'`.
  static func chargedAmountNotSpoken(
    _ state: String, amount: String, ask: String, prompt: String, locale: String,
    spoken: String, at range: SourceRange, promptRange: SourceRange?
  ) -> Diagnostic {
    chargedAmountNotSpokenDescriptor.report(
      "'charge' state '\(state)' charges '\(amount)', but prompt '\(prompt)' of 'ask' state "
        + "'\(ask)' speaks '\(spoken)' in locale '\(locale)'", at: range
    ).with(note: "the customer agrees to the amount that prompt speaks", at: promptRange)
  }

  /// Descriptors of the graph analyses.
  static let graphDescriptors: [DiagnosticDescriptor] = [
    unreachableStateDescriptor, askWithoutExitDescriptor, noEndingReachableDescriptor,
    unhandledOutcomeDescriptor, chargeWithoutAgreementDescriptor, unspokenTotalDescriptor,
    variableNotSetDescriptor, paymentLoopDescriptor, chooseCycleDescriptor,
    turnTooLongDescriptor, chargedAmountNotSpokenDescriptor,
  ]
}
