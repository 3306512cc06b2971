import FlowIR
import Foundation
import Testing

/// FlowIR's `quoted(_:)`: one quoting for JSON strings (`flowc schema`), YAML double-quoted
/// scalars (the scaffold, saved test scripts) and texts echoed in messages.
@Suite struct QuotingTests {
  @Test(arguments: [
    ("plain", #""plain""#),
    (#"say "hi" \ bye"#, #""say \"hi\" \\ bye""#),
    ("a\nb\tc", #""a\nb\tc""#),
    ("line\r\nend", #""line\r\nend""#),
    ("bell\u{7} escape\u{1B}[31m del\u{7F}", #""bell\u0007 escape\u001b[31m del\u007f""#),
    ("café ✓ 🪒", #""café ✓ 🪒""#),
  ])
  func escapesQuotesBackslashesAndControlCharacters(text: String, expected: String) {
    #expect(quoted(text) == expected)
  }

  @Test func quotedTextReadsBackAsTheSameJSONString() throws {
    let text = "a \"b\" \\ c\r\n\t\u{0}\u{1F}\u{7F} é"
    let decoded = try JSONDecoder().decode(String.self, from: Data(quoted(text).utf8))
    #expect(decoded == text)
  }
}
