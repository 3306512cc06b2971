import FlowIR
import Foundation
import Testing

@Suite struct IRCodingTests {
  @Test func payloadTemplateRoundTripsWithBindings() throws {
    let template = PayloadTemplate.object([
      "@type": .string("ChargeAmazonPayRequest"),
      "billingAgreementId": .binding(.variable(path: "agreement.id")),
      "transactionTimeout": .integer(0),
    ])
    let data = try JSONEncoder().encode(template)
    let decoded = try JSONDecoder().decode(PayloadTemplate.self, from: data)
    #expect(decoded == template)
  }

  @Test func unknownIRVersionIsRefused() {
    let data = Data(#"{"ir_version": 99}"#.utf8)
    #expect(throws: FlowProgramDecodingError.unsupportedVersion(99)) {
      try FlowProgram.decode(fromJSON: data)
    }
  }

  @Test func moneyDecimalStringUsesCurrencyPlaces() {
    #expect(Money(minorUnits: 900, currency: "USD").decimalString == "9.00")
    #expect(Money(minorUnits: 5, currency: "EUR").decimalString == "0.05")
    #expect(Money(minorUnits: 300, currency: "JPY").decimalString == "300")
  }
}
