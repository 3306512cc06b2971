/// The escapes of ``quoted(_:)``.
private let quotedEscapes: [Character: String] = [
  "\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\t": "\\t",
]

/// A text in double quotes, with quotes, backslashes, line feeds and tabs escaped: a YAML
/// double-quoted scalar (the scaffold, saved test scripts) and how messages quote a text.
package func quoted(_ text: String) -> String {
  "\"" + text.map { quotedEscapes[$0] ?? String($0) }.joined() + "\""
}
