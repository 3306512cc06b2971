import FlowIR

/// Upper bounds on the length of rendered speech, so that the compiler can report prompts that
/// can exceed Alexa's limit of 8,000 characters of `outputSpeech` text.
///
/// Lengths are counted in UTF-16 code units: never less than the Unicode scalars or the
/// user-perceived characters, so a bound in this unit is safe whichever unit Alexa counts. SSML
/// counts entirely, markup included, because the limit applies to the `ssml` string.
enum SpeechLength {
  /// Alexa's limit on the speech text of one response.
  static let alexaLimit = 8000

  /// The length of a text in the unit of this type (UTF-16 code units).
  static func length(of text: String) -> Int { text.utf16.count }

  /// The length of a text after the XML escaping that the runtime applies to values rendered
  /// into SSML (`&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`, `"` → `&quot;`, `'` → `&apos;`).
  static func escapedLength(of text: String) -> Int {
    text.utf16.reduce(0) { total, unit in
      switch unit {
      case 0x26: total + 5  // &amp;
      case 0x3C, 0x3E: total + 4  // &lt; &gt;
      case 0x22, 0x27: total + 6  // &quot; &apos;
      default: total + 1
      }
    }
  }

  /// The longest a template can render to.
  ///
  /// - Parameters:
  ///   - template: The compiled prompt.
  ///   - maximumValueLength: The longest a path's value can render to (already escaped when the
  ///     template is SSML), or `nil` when it has no known bound.
  /// - Returns: The bound, or `nil` when some placeholder has no bound. Saturates at `Int.max`.
  static func maximumLength(
    of template: Template, maximumValueLength: (String) -> Int?
  ) -> Int? {
    var total = 0
    for segment in template.segments {
      let part: Int
      switch segment {
      case .text(let text): part = length(of: text)
      case .variable(let path):
        guard let bound = maximumValueLength(path) else { return nil }
        part = bound
      }
      let (sum, overflow) = total.addingReportingOverflow(max(0, part))
      total = overflow ? Int.max : sum
    }
    return total
  }

  /// Bounds assumed for values the runtime supplies (Amazon Pay limits where they are
  /// documented, generous bounds elsewhere), before XML escaping.
  static let runtimeValueBounds: [String: Int] = [
    // Spoken, an order id is spelt out group by group (FlowRuntime's OrderIdSpeech): at most
    // 21 characters (a 12-character prefix and a 9-character code) in at most 8 groups, each
    // in a 42-character `say-as` element, with a 29-character pause between two groups.
    VariablePath.orderID.rawValue: 21 + 8 * 42 + 7 * 29,
    VariablePath.agreementID.rawValue: 64,
    VariablePath.agreementStatus.rawValue: 16,
    VariablePath.agreementOpen.rawValue: 5,
    "shipping.name": 50,
    "shipping.address_line1": 180,
    "shipping.city": 50,
    "shipping.state_or_region": 50,
    "shipping.postal_code": 20,
    "shipping.country_code": 2,
    VariablePath.paymentError.rawValue: 1024,
    VariablePath.paymentReason.rawValue: 1024,
  ]

  /// The largest quantity a number slot can set (1 to 99).
  static let maximumQuantity = OrderQuantity.range.upperBound

  /// The longest a path's value can render to in a locale, from the catalog and the bounds
  /// above; a ready-made argument for ``maximumLength(of:maximumValueLength:)``.
  ///
  /// Products render as their name; money as the locale formats it (bounded by the digits,
  /// grouping separators, the decimal separator, and up to three characters of symbol and
  /// spacing); `order.total` by the largest price times ``maximumQuantity``.
  ///
  /// - Parameters:
  ///   - path: A path that ``VariablePath/resolve(_:in:)`` accepts.
  ///   - products: The catalog.
  ///   - locale: The locale whose names are spoken.
  ///   - ssml: Whether the value is rendered into SSML (and so XML-escaped).
  /// - Returns: The bound, or `nil` for a path it does not know.
  static func maximumValueLength(
    of path: String, products: [Product], locale: String, ssml: Bool
  ) -> Int? {
    func text(_ value: String) -> Int { ssml ? escapedLength(of: value) : length(of: value) }
    func name(_ product: Product) -> Int {
      text(
        product.names[locale] ?? product.names.values.max(by: { $0.utf16.count < $1.utf16.count })
          ?? "")
    }
    func member(_ member: String?, of candidates: [Product]) -> Int? {
      switch member {
      case nil, "name": return candidates.map(name).max() ?? 0
      case "id": return candidates.map { text($0.id) }.max() ?? 0
      case "price":
        return candidates.map { moneyLength($0.price.minorUnits, $0.price.currency) }.max() ?? 0
      default: return nil
      }
    }
    let segments = VariablePath(rawValue: path).segments.map(String.init)
    switch segments.first {
    case "product":
      return segments.count <= 2
        ? member(segments.count == 2 ? segments[1] : nil, of: products) : nil
    case "catalog":
      guard segments.count >= 2, segments.count <= 3,
        let product = products.first(where: { $0.id == segments[1] })
      else { return nil }
      return member(segments.count == 3 ? segments[2] : nil, of: [product])
    case "quantity": return segments.count == 1 ? String(maximumQuantity).count : nil
    case "order" where path == "order.total":
      return products.map { product in
        let (total, overflow) = product.price.minorUnits.multipliedReportingOverflow(
          by: maximumQuantity)
        return moneyLength(overflow ? Int64.max : total, product.price.currency)
      }.max() ?? 0
    default:
      let spoken =
        VariablePath(rawValue: path).spokenSlotName != nil
        ? VariablePath.maximumSpokenLength : nil
      guard let bound = spoken ?? runtimeValueBounds[path] else { return nil }
      // Escaping can grow each character to at most six (`&quot;`).
      return ssml ? bound * 6 : bound
    }
  }

  /// A bound on the rendered length of an amount in any locale: the digits, a group separator
  /// every two digits (enough for Indian lakh grouping, more than every three), the decimal
  /// separator, and five characters for a sign and a symbol with its space (`-US$ `).
  static func moneyLength(_ minorUnits: Int64, _ currency: String) -> Int {
    let digits = String(minorUnits.magnitude).count
    let places = Money.decimalPlaces(of: currency)
    let integerDigits = max(1, digits - places)
    let groupSeparators = (integerDigits - 1) / 2
    let fraction = places > 0 ? places + 1 : 0
    return integerDigits + groupSeparators + fraction + 5
  }
}
