import Foundation
import Testing
import X509
import _CryptoExtras

@testable import FlowServer

/// A chain source that serves fixed bytes and counts how often it is asked.
final class CountingChainSource: CertificateChainSource {
  private let answers: Answers
  /// How long each fetch takes, so that concurrent requests overlap.
  private let delay: Duration

  actor Answers {
    var chains: [[UInt8]]
    var fetches = 0
    init(_ chains: [[UInt8]]) { self.chains = chains }
    func next() -> [UInt8]? {
      fetches += 1
      return chains.count > 1 ? chains.removeFirst() : chains.first
    }
  }

  /// Serves `chains` in turn (the last one for ever); an empty array fails every fetch.
  init(_ chains: [UInt8]..., delay: Duration = .zero) {
    self.answers = Answers(chains)
    self.delay = delay
  }

  var fetches: Int { get async { await answers.fetches } }

  func chain(for url: CertificateChainURL, maximumBytes: Int) async throws -> [UInt8] {
    if delay > .zero { try await Task.sleep(for: delay) }
    guard let chain = await answers.next(), !chain.isEmpty else {
      throw CertificateChainSourceError.status(404)
    }
    return chain
  }
}

/// Every rule of the verifier with a passing and a failing case, on certificates and
/// signatures made in-process (``VerificationTestPKI``).
@Suite struct AlexaRequestVerifierTests {
  let pki = VerificationTestPKI.shared
  var now: Date { pki.made }

  func verifier(
    chain: [UInt8]? = nil, skillIDs: [String] = [], limits: AlexaRequestVerifier.Limits = .init()
  ) -> AlexaRequestVerifier {
    AlexaRequestVerifier(
      trustRoots: [pki.root], chainSource: CountingChainSource(chain ?? pki.chainPEM()),
      skillIDs: skillIDs, limits: limits)
  }

  func request(
    body: [UInt8]? = nil, url: String? = VerificationTestPKI.chainURL, signature: String? = nil,
    signedBody: [UInt8]? = nil
  ) -> AlexaHTTPRequest {
    let body = body ?? VerificationTestPKI.envelope(timestamp: now)
    return AlexaHTTPRequest(
      signatureCertChainURL: url, signature256: signature ?? pki.signature(of: signedBody ?? body),
      body: body)
  }

  /// The rule `verify` failed with, or `nil` when it passed; the failure must not echo the body.
  func outcome(
    _ verifier: AlexaRequestVerifier, _ request: AlexaHTTPRequest, at time: Date? = nil
  ) async -> VerificationRule? {
    do {
      try await verifier.verify(request, now: time ?? now)
      return nil
    } catch {
      #expect(!error.description.contains("SECRET-BODY-MARKER"))
      return error.rule
    }
  }

  @Test func aSignedFreshRequestPasses() async {
    #expect(await outcome(verifier(), request()) == nil)
  }

  @Test func missingHeadersAreRefused() async {
    #expect(await outcome(verifier(), request(url: nil)) == .certificateURL)
    #expect(await outcome(verifier(), request(url: "")) == .certificateURL)
    let body = VerificationTestPKI.envelope(timestamp: now)
    let unsigned = AlexaHTTPRequest(
      signatureCertChainURL: VerificationTestPKI.chainURL, signature256: nil, body: body)
    #expect(await outcome(verifier(), unsigned) == .signature)
  }

  @Test func aURLOffAmazonIsRefusedBeforeAnyFetch() async {
    let source = CountingChainSource(pki.chainPEM())
    let verifier = AlexaRequestVerifier(trustRoots: [pki.root], chainSource: source)
    for url in [
      "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
      "https://s3.amazonaws.com/echo.api/../invalid.pem",
      "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
    ] {
      #expect(await outcome(verifier, request(url: url)) == .certificateURL)
    }
    #expect(await source.fetches == 0)
  }

  @Test func aTamperedBodyIsRefused() async {
    let body = VerificationTestPKI.envelope(timestamp: now)
    var tampered = body
    tampered[tampered.count / 2] ^= 0x01
    #expect(await outcome(verifier(), request(body: tampered, signedBody: body)) == .signature)
    // One byte more (white space) is another body too: the signature covers the exact bytes.
    #expect(await outcome(verifier(), request(body: body + [0x20], signedBody: body)) == .signature)
  }

