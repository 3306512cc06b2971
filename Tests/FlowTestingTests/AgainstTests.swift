import FlowIR
import FlowRuntime
import FlowTestSupport
import Foundation
import Testing

@testable import FlowTesting

/// `flowc test --against`: the stdio transport, the lockstep comparison with the runtime and
/// its normalisation, against `flowc run --lines` and against small fake handlers.
@Suite struct AgainstTests {
  /// `flowc run FLOW --lines` for an example, as a shell command.
  static func flowcLines(_ example: String) throws -> String {
    let binary = try #require(FlowcProcess.binary, "\(TestProcessError.binaryNotFound)")
    return ExampleConversations.shellQuoted(binary.path) + " run "
      + ExampleConversations.shellQuoted(ExampleConversations.flowPath(example)) + " --lines"
  }

  @Test(arguments: ExampleConversations.examples)
  func everyExamplePassesAgainstFlowcRunLines(example: String) async throws {
    let result = try await ExampleConversations.run(example, against: try Self.flowcLines(example))
    #expect(!result.cases.isEmpty)
    #expect(result.passed, "\(ExampleConversations.failures(result))")
    // Coverage comes from the handler's inspections, as complete as the runtime's own.
    for report in result.coverage {
      #expect(report.isComplete, "\(report.text)")
    }
  }

  /// Two runtimes with different random sources and session keys answer every example's
  /// conversations equally after normalisation, though their raw responses differ.
  @Test(arguments: ExampleConversations.examples)
  func normalisationNotLuckMakesTwoRuntimesEqual(example: String) async throws {
    let program = try ExampleConversations.program(example)
    let scripts = try ExampleConversations.scripts(example)
    let differing = RawDifferences()
    let runner = TestRunner(
      program: program, locales: program.skill.locales,
      transport: { reference in
        let random = SeededRandom(seed: 99)
        let other = EngineTransport(
          engine: FlowEngine(
            program: program, store: MemoryFlowStore(), now: reference.engine.now,
            randomBytes: { random.bytes($0) }))
        return RawComparing(
          lockstep: LockstepTransport(subject: other, reference: reference, program: program),
          differing: differing)
      })
    let result = await runner.run(scripts)
    #expect(result.passed, "\(ExampleConversations.failures(result))")
    #expect(differing.count > 0, "no response differed before normalisation")
  }

  // MARK: - Normalisation

