public import FlowIR
import Foundation

extension FlowDriver {
  /// What loading a flow to run it gave: the program, or why there is none.
  public struct LoadedProgram: Sendable {
    /// The program, or `nil` when the flow could not be read, decoded or compiled.
    public var program: FlowProgram?
    /// The compiler's diagnostics of a YAML flow (warnings even when there is a program);
    /// empty for IR JSON.
    public var report: DiagnosticReport
    /// A one-line reason when there is no program and the report does not say why (the file
    /// cannot be read, the IR JSON does not decode, the compiler gave no program and no
    /// error); `nil` otherwise.
    public var failure: String?
  }

  /// Loads the flow that `flowc run`, `test` and `simulate` take: IR JSON as it is, a YAML flow
  /// file through the compiler. The file is read once, as ``SourceFileReader`` reads (at most
  /// its maximum size, no pipes, `-` for standard input).
  ///
  /// - Parameters:
  ///   - path: The flow file, as the user gave it (kept for messages).
  ///   - options: Compilation options for a YAML flow.
  /// - Returns: The program, or the diagnostics and the reason why there is none.
  public static func loadProgram(path: String, options: CompileOptions = CompileOptions())
    -> LoadedProgram
  {
    let file: SourceFile
    switch SourceFileReader.load(path: path) {
    case .failure(let failure):
      return LoadedProgram(
        program: nil, report: DiagnosticReport(files: []),
        failure: "cannot read '\(path)': \(failure.reason)")
    case .success(let read): file = read
    }
    let bytes = file.bytes
    let data = Data(bytes)
    if isIRJSON(path: path, bytes: bytes) {
      do {
        return LoadedProgram(
          program: try FlowProgram.decode(fromJSON: data), report: DiagnosticReport(files: []),
          failure: nil)
      } catch {
        return LoadedProgram(
          program: nil, report: DiagnosticReport(files: []), failure: "'\(path)': \(error)")
      }
    }
    let result = FlowCompiler.compile(file, options: options)
    let report = DiagnosticReport(files: [
      FileDiagnostics(file: file, diagnostics: result.diagnostics)
    ])
    guard !report.hasErrors, let program = result.program else {
      return LoadedProgram(
        program: nil, report: report,
        failure: report.hasErrors ? nil : "'\(path)' produced no IR")
    }
    return LoadedProgram(program: program, report: report, failure: nil)
  }

  /// Whether a flow file holds IR JSON: the extension says so (`.json`), or the first byte
  /// that is not white space or a byte order mark opens an object.
  ///
  /// - Parameters:
  ///   - path: The file's path.
  ///   - bytes: The file's content.
  /// - Returns: `true` for IR JSON, `false` for a YAML flow.
  public static func isIRJSON(path: String, bytes: [UInt8]) -> Bool {
    if path.lowercased().hasSuffix(".json") { return true }
    let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    return first == UInt8(ascii: "{")
  }
}
