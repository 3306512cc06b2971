import FlowIR

extension DiagnosticCatalogue {
  static let unknownVariableDescriptor = DiagnosticDescriptor(
    id: .unknownVariable, severity: .error,
    summary: "a placeholder, condition or assignment names a variable path that does not exist",
    explanation: """
      Paths are the variables of the language: `product` (`.id`, `.name`, `.price`), \
      `quantity`, `catalog.<id>` (`.name`, `.price`), `order.total`, `order.id`, \
      `agreement.id`, `agreement.status`, `agreement.open`, `shipping.*`, `payment.error`, \
      `payment.reason`, and `slot.<name>` in `set`.

      ```yaml
      confirm: That is {order.totl}   # error: unknown variable 'order.totl'
      ```

      Fix: correct the path (a note suggests a close one).
      """)

  static let unknownProductDescriptor = DiagnosticDescriptor(
    id: .unknownProduct, severity: .error,
    summary: "`catalog.<id>` names a product that is not in `products`",
    explanation: """
      ```yaml
      set: { product: catalog.starter_kt }   # error: unknown product 'starter_kt'
      ```

      Fix: use an id of `products`.
      """)

  static let slotOutsideSetDescriptor = DiagnosticDescriptor(
    id: .slotOutsideSet, severity: .error,
    summary: "`slot.<name>` is read outside a transition's `set`",
    explanation: """
      Slots belong to the intent being handled, so they are only read in the `set` of that \
      intent's transition. Copy the value into a variable there.

      ```yaml
      confirm: You said {slot.quantity}   # error
      ```

      Fix: `set: { quantity: slot.quantity }` in the transition, then speak `{quantity}`.

      One exception: the `unknown` prompt of a required slot (`require`) may speak \
      `{slot.<name>.spoken}`, what the customer said for that slot; no other prompt may.
      """)

  static let invalidAssignmentDescriptor = DiagnosticDescriptor(
    id: .invalidAssignment, severity: .error,
    summary: "a `set` entry assigns a variable that cannot be set or a malformed value",
    explanation: """
      `set` may assign `product` (a product: `slot.<catalog slot>` or `catalog.<id>`) and \
      `quantity` (a whole number from 1 to 99, or a number slot, optionally with a fallback: \
      `slot.quantity ?? 1`). The runtime sets every other variable.

      ```yaml
      set: { order.total: 5 }   # error: 'order.total' cannot be set
      ```

      Fix: set `product` or `quantity` with a value of the right form.
      """)

  static let typeMismatchDescriptor = DiagnosticDescriptor(
    id: .typeMismatch, severity: .error,
    summary: "a `set` value has another type than the variable",
    explanation: """
      ```yaml
      set: { product: slot.quantity }   # error: 'product' needs a product, not an integer
      ```

      Fix: assign a value of the variable's type.
      """)

  static let invalidConditionDescriptor = DiagnosticDescriptor(
    id: .invalidCondition, severity: .error,
    summary: "a `choose` condition cannot be parsed",
    explanation: """
      Conditions use `and`, `or`, `not`, `==`, `!=`, `<`, `<=`, `>`, `>=`, parentheses, paths, \
      whole numbers, quoted strings, money literals in the merchant's currency (`20.00 USD`, \
      `$20.00`), `true` and `false`.

      ```yaml
      choose:
        - if: agreement.open && quantity > 1   # error: write 'and' instead of '&&'
          goto: charge
      ```

      Fix: follow the grammar; the message says what was expected.
      """)

  static let conditionTypeErrorDescriptor = DiagnosticDescriptor(
    id: .conditionTypeError, severity: .error,
    summary: "a `choose` condition compares values of different types or is not a yes/no",
    explanation: """
      Money compares only with money, whole numbers with whole numbers; `<`-style comparisons \
      need numbers or money; a condition (and each side of `and`, `or`, `not`) must be a \
      boolean.

      ```yaml
      - if: order.total > 20   # error: cannot compare money with an integer
      ```

      Fix: compare like with like, such as `order.total > 20.00 USD`.
      """)

  /// The problem of a variable path, mapped to its id and message.
  static func variablePathProblem(_ problem: VariablePathProblemKind, at range: SourceRange)
    -> Diagnostic
  {
    switch problem {
    case .malformed(let path):
      return unknownVariableDescriptor.report("malformed variable path '\(path)'", at: range)
    case .unknownRoot(let root, let suggestion):
      return unknownVariableDescriptor.report("unknown variable '\(root)'", at: range)
        .suggesting(suggestion)
    case .unknownMember(let member, let parent, let suggestion):
      return unknownVariableDescriptor.report(
        "'\(parent)' has no member '\(member)'", at: range
      ).suggesting(suggestion.map { "\(parent).\($0)" })
    case .incomplete(let path, let members):
      let needsMember = unknownVariableDescriptor.report("'\(path)' needs a member", at: range)
      // An intent without slots, or an empty catalog, has no member to list.
      return members.isEmpty
        ? needsMember : needsMember.with(note: "members: \(listed(members, prefix: path + "."))")
    case .unknownProduct(let product, let suggestion):
      return unknownProductDescriptor.report("unknown product '\(product)'", at: range)
        .suggesting(suggestion)
    case .unknownSlot(let slot, let suggestion):
      return unknownSlotDescriptor.report("unknown slot '\(slot)'", at: range)
        .suggesting(suggestion)
    case .slotOutsideSet:
      return slotOutsideSetDescriptor.report(
        "'slot.' paths can only be read in a transition's 'set'", at: range)
    }
  }

