import ArgumentParser
import FlowCompiler
import FlowIR
import FlowRuntime
import FlowStoreSQL
import FlowTesting
import Foundation

/// `flowc run FLOW [--store URL]`: answers one Alexa request envelope read from standard input
/// with one response envelope on standard output.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Answer one Alexa request envelope (stdin) with a response envelope (stdout).",
    discussion: """
      FLOW is a flow file (YAML, compiled first) or IR JSON (chosen by the .json extension \
      or by content). Continuations, orders and agreements live in the store, so that a \
      Connections.Response in a later run finds the directive sent by an earlier one. \
      The request may be at most \(RunDefaults.maximumRequestSize / 1024) KiB. The turn is \
      stored before the response is printed: when printing fails, sending the same request \
      again prints the stored response. Exit status: 0 answered, 1 when the flow or the \
      input cannot be read (message on standard error, nothing stored) or the response \
      cannot be written (the turn is stored).

      With --lines, flowc answers one envelope per line until the end of standard input: \
      the stdio skill protocol of 'flowc test --against' (docs/testing.md, 'Testing another \
      implementation'). Each line is a request envelope or an inspection question \
      ({"flowc":"inspect","userId":"…"}); each answer is one line, flushed. Blank lines are \
      skipped. The store is memory: unless --store is given. A line may be at most \
      \(RunDefaults.maximumRequestSize / 1024) KiB. Exit status with --lines: 0 at the end \
      of input; 1 when a line is too long, not a request envelope or an inspection question, \
      or an answer cannot be written (message on standard error, the lines before answered).
      """
  )

  @Argument(help: "The flow: a YAML flow file or IR JSON.")
  var flow: String

  @Option(
    help: ArgumentHelp(
      "The store: \(FlowStores.urlForms) (default: \(RunDefaults.storeURL), with --lines "
        + "\(RunDefaults.linesStoreURL)).",
      valueName: "url"))
  var store: String?

  @Flag(help: "Answer line-delimited envelopes and inspection questions until end of input.")
  var lines = false

  func validate() throws {
    if flow == SourceFileReader.standardInputPath {
      throw ValidationError(
        "FLOW cannot be '-': standard input carries the request envelope")
    }
  }

  func run() async throws {
    let program = try CommandOutput.loadProgram(path: flow)
    if lines {
      try await LineSession(
        program: program, store: store ?? RunDefaults.linesStoreURL
      ).run()
      return
    }
    let store = self.store ?? RunDefaults.storeURL
    let input: Data
    switch SourceFileReader.readAll(
      descriptor: STDIN_FILENO, limit: RunDefaults.maximumRequestSize)
    {
    case .success(let bytes): input = Data(bytes)
    case .failure(let failure):
      CommandOutput.error("cannot read the request from standard input: \(failure.reason)")
      throw ExitCode.failure
    }
    let response: [UInt8]
    do {
      let flowStore = try await FlowStores.open(StoreLocation(url: store))
      let engine = FlowEngine(program: program, store: flowStore)
      let answer: FlowAnswer
      do {
        answer = try await engine.answer(requestJSON: input)
      } catch {
        try? await flowStore.close()
        throw error
      }
      try await flowStore.close()
      response = [UInt8](try CanonicalJSON.pretty(answer.envelope))
    } catch {
      CommandOutput.error(String(describing: error))
      throw ExitCode.failure
    }
    // The turn is already stored: a response that cannot be printed is not lost, a replay of
    // the request answers with it.
    do {
      try StandardStream.output.writeChecked(response, "the response")
    } catch {
      CommandOutput.note(
        "the turn was recorded in the store; sending the same request again prints its response")
      throw error
    }
  }
}

/// `flowc run --lines`: the stdio skill protocol on the built-in runtime, one engine and
/// one store for the whole input.
struct LineSession {
  var program: FlowProgram
  var store: String

  func run() async throws {
    let flowStore = try await FlowStores.openForCommand(store)
    do {
      try await answerLines(FlowEngine(program: program, store: flowStore))
    } catch {
      try? await flowStore.close()
      throw error
    }
    try await flowStore.close()
  }

  private func answerLines(_ engine: FlowEngine) async throws {
    var reader = BoundedLineReader(
      descriptor: STDIN_FILENO, maximumLineLength: RunDefaults.maximumRequestSize,
      maximumTotal: Int.max)
    var lastTrace: TurnTrace?
    var number = 0
    while true {
      let text: String
      switch reader.next() {
      case .end: return
      case .failure(let reason):
        CommandOutput.error("cannot read line \(number + 1) of standard input: \(reason)")
        throw ExitCode.failure
      case .line(let line): text = line
      }
      number += 1
      guard !text.allSatisfy(\.isWhitespace) else { continue }
      let data = Data(text.utf8)
      let answer: Data
      do {
        let value = try CanonicalJSON.decode(JSONValue.self, from: data)
        if let userId = try InspectionLine.questionUserId(value) {
          let inspection = try await SkillInspection.read(
            from: engine.store, userId: userId, trace: lastTrace)
          answer = try CanonicalJSON.compact(InspectionLine.answer(inspection))
        } else {
          let answered = try await engine.answer(requestJSON: data)
          lastTrace = answered.trace
          answer = answered.json
        }
      } catch let error as DecodingError {
        CommandOutput.error("line \(number) is not JSON: \(error.shortDescription)")
        throw ExitCode.failure
      } catch {
        CommandOutput.error("line \(number): \(error)")
        throw ExitCode.failure
      }
      try StandardStream.output.writeChecked(Array(answer) + [UInt8(ascii: "\n")], "an answer")
    }
  }
}

extension DecodingError {
  /// The debug description without the coding path, for one-line messages.
  var shortDescription: String {
    switch self {
    case .dataCorrupted(let context), .keyNotFound(_, let context),
      .typeMismatch(_, let context), .valueNotFound(_, let context):
      context.debugDescription
    @unknown default: "\(self)"
    }
  }
}

/// Defaults of `flowc run`.
enum RunDefaults {
  /// The store used without `--store`: a SQLite file in the working directory (created, with
  /// its folder, on first use), so that a `Connections.Response` in a later run finds the
  /// continuation an earlier run stored.
  static let storeURL = "sqlite:.flowc/flowc.sqlite"

  /// The store of `flowc run --lines`: in memory, so that each process starts empty as the
  /// stdio skill protocol wants (one process per conversation).
  static let linesStoreURL = StoreLocation.memoryURL

  /// The largest request envelope `flowc run` reads from standard input: 1 MiB, far above
  /// what Alexa sends, so that an endless input (`< /dev/zero`) is refused early.
  static let maximumRequestSize = 1024 * 1024
}
