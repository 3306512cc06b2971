import FlowIR
import FlowTestSupport
import Foundation
import Testing

@testable import FlowGenerators

@Suite struct AskPythonTests {
  /// The files flowc writes for this flow itself (the support module, the runner and the skill
  /// package are checked against their sources below).
  static let flowFiles = [
    "ask-resources.json", "README.md", "lambda/lambda_function.py", "lambda/requirements.txt",
  ]

  /// The generated project of every example, file by file against its golden.
  @Test(arguments: ExamplePrograms.names)
  func generatedFilesMatchTheirGoldens(example: String) throws {
    let program = try ExamplePrograms.program(example)
    let files = try AskPythonGenerator.files(for: program, endpoint: nil).files
    for path in Self.flowFiles {
      let file = try #require(files.first { $0.path == path }, "\(path)")
      try Golden.assert(
        String(decoding: file.contents, as: UTF8.self),
        matches: "generate/\(example)/ask-python/\(path)")
    }
  }

  @Test func globalIntentsAreOneHandlerEachHoweverManyAskStatesThereAre() throws {
    // 300 `ask` states and 300 global intents: one handler per global intent, one per state
    // and intent of its own, one "other intent" handler per state. A handler per state and
    // global intent (as before) made 90,000 classes.
    var program = try ExamplePrograms.program("no-nicks")
    let count = 300
    for number in 0..<count {
      program.global["Extra\(number)Intent"] = Transition(goto: "goodbye")
      let id = "extra_\(number)"
      program.states[id] = State(
        id: id,
        kind: .ask(
          AskState(
            prompt: "welcome", reprompt: nil, card: nil,
            on: ["AMAZON.YesIntent": Transition(goto: "extra_\((number + 1) % count)")])))
    }
    let files = try AskPythonGenerator.files(for: program, endpoint: nil).files
    let module = try #require(files.first { $0.path == "lambda/lambda_function.py" })
    let text = String(decoding: module.contents, as: UTF8.self)
    let handlers = text.components(separatedBy: "(AbstractRequestHandler):").count - 1
    let asks = program.states.values.filter { if case .ask = $0.kind { true } else { false } }
    let own = asks.map { state -> Int in
      guard case .ask(let ask) = state.kind else { return 0 }
      return ask.on.count
    }.reduce(0, +)
    // Launch and start-over besides.
    #expect(handlers == own + program.global.count + asks.count + 2)
    #expect(text.contains("class GlobalExtra7IntentHandler(AbstractRequestHandler):"))
  }

