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
      FLOW is a flow file (YAML, compiled first) or IR JSON (by the .json extension or by
      content). Continuations, orders and agreements live in the store, so that a
      Connections.Response in a later run finds the directive sent by an earlier one.
      Exit status: 0 answered, 1 unreadable flow or input (message on stderr).
      """
  )

  /// The default store: the in-memory store until the SQLite driver is part of the build.
  static let defaultStoreURL = RunDefaults.storeURL

  @Argument(help: "The flow: a YAML flow file or IR JSON.")
  var flow: String

  @Option(
    help: "The store URL: memory:, sqlite:PATH or postgres://… (default: \(RunDefaults.storeURL)).")
  var store: String = RunDefaults.storeURL

  func run() async throws {
    let program: FlowProgram
    do {
      program = try ProgramLoader.load(path: flow)
    } catch let failure as RunFailure {
      Self.printError(failure.message)
      throw ExitCode(1)
    }
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
      FileHandle.standardOutput.write(try Self.prettyPrinted(response))
    } catch {
      Self.printError(String(describing: error))
      throw ExitCode(1)
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

  static func printError(_ message: String) {
    let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    FileHandle.standardError.write(Data("error: \(line)\n".utf8))
  }
}

/// Defaults of `flowc run`.
enum RunDefaults {
  /// `memory:` for now; `sqlite:.flowc/flowc.sqlite` once the SQLite driver is registered in
  /// `FlowStores`.
  static let storeURL = "memory:"
}

/// A failure to read the flow, with the text to print.
struct RunFailure: Error {
  var message: String
}

/// Reads a flow given to `run`: IR JSON as it is, YAML through the compiler.
enum ProgramLoader {
  static func load(path: String) throws -> FlowProgram {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw RunFailure(message: "cannot read '\(path)'")
    }
    if isJSON(path: path, data: data) {
      do {
        return try FlowProgram.decode(fromJSON: data)
      } catch {
        throw RunFailure(message: "\(path): \(error)")
      }
    }
    let file = SourceFile(path: path, bytes: [UInt8](data))
    let result = FlowCompiler.compile(file)
    let rendered = result.diagnostics.sortedByPosition().map { render($0, file: file) }
    if !rendered.isEmpty {
      FileHandle.standardError.write(Data((rendered.joined(separator: "\n") + "\n").utf8))
    }
    guard let program = result.program, !result.diagnostics.hasErrors else {
      throw RunFailure(
        message: result.diagnostics.hasErrors
          ? "'\(path)' has errors" : "'\(path)' did not compile to a program")
    }
    return program
  }

  /// IR JSON when the extension says so, or when the first non-blank byte opens an object.
  static func isJSON(path: String, data: Data) -> Bool {
    if path.lowercased().hasSuffix(".json") { return true }
    let first = data.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    return first == UInt8(ascii: "{")
  }

  /// `path:line:col: severity: message [id]`, the source line and a caret under the range.
  static func render(_ diagnostic: Diagnostic, file: SourceFile) -> String {
    var lines: [String] = []
    lines.append(
      header(
        file.path, diagnostic.range, diagnostic.severity.rawValue,
        "\(diagnostic.message) [\(diagnostic.id)]"))
    if let range = diagnostic.range { lines += excerpt(range, file: file) }
    for note in diagnostic.notes {
      lines.append(header(file.path, note.range, "note", note.message))
      if let range = note.range { lines += excerpt(range, file: file) }
    }
    return lines.joined(separator: "\n")
  }

  private static func header(
    _ path: String, _ range: SourceRange?, _ severity: String,
    _ message: String
  ) -> String {
    guard let start = range?.start else { return "\(path): \(severity): \(message)" }
    return "\(path):\(start.line):\(start.column): \(severity): \(message)"
  }

  private static func excerpt(_ range: SourceRange, file: SourceFile) -> [String] {
    guard let text = file.lineText(range.start.line) else { return [] }
    let startColumn = max(1, range.start.column)
    let lineLength = text.count
    let endColumn =
      range.end.line == range.start.line
      ? max(startColumn + 1, range.end.column) : max(startColumn + 1, lineLength + 1)
    let underline = "^" + String(repeating: "~", count: max(0, endColumn - startColumn - 1))
    return [text, String(repeating: " ", count: startColumn - 1) + underline]
  }
}
