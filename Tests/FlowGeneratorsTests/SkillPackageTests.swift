import FlowIR
import FlowTestSupport
import Foundation
import Testing

@testable import FlowGenerators

@Suite struct SkillPackageTests {
  /// Every generated file of every example, byte for byte (no endpoint: the placeholders show).
  @Test(arguments: ExamplePrograms.names)
  func generatedFilesMatchTheirGoldens(example: String) throws {
    let program = try ExamplePrograms.program(example)
    let (files, _) = try SkillPackageGenerator.files(for: program, endpoint: nil)
    #expect(files.count == 1 + program.skill.locales.count)
    for file in files {
      try Golden.assert(
        String(decoding: file.contents, as: UTF8.self),
        matches: "generate/\(example)/\(file.path)")
    }
  }

  @Test func layoutIsTheASKCLIs() throws {
    let program = try ExamplePrograms.program("euro-shop")
    let (files, _) = try SkillPackageGenerator.files(for: program, endpoint: nil)
    #expect(
      files.map(\.path) == [
        "skill-package/skill.json",
        "skill-package/interactionModels/custom/de-DE.json",
        "skill-package/interactionModels/custom/en-GB.json",
      ])
  }

  @Test func interactionModelHasRequiredAndUsedBuiltInsAndTheCatalog() throws {
    let program = try ExamplePrograms.program("no-nicks")
    let model = InteractionModelGenerator.model(for: program, locale: "en-US")
      .interactionModel.languageModel
    #expect(model.invocationName == "no nicks")
    let names = model.intents.map(\.name)
    #expect(names == names.sorted())
    for required in InteractionModelGenerator.requiredBuiltInIntents {
      #expect(names.contains(required), "\(required)")
    }
    #expect(names.contains("AMAZON.YesIntent") && names.contains("AMAZON.NoIntent"))
    let buy = try #require(model.intents.first { $0.name == "BuyIntent" })
    #expect(buy.slots?.map(\.type) == ["CATALOG", "AMAZON.NUMBER"])
    #expect(buy.samples.contains("order {quantity} {product}"))
    let catalog = try #require(model.types.first)
    #expect(catalog.name == InteractionModelGenerator.catalogSlotTypeName)
    #expect(catalog.values.map(\.id) == ["starter_kit"])
    #expect(catalog.values[0].name.value == "Starter Kit")
    #expect(catalog.values[0].name.synonyms == ["kit", "razor kit", "starter pack"])
  }

  @Test func catalogNamesAndSynonymsFollowTheLocale() throws {
    let program = try ExamplePrograms.program("euro-shop")
    for locale in program.skill.locales {
      let catalog = try #require(
        InteractionModelGenerator.model(for: program, locale: locale)
          .interactionModel.languageModel.types.first)
      for value in catalog.values {
        let product = try #require(program.product(id: value.id))
        #expect(value.name.value == product.names[locale])
        #expect(value.name.synonyms ?? [] == product.synonyms[locale] ?? [])
      }
    }
  }

  @Test func manifestOfAPayingFlowAsksForTheAmazonPayPermission() throws {
    let program = try ExamplePrograms.program("no-nicks")
    let (envelope, _) = SkillManifestGenerator.manifest(
      for: program, endpoint: SkillEndpoint(parsing: "https://shop.example.com/alexa"))
    let manifest = envelope.manifest
    #expect(manifest.permissions == [.init(name: "payments:autopay_consent")])
    #expect(manifest.privacyAndCompliance.allowsPurchases)
    #expect(
      manifest.privacyAndCompliance.locales["en-US"]?.privacyPolicyUrl
        == "https://nonicks.example.com/privacy")
    #expect(
      manifest.apis.custom.endpoint
        == .init(uri: "https://shop.example.com/alexa", sslCertificateType: "Trusted"))
  }

  @Test func flowWithoutPaymentAsksForNoPermission() throws {
    var program = try ExamplePrograms.program("no-nicks")
    program.states = program.states.filter {
      if case .connections = $0.value.kind { return false }
      return true
    }
    let (envelope, _) = SkillManifestGenerator.manifest(for: program, endpoint: nil)
    #expect(envelope.manifest.permissions == nil)
    #expect(!envelope.manifest.privacyAndCompliance.allowsPurchases)
    let json = String(decoding: try CanonicalJSON.pretty(envelope), as: UTF8.self)
    #expect(!json.contains("\"permissions\""))
  }

  @Test func endpoints() {
    #expect(
      SkillEndpoint(parsing: "https://a.example.com/x", certificate: .wildcard)
        == .https("https://a.example.com/x", certificate: .wildcard))
    #expect(
      SkillEndpoint(parsing: "arn:aws:lambda:us-east-1:123456789012:function:shop")
        == .lambda("arn:aws:lambda:us-east-1:123456789012:function:shop"))
    #expect(SkillEndpoint(parsing: "http://a.example.com/x") == nil)
    #expect(SkillEndpoint(parsing: "https://") == nil)
    #expect(SkillEndpoint(parsing: "shop") == nil)
  }

  @Test func lambdaEndpointHasNoCertificateType() throws {
    let program = try ExamplePrograms.program("no-nicks")
    let arn = "arn:aws:lambda:us-east-1:123456789012:function:shop"
    let (envelope, warnings) = SkillManifestGenerator.manifest(
      for: program, endpoint: SkillEndpoint(parsing: arn))
    #expect(envelope.manifest.apis.custom.endpoint == .init(uri: arn, sslCertificateType: nil))
    #expect(!warnings.contains { $0.id == "endpoint-missing" })
    let json = String(decoding: try CanonicalJSON.pretty(envelope), as: UTF8.self)
    #expect(!json.contains("sslCertificateType"))
  }

  @Test func missingPublishingBecomesMarkedPlaceholdersWithWarnings() throws {
    var program = try ExamplePrograms.program("no-nicks")
    program.skill.publishing = nil
    let (envelope, warnings) = SkillManifestGenerator.manifest(for: program, endpoint: nil)
    let listing = try #require(envelope.manifest.publishingInformation.locales["en-US"])
    #expect(listing.summary.hasPrefix(SkillManifestGenerator.placeholderPrefix))
    #expect(listing.description.hasPrefix(SkillManifestGenerator.placeholderPrefix))
    #expect(listing.examplePhrases == ["Alexa, open no nicks"])
    #expect(
      envelope.manifest.publishingInformation.category.hasPrefix(
        SkillManifestGenerator.placeholderPrefix))
    #expect(
      envelope.manifest.apis.custom.endpoint.uri.hasPrefix(
        SkillManifestGenerator.placeholderPrefix))
    #expect(
      warnings.map(\.description) == [
        "no summary, description, example phrases, keywords for 'en-US' in 'skill.publishing'; "
          + "skill.json has placeholders [publishing-missing]",
        "no category in 'skill.publishing'; skill.json has a placeholder [publishing-missing]",
        "no --endpoint given; skill.json has a placeholder endpoint [endpoint-missing]",
      ])
  }

  @Test func publishingFromTheIRFillsTheListing() throws {
    var program = try ExamplePrograms.program("no-nicks")
    program.skill.privacyPolicyURL = nil
    program.skill.publishing = Publishing(
      category: "SHOPPING",
      locales: [
        "en-US": LocalePublishing(
          summary: "Razor kits by voice", description: "Buy a starter kit with Amazon Pay.",
          examplePhrases: ["Alexa, open no nicks", "Alexa, ask no nicks to buy a kit"],
          keywords: ["razor", "shaving"], privacyPolicyURL: "https://nonicks.example.com/p")
      ])
    let (envelope, warnings) = SkillManifestGenerator.manifest(
      for: program, endpoint: SkillEndpoint(parsing: "https://shop.example.com/alexa"))
    #expect(warnings.isEmpty, "\(warnings)")
    let manifest = envelope.manifest
    #expect(manifest.publishingInformation.category == "SHOPPING")
    #expect(
      manifest.publishingInformation.locales["en-US"]
        == .init(
          name: "No Nicks", summary: "Razor kits by voice",
          description: "Buy a starter kit with Amazon Pay.",
          examplePhrases: ["Alexa, open no nicks", "Alexa, ask no nicks to buy a kit"],
          keywords: ["razor", "shaving"]))
    #expect(
      manifest.privacyAndCompliance.locales["en-US"]?.privacyPolicyUrl
        == "https://nonicks.example.com/p")
  }

  @Test func missingPrivacyPolicyIsAPlaceholder() throws {
    var program = try ExamplePrograms.program("no-nicks")
    program.skill.privacyPolicyURL = nil
    let (envelope, warnings) = SkillManifestGenerator.manifest(for: program, endpoint: nil)
    #expect(
      envelope.manifest.privacyAndCompliance.locales["en-US"]?.privacyPolicyUrl.hasPrefix(
        SkillManifestGenerator.placeholderPrefix) == true)
    #expect(warnings.contains { $0.id == "privacy-policy-missing" })
  }

  @Test func writesTheFilesUnderTheOutputFolder() throws {
    let program = try ExamplePrograms.program("no-nicks")
    let folder = try TemporaryDirectory(prefix: "flowc-skill-package")
    defer { folder.remove() }
    let (files, _) = try SkillPackageGenerator.files(for: program, endpoint: nil)
    try GeneratedFile.write(files, into: folder.url)
    for file in files {
      let written = try Data(contentsOf: folder.url.appendingPathComponent(file.path))
      #expect(written == file.contents)
    }
  }

  /// Every example's package, with an HTTPS endpoint and with a Lambda ARN, through the
  /// official SMAPI model (`Tests/Conformance/smapi_roundtrip.py`).
  @Test(.enabled(if: Tooling.conformancePython != nil, "needs FLOWC_PYTHON with ask-smapi-model"))
  func everyExamplePackageSurvivesTheSMAPIModel() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-skill-package")
    defer { folder.remove() }
    let endpoints = [
      SkillEndpoint(parsing: "https://shop.example.com/alexa", certificate: .wildcard),
      SkillEndpoint(parsing: "arn:aws:lambda:eu-west-1:123456789012:function:shop"),
    ]
    var fileCount = 0
    for example in ExamplePrograms.names {
      let program = try ExamplePrograms.program(example)
      for (number, endpoint) in endpoints.enumerated() {
        let (files, _) = try SkillPackageGenerator.files(for: program, endpoint: endpoint)
        try GeneratedFile.write(
          files, into: folder.url.appendingPathComponent("\(example)-\(number)"))
        fileCount += files.count
      }
    }
    let script = Golden.repositoryRoot.appendingPathComponent(
      "Tests/Conformance/smapi_roundtrip.py")
    let python = try #require(Tooling.conformancePython)
    let selfTest = try TestProcess.run(python, [script.path, "--self-test"])
    #expect(selfTest.status == 0, "\(selfTest)")
    let run = try TestProcess.run(python, [script.path, folder.url.path])
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.contains("\(fileCount) passed, 0 failed"), "\(run)")
  }
}
