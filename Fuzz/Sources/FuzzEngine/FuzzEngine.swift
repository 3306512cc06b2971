import FlowCompiler
import FlowIR
import FlowRuntime
import Foundation
import FuzzSupport

/// The compiled No Nicks example, compiled once.
let program: FlowProgram = {
  let file = try! SourceFile(contentsOf: repositoryFile("examples/no-nicks.yaml").path)
  return FlowCompiler.compile(file).program!
}()
/// A valid launch request (the second mode plays it first).
let launch = try! Data(contentsOf: repositoryFile("examples/requests/launch.json"))

/// Bytes → `FlowEngine.handle(requestJSON:)` on No Nicks with a fresh memory store. When the first
/// byte is odd, a valid launch is played first and the fuzzed envelope is sent with that
/// launch's session attributes, overlaid by its own (tampered) ones.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let input = Data(bytes: start, count: count)
  let afterLaunch = count > 0 && start.load(as: UInt8.self) & 1 == 1
  blocking {
    // Refusals of tampered session state are expected by the thousand: not logged.
    let engine = FlowEngine(program: program, store: MemoryFlowStore(), log: { _ in })
    guard afterLaunch else {
      _ = try? await engine.handle(requestJSON: input)
      return
    }
    guard let first = try? await engine.handle(requestJSON: launch),
      let previous = try? CanonicalJSON.decode(ResponseEnvelope.self, from: first),
      var request = try? CanonicalJSON.decode(RequestEnvelope.self, from: input),
      var session = request.session
    else { return }
    session.attributes = (previous.sessionAttributes ?? [:])
      .merging(session.attributes ?? [:]) { _, tampered in tampered }
    request.session = session
    _ = try? await engine.handle(request)
  }
  return 0
}

/// The executable's entry point (see `runFuzzer`).
@_cdecl("FuzzEngine_main")
public func fuzzMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
  runFuzzer(argc, argv) { data, count in data.map { fuzz(UnsafeRawPointer($0), count) } ?? 0 }
}
