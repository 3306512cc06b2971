internal import AsyncHTTPClient
internal import FlowCompiler
import FlowIR
public import Foundation
internal import NIOCore
internal import NIOPosix

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The HTTP client of one `flowc test --endpoint` run: one connection pool shared by every
/// conversation, shut down once at the end with ``shutdown()``.
public final class EndpointClient: Sendable {
  let client: HTTPClient
  /// How long one answer may take, in seconds (connecting included).
  public let answerTimeout: Double

  /// Creates a client.
  ///
  /// - Parameter answerTimeout: Seconds one answer may take, connecting included;
  ///   ``EndpointTransport/defaultAnswerTimeout`` by default.
  public init(answerTimeout: Double = EndpointTransport.defaultAnswerTimeout) {
    self.answerTimeout = answerTimeout
    var configuration = HTTPClient.Configuration()
    configuration.redirectConfiguration = .disallow
    configuration.timeout.connect = .milliseconds(Int64(answerTimeout * 1000))
    configuration.timeout.read = .milliseconds(Int64(answerTimeout * 1000))
    // A refused connection fails the request at once instead of being retried until the
    // timeout: the usual mistake is a server that is not running.
    configuration.connectionPool.retryConnectionEstablishment = false
    client = HTTPClient(
      eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
  }

  /// Closes the connections; call once, after the last conversation.
  public func shutdown() async {
    try? await client.shutdown()
  }

  /// Runs `body` with a new client and shuts the client down afterwards, also when `body`
  /// throws.
  ///
  /// - Parameters:
  ///   - answerTimeout: Seconds one answer may take, connecting included.
  ///   - body: What to do with the client.
  /// - Returns: What `body` returns.
  /// - Throws: What `body` throws.
  public static func with<Result>(
    answerTimeout: Double = EndpointTransport.defaultAnswerTimeout,
    _ body: (EndpointClient) async throws -> Result
  ) async throws -> Result {
    let client = EndpointClient(answerTimeout: answerTimeout)
    do {
      let result = try await body(client)
      await client.shutdown()
      return result
    } catch {
      await client.shutdown()
      throw error
    }
  }

  /// A transport for one conversation.
  ///
  /// - Parameter url: The skill endpoint (`http://127.0.0.1:8080/`).
  /// - Returns: The transport.
  public func transport(url: URL) -> EndpointTransport {
    EndpointTransport(url: url, client: self)
  }
}

/// A skill endpoint over HTTP (`flowc test --endpoint URL`): every request envelope is POSTed
/// to the URL as `application/json` and the body of the `200` answer is the response envelope,
/// as between Alexa and a skill. `flowc serve` is one such endpoint, and so is any skill
/// endpoint with request verification turned off: nothing is signed.
///
/// Inspection questions (``InspectionLine/question(userId:)``) are POSTed to the same URL;
/// `flowc serve --insecure-no-verify --allow-inspection` answers them. An endpoint that answers
/// a question with a `4xx` status (a served flowc without `--allow-inspection` answers `400`,
/// as to any malformed envelope), or with JSON that is not an inspection answer, cannot
/// inspect: ``SkillInspection/unsupported`` from then on, without asking again.
///
/// Every failure — no connection, no answer within the client's timeout, a status other than
/// `200`, a body over ``maximumResponseSize`` or one that is not a JSON object — is a
/// ``ConversationError`` naming the URL, with the status and the end of the body (control
/// characters escaped) where there is one. Once failed, the endpoint is not asked again in the
/// conversation.
public final class EndpointTransport: SkillTransport {
  /// The skill endpoint.
  public let url: URL
  let client: EndpointClient
  private var broken = false
  private var inspectionRefused: SkillInspection?

  /// Seconds an answer may take unless told otherwise.
  public static let defaultAnswerTimeout: Double = 10
  /// The largest response body read: 1 MiB (Alexa accepts responses of at most 24 kB).
  public static let maximumResponseSize = 1024 * 1024
  /// How many characters of a body a failure shows (its end).
  public static let shownBodyLength = 400

  init(url: URL, client: EndpointClient) {
    self.url = url
    self.client = client
  }

  /// See ``SkillTransport/answer(_:)``: the body of the endpoint's `200` answer.
  public func answer(_ request: Data) async throws -> Data {
    let reply = try await exchange(request, asking: "the request")
    guard reply.status == 200 else { throw fail(status: reply, asking: "the request") }
    guard case .object(let members)? = try? CanonicalJSON.decode(JSONValue.self, from: reply.body),
      members[InspectionLine.marker] == nil
    else {
      throw fail(
        "the skill endpoint answered the request with a body that is not a response envelope "
          + "(a JSON object)", body: reply.body)
    }
    return reply.body
  }

  /// See ``SkillTransport/inspect(userId:)``.
  public func inspect(userId: String) async throws -> SkillInspection {
    if let inspectionRefused { return inspectionRefused }
    let reply = try await exchange(
      InspectionLine.question(userId: userId), asking: "an inspection")
    if (400..<500).contains(reply.status) {
      return refuse("it answered the inspection question with HTTP \(reply.status)")
    }
    guard reply.status == 200 else { throw fail(status: reply, asking: "an inspection") }
    guard let value = try? CanonicalJSON.decode(JSONValue.self, from: reply.body),
      case .object(let members) = value
    else {
      throw fail(
        "the skill endpoint answered an inspection with a body that is not a JSON object",
        body: reply.body)
    }
    guard members[InspectionLine.marker] != nil else {
      return refuse("it answered the inspection question with something else than an inspection")
    }
    do {
      return try InspectionLine.inspection(from: value)
    } catch let error as ConversationError {
      throw fail(
        "the skill endpoint answered an inspection wrongly: \(error.message)", body: nil)
    }
  }

