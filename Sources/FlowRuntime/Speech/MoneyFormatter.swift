public import FlowIR

/// Money as a listener of a locale expects to hear and read it: `$9.00`, `£9.00`, `9,00 €`,
/// `￥300`.
public enum MoneyFormatter {
  /// The amount formatted for the locale.
  public static func format(_ money: Money, locale: String) -> String {
    fatalError("not implemented yet")
  }
}
