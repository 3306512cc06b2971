import FlowCompiler
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// `docs/diagnostics.md` is generated from the catalogue of every id flowc prints (the
/// compiler's and FlowTesting's, so this suite lives where both modules are visible);
/// regenerate it with `FLOWC_RECORD=1 swift test --filter DiagnosticsDocTests`.
@Suite struct DiagnosticsDocTests {
  static let catalogue = TestDiagnostics.flowcCatalogue

  @Test func checkedInReferenceIsUpToDate() {
    let url = Golden.repositoryRoot.appendingPathComponent("docs/diagnostics.md")
    // A stale file: run DiagnosticCatalogue.referenceRegenerationCommand.
    Golden.assert(DiagnosticCatalogue.markdownReference(of: Self.catalogue), at: url)
  }

  @Test func everyIdHasASectionAndAnIndexEntry() {
    let reference = DiagnosticCatalogue.markdownReference(of: Self.catalogue)
    for descriptor in Self.catalogue {
      #expect(reference.contains("\n## \(descriptor.id)\n"))
      #expect(reference.contains("| [`\(descriptor.id)`](#\(descriptor.id)) |"))
    }
  }

  @Test func referenceLayout() {
    let descriptors = [
      DiagnosticDescriptor(
        id: DiagnosticID("b-id"), severity: .warning, summary: "second | with a pipe",
        explanation: "Body of b.\n\n```yaml\nb: 1\n```\n\n"),
      DiagnosticDescriptor(
        id: DiagnosticID("a-id"), severity: .error, summary: "first", explanation: "Body of a."),
    ]
    let reference = DiagnosticCatalogue.markdownReference(of: descriptors)
    #expect(reference.hasPrefix("# Diagnostics reference\n"))
    #expect(
      reference.contains(
        "| [`a-id`](#a-id) | error | first |\n| [`b-id`](#b-id) | warning | second \\| with a pipe |\n"
      ))
    #expect(
      reference.hasSuffix(
        "## a-id\n\nSeverity: **error**. First.\n\nBody of a.\n\n"
          + "## b-id\n\nSeverity: **warning**. Second | with a pipe.\n\nBody of b.\n\n```yaml\nb: 1\n```\n"
      ))
  }

  @Test(arguments: catalogue.map(\.id))
  func descriptorIsComplete(id: String) throws {
    let descriptor = try #require(DiagnosticCatalogue.descriptor(for: id, in: Self.catalogue))
    #expect(
      descriptor.id.wholeMatch(of: /[a-z][a-z0-9]*(-[a-z0-9]+)*/) != nil, "id is not kebab-case")
    #expect(descriptor.severity != .note, "notes have no id of their own")
    let summary = descriptor.summary
    #expect(!summary.isEmpty, "empty summary")
    #expect(!summary.contains("\n"), "summary is more than one line")
    #expect(summary.first?.isUppercase == false, "summary starts with a capital")
    #expect(summary.last != ".", "summary ends with a period")
    #expect(!descriptor.explanation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    #expect(descriptor.explanation.contains("```"), "explanation has no example code block")
    #expect(
      descriptor.explanation.range(of: "fix", options: .caseInsensitive) != nil,
      "explanation does not say how to fix it")
  }

  @Test func idsAreUnique() {
    let ids = Self.catalogue.map(\.id)
    #expect(Set(ids).count == ids.count)
  }

  @Test func lookupIgnoresBracketsAndCaseAndSuggestsCloseIds() {
    #expect(DiagnosticCatalogue.lookup("[UNREADABLE-FILE]").descriptor?.id == "unreadable-file")
    let unknown = DiagnosticCatalogue.lookup("unreadable-fle")
    #expect(unknown.descriptor == nil)
    #expect(unknown.suggestion == "unreadable-file")
    #expect(
      unknown.unknownIdMessage
        == "error: unknown diagnostic id 'unreadable-fle'\nnote: did you mean 'unreadable-file'?\n"
        + "note: 'flowc explain --list' lists every id\n")
    #expect(DiagnosticCatalogue.lookup("zzzzzzzz").suggestion == nil)
  }

  @Test func explanationTextStartsWithTheSummary() throws {
    let descriptor = try #require(DiagnosticCatalogue.descriptor(for: "unreadable-file"))
    #expect(
      descriptor.explanationText.hasPrefix("unreadable-file (error): \(descriptor.summary)\n\n"))
    #expect(
      descriptor.explanationText.hasSuffix("```\n") || descriptor.explanationText.hasSuffix(".\n"))
  }

  @Test func compilerAndTestingContributeDisjointSortedLists() {
    let compiler = Set(DiagnosticCatalogue.all.map(\.id))
    let testing = Set(TestDiagnostics.descriptors.map(\.id))
    #expect(compiler.isDisjoint(with: testing))
    #expect(testing == [DiagnosticID.testScript.rawValue, DiagnosticID.testFailure.rawValue])
    #expect(Self.catalogue.map(\.id) == (compiler.union(testing)).sorted())
    #expect(DiagnosticCatalogue.lookup("test-script").descriptor == nil)
    #expect(DiagnosticCatalogue.lookup("test-script", in: Self.catalogue).descriptor != nil)
  }

  @Test func listingAlignsSummaries() {
    let listing = DiagnosticCatalogue.listing(of: [
      DiagnosticDescriptor(
        id: DiagnosticID("long-id-here"), severity: .error, summary: "one", explanation: ""),
      DiagnosticDescriptor(
        id: DiagnosticID("short"), severity: .warning, summary: "two", explanation: ""),
    ])
    #expect(listing == "long-id-here  error: one\nshort         warning: two\n")
  }
}
