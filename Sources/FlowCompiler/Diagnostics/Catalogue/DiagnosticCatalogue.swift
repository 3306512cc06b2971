/// The documentation of one diagnostic id: what `flowc explain ID` prints and what
/// `docs/diagnostics.md` holds.
public struct DiagnosticDescriptor: Sendable, Hashable {
  /// The stable kebab-case id.
  public var id: String
  /// The default severity.
  public var severity: DiagnosticSeverity
  /// One line: what the diagnostic means.
  public var summary: String
  /// Markdown: what it means, an example that triggers it, and how to fix it.
  public var explanation: String

  /// Creates a descriptor.
  ///
  /// - Parameters:
  ///   - id: The id, one of the `static let`s of ``DiagnosticID``.
  ///   - severity: The default severity.
  ///   - summary: One line: what the diagnostic means.
  ///   - explanation: Markdown: what it means, an example, and how to fix it.
  public init(
    id: DiagnosticID, severity: DiagnosticSeverity, summary: String, explanation: String
  ) {
    self.id = id.rawValue
    self.severity = severity
    self.summary = summary
    self.explanation = explanation
  }

  /// A diagnostic of this id with its default severity (or `severity` when given): the one way
  /// the catalogue's factories create diagnostics.
  ///
  /// - Parameters:
  ///   - message: The message: lowercase, no final period, names in single quotes.
  ///   - range: Where the problem is, or `nil` for a whole-file problem.
  ///   - severity: Overrides the default severity.
  ///   - notes: Notes, in order.
  /// - Returns: The diagnostic.
  public func report(
    _ message: String, at range: SourceRange?, severity: DiagnosticSeverity? = nil,
    notes: [DiagnosticNote] = []
  ) -> Diagnostic {
    Diagnostic(
      severity: severity ?? self.severity, id: id, message: message, range: range, notes: notes)
  }
}

/// Every diagnostic id the compiler can report, with its documentation.
///
/// Each stage contributes its descriptors from a file of its own in this folder
/// (`DiagnosticCatalogue+Load.swift`, …) next to the factories that create its diagnostics.
/// Other modules keep their own lists of descriptors (FlowTesting's `TestDiagnostics`) and
/// join them with this one through ``combining(_:)``.
public enum DiagnosticCatalogue {
  /// The compiler's descriptors, sorted by id.
  public static var all: [DiagnosticDescriptor] {
    combining([
      inputDescriptors, loadDescriptors, schemaDescriptors, referenceDescriptors,
      merchantDescriptors, intentDescriptors, graphDescriptors, releaseDescriptors,
      publishingDescriptors,
      catalogDescriptors, promptDescriptors, variableDescriptors, slotDescriptors,
      utteranceDescriptors,
    ])
  }

  /// Joins the descriptor lists of several stages or modules into one catalogue.
  ///
  /// - Parameter contributions: The lists, each from one stage or module.
  /// - Returns: Every descriptor, sorted by id.
  public static func combining(_ contributions: [[DiagnosticDescriptor]])
    -> [DiagnosticDescriptor]
  {
    contributions.flatMap { $0 }.sorted { $0.id < $1.id }
  }

  /// The descriptor of an id, if it exists.
  ///
  /// - Parameters:
  ///   - id: The id.
  ///   - descriptors: Where to look; the compiler's catalogue by default.
  /// - Returns: The descriptor.
  public static func descriptor(
    for id: String, in descriptors: [DiagnosticDescriptor] = all
  ) -> DiagnosticDescriptor? {
    descriptors.first { $0.id == id }
  }
}

extension DiagnosticCatalogue {
  /// How many names a note lists before it counts the rest: a note stays one readable line
  /// (and costs the same to build) however many slots or products the flow declares.
  static let listedNamesLimit = 10

  /// `'a', 'b', 'c'`: the first ``listedNamesLimit`` of `names` in the order given (callers
  /// sort once, not per diagnostic), each quoted after `prefix`, then `and N more`.
  static func listed(_ names: [String], prefix: String = "") -> String {
    var text = names.prefix(listedNamesLimit).map { "'\(prefix)\($0)'" }.joined(separator: ", ")
    if names.count > listedNamesLimit {
      text += " and \(names.count - listedNamesLimit) more"
    }
    return text
  }
}
