import FlowCompiler
import Testing

@Suite struct DiagnosticReportTests {
  private func report(errors: Int, warnings: Int) -> DiagnosticReport {
    let diagnostics =
      (0..<errors).map { Diagnostic(severity: .error, id: "e\($0)", message: "e", range: nil) }
      + (0..<warnings).map {
        Diagnostic(severity: .warning, id: "w\($0)", message: "w", range: nil)
      }
    return DiagnosticReport(files: [
      FileDiagnostics(file: SourceFile(path: "a.yaml", text: ""), diagnostics: diagnostics)
    ])
  }

  @Test(
    arguments: [
      (0, 0, nil),
      (1, 0, "1 error generated."),
      (0, 1, "1 warning generated."),
      (2, 1, "2 errors, 1 warning generated."),
      (1, 3, "1 error, 3 warnings generated."),
    ] as [(Int, Int, String?)])
  func summaryLineCountsLikeClang(errors: Int, warnings: Int, expected: String?) {
    #expect(report(errors: errors, warnings: warnings).summaryLine == expected)
  }

  @Test func warningsAsErrorsPromotesWarningsOnly() {
    let promoted = report(errors: 1, warnings: 2).promotingWarningsToErrors()
    #expect(promoted.errorCount == 3)
    #expect(promoted.warningCount == 0)
    #expect(!report(errors: 0, warnings: 2).hasErrors)
    #expect(report(errors: 0, warnings: 2).promotingWarningsToErrors().hasErrors)
  }

  @Test func entriesAreSortedByPosition() {
    let late = SourcePosition(line: 9, column: 1, offset: 80)
    let early = SourcePosition(line: 2, column: 4, offset: 10)
    let entry = FileDiagnostics(
      file: SourceFile(path: "a.yaml", text: ""),
      diagnostics: [
        Diagnostic(
          severity: .error, id: "late", message: "m", range: SourceRange(start: late, end: late)),
        Diagnostic(
          severity: .error, id: "early", message: "m", range: SourceRange(start: early, end: early)),
        Diagnostic(severity: .error, id: "nowhere", message: "m", range: nil),
      ])
    #expect(entry.diagnostics.map(\.id) == ["nowhere", "early", "late"])
  }

  @Test(arguments: [
    (ColorChoice.always, false, [String: String](), true),
    (.always, true, ["NO_COLOR": "1"], true),
    (.never, true, [:], false),
    (.auto, true, [:], true),
    (.auto, false, [:], false),
    (.auto, true, ["NO_COLOR": "1"], false),
    (.auto, true, ["NO_COLOR": ""], true),
    (.auto, true, ["TERM": "dumb"], false),
  ])
  func colorChoice(
    choice: ColorChoice, isTerminal: Bool, environment: [String: String], expected: Bool
  ) {
    #expect(choice.usesColors(isTerminal: isTerminal, environment: environment) == expected)
  }
}

/// Ranges no producer should make (negative, reversed, huge, past the end) still render in
/// every format without trapping.
@Suite struct HostileRangeTests {
  static let extremes = [Int.min, -1, 0, 1, 2, 3, 1_000, Int.max]

  @Test(arguments: extremes)
  func everyFormatRendersExtremePositions(value: Int) {
    let file = SourceFile(path: "f.yaml", text: "a: 1\n\tb: é日\n")
    var diagnostics: [Diagnostic] = []
    for other in Self.extremes {
      let range = SourceRange(
        start: SourcePosition(line: value, column: other, offset: value),
        end: SourcePosition(line: other, column: value, offset: other))
      diagnostics.append(
        Diagnostic(severity: .error, id: "x", message: "m", range: range)
          .with(note: "n", at: range))
    }
    let report = DiagnosticReport(files: [FileDiagnostics(file: file, diagnostics: diagnostics)])
    for format in DiagnosticFormat.allCases {
      #expect(!report.rendered(as: format, colors: true).isEmpty)
    }
  }

  @Test func anEmptyFileAndALoneNewlineRender() {
    for text in ["", "\n", "\r\n", "\u{FEFF}"] {
      let file = SourceFile(path: "f.yaml", text: text)
      let start = SourcePosition(line: 1, column: 1, offset: 0)
      let report = DiagnosticReport(files: [
        FileDiagnostics(
          file: file,
          diagnostics: [
            Diagnostic(
              severity: .error, id: "x", message: "m", range: SourceRange(start: start, end: start))
          ])
      ])
      #expect(report.rendered(as: .text).hasPrefix("f.yaml:1:1: error: m [x]\n"))
    }
  }

  @Test func renderingManyDiagnosticsOfABigFileIsFast() {
    // 20,000 lines, one diagnostic on each: the text renderer indexes lines once per file.
    let lineCount = 20_000
    let text = String(repeating: "key: value with some text\n", count: lineCount)
    let file = SourceFile(path: "big.yaml", text: text)
    let diagnostics = (1...lineCount).map { line in
      Diagnostic(
        severity: .warning, id: "w", message: "m",
        range: SourceRange(
          start: SourcePosition(line: line, column: 6, offset: 0),
          end: SourcePosition(line: line, column: 11, offset: 0)))
    }
    let report = DiagnosticReport(files: [
      FileDiagnostics(file: file, diagnostics: diagnostics, limit: nil)
    ])
    let clock = ContinuousClock()
    var rendered = ""
    let elapsed = clock.measure { rendered = report.rendered(as: .text) }
    #expect(rendered.split(separator: "\n").count == 3 * lineCount)
    #expect(elapsed < .seconds(10), "rendering took \(elapsed)")
  }
}
