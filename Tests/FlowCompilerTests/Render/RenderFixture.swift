import FlowCompiler

/// One synthetic report that exercises every rendering case: notes with and without a place,
/// a diagnostic without a place, tabs, non-ASCII and wide characters, a range over several
/// lines, a range at the end of a line, and characters that the machine formats must escape.
enum RenderFixture {
  static let path = "examples/caf\u{E9} shop.yaml"

  static let source = MarkedSource(
    """
    flowc: 1
    skill:
      name: 1️⃣Café Crème2️⃣
      invocation:\tcafé\t3️⃣crème4️⃣
      store: 5️⃣日本の店6️⃣
    flow:
      start: welcome
      states:
        welcome:
          ask: welcome
          on:
            AMAZON.YesIntent: 7️⃣chekout8️⃣
        checkout9️⃣:
          tell: bye

    """)

  static let descriptors = [
    DiagnosticDescriptor(
      id: DiagnosticID("unknown-state"), severity: .error,
      summary: "a transition names a state that does not exist",
      explanation:
        "A transition names a state that does not exist.\n\n```yaml\non:\n  success: chekout\n```\n"
    ),
    DiagnosticDescriptor(
      id: DiagnosticID("bad-invocation"), severity: .warning,
      summary: "the invocation name has odd characters",
      explanation: "Invocation names are lowercase words.\n\n```yaml\ninvocation: No Nicks\n```\n"),
  ]

  static var report: DiagnosticReport {
    let file = source.file(path: path)
    let diagnostics = [
      Diagnostic(
        severity: .error, id: "unknown-state", message: "unknown state 'chekout'",
        range: source.range("7️⃣", "8️⃣")
      ).with(note: "did you mean 'checkout'?", at: source.range("9️⃣", "9️⃣")),
      Diagnostic(
        severity: .warning, id: "bad-invocation",
        message: "invocation 'café\tcrème' has a tab, a comma: and 100% odd",
        range: source.range("3️⃣", "4️⃣")),
      Diagnostic(
        severity: .warning, id: "wide-name", message: "store name '日本の店' is wide",
        range: source.range("5️⃣", "6️⃣")),
      Diagnostic(
        severity: .error, id: "multi-line", message: "this range spans lines",
        range: SourceRange(start: source["1️⃣"], end: source["6️⃣"])
      ).with(note: "a note without a place\nover two lines"),
      Diagnostic(
        severity: .error, id: "missing-key", message: "missing key 'merchant'", range: nil),
      Diagnostic(
        severity: .warning, id: "end-of-line", message: "at the end of the line",
        range: SourceRange(
          start: file.position(ofOffset: source["2️⃣"].offset),
          end: file.position(ofOffset: source["2️⃣"].offset))),
    ]
    return DiagnosticReport(files: [
      FileDiagnostics(file: file, diagnostics: diagnostics),
      FileDiagnostics(file: SourceFile(path: "clean.yaml", text: "flowc: 1\n"), diagnostics: []),
    ])
  }
}