  /// See ``SkillTransport/finish()``: nothing to end (the client outlives the conversation).
  public func finish() async -> String? { nil }

  /// What an endpoint answered: the status and the body.
  struct Reply: Sendable {
    var status: Int
    var body: Data
  }

  /// Why an exchange did not give a reply.
  enum ExchangeFailure: Error {
    case late
    case tooLarge
  }

  /// POSTs one body and reads the answer, within the timeout and the size limit.
  private func exchange(_ body: Data, asking what: String) async throws -> Reply {
    guard !broken else {
      throw ConversationError("the skill endpoint failed earlier in this conversation")
    }
    var post = HTTPClientRequest(url: url.absoluteString)
    post.method = .POST
    post.headers.add(name: "Content-Type", value: "application/json")
    post.headers.add(name: "Accept", value: "application/json")
    post.body = .bytes(ByteBuffer(bytes: body))
    let request = post
    let client = client.client
    let timeout = self.client.answerTimeout
    let limit = Self.maximumResponseSize
    do {
      return try await Self.within(seconds: timeout) {
        let response = try await client.execute(
          request, timeout: .milliseconds(Int64(timeout * 1000)))
        do {
          let bytes = try await response.body.collect(upTo: limit)
          return Reply(status: Int(response.status.code), body: Data(bytes.readableBytesView))
        } catch is NIOTooManyBytesError {
          throw ExchangeFailure.tooLarge
        }
      }
    } catch ExchangeFailure.late {
      throw fail("the skill endpoint did not answer \(what) within \(Self.seconds(timeout))")
    } catch ExchangeFailure.tooLarge {
      throw fail(
        "the skill endpoint answered \(what) with a body larger than \(limit / 1024 / 1024) MiB")
    } catch {
      throw fail(Self.describe(error, asking: what, timeout: timeout))
    }
  }

  /// Runs `work`, giving up with ``ExchangeFailure/late`` after `seconds` (the request is
  /// cancelled, which ends its connection).
  static func within<Result: Sendable>(
    seconds: Double, _ work: @escaping @Sendable () async throws -> Result
  ) async throws -> Result {
    try await withThrowingTaskGroup(of: Result?.self) { group in
      group.addTask { try await work() }
      group.addTask {
        try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
        return nil
      }
      defer { group.cancelAll() }
      guard let first = try await group.next(), let result = first else {
        throw ExchangeFailure.late
      }
      return result
    }
  }

  /// An HTTP client error in words: refused, unreachable, timed out.
  static func describe(_ error: any Error, asking what: String, timeout: Double) -> String {
    let cannotConnect = "cannot connect to the skill endpoint to send \(what)"
    if let error = error as? HTTPClientError {
      switch error {
      case .connectTimeout, .deadlineExceeded, .readTimeout:
        return "the skill endpoint did not answer \(what) within \(seconds(timeout))"
      case .remoteConnectionClosed:
        return "the skill endpoint closed the connection without answering \(what)"
      default:
        return "cannot send \(what) to the skill endpoint: \(error)"
      }
    }
    if let error = error as? NIOConnectionError {
      if let failure = error.connectionErrors.first?.error {
        return "\(cannotConnect): \(reason(failure))"
      }
      if error.dnsAError != nil || error.dnsAAAAError != nil {
        return "\(cannotConnect): its host name cannot be resolved"
      }
    }
    if let error = error as? ChannelError, case .connectTimeout = error {
      return "the skill endpoint did not accept a connection within \(seconds(timeout))"
    }
    return "\(cannotConnect): \(reason(error))"
  }

  /// A socket error as the system says it (`Connection refused`).
  static func reason(_ error: any Error) -> String {
    if let error = error as? IOError {
      return String(cString: strerror(error.errnoCode)).lowercased()
    }
    return String(describing: error)
  }

  /// Remembers that the endpoint cannot inspect, and why.
  private func refuse(_ why: String) -> SkillInspection {
    let refused = SkillInspection.unsupported(
      because: why
        + "; a flowc serve endpoint answers inspections with --allow-inspection "
        + "(and --insecure-no-verify)")
    inspectionRefused = refused
    return refused
  }

  /// The error for a status other than 200, with the end of the body.
  private func fail(status reply: Reply, asking what: String) -> ConversationError {
    fail("the skill endpoint answered \(what) with HTTP \(reply.status)", body: reply.body)
  }

  /// Marks the transport failed and builds the error, naming the URL and showing the end of
  /// the body, if any.
  private func fail(_ message: String, body: Data? = nil) -> ConversationError {
    broken = true
    var details = ["endpoint: \(TextDiagnosticRenderer.escapingControls(url.absoluteString))"]
    if let body {
      if body.isEmpty {
        details.append("(the body is empty)")
      } else {
        let text = String(decoding: body, as: UTF8.self)
        let clipped = text.count > Self.shownBodyLength
        details.append(
          clipped ? "body (its last \(Self.shownBodyLength) characters):" : "body:")
        let tail = clipped ? String(text.suffix(Self.shownBodyLength)) : text
        var lines = tail.split(separator: "\n", omittingEmptySubsequences: false)
        while lines.last?.isEmpty == true { lines.removeLast() }
        details += lines.map { "| " + TextDiagnosticRenderer.escapingControls(String($0)) }
      }
    }
    return ConversationError(TextDiagnosticRenderer.escapingControls(message), details: details)
  }

  static func seconds(_ value: Double) -> String { StdioTransport.seconds(value) }
}
