import Foundation
import Testing

@testable import FlowCompiler

/// One fixture per diagnostic id of the compiler: a small flow with `# expect: <id>` in its
/// first line, `# options: release` to compile as `--release`, and the marker `1️⃣` where the
/// diagnostic must start. Every diagnostic of the fixture is also compared with a golden
/// (`<id>.txt`, recorded with `FLOWC_RECORD=1`).
@Suite struct DiagnosticFixtureTests {
  static let folder = CompilerTestSupport.fixtures.appendingPathComponent("diagnostics")
  static let fixtures = CompilerTestSupport.files(in: folder, withExtension: "yaml")

  /// The ids of the load stage, whose fixtures live with the loader's tests, and of the driver
  /// (files that cannot be read or written), which the CLI tests trigger.
  static let loadIds = Set(
    (DiagnosticCatalogue.loadDescriptors + DiagnosticCatalogue.inputDescriptors).map(\.id))

  struct Fixture {
    var expectedId: String
    var release: Bool
    var source: MarkedSource
  }

  static func fixture(_ url: URL) throws -> Fixture {
    let text = try String(contentsOf: url, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let expected = lines.first { $0.hasPrefix("# expect: ") }?.dropFirst("# expect: ".count)
    return Fixture(
      expectedId: String(expected ?? ""),
      release: lines.contains { $0 == "# options: release" }, source: MarkedSource(text))
  }

  @Test(arguments: fixtures)
  func reportsTheExpectedDiagnosticAtTheMarker(_ url: URL) throws {
    let fixture = try Self.fixture(url)
    #expect(fixture.expectedId == url.deletingPathExtension().lastPathComponent)
    let result = FlowCompiler.compile(
      fixture.source.file(path: url.lastPathComponent),
      options: CompileOptions(release: fixture.release))
    let marker = fixture.source["1️⃣"]
    let matching = result.diagnostics.filter { $0.id == fixture.expectedId }
    #expect(
      matching.contains { $0.range?.start == marker },
      Comment(
        rawValue: "no '\(fixture.expectedId)' at \(marker.line):\(marker.column); got:\n"
          + CompilerTestSupport.render(result.diagnostics)))
    let descriptor = try #require(DiagnosticCatalogue.descriptor(for: fixture.expectedId))
    if !fixture.release, let first = matching.first {
      #expect(first.severity == descriptor.severity)
    }
    if result.diagnostics.hasErrors {
      #expect(result.program == nil)
    }
    CompilerTestSupport.assertGolden(
      CompilerTestSupport.render(result.diagnostics),
      at: Self.folder.appendingPathComponent(
        url.deletingPathExtension().lastPathComponent + ".txt"))
  }

  @Test func everyCompilerDiagnosticHasAFixture() {
    let covered = Set(Self.fixtures.map { $0.deletingPathExtension().lastPathComponent })
    let missing = DiagnosticCatalogue.all.map(\.id).filter {
      !Self.loadIds.contains($0) && !covered.contains($0)
    }
    #expect(missing.isEmpty, "ids without a fixture: \(missing)")
  }

  @Test func catalogueIdsAreUniqueKebabCaseAndDocumented() {
    let ids = DiagnosticCatalogue.all.map(\.id)
    #expect(Set(ids).count == ids.count)
    for descriptor in DiagnosticCatalogue.all where !Self.loadIds.contains(descriptor.id) {
      #expect(
        descriptor.id.allSatisfy { $0.isLowercase || $0 == "-" || $0.isNumber },
        "\(descriptor.id) is not kebab-case")
      #expect(descriptor.explanation.contains("```"), "\(descriptor.id) has no example")
      #expect(descriptor.explanation.contains("Fix"), "\(descriptor.id) does not say how to fix")
      #expect(!descriptor.summary.hasSuffix("."), "\(descriptor.id) summary ends with a period")
    }
  }

  @Test func messagesAreLowercaseWithoutFinalPeriod() throws {
    for url in Self.fixtures {
      let fixture = try Self.fixture(url)
      let result = FlowCompiler.compile(
        fixture.source.file(), options: CompileOptions(release: fixture.release))
      for diagnostic in result.diagnostics {
        let first = try #require(diagnostic.message.first)
        #expect(
          !first.isUppercase || diagnostic.message.hasPrefix("SSML"),
          "\(diagnostic.id): \(diagnostic.message)")
        #expect(!diagnostic.message.hasSuffix("."), "\(diagnostic.id): \(diagnostic.message)")
      }
    }
  }
}
