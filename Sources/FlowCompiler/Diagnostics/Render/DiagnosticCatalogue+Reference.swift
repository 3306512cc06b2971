extension DiagnosticCatalogue {
  /// The command that regenerates `docs/diagnostics.md` from the catalogue.
  public static let referenceRegenerationCommand =
    "FLOWC_RECORD=1 swift test --filter DiagnosticsDocTests"

  /// The text of `docs/diagnostics.md`: a title, an index table, then one `## id` section per
  /// descriptor with its severity, summary and explanation, sorted by id.
  ///
  /// - Parameter descriptors: The descriptors to document; the whole catalogue by default.
  /// - Returns: Markdown ending with a single newline.
  public static func markdownReference(of descriptors: [DiagnosticDescriptor] = all) -> String {
    let sorted = descriptors.sorted { $0.id < $1.id }
    var lines = [
      "# Diagnostics reference",
      "",
      "<!-- Generated from DiagnosticCatalogue.all; do not edit by hand. Regenerate with:",
      "     \(referenceRegenerationCommand) -->",
      "",
      "Every problem flowc reports has a stable kebab-case id, printed after the message as",
      "`[id]`, used as `ruleId` in SARIF and as `title` in GitHub annotations.",
      "`flowc explain ID` prints the same explanation as the section of that id below, and",
      "`flowc explain --list` lists the ids.",
      "",
      "| id | severity | summary |",
      "| --- | --- | --- |",
    ]
    for descriptor in sorted {
      lines.append(
        "| [`\(descriptor.id)`](#\(descriptor.id)) | \(descriptor.severity.rawValue) | "
          + descriptor.summary.replacing("|", with: "\\|") + " |")
    }
    for descriptor in sorted {
      lines += [
        "",
        "## \(descriptor.id)",
        "",
        "Severity: **\(descriptor.severity.rawValue)**. \(sentence(descriptor.summary))",
        "",
        descriptor.explanation.trimmingTrailingNewlines(),
      ]
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The lines of `flowc explain --list`: each id, padded to a column, then its summary.
  public static func listing(of descriptors: [DiagnosticDescriptor] = all) -> String {
    let width = descriptors.map(\.id.count).max() ?? 0
    return descriptors.sorted { $0.id < $1.id }.map { descriptor in
      descriptor.id + String(repeating: " ", count: width - descriptor.id.count + 2)
        + "\(descriptor.severity.rawValue): \(descriptor.summary)\n"
    }.joined()
  }

  /// Looks an id up as `flowc explain` does: surrounding brackets (as printed after a
  /// message) and letter case are ignored.
  ///
  /// - Parameters:
  ///   - id: The id the user typed.
  ///   - descriptors: Where to look; the whole catalogue by default.
  /// - Returns: The descriptor, or what to tell the user.
  public static func lookup(_ id: String, in descriptors: [DiagnosticDescriptor] = all)
    -> DiagnosticLookup
  {
    var normalized = Substring(id)
    if normalized.hasPrefix("["), normalized.hasSuffix("]"), normalized.count >= 2 {
      normalized = normalized.dropFirst().dropLast()
    }
    let key = normalized.lowercased()
    if let descriptor = descriptors.first(where: { $0.id == key }) {
      return DiagnosticLookup(id: id, descriptor: descriptor, suggestion: nil)
    }
    return DiagnosticLookup(
      id: id, descriptor: nil,
      suggestion: Suggestions.closest(to: key, among: descriptors.map(\.id)))
  }

  private static func sentence(_ summary: String) -> String {
    guard let first = summary.first else { return summary }
    return first.uppercased() + summary.dropFirst() + "."
  }
}

extension DiagnosticDescriptor {
  /// What `flowc explain ID` prints: a line with the id, severity and summary, a blank line,
  /// then the explanation, ending with a single newline.
  public var explanationText: String {
    "\(id) (\(severity.rawValue)): \(summary)\n\n" + explanation.trimmingTrailingNewlines() + "\n"
  }
}

extension String {
  fileprivate func trimmingTrailingNewlines() -> String {
    var text = Substring(self)
    while text.last?.isNewline == true { text = text.dropLast() }
    return String(text)
  }
}

/// The answer to ``DiagnosticCatalogue/lookup(_:in:)``.
public struct DiagnosticLookup: Sendable {
  /// The id as the user typed it.
  public var id: String
  /// The descriptor, when the id is known.
  public var descriptor: DiagnosticDescriptor?
  /// The closest known id, when the id is unknown and one is close.
  public var suggestion: String?

  /// For an unknown id: `error: unknown diagnostic id 'x'`, a `did you mean` note when one is
  /// close, and where to find the list; each line ends with a newline.
  public var unknownIdMessage: String {
    var text = "error: unknown diagnostic id '\(id)'\n"
    if let suggestion {
      text += "note: \(DiagnosticNote.didYouMean(suggestion).message)\n"
    }
    text += "note: 'flowc explain --list' lists every id\n"
    return text
  }
}
