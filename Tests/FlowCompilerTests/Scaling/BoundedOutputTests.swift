import Foundation
import Testing

@testable import FlowCompiler

/// However many problems a file has and however long its lines are, what flowc prints stays
/// bounded: at most ``FileDiagnostics/defaultLimit`` diagnostics and a last
/// `too-many-diagnostics` diagnostic per file, and echoed source lines clipped around the caret.
@Suite struct BoundedOutputTests {
  /// A whole flow on one line with `count` states that name unknown prompts.
  static func oneLineFlow(states count: Int) -> SourceFile {
    let states = (0..<count).map { "s\($0): {tell: missing\($0)}" }.joined(separator: ", ")
    return SourceFile(
      path: "one-line.yaml",
      text: "{flowc: 1, skill: {name: Test Shop, invocation: test shop, locales: [en-US]}, "
        + "prompts: {en-US: {hello: Hello}}, flow: {start: s0, states: {\(states)}}}\n")
  }

  static func report(_ file: SourceFile) -> DiagnosticReport {
    DiagnosticReport(files: [FileDiagnostics(file: file, diagnostics: FlowCompiler.check(file))])
  }

  @Test func aFileKeepsItsFirstDiagnosticsAndSaysHowManyMoreThereAre() throws {
    let file = Self.oneLineFlow(states: 1_000)
    let all = FlowCompiler.check(file)
    #expect(all.count > FileDiagnostics.defaultLimit)
    let entry = FileDiagnostics(file: file, diagnostics: all)
    #expect(entry.diagnostics.count == FileDiagnostics.defaultLimit + 1)
    let last = try #require(entry.diagnostics.last)
    #expect(last.id == "too-many-diagnostics")
    #expect(last.severity == .error)
    let omitted = all.count - FileDiagnostics.defaultLimit
    #expect(last.message.hasPrefix("\(omitted) more diagnostics are not shown"))
    #expect(last.range == all.sortedByPosition()[FileDiagnostics.defaultLimit].range)
    // The counts (and so the exit status and the summary line) still count every one.
    let report = DiagnosticReport(files: [entry])
    #expect(report.errorCount == all.count { $0.severity == .error })
    #expect(report.warningCount == all.count { $0.severity == .warning })
    let promoted = report.promotingWarningsToErrors()
    #expect(promoted.errorCount == all.count { $0.severity != .note })
    #expect(promoted.warningCount == 0)
    // Without a limit every diagnostic is kept.
    #expect(
      FileDiagnostics(file: file, diagnostics: all, limit: nil).diagnostics.count == all.count)
  }

  @Test func onlyWarningsLeftOutGiveAWarningThatIsNotCounted() throws {
    let file = SourceFile(path: "w.yaml", text: String(repeating: "a: b\n", count: 150))
    let warnings = (1...150).map { line in
      Diagnostic(
        severity: .warning, id: "w", message: "m",
        range: SourceRange(
          start: SourcePosition(line: line, column: 1, offset: 5 * (line - 1)),
          end: SourcePosition(line: line, column: 2, offset: 5 * (line - 1) + 1)))
    }
    let report = DiagnosticReport(files: [FileDiagnostics(file: file, diagnostics: warnings)])
    let last = try #require(report.files[0].diagnostics.last)
    #expect(last.id == "too-many-diagnostics")
    #expect(last.severity == .warning)
    #expect(last.message == "50 more diagnostics are not shown (50 warnings)")
    #expect((report.errorCount, report.warningCount) == (0, 150))
    #expect(report.summaryLine == "150 warnings generated.")
    let promoted = report.promotingWarningsToErrors()
    #expect((promoted.errorCount, promoted.warningCount) == (150, 0))
    #expect(promoted.files[0].diagnostics.last?.severity == .error)
  }

  @Test(arguments: DiagnosticFormat.allCases)
  func everyFormatCarriesTheNoteAndStaysBounded(_ format: DiagnosticFormat) {
    let small = Self.report(Self.oneLineFlow(states: 1_000)).rendered(as: format)
    let large = Self.report(Self.oneLineFlow(states: 8_000)).rendered(as: format)
    #expect(small.contains("too-many-diagnostics"))
    #expect(large.contains("too-many-diagnostics"))
    // Eight times the problems on an eight times longer line: the same amount of output
    // (the numbers in the messages grow by a digit at most).
    #expect(large.utf8.count < small.utf8.count + small.utf8.count / 4, "\(format)")
  }

  @Test func theStreamedRenderingIsTheRenderingInPieces() {
    let report = Self.report(Self.oneLineFlow(states: 300))
    for format in DiagnosticFormat.allCases {
      var pieces: [String] = []
      report.render(as: format) { pieces.append($0) }
      #expect(pieces.joined() == report.rendered(as: format))
      if format == .text || format == .github {
        #expect(pieces.count == FileDiagnostics.defaultLimit + 1)
      }
    }
  }

  @Test func echoedLinesAreClippedAroundTheCaret() {
    let text = TextDiagnosticRenderer().render(Self.report(Self.oneLineFlow(states: 2_000)))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var echoed = 0
    for (number, line) in lines.enumerated() where line.hasPrefix("…") {
      echoed += 1
      #expect(line.unicodeScalars.count <= TextDiagnosticRenderer.echoedLineWidth + 2)
      // The caret of the next line points at the unknown prompt the header names.
      let header = lines[number - 1]
      guard let caret = lines[number + 1].firstIndex(of: "^") else {
        Issue.record("no caret under \(line)")
        continue
      }
      guard let quote = header.range(of: "unknown prompt '") else { continue }
      let name = header[quote.upperBound...].prefix { $0 != "'" }
      let column = lines[number + 1].distance(from: lines[number + 1].startIndex, to: caret)
      #expect(line.dropFirst(column).hasPrefix(name), "\(line)")
    }
    #expect(echoed >= FileDiagnostics.defaultLimit - 1)
  }

  @Test(arguments: [
    // (line, column): ASCII, non-ASCII before and after the caret, a caret past the end.
    (String(repeating: "a", count: 500) + "XYZ" + String(repeating: "b", count: 500), 501),
    (String(repeating: "é", count: 500) + "XYZ" + String(repeating: "日", count: 500), 501),
    ("XYZ" + String(repeating: "ü", count: 1_000), 1),
    (String(repeating: "ü", count: 1_000) + "XYZ", 1_001),
  ])
  func aWindowKeepsTheCaretOnItsCharacter(line: String, column: Int) throws {
    let bytes = Array(("first line\n" + line + "\r\nlast\n").utf8)
    let table = SourcePositionTable(bytes: bytes)
    let window = try #require(table.lineWindow(2, around: column, width: 160))
    #expect(window.text.unicodeScalars.count <= 160)
    let scalars = Array(window.text.unicodeScalars)
    #expect(String(String.UnicodeScalarView(scalars[(window.column - 1)...].prefix(3))) == "XYZ")
    let lineScalars = Array(line.unicodeScalars)
    let first = column - window.column
    #expect(Array(lineScalars[first..<(first + scalars.count)]) == scalars)
    #expect(window.clippedBefore == (first > 0))
    #expect(window.clippedAfter == (first + scalars.count < lineScalars.count))
    // A short line comes back whole.
    #expect(
      table.lineWindow(1, around: 3, width: 160)
        == LineWindow(text: "first line", column: 3, clippedBefore: false, clippedAfter: false))
  }

  /// A flow with `count` unknown top-level keys, after `count` states naming unknown prompts.
  static func manyProblems(_ count: Int) -> SourceFile {
    let states = (0..<count).map { "    s\($0): {tell: missing\($0)}\n" }.joined()
    let keys = (0..<count).map { "k\($0): 1\n" }.joined()
    return SourceFile(
      path: "many.yaml",
      text: "flowc: 1\nskill: {name: Test Shop, invocation: test shop, locales: [en-US]}\n"
        + "prompts: {en-US: {hello: Hello}}\nflow:\n  start: s0\n  states:\n\(states)\(keys)")
  }

  @Test func theStagesHoldNoMoreDiagnosticsThanTheReportCanShow() {
    let file = Self.manyProblems(3_000)
    let all = FlowCompiler.check(file)
    #expect(all.count > 6_000)
    // Under a file's limit the parser (unknown keys) and the checks (unknown prompts) keep
    // what the report can show and count the rest.
    let limit = DiagnosticLimit(limit: FileDiagnostics.defaultLimit)
    let held = DiagnosticLimit.$current.withValue(limit) { FlowCompiler.check(file) }
    #expect(held.count <= 4 * (FileDiagnostics.defaultLimit + 1))
    #expect(held.count + limit.dropped == all.count)
    #expect(limit.droppedErrors + limit.droppedWarnings == limit.dropped)
  }

  @Test(arguments: DiagnosticFormat.allCases)
  func droppingWhileCollectingRendersTheSameReport(_ format: DiagnosticFormat) {
    let file = Self.manyProblems(1_000)
    let everything = Self.report(file)
    let checked = DiagnosticReport(files: [
      FlowCompiler.checkForReport(file, options: CompileOptions())
    ])
    let compiled = FlowCompiler.compileForReport(file, options: CompileOptions())
    #expect(compiled.program == nil)
    #expect(checked.rendered(as: format) == everything.rendered(as: format))
    #expect(
      DiagnosticReport(files: [compiled.entry]).rendered(as: format)
        == everything.rendered(as: format))
    #expect(checked.errorCount == everything.errorCount)
    #expect(checked.summaryLine == everything.summaryLine)
  }

  /// A flow whose intent has `slots` slots, whose catalog has `products` products, and whose
  /// `ask` state reads `{catalog}`, names the unknown slot `{zz}` in a sample and sets
  /// `slot.zz` and `slot`.
  static func manyNamesFlow(slots: Int, products: Int) -> SourceFile {
    let slotLines = (0..<slots).map { "      s\($0): catalog\n" }.joined()
    let productLines = (0..<products).map { "  p\($0): { name: Thing, price: \"1.00\" }\n" }
      .joined()
    return SourceFile(
      path: "many-names.yaml",
      text: """
        flowc: 1
        skill: { name: Test Shop, invocation: test shop, locales: [en-US] }
        products:
        \(productLines)intents:
          PickIntent:
            slots:
        \(slotLines)    samples: { en-US: ["pick {zz}"] }
        prompts:
          en-US: { hello: "Hello {catalog}", bye: Bye }
        flow:
          start: hello
          states:
            hello:
              ask: hello
              on:
                AMAZON.StopIntent: bye
                PickIntent: { set: { product: slot.zz }, goto: other }
            other:
              ask: hello
              on:
                AMAZON.StopIntent: bye
                PickIntent: { set: { product: slot }, goto: bye }
            bye: { tell: bye }

        """)
  }

  @Test func notesThatListNamesListTheFirstTenAndCountTheRest() throws {
    // A note listing every slot or product id of a large flow was as long as the flow, and
    // was built (and sorted) once per diagnostic: quadratic in a flow with many of them.
    let notes = FlowCompiler.check(Self.manyNamesFlow(slots: 30, products: 25)).flatMap {
      $0.notes.map(\.message)
    }
    let slotNames = ["s0", "s1", "s10", "s11", "s12", "s13", "s14", "s15", "s16", "s17"]
    let listedSlots = slotNames.map { "'\($0)'" }.joined(separator: ", ") + " and 20 more"
    #expect(notes.count { $0 == "the slots of intent 'PickIntent' are \(listedSlots)" } == 2)
    let members = slotNames.map { "'slot.\($0)'" }.joined(separator: ", ") + " and 20 more"
    #expect(notes.contains("members: \(members)"))
    let products = ["p0", "p1", "p10", "p11", "p12", "p13", "p14", "p15", "p16", "p17"]
    let catalog = products.map { "'catalog.\($0)'" }.joined(separator: ", ") + " and 15 more"
    #expect(notes.contains("members: \(catalog)"), "\(notes)")
    // Ten or fewer are all listed.
    let few = FlowCompiler.check(Self.manyNamesFlow(slots: 10, products: 2)).flatMap {
      $0.notes.map(\.message)
    }
    #expect(few.contains("members: 'catalog.p0', 'catalog.p1'"))
    #expect(
      few.contains(
        "the slots of intent 'PickIntent' are "
          + (0..<10).map { "'s\($0)'" }.sorted().joined(separator: ", ")))
  }
}
