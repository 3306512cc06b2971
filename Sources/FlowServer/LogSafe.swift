/// Values from requests made safe for a log line: bounded, one line, no control characters,
/// and never a customer's data (the server logs ids of requests, not of people).
enum LogSafe {
  /// The longest identifier logged as it is.
  static let maximumIdentifierLength = 128

  /// An identifier (a request id) when it is short and made of letters, digits and `.-_:`;
  /// `nil` otherwise, so that a hostile id cannot forge log lines.
  static func identifier(_ value: String?) -> String? {
    guard let value, !value.isEmpty, value.utf8.count <= maximumIdentifierLength,
      value.unicodeScalars.allSatisfy({ scalar in
        scalar.isASCII
          && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            || ".-_:".unicodeScalars.contains(scalar))
      })
    else { return nil }
    return value
  }

  /// A text on one line, control characters escaped as `\u{…}`.
  static func oneLine(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      if scalar.properties.generalCategory == .control {
        result += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// A duration in milliseconds with three decimals.
  static func milliseconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let microseconds = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    let fraction = String(microseconds % 1000)
    return "\(microseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
  }
}
