/// Identifiers the runtime makes up for Amazon Pay: `authorizationReferenceId`s, directive
/// tokens and order ids.
///
/// Order ids are meant for people: the customer hears one (`{order.id}`), reads it on the card
/// and on the Amazon Pay receipt (it is the `sellerOrderId`), and reads it back to support. So
/// they are short and unambiguous (``orderCodeAlphabet``), and unique per store (checked when
/// the order is stored). `authorizationReferenceId`s and tokens are for machines: long and
/// random.
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
    // The order code (the end of the id), without a separator at its start.
    let fragment = String(
      decoding: allowed.suffix(10).drop(while: {
        $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
      }),
      as: UTF8.self)
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

  /// The characters of order codes: the digits 2 to 9 and nine uppercase letters. Left out:
  /// 0 and 1 (read as O, I or L on a receipt), letters that look like a digit (B 8, G 6, S 5,
  /// Z 2, O, I, L), letters that sound like another when spelt out (B, D, E, G, P, T, V and Z
  /// all rhyme with C; M/N; F/S/X; J/K; Q/U), and lowercase, so that a code reads the same
  /// from speech, a card and the Amazon Pay receipt.
  public static let orderCodeAlphabet: [Character] = Array("23456789ACFHKMRWY")

  /// The characters of an order code (two groups of four): 17^8, about 7·10^9 codes, so a
  /// shop rarely meets a collision, and the store refuses the rare one (the engine then draws
  /// another code).
  public static let orderCodeLength = 8

  /// A fresh order id, which is also the order's `sellerOrderId`: the merchant's
  /// `order_id_prefix` and a code of ``orderCodeLength`` characters of ``orderCodeAlphabet`` in
  /// two groups of four, such as `NN-K7M4-RA92`. At most 12 + 9 characters, within Amazon Pay's
  /// 32 (the compiler limits the prefix to 12).
  ///
  /// - Parameters:
  ///   - prefix: the merchant's `order_id_prefix` (empty for none).
  ///   - generator: the source of randomness.
  public static func orderId(prefix: String, using generator: inout some RandomNumberGenerator)
    -> String
  {
    var code = ""
    for index in 0..<orderCodeLength {
      if index > 0, index % orderCodeGroupLength == 0 { code.append("-") }
      code.append(
        orderCodeAlphabet[Int.random(in: 0..<orderCodeAlphabet.count, using: &generator)])
    }
    return prefix + code
  }

  /// Characters per spoken group of an order code.
  static let orderCodeGroupLength = 4

  /// A fresh order id with randomness from `SystemRandomNumberGenerator`.
  public static func orderId(prefix: String) -> String {
    var generator = SystemRandomNumberGenerator()
    return orderId(prefix: prefix, using: &generator)
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
