import FlowCompiler
import Testing

@Suite struct DiagnosticReportTests {
  private func report(errors: Int, warnings: Int) -> DiagnosticReport {
    let diagnostics =
      (0..<errors).map { Diagnostic(severity: .error, id: "e\($0)", message: "e", range: nil) }
      + (0..<warnings).map { Diagnostic(severity: .warning, id: "w\($0)", message: "w", range: nil) }
    return DiagnosticReport(files: [
      FileDiagnostics(file: SourceFile(path: "a.yaml", text: ""), diagnostics: diagnostics)
    ])
  }

  @Test(arguments: [
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
        Diagnostic(severity: .error, id: "late", message: "m", range: SourceRange(start: late, end: late)),
        Diagnostic(severity: .error, id: "early", message: "m", range: SourceRange(start: early, end: early)),
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
  func colorChoice(choice: ColorChoice, isTerminal: Bool, environment: [String: String], expected: Bool) {
    #expect(choice.usesColors(isTerminal: isTerminal, environment: environment) == expected)
  }
}
