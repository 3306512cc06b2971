import FlowIR
import FlowTestSupport
import Foundation
import Testing

@testable import FlowGenerators

/// The dialog model of the interaction model: written for the slots transitions `require`
/// (language v1.1), left out otherwise.
@Suite struct DialogModelTests {
  @Test func requiredSlotsGetTheDialogModelTheirPromptsAndAnswerSamples() throws {
    let program = try ExamplePrograms.program("euro-shop")
    for locale in program.skill.locales {
      let schema = InteractionModelGenerator.model(for: program, locale: locale).interactionModel
      let buy = try #require(schema.languageModel.intents.first { $0.name == "BuyIntent" })
      #expect(buy.slots?.map(\.samples) == [["{product}"], nil])
      let dialog = try #require(schema.dialog)
      #expect(dialog.delegationStrategy == "SKILL_RESPONSE")
      #expect(dialog.intents.map(\.name) == ["BuyIntent"])
      let slots = try #require(dialog.intents.first?.slots)
      #expect(slots.map(\.name) == ["product", "quantity"])
      #expect(slots.map(\.type) == ["CATALOG", "AMAZON.NUMBER"])
      #expect(slots.map(\.elicitationRequired) == [true, false])
      #expect(slots[0].prompts?.elicitation == "Elicit.Slot.BuyIntent.product")
      #expect(slots[1].prompts == nil)
      let prompt = try #require(schema.prompts?.first)
      #expect(prompt.id == "Elicit.Slot.BuyIntent.product")
      let expected =
        locale == "de-DE"
        ? "Möchtest du Espresso oder Filterkaffee?" : "Would you like espresso or filter coffee?"
      #expect(prompt.variations == [.init(type: "PlainText", value: expected)])
    }
  }

  @Test func aFlowWithoutRequireHasNoDialogModel() throws {
    let program = try ExamplePrograms.program("refills-charge-later")
    let (files, _) = try SkillPackageGenerator.files(for: program, endpoint: nil)
    for file in files where file.path.contains("interactionModels") {
      let text = String(decoding: file.contents, as: UTF8.self)
      #expect(!text.contains("\"dialog\""))
      #expect(!text.contains("\"prompts\""))
      #expect(!text.contains("\"samples\": [\n              \"{"))
    }
  }

  @Test func everyAskPromptOfASlotIsAVariationAndPlaceholdersBecomeStatic() throws {
    var program = try ExamplePrograms.program("no-nicks")
    program.prompts["en-US"]?["which_kit"] = Template(
      ssml: false,
      segments: [
        .text("Shall it be the "), .variable("catalog.starter_kit.name"), .text(" for "),
        .variable("catalog.starter_kit.price"), .text("? {Say} it."),
      ])
    program.global["BuyIntent"] = Transition(
      require: [SlotRequirement(slot: "product", ask: "which_kit")], goto: "welcome")
    let prompts = try #require(
      InteractionModelGenerator.model(for: program, locale: "en-US").interactionModel.prompts)
    #expect(prompts.count == 1)
    #expect(
      prompts[0].variations.map(\.value) == [
        "Shall it be the Starter Kit for ? Say it.",
        "Which product would you like? We have the starter kit.",
      ])
  }
}
