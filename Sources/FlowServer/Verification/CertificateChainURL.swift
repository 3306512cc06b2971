/// A `SignatureCertChainUrl` that passed the rules: after RFC 3986 normalisation it is https on
/// `s3.amazonaws.com` (port 443 if any) with a path under `/echo.api/`.
///
/// Normalisation follows RFC 3986 section 6.2.2: scheme and host compared case-insensitively,
/// percent-encoded unreserved characters decoded (`%2E` is a dot), the other percent-encodings
/// with upper-case hex digits, dot segments removed (`/echo.api/../x.pem` is `/x.pem`), the
/// default port dropped. ``normalized`` is what the chain is fetched from and cached under, so
/// two spellings of one URL share one cache entry.
///
/// Stricter than the ASK SDKs on purpose: user information (`user@host`), a query, a fragment,
/// an IP-literal host, or a byte outside printable ASCII is refused; none occurs in a URL Alexa
/// sends, and each could make the host or path mean something else to another parser.
public struct CertificateChainURL: Sendable, Hashable, CustomStringConvertible {
  /// The scheme Alexa's certificate URLs use.
  public static let scheme = "https"
  /// The host Alexa's certificate URLs name.
  public static let host = "s3.amazonaws.com"
  /// The only port allowed when one is written.
  public static let port = 443
  /// The path prefix (case-sensitive) every chain lives under.
  public static let pathPrefix = "/echo.api/"
  /// The longest header value read; longer ones are refused before parsing.
  public static let maximumLength = 2048

  /// `https://s3.amazonaws.com/…`, normalised.
  public let normalized: String
  /// The normalised path, starting with ``pathPrefix``.
  public let path: String

  /// Normalises and checks a `SignatureCertChainUrl` header value.
  ///
  /// - Parameter raw: The header value.
  /// - Throws: ``VerificationFailure`` with rule ``VerificationRule/certificateURL``; the detail
  ///   names what is wrong and never echoes the value.
  public init(_ raw: String) throws(VerificationFailure) {
    func refuse(_ detail: String) -> VerificationFailure {
      VerificationFailure(rule: .certificateURL, detail: detail)
    }
    let bytes = Array(raw.utf8)
    guard bytes.count <= Self.maximumLength else {
      throw refuse("SignatureCertChainUrl is longer than \(Self.maximumLength) bytes")
    }
    guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
      throw refuse("SignatureCertChainUrl has a byte outside printable ASCII")
    }
    guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
      throw refuse("SignatureCertChainUrl has no scheme")
    }
    let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
    guard scheme == Self.scheme else {
      throw refuse("SignatureCertChainUrl is not https")
    }
    var rest = bytes[(colon + 1)...]
    guard rest.starts(with: Array("//".utf8)) else {
      throw refuse("SignatureCertChainUrl has no host")
    }
    rest = rest.dropFirst(2)
    if rest.contains(UInt8(ascii: "?")) {
      throw refuse("SignatureCertChainUrl has a query")
    }
    if rest.contains(UInt8(ascii: "#")) {
      throw refuse("SignatureCertChainUrl has a fragment")
    }
    let authorityEnd = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
    let authority = rest[..<authorityEnd]
    if authority.contains(UInt8(ascii: "@")) {
      throw refuse("SignatureCertChainUrl has user information")
    }
    if authority.first == UInt8(ascii: "[") {
      throw refuse("SignatureCertChainUrl host is not \(Self.host)")
    }
    var host = authority[...]
    if let portColon = authority.firstIndex(of: UInt8(ascii: ":")) {
      host = authority[..<portColon]
      let digits = authority[(portColon + 1)...]
      guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
        throw refuse("SignatureCertChainUrl port is not a number")
      }
      // An empty port means the default one (RFC 3986 section 3.2.3).
      if !digits.isEmpty {
        let significant = digits.drop(while: { $0 == UInt8(ascii: "0") })
        guard significant.count <= 5,
          Int(String(decoding: significant, as: UTF8.self)) == Self.port
        else {
          throw refuse("SignatureCertChainUrl port is not \(Self.port)")
        }
      }
    }
    guard String(decoding: host, as: UTF8.self).lowercased() == Self.host else {
      throw refuse("SignatureCertChainUrl host is not \(Self.host)")
    }
    guard let decoded = Self.normalizingPercentEncoding(rest[authorityEnd...]) else {
      throw refuse("SignatureCertChainUrl has a malformed percent-encoding")
    }
    let path = Self.removingDotSegments(decoded)
    guard path.hasPrefix(Self.pathPrefix) else {
      throw refuse("SignatureCertChainUrl path is not under \(Self.pathPrefix)")
    }
    self.path = path
    self.normalized = Self.scheme + "://" + Self.host + path
  }

  /// The normalised URL.
  public var description: String { normalized }

  /// The path with percent-encoded unreserved characters decoded and the other encodings in
  /// upper case (RFC 3986 section 6.2.2.1–2); `nil` for a `%` not followed by two hex digits.
  static func normalizingPercentEncoding(_ path: ArraySlice<UInt8>) -> String? {
    var output: [UInt8] = []
    output.reserveCapacity(path.count)
    var index = path.startIndex
    while index < path.endIndex {
      let byte = path[index]
      guard byte == UInt8(ascii: "%") else {
        output.append(byte)
        index += 1
        continue
      }
      guard index + 2 < path.endIndex, let high = hexValue(path[index + 1]),
        let low = hexValue(path[index + 2])
      else { return nil }
      let value = high << 4 | low
      if isUnreserved(value) {
        output.append(value)
      } else {
        output.append(contentsOf: Array(String(format3986: value).utf8))
      }
      index += 3
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// RFC 3986 section 5.2.4 for an absolute path (or an empty one, which is `/`).
  static func removingDotSegments(_ path: String) -> String {
    guard path.hasPrefix("/") else { return "/" + path }
    var output: [Substring] = []
    var endsWithSlash = false
    for segment in path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
      switch segment {
      case ".":
        endsWithSlash = true
      case "..":
        if !output.isEmpty { output.removeLast() }
        endsWithSlash = true
      default:
        output.append(segment)
        endsWithSlash = false
      }
    }
    return "/" + output.joined(separator: "/") + (endsWithSlash && !output.isEmpty ? "/" : "")
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  private static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: "_"), UInt8(ascii: "~"):
      true
    default: false
    }
  }
}

extension String {
  /// `%XX` with upper-case hex digits.
  fileprivate init(format3986 byte: UInt8) {
    let digits = Array("0123456789ABCDEF".utf8)
    self = String(
      decoding: [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
  }
}