  @Test func placeholdersFollowFirstAppearanceAcrossTheConversation() throws {
    let program = try ExampleConversations.program("no-nicks")
    let prefix = program.merchant?.orderIdPrefix ?? ""
    var normaliser = ResponseNormaliser(program: program)
    let id = prefix + "K7M4-RA92"
    let spoken = OrderIdSpeech.ssml(id)
    let envelope = JSONValue.object([
      "response": .object([
        "directives": .array([
          .object([
            "token": .string("abcDEF123"),
            "payload": .object([
              "authorizeAttributes": .object([
                "authorizationReferenceId": .string("K7M4-RA92-1-xyz"),
                "sellerAuthorizationNote": .string("Order \(id)"),
              ]),
              "sellerOrderAttributes": .object(["sellerOrderId": .string(id)]),
            ]),
          ])
        ]),
        "outputSpeech": .object(["ssml": .string("<speak>Order \(spoken).</speak>")]),
      ]),
      "sessionAttributes": .object([
        "flowc": .object([
          "seal": .string("c2VhbA=="),
          "variables": .object(["order.id": .object(["string": .string(id)])]),
        ])
      ]),
    ])
    let normalised = normaliser.normalise(envelope)
    let text = JSONPointer.render(normalised)
    #expect(!text.contains("K7M4"), "\(text)")
    #expect(text.contains(#""sellerOrderId":"<order-id-1>""#))
    #expect(text.contains(#""sellerAuthorizationNote":"Order <order-id-1>""#))
    #expect(text.contains("<speak>Order <order-id-1 spelt out>.</speak>"))
    #expect(text.contains(#""token":"<token-1>""#))
    #expect(text.contains(#""authorizationReferenceId":"<authorization-reference-id-1>""#))
    #expect(text.contains(#""seal":"<seal-1>""#))
    #expect(normaliser.value(.orderId, number: 1) == id)
    // A second id is number 2; the first keeps its number.
    let second = normaliser.normalise(
      .object(["response": .object(["card": .string("\(prefix)AAAA-CCCC and \(id)")])]))
    #expect(
      JSONPointer.render(second).contains("<order-id-2> and <order-id-1>"),
      "\(JSONPointer.render(second))")
  }

  @Test func anInspectionSurvivesItsJSONForm() throws {
    var trace = TurnTrace()
    trace.statesEntered = ["confirm", "charge"]
    trace.answeringState = "charge"
    trace.paymentOutcomes = [(state: "setup", outcome: .success)]
    trace.variables = [
      "quantity": .int(2), "product": .product("starter_kit"),
      "total": .money(Money(minorUnits: 900, currency: "USD")),
    ]
    let inspection = SkillInspection(
      trace: trace, orders: [["id": "NN-K7M4-RA92", "quantity": "2"]],
      agreements: [["billing_agreement_id": "C01-1", "status": "OPEN"]])
    let line = try InspectionLine.answer(inspection)
    #expect(try InspectionLine.inspection(from: line) == inspection)
    #expect(
      try InspectionLine.inspection(from: InspectionLine.answer(.unsupported)) == .unsupported)
    // A wrong member is named by its pointer.
    let wrong = JSONValue.object([
      "flowc": .string("inspect"), "orders": .array([]), "agreements": .array([]),
      "trace": .object(["statesEntered": .number(5)]),
    ])
    #expect(throws: ConversationError("inspection /trace/statesEntered: expected an array")) {
      try InspectionLine.inspection(from: wrong)
    }
  }

  @Test func aDifferenceIsLocatedAndClipped() {
    let long = String(repeating: "a", count: 300)
    let entries = JSONDifference.entries(
      .object(["response": .object(["text": .string(long + "X"), "n": .number(1)])]),
      .object(["response": .object(["text": .string(long + "Y"), "extra": .bool(true)])]))
    #expect(entries.map(\.pointer) == ["/response/extra", "/response/n", "/response/text"])
    let (left, right) = JSONDifference.clipped(entries[2])
    #expect(left.hasPrefix("…\"") && left.hasSuffix("X\""), "\(left)")
    #expect(right.hasSuffix("Y\""))
    #expect(left.count < 140)
    #expect(JSONDifference.clipped(entries[0]) == ("absent", "true"))
  }

  // MARK: - Fake handlers

  /// Runs the no-nicks happy path against a shell command.
  static func happyPath(
    against command: String, compared: Bool = true, answerTimeout: Double = 10,
    exitTimeout: Double = 5
  ) async throws -> TestCaseResult {
    let program = try ExampleConversations.program("no-nicks")
    let script = try #require(
      try ExampleConversations.scripts("no-nicks").first { $0.name == "no-nicks happy path" })
    let runner = TestRunner(
      program: program,
      transport: { reference in
        let handler = StdioTransport(
          command: "cd \(ExampleConversations.shellQuoted(Golden.repositoryRoot.path)) && "
            + command, answerTimeout: answerTimeout, exitTimeout: exitTimeout)
        return compared
          ? LockstepTransport(subject: handler, reference: reference, program: program)
          : handler
      })
    return try #require(await runner.run([script]).cases.first)
  }

  @Test func aHandlerThatDiesFailsWithItsStandardError() async throws {
    let test = try await Self.happyPath(
      against: #"printf 'starting\nTraceback: \033[31mboom\n' >&2; exit 3"#)
    let failure = try #require(test.failure)
    #expect(failure.step == 1)
    #expect(
      failure.message == "the skill under test exited with status 3 without answering the request")
    #expect(failure.details.contains("| Traceback: \\u{1B}[31mboom"), "\(failure.details)")
    #expect(!failure.details.joined().contains("\u{1B}"))
    let json = TestReportFormatter.render(
      TestRunResult(cases: [test], coverage: []), as: .json, coverage: false)
    #expect(json.contains("Traceback: \\\\u{1B}[31mboom"), "\(json)")
  }

  @Test func aHandlerThatPrintsGarbageFails() async throws {
    let test = try await Self.happyPath(against: "read line; echo 'Hello from the skill'; cat")
    let failure = try #require(test.failure)
    #expect(
      failure.message
        == "the skill under test answered the request with a line that is not a JSON object: "
        + "\"Hello from the skill\"")
  }

  @Test func aHandlerThatAnswersLateFails() async throws {
    let marker = "90.\(Int.random(in: 100_000...999_999))"
    let test = try await Self.happyPath(
      against: "read line; sleep \(marker)", answerTimeout: 0.5, exitTimeout: 0.5)
    let failure = try #require(test.failure)
    #expect(failure.message == "the skill under test did not answer the request within 0.5 s")
    // Killed with its whole process group (the shell and its `sleep`), not left running.
    var running = Self.processes(containing: marker)
    for _ in 0..<50 where running > 0 {
      try await Task.sleep(for: .milliseconds(100))
      running = Self.processes(containing: marker)
    }
    #expect(running == 0)
  }

  /// How many live processes have `text` in their command line.
  static func processes(containing text: String) -> Int {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return names.filter { name in
      guard Int(name) != nil,
        let line = FileManager.default.contents(atPath: "/proc/\(name)/cmdline"),
        let status = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
        !status.contains(") Z ")
      else { return false }
      return String(decoding: line, as: UTF8.self).contains(text)
    }.count
  }

  @Test func aHandlerThatSpeaksDifferentlyFailsWithTheDifference() async throws {
    let test = try await Self.happyPath(
      against: try Self.flowcLines("no-nicks") + " | sed -u 's/starter kit for/kit for/g'")
    let failure = try #require(test.failure)
    #expect(failure.step == 1)
    #expect(
      failure.message
        == "the response differs from the built-in runtime's at /response/outputSpeech/text")
    #expect(failure.details.contains(#"at "/response/outputSpeech/text":"#), "\(failure.details)")
    #expect(
      failure.details.contains(
        #"  skill under test: "Welcome to No Nicks. Would you like to buy a kit for $9.00?""#),
      "\(failure.details)")
    #expect(
      failure.details.contains(
        #"  built-in runtime: "Welcome to No Nicks. Would you like to buy a starter kit for $9.00?""#
      ))
    // Without the comparison the same handler passes the script's own assertions up to the
    // one about the speech it changed.
    let unchecked = try await Self.happyPath(
      against: try Self.flowcLines("no-nicks") + " | sed -u 's/starter kit for/kit for/g'",
      compared: false)
    #expect(unchecked.failure?.message.hasPrefix("speech: expected") == true)
  }

  /// A handler in Python that passes requests to `flowc run --lines` and answers inspections
  /// with `unsupported`.
  static func withoutInspection() throws -> String {
    let python = try #require(Tooling.python, "python3 is not installed")
    let script = """
      import json, subprocess, sys
      peer = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
      for line in sys.stdin:
          if "flowc" in json.loads(line):
              print(json.dumps({"flowc": "inspect", "unsupported": True}), flush=True)
              continue
          peer.stdin.write(line)
          peer.stdin.flush()
          print(peer.stdout.readline(), end="", flush=True)
      """
    return ExampleConversations.shellQuoted(python.path) + " -c "
      + ExampleConversations.shellQuoted(script) + " " + (try flowcLines("no-nicks"))
  }

  @Test(.enabled(if: Tooling.python != nil))
  func aHandlerWithoutInspectionFailsOnlyTheAssertionsThatNeedIt() async throws {
    let test = try await Self.happyPath(against: try Self.withoutInspection())
    let failure = try #require(test.failure)
    #expect(failure.step == 1)
    #expect(
      failure.message
        == "state: cannot be checked: the skill under test does not support inspection "
        + "(it answered {\"flowc\":\"inspect\",\"unsupported\":true})")
    // The speech of the same step was checked and passed: the transcript shows the answer.
    #expect(test.transcript.contains { $0.hasPrefix("< Welcome to No Nicks.") })
  }

  @Test func aHandlerThatFailsAtTheEndFailsTheTest() async throws {
    let exits = try await Self.happyPath(against: try Self.flowcLines("no-nicks") + "; exit 4")
    #expect(
      exits.failure?.message == "the skill under test exited with status 4 after its input ended")
    let lingers = try await Self.happyPath(
      against: try Self.flowcLines("no-nicks") + "; sleep 20", exitTimeout: 0.5)
    #expect(
      lingers.failure?.message
        == "the skill under test did not exit within 0.5 s after its input ended and was killed")
  }

  @Test func aCommandThatCannotRunFailsAtTheFirstStep() async throws {
    let test = try await Self.happyPath(against: "/nonexistent/skill-handler")
    let failure = try #require(test.failure)
    #expect(failure.step == 1)
    #expect(failure.message.hasPrefix("the skill under test exited with status 127"))
    #expect(failure.details.contains { $0.contains("/nonexistent/skill-handler") })
  }
}

/// Counts the responses whose raw bytes differ between the two sides of a lockstep.
final class RawDifferences: @unchecked Sendable {
  var count = 0
}

/// A lockstep that also notes when the raw responses differ.
final class RawComparing: SkillTransport {
  let lockstep: LockstepTransport
  let differing: RawDifferences

  init(lockstep: LockstepTransport, differing: RawDifferences) {
    self.lockstep = lockstep
    self.differing = differing
  }

  func answer(_ request: Data) async throws -> Data {
    let answer = try await lockstep.answer(request)
    if let reference = lockstep.reference as? EngineTransport,
      let last = try? await reference.engine.store.processedRequest(
        userId: (try? CanonicalJSON.decode(RequestEnvelope.self, from: request))?.userId ?? "",
        requestId: (try? CanonicalJSON.decode(RequestEnvelope.self, from: request))?.request
          .requestId ?? ""),
      last.response != answer
    {
      differing.count += 1
    }
    return answer
  }

  func inspect(userId: String) async throws -> SkillInspection {
    try await lockstep.inspect(userId: userId)
  }

  func finish() async -> String? { await lockstep.finish() }
}
