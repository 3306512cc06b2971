internal import FlowIR

/// The IR's values as Python expressions over the support module (`flowc_support`, imported
/// as ``AskPythonNames/support``): literals, templates, payloads, transitions, conditions.
enum PythonIR {
  /// `flowc.Money(900, "USD")`.
  static func money(_ money: Money) -> PythonExpression {
    .call(AskPythonNames.qualified("Money"), [.int(money.minorUnits), .string(money.currency)])
  }

  /// A literal of a condition, an assignment or a fallback: `1`, `"x"`, `True`, a `Money`.
  static func literal(_ literal: Literal) -> PythonExpression {
    switch literal {
    case .int(let value): .int(value)
    case .string(let value): .string(value)
    case .bool(let value): .bool(value)
    case .money(let value): money(value)
    }
  }

  /// A prompt template: `flowc.Template(False, ["Hello ", flowc.Var("product.name"), "!"])`;
  /// the first argument says whether the text is SSML.
  static func template(_ template: Template) -> PythonExpression {
    let segments: [PythonExpression] = template.segments.map {
      switch $0 {
      case .text(let text): .string(text)
      case .variable(let path): .call(AskPythonNames.qualified("Var"), [.string(path)])
      }
    }
    return .call(AskPythonNames.qualified("Template"), [.bool(template.ssml), .list(segments)])
  }

  /// A Connections payload template as a literal in its IR form: objects as dicts with
  /// sorted keys, a binding as `{"$bind": {"kind": "money_amount", "path": "order.total"}}`,
  /// which the support module's `render_payload` fills in.
  static func payload(_ template: PayloadTemplate) -> PythonExpression {
    switch template {
    case .object(let object):
      return .dict(
        object.keys.sorted().map { key in (PythonExpression.string(key), payload(object[key]!)) })
    case .array(let elements): return .list(elements.map(payload))
    case .string(let text): return .string(text)
    case .integer(let value): return .int(value)
    case .bool(let value): return .bool(value)
    case .binding(let binding):
      return .dict([(.string("$bind"), .dict(fields(of: binding)))])
    }
  }

  private static func fields(of binding: PayloadBinding) -> [(
    key: PythonExpression, value: PythonExpression
  )] {
    func kind(_ name: String) -> (key: PythonExpression, value: PythonExpression) {
      (.string("kind"), .string(name))
    }
    func path(_ key: String, _ value: String) -> (key: PythonExpression, value: PythonExpression) {
      (.string(key), .string(value))
    }
    switch binding {
    case .variable(let value): return [kind("variable"), path("path", value)]
    case .moneyAmount(let value): return [kind("money_amount"), path("path", value)]
    case .moneyCurrency(let value): return [kind("money_currency"), path("path", value)]
    case .authorizationReferenceId: return [kind("authorization_reference_id")]
    case .sellerOrderId: return [kind("seller_order_id")]
    case .productShipping(let value):
      return [kind("product_shipping"), path("product_path", value)]
    case .billingAgreementType(let value, let always):
      return [
        kind("billing_agreement_type"), path("product_path", value),
        (.string("always"), .bool(always)),
      ]
    case .subscriptionAmount(let value):
      return [kind("subscription_amount"), path("product_path", value)]
    }
  }

  /// A transition as the support module's `Transition`: what the runtime's `handleIntent` and
  /// `apply` take, as data (`require`, then `set`, `say` and `goto`).
  static func transition(_ transition: Transition) -> PythonExpression {
    var keywords: [(name: String, value: PythonExpression)] = []
    if let require = transition.require, !require.isEmpty {
      keywords.append(
        (
          "require",
          .list(
            require.map {
              var arguments: [PythonExpression] = [.string($0.slot), .string($0.ask)]
              if let unknown = $0.unknown { arguments.append(.string(unknown)) }
              return .call(AskPythonNames.qualified("Require"), arguments)
            })
        ))
    }
    if !transition.set.isEmpty {
      keywords.append(
        (
          "set",
          .list(
            transition.set.map {
              .tuple([.string($0.variable), assigned($0.value)])
            })
        ))
    }
    if let say = transition.say { keywords.append(("say", .string(say))) }
    if let goto = transition.goto { keywords.append(("goto", .string(goto))) }
    return .call(AskPythonNames.qualified("Transition"), [], keywords: keywords)
  }

  /// The right-hand side of an assignment: `flowc.Path("slot.quantity", 1)` or
  /// `flowc.Lit(2)`.
  private static func assigned(_ value: ValueExpression) -> PythonExpression {
    switch value {
    case .path(let path, let fallback):
      var arguments: [PythonExpression] = [.string(path)]
      if let fallback { arguments.append(literal(fallback)) }
      return .call(AskPythonNames.qualified("Path"), arguments)
    case .literal(let literal):
      return .call(AskPythonNames.qualified("Lit"), [self.literal(literal)])
    }
  }

  /// A `choose` condition as a Python expression that holds exactly when the runtime's
  /// `TurnVariables.holds` does: `and`/`or`/`not` as Python's, comparisons through the support
  /// module's `compare` (an unset side is false, `!=` true when only one side is unset; money
  /// of different currencies does not order), a test as `is_true`.
  static func condition(_ condition: Condition, turn: String) -> String {
    switch condition {
    case .and(let all):
      return all.isEmpty ? "True" : all.map { nested($0, turn: turn) }.joined(separator: " and ")
    case .or(let any):
      return any.isEmpty ? "False" : any.map { nested($0, turn: turn) }.joined(separator: " or ")
    case .not(let inner): return "not " + nested(inner, turn: turn)
    case .compare(let op, let lhs, let rhs):
      return AskPythonNames.qualified("compare") + "("
        + [PythonLiteral.string(op.rawValue), operand(lhs, turn: turn), operand(rhs, turn: turn)]
        .joined(separator: ", ") + ")"
    case .test(let operand):
      return AskPythonNames.qualified("is_true") + "(" + self.operand(operand, turn: turn) + ")"
    }
  }

  private static func nested(_ condition: Condition, turn: String) -> String {
    switch condition {
    case .and(let all) where all.count > 1: "(\(self.condition(condition, turn: turn)))"
    case .or(let any) where any.count > 1: "(\(self.condition(condition, turn: turn)))"
    default: self.condition(condition, turn: turn)
    }
  }

  private static func operand(_ operand: Operand, turn: String) -> String {
    switch operand {
    case .path(let path): "\(turn).value(\(PythonLiteral.string(path)))"
    case .literal(let literal): self.literal(literal).inline
    }
  }
}
