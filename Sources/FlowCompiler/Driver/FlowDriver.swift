public import FlowIR
import Foundation

/// What the `flowc` commands do, as library calls: read the files, compile them, and gather
/// the diagnostics into a ``DiagnosticReport``. The executable only parses arguments, prints
/// and exits.
public enum FlowDriver {
  /// Checks flow files: reads and compiles each one.
  ///
  /// - Parameters:
  ///   - paths: The files, in the order the report lists them (`-` is standard input, read
  ///     once). A file that cannot be read gets an `unreadable-file` error and the others are
  ///     still checked.
  ///   - options: Compilation options (`--release`).
  ///   - warningsAsErrors: Turns every warning into an error.
  /// - Returns: The diagnostics of every file.
  public static func check(
    paths: [String], options: CompileOptions = CompileOptions(), warningsAsErrors: Bool = false
  ) -> DiagnosticReport {
    // Checking needs every diagnostic but no IR: it stops after the check stage (the same
    // diagnostics, about half the time on large flows).
    var standardInputRead = false
    let report = DiagnosticReport(
      files: paths.enumerated().map { index, path in
        if path == SourceFileReader.standardInputPath {
          // Standard input ends once; a second '-' would check an empty file.
          defer { standardInputRead = true }
          if standardInputRead {
            return FileDiagnostics(
              file: SourceFile(path: SourceFileReader.standardInputName, bytes: []),
              diagnostics: [
                DiagnosticCatalogue.unreadableFile(
                  reason: "standard input was read for an earlier '-'")
              ])
          }
        }
        switch SourceFileReader.read(path: path) {
        case .failure(let diagnostic):
          return FileDiagnostics(
            file: SourceFile(path: path, bytes: []), diagnostics: [diagnostic])
        case .file(let file):
          // Only the last file's products may be left to the process's exit: the others are
          // freed, so checking many files never holds more than one at a time.
          let keptUntilExit = CompilerMemory.keptUntilExit && index == paths.count - 1
          return CompilerMemory.$keptUntilExit.withValue(keptUntilExit) {
            FlowCompiler.checkForReport(file, options: options)
          }
        }
      })
    return warningsAsErrors ? report.promotingWarningsToErrors() : report
  }

  /// What compiling one file to IR JSON gave.
  public struct CompileOutput: Sendable {
    /// The diagnostics of the file (and of writing the output, if that failed).
    public var report: DiagnosticReport
    /// The program, or `nil` when there were errors (for callers that run it rather than
    /// write it).
    public var program: FlowProgram?
    /// The canonical IR JSON, or `nil` when there were errors.
    public var irJSON: [UInt8]?
  }

  /// Compiles one flow file to IR JSON.
  ///
  /// - Parameters:
  ///   - path: The flow file.
  ///   - options: Compilation options.
  ///   - warningsAsErrors: Turns every warning into an error (and so withholds the IR).
  /// - Returns: The diagnostics, and the IR JSON when there was no error.
  public static func compile(
    path: String, options: CompileOptions = CompileOptions(), warningsAsErrors: Bool = false
  ) -> CompileOutput {
    let (entry, program, irJSON) = compileFile(atPath: path, options: options)
    var report = DiagnosticReport(files: [entry])
    if warningsAsErrors { report = report.promotingWarningsToErrors() }
    guard !report.hasErrors, let program else {
      return CompileOutput(report: report, program: nil, irJSON: nil)
    }
    do {
      // Lowering encoded the program while hashing it; encode it here only if it could not.
      return CompileOutput(
        report: report, program: program,
        irJSON: try irJSON ?? [UInt8](program.encodedJSON()))
    } catch {
      preconditionFailure("the IR of '\(path)' cannot be encoded: \(error)")
    }
  }

  /// Writes IR (or any output) to a file, reporting a failure against that file.
  ///
  /// - Returns: A report with the `unwritable-file` error, or `nil` when the file was written.
  public static func writeOutput(_ bytes: [UInt8], toPath path: String) -> DiagnosticReport? {
    guard let failure = SourceFileReader.write(bytes, toPath: path) else { return nil }
    return DiagnosticReport(files: [
      FileDiagnostics(file: SourceFile(path: path, bytes: []), diagnostics: [failure])
    ])
  }

  private static func compileFile(atPath path: String, options: CompileOptions) -> (
    entry: FileDiagnostics, program: FlowProgram?, irJSON: [UInt8]?
  ) {
    switch SourceFileReader.read(path: path) {
    case .failure(let diagnostic):
      return (
        FileDiagnostics(file: SourceFile(path: path, bytes: []), diagnostics: [diagnostic]), nil,
        nil
      )
    case .file(let file):
      return FlowCompiler.compileForReport(file, options: options)
    }
  }
}
