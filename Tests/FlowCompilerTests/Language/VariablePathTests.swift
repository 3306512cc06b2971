import FlowIR
import Testing

@testable import FlowCompiler

@Suite struct VariablePathTests {
  let scope = VariableScope(productIDs: ["starter_kit", "refill"])
  let setScope = VariableScope(
    productIDs: ["starter_kit", "refill"],
    slots: ["product": "catalog", "quantity": "AMAZON.NUMBER", "city": "AMAZON.City"])

  @Test(arguments: [
    ("product", ValueType.product, [BaseVariable.product]),
    ("product.id", .string, [.product]),
    ("product.name", .string, [.product]),
    ("product.price", .money, [.product]),
    ("quantity", .integer, []),
    ("catalog.refill", .product, []),
    ("catalog.refill.name", .string, []),
    ("catalog.starter_kit.price", .money, []),
    ("order.total", .money, [.product]),
    ("order.id", .string, [.orderID]),
    ("agreement.id", .string, [.agreementID]),
    ("agreement.status", .string, [.agreementStatus]),
    ("agreement.open", .bool, []),
    ("shipping.name", .string, [.shipping]),
    ("shipping.address_line1", .string, [.shipping]),
    ("shipping.city", .string, [.shipping]),
    ("shipping.state_or_region", .string, [.shipping]),
    ("shipping.postal_code", .string, [.shipping]),
    ("shipping.country_code", .string, [.shipping]),
    ("payment.error", .string, [.paymentError]),
    ("payment.reason", .string, [.paymentReason]),
  ])
  func resolvesTheTable(path: String, type: ValueType, dependencies: [BaseVariable]) throws {
    let resolved = try VariablePathResolver.resolve(path, in: scope).get()
    #expect(resolved.type == type)
    #expect(resolved.dependencies == dependencies)
    #expect(resolved.path == path)
  }

  @Test func slotsHaveTheirTypesInsideSet() throws {
    #expect(try VariablePathResolver.resolve("slot.product", in: setScope).get().type == .product)
    #expect(try VariablePathResolver.resolve("slot.quantity", in: setScope).get().type == .integer)
    let city = try VariablePathResolver.resolve("slot.city", in: setScope).get()
    #expect(city.type == .string)
    #expect(city.slotName == "city")
    #expect(city.dependencies.isEmpty)
  }

  @Test(arguments: [
    "", ".", "..", "order.total", ".order", "order.", "a..b", "slot.city.spoken", "café.prix",
    "日本.語", "a.\u{301}b", "e\u{301}.x",
  ])
  func piecesAreTheBytewiseSplit(text: String) {
    let expected = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
      .map { String(Substring($0)) }
    #expect(text.pieces(separatedBy: UInt8(ascii: ".")).map(String.init) == expected)
    #expect(VariablePath(rawValue: text).segments.map(String.init) == expected)
  }

  @Test func slotNamesOfPaths() {
    #expect(VariablePath(rawValue: "slot.city").slotName == "city")
    #expect(VariablePath(rawValue: "slot.city.spoken").slotName == nil)
    #expect(VariablePath(rawValue: "slot.city.spoken").spokenSlotName == "city")
    #expect(VariablePath(rawValue: "slot.").slotName == nil)
    #expect(VariablePath(rawValue: "slots.city").slotName == nil)
    #expect(VariablePath(rawValue: "order.total").slotName == nil)
    #expect(VariablePath(rawValue: "order.total").spokenSlotName == nil)
    #expect(VariablePath(rawValue: "slot..spoken").spokenSlotName == nil)
  }

  @Test func slotOutsideSet() {
    #expect(problem("slot.product", in: scope)?.kind == .slotOutsideSet)
  }

  @Test func unknownSlotSuggestsACloseOne() {
    let found = problem("slot.quantiy", in: setScope)
    #expect(found?.kind == .unknownSlot("quantiy", suggestion: "quantity"))
    #expect(found?.range.characters == 5..<12)
  }

