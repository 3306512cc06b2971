import FlowIR
import Testing

@testable import FlowCompiler

@Suite struct AssignmentParserTests {
  let scope = VariableScope(
    productIDs: ["kit", "refill"], slots: ["product": "catalog", "quantity": "AMAZON.NUMBER"])

  func parsed(_ variable: String, _ value: String) -> ParsedAssignment? {
    try? AssignmentParser.parse(variable: variable, value: value, scope: scope).get()
  }

  func problem(_ variable: String, _ value: String, scope: VariableScope? = nil)
    -> AssignmentProblem?
  {
    if case .failure(let problem) = AssignmentParser.parse(
      variable: variable, value: value, scope: scope ?? self.scope)
    {
      return problem
    }
    return nil
  }

  @Test func slotsCatalogAndLiterals() {
    #expect(
      parsed("product", "slot.product")
        == ParsedAssignment(
          assignment: Assignment(variable: "product", value: .path("slot.product", fallback: nil)),
          assigned: .product, dependencies: []))
    #expect(
      parsed("product", "catalog.refill")?.assignment.value
        == .path("catalog.refill", fallback: nil))
    #expect(
      parsed("quantity", " slot.quantity ?? 1 ")?.assignment.value
        == .path("slot.quantity", fallback: .int(1)))
    #expect(
      parsed("quantity", "slot.quantity??2")?.assignment.value
        == .path("slot.quantity", fallback: .int(2)))
    #expect(parsed("quantity", "3")?.assignment.value == .literal(.int(3)))
    #expect(parsed("quantity", "quantity")?.assigned == .quantity)
    #expect(parsed("product", "product")?.dependencies == [.product])
  }

  @Test func onlyProductAndQuantity() {
    let found = problem("quantty", "2")
    #expect(found?.kind == .notAssignable("quantty", suggestion: "quantity"))
    #expect(found?.range.characters == 0..<7)
    #expect(problem("order.total", "2")?.kind == .notAssignable("order.total", suggestion: nil))
  }

  @Test func typeMismatches() {
    #expect(
      problem("product", "slot.quantity")?.kind
        == .typeMismatch(variable: "product", expected: .product, found: .integer))
    #expect(
      problem("quantity", "catalog.kit")?.kind
        == .typeMismatch(variable: "quantity", expected: .integer, found: .product))
    #expect(
      problem("product", "2")?.kind
        == .typeMismatch(variable: "product", expected: .product, found: .integer))
  }

  @Test func fallbacks() {
    #expect(problem("quantity", "quantity ?? 1")?.kind == .fallbackNeverUsed)
    #expect(problem("quantity", "slot.quantity ?? x")?.kind == .invalidFallback("x"))
    #expect(problem("quantity", "slot.quantity ??")?.kind == .invalidFallback(""))
    #expect(problem("product", "slot.product ?? 1")?.kind == .invalidFallback("1"))
    #expect(problem("quantity", "slot.quantity ?? 100")?.kind == .quantityOutOfRange("100"))
    #expect(problem("quantity", "slot.quantity ?? 0")?.kind == .quantityOutOfRange("0"))
  }

  @Test func literalsAndMalformedValues() {
    #expect(problem("quantity", "0")?.kind == .quantityOutOfRange("0"))
    #expect(
      problem("quantity", "99999999999999999999999")?.kind
        == .quantityOutOfRange("99999999999999999999999"))
    #expect(problem("quantity", "2.5")?.kind == .malformedValue("2.5"))
    #expect(problem("quantity", "")?.kind == .emptyValue)
    #expect(problem("product", "Slot.Product")?.kind == .malformedValue("Slot.Product"))
  }

  @Test func pathProblemsPointIntoTheValue() {
    let text = "  slot.prodct"
    let found = problem("product", text)
    #expect(found?.kind == .path(.unknownSlot("prodct", suggestion: "product")))
    #expect(found?.range.characters == scalarRange(of: "prodct", in: text))
    #expect(
      problem("product", "slot.product", scope: VariableScope(productIDs: ["kit"]))?.kind
        == .path(.slotOutsideSet))
  }
}
