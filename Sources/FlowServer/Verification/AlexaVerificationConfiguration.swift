import Foundation
import SwiftASN1
import X509

/// What `flowc serve` passes on from `--trust-roots FILE`, `--cert-chain URL=FILE` (repeatable)
/// and `--skill-id ID` (repeatable); ``makeVerifier()`` reads the files and builds the
/// verifier, so every mistake in them is a start-up error.
public struct AlexaVerificationConfiguration: Sendable, Equatable {
  /// Where the system trust store is looked for when `--trust-roots` is not given, in order:
  /// Debian and Ubuntu (and Alpine, Arch), Fedora and RHEL, macOS and the BSDs.
  public static let systemTrustRootsPaths = [
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/cert.pem",
  ]
  /// The largest trust-roots file read.
  public static let maximumTrustRootsBytes = 4 * 1024 * 1024

  /// `--trust-roots FILE`: a PEM file of root certificates replacing the system bundle.
  public var trustRootsPath: String?
  /// `--cert-chain URL=FILE`, each parsed with ``CertificateChainFile/init(argument:)``.
  public var certificateChainFiles: [CertificateChainFile]
  /// `--skill-id ID`: the accepted application ids; empty accepts any.
  public var skillIDs: [String]
  /// Whether a URL without a `--cert-chain` file is fetched (true but in tests).
  public var fetchesChains: Bool
  /// Bounds on chains and headers.
  public var limits: AlexaRequestVerifier.Limits

  /// Creates a configuration.
  public init(
    trustRootsPath: String? = nil, certificateChainFiles: [CertificateChainFile] = [],
    skillIDs: [String] = [], fetchesChains: Bool = true,
    limits: AlexaRequestVerifier.Limits = AlexaRequestVerifier.Limits()
  ) {
    self.trustRootsPath = trustRootsPath
    self.certificateChainFiles = certificateChainFiles
    self.skillIDs = skillIDs
    self.fetchesChains = fetchesChains
    self.limits = limits
  }

  /// Parses every `--cert-chain` argument; two that name one URL (after normalisation) are an
  /// error.
  ///
  /// - Parameter arguments: The `URL=FILE` values in order.
  /// - Returns: One mapping per argument.
  /// - Throws: ``AlexaVerificationConfigurationError``.
  public static func parseCertificateChainFiles(_ arguments: [String])
    throws(AlexaVerificationConfigurationError) -> [CertificateChainFile]
  {
    var seen: Set<CertificateChainURL> = []
    var files: [CertificateChainFile] = []
    for argument in arguments {
      let file = try CertificateChainFile(argument: argument)
      guard seen.insert(file.url).inserted else {
        throw .duplicateCertificateChainURL(file.url.normalized)
      }
      files.append(file)
    }
    return files
  }

  /// Reads the trust roots and chain files and builds the verifier.
  ///
  /// - Returns: The verifier.
  /// - Throws: ``AlexaVerificationConfigurationError`` naming the file or argument at fault.
  public func makeVerifier() throws(AlexaVerificationConfigurationError) -> AlexaRequestVerifier {
    for id in skillIDs
    where id.isEmpty || id.unicodeScalars.contains(where: \.properties.isWhitespace) {
      throw .invalidSkillID(id)
    }
    let roots = try loadTrustRoots()
    var chains: [CertificateChainURL: [UInt8]] = [:]
    for file in certificateChainFiles {
      guard chains[file.url] == nil else {
        throw .duplicateCertificateChainURL(file.url.normalized)
      }
      let bytes = try Self.read(file.path, limit: limits.chainBytes)
      do {
        _ = try SigningCertificateChain(pem: bytes, maximumCertificates: limits.certificates)
      } catch {
        throw .invalidCertificateChain(path: file.path, reason: error.detail)
      }
      chains[file.url] = bytes
    }
    let fallback: (any CertificateChainSource)? = fetchesChains ? HTTPCertificateChainSource() : nil
    let source: any CertificateChainSource
    if chains.isEmpty, let fallback {
      source = fallback
    } else {
      source = FileCertificateChainSource(chains: chains, fallback: fallback)
    }
    return AlexaRequestVerifier(
      trustRoots: roots, chainSource: source, skillIDs: skillIDs, limits: limits)
  }

