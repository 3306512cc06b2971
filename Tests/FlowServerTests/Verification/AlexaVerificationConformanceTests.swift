import FlowServer
import FlowTestSupport
import Foundation
import Testing
import _CryptoExtras

/// The same signed requests checked by flowc's verifier and by the official
/// `ask-sdk-webservice-support` (PyPI) through `Tests/Conformance/verify_requests.py`: both
/// accept and refuse the same ones.
///
/// Intended differences, each a case below with `differs: true` (flowc refuses, the SDK
/// accepts), because flowc is stricter:
/// - a percent-encoded dot segment (`/echo.api/%2E%2E/…`): RFC 3986 normalisation decodes it,
///   the SDK's `os.path.normpath` does not;
/// - user information or a query in the certificate URL: refused by flowc, ignored by the SDK;
/// - a skill event (`AlexaSkillEvent.SkillEnabled`, …) up to an hour old: the SDK allows 3600 s
///   for those, flowc 150 s for every request (a flow has no use for skill events).
///
/// The skill-id check is the SDK's too: not in its verifiers but in `CustomSkill.invoke`
/// (`SkillBuilder.skill_id`), which the harness runs after them, reading
/// `context.System.application.applicationId` as flowc does.
///
/// Runs when `FLOWC_PYTHON` (or `FLOWC_CONFORMANCE_PYTHON`) names the conformance venv's python
/// (`scripts/conformance-venv.sh`).
@Suite struct AlexaVerificationConformanceTests {
  struct Case {
    var name: String
    var url: String? = VerificationTestPKI.chainURL
    /// `nil` for no header; by default the signing key's signature of `body`.
    var signature: String?? = .none
    var body: [UInt8]
    var chain: [UInt8]
    var skillID: String?
    var differs = false
  }

  static let sdkAvailable: Bool = {
    guard let python = Tooling.conformancePython else { return false }
    let run = try? TestProcess.run(
      python, ["-c", "import ask_sdk_webservice_support.verifier"], timeout: 120)
    return run?.status == 0
  }()

  static func cases(pki: VerificationTestPKI, now: Date) throws -> [Case] {
    let body = VerificationTestPKI.envelope(timestamp: now)
    let chain = pki.chainPEM()
    var cases: [Case] = [
      Case(name: "valid", body: body, chain: chain),
      Case(name: "valid-skill-id", body: body, chain: chain, skillID: VerificationTestPKI.skillID),
      Case(name: "foreign-skill-id", body: body, chain: chain, skillID: "amzn1.ask.skill.other"),
      Case(name: "no-cert-url", url: nil, body: body, chain: chain),
      Case(name: "no-signature", signature: .some(nil), body: body, chain: chain),
      Case(
        name: "tampered-body", signature: .some(pki.signature(of: body)),
        body: Array(
          String(decoding: body, as: UTF8.self).replacingOccurrences(
            of: "SECRET-BODY-MARKER", with: "SECRET-BODY-MARKES"
          ).utf8), chain: chain),
      Case(
        name: "other-key",
        signature: .some(
          pki.signature(of: body, key: try _RSA.Signing.PrivateKey(keySize: .bits2048))),
        body: body,
        chain: chain),
      Case(name: "expired", body: body, chain: pki.chainPEM(pki.expired)),
      Case(name: "not-yet-valid", body: body, chain: pki.chainPEM(pki.notYetValid)),
      Case(name: "wrong-san", body: body, chain: pki.chainPEM(pki.wrongSAN)),
      Case(
        name: "wrong-ca", body: body,
        chain: pki.chainPEM(pki.wrongCA, intermediate: pki.otherIntermediate)),
      Case(name: "no-intermediate", body: body, chain: VerificationTestPKI.pem([pki.signing])),
      Case(name: "no-digital-signature", body: body, chain: pki.chainPEM(pki.noDigitalSignature)),
    ]
    for offset in [-150, 150, -151, 151] {
      let name = "timestamp\(offset > 0 ? "+" : "")\(offset)"
      cases.append(
        Case(
          name: name, body: VerificationTestPKI.envelope(timestamp: now + Double(offset)),
          chain: chain))
    }
    let urls: [(String, String, Bool)] = [
      ("url-upper-scheme", "HTTPS://s3.amazonaws.com/echo.api/echo-api-cert.pem", false),
      ("url-upper-host", "https://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem", false),
      ("url-port-443", "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem", false),
      (
        "url-dot-segments-in", "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
        false
      ),
      ("url-http", "http://s3.amazonaws.com/echo.api/echo-api-cert.pem", false),
      ("url-wrong-host", "https://notamazon.com/echo.api/echo-api-cert.pem", false),
      ("url-host-suffix", "https://s3.amazonaws.com.example.net/echo.api/echo-api-cert.pem", false),
      ("url-path-case", "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem", false),
      ("url-dot-segments-out", "https://s3.amazonaws.com/echo.api/../invalid.pem", false),
      ("url-outside", "https://s3.amazonaws.com/invalid.pem", false),
      ("url-port-563", "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem", false),
      ("url-encoded-dots", "https://s3.amazonaws.com/echo.api/%2E%2E/invalid.pem", true),
      ("url-user-info", "https://user@s3.amazonaws.com/echo.api/echo-api-cert.pem", true),
      ("url-query", "https://s3.amazonaws.com/echo.api/echo-api-cert.pem?x=1", true),
    ]
    for (name, variant, differs) in urls {
      cases.append(Case(name: name, url: variant, body: body, chain: chain, differs: differs))
    }
    cases.append(
      Case(
        name: "skill-event-600s-old",
        body: VerificationTestPKI.envelope(
          timestamp: now - 600, type: "AlexaSkillEvent.SkillEnabled"),
        chain: chain, differs: true))
    return cases
  }

