import FlowIR
import Testing

@testable import FlowRuntime

/// Products looked up per turn: by id (a binary search over the sorted catalog) and by what the
/// customer said (one index per engine), with the answers of a search through the catalog.
@Suite struct CatalogLookupTests {
  static func product(_ id: String, names: [String] = [], synonyms: [String] = []) -> Product {
    Product(
      id: id, names: Dictionary(uniqueKeysWithValues: names.enumerated().map { ("l\($0)", $1) }),
      price: Money(minorUnits: 100, currency: "USD"),
      synonyms: synonyms.isEmpty ? [:] : ["en-US": synonyms], shipping: false, subscription: nil)
  }

  /// The catalog search the index replaces: the first product any of whose spoken forms is
  /// the customer's words.
  static func searched(_ spoken: String, in products: [Product]) -> String? {
    products.first { product in
      var candidates = [product.id, product.id.replacingOccurrences(of: "_", with: " ")]
      candidates += product.names.values
      candidates += product.synonyms.values.joined()
      return candidates.contains { SpokenProductIndex.normalized($0) == spoken }
    }?.id
  }

  @Test func spokenFormsFindTheFirstProductTheCatalogSearchFinds() {
    var generator = SystemRandomNumberGenerator()
    let words = ["kit", "Kit", "razor", "RAZOR  kit", " starter", "pack", "refill_pack", "blade"]
    func phrase() -> String {
      (0..<Int.random(in: 1...2, using: &generator)).map { _ in
        words.randomElement(using: &generator)!
      }.joined(separator: Bool.random(using: &generator) ? " " : "\t ")
    }
    for _ in 0..<300 {
      let products = (0..<Int.random(in: 0...6, using: &generator)).map { number in
        Self.product(
          ["kit", "refill_pack", "starter_kit", "blade"].randomElement(using: &generator)!
            + "\(number)",
          names: (0..<Int.random(in: 0...2, using: &generator)).map { _ in phrase() },
          synonyms: (0..<Int.random(in: 0...3, using: &generator)).map { _ in phrase() })
      }
      let index = SpokenProductIndex(products)
      for _ in 0..<20 {
        let spoken = SpokenProductIndex.normalized(phrase())
        #expect(index.productID(spoken: spoken) == Self.searched(spoken, in: products), "\(spoken)")
      }
      for product in products {
        let spacedID = product.id.replacingOccurrences(of: "_", with: " ")
        let byID = SpokenProductIndex.normalized(spacedID)
        #expect(index.productID(spoken: byID) == Self.searched(byID, in: products))
      }
    }
  }

  @Test func normalizingIsLowercasingAndCollapsingWhitespace() {
    // ASCII byte by byte, other text through `Character`: the same as splitting on
    // whitespace characters, for every ASCII byte and some that are not ASCII.
    var generator = SystemRandomNumberGenerator()
    let other: [Character] = ["É", "ß", "\u{A0}", "\u{2003}", "e\u{301}", "\r\n", "\u{85}"]
    for _ in 0..<3_000 {
      let text = String(
        (0..<Int.random(in: 0...12, using: &generator)).map { _ -> Character in
          Int.random(in: 0..<10, using: &generator) == 0
            ? other.randomElement(using: &generator)!
            : Character(Unicode.Scalar(UInt8.random(in: 0...0x7F, using: &generator)))
        })
      #expect(
        SpokenProductIndex.normalized(text)
          == text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " "),
        "\(Array(text.unicodeScalars))")
    }
  }

  @Test func productsByIdInSortedAndHandMadeCatalogs() {
    let ids = (0..<500).map { "p\($0)" }.sorted()
    var program = NoNicksProgram.program()
    program.products = ids.map { Self.product($0) }
    for id in ids { #expect(program.product(id: id)?.id == id) }
    #expect(program.product(id: "p") == nil)
    #expect(program.product(id: "zzz") == nil)
    // Not sorted (a hand-made IR): found all the same.
    program.products.reverse()
    for id in ids { #expect(program.product(id: id)?.id == id) }
    #expect(program.product(id: "p5000") == nil)
    program.products = []
    #expect(program.product(id: "p1") == nil)
  }
}
