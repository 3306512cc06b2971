internal import FlowIR
internal import FlowRuntime
internal import Metrics
internal import Prometheus

/// The metrics of one `flowc serve` process, recorded through swift-metrics into a Prometheus
/// registry of their own and exposed as Prometheus text on `GET /metrics`.
///
/// | metric | labels |
/// | --- | --- |
/// | `flowc_requests_total` | `type` (``RequestTypeLabel``), `result` (``RequestResult``) |
/// | `flowc_payment_outcomes_total` | `outcome` (`success`, `declined`, `permission_denied`, `error`) |
/// | `flowc_verification_failures_total` | `rule` (``VerificationRule``) |
/// | `flowc_request_duration_seconds` | `type`: a histogram of answered `POST /` requests |
///
/// The registry is not the process-wide `MetricsSystem`: two servers in one process (tests)
/// count apart. Every label value comes from a closed set, never from a request.
public struct ServerMetrics: Sendable {
  /// The requests, by type and result.
  static let requestsName = "flowc_requests_total"
  /// The payment outcomes the flow took.
  static let paymentOutcomesName = "flowc_payment_outcomes_total"
  /// The requests refused by verification, by rule.
  static let verificationFailuresName = "flowc_verification_failures_total"
  /// How long answering took.
  static let durationName = "flowc_request_duration_seconds"

  /// The registry the metrics are kept in.
  let registry: PrometheusCollectorRegistry
  private let factory: PrometheusMetricsFactory

  /// Creates the metrics with every verification rule and payment outcome at zero, so that a
  /// dashboard sees them before the first one happens.
  public init() {
    registry = PrometheusCollectorRegistry()
    var factory = PrometheusMetricsFactory(registry: registry)
    factory.defaultDurationHistogramBuckets = [
      .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
      .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
      .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
    ]
    self.factory = factory
    for rule in VerificationRule.allCases {
      _ = Counter(
        label: Self.verificationFailuresName, dimensions: [("rule", rule.rawValue)],
        factory: factory)
    }
    for outcome in PaymentOutcome.allCases {
      _ = Counter(
        label: Self.paymentOutcomesName, dimensions: [("outcome", outcome.rawValue)],
        factory: factory)
    }
  }

  /// Counts one request to `POST /`.
  func countRequest(_ type: RequestTypeLabel, _ result: RequestResult) {
    Counter(
      label: Self.requestsName, dimensions: [("type", type.rawValue), ("result", result.rawValue)],
      factory: factory
    ).increment()
  }

  /// Counts the payment outcomes a turn took.
  func countPaymentOutcomes(_ trace: TurnTrace) {
    for (_, outcome) in trace.paymentOutcomes {
      Counter(
        label: Self.paymentOutcomesName, dimensions: [("outcome", outcome.rawValue)],
        factory: factory
      ).increment()
    }
  }

  /// Counts a request refused by verification.
  func countVerificationFailure(_ rule: VerificationRule) {
    Counter(
      label: Self.verificationFailuresName, dimensions: [("rule", rule.rawValue)],
      factory: factory
    ).increment()
  }

  /// Records how long answering a request took.
  func recordDuration(_ duration: Duration, type: RequestTypeLabel) {
    let (seconds, attoseconds) = duration.components
    Timer(label: Self.durationName, dimensions: [("type", type.rawValue)], factory: factory)
      .recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
  }

  /// Every metric in the Prometheus text exposition format.
  public func exposition() -> [UInt8] {
    registry.emitToBuffer()
  }
}

/// The `type` label of a request: the Alexa request types the runtime knows, `other` for any
/// other type, `unknown` when the request was refused before its type was read.
enum RequestTypeLabel: String, Sendable, CaseIterable {
  case launch = "LaunchRequest"
  case intent = "IntentRequest"
  case connectionsResponse = "Connections.Response"
  case sessionEnded = "SessionEndedRequest"
  case exceptionEncountered = "System.ExceptionEncountered"
  case other
  case unknown

  /// The label of a decoded request.
  init(_ request: AlexaRequest) {
    switch request {
    case .launch: self = .launch
    case .intent: self = .intent
    case .connectionsResponse: self = .connectionsResponse
    case .sessionEnded: self = .sessionEnded
    case .exceptionEncountered: self = .exceptionEncountered
    case .unknown: self = .other
    }
  }
}

/// The `result` label of a request to `POST /`.
enum RequestResult: String, Sendable, CaseIterable {
  /// Answered by the flow (HTTP 200).
  case answered
  /// Refused by request verification (HTTP 400).
  case unverified
  /// Not a request envelope (HTTP 400).
  case malformed
  /// Larger than the body limit (HTTP 413).
  case tooLarge = "too_large"
  /// The runtime or the store failed (HTTP 500).
  case failed
}
