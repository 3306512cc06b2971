import FlowTestSupport
import Foundation
import Testing

@testable import FlowCompiler

/// Mangled flows never crash the compiler, and every diagnostic it reports points inside the
/// file.
@Suite struct HostileInputTests {
  /// Replaces, deletes, duplicates or swaps lines, and drops characters of the example.
  static func mangle(_ text: String, using random: inout SeededGenerator) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let fragments = [
      "", "  ", "- x", "{", "}", "[", "key: value", "? ", "&a x", "*a", "'", "\"", "\\u00",
      "ask: ask", "goto: nowhere", "set: { product: slot.product ?? 1 }", "choose: []",
      "if: (((agreement.open", "{product.name}", "<speak><p>", "price: -1", "flowc: 99",
      "on: { success: }", "!!str", "~", "0x10", "9.999", "AMAZON.", "slot.", "é€😀",
      "  locales: [en-US, en-US, de-DE]", "    name: { en-US: A, en-US: B }", "    - else: x",
      "      card: { title: help, text: help, image: http://x }", "  sandbox: {}",
      "    setup: { shipping: maybe }", "      - if: order.total > 5.00 USD", "      \"\\x41{\"",
    ]
    for _ in 0..<Int.random(in: 1...6, using: &random) {
      guard !lines.isEmpty else { break }
      let index = Int.random(in: 0..<lines.count, using: &random)
      switch Int.random(in: 0..<6, using: &random) {
      case 0: lines[index] = fragments.randomElement(using: &random)!
      case 1: lines.remove(at: index)
      case 2: lines.insert(lines[index], at: index)
      case 3:
        let other = Int.random(in: 0..<lines.count, using: &random)
        lines.swapAt(index, other)
      case 4:
        var characters = Array(lines[index])
        if !characters.isEmpty {
          characters.remove(at: Int.random(in: 0..<characters.count, using: &random))
        }
        lines[index] = String(characters)
      default:
        lines[index] += " " + fragments.randomElement(using: &random)!
      }
    }
    return lines.joined(separator: "\n")
  }

  @Test func mangledExamplesNeverCrashAndRangesStayInTheFile() throws {
    let originals = try ExampleTests.examples.map { try String(contentsOf: $0, encoding: .utf8) }
    #expect(!originals.isEmpty)
    // FLOWC_FUZZ_SEED and FLOWC_FUZZ_ROUNDS explore further than the default run.
    let environment = ProcessInfo.processInfo.environment
    let seed = environment["FLOWC_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_129
    let rounds = environment["FLOWC_FUZZ_ROUNDS"].flatMap { Int($0) } ?? 400
    var random = SeededGenerator(seed: seed)
    for round in 0..<rounds {
      let original = originals[round % max(originals.count, 1)]
      let text = Self.mangle(original, using: &random)
      let size = text.utf8.count
      for release in [false, true] {
        let result = CompilerTestSupport.compile(text, release: release)
        if result.diagnostics.hasErrors { #expect(result.program == nil, "round \(round)") }
        for diagnostic in result.diagnostics {
          for range in [diagnostic.range] + diagnostic.notes.map(\.range) {
            guard let range else { continue }
            #expect(range.start.offset <= range.end.offset, "round \(round): \(diagnostic.id)")
            #expect(range.end.offset <= size, "round \(round): \(diagnostic.id)")
            #expect(range.start.line >= 1 && range.start.column >= 1, "round \(round)")
          }
        }
      }
    }
  }

  @Test func deepConditionsAndHugeTextsAreReportedNotFatal() {
    let condition = String(repeating: "(", count: 5000) + "agreement.open"
    let text = """
      flowc: 1
      skill: { name: S, invocation: s, locales: [en-US] }
      prompts: { en-US: { bye: "\(String(repeating: "{{", count: 20000))" } }
      flow:
        start: route
        states:
          route:
            choose:
              - if: "\(condition)"
                goto: bye
              - else: bye
          bye: { tell: bye }

      """
    let result = CompilerTestSupport.compile(text)
    #expect(result.diagnostics.contains { $0.id == "invalid-condition" })
    #expect(result.program == nil)
  }
}
