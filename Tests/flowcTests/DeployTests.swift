import FlowIR
import FlowRuntime
import FlowTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `deploy/`: the shipped nginx site in front of `flowc serve`, driven over real TLS, and the
/// shipped systemd unit. The nginx test runs `deploy/nginx/flowc.conf` itself, with only its
/// ports and paths replaced (``DeploySite/substitutions``), so what is tested is what ships.
@Suite(.serialized) struct DeployTests {
  /// Debian installs nginx in /usr/sbin, which is not on every user's `PATH`.
  static let nginx = Tooling.executable("nginx") ?? Tooling.executable("/usr/sbin/nginx")
  static let openssl = Tooling.executable("openssl")
  static let curl = Tooling.executable("curl")
  static let systemdAnalyze = Tooling.executable("systemd-analyze")
  static let hasTLSTools = nginx != nil && openssl != nil && curl != nil

  // Skipped only where a tool is missing (scripts/test.sh installs them all).
  @Test(.enabled(if: hasTLSTools, "needs nginx, openssl and curl"))
  func aWholePaymentThroughNginxOverTLS() async throws {
    let deployment = try TLSDeployment.start()
    defer { deployment.stop() }
    let requestIds = RequestIdLog()
    var customer = RemoteCustomer(name: "deploy") { body in
      let reply = try deployment.curl(path: "/", body: body)
      guard reply.status == 200 else { throw DeployTestError.curlFailed(reply.run) }
      #expect(reply.headers["content-type"] == "application/json", "\(reply)")
      requestIds.ids.append(reply.headers["x-request-id"] ?? "")
      return reply.bodyBytes
    }
    let responses = try await customer.buyNoNicksStarterKit()
    #expect(
      responses.map { $0.response.outputSpeech?.content.prefix(20) ?? "" } == [
        "Welcome to No Nicks.", "That is 1 Starter Ki", "", "Your total is $9.00,", "",
        "Your order is placed",
      ], "\(deployment.server.standardError)")
    var tasks: [String] = []
    for case .connectionsSendRequest(let name, _, _) in responses.flatMap({
      $0.response.directives ?? []
    }) {
      tasks.append(name)
    }
    #expect(tasks == ["Setup", "Charge"])

    // Alexa redelivers a request it got no answer to: the same bytes come back through nginx,
    // so nginx passed the body on and the answer back unchanged.
    let last = try #require(customer.exchanges.last)
    let replay = try deployment.curl(path: "/", body: last.request)
    #expect(replay.status == 200 && replay.bodyBytes == last.response, "\(replay)")