  /// The problem of a `set` entry.
  static func assignmentProblem(_ problem: AssignmentProblemKind, at range: SourceRange)
    -> Diagnostic
  {
    switch problem {
    case .notAssignable(let variable, let suggestion):
      return invalidAssignmentDescriptor.report("'\(variable)' cannot be set", at: range)
        .suggesting(suggestion)
        .with(note: "'set' assigns 'product' and 'quantity'; the runtime sets the others")
    case .emptyValue:
      return invalidAssignmentDescriptor.report("empty value in 'set'", at: range)
    case .malformedValue(let text):
      return invalidAssignmentDescriptor.report("malformed value '\(text)' in 'set'", at: range)
        .with(note: "write a path such as 'slot.product', optionally '?? <literal>', or a literal")
    case .path(let kind):
      return variablePathProblem(kind, at: range)
    case .typeMismatch(let variable, let expected, let found):
      return typeMismatchDescriptor.report(
        "'\(variable)' needs \(describe(expected)), not \(describe(found))", at: range)
    case .invalidFallback(let text):
      return invalidAssignmentDescriptor.report("invalid fallback '\(text)'", at: range)
        .with(note: "a fallback is a literal of the variable's type, such as '?? 1'")
    case .fallbackNeverUsed:
      return invalidAssignmentDescriptor.report(
        "the fallback is never used: only a 'slot.' value can be missing", at: range)
    case .quantityOutOfRange(let text):
      return invalidAssignmentDescriptor.report(
        "quantity '\(text)' is not a whole number from 1 to 99", at: range)
    }
  }

  /// The problem of a `choose` condition.
  static func conditionProblem(_ problem: ConditionProblemKind, at range: SourceRange)
    -> Diagnostic
  {
    func syntax(_ message: String) -> Diagnostic {
      invalidConditionDescriptor.report(message, at: range)
    }
    func type(_ message: String) -> Diagnostic {
      conditionTypeErrorDescriptor.report(message, at: range)
    }
    switch problem {
    case .empty: return syntax("empty condition")
    case .unexpectedCharacter(let text): return syntax("unexpected character '\(text)'")
    case .unsupportedOperator(let text, let replacement):
      return syntax("unsupported operator '\(text)'").with(note: "write '\(replacement)'")
    case .unterminatedString: return syntax("unterminated string")
    case .malformedPath(let text): return syntax("malformed path '\(text)'")
    case .numberTooLarge: return syntax("number too large")
    case .decimalWithoutCurrency:
      return syntax("a decimal number needs a currency")
        .with(note: "write money such as '20.00 USD' or '$20.00'")
    case .unknownCurrency(let code):
      return syntax("unknown currency '\(code)'")
    case .currencyMismatch(let found, let expected):
      return type("money in '\(found)' in a flow whose currency is '\(expected)'")
    case .moneyWithoutMerchantCurrency:
      return type("money literal in a flow without a merchant currency")
    case .tooManyDecimals(let currency, let allowed):
      return syntax("more decimals than '\(currency)' has (\(allowed))")
    case .unexpectedToken(let found, let expected):
      let what: String
      switch expected {
      case .operand: what = "a path, a literal, 'not' or '('"
      case .operatorOrEnd: what = "'and', 'or', a comparison or the end"
      case .closingParenthesis: what = "')'"
      case .comparisonOperand: what = "a path or a literal"
      }
      return syntax("expected \(what), found \(found.map { "'\($0)'" } ?? "the end")")
    case .chainedComparison:
      return syntax("comparisons do not chain").with(note: "join them with 'and'")
    case .tooDeeplyNested(let limit):
      return syntax("condition nested deeper than \(limit)")
    case .path(let kind): return variablePathProblem(kind, at: range)
    case .unknownPath(let path):
      return unknownVariableDescriptor.report("unknown variable '\(path)'", at: range)
    case .typeMismatch(let op, let left, let right):
      return type("cannot compare \(describe(left)) with \(describe(right)) using '\(op.rawValue)'")
    case .unorderedType(let op, let valueType):
      return type("'\(op.rawValue)' does not apply to \(describe(valueType))")
    case .notBoolean(let valueType):
      return type("expected a boolean, found \(describe(valueType))")
    }
  }

  /// A type as messages name it.
  static func describe(_ type: ValueType) -> String {
    switch type {
    case .product: "a product"
    case .integer: "an integer"
    case .money: "money"
    case .string: "text"
    case .bool: "a boolean"
    }
  }

  /// Descriptors of the variable, assignment and condition checks.
  static let variableDescriptors: [DiagnosticDescriptor] = [
    unknownVariableDescriptor, unknownProductDescriptor, slotOutsideSetDescriptor,
    invalidAssignmentDescriptor, typeMismatchDescriptor, invalidConditionDescriptor,
    conditionTypeErrorDescriptor,
  ]
}
