import FlowCompiler
import Testing

/// Loads marked source with the default limits.
private func load(_ source: MarkedSource, limits: YAMLLoader.Limits = .default) -> YAMLLoadResult {
  YAMLLoader.load(source.file(), limits: limits)
}

@Suite struct YAMLLoaderTests {
  @Test func nodesCarryStartAndEndPositions() throws {
    let source = MarkedSource(
      """
      1️⃣skill:
        2️⃣name3️⃣: 4️⃣No Nicks5️⃣
        locales: 6️⃣[7️⃣en-US, "de-DE"]8️⃣

      """)
    let result = load(source)
    #expect(result.diagnostics.isEmpty)
    let root = try #require(result.root)
    #expect(root.range.start == source["1️⃣"])
    let skill = try #require(root["skill"])
    #expect(skill.range.start == source["2️⃣"])
    // A block mapping ends with its last child, not where libyaml sees the next token.
    #expect(skill.range.end == source["8️⃣"])
    let nameKey = try #require(skill.mappingEntries?.first?.key)
    #expect(nameKey.range == source.range("2️⃣", "3️⃣"))
    let name = try #require(skill["name"])
    #expect(name.scalar == "No Nicks")
    #expect(name.range == source.range("4️⃣", "5️⃣"))
    let locales = try #require(skill["locales"])
    #expect(locales.range == source.range("6️⃣", "8️⃣"))
    #expect(locales.sequenceElements?.first?.range.start == source["7️⃣"])
    #expect(locales.sequenceElements?.map(\.scalar) == ["en-US", "de-DE"])
  }

