import FlowIR
import Foundation

/// Renders a report as a SARIF 2.1.0 log with one run, for code-scanning tools.
///
/// - `tool.driver.rules` holds, sorted by id, the catalogue entry of every id that occurs:
///   `shortDescription` is the summary, `fullDescription` and `help` the explanation, and
///   `helpUri` points at the id's section of `docs/diagnostics.md`.
/// - Each diagnostic is a result with `ruleId`, `ruleIndex`, `level`, `message.text` and one
///   location; its notes are `relatedLocations`.
/// - Regions use 1-based lines and columns; `run.columnKind` is `unicodeCodePoints`, which is
///   how flowc counts columns, and `endColumn` is the column just past the range.
public struct SARIFDiagnosticRenderer: Sendable {
  /// The SARIF version written.
  public static let sarifVersion = "2.1.0"
  /// The schema URI written as `$schema`.
  public static let schemaURI =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

  /// The base of every rule's `helpUri`; the id is appended as a fragment.
  public var helpBaseURI: String
  /// The version of flowc written as `tool.driver.version`.
  public var toolVersion: String
  /// Where the rules come from, by id.
  public var descriptors: [String: DiagnosticDescriptor]

  /// Creates a renderer.
  ///
  /// - Parameters:
  ///   - helpBaseURI: Where the diagnostics reference lives, relative to the repository root
  ///     by default.
  ///   - toolVersion: The flowc version to report.
  ///   - catalogue: The descriptors that become rules; the whole catalogue by default. An id
  ///     without a descriptor still gets a rule, with the id as its description.
  public init(
    helpBaseURI: String = "docs/diagnostics.md", toolVersion: String = FlowcVersion.current,
    catalogue: [DiagnosticDescriptor] = DiagnosticCatalogue.all
  ) {
    self.helpBaseURI = helpBaseURI
    self.toolVersion = toolVersion
    self.descriptors = Dictionary(
      catalogue.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// The SARIF log, pretty-printed with sorted keys and a final newline.
  public func render(_ report: DiagnosticReport) -> String {
    let ids = Set(report.allDiagnostics.map(\.id)).sorted()
    let ruleIndex = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
    let rules = ids.map(rule(for:))
    var results: [Result] = []
    for entry in report.files {
      let uri = Self.artifactURI(forPath: entry.file.path)
      for diagnostic in entry.diagnostics {
        results.append(
          Result(
            ruleId: diagnostic.id, ruleIndex: ruleIndex[diagnostic.id] ?? 0,
            level: diagnostic.severity.rawValue, message: Message(text: diagnostic.message),
            locations: [Location(id: nil, message: nil, uri: uri, range: diagnostic.range)],
            relatedLocations: diagnostic.notes.isEmpty
              ? nil
              : diagnostic.notes.enumerated().map { index, note in
                Location(
                  id: index, message: Message(text: note.message), uri: uri, range: note.range)
              }))
      }
    }
    let log = Log(
      schema: Self.schemaURI, version: Self.sarifVersion,
      runs: [
        Run(
          tool: Tool(
            driver: Driver(
              name: "flowc", version: toolVersion, informationUri: nil, rules: rules)),
          columnKind: "unicodeCodePoints", results: results)
      ])
    return CanonicalJSON.string(log)
  }

  private func rule(for id: String) -> Rule {
    guard let descriptor = descriptors[id] else {
      return Rule(
        id: id, shortDescription: Message(text: id), fullDescription: nil, help: nil,
        helpUri: nil, defaultConfiguration: nil)
    }
    return Rule(
      id: id, shortDescription: Message(text: descriptor.summary),
      fullDescription: Message(text: descriptor.explanation),
      help: MultiformatMessage(text: descriptor.explanation, markdown: descriptor.explanation),
      helpUri: helpBaseURI + "#" + id,
      defaultConfiguration: Configuration(level: descriptor.severity.rawValue))
  }

  /// The `artifactLocation.uri` of a path: a relative URI reference for a relative path, a
  /// `file://` URI for an absolute one, percent-encoded either way.
  public static func artifactURI(forPath path: String) -> String {
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: ";")
    let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    if path.hasPrefix("/") { return "file://" + encoded }
    // A first segment with a colon would read as a scheme.
    if let colon = encoded.firstIndex(of: ":"),
      !encoded[..<colon].contains("/")
    {
      return "./" + encoded
    }
    return encoded
  }

  // MARK: - The SARIF objects flowc writes

  private struct Log: Encodable {
    var schema: String
    var version: String
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
      case schema = "$schema"
      case version, runs
    }
  }

  private struct Run: Encodable {
    var tool: Tool
    var columnKind: String
    var results: [Result]
  }

  private struct Tool: Encodable {
    var driver: Driver
  }

  private struct Driver: Encodable {
    var name: String
    var version: String
    var informationUri: String?
    var rules: [Rule]
  }

  private struct Rule: Encodable {
    var id: String
    var shortDescription: Message
    var fullDescription: Message?
    var help: MultiformatMessage?
    var helpUri: String?
    var defaultConfiguration: Configuration?
  }

  private struct Configuration: Encodable {
    var level: String
  }

  private struct Message: Encodable {
    var text: String
  }

  private struct MultiformatMessage: Encodable {
    var text: String
    var markdown: String
  }

  private struct Result: Encodable {
    var ruleId: String
    var ruleIndex: Int
    var level: String
    var message: Message
    var locations: [Location]
    var relatedLocations: [Location]?
  }

  private struct Location: Encodable {
    var id: Int?
    var message: Message?
    var physicalLocation: PhysicalLocation

    init(id: Int?, message: Message?, uri: String, range: SourceRange?) {
      self.id = id
      self.message = message
      self.physicalLocation = PhysicalLocation(
        artifactLocation: ArtifactLocation(uri: uri), region: range.map(Region.init))
    }
  }

  private struct PhysicalLocation: Encodable {
    var artifactLocation: ArtifactLocation
    var region: Region?
  }

  private struct ArtifactLocation: Encodable {
    var uri: String
  }

  private struct Region: Encodable {
    var startLine: Int
    var startColumn: Int
    var endLine: Int
    var endColumn: Int

    init(_ range: SourceRange) {
      startLine = max(1, range.start.line)
      startColumn = max(1, range.start.column)
      // SARIF wants the end at or after the start.
      if range.end.line > startLine {
        endLine = range.end.line
        endColumn = max(1, range.end.column)
      } else {
        endLine = startLine
        endColumn = max(startColumn, range.end.column)
      }
    }
  }
}
