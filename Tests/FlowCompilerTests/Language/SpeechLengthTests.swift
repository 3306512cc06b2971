import FlowIR
import Testing

@testable import FlowCompiler

@Suite struct SpeechLengthTests {
  let products = [
    Product(
      id: "kit", names: ["en-US": "Starter Kit", "de-DE": "Startset"],
      price: Money(minorUnits: 900, currency: "USD"), synonyms: [:], shipping: true,
      subscription: nil),
    Product(
      id: "refill", names: ["en-US": "Blade Refill & Oil"],
      price: Money(minorUnits: 15_000_000, currency: "USD"), synonyms: [:], shipping: true,
      subscription: nil),
  ]

  @Test func sumsTextAndValueBounds() {
    let template = TemplateParser.parse("That is {quantity} {product.name}.").template
    let bound = SpeechLength.maximumLength(of: template) { path in
      ["quantity": 2, "product.name": 18][path]
    }
    #expect(bound == 8 + 2 + 1 + 18 + 1)
  }

  @Test func unboundedValueMakesTheTemplateUnbounded() {
    let template = TemplateParser.parse("{order.id}").template
    #expect(SpeechLength.maximumLength(of: template) { _ in nil } == nil)
  }

  @Test func saturatesInsteadOfOverflowing() {
    let template = TemplateParser.parse("{a}{b}").template
    #expect(SpeechLength.maximumLength(of: template) { _ in Int.max } == Int.max)
  }

  @Test func countsUTF16() {
    #expect(SpeechLength.length(of: "abc") == 3)
    #expect(SpeechLength.length(of: "Grüße") == 5)
    #expect(SpeechLength.length(of: "🎉") == 2)
    #expect(SpeechLength.escapedLength(of: "a&b<'\"") == 1 + 5 + 1 + 4 + 6 + 6)
  }

  @Test func valueBoundsFromTheCatalog() {
    func bound(_ path: String, _ locale: String = "en-US", ssml: Bool = false) -> Int? {
      SpeechLength.maximumValueLength(of: path, products: products, locale: locale, ssml: ssml)
    }
    #expect(bound("product.name") == 18)
    #expect(bound("product") == 18)
    #expect(bound("product.name", ssml: true) == 22)
    #expect(bound("catalog.kit.name", "de-DE") == 8)
    #expect(bound("catalog.kit.id") == 3)
    #expect(bound("quantity") == 2)
    // $150,000.00 × 99 = 14,850,000.00: 8 digits, 3 separators, 3 decimals, 5 spare.
    #expect(bound("order.total") == 8 + 3 + 3 + 5)
    #expect(bound("catalog.kit.price") == 1 + 0 + 3 + 5)
    #expect(bound("shipping.address_line1") == 180)
    #expect(bound("shipping.address_line1", ssml: true) == 1080)
    #expect(bound("catalog.nope") == nil)
    #expect(bound("order") == nil)
  }

  @Test func renderedFormsFitTheMoneyBound() {
    // The longest renderings of 14,850,000.00 in the locales flowc supports.
    let renderings = [
      "$14,850,000.00", "14.850.000,00 €", "£14,850,000.00", "US$14,850,000.00",
      "US$ 14.850.000,00", "$1,48,50,000.00", "14 850 000,00 €",
    ]
    for rendered in renderings {
      #expect(SpeechLength.length(of: rendered) <= SpeechLength.moneyLength(1_485_000_000, "USD"))
    }
    #expect(SpeechLength.length(of: "￥10,000,000") <= SpeechLength.moneyLength(10_000_000, "JPY"))
  }

  @Test func alexaLimit() {
    #expect(SpeechLength.alexaLimit == 8000)
    let long = TemplateParser.parse(String(repeating: "a", count: 7990) + "{product.name}").template
    let bound = SpeechLength.maximumLength(of: long) {
      SpeechLength.maximumValueLength(of: $0, products: products, locale: "en-US", ssml: false)
    }
    #expect(bound.map { $0 > SpeechLength.alexaLimit } == true)
  }
}
