import FlowIR

/// What the parser wanted where it found something else.
enum ConditionExpectation: Sendable, Hashable {
  /// A path, a literal, `not` or `(`.
  case operand
  /// `and`, `or`, a comparison operator, `)` or the end of the condition.
  case operatorOrEnd
  /// `)` closing the parenthesis opened earlier.
  case closingParenthesis
  /// A path or a literal on the right of a comparison (parentheses cannot be compared).
  case comparisonOperand
}

/// Why a `choose` condition is not valid: first the syntax problems of ``ConditionParser``, then
/// the type problems of ``ConditionTypeChecker``.
enum ConditionProblemKind: Sendable, Hashable {
  /// The condition is empty or only whitespace.
  case empty
  /// A character that starts no token, such as `,`, `-`, `#`.
  case unexpectedCharacter(String)
  /// `&&`, `||`, `!`, `=`, or a keyword in the wrong case (`AND`); `replacement` is what to
  /// write instead (`and`, `or`, `not`, `==`).
  case unsupportedOperator(String, replacement: String)
  /// A quoted string without its closing quote; the range starts at the opening quote.
  case unterminatedString
  /// A word that is neither a keyword nor a well-formed path (such as `Order.total`).
  case malformedPath(String)
  /// A whole number or amount too large to represent.
  case numberTooLarge
  /// A number with decimals but no currency, such as `20.00`; write `20.00 USD` or `$20.00`.
  case decimalWithoutCurrency
  /// A currency code other than EUR, GBP, JPY, USD after a number.
  case unknownCurrency(String)
  /// A money literal in another currency than the merchant's.
  case currencyMismatch(found: String, expected: String)
  /// A money literal in a flow that has no merchant currency.
  case moneyWithoutMerchantCurrency
  /// More decimals than the currency has; the range covers the extra digits.
  case tooManyDecimals(currency: String, allowed: Int)
  /// A token where another was expected; `found` is the token text, `nil` at the end.
  case unexpectedToken(found: String?, expected: ConditionExpectation)
  /// `a < b < c`: comparisons do not chain; join them with `and`.
  case chainedComparison
  /// More nested parentheses and `not`s than ``ConditionParser/maximumDepth``.
  case tooDeeplyNested(limit: Int)
  /// A path that does not exist (when checking against a ``VariableScope``).
  case path(VariablePathProblemKind)
  /// A path the type function does not know.
  case unknownPath(String)
  /// The two sides of a comparison have different types.
  case typeMismatch(ComparisonOperator, ValueType, ValueType)
  /// `<`, `<=`, `>` or `>=` on a type without an order (only integers and money have one).
  case unorderedType(ComparisonOperator, ValueType)
  /// An operand of `and`, `or`, `not`, or a whole condition, that is not a bool.
  case notBoolean(ValueType)
}

/// A problem in a condition, with its range relative to the condition text.
struct ConditionProblem: Error, Sendable, Hashable {
  /// What is wrong.
  var kind: ConditionProblemKind
  /// Where.
  var range: TextRange

}
