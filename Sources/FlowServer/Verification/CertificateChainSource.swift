import AsyncHTTPClient
import Foundation
import NIOCore

/// Where the verifier gets the PEM certificate chain a `SignatureCertChainUrl` names.
///
/// The verifier asks only for URLs that passed ``CertificateChainURL``'s rules, and at most once
/// per URL while its chain is cached (concurrent requests share one call).
public protocol CertificateChainSource: Sendable {
  /// The PEM bytes at `url`.
  ///
  /// - Parameters:
  ///   - url: A checked, normalised certificate URL.
  ///   - maximumBytes: Refuse a chain longer than this.
  /// - Returns: The chain, exactly as served.
  /// - Throws: ``CertificateChainSourceError`` (or another error, reported as a chain failure).
  func chain(for url: CertificateChainURL, maximumBytes: Int) async throws -> [UInt8]
}

/// Why a chain could not be had.
public enum CertificateChainSourceError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The server answered with another status than 200.
  case status(Int)
  /// The chain is longer than the limit.
  case tooLarge(limit: Int)
  /// No answer within the time limit.
  case timedOut(seconds: Int64)
  /// The connection failed; the text is the HTTP client's.
  case transport(String)
  /// No file is configured for the URL and fetching is off.
  case notConfigured
  /// The configured file could not be read.
  case unreadableFile(String)

  /// One sentence for the log.
  public var description: String {
    switch self {
    case .status(let code): "the chain URL answered HTTP \(code)"
    case .tooLarge(let limit): "the chain is longer than \(limit) bytes"
    case .timedOut(let seconds): "fetching the chain took longer than \(seconds) s"
    case .transport(let text): "fetching the chain failed: \(text)"
    case .notConfigured: "no --cert-chain file serves this URL and fetching is off"
    case .unreadableFile(let path): "cannot read the chain file \(String(reflecting: path))"
    }
  }
}

/// Fetches chains over HTTPS with AsyncHTTPClient: no redirects, a size limit, a time limit.
public struct HTTPCertificateChainSource: CertificateChainSource {
  /// The time one fetch may take, connection included.
  public var timeout: Duration

  /// One client for the process (AsyncHTTPClient wants a client shut down before it goes
  /// away; a static one never does). Redirects are refused: the chain must come from the URL
  /// that passed the rules.
  private static let client = HTTPClient(
    eventLoopGroup: HTTPClient.defaultEventLoopGroup,
    configuration: HTTPClient.Configuration(
      redirectConfiguration: .disallow,
      timeout: HTTPClient.Configuration.Timeout(connect: .seconds(5), read: .seconds(5))
    )
  )

  /// Creates the fetching source.
  ///
  /// - Parameter timeout: The time one fetch may take (5 seconds by default; Alexa waits 8
  ///   seconds for the whole answer).
  public init(timeout: Duration = .seconds(5)) {
    self.timeout = timeout
  }

  /// Fetches the chain at a checked URL.
  public func chain(for url: CertificateChainURL, maximumBytes: Int) async throws -> [UInt8] {
    try await fetch(url.normalized, maximumBytes: maximumBytes)
  }

  /// Fetches any URL with the same limits (the tests point it at a loopback server).
  ///
  /// - Parameters:
  ///   - url: The URL.
  ///   - maximumBytes: Refuse a body longer than this.
  /// - Returns: The body.
  /// - Throws: ``CertificateChainSourceError``.
  public func fetch(_ url: String, maximumBytes: Int) async throws(CertificateChainSourceError)
    -> [UInt8]
  {
    let components = timeout.components
    let milliseconds = components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    let deadline = NIODeadline.now() + .milliseconds(milliseconds)
    var request = HTTPClientRequest(url: url)
    request.method = .GET
    do {
      let response = try await Self.client.execute(request, deadline: deadline)
      guard response.status == .ok else {
        throw CertificateChainSourceError.status(Int(response.status.code))
      }
      if let length = response.headers.first(name: "content-length").flatMap(Int.init),
        length > maximumBytes
      {
        throw CertificateChainSourceError.tooLarge(limit: maximumBytes)
      }
      let body = try await response.body.collect(upTo: maximumBytes)
      return Array(buffer: body)
    } catch let error as CertificateChainSourceError {
      throw error
    } catch is NIOTooManyBytesError {
      throw .tooLarge(limit: maximumBytes)
    } catch let error as HTTPClientError
      where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
    {
      throw .timedOut(seconds: max(1, components.seconds))
    } catch {
      throw .transport(String(describing: error))
    }
  }
}

/// Serves chains from files for the URLs given (`--cert-chain URL=FILE`), and asks another
/// source (normally ``HTTPCertificateChainSource``) for the rest.
///
/// The files are read when the source is made, so a missing file is a start-up error.
public struct FileCertificateChainSource: CertificateChainSource {
  private let chains: [CertificateChainURL: [UInt8]]
  private let fallback: (any CertificateChainSource)?

  /// Creates the source from chains already read.
  ///
  /// - Parameters:
  ///   - chains: The PEM bytes per URL.
  ///   - fallback: The source for other URLs; `nil` refuses them.
  public init(chains: [CertificateChainURL: [UInt8]], fallback: (any CertificateChainSource)?) {
    self.chains = chains
    self.fallback = fallback
  }

  /// The configured chain, or the fallback's.
  public func chain(for url: CertificateChainURL, maximumBytes: Int) async throws -> [UInt8] {
    if let chain = chains[url] {
      guard chain.count <= maximumBytes else {
        throw CertificateChainSourceError.tooLarge(limit: maximumBytes)
      }
      return chain
    }
    guard let fallback else { throw CertificateChainSourceError.notConfigured }
    return try await fallback.chain(for: url, maximumBytes: maximumBytes)
  }
}
