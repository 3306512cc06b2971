public import FlowIR

/// Options of one compilation.
public struct CompileOptions: Sendable, Equatable {
  /// Adds the certification checks of `--release` (sandbox off, privacy policy present, order
  /// confirmation card, help handling), all errors.
  public var release: Bool

  /// Creates options.
  ///
  /// - Parameter release: Adds the certification checks of `--release`.
  public init(release: Bool = false) {
    self.release = release
  }
}

/// What a compilation produced: the program when there were no errors, and every diagnostic in
/// file order.
public struct CompileResult: Sendable {
  /// The IR; `nil` when any error was reported.
  public var program: FlowProgram?
  /// All diagnostics, sorted by position.
  public var diagnostics: [Diagnostic]
  /// The canonical IR JSON of `program` (``FlowProgram/encodedJSON()``), made while hashing it.
  var irJSON: [UInt8]?
}

/// The compiler: load → parse → check → lower (see ``CompilerPipeline``). `check` is a prefix
/// of `compile`.
public enum FlowCompiler {
  /// Checks a flow file: every stage but lowering, so no IR is built.
  ///
  /// - Parameters:
  ///   - file: The flow file.
  ///   - options: Compilation options.
  /// - Returns: All diagnostics, sorted by position.
  public static func check(_ file: SourceFile, options: CompileOptions = CompileOptions())
    -> [Diagnostic]
  {
    withSuggestionBudget {
      let (checked, diagnostics) = CompilerPipeline.check(file, options: options)
      CompilerMemory.release(checked)
      return diagnostics
    }
  }

  /// Compiles a flow file.
  ///
  /// - Parameters:
  ///   - file: The flow file.
  ///   - options: Compilation options.
  /// - Returns: The program (when there were no errors) and all diagnostics.
  public static func compile(_ file: SourceFile, options: CompileOptions = CompileOptions())
    -> CompileResult
  {
    withSuggestionBudget {
      let (checked, diagnostics) = CompilerPipeline.check(file, options: options)
      let lowered = checked.flatMap(CompilerPipeline.lower)
      CompilerMemory.release(checked)
      return CompileResult(
        program: lowered?.program, diagnostics: diagnostics, irJSON: lowered?.irJSON)
    }
  }

  /// Checks a flow file for a report: like ``check(_:options:)``, but a file with more than
  /// ``FileDiagnostics/defaultLimit`` diagnostics never holds many more than that in memory
  /// (see ``DiagnosticLimit``); the entry renders exactly as if all had been kept.
  static func checkForReport(_ file: SourceFile, options: CompileOptions) -> FileDiagnostics {
    let limit = DiagnosticLimit(limit: FileDiagnostics.defaultLimit)
    let diagnostics = DiagnosticLimit.$current.withValue(limit) { check(file, options: options) }
    return FileDiagnostics(
      file: file, diagnostics: diagnostics, limit: limit.limit, dropped: limit)
  }

  /// Compiles a flow file for a report: like ``compile(_:options:)`` with the bounded
  /// diagnostics of ``checkForReport(_:options:)``; the program is `nil` when there was an
  /// error, a dropped one included. `irJSON` is the program's canonical JSON when it was
  /// made while hashing the program.
  static func compileForReport(_ file: SourceFile, options: CompileOptions) -> (
    entry: FileDiagnostics, program: FlowProgram?, irJSON: [UInt8]?
  ) {
    let limit = DiagnosticLimit(limit: FileDiagnostics.defaultLimit)
    let result = DiagnosticLimit.$current.withValue(limit) { compile(file, options: options) }
    let entry = FileDiagnostics(
      file: file, diagnostics: result.diagnostics, limit: limit.limit, dropped: limit)
    guard entry.errorCount == 0, let program = result.program else { return (entry, nil, nil) }
    return (entry, program, result.irJSON)
  }

  /// Runs `body` with one ``SuggestionBudget`` of ``Suggestions/budgetPerFile`` for all its
  /// "did you mean" searches, unless the caller installed one.
  private static func withSuggestionBudget<Result>(_ body: () -> Result) -> Result {
    guard Suggestions.budget == nil else { return body() }
    return Suggestions.$budget.withValue(SuggestionBudget(units: Suggestions.budgetPerFile)) {
      body()
    }
  }
}
