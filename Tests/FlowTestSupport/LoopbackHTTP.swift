public import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An HTTP/1.1 answer as read off the wire.
public struct HTTPReply: Sendable, CustomStringConvertible {
  /// The status code.
  public var status: Int
  /// The header fields, names lowercased.
  public var headers: [String: String]
  /// The body, exactly as received.
  public var body: Data

  /// The body as UTF-8 text.
  public var text: String { String(decoding: body, as: UTF8.self) }

  /// The status and the body, for a failure message.
  public var description: String { "HTTP \(status)\n\(text)" }
}

/// Why a loopback exchange failed.
public enum LoopbackHTTPError: Error, CustomStringConvertible {
  /// A socket call failed; the call and `errno`.
  case socket(String, Int32)
  /// The answer is not HTTP/1.1.
  case malformedReply(String)

  /// What failed.
  public var description: String {
    switch self {
    case .socket(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
    case .malformedReply(let text): "not an HTTP answer: \(text.prefix(200))"
    }
  }
}

/// One TCP connection to a server on 127.0.0.1, written and read byte by byte as a test
/// needs: a request sent in pieces (a body that arrives late), or a whole exchange.
public final class LoopbackConnection {
  private let descriptor: Int32

  /// Connects to `127.0.0.1:port`; reads give up after `timeout` seconds.
  ///
  /// - Throws: ``LoopbackHTTPError/socket(_:_:)`` when the server does not accept.
  public init(port: Int, timeout: Int = 30) throws {
    descriptor = try Self.connectedSocket(port: port, timeout: timeout)
  }

  /// A connected socket, or an error with nothing left open.
  ///
  /// The descriptor is stored only once connected: an initializer that throws after storing it
  /// would run `deinit`, closing it a second time — by then maybe another thread's new
  /// connection or file under the same number (tests with many exchanges in flight saw their
  /// requests fail with `EBADF` or an empty answer).
  private static func connectedSocket(port: Int, timeout: Int) throws -> Int32 {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw LoopbackHTTPError.socket("socket", errno) }
    var wait = timeval(tv_sec: timeout, tv_usec: 0)
    setsockopt(
      descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      let code = errno
      close(descriptor)
      throw LoopbackHTTPError.socket("connect", code)
    }
    return descriptor
  }

  deinit { close(descriptor) }

  /// Sends bytes.
  ///
  /// - Throws: ``LoopbackHTTPError/socket(_:_:)`` when the connection is gone.
  public func send(_ bytes: Data) throws {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      }
      if sent < 0 && errno == EINTR { continue }
      guard sent > 0 else { throw LoopbackHTTPError.socket("send", errno) }
      offset += sent
    }
  }

  /// Reads until the server closes the connection, and parses the answer.
  ///
  /// - Throws: ``LoopbackHTTPError`` when reading fails or the answer is not HTTP.
  public func readReply() throws -> HTTPReply {
    var received = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = recv(descriptor, &buffer, buffer.count, 0)
      if count == 0 { break }
      // A signal to this thread interrupts the wait; it is not an answer.
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else {
        // A reset after a complete answer (the server closed with unread input) ends it too.
        if errno == ECONNRESET, !received.isEmpty { break }
        throw LoopbackHTTPError.socket("recv", errno)
      }
      received.append(contentsOf: buffer[0..<count])
    }
    return try Self.parse(received)
  }

  /// Splits an answer into status, headers and body.
  static func parse(_ data: Data) throws -> HTTPReply {
    guard let end = data.firstRange(of: Data("\r\n\r\n".utf8)) else {
      throw LoopbackHTTPError.malformedReply(String(decoding: data, as: UTF8.self))
    }
    let head = String(decoding: data[data.startIndex..<end.lowerBound], as: UTF8.self)
    var lines = head.components(separatedBy: "\r\n")
    let statusLine = lines.removeFirst().split(separator: " ")
    guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1])
    else { throw LoopbackHTTPError.malformedReply(head) }
    var headers: [String: String] = [:]
    for line in lines {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    var body = Data(data[end.upperBound...])
    if let length = headers["content-length"].flatMap(Int.init), body.count > length {
      body = body.prefix(length)
    }
    return HTTPReply(status: status, headers: headers, body: body)
  }
}

/// Whole HTTP/1.1 exchanges with a server on 127.0.0.1, one connection each.
public enum LoopbackHTTP {
  /// The bytes of a request with `Connection: close` and a `Content-Length`.
  ///
  /// - Parameters:
  ///   - method: `GET`, `POST`, …
  ///   - path: The request target.
  ///   - headers: More header fields.
  ///   - body: The body, if any.
  ///   - declaredLength: The `Content-Length` to announce; the body's length by default.
  /// - Returns: The head and the body.
  public static func requestBytes(
    _ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil,
    declaredLength: Int? = nil
  ) -> (head: Data, body: Data) {
    var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
    if body != nil || method == "POST" {
      head += "Content-Length: \(declaredLength ?? body?.count ?? 0)\r\n"
    }
    head += "\r\n"
    return (Data(head.utf8), body ?? Data())
  }

  /// Sends one request and reads the answer.
  ///
  /// - Parameters:
  ///   - port: The server's port on 127.0.0.1.
  ///   - method: `GET`, `POST`, …
  ///   - path: The request target.
  ///   - headers: More header fields.
  ///   - body: The body, if any.
  /// - Returns: The answer.
  /// - Throws: ``LoopbackHTTPError``.
  public static func exchange(
    port: Int, _ method: String, _ path: String, headers: [String: String] = [:],
    body: Data? = nil
  ) throws -> HTTPReply {
    let connection = try LoopbackConnection(port: port)
    let request = requestBytes(method, path, headers: headers, body: body)
    try connection.send(request.head + request.body)
    return try connection.readReply()
  }

  /// ``exchange(port:_:_:headers:body:)`` on a thread of its own: a test can keep dozens of
  /// exchanges in flight at once without blocking the few threads of Swift concurrency.
  ///
  /// - Parameters:
  ///   - port: The server's port on 127.0.0.1.
  ///   - method: `GET`, `POST`, …
  ///   - path: The request target.
  ///   - headers: More header fields.
  ///   - body: The body, if any.
  /// - Returns: The answer.
  /// - Throws: ``LoopbackHTTPError``.
  public static func exchangeOnThread(
    port: Int, _ method: String, _ path: String, headers: [String: String] = [:],
    body: Data? = nil
  ) async throws -> HTTPReply {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(
          with: Result { try exchange(port: port, method, path, headers: headers, body: body) })
      }
    }
  }
}