  @Test func unknownRootSuggests() {
    let found = problem("ordr.total", in: scope)
    #expect(found?.kind == .unknownRoot("ordr", suggestion: "order"))
    #expect(found?.range.characters == 0..<4)
    #expect(problem("zzz", in: scope)?.kind == .unknownRoot("zzz", suggestion: nil))
  }

  @Test func unknownMemberSuggests() {
    let found = problem("order.totl", in: scope)
    #expect(found?.kind == .unknownMember("totl", parent: "order", suggestion: "total"))
    #expect(found?.range.characters == 6..<10)
    #expect(
      problem("shipping.adress_line1", in: scope)?.kind
        == .unknownMember("adress_line1", parent: "shipping", suggestion: "address_line1"))
    #expect(
      problem("catalog.refill.nam", in: scope)?.kind
        == .unknownMember("nam", parent: "catalog.refill", suggestion: "name"))
    #expect(
      problem("order.total.amount", in: scope)?.kind
        == .unknownMember("amount", parent: "order.total", suggestion: nil))
    #expect(
      problem("quantity.value", in: scope)?.kind
        == .unknownMember("value", parent: "quantity", suggestion: nil))
  }

  @Test func veryLongNamesGetNoSuggestionAndStayFast() {
    let long = String(repeating: "orde", count: 250_000)
    #expect(problem(long + ".total", in: scope)?.kind == .unknownRoot(long, suggestion: nil))
    #expect(
      problem("order." + long, in: scope)?.kind
        == .unknownMember(long, parent: "order", suggestion: nil))
  }

  @Test func unknownProduct() {
    let found = problem("catalog.refil.price", in: scope)
    #expect(found?.kind == .unknownProduct("refil", suggestion: "refill"))
    #expect(found?.range.characters == 8..<13)
  }

  @Test func incompletePaths() {
    #expect(
      problem("order", in: scope)?.kind == .incomplete(path: "order", members: ["id", "total"]))
    #expect(
      problem("catalog", in: scope)?.kind
        == .incomplete(path: "catalog", members: ["refill", "starter_kit"]))
    #expect(
      problem("agreement", in: scope)?.kind
        == .incomplete(path: "agreement", members: ["id", "open", "status"]))
  }

  @Test(arguments: ["", ".", "Order", "order..id", "order.id ", "ördér", "a-b"])
  func malformed(path: String) {
    #expect(problem(path, in: scope)?.kind == .malformed(path: path))
  }

  @Test func assignableVariables() {
    #expect(VariablePathResolver.assignable == ["product": .product, "quantity": .integer])
    #expect(VariablePathResolver.valueType(ofSlotType: "AMAZON.DATE") == .string)
  }

  @Test func outcomesAssignVariables() {
    #expect(
      BaseVariable.assigned(by: .success, of: .setup, shipping: true)
        == [.orderID, .agreementID, .agreementStatus, .shipping])
    #expect(
      BaseVariable.assigned(by: .success, of: .setup, shipping: false)
        == [.orderID, .agreementID, .agreementStatus])
    #expect(
      BaseVariable.assigned(by: .success, of: .charge, shipping: true) == [.orderID])
    #expect(
      BaseVariable.assigned(by: .declined, of: .charge, shipping: false)
        == [.orderID, .paymentReason])
    #expect(
      BaseVariable.assigned(by: .error, of: .setup, shipping: false)
        == [.orderID, .paymentError])
    #expect(
      BaseVariable.assigned(by: .permissionDenied, of: .setup, shipping: true).isEmpty
    )
  }

  @Test func onlyQuantityIsAlwaysSet() {
    #expect(BaseVariable.allCases.filter(\.isAlwaysSet) == [.quantity])
  }

  private func problem(_ path: String, in scope: VariableScope) -> VariablePathProblem? {
    if case .failure(let problem) = VariablePathResolver.resolve(path, in: scope) { return problem }
    return nil
  }
}