  @Test func layoutIsAnASKCLIProjectWithTheSupportFilesAndTheSkillPackage() throws {
    let program = try ExamplePrograms.program("euro-shop")
    let (files, warnings) = try AskPythonGenerator.files(for: program, endpoint: nil)
    #expect(
      files.map(\.path) == [
        "ask-resources.json", "README.md", "local_runner.py", "lambda/lambda_function.py",
        "lambda/flowc_support.py", "lambda/requirements.txt", "skill-package/skill.json",
        "skill-package/interactionModels/custom/de-DE.json",
        "skill-package/interactionModels/custom/en-GB.json",
      ])
    let package = try SkillPackageGenerator.files(for: program, endpoint: nil)
    #expect(Array(files.suffix(package.files.count)) == package.files)
    #expect(warnings == package.warnings)
    let contents = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
    #expect(contents["lambda/flowc_support.py"] == Data(PythonSupportFiles.supportModule.utf8))
    #expect(contents["local_runner.py"] == Data(PythonSupportFiles.localRunner.utf8))
    #expect(
      contents["lambda/requirements.txt"]
        == Data("ask-sdk-core==1.19.0\nask-sdk-dynamodb-persistence-adapter==1.19.0\n".utf8))
  }

  /// `requirements.txt` pins what the tests run the skill on: the versions the conformance venv
  /// installs.
  @Test func requirementsAreTheVersionsTheVenvInstalls() throws {
    let script = try String(
      contentsOf: Golden.repositoryRoot.appendingPathComponent("scripts/conformance-venv.sh"),
      encoding: .utf8)
    for (name, version) in AskPythonGenerator.requirements {
      #expect(script.contains("\"\(name)==\(version)\""), "\(name) \(version)")
    }
  }

  @Test func sameProgramGivesTheSameBytes() throws {
    let program = try ExamplePrograms.program("no-nicks")
    let first = try AskPythonGenerator.files(for: program, endpoint: nil).files
    let second = try AskPythonGenerator.files(for: program, endpoint: nil).files
    #expect(first == second)
  }

  @Test func stringLiteralsEscapeEverythingThatCouldEndThemOrHideCode() {
    #expect(PythonLiteral.string("plain") == "\"plain\"")
    #expect(PythonLiteral.string("a \"b\" \\ c") == #""a \"b\" \\ c""#)
    #expect(PythonLiteral.string("x\"\"\"y") == #""x\"\"\"y""#)
    #expect(PythonLiteral.string("one\ntwo\r\tthree") == #""one\ntwo\r\tthree""#)
    #expect(PythonLiteral.string("\u{0}\u{1B}\u{7F}") == #""\x00\x1b\x7f""#)
    #expect(PythonLiteral.string("\u{2028}\u{202E}\u{A0}") == #""\u2028\u202e\xa0""#)
    #expect(PythonLiteral.string("Kaffee für 9,00 € ☕ コーヒー") == "\"Kaffee für 9,00 € ☕ コーヒー\"")
    #expect(PythonLiteral.commentText("a\nimport os") == "a\\nimport os")
  }

  @Test func namesAreValidUniqueAndReadable() {
    var names = PythonNames(reserved: ["STATES"])
    #expect(
      names.className(["confirm_order", "AMAZON.YesIntent"], suffix: "Handler")
        == "ConfirmOrderYesIntentHandler")
    #expect(names.function("enter", "confirm_order") == "enter_confirm_order")
    #expect(names.function("enter", "confirm order") == "enter_confirm_order_2")
    #expect(names.constant("states", suffix: "") == "STATES_2")
    #expect(names.function("", "class") == "class_2")
    #expect(names.function("", "1st") == "n1st")
    #expect(names.className(["\"\"\"; import os"], suffix: "Handler") == "ImportOsHandler")
  }

  @Test func manyIdsWithOneNameAreNumberedInOrder() {
    // 5,000 ids that give the same name (an IR may name states anything): numbered 2, 3, …
    // in order, each found where the last search stopped, and a name taken on the way skipped.
    var names = PythonNames()
    #expect(names.function("enter", "a_b_7") == "enter_a_b_7")
    #expect(names.function("enter", "a b") == "enter_a_b")
    let separators = ["-", ".", " ", "/", ":"]
    let given = (0..<5_000).map { names.function("enter", "a" + separators[$0 % 5] + "b") }
    #expect(Array(given.prefix(7)) == [2, 3, 4, 5, 6, 8, 9].map { "enter_a_b_\($0)" })
    #expect(Set(given).count == given.count)
    #expect(given.last == "enter_a_b_5002")
  }

  @Test func conditionsCompileToTheSupportModulesComparisons() {
    let condition = Condition.and([
      .test(.path("agreement.open")),
      .or([
        .compare(
          .greaterOrEqual, .path("order.total"),
          .literal(.money(Money(minorUnits: 5000, currency: "EUR")))),
        .not(.compare(.equal, .path("product"), .literal(.string("kit\"")))),
      ]),
    ])
    #expect(
      PythonIR.condition(condition, turn: "turn")
        == "flowc.is_true(turn.value(\"agreement.open\")) and "
        + "(flowc.compare(\">=\", turn.value(\"order.total\"), flowc.Money(5000, \"EUR\")) or "
        + "not flowc.compare(\"==\", turn.value(\"product\"), \"kit\\\"\"))")
  }

  // MARK: - Python

  /// The venv's python when it has what the generated skill imports and the linter.
  static let python: URL? = {
    guard let python = Tooling.conformancePython else { return nil }
    let run = try? TestProcess.run(
      python, ["-c", "import ask_sdk_core, ask_sdk_dynamodb, pyflakes"], timeout: 60)
    return run?.status == 0 ? python : nil
  }()

  /// Writes the project of `program` into `folder` and checks every Python file with
  /// `py_compile` and `pyflakes`.
  static func compileAndLint(_ program: FlowProgram, in folder: URL) throws {
    let python = try #require(Self.python)
    let files = try AskPythonGenerator.files(for: program, endpoint: nil).files
    try GeneratedFile.write(files, into: folder)
    let sources = files.filter { $0.path.hasSuffix(".py") }.map {
      folder.appendingPathComponent($0.path).path
    }
    #expect(sources.count == 3)
    let compile = try TestProcess.run(python, ["-m", "py_compile"] + sources)
    #expect(compile.status == 0, "\(compile)")
    let lint = try TestProcess.run(python, ["-m", "pyflakes"] + sources)
    #expect(lint.status == 0 && lint.stdout.isEmpty, "\(lint)")
  }

  @Test(
    .enabled(if: python != nil, "needs FLOWC_PYTHON with ask-sdk-core and pyflakes"),
    arguments: ExamplePrograms.names)
  func everyExampleCompilesAndLintsClean(example: String) throws {
    let folder = try TemporaryDirectory(prefix: "flowc-ask-python")
    defer { folder.remove() }
    try Self.compileAndLint(try ExamplePrograms.program(example), in: folder.url)
  }

  /// Quotes, backslashes, newlines, `"""`, control and format characters and non-ASCII text in
  /// prompts, names and ids give valid Python that says exactly the same text.
  @Test(.enabled(if: python != nil, "needs FLOWC_PYTHON with ask-sdk-core and pyflakes"))
  func hostileFlowTextStaysText() throws {
    let hostile = "x\"\"\" + __import__('os').system('true') + \"\"\"\\'\n#\r\t\u{0}\u{202E}é☕"
    var program = try ExamplePrograms.program("no-nicks")
    program.skill.name = hostile
    program.prompts["en-US"]?["goodbye"] = Template(
      ssml: false, segments: [.text(hostile), .variable("product.name"), .text("\"\"\"")])
    program.products[0].names["en-US"] = hostile
    program.products[0].synonyms["en-US"] = [hostile]
    program.merchant?.orderIdPrefix = hostile
    program.sourceMap.file = "/tmp/\(hostile).yaml"
    Self.rename(state: "goodbye", to: hostile, in: &program)
    let folder = try TemporaryDirectory(prefix: "flowc-ask-python-hostile")
    defer { folder.remove() }
    try Self.compileAndLint(program, in: folder.url)

    let python = try #require(Self.python)
    let script = """
      import json, os, sys
      os.environ["FLOWC_LOCAL_STORE"] = ":memory:"
      sys.path.insert(0, sys.argv[1])
      import lambda_function as skill
      template = skill.PROMPTS["en-US"]["goodbye"]
      print(json.dumps({
          "segments": [s if isinstance(s, str) else {"var": s.path} for s in template.segments],
          "states": sorted(skill.STATES), "product": skill.PRODUCTS[0].names["en-US"],
          "prefix": skill.MERCHANT.order_id_prefix}))
      """
    let run = try TestProcess.run(
      python, ["-c", script, folder.url.appendingPathComponent("lambda").path])
    #expect(run.status == 0, "\(run)")
    struct Seen: Decodable {
      var segments: [JSONValue]
      var states: [String]
      var product: String
      var prefix: String
    }
    let seen = try JSONDecoder().decode(Seen.self, from: Data(run.stdout.utf8))
    #expect(
      seen.segments == [
        .string(hostile), .object(["var": .string("product.name")]), .string("\"\"\""),
      ])
    #expect(seen.states == program.states.keys.sorted())
    #expect(seen.product == hostile)
    #expect(seen.prefix == hostile)
  }

  /// Renames a state and every reference to it.
  static func rename(state old: String, to new: String, in program: inout FlowProgram) {
    func moved(_ transition: Transition) -> Transition {
      var transition = transition
      if transition.goto == old { transition.goto = new }
      return transition
    }
    var states: [String: State] = [:]
    for (id, var state) in program.states {
      switch state.kind {
      case .ask(var ask):
        ask.on = ask.on.mapValues(moved)
        state.kind = .ask(ask)
      case .connections(var connections):
        connections.on = connections.on.mapValues(moved)
        state.kind = .connections(connections)
      case .choose(var choose):
        choose.branches = choose.branches.map {
          ChooseBranch(condition: $0.condition, goto: $0.goto == old ? new : $0.goto)
        }
        if choose.otherwise == old { choose.otherwise = new }
        state.kind = .choose(choose)
      case .tell: break
      }
      state.id = id == old ? new : id
      states[state.id] = state
    }
    program.states = states
    program.global = program.global.mapValues(moved)
    if program.start == old { program.start = new }
    program.sourceMap.states[new] = program.sourceMap.states.removeValue(forKey: old)
  }
}
