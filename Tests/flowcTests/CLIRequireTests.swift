import FlowTestSupport
import Foundation
import Testing

/// `require` (language v1.1) through the built binary: `check` asks for it, `test` and
/// `simulate` play the elicitation, `generate skill-package` writes the dialog model.
@Suite struct CLIRequireTests {
  /// No Nicks without its `require`, and with a transition that reads the quantity unguarded.
  static func strandingFlow() throws -> String {
    var text = try String(contentsOfFile: "examples/no-nicks.yaml", encoding: .utf8)
    text = text.replacingOccurrences(
      of: "          require:\n            product: { ask: which_product, unknown: not_sold }\n",
      with: "")
    text = text.replacingOccurrences(
      of: "set: { product: slot.product, quantity: slot.quantity ?? 1 }",
      with: "set: { product: slot.product, quantity: slot.quantity }")
    return text
  }

  @Test func checkReportsASlotThatCanBeMissingAtTheReadWithTheSample() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-cli-require")
    defer { folder.remove() }
    let flow = folder.appending("shop.yaml")
    let text = try Self.strandingFlow()
    #expect(!text.contains("require:"))
    try Data(text.utf8).write(to: flow)
    let run = try FlowcProcess.run(["check", flow.path])
    #expect(run.status == 1, "\(run)")
    #expect(
      run.stdout.contains(
        "error: 'slot.quantity' may be missing: not every sample of 'BuyIntent' fills 'quantity' [slot-may-be-missing]"
      ), "\(run.stdout)")
    #expect(run.stdout.contains("note: the en-US sample 'buy {product}' has no '{quantity}'"))
    #expect(
      run.stdout.contains(
        "error: 'slot.product' may be missing: not every sample of 'BuyIntent' fills 'product' [slot-may-be-missing]"
      ))
    #expect(run.stdout.contains("note: the en-US sample 'i want to order' has no '{product}'"))
    #expect(run.stderr == "2 errors, 2 warnings generated.\n")
    let explain = try FlowcProcess.run(["explain", "slot-may-be-missing"])
    #expect(explain.status == 0)
    #expect(explain.stdout.contains("require:"))
  }

  @Test func theExamplesPassCheckReleaseWithoutSlotWarnings() throws {
    for example in ["no-nicks", "euro-shop", "refills-charge-later"] {
      let run = try FlowcProcess.run(["check", "--release", "examples/\(example).yaml"])
      #expect(run.status == 0, "\(run)")
      #expect(!run.stdout.contains("slot-may-be"), "\(run.stdout)")
    }
  }

  @Test func testCountsTheElicitationPaths() throws {
    let run = try FlowcProcess.run([
      "test", "examples/no-nicks.yaml", "examples/tests/no-nicks-require.test.yaml",
      "--coverage",
    ])
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.contains("PASS no-nicks asks for a missing or unknown product (en-US)"))
    #expect(run.stdout.contains("  slot elicitations: 2/2 (100%)"))
    let json = try FlowcProcess.run([
      "test", "examples/no-nicks.yaml", "examples/tests/no-nicks-happy-path.test.yaml",
      "--coverage", "--format", "json",
    ])
    let document = try #require(
      try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [String: Any])
    let coverage = try #require((document["coverage"] as? [[String: Any]])?.first)
    let elicitations = try #require(coverage["elicitations"] as? [String: Any])
    #expect(elicitations["total"] as? Int == 2)
    let missed = try #require(elicitations["missed"] as? [[String: String]])
    #expect(
      missed == [
        ["from": "welcome", "on": "BuyIntent ask product"],
        ["from": "welcome", "on": "BuyIntent unknown product"],
      ])
  }

  @Test func simulatePlaysTheElicitation() throws {
    let run = try FlowcProcess.run(
      ["simulate", "examples/no-nicks.yaml"],
      stdin: Data("i want to order\nrooibos\nrazor kit\n".utf8))
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.contains("< Which product would you like? We have the starter kit."))
    #expect(run.stdout.contains("directive: Dialog.ElicitSlot product of BuyIntent"))
    #expect(run.stdout.contains("< Sorry, No Nicks doesn't sell rooibos. Which product"))
    #expect(run.stdout.contains("< That is 1 Starter Kit for $9.00."))
  }

  @Test func theSchemasKnowRequireAndElicit() throws {
    let flow = try FlowcProcess.run(["schema"])
    #expect(flow.status == 0)
    let document = try #require(
      try JSONSerialization.jsonObject(with: flow.stdoutBytes) as? [String: Any])
    let definitions = try #require(document["$defs"] as? [String: Any])
    let required = try #require(definitions["requiredSlot"] as? [String: Any])
    #expect(required["required"] as? [String] == ["ask"])
    #expect((required["properties"] as? [String: Any])?.keys.sorted() == ["ask", "unknown"])
    let test = try FlowcProcess.run(["schema", "test"])
    #expect(test.stdout.contains("\"elicit\""))
  }

  @Test func generateWritesTheDialogModel() throws {
    let folder = try TemporaryDirectory(prefix: "flowc-cli-require-generate")
    defer { folder.remove() }
    let run = try FlowcProcess.run([
      "generate", "skill-package", "examples/no-nicks.yaml", "-o", folder.url.path,
    ])
    #expect(run.status == 0, "\(run)")
    let data = try Data(
      contentsOf: folder.appending("skill-package/interactionModels/custom/en-US.json"))
    let model =
      try #require(
        try JSONSerialization.jsonObject(with: data) as? [String: Any])["interactionModel"]
      as? [String: Any]
    let dialog = try #require(model?["dialog"] as? [String: Any])
    #expect(dialog["delegationStrategy"] as? String == "SKILL_RESPONSE")
    let intent = try #require((dialog["intents"] as? [[String: Any]])?.first)
    #expect(intent["name"] as? String == "BuyIntent")
    let slots = try #require(intent["slots"] as? [[String: Any]])
    #expect(slots.map { $0["elicitationRequired"] as? Bool } == [true, false])
    let prompts = try #require(model?["prompts"] as? [[String: Any]])
    #expect(prompts.first?["id"] as? String == "Elicit.Slot.BuyIntent.product")
    let variations = try #require(prompts.first?["variations"] as? [[String: String]])
    #expect(
      variations == [
        ["type": "PlainText", "value": "Which product would you like? We have the starter kit."]
      ])
  }
}
