import FlowIR

/// The compiler's stages, named by what each one produces:
///
/// ```
/// SourceFile ─load─► YAML tree ─parse─► FlowSyntax ─check─► CheckedFlow ─lower─► FlowProgram
/// ```
///
/// Each stage takes the previous stage's product and returns its own, with the diagnostics it
/// found added to those it was given; a later stage never reaches back past its input. `flowc
/// check` runs the prefix up to ``check(_:options:)``, `flowc compile` all of it.
enum CompilerPipeline {
  /// The product of the load stage: the located YAML tree.
  struct Loaded {
    /// The file the tree was read from.
    var file: SourceFile
    /// The root node, or `nil` when the file is empty or could not be read as YAML.
    var root: YAMLNode?
    /// The diagnostics so far.
    var diagnostics: [Diagnostic]
  }

  /// The product of the parse stage: the typed syntax tree of the flow language.
  struct Parsed {
    /// The file.
    var file: SourceFile
    /// The syntax tree (partial when the parser reported errors).
    var syntax: FlowSyntax
    /// The diagnostics so far.
    var diagnostics: [Diagnostic]
  }

  /// The product of the check stage: the syntax tree with what the checks computed.
  struct Checked {
    /// The file.
    var file: SourceFile
    /// The syntax tree.
    var syntax: FlowSyntax
    /// The symbol table and what the checks computed, attached to the syntax it belongs to;
    /// lowering walks it.
    var facts: CheckedFlow
    /// Every diagnostic of the file, sorted by position (the one place they are sorted).
    var diagnostics: [Diagnostic]
  }

  /// Load: bytes → located YAML tree.
  static func load(_ file: SourceFile) -> Loaded {
    let loaded = YAMLLoader.load(file)
    return Loaded(file: file, root: loaded.root, diagnostics: loaded.diagnostics)
  }

  /// Parse: YAML tree → ``FlowSyntax``, with strict keys; prompt templates, conditions,
  /// `set` entries and prices are parsed here, once, with their ranges (their problems are kept
  /// in the syntax and reported by the checks that own them). `nil` when loading failed so badly
  /// that there is nothing to parse. The tree is consumed: the parser frees it section by
  /// section.
  static func parse(_ loaded: consuming Loaded) -> Parsed? {
    guard loaded.root != nil || !loaded.diagnostics.hasErrors else { return nil }
    let (syntax, diagnostics) = FlowParser.parse(loaded.root.take(), file: loaded.file)
    return Parsed(file: loaded.file, syntax: syntax, diagnostics: loaded.diagnostics + diagnostics)
  }

  /// Check: ``FlowSyntax`` → ``CheckedFlow``: the symbol table, names, types of the parsed
  /// values and graph analyses. Each check pass returns its facts; the passes run in the order
  /// their inputs impose (see ``FlowChecker``).
  static func check(_ parsed: Parsed, options: CompileOptions) -> Checked {
    let (diagnostics, facts) = FlowChecker.check(
      parsed.syntax, file: parsed.file, options: options)
    return Checked(
      file: parsed.file, syntax: parsed.syntax, facts: facts,
      diagnostics: (parsed.diagnostics + diagnostics).sortedByPosition())
  }

  /// Lower: ``CheckedFlow`` → ``FlowProgram`` and its canonical IR JSON; `nil` when the
  /// checks reported an error.
  static func lower(_ checked: Checked) -> FlowLowering.Lowered? {
    guard !checked.diagnostics.hasErrors, (DiagnosticLimit.current?.droppedErrors ?? 0) == 0
    else { return nil }
    return FlowLowering.lowered(checked.syntax, checked: checked.facts, file: checked.file)
  }

  /// The stages up to and including check; the loader's diagnostics alone when nothing could
  /// be parsed.
  static func check(_ file: SourceFile, options: CompileOptions) -> (
    checked: Checked?, diagnostics: [Diagnostic]
  ) {
    // The YAML tree is not needed once parsed: ending its scope here frees it before the
    // checks build their facts, which lowers the peak memory of a large file.
    let parsed: Parsed?
    let loaderDiagnostics: [Diagnostic]
    do {
      let loaded = load(file)
      let loadDiagnostics = loaded.diagnostics
      parsed = parse(consume loaded)
      loaderDiagnostics = parsed == nil ? loadDiagnostics : []
    }
    guard let parsed else {
      return (nil, loaderDiagnostics.sortedByPosition())
    }
    let checked = check(parsed, options: options)
    return (checked, checked.diagnostics)
  }
}
