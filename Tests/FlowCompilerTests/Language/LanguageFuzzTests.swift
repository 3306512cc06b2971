import FlowIR
import FlowTestSupport
import Testing

@testable import FlowCompiler

/// Random strings from an alphabet of characters that matter to the sub-languages, fed to every
/// parser: nothing may crash, and every reported range must lie inside the text with its
/// character and UTF-8 offsets naming the same piece.
@Suite struct LanguageFuzzTests {
  static let alphabet: [String] = [
    "{", "}", "{{", "}}", "<", ">", "/", "&", ";", "#", "x", "=", "!", "'", "\"", "\\", "(", ")",
    " ", "\n", ".", "_", "?", "??", "$", "€", "£", "¥", "￥", "0", "1", "9", "and", "or", "not",
    "true", "speak", "<speak>", "</speak>", "<p>", "</p>", "order", "total", "product", "slot",
    "quantity", "agreement.open", "catalog", "USD", "EUR", "ü", "🎉", "e\u{301}", "\u{0}",
    "&amp;", "&#x41;", "<break time=\"1s\"/>", "==", "<=", "A", "-",
  ]

  static func randomText(_ generator: inout SeededGenerator) -> String {
    let length = Int(generator.next() % 40)
    var text = ""
    for _ in 0..<length {
      text += alphabet[Int(generator.next() % UInt64(alphabet.count))]
    }
    return text
  }

  func expectConsistent(_ range: TextRange, in text: String, _ label: String) {
    let scalars = Array(text.unicodeScalars)
    let bytes = Array(text.utf8)
    #expect(
      range.characters.lowerBound >= 0 && range.characters.upperBound <= scalars.count, "\(label)")
    #expect(range.utf8.lowerBound >= 0 && range.utf8.upperBound <= bytes.count, "\(label)")
    guard range.characters.upperBound <= scalars.count, range.utf8.upperBound <= bytes.count else {
      return
    }
    var piece = String.UnicodeScalarView()
    piece.append(contentsOf: scalars[range.characters])
    #expect(
      Array(String(piece).utf8) == Array(bytes[range.utf8]), "\(label): \(text.debugDescription)")
  }

  @Test func randomInputsNeverCrashAndRangesAreConsistent() {
    var generator = SeededGenerator(seed: 20_261_129)
    let scope = VariableScope(productIDs: ["kit"], slots: ["quantity": "AMAZON.NUMBER"])
    for _ in 0..<3000 {
      let text = Self.randomText(&generator)
      let prompt = PromptAnalyzer.analyze(text, productIDs: ["kit"])
      for problem in prompt.problems { expectConsistent(problem.range, in: text, "prompt") }
      for placeholder in prompt.placeholders {
        expectConsistent(placeholder.placeholder.range, in: text, "placeholder")
      }
      for problem in SSMLChecker.check(text) { expectConsistent(problem.range, in: text, "ssml") }
      for currency in ["USD", "EUR", "JPY"] {
        let condition = ConditionTypeChecker.compile(text, currency: currency, scope: scope)
        for problem in condition.problems { expectConsistent(problem.range, in: text, "condition") }
        #expect((condition.condition == nil) != condition.problems.isEmpty)
        if case .failure(let problem) = MoneyLiteral.parsePrice(text, currency: currency) {
          expectConsistent(problem.range, in: text, "price")
        }
      }
      if case .failure(let problem) = AssignmentParser.parse(
        variable: "quantity", value: text, scope: scope)
      {
        expectConsistent(problem.range, in: text, "assignment")
      }
      if case .failure(let problem) = VariablePathResolver.resolve(text, in: scope) {
        expectConsistent(problem.range, in: text, "path")
      }
    }
  }

  @Test func templatesRoundTripTheirLiteralText() {
    // Escaping every brace of a text and parsing it gives the text back as one segment.
    var generator = SeededGenerator(seed: 7)
    for _ in 0..<1000 {
      let text = Self.randomText(&generator)
      let escaped = text.replacingOccurrences(of: "{", with: "{{")
        .replacingOccurrences(of: "}", with: "}}")
      let parsed = TemplateParser.parse(escaped)
      #expect(parsed.problems.isEmpty)
      #expect(
        parsed.template.segments == (text.isEmpty ? [] : [.text(text)]), "\(text.debugDescription)")
    }
  }
}
