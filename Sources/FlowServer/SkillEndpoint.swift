internal import FlowIR
internal import FlowRuntime
internal import Foundation
internal import HTTPTypes
internal import Hummingbird
internal import Logging
internal import NIOCore
internal import Synchronization

/// Answers the three routes of `flowc serve`: the skill (`POST /`), the health check and the
/// metrics. A known path with another method is 405 (with `Allow`), any other path 404.
struct SkillEndpoint: HTTPResponder {
  typealias Context = BasicRequestContext

  /// The flow and its store.
  let engine: FlowEngine
  /// Decides whether a request comes from Alexa; runs before the body reaches the flow.
  let verifier: any AlexaRequestVerifying
  /// The body limit and the health-check timeout.
  let configuration: SkillServerConfiguration
  /// Where requests, outcomes, refusals and durations are counted.
  let metrics: ServerMetrics
  /// Answers inspection questions (`--allow-inspection`); `nil` treats them as the malformed
  /// envelopes they are.
  var inspection: InspectionAnswering? = nil

  func respond(to request: Request, context: Context) async throws -> Response {
    var context = context
    // The proxy's id of the request (nginx's `$request_id`), so that its access log line and
    // ours can be matched; only a short plain identifier, since anyone can send the header.
    if let proxyRequestId = LogSafe.identifier(request.headers[.xRequestId]) {
      context.logger[metadataKey: Self.proxyRequestIdKey] = "\(proxyRequestId)"
    }
    switch request.uri.path {
    case SkillServerRoute.skill:
      guard request.method == .post else { return Self.methodNotAllowed(allow: .post) }
      return await answer(request, context: context)
    case SkillServerRoute.health:
      guard request.method == .get else { return Self.methodNotAllowed(allow: .get) }
      return await health(context: context)
    case SkillServerRoute.metrics:
      guard request.method == .get else { return Self.methodNotAllowed(allow: .get) }
      return Response(
        status: .ok, headers: [.contentType: Self.prometheusContentType],
        body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    default:
      return Self.text(.notFound, "not found: flowc serve answers POST \(SkillServerRoute.skill)")
    }
  }

  /// `POST /`: read the body within the limit, verify, decode, answer.
  private func answer(_ request: Request, context: Context) async -> Response {
    let started = ContinuousClock.now
    var logger = context.logger
    let body: ByteBuffer
    do {
      body = try await request.body.collect(upTo: configuration.maximumRequestSize)
    } catch is NIOTooManyBytesError {
      metrics.countRequest(.unknown, .tooLarge)
      logger.notice(
        "refused a request body over the limit",
        metadata: ["limit_bytes": "\(configuration.maximumRequestSize)"])
      return Self.text(
        .contentTooLarge,
        "the request body is larger than \(configuration.maximumRequestSize) bytes")
    } catch {
      metrics.countRequest(.unknown, .malformed)
      logger.notice("could not read the request body", metadata: ["error": "\(error)"])
      return Self.text(.badRequest, "the request body could not be read")
    }
    let bytes = [UInt8](body.readableBytesView)
    let signed = AlexaHTTPRequest(
      signatureCertChainURL: request.headers[.signatureCertChainURL],
      signature256: request.headers[.signature256], body: bytes)
    do {
      try await verifier.verify(signed, now: engine.now())
    } catch {
      metrics.countVerificationFailure(error.rule)
      metrics.countRequest(.unknown, .unverified)
      logger.warning(
        "refused a request that failed verification",
        metadata: ["rule": "\(error.rule.rawValue)", "detail": "\(error.detail)"])
      return Self.text(.badRequest, "request verification failed: \(error.rule.rawValue)")
    }
    if let inspection {
      let store = engine.store
      let traces = inspection.traces
      do {
        if let reply = try await inspection.answer(Data(bytes), store, { traces.trace(userId: $0) })
        {
          logger.info("answered an inspection question (--allow-inspection)")
          return Response(
            status: .ok, headers: [.contentType: Self.jsonContentType],
            body: .init(byteBuffer: ByteBuffer(bytes: reply)))
        }
      } catch {
        logger.notice(
          "refused an inspection question",
          metadata: ["error": "\(LogSafe.oneLine(String(describing: error)))"])
        return Self.text(.badRequest, LogSafe.oneLine(String(describing: error)))
      }
    }
    let envelope: RequestEnvelope
    do {
      envelope = try RequestEnvelope(json: Data(bytes))
    } catch {
      metrics.countRequest(.unknown, .malformed)
      logger.notice("refused a malformed request", metadata: ["error": "\(error.description)"])
      return Self.text(.badRequest, error.description)
    }
    let type = RequestTypeLabel(envelope.request)
    logger[metadataKey: "alexa.type"] = "\(type.rawValue)"
    if let requestId = LogSafe.identifier(envelope.request.requestId) {
      logger[metadataKey: "alexa.request_id"] = "\(requestId)"
    }
    var engine = self.engine
    let turnLogger = logger
    engine.log = { line in turnLogger.notice("\(line)") }
    do {
      let answer = try await engine.answer(envelope)
      inspection?.traces.record(answer.trace, userId: envelope.userId ?? "")
      let duration = ContinuousClock.now - started
      metrics.countRequest(type, .answered)
      metrics.countPaymentOutcomes(answer.trace)
      metrics.recordDuration(duration, type: type)
      var fields: Logger.Metadata = ["duration_ms": "\(LogSafe.milliseconds(duration))"]
      if let state = answer.trace.answeringState { fields["state"] = "\(state)" }
      for (_, outcome) in answer.trace.paymentOutcomes {
        fields["payment_outcome"] = "\(outcome.rawValue)"
      }
      logger.info("answered", metadata: fields)
      return Response(
        status: .ok, headers: [.contentType: Self.jsonContentType],
        body: .init(byteBuffer: ByteBuffer(bytes: answer.json)))
    } catch {
      metrics.countRequest(type, .failed)
      logger.error(
        "could not answer the request; nothing of the turn was stored",
        metadata: ["error": "\(LogSafe.oneLine(String(describing: error)))"])
      return Self.text(.internalServerError, "the skill could not answer this request")
    }
  }

  /// `GET /healthz`: 200 when the store answers a trivial query (the session key every turn
  /// reads first) within the timeout, 503 otherwise.
  private func health(context: Context) async -> Response {
    let store = engine.store
    let answered = await Self.withinTimeout(configuration.healthCheckTimeout) {
      _ = try await store.sessionKey()
    }
    guard answered else {
      context.logger.warning("health check failed: the store did not answer")
      return Self.text(.serviceUnavailable, "unavailable: the store does not answer")
    }
    return Self.text(.ok, "ok")
  }

  /// Whether `operation` finished without throwing before `timeout`. The operation is not
  /// awaited past the timeout (a hung database does not hang the health check).
  static func withinTimeout(
    _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> Void
  ) async -> Bool {
    await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
      let answer = FirstAnswer(continuation)
      Task {
        do {
          try await operation()
          answer.resume(true)
        } catch {
          answer.resume(false)
        }
      }
      Task {
        try? await Task.sleep(for: timeout)
        answer.resume(false)
      }
    }
  }

