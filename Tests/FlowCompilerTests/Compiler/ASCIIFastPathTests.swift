import Testing

@testable import FlowCompiler

/// The byte-level fast paths of the checks give the answers of the `Character` (Unicode) paths
/// they replace for ASCII text, and leave other text to those paths.
@Suite struct ASCIIFastPathTests {
  /// What `normalizedSample` computed before its ASCII fast path.
  static func unicodeNormalized(_ sample: String) -> String {
    sample.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  static let samples = [
    "", " ", "Buy {Product} Please", "  two  spaces\tand\ttabs  ",
    "line\nbreaks\r\nand\u{0B}\u{0C}",
    "ALL CAPS 123 [brackets] {x}", "trailing ", " leading", "a\r\nb", "MiXeD\t\tCaSe",
  ]

  @Test(arguments: samples)
  func asciiSamplesNormalizeAsCharactersDo(sample: String) {
    #expect(FlowChecker.asciiNormalizedSample(sample) == Self.unicodeNormalized(sample))
    #expect(FlowChecker.normalizedSample(sample) == Self.unicodeNormalized(sample))
  }

  @Test(arguments: ["Ärger im Laden", "caf\u{E9}  au lait", "non\u{A0}breaking", "İstanbul"])
  func otherTextTakesTheUnicodePath(sample: String) {
    #expect(FlowChecker.asciiNormalizedSample(sample) == nil)
    #expect(FlowChecker.normalizedSample(sample) == Self.unicodeNormalized(sample))
  }

  @Test func asciiClassesMatchCharacterProperties() {
    for byte in UInt8(0)..<0x80 {
      let character = Character(Unicode.Scalar(byte))
      #expect(ASCIIText.isWhitespace(byte) == character.isWhitespace, "byte \(byte)")
      #expect(ASCIIText.isDigit(byte) == character.isNumber, "byte \(byte)")
      #expect(
        String(Unicode.Scalar(ASCIIText.lowercased(byte))) == String(character).lowercased(),
        "byte \(byte)")
    }
  }

  @Test func utteranceProblemsAreTheSameForASCIIAndOtherText() {
    #expect(FlowChecker.utteranceProblem(" \t\r\n", slotsAllowed: true) == "it is empty")
    #expect(FlowChecker.utteranceProblem(" \u{A0} ", slotsAllowed: true) == "it is empty")
    #expect(
      FlowChecker.utteranceProblem("buy 2 {product}", slotsAllowed: true)
        == "it contains the digit '2'; spell numbers out")
    #expect(
      FlowChecker.utteranceProblem("caf\u{E9} 7", slotsAllowed: true)
        == "it contains the digit '7'; spell numbers out")
    #expect(FlowChecker.utteranceProblem("buy {product2}", slotsAllowed: true) == nil)
    #expect(
      FlowChecker.utteranceProblem("buy {product2}", slotsAllowed: false)
        == "it contains the digit '2'; spell numbers out")
    #expect(FlowChecker.utteranceProblem("buy }} 3", slotsAllowed: true) != nil)
  }

  @Test func sampleSlotsAreReadInPlace() {
    let slots = FlowChecker.sampleSlots("buy {  product } and {quantity} of {a  b}{unclosed")
    #expect(slots.map(\.name) == ["product", "quantity", "a b"])
    #expect(slots.map(\.range) == [4..<16, 21..<31, 35..<41])
  }
}
