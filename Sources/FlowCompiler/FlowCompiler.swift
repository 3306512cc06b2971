public import FlowIR

/// Options of one compilation.
public struct CompileOptions: Sendable, Equatable {
  /// Adds the certification checks of `--release` (sandbox off, privacy policy present, order
  /// confirmation card, help handling), all errors.
  public var release: Bool

  /// Creates options.
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

  /// Creates a result.
  public init(program: FlowProgram?, diagnostics: [Diagnostic]) {
    self.program = program
    self.diagnostics = diagnostics
  }
}

/// The compiler pipeline: load → parse → check → lower.
public enum FlowCompiler {
  /// Compiles a flow file.
  ///
  /// - Parameters:
  ///   - file: The flow file.
  ///   - options: Compilation options.
  /// - Returns: The program (when there were no errors) and all diagnostics.
  public static func compile(_ file: SourceFile, options: CompileOptions = CompileOptions())
    -> CompileResult
  {
    let loaded = YAMLLoader.load(file)
    var diagnostics = loaded.diagnostics
    guard loaded.root != nil || !diagnostics.hasErrors else {
      return CompileResult(program: nil, diagnostics: diagnostics.sortedByPosition())
    }
    let (syntax, parseDiagnostics) = FlowParser.parse(loaded.root, file: file)
    diagnostics += parseDiagnostics
    let (checkDiagnostics, checked) = FlowChecker.check(syntax, file: file, options: options)
    diagnostics += checkDiagnostics
    var program: FlowProgram?
    if !diagnostics.hasErrors {
      program = FlowLowering.lower(syntax, checked: checked, file: file)
    }
    return CompileResult(program: program, diagnostics: diagnostics.sortedByPosition())
  }
}