  /// The log metadata key of the proxy's `X-Request-Id`.
  static let proxyRequestIdKey = "proxy.request_id"

  /// The content type of a response envelope.
  static let jsonContentType = "application/json"
  /// The content type of the Prometheus text exposition format.
  static let prometheusContentType = "text/plain; version=0.0.4; charset=utf-8"

  /// A short plain-text answer.
  static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
    Response(
      status: status, headers: [.contentType: "text/plain; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
  }

  /// 405 with the one method the path accepts.
  static func methodNotAllowed(allow: HTTPRequest.Method) -> Response {
    var response = text(.methodNotAllowed, "method not allowed: use \(allow.rawValue)")
    response.headers[.allow] = allow.rawValue
    return response
  }
}

extension HTTPField.Name {
  /// Alexa's header naming the signing certificate chain.
  static let signatureCertChainURL = HTTPField.Name("SignatureCertChainUrl")!
  /// Alexa's header carrying the SHA-256 signature of the body.
  static let signature256 = HTTPField.Name("Signature-256")!
  /// The request id a proxy in front sets (nginx's `$request_id` in `deploy/nginx/flowc.conf`).
  static let xRequestId = HTTPField.Name("X-Request-Id")!
}

/// A continuation resumed by whichever of several tasks answers first.
private final class FirstAnswer: Sendable {
  private let continuation: Mutex<CheckedContinuation<Bool, Never>?>

  init(_ continuation: CheckedContinuation<Bool, Never>) {
    self.continuation = Mutex(continuation)
  }

  /// Resumes the continuation with `value`, unless another task did first.
  func resume(_ value: Bool) {
    let first = continuation.withLock { waiting in
      defer { waiting = nil }
      return waiting
    }
    first?.resume(returning: value)
  }
}
