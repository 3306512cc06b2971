import FlowCompiler
import FlowIR
import Foundation
import Testing

@testable import FlowTesting

@Suite struct SimulatorSessionTests {
  let program: FlowProgram

  init() throws {
    program = try Repository.example("no-nicks")
  }

  @Test func aConversationAsksForThePaymentOutcome() async throws {
    let session = SimulatorSession(program: program, locale: "en-US")
    let start = await session.start()
    #expect(
      start.output.contains("< Welcome to No Nicks. Would you like to buy a starter kit for $9.00?")
    )
    #expect(start.output.contains("  card: Simple \"Welcome to No Nicks\""))
    #expect(start.output.contains("  state: welcome (session open)"))
    #expect(session.prompt == "you> ")
    let confirm = await session.handle("buy a razor kit")
    #expect(confirm.output.contains("(\"buy a razor kit\" → BuyIntent product=razor kit)"))
    let setup = await session.handle("yes")
    #expect(setup.output.contains("  directive: Connections.SendRequest Setup (token "))
    #expect(
      setup.output.contains(
        "Amazon Pay Setup: which outcome? success | permission_denied | error [CODE]"))
    #expect(session.prompt == "amazon pay setup> ")
    let unclear = await session.handle("maybe")
    #expect(unclear.output.hasPrefix("Amazon Pay Setup: which outcome?"))
    let checkout = await session.handle("success")
    #expect(checkout.output.contains("< Your total is $9.00, shipping to 410 Terry Ave N."))
    #expect(session.prompt == "you> ")
    _ = await session.handle("yes")
    let declined = await session.handle("declined AmazonRejected")
    #expect(declined.output.contains("  state: declined (session ended)"))
  }

  @Test func commandsShowStateVariablesAndJSON() async throws {
    let session = SimulatorSession(program: program, locale: "en-US", fixedOutcome: .success)
    _ = await session.start()
    _ = await session.handle(":intent BuyIntent product=starter_kit quantity=3")
    let state = await session.handle(":state")
    #expect(state.output.contains("state: confirm_order (ask)"))
    #expect(
      state.output.contains("listens for: AMAZON.CancelIntent, AMAZON.HelpIntent, AMAZON.NoIntent"))
    let variables = await session.handle(":vars")
    #expect(variables.output.contains("quantity = 3"))
    #expect(variables.output.contains("product = starter_kit"))
    let json = await session.handle(":json")
    #expect(json.output.contains("\"type\" : \"IntentRequest\""))
    #expect(json.output.contains("response:"))
    // With --pay the outcome is played at once.
    let paid = await session.handle("yes")
    #expect(paid.output.contains("(Amazon Pay answers: success)"))
    #expect(paid.output.contains("state: checkout (session open)"))
    let unknown = await session.handle(":dance")
    #expect(unknown.output == "unknown command ':dance'; :help lists the commands\n")
    let help = await session.handle(":help")
    #expect(help.output.contains(":save FILE"))
    // A line no sample matches is AMAZON.FallbackIntent, as on a device: the flow's fallback
    // prompt, then the state's question again.
    let noMatch = await session.handle("sing a song")
    #expect(
      noMatch.output.contains("(\"sing a song\" → AMAZON.FallbackIntent (no sample matches))"))
    #expect(noMatch.output.contains("< Sorry, I did not get that."))
    #expect(session.conversation.currentState == "checkout")
    #expect((await session.handle(":quit")).quit)
  }

  @Test func cardsShowTheirTextLineByLine() async throws {
    let session = SimulatorSession(program: program, locale: "en-US", fixedOutcome: .success)
    _ = await session.start()
    _ = await session.handle("yes")
    _ = await session.handle("yes")
    let ordered = await session.handle("yes")
    #expect(
      ordered.output.contains(
        """
          card: Simple "Order Confirmation Details":
            | Products: 1 Starter Kit
            | Total amount: $9.00
            | Thanks for shaving with No Nicks
        """), "\(ordered.output)")
    #expect(!ordered.output.contains("\\n"))
  }

  @Test func usersAndResetKeepStoresApart() async throws {
    let session = SimulatorSession(program: program, locale: "en-US", fixedOutcome: .success)
    _ = await session.start()
    _ = await session.handle("yes")
    _ = await session.handle("yes")
    _ = await session.handle("yes")
    #expect(session.conversation.currentState == "thanks")
    _ = await session.handle(":user bob")
    _ = await session.handle(":launch")
    #expect((await session.handle(":vars")).output.contains("agreement.open = false"))
    _ = await session.handle(":user default")
    _ = await session.handle(":launch")
    #expect((await session.handle(":vars")).output.contains("agreement.open = true"))
    let reset = await session.handle(":reset")
    #expect(reset.output.hasPrefix("(fresh store, new conversation)"))
    #expect((await session.handle(":vars")).output.contains("agreement.open = false"))
    #expect(session.recorded.count == 1)
  }

  @Test func anElicitationIsShownSavedAndReplayed() async throws {
    let session = SimulatorSession(program: program, locale: "en-US")
    _ = await session.start()
    let ask = await session.handle("i want to order")
    #expect(ask.output.contains("  directive: Dialog.ElicitSlot product of BuyIntent"))
    #expect(await session.handle(":state").output.contains("asking for: product of BuyIntent"))
    let unknown = await session.handle("rooibos")
    #expect(unknown.output.contains("< Sorry, No Nicks doesn't sell rooibos."))
    let confirm = await session.handle("razor kit")
    #expect(confirm.output.contains("  state: confirm_order (session open)"))
    #expect(!(await session.handle(":state").output.contains("asking for")))
    let script = session.recordedScript(name: "elicitation")
    #expect(
      script.contains(
        "  - say: \"rooibos\"\n    expect:\n      state: \"welcome\"\n      elicit: \"product\"\n"))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flowc-sim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("elicitation.test.yaml").path
    try Data(script.utf8).write(to: URL(fileURLWithPath: path))
    let (parsed, diagnostics) = TestScriptParser.parse(path: path)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    let replay = await TestRunner(program: program).run([try #require(parsed)])
    #expect(replay.passed, "\(TestReportFormatter.render(replay, as: .text, coverage: false))")
  }

  @Test func aSavedConversationReplaysAsATest() async throws {
    let session = SimulatorSession(program: program, locale: "en-US")
    _ = await session.start()
    for line in [
      "help", "order 2 kit", "yes", "success", ":user carol", ":permission denied", "open no nicks",
      "yes", "yes", ":user default", "open no nicks", "yes", "yes", "error InvalidSellerId",
      ":new", ":launch", ":intent AMAZON.YesIntent", "yes", "success", "yes!", "declined",
    ] {
      _ = await session.handle(line)
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flowc-sim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("recorded.test.yaml").path
    let saved = await session.handle(":save \(path)")
    #expect(saved.output.hasPrefix("saved 22 steps to \(path)"))
    let (script, diagnostics) = TestScriptParser.parse(path: path)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    let replay = await TestRunner(program: try #require(Optional(program))).run([
      try #require(script)
    ])
    #expect(replay.passed, "\(TestReportFormatter.render(replay, as: .text, coverage: false))")
    // Each turn was recorded with its state, its exact speech and whether the session ended.
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(
      text.contains(
        "  - say: \"order 2 kit\"\n    expect:\n      state: \"confirm_order\"\n      speech: { equals: \"That is 2 Starter Kit for $18.00. Shall I check out with Amazon Pay?\" }\n      session_ended: false\n"
      ))
    #expect(text.contains("  - pay: { declined: \"AmazonRejected\" }\n"))
    #expect(text.contains("  - user: \"carol\"\n  - permission: denied\n"))

    // An edit that breaks the flow fails the replay with a readable transcript.
    var broken = program
    if case .ask(var ask)? = broken.states["confirm_order"]?.kind {
      ask.on["AMAZON.YesIntent"] = Transition(goto: "goodbye")
      broken.states["confirm_order"] = State(id: "confirm_order", kind: .ask(ask))
    }
    let failed = await TestRunner(program: broken).run([try #require(script)])
    #expect(!failed.passed)
    let report = TestReportFormatter.render(failed, as: .text, coverage: false)
    #expect(report.contains("state: expected \"setup\", got \"goodbye\""))
  }
}
