import FlowCompiler
import FlowTestSupport
import Foundation
import Testing

/// Input meant to hurt the loader: every case must end quickly with a diagnostic, never a crash.
@Suite struct YAMLLoaderHostileInputTests {
  /// The classic "billion laughs": nine levels of ten aliases each.
  static let billionLaughs: String = {
    var lines = ["lol0: &lol0 [lol]"]
    for level in 1...9 {
      let aliases = Array(repeating: "*lol\(level - 1)", count: 10).joined(separator: ", ")
      lines.append("lol\(level): &lol\(level) [\(aliases)]")
    }
    return lines.joined(separator: "\n") + "\n"
  }()

  @Test func billionLaughsStopsAtTheExpansionLimitAtOnce() throws {
    let clock = ContinuousClock()
    var result: YAMLLoadResult?
    let elapsed = clock.measure {
      result = YAMLLoader.load(SourceFile(path: "lol.yaml", text: Self.billionLaughs))
    }
    let diagnostics = try #require(result?.diagnostics)
    #expect(diagnostics.map(\.id) == ["alias-expansion-limit"])
    #expect(diagnostics.first?.message.contains("100000") == true)
    // Level 5 is the first whose expansion passes 100,000 nodes (11 + 111 + … grows tenfold).
    #expect(diagnostics.first?.range?.start.line == 6)
    #expect(result?.root == nil)
    #expect(elapsed < .seconds(1))
  }

