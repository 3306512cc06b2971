import Foundation
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509
import _CryptoExtras

/// A fetched certificate chain: Amazon's signing certificate first, then intermediates.
///
/// Parsing bounds the work: the chain's length in bytes is bounded by the source, the number
/// of certificates here.
struct SigningCertificateChain: Sendable {
  /// The signing certificate.
  let leaf: Certificate
  /// The rest of the file, offered to path building as intermediates.
  let intermediates: [Certificate]
  /// The signing certificate's RSA key; `nil` when it is not RSA (every signature then fails).
  let signingKey: _RSA.Signing.PublicKey?
  /// Whether the signing certificate names ``AlexaRequestVerifier/signingDomain`` as a SAN DNS
  /// name.
  let namesAlexa: Bool
  /// Whether the signing certificate may sign (key usage `digitalSignature`).
  let mayDigitallySign: Bool

  /// Parses a PEM chain.
  ///
  /// - Throws: ``VerificationFailure`` (``VerificationRule/certificateChain``).
  init(pem bytes: [UInt8], maximumCertificates: Int) throws(VerificationFailure) {
    func refuse(_ detail: String) -> VerificationFailure {
      VerificationFailure(rule: .certificateChain, detail: detail)
    }
    let documents: [PEMDocument]
    do {
      documents = try PEMDocument.parseMultiple(pemString: String(decoding: bytes, as: UTF8.self))
    } catch {
      throw refuse("the chain is not PEM")
    }
    guard !documents.isEmpty else { throw refuse("the chain holds no certificate") }
    guard documents.count <= maximumCertificates else {
      throw refuse("the chain holds more than \(maximumCertificates) certificates")
    }
    var certificates: [Certificate] = []
    for document in documents {
      guard document.discriminator == "CERTIFICATE" else {
        throw refuse("the chain holds a PEM block that is not a certificate")
      }
      do {
        certificates.append(try Certificate(derEncoded: document.derBytes))
      } catch {
        throw refuse("the chain holds a certificate that does not parse")
      }
    }
    let leaf = certificates[0]
    self.leaf = leaf
    self.intermediates = Array(certificates.dropFirst())
    self.signingKey = _RSA.Signing.PublicKey(leaf.publicKey)
    let names = (try? leaf.extensions.subjectAlternativeNames) ?? nil
    self.namesAlexa =
      names?.contains { name in
        if case .dnsName(let dnsName) = name {
          return dnsName.lowercased() == AlexaRequestVerifier.signingDomain
        }
        return false
      } ?? false
    let keyUsage = (try? leaf.extensions.keyUsage) ?? nil
    self.mayDigitallySign = keyUsage?.digitalSignature ?? false
  }

  /// Checks the signing certificate at `now`: in its validity period, naming Alexa.
  func checkSigningCertificate(now: Date) throws(VerificationFailure) {
    if now < leaf.notValidBefore {
      throw VerificationFailure(
        rule: .certificateValidity, detail: "the signing certificate is not valid yet")
    }
    if now > leaf.notValidAfter {
      throw VerificationFailure(
        rule: .certificateValidity, detail: "the signing certificate has expired")
    }
    guard namesAlexa else {
      throw VerificationFailure(
        rule: .certificateSubject,
        detail: "the signing certificate does not name \(AlexaRequestVerifier.signingDomain)")
    }
    guard mayDigitallySign else {
      throw VerificationFailure(
        rule: .certificateChain,
        detail: "the signing certificate's key usage does not allow digital signatures")
    }
  }

  /// Builds a path from the signing certificate to one of `trustRoots` (RFC 5280 at `now`).
  ///
  /// - Returns: The interval in which every certificate of the path is valid; the result holds
  ///   for any time in it, so the cache does not validate again inside it.
  func validate(trustRoots: CertificateStore, now: Date) async throws(VerificationFailure)
    -> ClosedRange<Date>
  {
    var verifier = Verifier(rootCertificates: trustRoots) {
      RFC5280Policy(fixedExpiryValidationTime: now)
    }
    let result = await verifier.validate(
      leaf: leaf, intermediates: CertificateStore(intermediates))
    switch result {
    case .validCertificate(let path):
      let start = path.map(\.notValidBefore).max() ?? leaf.notValidBefore
      let end = path.map(\.notValidAfter).min() ?? leaf.notValidAfter
      return start...max(start, end)
    case .couldNotValidate:
      throw VerificationFailure(
        rule: .certificateChain,
        detail:
          "the chain does not lead to a trusted root (or a certificate in it is not valid now)")
    }
  }
}

/// The chains fetched so far, per normalised URL, each kept until its signing certificate
/// expires. Concurrent requests for one URL share one fetch; a failed fetch is not kept.
actor CertificateChainCache {
  private struct Entry {
    var chain: SigningCertificateChain
    /// Where a validation against the trust roots succeeded.
    var validated: ClosedRange<Date>?
    var added: Date
  }

  private let source: any CertificateChainSource
  private let trustRoots: CertificateStore
  private let maximumBytes: Int
  private let maximumCertificates: Int
  private let maximumEntries: Int
  private var entries: [CertificateChainURL: Entry] = [:]
  private var loading: [CertificateChainURL: Task<SigningCertificateChain, any Error>] = [:]

  init(
    source: any CertificateChainSource, trustRoots: CertificateStore, maximumBytes: Int,
    maximumCertificates: Int, maximumEntries: Int
  ) {
    self.source = source
    self.trustRoots = trustRoots
    self.maximumBytes = maximumBytes
    self.maximumCertificates = maximumCertificates
    self.maximumEntries = maximumEntries
  }

  /// The chain for `url`, its signing certificate checked and its path validated at `now`.
  func checkedChain(for url: CertificateChainURL, now: Date) async throws(VerificationFailure)
    -> SigningCertificateChain
  {
    if let entry = entries[url], now > entry.chain.leaf.notValidAfter {
      entries[url] = nil
    }
    var entry: Entry
    if let cached = entries[url] {
      entry = cached
    } else {
      entry = Entry(chain: try await load(url), validated: nil, added: now)
    }
    try entry.chain.checkSigningCertificate(now: now)
    if entry.validated.map({ !$0.contains(now) }) ?? true {
      entry.validated = try await entry.chain.validate(trustRoots: trustRoots, now: now)
    }
    store(entry, for: url)
    return entry.chain
  }

  private func load(_ url: CertificateChainURL) async throws(VerificationFailure)
    -> SigningCertificateChain
  {
    let task: Task<SigningCertificateChain, any Error>
    if let running = loading[url] {
      task = running
    } else {
      let source = self.source
      let maximumBytes = self.maximumBytes
      let maximumCertificates = self.maximumCertificates
      task = Task {
        let bytes = try await source.chain(for: url, maximumBytes: maximumBytes)
        guard bytes.count <= maximumBytes else {
          throw CertificateChainSourceError.tooLarge(limit: maximumBytes)
        }
        return try SigningCertificateChain(pem: bytes, maximumCertificates: maximumCertificates)
      }
      loading[url] = task
    }
    let result = await task.result
    loading[url] = nil
    switch result {
    case .success(let chain):
      return chain
    case .failure(let failure as VerificationFailure):
      throw failure
    case .failure(let error):
      throw VerificationFailure(rule: .certificateChain, detail: String(describing: error))
    }
  }

  private func store(_ entry: Entry, for url: CertificateChainURL) {
    if entries[url] == nil, entries.count >= maximumEntries {
      if let oldest = entries.min(by: { $0.value.added < $1.value.added }) {
        entries[oldest.key] = nil
      }
    }
    entries[url] = entry
  }
}
