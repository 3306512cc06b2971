import FlowServer
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

/// The fetching chain source against a loopback HTTP server: the chain comes back; a status
/// other than 200, a redirect, a body over the limit and a server that never answers are
/// errors, each within the time limit.
@Suite struct HTTPCertificateChainSourceTests {
  enum Reply: Sendable {
    /// 200 with the body; `length` false streams it without Content-Length.
    case ok([UInt8], length: Bool = true)
    /// The status with an optional Location.
    case status(Int, location: String? = nil)
    /// The head and part of the body, then nothing.
    case stall
  }

  final class Handler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let reply: Reply
    init(_ reply: Reply) { self.reply = reply }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      guard case .end = unwrapInboundIn(data) else { return }
      var headers = HTTPHeaders()
      let status: HTTPResponseStatus
      var body: [UInt8] = []
      var finish = true
      switch reply {
      case .ok(let bytes, let length):
        status = .ok
        body = bytes
        if length {
          headers.add(name: "Content-Length", value: String(bytes.count))
        } else {
          headers.add(name: "Transfer-Encoding", value: "chunked")
        }
      case .status(let code, let location):
        status = HTTPResponseStatus(statusCode: code)
        headers.add(name: "Content-Length", value: "0")
        if let location { headers.add(name: "Location", value: location) }
      case .stall:
        status = .ok
        headers.add(name: "Content-Length", value: "1000")
        body = Array(repeating: 0x41, count: 10)
        finish = false
      }
      context.write(
        wrapOutboundOut(
          .head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
        promise: nil)
      if !body.isEmpty {
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
      }
      if finish {
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
      } else {
        context.flush()
      }
    }
  }

  /// Runs `body` with the URL of a loopback server that answers every request with `reply`.
  func withServer<T>(_ reply: Reply, _ body: (String) async throws -> T) async throws -> T {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline()
          try channel.pipeline.syncOperations.addHandler(Handler(reply))
        }
      }
      .bind(host: "127.0.0.1", port: 0).get()
    let port = channel.localAddress?.port ?? 0
    do {
      let result = try await body("http://127.0.0.1:\(port)/echo.api/echo-api-cert.pem")
      try await channel.close()
      return result
    } catch {
      try? await channel.close()
      throw error
    }
  }

  func fetch(_ reply: Reply, limit: Int = 1000, timeout: Duration = .seconds(5)) async throws
    -> Result<[UInt8], CertificateChainSourceError>
  {
    try await withServer(reply) { url in
      do throws(CertificateChainSourceError) {
        return .success(
          try await HTTPCertificateChainSource(timeout: timeout).fetch(url, maximumBytes: limit))
      } catch {
        return .failure(error)
      }
    }
  }

  @Test func theChainComesBack() async throws {
    let chain = VerificationTestPKI.shared.chainPEM()
    #expect(try await fetch(.ok(chain), limit: 64 * 1024) == .success(chain))
    #expect(try await fetch(.ok(chain, length: false), limit: 64 * 1024) == .success(chain))
  }

  @Test func anotherStatusOrARedirectIsAnError() async throws {
    #expect(try await fetch(.status(404)) == .failure(.status(404)))
    let redirect = Reply.status(302, location: "http://127.0.0.1:1/elsewhere.pem")
    #expect(try await fetch(redirect) == .failure(.status(302)))
  }

  @Test func aBodyOverTheLimitIsAnError() async throws {
    let big = Array(repeating: UInt8(0x41), count: 2000)
    #expect(try await fetch(.ok(big)) == .failure(.tooLarge(limit: 1000)))
    #expect(try await fetch(.ok(big, length: false)) == .failure(.tooLarge(limit: 1000)))
  }

  @Test func aServerThatStallsTimesOut() async throws {
    // The server sends a head and 10 of 1,000 bytes, then nothing, and never closes: only the
    // source's own deadline can end the fetch.
    let result = try await fetch(.stall, timeout: .seconds(1))
    #expect(result == .failure(.timedOut(seconds: 1)))
  }
}
