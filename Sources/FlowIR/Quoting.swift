/// The escapes of ``quoted(_:)`` that are not `\u` escapes.
private let quotedEscapes: [Unicode.Scalar: String] = [
  "\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
]

/// A text in double quotes, with quotes and backslashes escaped, line feeds, carriage returns
/// and tabs written `\n`, `\r` and `\t`, and the other control characters (and DEL) as `\u00XX`:
/// both a JSON string (`flowc schema`, the test-script schema) and a YAML double-quoted scalar
/// (the scaffold, saved test scripts), and how messages quote a text.
package func quoted(_ text: String) -> String {
  var result = "\""
  for scalar in text.unicodeScalars {
    if let escape = quotedEscapes[scalar] {
      result += escape
    } else if scalar.value < 0x20 || scalar.value == 0x7F {
      let hex = String(scalar.value, radix: 16)
      result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    } else {
      result.unicodeScalars.append(scalar)
    }
  }
  return result + "\""
}
