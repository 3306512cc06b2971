/// Why a Setup or Charge payload could not be rendered from run-time data.
///
/// The compiler checks everything it can see; these are the limits that only the run-time
/// values (order ids, amounts, reference ids) can break. The engine takes the task's `error`
/// outcome instead of sending a payload that Amazon Pay would refuse.
public enum AmazonPayPayloadError: Error, Equatable, Sendable, CustomStringConvertible {
  /// An `authorizationReferenceId` that is empty, longer than 32 characters or holds a character
  /// outside `A-Za-z0-9-_`.
  case invalidAuthorizationReferenceId(String)
  /// A `sellerOrderId` (prefix + order id) that is empty, longer than 32 characters or holds a
  /// character outside `A-Za-z0-9-_`.
  case invalidSellerOrderId(String)
  /// A field Amazon Pay requires rendered to nothing (its binding had no value). The associated
  /// value is the field's JSON path, such as `authorizeAttributes.authorizationReferenceId`.
  case missingRequiredField(String)
  /// An amount whose currency is not the merchant's ledger currency.
  case currencyMismatch(amount: String, currency: String, ledgerCurrency: String)
  /// An amount that is zero, negative or above Amazon Pay's limit for one authorization.
  case amountOutOfRange(amount: String, currency: String)
  /// A binding whose variable holds a value of the wrong type (a string where money belongs).
  case wrongValueType(path: String, expected: String)
  /// Price × quantity does not fit in 64 bits.
  case amountOverflow(productId: String, quantity: Int64)

  /// A one-line text for messages and logs.
  public var description: String {
    switch self {
    case .invalidAuthorizationReferenceId(let value):
      "authorization reference id '\(value)' must be 1 to 32 characters of A-Za-z0-9-_"
    case .invalidSellerOrderId(let value):
      "seller order id '\(value)' must be 1 to 32 characters of A-Za-z0-9-_"
    case .missingRequiredField(let path):
      "required payload field '\(path)' has no value"
    case .currencyMismatch(let amount, let currency, let ledgerCurrency):
      "amount '\(amount) \(currency)' is not in the ledger currency '\(ledgerCurrency)'"
    case .amountOutOfRange(let amount, let currency):
      "amount '\(amount) \(currency)' is outside the range Amazon Pay accepts for one charge"
    case .wrongValueType(let path, let expected):
      "variable '\(path)' does not hold \(expected)"
    case .amountOverflow(let productId, let quantity):
      "price of product '\(productId)' times \(quantity) is too large"
    }
  }
}
