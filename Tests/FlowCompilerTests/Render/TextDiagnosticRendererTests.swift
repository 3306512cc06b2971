import FlowCompiler
import FlowTestSupport
import Testing

@Suite struct TextDiagnosticRendererTests {
  @Test func rendersTheFixtureLikeSwiftc() throws {
    let text = TextDiagnosticRenderer().render(RenderFixture.report)
    try Golden.assert(text, matches: "render/text.txt")
  }

  @Test func rendersTheFixtureInColour() throws {
    let text = TextDiagnosticRenderer(colors: true).render(RenderFixture.report)
    #expect(text.contains("\u{1B}[1;31merror:\u{1B}[0m"))
    #expect(text.contains("\u{1B}[1;35mwarning:\u{1B}[0m"))
    #expect(text.contains("\u{1B}[1;36mnote:\u{1B}[0m"))
    try Golden.assert(text, matches: "render/text-color.txt")
  }

  @Test func headerCaretAndNoteFollowTheDesign() {
    let source = MarkedSource(
      "states:\n  a:\n    on:\n      success: 1️⃣chekout2️⃣\n  3️⃣checkout:\n"
    )
    let diagnostic = Diagnostic(
      severity: .error, id: "unknown-state", message: "unknown state 'chekout'",
      range: source.range("1️⃣", "2️⃣")
    ).with(note: "did you mean 'checkout'?", at: source.range("3️⃣", "3️⃣"))
    let lines = TextDiagnosticRenderer().render(
      diagnostic, in: source.file(path: "examples/shop.yaml"))
    #expect(
      lines == [
        "examples/shop.yaml:4:16: error: unknown state 'chekout' [unknown-state]",
        "      success: chekout",
        "               ^~~~~~~",
        "examples/shop.yaml:5:3: note: did you mean 'checkout'?",
        "  checkout:",
        "  ^",
      ])
  }

  @Test(arguments: [
    // (line, column, length, expected marker)
    ("abcdef", 3, 2, "  ^~"),
    ("abcdef", 3, 0, "  ^"),
    ("abcdef", 3, 1, "  ^"),
    ("abcdef", 5, 100, "    ^~"),
    ("abc", 4, 1, "   ^"),
    ("abc", 40, 1, "   ^"),
    ("abc", 0, 1, "^"),
    ("", 1, 5, "^"),
    ("\tx:\ty", 5, 1, "\t  \t^"),
    ("a\tb", 1, 3, "^~~"),
    ("café: x", 7, 1, "      ^"),
    ("cafe\u{301}: x", 8, 1, "      ^"),
    ("日本: x", 5, 1, "      ^"),
    ("x: 日本", 4, 2, "   ^~~~"),
    ("🙂 ok", 3, 2, "   ^~"),
  ])
  func markerLine(line: String, column: Int, length: Int, expected: String) {
    #expect(
      TextDiagnosticRenderer.markerLine(for: line, column: column, length: length) == expected)
  }

  @Test func aRangePastTheEndOfTheFileHasNoSnippet() {
    let file = SourceFile(path: "f.yaml", text: "a: 1\n")
    let position = SourcePosition(line: 9, column: 1, offset: 99)
    let lines = TextDiagnosticRenderer().render(
      Diagnostic(
        severity: .warning, id: "x", message: "m",
        range: SourceRange(start: position, end: position)),
      in: file)
    #expect(lines == ["f.yaml:9:1: warning: m [x]"])
  }

  @Test func aLineThatIsNotUTF8HasNoSnippet() {
    let file = SourceFile(path: "f.yaml", bytes: [0x61, 0xFF, 0x62, 0x0A])
    let range = SourceRange(
      start: SourcePosition(line: 1, column: 2, offset: 1),
      end: SourcePosition(line: 1, column: 3, offset: 2))
    let lines = TextDiagnosticRenderer().render(
      Diagnostic(severity: .error, id: "x", message: "m", range: range), in: file)
    #expect(lines == ["f.yaml:1:2: error: m [x]"])
  }

  // An error from `1️⃣` to `2️⃣` of a marked source in `f.yaml` (or the given path, with the
  // given message), and the lines it renders to.
  @Test(
    arguments: [
      // A range over several lines is underlined to the end of its first line.
      ("key: 1️⃣value\nmore2️⃣\n", nil, ["f.yaml:1:6: error: m [x]", "key: value", "     ^~~~~"]),
      // A Windows line ending is not printed.
      ("a: 1️⃣b2️⃣\r\n", nil, ["f.yaml:1:4: error: m [x]", "a: b", "   ^"]),
      // Control characters cannot drive the terminal.
      (
        "name: \u{1B}[2J1️⃣x2️⃣\n", ("f\u{7}.yaml", "bad '\u{1B}[2J'\nsecond line"),
        [
          "f\\u{7}.yaml:1:11: error: bad '\\u{1B}[2J'\\u{A}second line [x]",
          "name: \u{FFFD}[2Jx",
          "          ^",
        ]
      ),
    ] as [(String, (path: String, message: String)?, [String])])
  func rendersTheSnippet(
    marked: String, pathAndMessage: (path: String, message: String)?, lines: [String]
  ) {
    let source = MarkedSource(marked)
    let rendered = TextDiagnosticRenderer().render(
      Diagnostic(
        severity: .error, id: "x", message: pathAndMessage?.message ?? "m",
        range: source.range("1️⃣", "2️⃣")),
      in: source.file(path: pathAndMessage?.path ?? "f.yaml"))
    #expect(rendered == lines)
  }

  @Test func anEmptyReportRendersNothing() {
    let report = DiagnosticReport(files: [
      FileDiagnostics(file: SourceFile(path: "a.yaml", text: "flowc: 1\n"), diagnostics: [])
    ])
    #expect(TextDiagnosticRenderer(colors: true).render(report) == "")
  }
}
