import FlowCompiler
import Testing

/// A YAML indentation mistake gets a note at the line whose indentation is off, instead of
/// libyaml's bare "did not find expected key".
@Suite struct YAMLIndentationTests {
  /// A flow text with `1️⃣` at the misindented line, and the note expected there.
  struct Case: Sendable, CustomTestStringConvertible {
    var marked: String
    var note: String
    var testDescription: String { note }
  }

  static let cases = [
    Case(
      marked: "skill:\n  name: No Nicks\n 1️⃣invocation: no nicks\n  locales: [en-US]\n",
      note: "this line is indented less than its siblings: 1 space here, 2 spaces on line 2"),
    Case(
      marked: "skill:\n  name: No Nicks\n    1️⃣invocation: no nicks\n",
      note: "this line is indented more than its siblings: 4 spaces here, 2 spaces on line 2"),
    Case(
      marked: """
        flow:
          states:
            welcome:
              ask: welcome
              on:
                AMAZON.YesIntent: bye
           1️⃣bye:
              tell: bye

        """,
      note: "this line is indented less than its siblings: 3 spaces here, 4 spaces on line 3"),
    Case(
      marked: "flowc: 1\n 1️⃣skill:\n  name: x\n",
      note: "this line is indented more than its siblings: 1 space here, 0 spaces on line 1"),
    Case(
      marked: """
        intents:
          BuyIntent:
            samples:
              en-US:
                - buy {product}
               1️⃣- order {product}

        """,
      note: "this line is indented less than its siblings: 7 spaces here, 8 spaces on line 5"),
  ]

  @Test(arguments: cases)
  func misindentedLineGetsTheNote(_ testCase: Case) throws {
    let source = MarkedSource(testCase.marked)
    let result = YAMLLoader.load(source.file())
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.id == "yaml-syntax")
    let note = try #require(diagnostic.notes.first { $0.message.contains("indented") })
    #expect(note.message == testCase.note)
    #expect(note.range?.start == source["1️⃣"])
    // The indentation is the cause: no hint about quoting a ': '.
    #expect(!diagnostic.notes.contains { $0.message.contains("must be quoted") })
  }

  @Test(arguments: [
    "prompts:\n  en-US:\n    welcome: Note: shipping is free\n",
    "a: [1, 2\n",
    "welcome: |\n  Hello\n    there\n bad: x\n",
    "a:\n  b: \"x\n  c: 1\n",
  ])
  func otherSyntaxErrorsGetNoIndentationNote(text: String) throws {
    let result = YAMLLoader.load(SourceFile(path: "x.yaml", text: text))
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.id == "yaml-syntax")
    #expect(!diagnostic.notes.contains { $0.message.contains("indented") }, "\(diagnostic.notes)")
  }

  @Test func theScanIsLinearOnLargeFilesAndLongItemLines() throws {
    // 100,000 items, an item of 150 nested items with a megabyte of text, then the slip.
    var text = "items:\n"
    for index in 0..<100_000 { text += "  - v\(index)\n" }
    text += "  " + String(repeating: "- ", count: 150) + String(repeating: "x", count: 1 << 20)
    text += "\n bad: x\n"
    let start = ContinuousClock.now
    let result = YAMLLoader.load(SourceFile(path: "big.yaml", text: text))
    #expect(ContinuousClock.now - start < .seconds(30))
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.id == "yaml-syntax")
    #expect(diagnostic.notes.contains { $0.message.contains("indented less than its siblings") })
  }

  @Test func yamlSyntaxExplanationCoversTheCommonCauses() throws {
    let descriptor = try #require(DiagnosticCatalogue.all.first { $0.id == "yaml-syntax" })
    for cause in ["Indentation", "Tabs", "unquoted `: `", "flow mapping", "unclosed quote"] {
      #expect(descriptor.explanation.contains(cause), "\(cause)")
    }
  }
}