    // Every answer named its request, and nginx's access log has the same ids.
    let ids = requestIds.ids
    #expect(ids.count == 6 && ids.allSatisfy { $0.count == 32 }, "\(ids)")
    #expect(Set(ids).count == ids.count)
    let accessLog = try String(
      contentsOf: deployment.directory.appending("access.log"), encoding: .utf8)
    for id in ids { #expect(accessLog.contains("request_id=\(id)"), "\(accessLog)") }
    // And flowc serve's log lines of each request carry nginx's id next to Alexa's.
    let serverLog = deployment.server.standardError
    for id in ids { #expect(serverLog.contains("proxy.request_id=\(id)"), "\(serverLog)") }
    #expect(!accessLog.contains(RequestEnvelopes.shopper))

    // SIGTERM (the unit's KillSignal) stops flowc serve cleanly, with status 0.
    #expect(try deployment.stopServer() == 0, "\(deployment.server.standardError)")
  }

  @Test(.enabled(if: hasTLSTools, "needs nginx, openssl and curl"))
  func theSiteRefusesWhatItDoesNotServe() throws {
    let deployment = try TLSDeployment.start()
    defer { deployment.stop() }

    let health = try deployment.curl(path: "/healthz")
    #expect(health.status == 200, "\(health)")
    #expect(health.body.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    // Metrics are scraped on loopback, never published through nginx.
    #expect(try deployment.curl(path: "/metrics").status == 404)
    #expect(try deployment.curl(path: "/other").status == 404)
    // flowc serve answers a GET of the skill path with 405: nginx passed it on.
    #expect(try deployment.curl(path: "/").status == 405)
    // A body over 128 KiB is refused before it reaches flowc serve.
    let huge = Data(repeating: UInt8(ascii: " "), count: 128 * 1024 + 1)
    let tooLarge = try deployment.curl(path: "/", body: huge)
    #expect(tooLarge.status == 413, "\(tooLarge)")
    #expect(!deployment.server.standardError.contains("refused a request body over the limit"))
    // Port 80 serves ACME challenges only, and nothing else.
    let challenge = deployment.directory.appending("acme/.well-known/acme-challenge")
    try FileManager.default.createDirectory(at: challenge, withIntermediateDirectories: true)
    try Data("token-content".utf8).write(to: challenge.appendingPathComponent("abc"))
    let acme = try deployment.curl(path: "/.well-known/acme-challenge/abc", plainHTTP: true)
    #expect(acme.status == 200 && acme.body == "token-content", "\(acme)")
    #expect(try deployment.curl(path: "/", body: Data("{}".utf8), plainHTTP: true).status == 404)
  }

  @Test(.enabled(if: hasTLSTools, "needs nginx, openssl and curl"))
  func theSiteRefusesOldTLSAndOtherNames() throws {
    let deployment = try TLSDeployment.start()
    defer { deployment.stop() }
    // The client allows TLS 1.1 and weak suites (security level 0): only the server refuses.
    let tls11 = try deployment.curl(
      path: "/healthz",
      extra: ["--tlsv1.1", "--tls-max", "1.1", "--ciphers", "DEFAULT@SECLEVEL=0"])
    #expect(tls11.status == 0, "\(tls11)")
    // TLS 1.2 without forward secrecy (RSA key exchange) is refused too.
    let rsaKeyExchange = try deployment.curl(
      path: "/healthz", extra: ["--tls-max", "1.2", "--ciphers", "AES128-GCM-SHA256"])
    #expect(rsaKeyExchange.status == 0, "\(rsaKeyExchange)")
    let tls12 = try deployment.curl(path: "/healthz", extra: ["--tlsv1.2", "--tls-max", "1.2"])
    #expect(tls12.status == 200, "\(tls12)")
    // The certificate names skill.example.com only: a client checking the name refuses others.
    let otherName = try deployment.curl(path: "/healthz", host: "other.example.com")
    #expect(otherName.status == 0, "\(otherName)")
  }

  @Test(.enabled(if: systemdAnalyze != nil, "needs systemd-analyze"))
  func theSystemdUnitVerifies() throws {
    guard let systemdAnalyze = Self.systemdAnalyze else { throw ToolingError.missing("systemd") }
    let directory = try TemporaryDirectory(prefix: "flowc-unit")
    defer { directory.remove() }
    let shipped = try String(
      contentsOf: FlowcProcess.repositoryRoot.appendingPathComponent(
        "deploy/systemd/flowc.service"),
      encoding: .utf8)
    // `verify` checks that ExecStart= names an executable: point it at the built flowc.
    let binary = try #require(FlowcProcess.binary)
    let unit = try DeploySite.replacing(
      ["ExecStart=/usr/local/bin/flowc serve ": "ExecStart=\(binary.path) serve "], in: shipped)
    let unitURL = directory.appending("flowc.service")
    try unit.write(to: unitURL, atomically: true, encoding: .utf8)
    let verify = try TestProcess.run(systemdAnalyze, ["verify", unitURL.path], timeout: 120)
    #expect(verify.status == 0 && verify.stderr.isEmpty && verify.stdout.isEmpty, "\(verify)")
    let security = try TestProcess.run(
      systemdAnalyze, ["security", "--offline=yes", unitURL.path], timeout: 120)
    #expect(security.status == 0, "\(security)")
    #expect(security.stdout.contains("Overall exposure level for flowc.service: 1."), "\(security)")
    // Every `ExecStart` argument the unit passes is one flowc serve accepts.
    let help = try FlowcProcess.run(["serve", "--help"])
    for flag in ["--host", "--port", "--store", "--skill-id"] {
      #expect(unit.contains(" \(flag) ") && help.stdout.contains(flag), "\(flag)")
    }
  }
}

/// The shipped nginx site with the test's ports and paths.
enum DeploySite {
  /// The site as shipped.
  static var shipped: String {
    get throws {
      try String(
        contentsOf: FlowcProcess.repositoryRoot.appendingPathComponent("deploy/nginx/flowc.conf"),
        encoding: .utf8)
    }
  }

  /// What the test replaces, and nothing else: where nginx listens (Unix sockets, so no port
  /// can be taken by another test), where flowc serve listens, the certificate, the logs and
  /// the ACME directory.
  static func substitutions(directory: TemporaryDirectory, serverAddress: String) -> [String:
    String]
  {
    [
      "listen 443 ssl;": "listen unix:\(directory.path("https.sock")) ssl;",
      "listen [::]:443 ssl;": "listen unix:\(directory.path("https6.sock")) ssl;",
      "listen 80;": "listen unix:\(directory.path("http.sock"));",
      "listen [::]:80;": "listen unix:\(directory.path("http6.sock"));",
      "server 127.0.0.1:8080 ": "server \(serverAddress) ",
      "/etc/ssl/flowc/fullchain.pem": directory.path("certificate.pem"),
      "/etc/ssl/flowc/privkey.pem": directory.path("key.pem"),
      "/var/log/nginx/flowc.access.log": directory.path("access.log"),
      "/var/www/flowc-acme": directory.path("acme"),
    ]
  }

