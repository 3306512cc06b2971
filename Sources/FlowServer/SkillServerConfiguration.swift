/// Where `flowc serve` listens and what it accepts.
public struct SkillServerConfiguration: Sendable {
  /// The address to listen on: loopback by default, because TLS is terminated in front of the
  /// server (nginx, a load balancer) and plain HTTP must not be reachable from outside.
  public var host: String
  /// The TCP port; 0 picks a free one (the start log line names it).
  public var port: Int
  /// The largest request body `POST /` reads, in bytes; a larger one is answered with 413.
  public var maximumRequestSize: Int
  /// How long `GET /healthz` waits for the store before it answers 503.
  public var healthCheckTimeout: Duration

  /// The default host: `127.0.0.1`.
  public static let defaultHost = "127.0.0.1"
  /// The default port: 8080.
  public static let defaultPort = 8080
  /// The default body limit: 128 KiB. Alexa's request envelopes are a few KiB; the limit keeps
  /// an endless or huge body from being read into memory.
  public static let defaultMaximumRequestSize = 128 * 1024
  /// The default health-check timeout: 2 seconds.
  public static let defaultHealthCheckTimeout = Duration.seconds(2)

  /// Creates a configuration.
  ///
  /// - Parameters:
  ///   - host: The address to listen on.
  ///   - port: The TCP port (0 for any free one).
  ///   - maximumRequestSize: The body limit in bytes.
  ///   - healthCheckTimeout: How long the health check waits for the store.
  public init(
    host: String = defaultHost, port: Int = defaultPort,
    maximumRequestSize: Int = defaultMaximumRequestSize,
    healthCheckTimeout: Duration = defaultHealthCheckTimeout
  ) {
    self.host = host
    self.port = port
    self.maximumRequestSize = maximumRequestSize
    self.healthCheckTimeout = healthCheckTimeout
  }
}

/// The paths `flowc serve` answers; every other path is 404.
public enum SkillServerRoute {
  /// `POST`: an Alexa request envelope in, the response envelope out.
  public static let skill = "/"
  /// `GET`: 200 when the store answers, 503 otherwise.
  public static let health = "/healthz"
  /// `GET`: the metrics in the Prometheus text format.
  public static let metrics = "/metrics"
}
