import FlowIR
import Testing

@testable import FlowCompiler

@Suite struct MoneyLiteralTests {
  @Test(arguments: [
    ("9.00", "USD", 900), ("9", "USD", 900), ("9.5", "EUR", 950), ("0.01", "GBP", 1),
    (" 20.00 ", "USD", 2000), ("300", "JPY", 300), ("150000", "USD", 15_000_000),
    ("150000.00", "EUR", 15_000_000), ("10000000", "JPY", 10_000_000), ("007.10", "USD", 710),
  ])
  func parsesExactMinorUnits(text: String, currency: String, minorUnits: Int64) {
    #expect(
      MoneyLiteral.parsePrice(text, currency: currency)
        == .success(Money(minorUnits: minorUnits, currency: currency)))
  }

  @Test func valuesThatFloatingPointWouldRoundStayExact() {
    // 0.29 * 100 is 28.999999999999996 in Double.
    #expect(
      MoneyLiteral.parsePrice("0.29", currency: "USD")
        == .success(Money(minorUnits: 29, currency: "USD")))
    #expect(
      MoneyLiteral.parsePrice("1234.57", currency: "EUR")
        == .success(Money(minorUnits: 123_457, currency: "EUR")))
  }

  @Test(arguments: [
    "", " ", "abc", "9,00", "1,000.00", "9.", ".5", "1e3", "+9", "9.0.0", "$9", "9 USD", "0x10",
    "٣", "9\u{0}", "--9", "1_000",
  ])
  func rejectsWhatIsNotADecimal(text: String) {
    #expect(kind(text, "USD") == .notDecimal)
  }

  @Test func tooManyDecimalsPointsAtTheExtraDigits() throws {
    let result = MoneyLiteral.parsePrice("9.001", currency: "USD")
    guard case .failure(let problem) = result else {
      Issue.record("expected a problem")
      return
    }
    #expect(problem.kind == .tooManyDecimals(currency: "USD", allowed: 2))
    #expect(problem.range.characters == 4..<5)
    #expect(kind("300.0", "JPY") == .tooManyDecimals(currency: "JPY", allowed: 0))
    #expect(kind("9.000", "EUR") == .tooManyDecimals(currency: "EUR", allowed: 2))
  }

  @Test func zeroNegativeAndTooLarge() {
    #expect(kind("0", "USD") == .zero)
    #expect(kind("0.00", "USD") == .zero)
    #expect(kind("-0", "USD") == .zero)
    #expect(kind("-1.00", "USD") == .negative)
    let maximum = Money(minorUnits: 15_000_000, currency: "USD")
    #expect(kind("150000.01", "USD") == .aboveMaximum(maximum: maximum))
    #expect(
      kind("10000001", "JPY")
        == .aboveMaximum(maximum: Money(minorUnits: 10_000_000, currency: "JPY")))
    #expect(
      kind(String(repeating: "9", count: 400), "USD") == .aboveMaximum(maximum: maximum))
    #expect(kind(String(repeating: "0", count: 400) + "1", "USD") == nil)
  }

  private func kind(_ text: String, _ currency: String) -> MoneyProblemKind? {
    if case .failure(let problem) = MoneyLiteral.parsePrice(text, currency: currency) {
      return problem.kind
    }
    return nil
  }
}