  /// `text` with every key of `substitutions` replaced by its value.
  ///
  /// - Throws: `DeployTestError.notInShippedFile` for a key the text does not contain, so a
  ///   changed shipped file fails here instead of being tested half-replaced.
  static func replacing(_ substitutions: [String: String], in text: String) throws -> String {
    var result = text
    for (old, new) in substitutions.sorted(by: { $0.key < $1.key }) {
      guard result.contains(old) else { throw DeployTestError.notInShippedFile(old) }
      result = result.replacingOccurrences(of: old, with: new)
    }
    return result
  }
}

enum DeployTestError: Error, CustomStringConvertible {
  case notInShippedFile(String)
  case didNotStart(String, String)
  case curlFailed(ProcessRun)

  var description: String {
    switch self {
    case .notInShippedFile(let text):
      "the shipped file no longer contains '\(text)', which the test replaces; update "
        + "Tests/flowcTests/DeployTests.swift with it"
    case .didNotStart(let what, let log): "\(what) did not start:\n\(log)"
    case .curlFailed(let run): "curl failed: \(run)"
    }
  }
}

/// nginx in the foreground for the length of a test (its errors go to its error log).
final class NginxProcess {
  let process = Process()

  init(_ executable: URL, _ arguments: [String], directory: TemporaryDirectory) throws {
    process.executableURL = executable
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    let errorLog = directory.appending("error.log")
    if !FileManager.default.fileExists(atPath: errorLog.path) {
      _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
    }
    process.standardError = try FileHandle(forWritingTo: errorLog)
    try process.run()
  }

  /// Stops nginx with SIGKILL and waits for it.
  ///
  /// Not SIGTERM: started from a test thread, nginx inherits that thread's blocked signals
  /// (`SigBlk` in `/proc/PID/status` has SIGTERM, SIGQUIT and SIGINT), and with
  /// `master_process off` it never unblocks them, so a SIGTERM is never delivered — each test
  /// used to wait 30 seconds for it. Nothing here needs a graceful stop: the access log is
  /// written unbuffered and read before.
  func terminate() {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }
}

/// The `X-Request-Id` of every answer, in order.
final class RequestIdLog {
  var ids: [String] = []
}

/// `flowc serve` on loopback with a SQLite store, and Debian's nginx in front of it with the
/// shipped site and a self-signed certificate for skill.example.com made by openssl, as for
/// an Alexa skill in development.
final class TLSDeployment {
  static let hostName = "skill.example.com"
  let directory: TemporaryDirectory
  let server: ServedFlowc
  let nginx: NginxProcess
  private var serverStopped = false

  init(directory: TemporaryDirectory, server: ServedFlowc, nginx: NginxProcess) {
    self.directory = directory
    self.server = server
    self.nginx = nginx
  }

