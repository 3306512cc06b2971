import FlowCompiler
import FlowIR
import FlowRuntime
import FlowServer
import FlowTestSupport
import Foundation
import InMemoryLogging
import Logging
import Testing

/// A `flowc serve` of `examples/no-nicks.yaml` in memory: the server, its store and its logs.
struct ServerFixture {
  /// The compiled No Nicks example.
  static let program: FlowProgram = {
    let path = Golden.repositoryRoot.appendingPathComponent("examples/no-nicks.yaml").path
    // The example compiles (ExampleFlowTests); a failure here is reported by the tests using it.
    return (try? SourceFile(contentsOf: path)).flatMap { FlowCompiler.compile($0).program }!
  }()

  let server: SkillServer
  let store: any FlowStore
  let logs: InMemoryLogHandler

  init(
    verifier: any AlexaRequestVerifying = InsecureNoVerification(),
    store: any FlowStore = MemoryFlowStore(),
    configuration: SkillServerConfiguration = SkillServerConfiguration(host: "127.0.0.1", port: 0)
  ) {
    let logs = InMemoryLogHandler()
    var logger = Logger(label: "flowc.serve.test", factory: { _ in logs })
    logger.logLevel = .debug
    self.logs = logs
    self.store = store
    server = SkillServer(
      engine: FlowEngine(program: Self.program, store: store, log: { _ in }),
      verifier: verifier, configuration: configuration, logger: logger)
  }
}
