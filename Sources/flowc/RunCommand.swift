import ArgumentParser
import FlowCompiler
import FlowIR
import FlowRuntime
import FlowStoreSQL
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
      """
  )

  @Argument(help: "The flow: a YAML flow file or IR JSON.")
  var flow: String

  @Option(
    help: ArgumentHelp(
      "The store: memory: or sqlite:PATH.",
      valueName: "url"))
  var store: String = RunDefaults.storeURL

  func validate() throws {
    if flow == SourceFileReader.standardInputPath {
      throw ValidationError(
        "FLOW cannot be '-': standard input carries the request envelope")
    }
  }

  func run() async throws {
    let program = try CommandOutput.loadProgram(path: flow)
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

/// Defaults of `flowc run`.
enum RunDefaults {
  /// The store used without `--store`: a SQLite file in the working directory (created, with
  /// its folder, on first use), so that a `Connections.Response` in a later run finds the
  /// continuation an earlier run stored.
  static let storeURL = "sqlite:.flowc/flowc.sqlite"

  /// The largest request envelope `flowc run` reads from standard input: 1 MiB, far above
  /// what Alexa sends, so that an endless input (`< /dev/zero`) is refused early.
  static let maximumRequestSize = 1024 * 1024
}