  /// The root certificates: `--trust-roots`, else the first system bundle that exists.
  func loadTrustRoots() throws(AlexaVerificationConfigurationError) -> [Certificate] {
    let path: String
    if let trustRootsPath {
      path = trustRootsPath
    } else if let found = Self.systemTrustRootsPaths.first(where: {
      FileManager.default.isReadableFile(atPath: $0)
    }) {
      path = found
    } else {
      throw .noSystemTrustRoots(searched: Self.systemTrustRootsPaths)
    }
    let bytes = try Self.read(path, limit: Self.maximumTrustRootsBytes)
    let certificates: [Certificate]
    do {
      certificates = try PEMDocument.parseMultiple(
        pemString: String(decoding: bytes, as: UTF8.self)
      )
      .filter { $0.discriminator == "CERTIFICATE" }
      .map { try Certificate(derEncoded: $0.derBytes) }
    } catch {
      throw .invalidTrustRoots(path: path, reason: "a certificate in it does not parse")
    }
    guard !certificates.isEmpty else {
      throw .invalidTrustRoots(path: path, reason: "it holds no PEM certificate")
    }
    return certificates
  }

  private static func read(_ path: String, limit: Int) throws(AlexaVerificationConfigurationError)
    -> [UInt8]
  {
    guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadableFile(path) }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: limit + 1) else { throw .unreadableFile(path) }
    guard data.count <= limit else { throw .fileTooLarge(path: path, limit: limit) }
    return Array(data)
  }
}

/// One `--cert-chain URL=FILE`: the chain for `URL` is read from `FILE` instead of fetched.
public struct CertificateChainFile: Sendable, Equatable {
  /// The URL, checked and normalised like a `SignatureCertChainUrl` header.
  public var url: CertificateChainURL
  /// The PEM file.
  public var path: String

  /// Creates a mapping.
  public init(url: CertificateChainURL, path: String) {
    self.url = url
    self.path = path
  }

  /// Parses `URL=FILE`, split at the first `=` (an accepted URL has no query, so no `=` but in
  /// an odd path; a file name may hold any).
  ///
  /// - Parameter argument: The option's value.
  /// - Throws: ``AlexaVerificationConfigurationError`` when there is no `=`, either side is
  ///   empty, or the URL would be refused as a `SignatureCertChainUrl`.
  public init(argument: String) throws(AlexaVerificationConfigurationError) {
    guard let equals = argument.firstIndex(of: "=") else {
      throw .malformedCertificateChainArgument(argument, reason: "expected URL=FILE")
    }
    let urlText = String(argument[..<equals])
    let path = String(argument[argument.index(after: equals)...])
    guard !urlText.isEmpty else {
      throw .malformedCertificateChainArgument(argument, reason: "the URL before '=' is empty")
    }
    guard !path.isEmpty else {
      throw .malformedCertificateChainArgument(argument, reason: "the file after '=' is empty")
    }
    do {
      self.url = try CertificateChainURL(urlText)
    } catch {
      throw .malformedCertificateChainArgument(
        argument, reason: "Alexa would never send this URL: " + error.detail)
    }
    self.path = path
  }
}

/// A mistake in the verification options, found at start.
public enum AlexaVerificationConfigurationError: Error, Sendable, Equatable,
  CustomStringConvertible
{
  /// A `--cert-chain` value that is not `URL=FILE` with an acceptable URL.
  case malformedCertificateChainArgument(String, reason: String)
  /// Two `--cert-chain` values for one URL.
  case duplicateCertificateChainURL(String)
  /// A file that cannot be read.
  case unreadableFile(String)
  /// A file over its size limit.
  case fileTooLarge(path: String, limit: Int)
  /// A `--cert-chain` file that is not a usable PEM chain.
  case invalidCertificateChain(path: String, reason: String)
  /// A trust-roots file without usable certificates.
  case invalidTrustRoots(path: String, reason: String)
  /// No `--trust-roots` and no system bundle found.
  case noSystemTrustRoots(searched: [String])
  /// An empty `--skill-id`, or one with white space.
  case invalidSkillID(String)

  /// One sentence for the terminal; values echoed are quoted with control characters escaped.
  public var description: String {
    switch self {
    case .malformedCertificateChainArgument(let argument, let reason):
      "--cert-chain \(String(reflecting: argument)): \(reason)"
    case .duplicateCertificateChainURL(let url):
      "--cert-chain: two files for \(url)"
    case .unreadableFile(let path):
      "cannot read \(String(reflecting: path))"
    case .fileTooLarge(let path, let limit):
      "\(String(reflecting: path)) is larger than \(limit) bytes"
    case .invalidCertificateChain(let path, let reason):
      "--cert-chain file \(String(reflecting: path)): \(reason)"
    case .invalidTrustRoots(let path, let reason):
      "trust roots \(String(reflecting: path)): \(reason)"
    case .noSystemTrustRoots(let searched):
      "no system trust roots found (looked for \(searched.joined(separator: ", "))); give --trust-roots FILE"
    case .invalidSkillID(let id):
      "--skill-id \(String(reflecting: id)): a skill id is not empty and has no white space"
    }
  }
}
