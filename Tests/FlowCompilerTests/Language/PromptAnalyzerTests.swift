import FlowIR
import Testing

@testable import FlowCompiler

@Suite struct PromptAnalyzerTests {
  @Test func validPromptResolvesEveryPlaceholder() {
    let analyzed = PromptAnalyzer.analyze(
      "That is {quantity} {product.name} for {order.total}, to {shipping.city}.",
      productIDs: ["kit"])
    #expect(analyzed.problems.isEmpty)
    #expect(
      analyzed.placeholders.map(\.resolved.type) == [.integer, .string, .money, .string])
    #expect(analyzed.dependencies == [.product, .shipping])
    #expect(analyzed.template.segments.count == 9)
  }

  @Test func pathProblemsPointInsideThePlaceholder() {
    let text = "Grüße, {ordr.total} and { catalog.kitt.price }"
    let analyzed = PromptAnalyzer.analyze(text, productIDs: ["kit"])
    #expect(
      analyzed.problems.map(\.range.characters) == [
        scalarRange(of: "ordr", in: text), scalarRange(of: "kitt", in: text),
      ])
    #expect(analyzed.problems.map(\.range.utf8).first == utf8Range(of: "ordr", in: text))
    guard case .path(let first) = analyzed.problems.first else {
      Issue.record("expected a path problem")
      return
    }
    #expect(first.kind == .unknownRoot("ordr", suggestion: "order"))
  }

  @Test func slotsAreNotAvailableInPrompts() {
    let analyzed = PromptAnalyzer.analyze("{slot.product}", productIDs: [])
    guard case .path(let problem) = analyzed.problems.first else {
      Issue.record("expected a path problem")
      return
    }
    #expect(problem.kind == .slotOutsideSet)
    #expect(problem.range.characters == 1..<13)
  }

  @Test func ssmlProblemsAreMergedInTextOrder() {
    let text = "<speak>{} <bogus>{order.totl}</bogus> &</speak>"
    let analyzed = PromptAnalyzer.analyze(text, productIDs: [])
    let kinds: [String] = analyzed.problems.map {
      switch $0 {
      case .template: "template"
      case .path: "path"
      case .ssml: "ssml"
      }
    }
    #expect(kinds == ["template", "ssml", "path", "ssml"])
    #expect(analyzed.template.ssml)
  }

  @Test func plainTextWithMarkupIsNotCheckedAsSSML() {
    #expect(PromptAnalyzer.analyze("a <b> & c", productIDs: []).problems.isEmpty)
  }
}
