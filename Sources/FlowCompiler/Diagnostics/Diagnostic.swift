/// How serious a diagnostic is.
public enum DiagnosticSeverity: String, Sendable, Hashable, Codable, Comparable {
  /// The flow cannot be compiled.
  case error
  /// The flow compiles but is likely wrong; an error under `--warnings-as-errors`.
  case warning
  /// Extra information attached to another diagnostic.
  case note

  private var rank: Int {
    switch self {
    case .error: 0
    case .warning: 1
    case .note: 2
    }
  }

  /// Orders by how serious a diagnostic is.
  public static func < (lhs: DiagnosticSeverity, rhs: DiagnosticSeverity) -> Bool {
    lhs.rank < rhs.rank
  }
}

/// A note attached to a diagnostic: "did you mean", "first defined here", and the like. Notes
/// are added with ``Diagnostic/with(note:at:)``.
public struct DiagnosticNote: Sendable, Hashable, Codable {
  /// The note's message (lowercase, no final period).
  public var message: String
  /// Where the note points, if anywhere.
  public var range: SourceRange?
}

/// A problem found in a flow file, as a value: every stage collects these instead of throwing.
///
/// Create diagnostics only through the factories of the catalogue
/// (`Diagnostics/Catalogue/`), so that every message flowc can print is in one place and every
/// id is documented.
public struct Diagnostic: Sendable, Hashable, Codable {
  /// Error or warning.
  public var severity: DiagnosticSeverity
  /// The stable kebab-case id, such as `unknown-state`.
  public var id: String
  /// The message: lowercase, no final period, names in single quotes.
  public var message: String
  /// Where the problem is; `nil` for whole-file problems that have no better place.
  public var range: SourceRange?
  /// Notes, in order.
  public var notes: [DiagnosticNote]

  /// Creates a diagnostic. Prefer the catalogue's factories.
  ///
  /// - Parameters:
  ///   - severity: Error or warning.
  ///   - id: The stable kebab-case id.
  ///   - message: The message: lowercase, no final period, names in single quotes.
  ///   - range: Where the problem is, or `nil` for a whole-file problem.
  ///   - notes: Notes, in order.
  public init(
    severity: DiagnosticSeverity, id: String, message: String, range: SourceRange?,
    notes: [DiagnosticNote] = []
  ) {
    self.severity = severity
    self.id = id
    self.message = message
    self.range = range
    self.notes = notes
  }

  /// A copy with one more note.
  public func with(note message: String, at range: SourceRange? = nil) -> Diagnostic {
    var copy = self
    copy.notes.append(DiagnosticNote(message: message, range: range))
    return copy
  }
}

extension Array where Element == Diagnostic {
  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// The diagnostics in file order (diagnostics without a range first), then by id, so output is
  /// stable.
  public func sortedByPosition() -> [Diagnostic] {
    sorted { lhs, rhs in
      switch (lhs.range?.start, rhs.range?.start) {
      case (nil, nil): return lhs.id < rhs.id
      case (nil, _): return true
      case (_, nil): return false
      case (let left?, let right?):
        if left != right { return left < right }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        return (lhs.id, lhs.message) < (rhs.id, rhs.message)
      }
    }
  }
}