  static func start() throws -> TLSDeployment {
    guard let nginxBinary = DeployTests.nginx, let openssl = DeployTests.openssl else {
      throw ToolingError.missing("nginx or openssl")
    }
    let directory = try TemporaryDirectory(prefix: "flowc-deploy")
    let key = try TestProcess.run(
      openssl,
      [
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-keyout", directory.path("key.pem"), "-out", directory.path("certificate.pem"),
        "-subj", "/CN=\(hostName)", "-addext", "subjectAltName=DNS:\(hostName)",
      ], timeout: 120)
    guard key.status == 0 else { throw DeployTestError.didNotStart("openssl", key.description) }

    let server = try ServedFlowc([
      "examples/no-nicks.yaml", "--host", "127.0.0.1",
      "--store", "sqlite:\(directory.path("store.sqlite"))", "--insecure-no-verify",
    ])
    let address = "127.0.0.1:\(server.port)"

    let site = try DeploySite.replacing(
      DeploySite.substitutions(directory: directory, serverAddress: address),
      in: DeploySite.shipped)
    let directives = site.split(separator: "\n").map { $0.prefix { $0 != "#" } }.joined(
      separator: "\n")
    for leftover in ["/etc/", "/var/", ":8080", " 443", " 80;"] {
      #expect(!directives.contains(leftover), "the test configuration still names \(leftover)")
    }
    try site.write(to: directory.appending("flowc.conf"), atomically: true, encoding: .utf8)
    // The main configuration Debian's nginx.conf would be, reduced to what the site needs and
    // kept inside the temporary directory; one process, in the foreground, as this user.
    let main = """
      daemon off;
      master_process off;
      worker_processes 1;
      pid \(directory.path("nginx.pid"));
      error_log \(directory.path("error.log")) info;
      events { worker_connections 64; }
      http {
          client_body_temp_path \(directory.path("client_body"));
          proxy_temp_path \(directory.path("proxy"));
          fastcgi_temp_path \(directory.path("fastcgi"));
          uwsgi_temp_path \(directory.path("uwsgi"));
          scgi_temp_path \(directory.path("scgi"));
          default_type application/octet-stream;
          include \(directory.path("flowc.conf"));
      }

      """
    try main.write(to: directory.appending("nginx.conf"), atomically: true, encoding: .utf8)
    let arguments = ["-p", directory.url.path, "-c", directory.path("nginx.conf"), "-e", "stderr"]
    let check = try TestProcess.run(nginxBinary, ["-t"] + arguments, timeout: 60)
    guard check.status == 0 else {
      server.signal(SIGKILL)
      throw DeployTestError.didNotStart("nginx -t", check.description)
    }
    let nginx = try NginxProcess(nginxBinary, arguments, directory: directory)
    let deployment = TLSDeployment(directory: directory, server: server, nginx: nginx)
    // Ready when the health check answers through TLS.
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      if (try? deployment.curl(path: "/healthz"))?.status == 200 { return deployment }
      if !nginx.process.isRunning { break }
      Thread.sleep(forTimeInterval: 0.1)
    }
    let log = (try? String(contentsOf: directory.appending("error.log"), encoding: .utf8)) ?? ""
    deployment.stop()
    throw DeployTestError.didNotStart("nginx", log)
  }

  /// Stops flowc serve with SIGTERM, as systemd does; returns its exit status.
  func stopServer() throws -> Int32 {
    serverStopped = true
    server.signal(SIGTERM)
    return try server.waitForExit()
  }

  /// Stops nginx and flowc serve and removes the directory.
  func stop() {
    nginx.terminate()
    if !serverStopped { _ = try? stopServer() }
    directory.remove()
  }

  /// What one curl request got: the HTTP status (0 when the connection or TLS failed), the
  /// body and the response headers.
  struct Reply: CustomStringConvertible {
    var status: Int
    var body: String
    var bodyBytes: Data
    var headers: [String: String]
    var run: ProcessRun

    var description: String { "HTTP \(status)\n\(headers)\n\(body)\n\(run)" }
  }

  /// Sends a request through nginx with curl, checking the certificate against the test's
  /// self-signed one (as Alexa checks the one uploaded in the developer console).
  ///
  /// - Parameters:
  ///   - path: The path.
  ///   - body: A body to POST; a GET when `nil`.
  ///   - host: The name the client asks for (SNI and certificate check).
  ///   - plainHTTP: Port 80 instead of 443.
  ///   - extra: More curl arguments.
  func curl(
    path: String, body: Data? = nil, host: String = hostName, plainHTTP: Bool = false,
    extra: [String] = []
  ) throws -> Reply {
    guard let curl = DeployTests.curl else { throw ToolingError.missing("curl") }
    let headersURL = directory.appending("curl-\(UUID().uuidString).headers")
    let bodyURL = directory.appending("curl-\(UUID().uuidString).body")
    defer {
      try? FileManager.default.removeItem(at: headersURL)
      try? FileManager.default.removeItem(at: bodyURL)
    }
    var arguments = [
      "--silent", "--show-error", "--max-time", "30", "--dump-header", headersURL.path,
      "--output", bodyURL.path, "--write-out", "%{http_code}",
    ]
    if plainHTTP {
      arguments += ["--unix-socket", directory.path("http.sock"), "http://\(host)\(path)"]
    } else {
      arguments += [
        "--unix-socket", directory.path("https.sock"), "--cacert",
        directory.path("certificate.pem"),
        "https://\(host)\(path)",
      ]
    }
    if let body {
      arguments += [
        "--header", "Content-Type: application/json", "--data-binary", "@-",
      ]
    }
    let run = try TestProcess.run(curl, arguments + extra, stdin: body, timeout: 60)
    let bytes = (try? Data(contentsOf: bodyURL)) ?? Data()
    var headers: [String: String] = [:]
    let headerText = (try? String(contentsOf: headersURL, encoding: .utf8)) ?? ""
    for line in headerText.split(whereSeparator: \.isNewline) {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    return Reply(
      status: Int(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0,
      body: String(decoding: bytes, as: UTF8.self), bodyBytes: bytes, headers: headers, run: run)
  }
}
