import ArgumentParser
import FlowCompiler
import FlowIR
import FlowRuntime
import FlowServer
import FlowStoreSQL
import FlowTesting
import Foundation
import Logging

/// `flowc serve FLOW`: the flow as an Alexa skill endpoint over plain HTTP, behind a TLS
/// terminator.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve a flow as an Alexa skill endpoint (plain HTTP behind TLS termination).",
    discussion: """
      POST / answers an Alexa request envelope with the flow's response envelope; \
      GET /healthz answers 200 while the store answers; GET /metrics gives Prometheus text. \
      Every request is verified as coming from Alexa (its signature, certificate chain, \
      timestamp and, with --skill-id, its skill) before it reaches the flow; a request that \
      fails is answered with HTTP 400 (docs/deploy.md). --insecure-no-verify turns that off, \
      for local development only. --allow-inspection (only with --insecure-no-verify) also \
      answers the inspection questions of 'flowc test --endpoint' (docs/testing.md, 'Testing \
      a skill endpoint'): whoever asks learns any customer's orders, so never in production. \
      Request \
      bodies over \(SkillServerConfiguration.defaultMaximumRequestSize / 1024) KiB are \
      answered with 413. Logs go to standard error, one line per request. SIGTERM or SIGINT \
      stops accepting connections, finishes the requests in flight and closes the store. \
      Exit status: 0 after a signal, 1 when the flow, the store or the address cannot be used.
      """
  )

  @Argument(help: "The flow: a YAML flow file or IR JSON.")
  var flow: String

  @Option(help: ArgumentHelp("The address to listen on.", valueName: "host"))
  var host: String = SkillServerConfiguration.defaultHost

  @Option(help: ArgumentHelp("The TCP port (0: any free port).", valueName: "port"))
  var port: Int = SkillServerConfiguration.defaultPort

  @Option(
    help: ArgumentHelp(
      "The store: \(FlowStores.urlForms) (instances on one PostgreSQL database share it).",
      valueName: "url"))
  var store: String = RunDefaults.storeURL

  @Option(
    name: .customLong("skill-id"),
    help: ArgumentHelp(
      "A skill id whose requests are answered (repeatable); any skill's when none is given.",
      valueName: "id"))
  var skillIds: [String] = []

  @Option(
    name: .customLong("trust-roots"),
    help: ArgumentHelp(
      "A PEM file of root certificates replacing the system's, for Alexa's certificate chain.",
      valueName: "file"))
  var trustRoots: String?

  @Option(
    name: .customLong("cert-chain"),
    help: ArgumentHelp(
      "Serve the certificate chain of URL from FILE instead of fetching it (repeatable).",
      valueName: "url=file"))
  var certificateChains: [String] = []

  @Flag(
    name: .customLong("insecure-no-verify"),
    help: "Answer requests without checking that they come from Alexa (local development only).")
  var insecureNoVerify = false

  @Flag(
    name: .customLong("allow-inspection"),
    help: ArgumentHelp(
      "Answer flowc test's inspection questions on POST / (needs --insecure-no-verify; "
        + "shows any customer's orders: for flowc test --endpoint only, never in production)."))
  var allowInspection = false

  func validate() throws {
    if allowInspection && !insecureNoVerify {
      throw ValidationError(
        "--allow-inspection needs --insecure-no-verify: inspection tells whoever asks any "
          + "customer's orders, so it is only for local testing (flowc test --endpoint), "
          + "never in production")
    }
    guard (0...65535).contains(port) else {
      throw ValidationError("--port must be between 0 and 65535, not \(port)")
    }
    if flow == SourceFileReader.standardInputPath {
      throw ValidationError("FLOW cannot be '-': flowc serve reads the flow from a file")
    }
  }

  func run() async throws {
    let verifier = try makeVerifier()
    let program = try CommandOutput.loadProgram(path: flow)
    var logger = Logger(
      label: "flowc.serve", factory: { label in StreamLogHandler.standardError(label: label) })
    logger.logLevel =
      ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
      ?? .info
    let flowStore = try await FlowStores.openForCommand(store)
    let server = SkillServer(
      engine: FlowEngine(program: program, store: flowStore),
      verifier: verifier,
      configuration: SkillServerConfiguration(host: host, port: port), logger: logger,
      inspection: allowInspection ? Self.inspection() : nil)
    do {
      try await server.run()
    } catch {
      CommandOutput.error(String(describing: error))
      throw ExitCode.failure
    }
  }

  /// Inspection for `--allow-inspection`: the server keeps each recent customer's last
  /// trace, and the conversation tests' wire format (the stdio skill protocol's `inspect`
  /// line, `InspectionLine`) asks and answers; said loudly.
  static func inspection() -> InspectionAnswering {
    CommandOutput.warning(
      "inspection is ON (--allow-inspection): anyone who can reach this port can read any "
        + "customer's orders and agreements; for flowc test --endpoint only, never in production")
    return InspectionAnswering { body, store, lastTrace in
      try await InspectionLine.answer(toQuestion: body, store: store, lastTrace: lastTrace)
    }
  }

  /// The request verifier: Alexa's signature rules (docs/deploy.md), or none with
  /// `--insecure-no-verify` (said loudly).
  ///
  /// - Throws: `ExitCode.failure`, after saying why, when the trust roots, a chain file or a
  ///   skill id cannot be used.
  func makeVerifier() throws -> any AlexaRequestVerifying {
    if insecureNoVerify {
      CommandOutput.warning(
        "request verification is OFF (--insecure-no-verify): anyone who can reach this port "
          + "can talk to the skill as any customer; use it for local development only")
      if !skillIds.isEmpty || trustRoots != nil || !certificateChains.isEmpty {
        CommandOutput.warning(
          "--skill-id, --trust-roots and --cert-chain are not used with --insecure-no-verify")
      }
      return InsecureNoVerification()
    }
    do {
      return try AlexaVerificationConfiguration(
        trustRootsPath: trustRoots,
        certificateChainFiles: AlexaVerificationConfiguration.parseCertificateChainFiles(
          certificateChains),
        skillIDs: skillIds
      ).makeVerifier()
    } catch {
      CommandOutput.error(error.description)
      throw ExitCode.failure
    }
  }
}
