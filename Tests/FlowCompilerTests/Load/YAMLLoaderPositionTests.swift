import FlowCompiler
import Testing

/// Positions on larger input: every node's range agrees with the slow, exact
/// `SourceFile.position(ofOffset:)`, on lines long enough to cross the loader's checkpoints.
@Suite struct YAMLLoaderPositionTests {
  /// A flow-like document with non-ASCII text of one to four bytes per character, long lines,
  /// flow collections, quoted scalars and CRLF lines.
  static let document: String = {
    let words = ["naïve", "crème", "brûlée", "Grüße", "日本語", "😀 smile", "plain", "ça", "€5"]
    var lines: [String] = ["prompts:", "  de-DE:"]
    for index in 0..<300 {
      let word = words[index % words.count]
      let long = Array(repeating: word, count: index % 23 + 1).joined(separator: " ")
      switch index % 4 {
      case 0: lines.append("    p_\(index): \(long)")
      case 1: lines.append("    p_\(index): \"\(long) — quoted\"")
      case 2: lines.append("    p_\(index): [\(word), '\(long)', {k: \(word)}]\r")
      default: lines.append("    p_\(index): |\n      \(long)\n      \(word)\n")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }()

  @Test func everyNodeRangeMatchesTheExactPositionOfItsOffset() throws {
    let file = SourceFile(path: "big.yaml", text: Self.document)
    let result = YAMLLoader.load(file)
    #expect(result.diagnostics.isEmpty)
    var pending = [try #require(result.root)]
    var checked = 0
    while let node = pending.popLast() {
      for position in [node.range.start, node.range.end] {
        #expect(file.position(ofOffset: position.offset) == position)
      }
      #expect(node.range.start.offset <= node.range.end.offset)
      switch node.content {
      case .scalar(let text, let style):
        if style == .plain, !text.isEmpty {
          // A plain single-line scalar is exactly its source text.
          let source = file.bytes[node.range.start.offset..<node.range.end.offset]
          #expect(String(decoding: source, as: UTF8.self) == text)
        }
      case .sequence(let elements):
        pending += elements
      case .mapping(let entries):
        for entry in entries { pending += [entry.key, entry.value] }
      }
      checked += 1
    }
    #expect(checked > 900)
  }

  @Test func positionsStayExactAlongOneVeryLongLine() throws {
    // 20,000 non-ASCII items on one line: columns run into the hundreds of thousands, and a
    // lookup must not scan from the start of the line.
    let items = (0..<20_000).map { "\"ü\($0)😀\"" }
    let text = "list: [" + items.joined(separator: ", ") + "]\n"
    let file = SourceFile(path: "long.yaml", text: text)
    let result = YAMLLoader.load(file)
    #expect(result.diagnostics.isEmpty)
    let elements = try #require(result.root?["list"]?.sequenceElements)
    #expect(elements.count == 20_000)
    for index in [0, 1, 63, 64, 65, 9_999, 19_999] {
      let range = elements[index].range
      #expect(file.position(ofOffset: range.start.offset) == range.start)
      #expect(file.position(ofOffset: range.end.offset) == range.end)
      #expect(file.bytes[range.start.offset] == UInt8(ascii: "\""))
      #expect(elements[index].scalar == "ü\(index)😀")
    }
  }

  @Test func blockScalarEndsWithItsLastLine() throws {
    let source = MarkedSource(
      """
      a: 1️⃣|
        one
        two2️⃣


      # comment
      b: 3️⃣>-
        folded
        text4️⃣
      c: 1

      """)
    let result = YAMLLoader.load(source.file())
    #expect(result.diagnostics.isEmpty)
    let root = try #require(result.root)
    #expect(root["a"]?.range == source.range("1️⃣", "2️⃣"))
    #expect(root["b"]?.range == source.range("3️⃣", "4️⃣"))
    #expect(root["b"]?.scalar == "folded text")
  }

  @Test func blockCollectionEndingInABlockScalarEndsThere() throws {
    let source = MarkedSource("outer:\n  1️⃣inner: |\n    text2️⃣\n\nnext: 1\n")
    let root = try #require(YAMLLoader.load(source.file()).root)
    #expect(root["outer"]?.range == source.range("1️⃣", "2️⃣"))
  }
}
