import Testing

@testable import FlowCompiler

/// The positions of the placeholders of a prompt and the terms of a condition cost one walk
/// over the scalar, not one walk per position (counted in bytes walked, not timed), and the
/// paths named by diagnostics share one search per set of variables.
@Suite struct IncrementalPositionTests {
  /// The prompt scalar of a one-prompt flow and its parsed template.
  static func promptScalar(_ prompt: String) throws -> (TextScalar, ParsedTemplate, SourceFile) {
    let file = SourceFile(path: "p.yaml", text: PlaceholderPositionTests.flow(prompt: prompt))
    let loaded = YAMLLoader.load(file)
    let (syntax, _) = FlowParser.parse(loaded.root, file: file)
    let parsed = try #require(syntax.prompts.first?.value?.first?.value)
    return (parsed.scalar, parsed.value, file)
  }

  @Test(arguments: [
    "plain", "'single-quoted ''x'''", #""double-quoted \t \u00e9 \"q\"""#,
  ])
  func onePassForEveryPlaceholderOfAPrompt(style: String) throws {
    // 5,000 placeholders: one walk is about the prompt's length; a walk per placeholder
    // (as before) would be about 5,000 × half of it.
    let prefix = style == "plain" ? "" : String(style.prefix(1))
    let body = style == "plain" ? "Hi" : String(style.dropFirst().dropLast())
    let placeholders = Array(repeating: "{quantity} é", count: 5_000).joined(separator: " ")
    let prompt = prefix + body + " " + placeholders + prefix
    let (scalar, template, file) = try Self.promptScalar(prompt)
    #expect(template.placeholders.count == 5_000)
    var positions = TextScalarPositions(scalar, in: file)
    for (number, placeholder) in template.placeholders.enumerated() {
      let range = positions.sourceRange(ofUTF8: placeholder.range.utf8)
      // The same range as the one-off lookup gives (checked for some: each walks from the start).
      if number % 250 == 0 {
        #expect(range == scalar.sourceRange(ofUTF8: placeholder.range.utf8, in: file))
      }
    }
    #expect(positions.steps <= 2 * prompt.utf8.count, "walked \(positions.steps) bytes")
  }

  @Test(arguments: ["plain", #""double-quoted \t \u00e9""#])
  func nestedRangesCostOneWalk(style: String) throws {
    // 3,000 ranges that nest (each a placeholder and the text from the start to it), asked
    // for out of order: one walk, and the ranges each one-off lookup gives.
    let prefix = style == "plain" ? "" : "\""
    let body = style == "plain" ? "Hi" : String(style.dropFirst().dropLast())
    let placeholders = Array(repeating: "{quantity} é", count: 1_500).joined(separator: " ")
    let prompt = prefix + body + " " + placeholders + prefix
    let (scalar, template, file) = try Self.promptScalar(prompt)
    let parts = template.placeholders.reversed().flatMap { placeholder in
      [placeholder.range.utf8, 0..<placeholder.range.utf8.upperBound]
    }
    var positions = TextScalarPositions(scalar, in: file)
    let ranges = positions.sourceRanges(ofUTF8: parts)
    #expect(positions.steps <= prompt.utf8.count, "walked \(positions.steps) bytes")
    for number in stride(from: 0, to: parts.count, by: 97) {
      #expect(ranges[number] == scalar.sourceRange(ofUTF8: parts[number], in: file))
    }
  }

  @Test func placeholderRangesPointAtThePlaceholders() throws {
    let (scalar, template, file) = try Self.promptScalar(#""a\tb {quantity} ü {order.total}""#)
    var positions = TextScalarPositions(scalar, in: file)
    let text = String(decoding: file.bytes, as: UTF8.self)
    for placeholder in template.placeholders {
      let range = positions.sourceRange(ofUTF8: placeholder.range.utf8)
      let written = String(
        decoding: file.bytes[range.start.offset..<range.end.offset], as: UTF8.self)
      #expect(written == "{\(placeholder.path)}", "\(text)")
    }
  }

  @Test func pathsOfManyDiagnosticsShareOneSearch() {
    // A chain of 2,000 states: 2,000 path questions with the same variable build one tree.
    let count = 2_000
    let bit = VariableSet(bits: 1)
    let graph = StateGraph(
      ids: (0..<count).map { "s\($0)" }, kinds: Array(repeating: .ask, count: count),
      successors: (0..<count).map { index in
        index + 1 < count
          ? [StateGraph.Edge(source: index, target: index + 1, gains: .none, changesTotal: false)]
          : []
      },
      start: 0, initial: .none)
    var trees = StateGraph.PathTrees(graph)
    for goal in 0..<count {
      #expect(trees.path(to: goal, without: bit)?.count == goal + 1)
    }
    #expect(trees.treeCount == 1)
    #expect(trees.path(to: 5, without: bit) == graph.path(to: 5, without: bit))
    // A long route is named by its ends, so that its note costs the same on any route.
    #expect(trees.path(to: 8, without: bit) == StateRoute((0...8).map { "s\($0)" }))
    #expect(
      trees.path(to: 1_000, without: bit)
        == StateRoute(
          head: ["s0", "s1", "s2", "s3"], omitted: 993, tail: ["s997", "s998", "s999", "s1000"]))
  }
}
