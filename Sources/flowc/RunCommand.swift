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
      Exit status: 0 answered, 1 when the flow or the input cannot be read (message on \
      standard error, nothing stored).
      """
  )

  @Argument(help: "The flow: a YAML flow file or IR JSON.")
  var flow: String

  @Option(
    help: ArgumentHelp(
      "The store: memory: or sqlite:PATH.",
      valueName: "url"))
  var store: String = RunDefaults.storeURL

  func run() async throws {
    let program = try CommandOutput.loadProgram(path: flow)
    let input = FileHandle.standardInput.readDataToEndOfFile()
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
      StandardStream.output.write([UInt8](try CanonicalJSON.pretty(answer.envelope)))
    } catch {
      CommandOutput.error(String(describing: error))
      throw ExitCode.failure
    }
  }
}

/// Defaults of `flowc run`.
enum RunDefaults {
  /// The store used without `--store`: a SQLite file in the working directory (created, with
  /// its folder, on first use), so that a `Connections.Response` in a later run finds the
  /// continuation an earlier run stored.
  static let storeURL = "sqlite:.flowc/flowc.sqlite"
}
