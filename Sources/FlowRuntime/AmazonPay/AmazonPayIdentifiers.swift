/// Identifiers the runtime makes up for Amazon Pay: `authorizationReferenceId`s, directive
/// tokens and order ids.
///
/// Amazon Pay wants merchant ids of at most 32 characters of `A-Za-z0-9-_`
/// (`authorizationReferenceId` must also be unique across all of the merchant's
/// authorizations). Randomness comes from `SystemRandomNumberGenerator` unless a test passes its
/// own generator.
public enum AmazonPayIdentifiers {
  /// The longest `authorizationReferenceId` or `sellerOrderId` Amazon Pay accepts.
  public static let maximumLength = 32

  /// How many random bits a directive token carries.
  public static let tokenRandomBits = 160

  static let base62: [Character] = Array(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

  /// Whether `value` is 1 to 32 characters of `A-Za-z0-9-_`, the form Amazon Pay wants for
  /// `authorizationReferenceId` and `sellerOrderId`.
  public static func isValidMerchantIdentifier(_ value: String) -> Bool {
    guard !value.isEmpty, value.utf8.count <= maximumLength else { return false }
    return value.utf8.allSatisfy(isIdentifierByte)
  }

  static func isIdentifierByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
      true
    default: false
    }
  }

  /// A fresh `authorizationReferenceId` for one charge attempt of an order.
  ///
  /// The form is `<order fragment>-<attempt>-<random>`: the last (up to 10) allowed characters
  /// of the order id, so support staff can match it to the order, the attempt counter, and
  /// base-62 random characters filling the rest of the 32 (at least 12, about 71 bits), so two
  /// attempts never collide even when the counter is lost. Characters of the order id outside
  /// `A-Za-z0-9-_` are dropped.
  ///
  /// - Parameters:
  ///   - orderId: the order being charged.
  ///   - attempt: the attempt number (1 for the first charge of the order).
  ///   - generator: the source of randomness.
  /// - Returns: an identifier that passes ``isValidMerchantIdentifier(_:)``.
  public static func authorizationReferenceId(
    orderId: String, attempt: Int, using generator: inout some RandomNumberGenerator
  ) -> String {
    let allowed = orderId.utf8.filter(isIdentifierByte)
    let fragment = String(decoding: allowed.suffix(10), as: UTF8.self)
    let attemptText = String(attempt.magnitude % 1_000_000)
    var prefix = fragment.isEmpty ? "" : fragment + "-"
    prefix += attemptText + "-"
    let randomCount = maximumLength - prefix.utf8.count
    return prefix + randomString(count: randomCount, using: &generator)
  }

  /// A fresh `authorizationReferenceId`, with randomness from `SystemRandomNumberGenerator`.
  public static func authorizationReferenceId(orderId: String, attempt: Int) -> String {
    var generator = SystemRandomNumberGenerator()
    return authorizationReferenceId(orderId: orderId, attempt: attempt, using: &generator)
  }

  /// A fresh `Connections.SendRequest` token: 27 base-62 characters, 160 random bits.
  public static func token(using generator: inout some RandomNumberGenerator) -> String {
    // 62^27 > 2^160: 27 characters carry at least 160 bits.
    randomString(count: 27, using: &generator)
  }

  /// A fresh token with randomness from `SystemRandomNumberGenerator`.
  public static func token() -> String {
    var generator = SystemRandomNumberGenerator()
    return token(using: &generator)
  }

  /// A fresh order id: 16 base-62 characters (about 95 random bits), short enough that a
  /// `sellerOrderId` prefix of up to 16 characters still fits in 32.
  public static func orderId(using generator: inout some RandomNumberGenerator) -> String {
    randomString(count: 16, using: &generator)
  }

  /// A fresh order id with randomness from `SystemRandomNumberGenerator`.
  public static func orderId() -> String {
    var generator = SystemRandomNumberGenerator()
    return orderId(using: &generator)
  }

  static func randomString(count: Int, using generator: inout some RandomNumberGenerator)
    -> String
  {
    var characters: [Character] = []
    characters.reserveCapacity(max(count, 0))
    for _ in 0..<max(count, 0) {
      // `random(in:using:)` draws without modulo bias.
      characters.append(base62[Int.random(in: 0..<base62.count, using: &generator)])
    }
    return String(characters)
  }
}
