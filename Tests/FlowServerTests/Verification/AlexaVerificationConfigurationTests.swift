import FlowServer
import FlowTestSupport
import Foundation
import Testing

/// `--trust-roots`, `--cert-chain URL=FILE` and `--skill-id` as the CLI hands them over: the
/// parsing and every start-up error live here so that `flowc serve` is wiring only.
@Suite struct AlexaVerificationConfigurationTests {
  let pki = VerificationTestPKI.shared
  static let url = VerificationTestPKI.chainURL

  func parseError(_ arguments: [String]) -> AlexaVerificationConfigurationError? {
    do {
      _ = try AlexaVerificationConfiguration.parseCertificateChainFiles(arguments)
      return nil
    } catch { return error }
  }

  @Test func certificateChainArgumentsParse() throws {
    let files = try AlexaVerificationConfiguration.parseCertificateChainFiles([
      "HTTPS://S3.amazonaws.com:443/echo.api/echo-api-cert.pem=/tmp/chain.pem",
      "https://s3.amazonaws.com/echo.api/other.pem=/tmp/a=b.pem",
    ])
    #expect(
      files.map(\.url.normalized) == [Self.url, "https://s3.amazonaws.com/echo.api/other.pem"])
    #expect(files.map(\.path) == ["/tmp/chain.pem", "/tmp/a=b.pem"])
  }

  @Test func malformedCertificateChainArgumentsAreErrors() {
    let cases: [(String, String)] = [
      ("/tmp/chain.pem", "expected URL=FILE"),
      ("=/tmp/chain.pem", "the URL before '=' is empty"),
      ("\(Self.url)=", "the file after '=' is empty"),
      (
        "http://s3.amazonaws.com/echo.api/x.pem=/tmp/chain.pem",
        "Alexa would never send this URL: SignatureCertChainUrl is not https"
      ),
    ]
    for (argument, reason) in cases {
      #expect(
        parseError([argument]) == .malformedCertificateChainArgument(argument, reason: reason))
    }
    let duplicate = parseError([
      "\(Self.url)=/tmp/a.pem",
      "https://s3.amazonaws.com/echo.api/x/../echo-api-cert.pem=/tmp/b.pem",
    ])
    #expect(duplicate == .duplicateCertificateChainURL(Self.url))
    // Control characters in an echoed argument are escaped.
    let message = AlexaVerificationConfigurationError.malformedCertificateChainArgument(
      "x\u{1B}[2J", reason: "expected URL=FILE"
    ).description
    #expect(!message.contains("\u{1B}"))
  }

  @Test func aChainFileServesItsURLWithoutFetching() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let chain = directory.url.appendingPathComponent("chain.pem")
    let roots = directory.url.appendingPathComponent("roots.pem")
    try Data(pki.chainPEM()).write(to: chain)
    try Data(pki.rootPEM).write(to: roots)
    let configuration = AlexaVerificationConfiguration(
      trustRootsPath: roots.path,
      certificateChainFiles: [try CertificateChainFile(argument: "\(Self.url)=\(chain.path)")],
      skillIDs: [VerificationTestPKI.skillID], fetchesChains: false)
    let verifier = try configuration.makeVerifier()
    let body = VerificationTestPKI.envelope(timestamp: pki.made)
    let signature = pki.signature(of: body)
    try await verifier.verify(
      AlexaHTTPRequest(signatureCertChainURL: Self.url, signature256: signature, body: body),
      now: pki.made)
    // Another Amazon URL has no file, and fetching is off.
    await #expect(throws: VerificationFailure.self) {
      try await verifier.verify(
        AlexaHTTPRequest(
          signatureCertChainURL: "https://s3.amazonaws.com/echo.api/other.pem",
          signature256: signature, body: body),
        now: pki.made)
    }
  }

  @Test func badFilesAreStartUpErrors() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let missing = directory.url.appendingPathComponent("missing.pem").path
    let empty = directory.url.appendingPathComponent("empty.pem")
    let roots = directory.url.appendingPathComponent("roots.pem")
    try Data("no certificates here\n".utf8).write(to: empty)
    try Data(pki.rootPEM).write(to: roots)
    func error(_ configuration: AlexaVerificationConfiguration)
      -> AlexaVerificationConfigurationError?
    {
      do {
        _ = try configuration.makeVerifier()
        return nil
      } catch { return error }
    }
    #expect(error(.init(trustRootsPath: missing)) == .unreadableFile(missing))
    #expect(
      error(.init(trustRootsPath: empty.path))
        == .invalidTrustRoots(path: empty.path, reason: "it holds no PEM certificate"))
    let chainFile = { (path: String) in
      CertificateChainFile(url: try! CertificateChainURL(Self.url), path: path)
    }
    #expect(
      error(.init(trustRootsPath: roots.path, certificateChainFiles: [chainFile(missing)]))
        == .unreadableFile(missing))
    #expect(
      error(.init(trustRootsPath: roots.path, certificateChainFiles: [chainFile(empty.path)]))
        == .invalidCertificateChain(path: empty.path, reason: "the chain holds no certificate"))
    var small = AlexaRequestVerifier.Limits()
    small.chainBytes = 100
    #expect(
      error(
        .init(
          trustRootsPath: roots.path, certificateChainFiles: [chainFile(roots.path)], limits: small)
      )
        == .fileTooLarge(path: roots.path, limit: 100))
    #expect(error(.init(trustRootsPath: roots.path, skillIDs: [""])) == .invalidSkillID(""))
    #expect(error(.init(trustRootsPath: roots.path, skillIDs: ["a b"])) == .invalidSkillID("a b"))
    #expect(error(.init(trustRootsPath: roots.path)) == nil)
  }

  @Test(
    "the system bundle is the default trust store",
    .enabled(if: FileManager.default.fileExists(atPath: "/etc/ssl/certs/ca-certificates.crt")))
  func systemTrustRoots() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let chain = directory.url.appendingPathComponent("chain.pem")
    try Data(pki.chainPEM()).write(to: chain)
    let verifier = try AlexaVerificationConfiguration(
      certificateChainFiles: [try CertificateChainFile(argument: "\(Self.url)=\(chain.path)")],
      fetchesChains: false
    ).makeVerifier()
    // The test CA is not in the system bundle: its chain leads to no trusted root.
    let body = VerificationTestPKI.envelope(timestamp: pki.made)
    let request = AlexaHTTPRequest(
      signatureCertChainURL: Self.url, signature256: pki.signature(of: body), body: body)
    await #expect {
      try await verifier.verify(request, now: pki.made)
    } throws: { error in
      (error as? VerificationFailure)?.rule == .certificateChain
    }
  }
}
