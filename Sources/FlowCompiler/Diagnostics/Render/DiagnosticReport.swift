/// The diagnostics of one file, together with the file they point into.
public struct FileDiagnostics: Sendable {
  /// The file (its path names it in every rendering; its bytes give the source lines).
  public var file: SourceFile
  /// The diagnostics of the file, in the order they are rendered.
  public var diagnostics: [Diagnostic]

  /// Creates the entry of one file; the diagnostics are sorted by position.
  public init(file: SourceFile, diagnostics: [Diagnostic]) {
    self.file = file
    self.diagnostics = diagnostics.sortedByPosition()
  }
}

/// Everything one command found: the diagnostics of every file it looked at, in the order the
/// files were named. Every renderer takes one of these.
public struct DiagnosticReport: Sendable {
  /// One entry per file, clean files included.
  public var files: [FileDiagnostics]

  /// Creates a report.
  public init(files: [FileDiagnostics]) {
    self.files = files
  }

  /// All diagnostics of all files.
  public var allDiagnostics: [Diagnostic] { files.flatMap(\.diagnostics) }

  /// How many errors the report holds.
  public var errorCount: Int { allDiagnostics.count { $0.severity == .error } }

  /// How many warnings the report holds.
  public var warningCount: Int { allDiagnostics.count { $0.severity == .warning } }

  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { errorCount > 0 }

  /// The same report with every warning turned into an error, as `--warnings-as-errors` asks:
  /// the renderings then say `error`, as `swiftc -warnings-as-errors` does.
  public func promotingWarningsToErrors() -> DiagnosticReport {
    var copy = self
    for fileIndex in copy.files.indices {
      for index in copy.files[fileIndex].diagnostics.indices
      where copy.files[fileIndex].diagnostics[index].severity == .warning {
        copy.files[fileIndex].diagnostics[index].severity = .error
      }
    }
    return copy
  }

  /// The closing line of a text rendering, like clang's: `2 errors, 1 warning generated.`;
  /// `nil` when there is neither an error nor a warning.
  public var summaryLine: String? {
    var parts: [String] = []
    if errorCount > 0 { parts.append(Self.counted(errorCount, "error")) }
    if warningCount > 0 { parts.append(Self.counted(warningCount, "warning")) }
    guard !parts.isEmpty else { return nil }
    return parts.joined(separator: ", ") + " generated."
  }

  private static func counted(_ count: Int, _ noun: String) -> String {
    count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
  }
}
