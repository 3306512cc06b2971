public import FlowRuntime
internal import Foundation
public import Hummingbird
public import Logging
internal import NIOCore
internal import ServiceLifecycle
internal import UnixSignals

/// `flowc serve`: a flow as an Alexa skill endpoint over plain HTTP (TLS is terminated in
/// front of it).
///
/// `POST /` takes a request envelope: the verifier first (a failure is HTTP 400, a log line
/// naming the rule, a metric, nothing stored), then the engine's turn, answered with the
/// response envelope. `GET /healthz` and `GET /metrics` tell how it is doing. ``run()`` runs
/// until SIGTERM or SIGINT, then stops accepting connections, finishes the requests in flight
/// and closes the store.
public struct SkillServer: Sendable {
  /// The flow and its store.
  public var engine: FlowEngine
  /// Decides whether a request comes from Alexa.
  public var verifier: any AlexaRequestVerifying
  /// Where to listen and what to accept.
  public var configuration: SkillServerConfiguration
  /// Where the server logs: one line per request with its id, never a customer's data.
  public var logger: Logger
  /// The server's metrics.
  public let metrics: ServerMetrics
  /// Answers inspection questions on `POST /` (`--allow-inspection`, for
  /// `flowc test --endpoint`); `nil`, the default, answers them 400 as malformed envelopes.
  /// Only with ``InsecureNoVerification``: it tells anyone any customer's orders.
  public var inspection: InspectionAnswering?

  /// Creates a server; nothing listens until ``run()``.
  ///
  /// - Parameters:
  ///   - engine: The flow and its store.
  ///   - verifier: The request verifier (``InsecureNoVerification`` for local development).
  ///   - configuration: Where to listen and the body limit.
  ///   - logger: Where to log.
  ///   - metrics: Where to count.
  ///   - inspection: Answers inspection questions; `nil` (the default) for none.
  public init(
    engine: FlowEngine, verifier: any AlexaRequestVerifying,
    configuration: SkillServerConfiguration = SkillServerConfiguration(), logger: Logger,
    metrics: ServerMetrics = ServerMetrics(), inspection: InspectionAnswering? = nil
  ) {
    self.engine = engine
    self.verifier = verifier
    self.configuration = configuration
    self.logger = logger
    self.metrics = metrics
    self.inspection = inspection
  }

  /// Whether the server accepts requests without checking that they come from Alexa.
  public var isInsecure: Bool { verifier is InsecureNoVerification }

  /// The Hummingbird application that serves the routes; ``run()`` runs it, tests drive it
  /// with HummingbirdTesting.
  ///
  /// - Parameter onListening: Called once the socket listens, with `host:port` (the port the
  ///   system picked when the configuration asks for 0).
  /// - Returns: The application.
  public func application(
    onListening: @escaping @Sendable (String) async -> Void = { _ in }
  ) -> some ApplicationProtocol {
    let logger = logger
    return Application(
      responder: SkillEndpoint(
        engine: engine, verifier: verifier, configuration: configuration, metrics: metrics,
        // Never without verification off, whatever the caller set (``run()`` refuses it).
        inspection: isInsecure ? inspection : nil),
      configuration: ApplicationConfiguration(
        address: .hostname(configuration.host, port: configuration.port)),
      onServerRunning: { channel in
        let address = channel.localAddress
        let listening = "\(address?.ipAddress ?? "?"):\(address?.port ?? 0)"
        logger.info("listening on http://\(listening)")
        await onListening(listening)
      },
      logger: logger)
  }

  /// Serves until SIGTERM or SIGINT; then stops accepting connections, lets the requests in
  /// flight finish, and closes the store (which makes every acknowledged turn durable).
  ///
  /// - Parameter onListening: Called once the socket listens, with `host:port`.
  /// - Throws: ``SkillServerError/cannotListen(address:reason:)`` when the address cannot be
  ///   listened on (it is taken, say); ``SkillServerError/inspectionNeedsNoVerification``;
  ///   what closing the store throws. The store is closed either way.
  public func run(onListening: @escaping @Sendable (String) async -> Void = { _ in }) async throws {
    if inspection != nil, !isInsecure {
      try? await engine.store.close()
      throw SkillServerError.inspectionNeedsNoVerification
    }
    if isInsecure {
      logger.warning(
        """
        request verification is OFF (--insecure-no-verify): every request is answered, \
        whoever sends it; for local development only
        """)
    }
    if inspection != nil {
      logger.warning(
        """
        inspection is ON (--allow-inspection): anyone who can reach this port can read any \
        customer's orders and agreements; for flowc test --endpoint only, never in production
        """)
    }
    logger.info(
      "starting",
      metadata: [
        "flow_hash": "\(engine.program.flowHash)",
        "max_request_bytes": "\(configuration.maximumRequestSize)",
      ])
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [application(onListening: onListening)],
        gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    do {
      try await group.run()
    } catch let error as IOError {
      try? await engine.store.close()
      // The only socket error that ends the group: the listening socket could not be made.
      throw SkillServerError.cannotListen(
        address: "\(configuration.host):\(configuration.port)",
        reason: String(cString: strerror(error.errnoCode)))
    } catch {
      try? await engine.store.close()
      throw error
    }
    try await engine.store.close()
    logger.info("stopped: requests in flight answered, store closed")
  }
}

/// Why ``SkillServer/run(onListening:)`` stopped.
public enum SkillServerError: Error, Equatable, CustomStringConvertible {
  /// The address cannot be listened on; `host:port` and the system's reason.
  case cannotListen(address: String, reason: String)
  /// Inspection was asked for on a server that verifies requests: refused, because it would
  /// tell whoever asks any customer's orders.
  case inspectionNeedsNoVerification

  /// One line for the user.
  public var description: String {
    switch self {
    case .cannotListen(let address, let reason): "cannot listen on \(address): \(reason)"
    case .inspectionNeedsNoVerification:
      "inspection is only for a server without request verification (local testing): "
        + "it tells whoever asks any customer's orders"
    }
  }
}
