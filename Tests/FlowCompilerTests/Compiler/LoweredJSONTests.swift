import FlowIR
import Foundation
import Testing

@testable import FlowCompiler

/// Compiling encodes the program once: the JSON hashed for `flow_hash`, with the hash written
/// into it, is byte for byte the program's canonical JSON.
@Suite struct LoweredJSONTests {
  @Test(arguments: ExampleTests.examples)
  func theIRMadeWhileHashingIsTheCanonicalJSON(_ url: URL) throws {
    let result = FlowCompiler.compile(try ExampleTests.source(url))
    let program = try #require(result.program)
    let irJSON = try #require(result.irJSON)
    #expect(irJSON == [UInt8](try program.encodedJSON()))
    #expect(FlowLowering.flowHash(of: program) == program.flowHash)
  }

  @Test func aJSONWithoutTheEmptyFieldIsNotSpliced() throws {
    let json = Data("{\n  \"flow_hash\" : \"x\",\n  \"start\" : \"a\"\n}\n".utf8)
    #expect(FlowLowering.withFlowHash("sha256:00", in: json) == nil)
    let empty = Data("{\n  \"flow_hash\" : \"\",\n  \"start\" : \"a\"\n}\n".utf8)
    let hashed = Array("{\n  \"flow_hash\" : \"sha256:00\",\n  \"start\" : \"a\"\n}\n".utf8)
    #expect(FlowLowering.withFlowHash("sha256:00", in: empty) == hashed)
    // A slice of a larger buffer, whose indices do not start at 0.
    let slice = (Data("{}".utf8) + empty).dropFirst(2)
    #expect(FlowLowering.withFlowHash("sha256:00", in: slice) == hashed)
  }
}
