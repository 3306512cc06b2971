import FlowIR

extension DiagnosticCatalogue {
  static let invalidPriceDescriptor = DiagnosticDescriptor(
    id: .invalidPrice, severity: .error,
    summary: "a product price is not an exact, positive amount within the limits",
    explanation: """
      A price is a decimal number in the merchant's currency, written as a string (`"9.00"`) \
      or a YAML number (`9`). It may not have more decimals than the currency (2; none for \
      JPY), be zero or negative, or exceed 150000 (10000000 for JPY).

      ```yaml
      products:
        starter_kit:
          name: Starter Kit
          price: "9.999"      # error: 'USD' has 2 decimals
      ```

      Fix: write the amount exactly, such as `"9.99"`.
      """)

  static let duplicateSynonymDescriptor = DiagnosticDescriptor(
    id: .duplicateSynonym, severity: .warning,
    summary: "two products share a name or synonym, so the catalog slot cannot tell them apart",
    explanation: """
      Names and synonyms feed the `catalog` slot type. When two products share one (ignoring \
      case), Alexa resolves the word to either of them.

      ```yaml
      products:
        starter_kit: { name: Starter Kit, price: "9.00", synonyms: [kit] }
        travel_kit: { name: Travel Kit, price: "12.00", synonyms: [kit] }   # warning
      ```

      Fix: keep each synonym on one product.
      """)

  /// The problem of a price, with the message for its kind.
  static func invalidPrice(_ problem: MoneyProblemKind, text: String, at range: SourceRange)
    -> Diagnostic
  {
    let message: String
    switch problem {
    case .notDecimal: message = "price '\(text)' is not a decimal number"
    case .tooManyDecimals(let currency, let allowed):
      message = "price '\(text)' has more decimals than '\(currency)' allows (\(allowed))"
    case .zero: message = "price '\(text)' is zero"
    case .negative: message = "price '\(text)' is negative"
    case .aboveMaximum(let maximum):
      message =
        "price '\(text)' is above the largest price \(maximum.decimalString) \(maximum.currency)"
    }
    return invalidPriceDescriptor.report(message, at: range)
  }

  /// `synonym 'x' of product 'a' is also a name or synonym of product 'b'`.
  static func duplicateSynonym(
    _ synonym: String, product: String, otherProduct: String, at range: SourceRange,
    firstRange: SourceRange
  ) -> Diagnostic {
    duplicateSynonymDescriptor.report(
      "synonym '\(synonym)' of product '\(product)' is also used by product '\(otherProduct)'",
      at: range
    ).with(note: "used by '\(otherProduct)' here", at: firstRange)
  }

  /// Descriptors of the catalog checks.
  static let catalogDescriptors: [DiagnosticDescriptor] = [
    invalidPriceDescriptor, duplicateSynonymDescriptor,
  ]
}