  @Test func aSignatureByAnotherKeyOrMalformedIsRefused() async throws {
    let other = try _RSA.Signing.PrivateKey(keySize: .bits2048)
    let body = VerificationTestPKI.envelope(timestamp: now)
    let foreign = pki.signature(of: body, key: other)
    #expect(await outcome(verifier(), request(body: body, signature: foreign)) == .signature)
    #expect(await outcome(verifier(), request(signature: "not base64!")) == .signature)
    #expect(await outcome(verifier(), request(signature: "AAAA")) == .signature)
    let long = String(repeating: "A", count: 1028)
    #expect(await outcome(verifier(), request(signature: long)) == .signature)
  }

  @Test func theSigningCertificateMustBeValidNow() async {
    #expect(
      await outcome(verifier(chain: pki.chainPEM(pki.expired)), request()) == .certificateValidity)
    #expect(
      await outcome(verifier(chain: pki.chainPEM(pki.notYetValid)), request())
        == .certificateValidity)
    // The good certificate, checked a year later: expired by then.
    #expect(await outcome(verifier(), request(), at: now + 365 * 86_400) == .certificateValidity)
  }

  @Test func theSigningCertificateMustNameAlexa() async {
    #expect(
      await outcome(verifier(chain: pki.chainPEM(pki.wrongSAN)), request()) == .certificateSubject)
  }

  @Test func theChainMustLeadToATrustRoot() async {
    let wrongCA = pki.chainPEM(pki.wrongCA, intermediate: pki.otherIntermediate)
    #expect(await outcome(verifier(chain: wrongCA), request()) == .certificateChain)
    // Without the intermediate there is no path.
    #expect(
      await outcome(verifier(chain: VerificationTestPKI.pem([pki.signing])), request())
        == .certificateChain)
    // A verifier trusting the other root accepts the other chain: the trust store decides.
    let trustingOther = AlexaRequestVerifier(
      trustRoots: [pki.otherRoot], chainSource: CountingChainSource(wrongCA))
    #expect(await outcome(trustingOther, request()) == nil)
    #expect(
      await outcome(verifier(chain: pki.chainPEM(pki.noDigitalSignature)), request())
        == .certificateChain)
  }

  @Test func aChainThatIsNotUsableIsRefused() async {
    #expect(await outcome(verifier(chain: Array("not a pem".utf8)), request()) == .certificateChain)
    let notCertificate = Array(
      "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n".utf8)
    #expect(await outcome(verifier(chain: notCertificate), request()) == .certificateChain)
    var few = AlexaRequestVerifier.Limits()
    few.certificates = 1
    #expect(await outcome(verifier(limits: few), request()) == .certificateChain)
    var small = AlexaRequestVerifier.Limits()
    small.chainBytes = 512
    #expect(await outcome(verifier(limits: small), request()) == .certificateChain)
    let failing = AlexaRequestVerifier(trustRoots: [pki.root], chainSource: CountingChainSource([]))
    #expect(await outcome(failing, request()) == .certificateChain)
  }

  @Test func theTimestampMustBeWithin150Seconds() async {
    for offset in [-150.0, 150, 0] {
      let body = VerificationTestPKI.envelope(timestamp: now + offset)
      #expect(await outcome(verifier(), request(body: body)) == nil, "offset \(offset)")
    }
    for offset in [-151.0, 151, -3600] {
      let body = VerificationTestPKI.envelope(timestamp: now + offset)
      #expect(await outcome(verifier(), request(body: body)) == .timestamp, "offset \(offset)")
    }
  }

  @Test func timestampFormats() {
    let parse = { (text: String) in
      RequestEnvelopeFields.parseTimestamp(text)
    }
    #expect(parse("2015-05-13T12:34:56Z") == Date(timeIntervalSince1970: 1_431_520_496))
    #expect(parse("2015-05-13T12:34:56.250Z") == Date(timeIntervalSince1970: 1_431_520_496.25))
    #expect(parse("2015-05-13T14:34:56+02:00") == Date(timeIntervalSince1970: 1_431_520_496))
    #expect(parse("13 May 2015") == nil)
    #expect(parse("") == nil)
  }

  @Test func aBodyWithoutTimestampIsMalformed() async {
    for body in [
      Array("not json".utf8), Array("[1]".utf8), Array(#"{"request":{}}"#.utf8),
      Array(#"{"request":{"timestamp":"yesterday"}}"#.utf8),
    ] {
      #expect(await outcome(verifier(), request(body: body)) == .malformedRequest)
    }
  }

  @Test func theApplicationIdMustBeAConfiguredSkill() async {
    let skill = VerificationTestPKI.skillID
    #expect(await outcome(verifier(skillIDs: [skill, "amzn1.ask.skill.other"]), request()) == nil)
    #expect(
      await outcome(verifier(skillIDs: ["amzn1.ask.skill.other"]), request()) == .applicationId)
    let sessionOnly = VerificationTestPKI.envelope(
      timestamp: now, applicationID: nil, sessionApplicationID: skill)
    #expect(await outcome(verifier(skillIDs: [skill]), request(body: sessionOnly)) == nil)
    let foreignSession = VerificationTestPKI.envelope(
      timestamp: now, sessionApplicationID: "amzn1.ask.skill.other")
    #expect(
      await outcome(verifier(skillIDs: [skill]), request(body: foreignSession)) == .applicationId)
    let none = VerificationTestPKI.envelope(timestamp: now, applicationID: nil)
    #expect(await outcome(verifier(skillIDs: [skill]), request(body: none)) == .applicationId)
    // Without configured ids any application passes.
    #expect(await outcome(verifier(), request(body: none)) == nil)
  }

  @Test func concurrentRequestsFetchTheChainOnce() async {
    let source = CountingChainSource(pki.chainPEM(), delay: .milliseconds(100))
    let verifier = AlexaRequestVerifier(trustRoots: [pki.root], chainSource: source)
    let request = request()
    let now = now
    let failures = await withTaskGroup(of: VerificationFailure?.self) { group in
      for _ in 0..<20 {
        group.addTask {
          do throws(VerificationFailure) {
            try await verifier.verify(request, now: now)
            return nil
          } catch { return error }
        }
      }
      var failures: [VerificationFailure] = []
      for await failure in group { if let failure { failures.append(failure) } }
      return failures
    }
    #expect(failures.isEmpty)
    #expect(await source.fetches == 1)
    // Later requests, another spelling of the URL included, use the cached chain.
    let respelled = self.request(
      url: "HTTPS://S3.amazonaws.com:443/echo.api/x/../echo-api-cert.pem")
    #expect(await outcome(verifier, respelled, at: now + 60) == nil)
    #expect(await source.fetches == 1)
  }

  @Test func aFailedFetchIsNotCachedAndAnExpiredChainIsFetchedAgain() async {
    let source = CountingChainSource([], pki.chainPEM())
    let verifier = AlexaRequestVerifier(trustRoots: [pki.root], chainSource: source)
    #expect(await outcome(verifier, request()) == .certificateChain)
    #expect(await outcome(verifier, request()) == nil)
    #expect(await source.fetches == 2)
    // Past the signing certificate's end the entry is dropped and the URL fetched again.
    #expect(await outcome(verifier, request(), at: now + 31 * 86_400) == .certificateValidity)
    #expect(await source.fetches == 3)
  }

  @Test func theCacheHoldsAtMostTheConfiguredNumberOfURLs() async {
    let source = CountingChainSource(pki.chainPEM())
    var one = AlexaRequestVerifier.Limits()
    one.cachedChains = 1
    let verifier = AlexaRequestVerifier(trustRoots: [pki.root], chainSource: source, limits: one)
    let first = request()
    let second = request(url: "https://s3.amazonaws.com/echo.api/echo-api-cert-2.pem")
    #expect(await outcome(verifier, first) == nil)
    #expect(await outcome(verifier, first) == nil)
    #expect(await source.fetches == 1)
    // A second URL pushes the first out; each switch fetches again.
    #expect(await outcome(verifier, second) == nil)
    #expect(await outcome(verifier, first) == nil)
    #expect(await source.fetches == 3)
  }
}
