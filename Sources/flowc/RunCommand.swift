import ArgumentParser
import FlowCompiler
import FlowIR
import FlowRuntime
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
    guard let program = ProgramLoader.load(path: flow) else { throw ExitCode.failure }
    let input = FileHandle.standardInput.readDataToEndOfFile()
    do {
      let flowStore = try await FlowStores.open(url: store)
      let engine = FlowEngine(program: program, store: flowStore)
      let response: Data
      do {
        response = try await engine.handle(requestJSON: input)
      } catch {
        try? await flowStore.close()
        throw error
      }
      try await flowStore.close()
      StandardStream.output.write([UInt8](try Self.prettyPrinted(response)))
    } catch {
      Self.printError(String(describing: error))
      throw ExitCode.failure
    }
  }

  /// The response re-encoded for people: pretty, sorted keys, final newline.
  static func prettyPrinted(_ json: Data) throws -> Data {
    let value = try JSONDecoder().decode(JSONValue.self, from: json)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(value)
    data.append(UInt8(ascii: "\n"))
    return data
  }

  /// `flowc: error: message` on one line.
  static func printError(_ message: String) {
    let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    StandardStream.error.write("flowc: error: \(line)\n")
  }
}

/// Defaults of `flowc run`.
enum RunDefaults {
  /// The store used without `--store`: a SQLite file in the working directory (created, with
  /// its folder, on first use), so that a `Connections.Response` in a later run finds the
  /// continuation an earlier run stored.
  static let storeURL = "sqlite:.flowc/flowc.sqlite"
}

/// Reads the flow given to `run`: IR JSON as it is, YAML through the compiler.
enum ProgramLoader {
  /// The program, or `nil` after printing why there is none.
  static func load(path: String) -> FlowProgram? {
    guard let data = FileManager.default.contents(atPath: path) else {
      RunCommand.printError("cannot read '\(path)'")
      return nil
    }
    if isJSON(path: path, data: data) {
      do {
        return try FlowProgram.decode(fromJSON: data)
      } catch {
        RunCommand.printError("'\(path)': \(error)")
        return nil
      }
    }
    let result = FlowDriver.compile(path: path)
    StandardStream.error.write(result.report.rendered(as: .text, colors: false))
    guard let program = result.program else {
      if let summary = result.report.summaryLine { StandardStream.error.write(summary + "\n") }
      if !result.report.hasErrors { RunCommand.printError("'\(path)' produced no IR") }
      return nil
    }
    return program
  }

  /// IR JSON when the extension says so, or when the first non-blank byte opens an object.
  static func isJSON(path: String, data: Data) -> Bool {
    if path.lowercased().hasSuffix(".json") { return true }
    let first = data.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    return first == UInt8(ascii: "{")
  }
}
