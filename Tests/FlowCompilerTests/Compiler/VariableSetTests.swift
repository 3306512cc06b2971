import FlowIR
import Testing

@testable import FlowCompiler

/// The bits of base variables in the graph analyses' ``VariableSet``.
@Suite struct VariableSetTests {
  @Test func everyBaseVariableHasItsPositionAsItsBit() {
    for (position, variable) in BaseVariable.allCases.enumerated() {
      #expect(FlowChecker.variableSet(variable).bits == 1 << UInt64(position))
    }
    #expect(
      FlowChecker.variableSet([.product, .quantity]).bits
        == FlowChecker.variableSet(.product).bits | FlowChecker.variableSet(.quantity).bits)
  }
}
