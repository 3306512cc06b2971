import FlowIR
import Foundation

/// Renders a report as flowc's JSON document (format version 1), with sorted keys:
///
/// ```json
/// {"files": [{"diagnostics": [{"id": "unknown-state", "message": "…", "notes": [],
///   "range": {"end": {…}, "start": {"column": 15, "line": 41, "offset": 1022}},
///   "severity": "error"}], "path": "examples/shop.yaml"}],
///  "summary": {"errors": 1, "warnings": 0}, "version": 1}
/// ```
///
/// Every key is always present; `range` is `null` for a diagnostic or note without a place.
/// Lines and columns are 1-based, columns count Unicode scalars, offsets are 0-based bytes.
public struct JSONDiagnosticRenderer: Sendable {
  /// The version of the document layout, written as `version`.
  public static let formatVersion = 1

  /// Creates a renderer.
  public init() {}

  /// The JSON document, pretty-printed with sorted keys and a final newline.
  public func render(_ report: DiagnosticReport) -> String {
    let document = Document(
      version: Self.formatVersion,
      files: report.files.map { entry in
        FileEntry(
          path: entry.file.path,
          diagnostics: entry.diagnostics.map { diagnostic in
            DiagnosticEntry(
              id: diagnostic.id, severity: diagnostic.severity.rawValue,
              message: diagnostic.message, range: diagnostic.range.map(RangeEntry.init),
              notes: diagnostic.notes.map {
                NoteEntry(message: $0.message, range: $0.range.map(RangeEntry.init))
              })
          })
      },
      summary: Summary(errors: report.errorCount, warnings: report.warningCount))
    return CanonicalJSON.string(document)
  }

  private struct Document: Encodable {
    var version: Int
    var files: [FileEntry]
    var summary: Summary
  }

  private struct FileEntry: Encodable {
    var path: String
    var diagnostics: [DiagnosticEntry]
  }

  private struct DiagnosticEntry: Encodable {
    var id: String
    var severity: String
    var message: String
    var range: RangeEntry?
    var notes: [NoteEntry]

    enum CodingKeys: String, CodingKey { case id, severity, message, range, notes }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(severity, forKey: .severity)
      try container.encode(message, forKey: .message)
      try container.encode(range, forKey: .range)  // null when absent, never left out
      try container.encode(notes, forKey: .notes)
    }
  }

  private struct NoteEntry: Encodable {
    var message: String
    var range: RangeEntry?

    enum CodingKeys: String, CodingKey { case message, range }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(message, forKey: .message)
      try container.encode(range, forKey: .range)
    }
  }

  private struct RangeEntry: Encodable {
    var start: SourcePosition
    var end: SourcePosition

    init(_ range: SourceRange) {
      start = range.start
      end = range.end
    }
  }

  private struct Summary: Encodable {
    var errors: Int
    var warnings: Int
  }
}

extension CanonicalJSON {
  /// The text every machine format of the diagnostics uses: ``CanonicalJSON/pretty(_:)``
  /// (sorted keys, two-space indentation, unescaped slashes, a final newline).
  static func string(_ value: some Encodable) -> String {
    do {
      return String(decoding: try pretty(value), as: UTF8.self)
    } catch {
      // Only strings, integers, arrays and objects are encoded: this cannot fail.
      preconditionFailure("diagnostics cannot be encoded as JSON: \(error)")
    }
  }
}