  @Test(.enabled(if: sdkAvailable, "needs FLOWC_PYTHON with ask-sdk-webservice-support"))
  func flowcAndTheASKSDKAgree() async throws {
    let pki = VerificationTestPKI.shared
    let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    let cases = try Self.cases(pki: pki, now: now)
    let directory = try TemporaryDirectory(prefix: "flowc-verify")
    defer { directory.remove() }
    try Data(pki.rootPEM).write(to: directory.appending("roots.pem"))

    var planned: [[String: Any]] = []
    var flowc: [String: Bool] = [:]
    for (index, testCase) in cases.enumerated() {
      let signature: String? =
        switch testCase.signature {
        case .none: pki.signature(of: testCase.body)
        case .some(let given): given
        }
      try Data(testCase.body).write(to: directory.appending("body-\(index).json"))
      try Data(testCase.chain).write(to: directory.appending("chain-\(index).pem"))
      var headers: [String: String] = [:]
      if let url = testCase.url { headers["SignatureCertChainUrl"] = url }
      if let signature { headers["Signature-256"] = signature }
      var entry: [String: Any] = [
        "name": testCase.name, "headers": headers, "body": "body-\(index).json",
        "chain": "chain-\(index).pem",
      ]
      if let skillID = testCase.skillID { entry["skill_id"] = skillID }
      planned.append(entry)

      let verifier = AlexaRequestVerifier(
        trustRoots: [pki.root], chainSource: CountingChainSource(testCase.chain),
        skillIDs: testCase.skillID.map { [$0] } ?? [])
      let request = AlexaHTTPRequest(
        signatureCertChainURL: testCase.url, signature256: signature, body: testCase.body)
      do {
        try await verifier.verify(request, now: now)
        flowc[testCase.name] = true
      } catch {
        flowc[testCase.name] = false
      }
    }
    let plan: [String: Any] = [
      "now": VerificationTestPKI.timestampText(now), "trust_roots": "roots.pem",
      "cases": planned,
    ]
    try JSONSerialization.data(withJSONObject: plan, options: [.sortedKeys])
      .write(to: directory.appending("cases.json"))

    let script = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Conformance/verify_requests.py")
    let python = try #require(Tooling.conformancePython)
    let run = try TestProcess.run(python, [script.path, directory.url.path], timeout: 300)
    #expect(run.status == 0, "\(run)")
    var sdk: [String: (Bool, String)] = [:]
    for line in run.stdout.split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = String(line[..<colon])
      let verdict = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      sdk[name] = (verdict == "accept", verdict)
    }
    for testCase in cases {
      let ours = flowc[testCase.name, default: false]
      let theirs = try #require(sdk[testCase.name], "no SDK verdict for \(testCase.name)\n\(run)")
      if testCase.differs {
        #expect(
          !ours && theirs.0,
          "\(testCase.name): documented difference no longer holds (SDK: \(theirs.1))")
      } else {
        #expect(
          ours == theirs.0,
          "\(testCase.name): flowc \(ours ? "accepts" : "refuses"), SDK \(theirs.1)")
      }
    }
    // Both sides must have accepted something and refused something: a harness that refuses
    // everything (a broken import, the network) cannot pass.
    #expect(cases.filter { !$0.differs && flowc[$0.name] == true }.count >= 8)
    #expect(cases.filter { flowc[$0.name] == false }.count >= 15)
  }
}
