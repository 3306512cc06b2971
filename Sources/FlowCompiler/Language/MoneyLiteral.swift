import FlowIR

/// Why a price or a money literal is not a valid amount.
enum MoneyProblemKind: Sendable, Hashable {
  /// Not a plain decimal number (`9`, `9.5`, `"9.00"`): letters, a sign other than a leading
  /// `-`, grouping commas, an exponent, a missing digit before or after the point…
  case notDecimal
  /// More digits after the point than the currency has (2; none for JPY).
  case tooManyDecimals(currency: String, allowed: Int)
  /// The amount is zero.
  case zero
  /// The amount is below zero.
  case negative
  /// The amount is above the largest price the flow language allows in this currency.
  case aboveMaximum(maximum: Money)
}

/// A problem with a price, with its range relative to the price text.
struct MoneyProblem: Error, Sendable, Hashable {
  /// What is wrong.
  var kind: MoneyProblemKind
  /// The offending part: the extra decimals, the sign, or the whole text.
  var range: TextRange

}

/// Exact decimal amounts: product prices (`price: "9.00"` or `price: 9.5`) and the amount part
/// of money literals in conditions. Never goes through floating point.
enum MoneyLiteral {
  /// The largest price in a currency: 150000 (10000000 for JPY), in minor units.
  ///
  /// - Parameter currency: An ISO 4217 code such as `USD`.
  static func maximumPrice(currency: String) -> Money {
    currency == "JPY"
      ? Money(minorUnits: 10_000_000, currency: currency)
      : Money(minorUnits: 150_000 * 100, currency: currency)
  }

  /// Parses a product price.
  ///
  /// Accepted: optional surrounding whitespace, digits, optionally a point followed by at most
  /// as many digits as the currency has decimal places. The text is the scalar's text whether
  /// the YAML wrote it quoted (`"9.00"`) or as a number (`9`, `9.5`).
  ///
  /// - Parameters:
  ///   - text: The price as written.
  ///   - currency: The merchant's currency (`EUR`, `GBP`, `JPY`, `USD`).
  /// - Returns: The exact amount, or the problem with its range in `text`.
  static func parsePrice(_ text: String, currency: String) -> Result<Money, MoneyProblem> {
    let scalars = ScalarText(text)
    var start = 0
    var end = scalars.count
    while start < end, scalars[start]!.isLanguageWhitespace { start += 1 }
    while end > start, scalars[end - 1]!.isLanguageWhitespace { end -= 1 }
    let whole = scalars.range(start, end)
    var negative = false
    if scalars[start] == "-" {
      negative = true
      start += 1
    }
    switch amount(in: scalars, from: start, to: end, currency: currency) {
    case .notDecimal:
      return .failure(MoneyProblem(kind: .notDecimal, range: whole))
    case .tooManyDecimals(let extra):
      return .failure(
        MoneyProblem(
          kind: .tooManyDecimals(
            currency: currency, allowed: Money.decimalPlaces(of: currency)),
          range: extra))
    case .overflow:
      return .failure(
        MoneyProblem(kind: .aboveMaximum(maximum: maximumPrice(currency: currency)), range: whole))
    case .amount(let minorUnits):
      if minorUnits == 0 { return .failure(MoneyProblem(kind: .zero, range: whole)) }
      if negative { return .failure(MoneyProblem(kind: .negative, range: whole)) }
      let maximum = maximumPrice(currency: currency)
      if minorUnits > maximum.minorUnits {
        return .failure(MoneyProblem(kind: .aboveMaximum(maximum: maximum), range: whole))
      }
      return .success(Money(minorUnits: minorUnits, currency: currency))
    }
  }

  /// The outcome of reading an unsigned decimal amount.
  enum AmountReading: Equatable {
    case amount(Int64)
    case notDecimal
    /// The range covers the decimals the currency does not have.
    case tooManyDecimals(extra: TextRange)
    case overflow
  }

  /// Reads `digits[.digits]` from `start` to `end` as minor units of the currency.
  static func amount(in text: ScalarText, from start: Int, to end: Int, currency: String)
    -> AmountReading
  {
    let places = Money.decimalPlaces(of: currency)
    var index = start
    var integerDigits: [UInt8] = []
    while index < end, let scalar = text[index], scalar.isASCIIDigit {
      integerDigits.append(UInt8(scalar.value - 48))
      index += 1
    }
    guard !integerDigits.isEmpty else { return .notDecimal }
    var fractionDigits: [UInt8] = []
    var fractionStart = index
    if index < end, text[index] == "." {
      index += 1
      fractionStart = index
      while index < end, let scalar = text[index], scalar.isASCIIDigit {
        fractionDigits.append(UInt8(scalar.value - 48))
        index += 1
      }
      guard !fractionDigits.isEmpty else { return .notDecimal }
    }
    guard index == end else { return .notDecimal }
    if fractionDigits.count > places {
      return .tooManyDecimals(extra: text.range(fractionStart + places, end))
    }
    // Leading zeros do not count towards the size; 18 significant digits always fit in Int64.
    let significant = integerDigits.drop { $0 == 0 }
    guard significant.count + places <= 18 else { return .overflow }
    var minorUnits: Int64 = 0
    for digit in significant { minorUnits = minorUnits * 10 + Int64(digit) }
    for position in 0..<places {
      let digit = position < fractionDigits.count ? Int64(fractionDigits[position]) : 0
      minorUnits = minorUnits * 10 + digit
    }
    return .amount(minorUnits)
  }
}
