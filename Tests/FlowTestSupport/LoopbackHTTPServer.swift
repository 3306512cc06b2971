public import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 for a test: a skill endpoint that answers as the test
/// says (a proxy that changes one word of a served skill's answers, a status 500), one
/// connection at a time, each closed after its answer.
public final class LoopbackHTTPServer: Sendable {
  /// What the server answers to a request body: a status, a body and its content type.
  public typealias Handler = @Sendable (_ body: Data) -> (status: Int, body: Data)

  /// The port it listens on (127.0.0.1).
  public let port: Int
  private let listener: Int32
  private let stopped = Mutex(false)
  /// How many requests were answered.
  private let answered = RequestCounter()

  /// Starts listening on a free port; answers on a thread of its own until ``stop()``.
  ///
  /// - Parameter handler: Answers each request's body.
  /// - Throws: ``LoopbackHTTPError/socket(_:_:)`` when no socket can be made.
  public init(handler: @escaping Handler) throws {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw LoopbackHTTPError.socket("socket", errno) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(descriptor, 16) == 0 else {
      let code = errno
      close(descriptor)
      throw LoopbackHTTPError.socket("bind", code)
    }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    listener = descriptor
    port = Int(UInt16(bigEndian: actual.sin_port))
    let answered = answered
    Thread.detachNewThread {
      while true {
        let connection = accept(descriptor, nil, nil)
        guard connection >= 0 else {
          if errno == EINTR { continue }
          return
        }
        Self.serve(connection, handler)
        answered.count.withLock { $0 += 1 }
      }
    }
  }

  deinit { stop() }

  /// How many requests were answered so far.
  public var requestCount: Int { answered.count.withLock { $0 } }

  /// Stops listening: the port refuses connections from then on.
  public func stop() {
    let first = stopped.withLock { stopped in
      defer { stopped = true }
      return !stopped
    }
    guard first else { return }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
  }

  /// Reads one request from a connection, answers it and closes the connection.
  private static func serve(_ connection: Int32, _ handler: Handler) {
    defer { close(connection) }
    var wait = timeval(tv_sec: 30, tv_usec: 0)
    setsockopt(
      connection, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
    var received = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    var bodyStart: Int?
    var length = 0
    while true {
      if let start = bodyStart, received.count - start >= length { break }
      let count = recv(connection, &buffer, buffer.count, 0)
      guard count > 0 else { return }
      received.append(contentsOf: buffer[0..<count])
      if bodyStart == nil, let end = received.firstRange(of: Data("\r\n\r\n".utf8)) {
        bodyStart = end.upperBound - received.startIndex
        let head = String(decoding: received[..<end.lowerBound], as: UTF8.self)
        for line in head.components(separatedBy: "\r\n") {
          let parts = line.split(separator: ":", maxSplits: 1)
          if parts.count == 2, parts[0].lowercased() == "content-length" {
            length = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
          }
        }
      }
    }
    let start = received.startIndex + (bodyStart ?? 0)
    let body = Data(received[start..<(start + length)])
    let (status, answer) = handler(body)
    let head =
      "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Not OK")\r\n"
      + "Content-Type: application/json\r\nContent-Length: \(answer.count)\r\n"
      + "Connection: close\r\n\r\n"
    let bytes = Data(head.utf8) + answer
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes {
        send(connection, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      }
      guard sent > 0 else { return }
      offset += sent
    }
  }
}

/// The number of requests a ``LoopbackHTTPServer`` answered, shared with its thread.
private final class RequestCounter: Sendable {
  let count = Mutex(0)
}
