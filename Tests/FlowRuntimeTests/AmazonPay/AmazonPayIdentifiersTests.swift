import FlowRuntime
import FlowTestSupport
import Foundation
import Testing

@Suite struct AmazonPayIdentifiersTests {
  @Test(arguments: ["0001", "NN-20261128-ABCDEFGHIJKLMNOP", "", "ünïcødé/🙂 order", "a b c"])
  func referenceIdsAreValidAndCarryTheOrder(orderId: String) {
    for attempt in [1, 2, 99, 1_234_567, -3] {
      let reference = AmazonPayIdentifiers.authorizationReferenceId(
        orderId: orderId, attempt: attempt)
      #expect(reference.utf8.count == 32, "\(reference)")
      #expect(AmazonPayIdentifiers.isValidMerchantIdentifier(reference), "\(reference)")
    }
    let reference = AmazonPayIdentifiers.authorizationReferenceId(orderId: "0001", attempt: 2)
    #expect(reference.hasPrefix("0001-2-"))
  }

  @Test func referenceIdsDoNotRepeat() {
    var seen = Set<String>()
    for attempt in 0..<20_000 {
      seen.insert(AmazonPayIdentifiers.authorizationReferenceId(orderId: "0001", attempt: 1))
      _ = attempt
    }
    #expect(seen.count == 20_000)
  }

  @Test func seededGeneratorGivesRepeatableIds() {
    var first = SeededGenerator(seed: 42)
    var second = SeededGenerator(seed: 42)
    let a = AmazonPayIdentifiers.authorizationReferenceId(
      orderId: "X", attempt: 1, using: &first)
    let b = AmazonPayIdentifiers.authorizationReferenceId(
      orderId: "X", attempt: 1, using: &second)
    #expect(a == b)
    #expect(AmazonPayIdentifiers.token(using: &first) == AmazonPayIdentifiers.token(using: &second))
  }

  @Test func tokensCarryAtLeast128BitsAndDoNotRepeat() {
    var seen = Set<String>()
    for _ in 0..<20_000 {
      let token = AmazonPayIdentifiers.token()
      #expect(token.count == 27)
      seen.insert(token)
    }
    #expect(seen.count == 20_000)
    // 27 base-62 characters: log2(62^27) ≈ 160.8 bits.
    #expect(Double(27) * log2(62) >= Double(AmazonPayIdentifiers.tokenRandomBits))
    #expect(AmazonPayIdentifiers.tokenRandomBits >= 128)
  }

  @Test func tokensUseAllOfTheAlphabet() {
    var characters = Set<Character>()
    for _ in 0..<2_000 { characters.formUnion(AmazonPayIdentifiers.token()) }
    #expect(characters.count == 62)
  }

  @Test func orderIdsAreShortGroupedAndFitWithTheLongestPrefix() {
    // The compiler allows prefixes of up to 12 characters.
    let orderId = AmazonPayIdentifiers.orderId(prefix: "ABCDEFGHIJK-")
    #expect(orderId.hasPrefix("ABCDEFGHIJK-"))
    let code = orderId.dropFirst(12)
    #expect(code.count == 9)
    #expect(code.split(separator: "-").map(\.count) == [4, 4])
    #expect(AmazonPayIdentifiers.isValidMerchantIdentifier(orderId))
  }

  @Test func orderCodesUseOnlyCharactersThatCannotBeConfused() {
    var seen = Set<Character>()
    for _ in 0..<5_000 {
      seen.formUnion(AmazonPayIdentifiers.orderId(prefix: "").filter { $0 != "-" })
    }
    #expect(seen == Set(AmazonPayIdentifiers.orderCodeAlphabet))
    // No lowercase, nothing that reads as another character, no letters that rhyme.
    for confusable in "01OILUSZBGVDEPTNQJXabcdefghijklmnopqrstuvwxyz" {
      #expect(!seen.contains(confusable), "\(confusable)")
    }
  }

  @Test(arguments: [
    ("abc-_XYZ019", true), ("", false), ("a b", false), (String(repeating: "z", count: 32), true),
    (String(repeating: "z", count: 33), false), ("é", false), ("a.b", false),
  ])
  func merchantIdentifierCharset(value: String, valid: Bool) {
    #expect(AmazonPayIdentifiers.isValidMerchantIdentifier(value) == valid)
  }
}
