import FlowServer
import Testing

/// `SignatureCertChainUrl` rules: the URL variants of Amazon's documentation and the ASK SDKs'
/// tests, plus the spellings RFC 3986 normalisation must see through.
@Suite struct CertificateChainURLTests {
  @Test(
    "accepted URLs and their normalised form",
    arguments: [
      (
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
      ),
      (
        "HTTPS://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
      ),
      (
        "https://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
      ),
      (
        "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
      ),
      (
        "https://s3.amazonaws.com:/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
      ),
      (
        "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
      ),
      (
        "https://s3.amazonaws.com/echo.api/./sub/../echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
      ),
      (
        "https://s3.amazonaws.com/%65cho.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
      ),
      (
        "https://s3.amazonaws.com/echo.api/a%2fb.pem",
        "https://s3.amazonaws.com/echo.api/a%2Fb.pem"
      ),
    ])
  func accepted(raw: String, normalized: String) throws {
    let url = try CertificateChainURL(raw)
    #expect(url.normalized == normalized)
  }

  @Test(
    "refused URLs name the rule and do not echo the value",
    arguments: [
      "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
      "ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem",
      "https://notamazon.com/echo.api/echo-api-cert.pem",
      "https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem",
      "https://s3.amazonaws.com./echo.api/echo-api-cert.pem",
      "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
      "https://s3.amazonaws.com/invalid.pem",
      "https://s3.amazonaws.com/echo.api/../invalid.pem",
      "https://s3.amazonaws.com/echo.api/%2E%2E/invalid.pem",
      "https://s3.amazonaws.com/echo.api",
      "https://s3.amazonaws.com",
      "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
      "https://s3.amazonaws.com:80/echo.api/echo-api-cert.pem",
      "https://s3.amazonaws.com:443443/echo.api/echo-api-cert.pem",
      "https://s3.amazonaws.com:https/echo.api/echo-api-cert.pem",
      "https://evil@s3.amazonaws.com/echo.api/echo-api-cert.pem",
      "https://s3.amazonaws.com/echo.api/echo-api-cert.pem?evil=1",
      "https://s3.amazonaws.com/echo.api/echo-api-cert.pem#evil",
      "https://[::1]/echo.api/echo-api-cert.pem",
      "https://s3.amazonaws.com/echo.api/%zz.pem",
      "https://s3.amazonaws.com/echo.api/%2.pem",
      "https://s3.amazonaws.com/echo.api/evil\u{1B}[2J.pem",
      "https://s3.amazonaws.com/echo.api/évil.pem",
      "https:s3.amazonaws.com/echo.api/echo-api-cert.pem",
      "//s3.amazonaws.com/echo.api/echo-api-cert.pem",
      "s3.amazonaws.com/echo.api/echo-api-cert.pem",
      "",
      "https://s3.amazonaws.com/echo.api/" + String(repeating: "evil", count: 600) + ".pem",
    ])
  func refused(raw: String) {
    #expect {
      try CertificateChainURL(raw)
    } throws: { error in
      guard let failure = error as? VerificationFailure else { return false }
      return failure.rule == .certificateURL && !failure.detail.contains("evil")
        && !failure.detail.contains("notamazon")
    }
  }

  @Test("two spellings of one URL are one cache key")
  func spellingsAreEqual() throws {
    let plain = try CertificateChainURL("https://s3.amazonaws.com/echo.api/echo-api-cert.pem")
    let spelled = try CertificateChainURL(
      "HTTPS://S3.amazonaws.com:443/echo.api/x/../echo-api-cert.pem")
    #expect(plain == spelled)
    #expect(plain.path == "/echo.api/echo-api-cert.pem")
  }
}
