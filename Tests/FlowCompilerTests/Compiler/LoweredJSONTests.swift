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
    let json = Array("{\n  \"flow_hash\" : \"x\",\n  \"start\" : \"a\"\n}\n".utf8)
    var unchanged = json
    #expect(!FlowLowering.writeFlowHash("sha256:00", into: &unchanged))
    #expect(unchanged == json)
    var empty = Array("{\n  \"flow_hash\" : \"\",\n  \"start\" : \"a\"\n}\n".utf8)
    let hashed = Array("{\n  \"flow_hash\" : \"sha256:00\",\n  \"start\" : \"a\"\n}\n".utf8)
    #expect(FlowLowering.writeFlowHash("sha256:00", into: &empty))
    #expect(empty == hashed)
  }

  @Test func theHashIsWrittenWithoutCopyingTheJSON() throws {
    let program = try #require(
      FlowCompiler.compile(try ExampleTests.source(ExampleTests.examples[0])).program)
    var unhashed = program
    unhashed.flowHash = ""
    var json = try CanonicalJSON.prettyBytes(
      unhashed, spareCapacity: FlowLowering.flowHashLength)
    #expect(json.capacity >= json.count + FlowLowering.flowHashLength)
    let storage = json.withUnsafeBufferPointer { $0.baseAddress }
    #expect(FlowLowering.writeFlowHash(program.flowHash, into: &json))
    #expect(json.withUnsafeBufferPointer { $0.baseAddress } == storage)
    #expect(json == [UInt8](try program.encodedJSON()))
    #expect(program.flowHash.utf8.count == FlowLowering.flowHashLength)
  }
}
