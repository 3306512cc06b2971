import FlowCompiler

/// Test input with position markers: write `1️⃣` … `9️⃣` (or `🔟`) into the text where a position
/// matters, and compare what the compiler reports with ``subscript(_:)`` instead of counting
/// columns by hand.
///
/// ```swift
/// let source = MarkedSource("a: 1\n1️⃣a: 2\n")
/// #expect(diagnostic.range?.start == source["1️⃣"])
/// ```
///
/// Positions are those of the text without the markers, measured as ``SourcePosition`` does:
/// 1-based line, 1-based column in Unicode scalars, 0-based byte offset.
struct MarkedSource {
  /// The markers this helper recognizes.
  static let markerNames: Set<String> = [
    "0️⃣", "1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣", "🔟",
  ]

  /// The text without markers.
  let text: String
  /// The position of every marker in ``text``.
  let positions: [String: SourcePosition]

  /// Strips the markers from `marked` and records their positions.
  init(_ marked: String) {
    var text = ""
    var positions: [String: SourcePosition] = [:]
    var line = 1
    var column = 1
    var offset = 0
    for character in marked {
      let name = String(character)
      if Self.markerNames.contains(name) {
        precondition(positions[name] == nil, "marker \(name) used twice")
        positions[name] = SourcePosition(line: line, column: column, offset: offset)
        continue
      }
      text.append(character)
      for scalar in character.unicodeScalars {
        offset += String(scalar).utf8.count
        if scalar == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      }
    }
    self.text = text
    self.positions = positions
  }

  /// The position of a marker; fails the precondition when the marker is not in the text.
  subscript(_ marker: String) -> SourcePosition {
    guard let position = positions[marker] else { preconditionFailure("no marker \(marker)") }
    return position
  }

  /// The range from one marker up to another.
  func range(_ start: String, _ end: String) -> SourceRange {
    SourceRange(start: self[start], end: self[end])
  }

  /// The text as a source file.
  func file(path: String = "test.yaml") -> SourceFile {
    SourceFile(path: path, text: text)
  }
}