  @Test func expansionLimitCountsEveryNodeOfEveryCopy() {
    let text = "a: &a [1, 2, 3, 4]\nb: [*a, *a]\n"
    // Each copy of `a` is five nodes (the sequence and its four items): ten in all.
    let atLimit = YAMLLoader.Limits(maxBytes: 1024, maxDepth: 10, maxAliasExpansion: 10)
    #expect(
      YAMLLoader.load(SourceFile(path: "a.yaml", text: text), limits: atLimit).diagnostics.isEmpty)
    let belowLimit = YAMLLoader.Limits(maxBytes: 1024, maxDepth: 10, maxAliasExpansion: 9)
    let source = MarkedSource("a: &a [1, 2, 3, 4]\nb: [*a, 1️⃣*a]\n")
    let result = YAMLLoader.load(source.file(), limits: belowLimit)
    #expect(result.diagnostics.map(\.id) == ["alias-expansion-limit"])
    #expect(result.diagnostics.first?.range?.start == source["1️⃣"])
  }

  @Test(arguments: ["[", "{a: "])
  func tenThousandDeepNestingIsRefusedWithoutOverflowingTheStack(opener: String) throws {
    let closer = opener == "[" ? "]" : "}"
    let text =
      String(repeating: opener, count: 10_000) + "x" + String(repeating: closer, count: 10_000)
    let result = YAMLLoader.load(SourceFile(path: "deep.yaml", text: text))
    let diagnostic = try #require(result.diagnostics.first)
    #expect(result.diagnostics.count == 1)
    #expect(diagnostic.id == "nesting-too-deep")
    // The 201st collection is the first one too deep.
    let expectedColumn = 200 * opener.count + 1
    #expect(
      diagnostic.range?.start
        == SourcePosition(line: 1, column: expectedColumn, offset: expectedColumn - 1))
    #expect(result.root == nil)
  }

  @Test func nestingUpToTheLimitIsAccepted() throws {
    let text = String(repeating: "[", count: 200) + "x" + String(repeating: "]", count: 200)
    let result = YAMLLoader.load(SourceFile(path: "deep.yaml", text: text))
    #expect(result.diagnostics.isEmpty)
    var node = try #require(result.root)
    var depth = 0
    while let first = node.sequenceElements?.first {
      depth += 1
      node = first
    }
    #expect(depth == 200)
    #expect(node.scalar == "x")
  }

  @Test func aliasesCannotNestDeeperThanTheLimit() throws {
    // Each anchor is 150 levels deep and holds a copy of the one before: the text never nests
    // past 150, but the copies would, and chained they could nest without bound.
    let deep = String(repeating: "[", count: 150) + "x" + String(repeating: "]", count: 150)
    let source = MarkedSource(
      "a: &a \(deep)\nb: &b [[1️⃣*a]]\nc: "
        + String(repeating: "[", count: 60) + "2️⃣*a" + String(repeating: "]", count: 60) + "\n")
    // Copying `a` two levels down stays within the limit of 200; sixty levels down does not.
    let result = YAMLLoader.load(source.file())
    #expect(result.diagnostics.map(\.id) == ["nesting-too-deep"])
    #expect(result.diagnostics.first?.range?.start == source["2️⃣"])
    #expect(result.root == nil)
    let chained = (0..<1_000).map {
      "k\($0): &k\($0) [[[[[[[[[[\($0 == 0 ? "x" : "*k\($0 - 1)")]]]]]]]]]]"
    }
    let chainResult = YAMLLoader.load(
      SourceFile(path: "chain.yaml", text: chained.joined(separator: "\n")))
    #expect(chainResult.diagnostics.map(\.id) == ["nesting-too-deep"])
    #expect(chainResult.diagnostics.first?.range?.start.line == 20)
  }

  @Test func thousandsOfDuplicateKeysGiveAHundredDiagnostics() throws {
    // The same key, or an unknown alias, over and over: reports are capped.
    let text = String(repeating: "a: 1\n", count: 50_000)
    let result = YAMLLoader.load(SourceFile(path: "dup.yaml", text: text))
    #expect(result.diagnostics.count == 100)
    #expect(Set(result.diagnostics.map(\.id)) == ["duplicate-key"])
    #expect(
      result.diagnostics.last?.notes.last?.message
        == "only the first 100 duplicate keys and unknown aliases are reported")
    #expect(result.diagnostics.dropLast().allSatisfy { $0.notes.count == 1 })
    let aliases = "x: &anchor 1\nlist:\n" + String(repeating: "  - *unknown\n", count: 30_000)
    let aliasResult = YAMLLoader.load(SourceFile(path: "alias.yaml", text: aliases))
    #expect(aliasResult.diagnostics.count == 100)
    #expect(Set(aliasResult.diagnostics.map(\.id)) == ["unknown-alias"])
    #expect(aliasResult.root?["list"]?.sequenceElements?.count == 30_000)
  }

  @Test func manyAnchorsAndUnknownAliasesStayCheap() {
    // 20,000 anchors, then 200 unknown aliases: no "did you mean" search over all of them
    // (each alias is one letter away from an anchor, so a search would find a suggestion).
    let anchors = (0..<20_000).map { "- &anchor_\($0) x" }
    let aliases = (0..<200).map { "- *anchor_\($0)z" }
    let file = SourceFile(path: "anchors.yaml", text: (anchors + aliases).joined(separator: "\n"))
    let result = YAMLLoader.load(file)
    #expect(result.diagnostics.count == 100)
    #expect(result.diagnostics.allSatisfy { $0.id == "unknown-alias" })
    #expect(result.diagnostics.first?.notes.isEmpty == true)
    // With few anchors the suggestion is made.
    let small = YAMLLoader.load(
      SourceFile(path: "small.yaml", text: "- &anchor_1 x\n- *anchor_1z\n"))
    #expect(small.diagnostics.first?.notes.map(\.message) == ["did you mean 'anchor_1'?"])
  }

  @Test func deepBlockNestingIsRefused() throws {
    var text = ""
    for level in 0..<300 { text += String(repeating: " ", count: level) + "k\(level):\n" }
    text += String(repeating: " ", count: 300) + "leaf\n"
    let result = YAMLLoader.load(SourceFile(path: "deep.yaml", text: text))
    #expect(result.diagnostics.map(\.id) == ["nesting-too-deep"])
    #expect(result.diagnostics.first?.range?.start.line == 201)
  }

  @Test(
    arguments: [
      [0xFF],  // never valid
      [0x80],  // stray continuation byte
      [0xC3],  // truncated before the next character
      [0xC0, 0xAF],  // overlong '/'
      [0xE0, 0x80, 0xAF],  // overlong '/'
      [0xED, 0xA0, 0x80],  // UTF-16 surrogate
      [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
      [0xF8, 0x88, 0x80, 0x80, 0x80],  // five-byte form
    ] as [[UInt8]])
  func invalidUTF8IsReportedAtTheFirstBadByte(badBytes: [UInt8]) throws {
    let source = MarkedSource("name: 😀 fine\nnote: é1️⃣")
    let bytes = Array(source.text.utf8) + badBytes + Array(" tail\n".utf8)
    let result = YAMLLoader.load(SourceFile(path: "latin1.yaml", bytes: bytes))
    let diagnostic = try #require(result.diagnostics.first)
    #expect(result.diagnostics.count == 1)
    #expect(diagnostic.id == "invalid-utf8")
    #expect(diagnostic.range?.start == source["1️⃣"])
    let hex = String(badBytes[0], radix: 16, uppercase: true)
    #expect(diagnostic.message == "file is not valid UTF-8: byte 0x\(hex) here")
    #expect(result.root == nil)
  }

  @Test(arguments: [[0xFF, 0xFE], [0xFE, 0xFF], [0x00, 0x00, 0xFE, 0xFF]] as [[UInt8]])
  func utf16ByteOrderMarkIsRefused(mark: [UInt8]) throws {
    let bytes = mark + [0x61, 0x00, 0x3A, 0x00]
    let result = YAMLLoader.load(SourceFile(path: "utf16.yaml", bytes: bytes))
    #expect(result.diagnostics.map(\.id) == ["invalid-utf8"])
    #expect(result.diagnostics.first?.message.contains("UTF-16") == true)
    #expect(result.diagnostics.first?.range?.start == SourcePosition(line: 1, column: 1, offset: 0))
  }

  @Test func truncatedSequenceAtTheEndOfTheFileIsReported() throws {
    let result = YAMLLoader.load(
      SourceFile(path: "t.yaml", bytes: Array("a: b".utf8) + [0xE2, 0x82]))
    #expect(result.diagnostics.map(\.id) == ["invalid-utf8"])
    #expect(result.diagnostics.first?.range?.start == SourcePosition(line: 1, column: 5, offset: 4))
  }

  @Test func validMultiByteCharactersOfEveryLengthAreAccepted() {
    let text = "a: \u{7F}\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}\n"
      .replacingOccurrences(of: "\u{7F}", with: "")
    let result = YAMLLoader.load(SourceFile(path: "ok.yaml", text: text))
    #expect(result.diagnostics.filter { $0.id == "invalid-utf8" }.isEmpty)
  }

  @Test func fiftyMegabyteFileIsRefusedWithoutParsing() throws {
    let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 50 * 1024 * 1024)
    let file = SourceFile(path: "huge.yaml", bytes: bytes)
    let clock = ContinuousClock()
    var result: YAMLLoadResult?
    let elapsed = clock.measure { result = YAMLLoader.load(file) }
    let diagnostic = try #require(result?.diagnostics.first)
    #expect(diagnostic.id == "file-too-large")
    #expect(diagnostic.message == "file is 52428800 bytes, more than the limit of 16777216 bytes")
    #expect(diagnostic.range == nil)
    #expect(result?.root == nil)
    #expect(elapsed < .milliseconds(100))
  }

  @Test func fileOfExactlyTheLimitIsParsed() {
    let text = "a: 1\n"
    let limits = YAMLLoader.Limits(maxBytes: text.utf8.count, maxDepth: 10, maxAliasExpansion: 10)
    let result = YAMLLoader.load(SourceFile(path: "a.yaml", text: text), limits: limits)
    #expect(result.diagnostics.isEmpty)
    let smaller = YAMLLoader.Limits(
      maxBytes: text.utf8.count - 1, maxDepth: 10, maxAliasExpansion: 10)
    let refused = YAMLLoader.load(SourceFile(path: "a.yaml", text: text), limits: smaller)
    #expect(refused.diagnostics.map(\.id) == ["file-too-large"])
  }

  @Test(arguments: [
    "a: b: c", "[", "{", "]", "'", "\"", "&", "*", "!", "%YAML 1.1\n%YAML 1.1\n---\n", "? ? ?", ":",
    "- - - -\n  -", "a:\n  - b\n c", "\u{0}", "a: \"\\x\"", "!<tag:yaml.org,2002:str> x",
    "--- |\n\t\n",
    "key: [a, *]", "a: &x\n&y b", "- *", "{a: 1, a: 1, *b : 2}", "\u{FEFF}\u{FEFF}a: 1",
  ])
  func malformedInputNeverCrashes(text: String) {
    let result = YAMLLoader.load(SourceFile(path: "bad.yaml", text: text))
    for diagnostic in result.diagnostics {
      #expect(!diagnostic.message.isEmpty)
      #expect(DiagnosticCatalogue.descriptor(for: diagnostic.id) != nil)
    }
  }

  @Test func randomBytesNeverCrash() {
    var generator = SeededGenerator(seed: 0x5EED)
    let alphabet = Array("ab: -[]{},&*!|>'\"#%@`?\n\t é😀".utf8)
    for _ in 0..<500 {
      let length = Int(generator.next() % 80)
      let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
      let result = YAMLLoader.load(SourceFile(path: "fuzz.yaml", bytes: bytes))
      for diagnostic in result.diagnostics {
        if let range = diagnostic.range {
          #expect(range.start.offset <= bytes.count)
          #expect(range.end.offset <= bytes.count)
        }
      }
    }
  }
}
