import FlowIR
import Testing

@testable import FlowCompiler

/// `flowc init`'s shop: clean under `--release` for every country and locale it accepts, and
/// clear errors for the ones it does not.
@Suite struct ShopScaffoldTests {
  /// Countries with their locales (empty: the country's own).
  static let combinations: [(country: String, locales: [String])] = [
    ("US", []), ("UK", []), ("JP", []), ("DE", []), ("FR", []), ("IT", []), ("ES", []),
    ("AT", []), ("DE", ["de-DE", "fr-FR", "it-IT", "es-ES"]), ("NL", ["fr-FR", "de-DE"]),
  ]

  static func shop(_ index: Int, folder: String = "tea-shop") throws -> ShopScaffold {
    let combination = combinations[index]
    return try ShopScaffold(
      folderName: folder, country: combination.country, locales: combination.locales)
  }

  @Test(arguments: combinations.indices)
  func flowPassesTheReleaseChecksWithoutAWarning(index: Int) throws {
    let shop = try Self.shop(index)
    let flow = try #require(shop.files.first { $0.path == ShopScaffold.flowPath })
    let result = FlowCompiler.compile(
      SourceFile(path: flow.path, text: flow.contents), options: CompileOptions(release: true))
    #expect(
      result.diagnostics.isEmpty,
      "\(shop.country) \(shop.locales): \(result.diagnostics.map(\.message))")
    let program = try #require(result.program)
    #expect(program.skill.locales == shop.locales)
    #expect(program.skill.invocation == "tea shop")
  }

  @Test func writesAFlowATestScriptAndAReadme() throws {
    let shop = try ShopScaffold(folderName: "tea-shop")
    #expect(shop.files.map(\.path) == ["shop.yaml", "tests/shop.test.yaml", "README.md"])
    #expect(shop.country == "US")
    #expect(shop.locales == ["en-US"])
    #expect(shop.name == "Tea Shop")
    let script = try #require(shop.files.first { $0.path == ShopScaffold.testPath })
    #expect(script.contents.contains("flow: ../shop.yaml"))
  }

  @Test(arguments: [
    ("tea-shop", "tea shop"), ("My_Tea.Shop2", "my tea shop"), ("42", "my shop"),
    ("x", "my shop"), ("Öko Laden", "oko laden"),
  ])
  func invocationIsMadeFromTheFolderName(folder: String, invocation: String) throws {
    #expect(try ShopScaffold(folderName: folder).invocation == invocation)
  }

  @Test func unsupportedCountriesAreRefusedWithASuggestion() {
    #expect(throws: ShopScaffoldError.unsupportedCountry("GB", suggestion: "UK")) {
      try ShopScaffold(folderName: "shop", country: "GB")
    }
    #expect(throws: ShopScaffoldError.unsupportedCountry("us", suggestion: "US")) {
      try ShopScaffold(folderName: "shop", country: "us")
    }
    let error = ShopScaffoldError.unsupportedCountry("GB", suggestion: "UK")
    #expect(error.description.hasSuffix("did you mean 'UK'?"))
  }

  @Test func localesAreValidatedAgainstAlexaAndTheMerchantsRegion() {
    #expect(throws: ShopScaffoldError.unknownLocale("de-de", suggestion: "de-DE")) {
      try ShopScaffold(folderName: "shop", country: "DE", locales: ["de-de"])
    }
    // By country and language, not by spelling: en-UK is en-GB, not en-US.
    #expect(throws: ShopScaffoldError.unknownLocale("en-UK", suggestion: "en-GB")) {
      try ShopScaffold(folderName: "shop", country: "UK", locales: ["en-UK"])
    }
    #expect(
      throws: ShopScaffoldError.localeOutsideRegion(
        "en-GB", country: "DE", allowed: ["de-DE", "es-ES", "fr-FR", "it-IT"])
    ) {
      try ShopScaffold(folderName: "shop", country: "DE", locales: ["de-DE", "en-GB"])
    }
    #expect(
      throws: ShopScaffoldError.localeOutsideRegion("en-AU", country: "US", allowed: ["en-US"])
    ) {
      try ShopScaffold(folderName: "shop", locales: ["en-AU"])
    }
    #expect(
      throws: ShopScaffoldError.noDefaultLocale(
        country: "NL", allowed: ["de-DE", "es-ES", "fr-FR", "it-IT"])
    ) {
      try ShopScaffold(folderName: "shop", country: "NL")
    }
  }

  @Test func everyCountryHasLocales() {
    for country in ShopScaffold.countries {
      #expect(!ShopScaffold.locales(for: country).isEmpty, "\(country)")
      if let locale = ShopScaffold.defaultLocale(for: country) {
        #expect(ShopScaffold.locales(for: country).contains(locale), "\(country)")
      }
    }
  }
}