  @Test func columnsCountCharactersAndOffsetsCountBytesOnNonASCIILines() throws {
    let source = MarkedSource(
      """
      prompts:
        de-DE:
          grüße: 1️⃣"Grüß Gott, schön 🙂"2️⃣
          ciao: 3️⃣ça va — très bien4️⃣
      5️⃣名前: 6️⃣値

      """)
    let result = load(source)
    #expect(result.diagnostics.isEmpty)
    let root = try #require(result.root)
    let greeting = try #require(root["prompts"]?["de-DE"]?["grüße"])
    #expect(greeting.scalar == "Grüß Gott, schön 🙂")
    #expect(greeting.range == source.range("1️⃣", "2️⃣"))
    let ciao = try #require(root["prompts"]?["de-DE"]?["ciao"])
    #expect(ciao.range == source.range("3️⃣", "4️⃣"))
    let entries = try #require(root.mappingEntries)
    #expect(entries.last?.key.range.start == source["5️⃣"])
    #expect(entries.last?.value.range.start == source["6️⃣"])
    // The same positions as the file's own (slow, exact) offset-to-position mapping.
    let file = source.file()
    for marker in ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣"] {
      #expect(file.position(ofOffset: source[marker].offset) == source[marker])
    }
  }

  @Test func positionsFollowCRLFLineEndings() throws {
    let source = MarkedSource("a: 1\r\n1️⃣b: 2️⃣two\r\n")
    let root = try #require(load(source).root)
    #expect(root.mappingEntries?.last?.key.range.start == source["1️⃣"])
    #expect(root["b"]?.range.start == source["2️⃣"])
  }

  @Test func byteOrderMarkIsSkippedWithoutShiftingColumns() throws {
    let text = "a: 1\nb: x\n"
    let file = SourceFile(path: "bom.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
    let result = YAMLLoader.load(file)
    #expect(result.diagnostics.isEmpty)
    let root = try #require(result.root)
    #expect(root.range.start == SourcePosition(line: 1, column: 1, offset: 3))
    #expect(root["b"]?.range.start == SourcePosition(line: 2, column: 4, offset: 11))
  }

  @Test(arguments: [
    ("plain: 1️⃣x", YAMLScalarStyle.plain, "x"),
    ("single: 1️⃣'it''s'", .singleQuoted, "it's"),
    ("double: 1️⃣\"a\\tb\"", .doubleQuoted, "a\tb"),
    ("literal: 1️⃣|\n  one\n  two\n", .literal, "one\ntwo\n"),
    ("folded: 1️⃣>\n  one\n  two\n", .folded, "one two\n"),
  ])
  func scalarStyleAndTextAreRecorded(marked: String, style: YAMLScalarStyle, text: String) throws {
    let source = MarkedSource(marked)
    let value = try #require(load(source).root?.mappingEntries?.first?.value)
    guard case .scalar(let scalarText, let scalarStyle) = value.content else {
      Issue.record("not a scalar: \(value.content)")
      return
    }
    #expect(scalarText == text)
    #expect(scalarStyle == style)
    #expect(value.range.start == source["1️⃣"])
  }

  @Test func tagsAreRecordedInShortForm() throws {
    let root = try #require(
      YAMLLoader.load(
        SourceFile(path: "t.yaml", text: "a: !!str 1\nb: !local x\nc: 2\nd: !!map {}\n")
      ).root)
    #expect(root["a"]?.tag == "!!str")
    #expect(root["b"]?.tag == "!local")
    #expect(root["c"]?.tag == nil)
    #expect(root["d"]?.tag == "!!map")
  }

  @Test func everyTagIsReportedAsIgnored() {
    let source = MarkedSource("a: 1️⃣!!str 1\nb: 2️⃣!local x\nc: 2\nd: 3️⃣!!map {}\n")
    let result = YAMLLoader.load(source.file(path: "t.yaml"))
    #expect(result.diagnostics.map(\.id) == ["yaml-tag", "yaml-tag", "yaml-tag"])
    #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
    #expect(
      result.diagnostics.map(\.range?.start) == [source["1️⃣"], source["2️⃣"], source["3️⃣"]])
    #expect(result.diagnostics.first?.message == "YAML tag '!!str' is ignored")
  }

  @Test func emptyFileAndCommentsOnlyGiveNoRootAndNoDiagnostics() {
    for text in ["", "\n\n", "# only a comment\n  # and another\n", "\u{FEFF}"] {
      let result = YAMLLoader.load(SourceFile(path: "empty.yaml", text: text))
      #expect(result.root == nil, "\(text.debugDescription)")
      #expect(result.diagnostics.isEmpty, "\(text.debugDescription)")
    }
  }

  @Test func explicitEmptyDocumentIsAnEmptyScalar() throws {
    let result = YAMLLoader.load(SourceFile(path: "e.yaml", text: "---\n"))
    #expect(result.diagnostics.isEmpty)
    #expect(try #require(result.root).scalar == "")
  }

  @Test func duplicateKeysAreReportedEveryTimeAndTheFirstEntryIsKept() throws {
    let source = MarkedSource(
      """
      products:
        1️⃣kit:
          name: Kit
        2️⃣kit:
          name: Other
        other: {3️⃣a: 1, 4️⃣"a": 2}
        5️⃣kit: again

      """)
    let result = load(source)
    #expect(result.diagnostics.map(\.id) == ["duplicate-key", "duplicate-key", "duplicate-key"])
    let starts = result.diagnostics.map { $0.range?.start }
    #expect(starts == [source["2️⃣"], source["4️⃣"], source["5️⃣"]])
    #expect(
      result.diagnostics.map(\.message) == [
        "duplicate key 'kit'", "duplicate key 'a'", "duplicate key 'kit'",
      ])
    let notes = result.diagnostics.map { $0.notes.first }
    #expect(notes.map { $0?.message } == Array(repeating: "first defined here", count: 3))
    #expect(notes.map { $0?.range?.start } == [source["1️⃣"], source["3️⃣"], source["1️⃣"]])
    let products = try #require(result.root?["products"])
    #expect(products.mappingEntries?.map { $0.key.scalar } == ["kit", "other"])
    #expect(products["kit"]?["name"]?.scalar == "Kit")
    #expect(products["other"]?["a"]?.scalar == "1")
  }

  @Test func duplicateKeysAreFoundInLargeMappings() throws {
    // Past a few entries the loader indexes a mapping's keys; both paths must agree.
    var lines = (0..<40).map { "key_\($0): \($0)" }
    lines.insert("key_3: early duplicate", at: 10)
    lines.append("key_3: late duplicate")
    lines.append("key_39: last duplicate")
    let result = YAMLLoader.load(SourceFile(path: "big.yaml", text: lines.joined(separator: "\n")))
    #expect(
      result.diagnostics.map(\.message) == [
        "duplicate key 'key_3'", "duplicate key 'key_3'", "duplicate key 'key_39'",
      ])
    #expect(result.diagnostics.map { $0.range?.start.line } == [11, 42, 43])
    #expect(result.diagnostics.map { $0.notes.first?.range?.start.line } == [4, 4, 41])
    #expect(result.root?.mappingEntries?.count == 40)
    #expect(result.root?["key_3"]?.scalar == "3")
  }

  @Test func syntaxErrorIsLocatedWithLibYAMLProblemAndContext() throws {
    let source = MarkedSource(
      """
      1️⃣skill:
        name: No Nicks
       2️⃣bad: indentation

      """)
    let result = load(source)
    let diagnostic = try #require(result.diagnostics.first)
    #expect(result.diagnostics.count == 1)
    #expect(diagnostic.id == "yaml-syntax")
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.message == "did not find expected key")
    #expect(diagnostic.range?.start == source["2️⃣"])
    #expect(diagnostic.notes.first?.message == "the block mapping started here")
    #expect(diagnostic.notes.first?.range?.start == source["1️⃣"])
    #expect(result.root == nil)
  }

  @Test(arguments: ["@", "`"])
  func reservedFirstCharacterGetsAQuotingHint(character: String) throws {
    let source = MarkedSource("skill:\n  name: 1️⃣\(character)home\n")
    let diagnostic = try #require(load(source).diagnostics.first)
    #expect(diagnostic.id == "yaml-syntax")
    #expect(diagnostic.range?.start == source["1️⃣"])
    #expect(
      diagnostic.notes.last?.message == "a value that starts with '\(character)' must be quoted")
  }

  @Test(arguments: [
    "samples: { en-US: [buy 1️⃣{product}, \"order {quantity} {product}\"] }\n",
    "samples: [a 1️⃣[b]]\n",
  ])
  func placeholderInAFlowSequenceGetsAQuotingHint(marked: String) throws {
    let source = MarkedSource(marked)
    let diagnostic = try #require(load(source).diagnostics.first)
    #expect(diagnostic.id == "yaml-syntax")
    #expect(diagnostic.range?.start == source["1️⃣"])
    #expect(diagnostic.notes.last?.message.hasPrefix("inside '[…]' or '{…}', text with") == true)
  }

  @Test func placeholdersInABlockSequenceNeedNoQuotes() throws {
    let result = YAMLLoader.load(SourceFile(path: "s.yaml", text: "samples:\n  - buy {product}\n"))
    #expect(result.diagnostics.isEmpty)
    #expect(result.root?["samples"]?.sequenceElements?.first?.scalar == "buy {product}")
  }

  @Test(arguments: [
    "skill:\n1️⃣\tname: No Nicks\n",
    "skill:\n  name: x\n1️⃣\tlocales: [en-US]\n",
    "flow:\n  states:\n 1️⃣\t welcome: {}\n",
    "a:\n  - b\n1️⃣\t- c\n",
    "a: b\n1️⃣\t\nc: d\n",
  ])
  func tabIndentationGetsAClearNote(marked: String) throws {
    let source = MarkedSource(marked)
    let result = load(source)
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.id == "yaml-syntax")
    #expect(diagnostic.notes.map(\.message) == ["YAML does not allow tabs for indentation"])
    #expect(diagnostic.notes.first?.range?.start == source["1️⃣"])
  }

  @Test func syntaxErrorWithoutTabsHasNoTabNote() throws {
    let result = YAMLLoader.load(SourceFile(path: "x.yaml", text: "a: [1, 2\n"))
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.id == "yaml-syntax")
    #expect(!diagnostic.notes.contains { $0.message.contains("tab") })
  }

  /// A syntax error: its message at `1️⃣`, and its notes (the first one at `2️⃣` when marked).
  struct SyntaxCase: Sendable, CustomTestStringConvertible {
    var marked: String
    var message: String
    var notes: [String] = []
    /// Whether `notes` are all the notes, or only the first ones.
    var allNotes = true
    var testDescription: String { message }
  }

  static let syntaxCases = [
    SyntaxCase(
      marked: "prompts:\n  en-US:\n    welcome: Note1️⃣: shipping is free\n",
      message: "mapping values are not allowed in this context",
      notes: ["a value that contains ': ' must be quoted, as in 'welcome: \"Note: hi\"'"]),
    SyntaxCase(
      marked: "a: 2️⃣\"open\nb: 2\n1️⃣", message: "found unexpected end of stream",
      notes: ["the quoted scalar started here"], allNotes: false),
    SyntaxCase(
      marked: "a: ü1️⃣\u{01}\n", message: "control characters are not allowed", allNotes: false),
  ]

  @Test(arguments: syntaxCases)
  func syntaxErrorHasItsMessageAndNotes(_ testCase: SyntaxCase) throws {
    let source = MarkedSource(testCase.marked)
    let diagnostic = try #require(load(source).diagnostics.first)
    #expect(diagnostic.id == "yaml-syntax")
    #expect(diagnostic.message == testCase.message)
    #expect(diagnostic.range?.start == source["1️⃣"])
    let notes = diagnostic.notes.map(\.message)
    #expect(testCase.allNotes ? notes == testCase.notes : notes.starts(with: testCase.notes))
    if testCase.marked.contains("2️⃣") {
      #expect(diagnostic.notes.first?.range?.start == source["2️⃣"])
    }
  }

  @Test(arguments: [
    "---\nflowc: 1\n1️⃣---\nflowc: 2\n---\nflowc: 3\n", "flowc: 1\n...\n1️⃣flowc: 2\n",
  ])
  func secondDocumentIsAnErrorAndTheFirstIsKept(marked: String) throws {
    let source = MarkedSource(marked)
    let result = load(source)
    #expect(result.diagnostics.map(\.id) == ["multiple-documents"])
    #expect(result.diagnostics.first?.range?.start == source["1️⃣"])
    #expect(result.root?["flowc"]?.scalar == "1")
  }

  @Test func documentEndMarkerAloneIsOneDocument() {
    let result = YAMLLoader.load(SourceFile(path: "d.yaml", text: "a: 1\n...\n"))
    #expect(result.diagnostics.isEmpty)
    #expect(result.root?["a"]?.scalar == "1")
  }

  @Test func aliasesAreExpandedIntoCopiesLocatedAtTheAlias() throws {
    let source = MarkedSource(
      """
      defaults: &card
        title: welcome_card_title
        text: welcome_card
      welcome: 1️⃣*card2️⃣
      thanks: *card

      """)
    let result = load(source)
    #expect(result.diagnostics.isEmpty)
    let root = try #require(result.root)
    let copy = try #require(root["welcome"])
    #expect(copy.range == source.range("1️⃣", "2️⃣"))
    #expect(copy["title"]?.scalar == "welcome_card_title")
    #expect(root["thanks"]?["text"]?.scalar == "welcome_card")
  }

  @Test func unknownAliasIsAnErrorWithASuggestion() throws {
    let source = MarkedSource(
      "greeting: &greeting Hello\nwelcome: 1️⃣*greting\nbye: 2️⃣*nothing_like_it\n")
    let result = load(source)
    #expect(result.diagnostics.map(\.id) == ["unknown-alias", "unknown-alias"])
    #expect(
      result.diagnostics.map(\.message) == [
        "unknown alias 'greting'", "unknown alias 'nothing_like_it'",
      ])
    #expect(result.diagnostics.map { $0.range?.start } == [source["1️⃣"], source["2️⃣"]])
    #expect(result.diagnostics[0].notes.map(\.message) == ["did you mean 'greeting'?"])
    #expect(result.diagnostics[1].notes.isEmpty)
    // The tree stays complete: the unknown alias reads as an empty scalar.
    #expect(result.root?["welcome"]?.scalar == "")
    #expect(result.root?["bye"]?.scalar == "")
  }

  @Test func aliasInsideItsOwnAnchorIsAnError() throws {
    let source = MarkedSource("loop: 1️⃣&loop [a, 2️⃣*loop]\n")
    let result = load(source)
    let diagnostic = try #require(result.diagnostics.first)
    #expect(result.diagnostics.count == 1)
    #expect(diagnostic.id == "unknown-alias")
    #expect(diagnostic.message == "alias 'loop' refers to a node that contains it")
    #expect(diagnostic.range?.start == source["2️⃣"])
    #expect(diagnostic.notes.first?.range?.start == source["1️⃣"])
  }

  @Test func everyLoadDiagnosticIdIsInTheCatalogue() {
    let ids = [
      "yaml-syntax", "duplicate-key", "alias-expansion-limit", "unknown-alias",
      "nesting-too-deep", "multiple-documents", "invalid-utf8", "file-too-large",
    ]
    for id in ids {
      let descriptor = DiagnosticCatalogue.descriptor(for: id)
      #expect(descriptor != nil, "\(id)")
      #expect(descriptor?.severity == .error)
      #expect(descriptor?.explanation.contains("```") == true, "\(id) needs an example")
      #expect(descriptor?.summary.first?.isLowercase == true)
    }
  }
}
