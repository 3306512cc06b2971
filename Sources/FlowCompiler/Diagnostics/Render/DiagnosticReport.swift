/// The diagnostics of one file, together with the file they point into.
///
/// At most ``defaultLimit`` diagnostics are kept (the first by position): a file with thousands
/// of problems gets its first ``defaultLimit`` and a last `too-many-diagnostics` diagnostic
/// saying how many more there are, in every output format, so that output stays bounded. The counts of the
/// report (``DiagnosticReport/errorCount``, the exit status) still count every diagnostic.
public struct FileDiagnostics: Sendable {
  /// How many diagnostics of one file are kept by default.
  public static let defaultLimit = 100

  /// The file (its path names it in every rendering; its bytes give the source lines).
  public var file: SourceFile
  /// The diagnostics of the file, in the order they are rendered (the last one is the
  /// `too-many-diagnostics` diagnostic when some were left out).
  public var diagnostics: [Diagnostic]
  /// Errors left out by the limit.
  public var omittedErrors = 0
  /// Warnings left out by the limit.
  public var omittedWarnings = 0

  /// Creates the entry of one file; the diagnostics are sorted by position and the first
  /// `limit` kept.
  ///
  /// - Parameters:
  ///   - file: The file.
  ///   - diagnostics: Its diagnostics, in any order.
  ///   - limit: How many to keep; `nil` keeps all of them.
  public init(file: SourceFile, diagnostics: [Diagnostic], limit: Int? = defaultLimit) {
    self.init(file: file, diagnostics: diagnostics, limit: limit, dropped: nil)
  }

  /// Creates the entry of one file whose stages already dropped diagnostics beyond `limit`
  /// (see ``DiagnosticLimit``): they count among those left out.
  init(file: SourceFile, diagnostics: [Diagnostic], limit: Int?, dropped: DiagnosticLimit?) {
    self.file = file
    let sorted = diagnostics.sortedByPosition()
    guard let limit, sorted.count > limit else {
      self.diagnostics = sorted
      return
    }
    let omitted = sorted[max(0, limit)...]
    omittedErrors = omitted.count { $0.severity == .error } + (dropped?.droppedErrors ?? 0)
    omittedWarnings = omitted.count { $0.severity == .warning } + (dropped?.droppedWarnings ?? 0)
    self.diagnostics =
      Array(sorted.prefix(max(0, limit)))
      + [
        DiagnosticCatalogue.tooManyDiagnostics(
          omitted.count + (dropped?.dropped ?? 0), errors: omittedErrors,
          warnings: omittedWarnings, at: omitted.first?.range)
      ]
  }

  /// How many errors the file has, those left out included (the `too-many-diagnostics`
  /// diagnostic that stands for them is not counted itself).
  public var errorCount: Int {
    diagnostics.count { $0.severity == .error && !$0.isOmissionNotice } + omittedErrors
  }

  /// How many warnings the file has, those left out included.
  public var warningCount: Int {
    diagnostics.count { $0.severity == .warning && !$0.isOmissionNotice } + omittedWarnings
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

  /// How many errors the report holds (those left out by a file's limit included).
  public var errorCount: Int { files.reduce(0) { $0 + $1.errorCount } }

  /// How many warnings the report holds (those left out by a file's limit included).
  public var warningCount: Int { files.reduce(0) { $0 + $1.warningCount } }

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
      copy.files[fileIndex].omittedErrors += copy.files[fileIndex].omittedWarnings
      copy.files[fileIndex].omittedWarnings = 0
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

extension Diagnostic {
  /// Whether this is the `too-many-diagnostics` diagnostic that stands for those left out.
  var isOmissionNotice: Bool { id == DiagnosticID.tooManyDiagnostics.rawValue }
}
