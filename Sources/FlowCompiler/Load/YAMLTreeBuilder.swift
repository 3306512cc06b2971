internal import CLibYAML

/// Builds the located node tree from libyaml's events, with an explicit stack of open
/// collections (no recursion), checking the loader's limits as events arrive.
struct YAMLTreeBuilder {
  /// A sequence or mapping whose end event has not arrived yet.
  private struct OpenCollection {
    var isMapping: Bool
    /// Flow style (`[…]`, `{…}`) ends at its closing bracket; block style at its last child.
    var isFlow: Bool
    var start: SourcePosition
    var startIndex: Int
    var anchor: String?
    var tag: String?
    /// Where the collection's children start in the builder's `elements` (a sequence) or
    /// `entries` (a mapping): they are the rest of that array.
    var childrenStart: Int
    /// A mapping's key whose value has not arrived yet.
    var pendingKey: YAMLNode?
    /// Whether the pending key repeats an earlier key, so that its value is dropped.
    var pendingKeyIsDuplicate = false
    /// The range of the first occurrence of every scalar key of a large mapping (small ones
    /// search their entries, which is faster than hashing).
    var keyRanges: [String: SourceRange]?
    /// The end of the last child, which is where a block collection ends.
    var lastChildEnd: SourcePosition?
    /// This node plus all its descendants, copies made by aliases included.
    var nodeCount = 1
    /// The levels of collections from this one down to its deepest, copies included.
    var height = 1
  }

  /// A completed anchored node, ready to be copied by aliases.
  private struct Anchored {
    var node: YAMLNode
    var nodeCount: Int
    /// The levels of collections in the node (0 for a scalar).
    var height: Int
  }

  private let bytes: [UInt8]
  private var table: SourcePositionTable
  private let limits: YAMLLoader.Limits

  private var stack: [OpenCollection] = []
  /// The elements of the open sequences, outermost first: each open sequence's elements follow
  /// those of the sequence it is in. Gathered here and copied into an array of their own size
  /// when the sequence ends, rather than grown by doubling in every collection.
  private var elements: [YAMLNode] = []
  /// The entries of the open mappings, like `elements`.
  private var entries: [YAMLMappingEntry] = []
  private var anchors: [String: Anchored] = [:]
  private var documentCount = 0
  private var documentRoot: YAMLNode?
  private var aliasExpansion = 0
  /// How many duplicate keys and unknown aliases were found.
  private var repeatableReports = 0
  /// The most duplicate-key and unknown-alias diagnostics one file gets.
  static let maxRepeatableReports = 100
  /// Whether the tree is incomplete because loading stopped at an error.
  private var stoppedEarly = false

  /// The diagnostics found so far.
  private(set) var diagnostics: [Diagnostic] = []

  /// The root of the first document, or `nil` when there was none or loading stopped early.
  var result: YAMLNode? { stoppedEarly ? nil : documentRoot }

  init(bytes: [UInt8], table: SourcePositionTable, limits: YAMLLoader.Limits) {
    self.bytes = bytes
    self.table = table
    self.limits = limits
  }

  /// Parses the bytes from `textStart` (past any byte order mark; at least one byte remains).
  mutating func run(textStart: Int) {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) == 1 else {
      diagnostics.append(DiagnosticCatalogue.yamlSyntax("out of memory", at: nil))
      stoppedEarly = true
      return
    }
    defer { yaml_parser_delete(parser) }
    let input = bytes
    input.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      yaml_parser_set_input_string(parser, base + textStart, buffer.count - textStart)
      var event = yaml_event_t()
      while true {
        guard yaml_parser_parse(parser, &event) == 1 else {
          if isSecondDocumentWithoutMarker(parser.pointee) {
            // `...` then more content: libyaml wants a `---`, but the real problem is that
            // a second document follows a complete first one, which stays usable.
            let start = Int(parser.pointee.problem_mark.index)
            diagnostics.append(
              DiagnosticCatalogue.multipleDocuments(at: table.range(ofCharacterAt: start)))
            return
          }
          reportParserError(parser.pointee, textStart: textStart)
          stoppedEarly = true
          return
        }
        let keepGoing = handle(event)
        let isEnd = event.type == YAML_STREAM_END_EVENT
        yaml_event_delete(&event)
        if !keepGoing || isEnd { return }
      }
    }
  }

  /// Handles one event; `false` stops parsing.
  private mutating func handle(_ event: yaml_event_t) -> Bool {
    let startIndex = Int(event.start_mark.index)
    let endIndex = Int(event.end_mark.index)
    switch event.type {
    case YAML_DOCUMENT_START_EVENT:
      documentCount += 1
      if documentCount > 1 {
        diagnostics.append(
          DiagnosticCatalogue.multipleDocuments(at: table.range(from: startIndex, to: endIndex)))
        return false
      }
      return true

    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      let text =
        scalar.value.map {
          String(decoding: UnsafeBufferPointer(start: $0, count: Int(scalar.length)), as: UTF8.self)
        } ?? ""
      let style = Self.style(of: scalar.style)
      var range = table.range(from: startIndex, to: endIndex)
      if style == .literal || style == .folded {
        range.end = endOfBlockScalar(range)
      }
      let tag = Self.tagName(scalar.tag)
      if let tag { reportRepeatable { DiagnosticCatalogue.yamlTag(tag, at: range) } }
      let node = YAMLNode(content: .scalar(text, style), range: range, tag: tag)
      register(anchor: Self.string(scalar.anchor), node: node, nodeCount: 1, height: 0)
      attach(node, nodeCount: 1, height: 0)
      return true

    case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
      let isMapping = event.type == YAML_MAPPING_START_EVENT
      let range = table.range(from: startIndex, to: endIndex)
      guard stack.count < limits.maxDepth else {
        diagnostics.append(DiagnosticCatalogue.nestingTooDeep(limit: limits.maxDepth, at: range))
        stoppedEarly = true
        return false
      }
      let anchor: String?
      let tag: String?
      let isFlow: Bool
      if isMapping {
        let start = event.data.mapping_start
        anchor = Self.string(start.anchor)
        tag = Self.tagName(start.tag)
        isFlow = start.style == YAML_FLOW_MAPPING_STYLE
      } else {
        let start = event.data.sequence_start
        anchor = Self.string(start.anchor)
        tag = Self.tagName(start.tag)
        isFlow = start.style == YAML_FLOW_SEQUENCE_STYLE
      }
      if let tag { reportRepeatable { DiagnosticCatalogue.yamlTag(tag, at: range) } }
      stack.append(
        OpenCollection(
          isMapping: isMapping, isFlow: isFlow, start: range.start, startIndex: startIndex,
          anchor: anchor, tag: tag, childrenStart: isMapping ? entries.count : elements.count))
      return true

    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      guard let open = stack.popLast() else { return true }
      let end: SourcePosition
      if !open.isFlow, let lastChildEnd = open.lastChildEnd {
        // libyaml ends a block collection where the next token starts, which may be lines
        // later; the collection really ends with its last child.
        end = lastChildEnd
      } else {
        end = table.position(ofCharacterIndex: endIndex)
      }
      let content: YAMLNode.Content =
        open.isMapping
        ? .mapping(Self.takeLast(entries.count - open.childrenStart, of: &entries))
        : .sequence(Self.takeLast(elements.count - open.childrenStart, of: &elements))
      let node = YAMLNode(
        content: content, range: SourceRange(start: open.start, end: end), tag: open.tag)
      register(anchor: open.anchor, node: node, nodeCount: open.nodeCount, height: open.height)
      attach(node, nodeCount: open.nodeCount, height: open.height)
      return true

    case YAML_ALIAS_EVENT:
      let name = Self.string(event.data.alias.anchor) ?? ""
      let range = table.range(from: startIndex, to: endIndex)
      guard let anchored = anchors[name] else {
        if let open = stack.first(where: { $0.anchor == name }) {
          let anchorRange = table.range(ofCharacterAt: open.startIndex)
          reportRepeatable {
            DiagnosticCatalogue.recursiveAlias(name, at: range, anchorAt: anchorRange)
          }
        } else {
          // Suggestions sort and compare every anchor name: skip them when a (hostile) file
          // has so many anchors that a hundred searches would take seconds.
          let known = anchors.count <= 1_000 ? anchors : [:]
          reportRepeatable {
            let suggestion = Suggestions.closest(to: name, among: known.keys)
            return DiagnosticCatalogue.unknownAlias(name, suggestion: suggestion, at: range)
          }
        }
        attach(YAMLNode(content: .scalar("", .plain), range: range), nodeCount: 1, height: 0)
        return true
      }
      aliasExpansion = Self.saturatingSum(aliasExpansion, anchored.nodeCount)
      guard aliasExpansion <= limits.maxAliasExpansion else {
        diagnostics.append(
          DiagnosticCatalogue.aliasExpansionLimit(
            alias: name, limit: limits.maxAliasExpansion, at: range))
        stoppedEarly = true
        return false
      }
      // A copy of a deep node inside another deep node nests deeper than the file shows;
      // chained, such copies could nest without bound and overflow the stack of any recursive
      // walk (or of the tree's own deallocation).
      guard stack.count + anchored.height <= limits.maxDepth else {
        diagnostics.append(DiagnosticCatalogue.nestingTooDeep(limit: limits.maxDepth, at: range))
        stoppedEarly = true
        return false
      }
      // The copy shares its storage with the anchored node; only its own range changes, so
      // that problems with the value point at the alias that put it there.
      var copy = anchored.node
      copy.range = range
      attach(copy, nodeCount: anchored.nodeCount, height: anchored.height)
      return true

    default:
      // Stream start and end, document end: nothing to build.
      return true
    }
  }

  /// Adds a completed node to the open collection, or makes it the document's root.
  ///
  /// Inlined into `handle`, which calls it for every node (the call passed the large node
  /// through memory): 7 M instructions less on a 1 MB flow.
  @inline(__always)
  private mutating func attach(_ node: consuming YAMLNode, nodeCount: Int, height: Int) {
    guard !stack.isEmpty else {
      documentRoot = node
      return
    }
    let top = stack.count - 1
    stack[top].nodeCount = Self.saturatingSum(stack[top].nodeCount, nodeCount)
    stack[top].height = max(stack[top].height, height + 1)
    stack[top].lastChildEnd = node.range.end
    guard stack[top].isMapping else {
      elements.append(node)
      return
    }
    if let key = stack[top].pendingKey.take() {
      if !stack[top].pendingKeyIsDuplicate {
        entries.append(YAMLMappingEntry(key: key, value: node))
      }
      return
    }
    var isDuplicate = false
    if case .scalar(let text, _) = node.content {
      let range = node.range
      if let first = firstRange(ofKey: text, inMappingAt: top) {
        reportRepeatable { DiagnosticCatalogue.duplicateKey(text, at: range, firstAt: first) }
        isDuplicate = true
      } else {
        stack[top].keyRanges?[text] = range
      }
    }
    // Moved, not copied: without `consume` the optimizer copied every key (a retain and a
    // release per key).
    stack[top].pendingKey = consume node
    stack[top].pendingKeyIsDuplicate = isDuplicate
  }

  /// The end of a literal or folded scalar's last line: libyaml ends it after the trailing
  /// line breaks and blank lines, at the start of whatever follows.
  private mutating func endOfBlockScalar(_ range: SourceRange) -> SourcePosition {
    var offset = range.end.offset
    while offset > range.start.offset, offset <= bytes.count {
      switch bytes[offset - 1] {
      case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t"):
        offset -= 1
        continue
      default:
        break
      }
      break
    }
    return offset == range.end.offset ? range.end : table.position(ofOffset: offset)
  }

  /// The range of an earlier scalar key `text` of the open mapping `stack[position]` (the
  /// innermost one, whose entries end `entries`). Small mappings search their entries; past
  /// `indexThreshold` entries the mapping gets an index of its keys.
  private mutating func firstRange(ofKey text: String, inMappingAt position: Int)
    -> SourceRange?
  {
    let indexThreshold = 16
    let mappingEntries = stack[position].childrenStart..<entries.count
    if stack[position].keyRanges == nil, mappingEntries.count >= indexThreshold {
      var index: [String: SourceRange] = [:]
      for entry in mappingEntries {
        let key = entries[entry].key
        if case .scalar(let text, _) = key.content, index[text] == nil { index[text] = key.range }
      }
      stack[position].keyRanges = index
    }
    if let index = stack[position].keyRanges { return index[text] }
    for entry in mappingEntries {
      if case .scalar(let key, _) = entries[entry].key.content, key == text {
        return entries[entry].key.range
      }
    }
    return nil
  }

  /// Moves the last `count` elements of `array` into an array of their own size, in order.
  private static func takeLast<Element>(_ count: Int, of array: inout [Element]) -> [Element] {
    [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
      for position in buffer.indices.reversed() {
        (buffer.baseAddress! + position).initialize(to: array.removeLast())
      }
      initialized = count
    }
  }

  /// Reports a problem that loading survives (a duplicate key, an unknown alias, a tag), up to
  /// `maxRepeatableReports`: a file made of millions of them must not turn into millions of
  /// diagnostics (and "did you mean" searches). The last one reported says that more follow.
  private mutating func reportRepeatable(_ diagnostic: () -> Diagnostic) {
    repeatableReports += 1
    if repeatableReports < Self.maxRepeatableReports {
      diagnostics.append(diagnostic())
    } else if repeatableReports == Self.maxRepeatableReports {
      diagnostics.append(diagnostic().withMoreProblemsNotReported(after: Self.maxRepeatableReports))
    }
  }

  /// Remembers an anchored node for later aliases (a later anchor of the same name wins).
  private mutating func register(anchor: String?, node: YAMLNode, nodeCount: Int, height: Int) {
    guard let anchor else { return }
    anchors[anchor] = Anchored(node: node, nodeCount: nodeCount, height: height)
  }

  /// Whether libyaml stopped because content follows the `...` end of a complete document.
  private func isSecondDocumentWithoutMarker(_ parser: yaml_parser_t) -> Bool {
    guard parser.error == YAML_PARSER_ERROR, documentRoot != nil, stack.isEmpty,
      let problem = parser.problem
    else { return false }
    return String(cString: problem) == "did not find expected <document start>"
  }

  /// Turns libyaml's error into a located diagnostic.
  private mutating func reportParserError(_ parser: yaml_parser_t, textStart: Int) {
    let problem = parser.problem.map { String(cString: $0) } ?? "the YAML parser failed"
    let range: SourceRange?
    let problemOffset: Int
    switch parser.error {
    case YAML_READER_ERROR:
      // Reader errors carry a byte offset into the text instead of a mark.
      problemOffset = textStart + Int(parser.problem_offset)
      let start = table.position(ofOffset: problemOffset)
      range = SourceRange(start: start, end: table.position(ofOffset: problemOffset + 1))
    case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
      let characterRange = table.range(ofCharacterAt: Int(parser.problem_mark.index))
      range = characterRange
      problemOffset = characterRange.start.offset
    default:
      range = nil
      problemOffset = -1
    }
    var diagnostic = DiagnosticCatalogue.yamlSyntax(problem, at: range)
    var misindented: YAMLIndentation.Finding?
    if parser.error == YAML_SCANNER_ERROR || parser.error == YAML_PARSER_ERROR, problemOffset >= 0 {
      misindented = YAMLIndentation.misindentedLine(
        in: bytes, from: textStart, before: problemOffset)
    }
    if problemOffset >= 0, let tabOffset = tabInIndentation(near: problemOffset, problem: problem) {
      // The tab is the whole story; libyaml's context (often "the plain scalar" on the line
      // before) would only distract from it.
      diagnostic = diagnostic.withTabIndentationNote(
        at: SourceRange(
          start: table.position(ofOffset: tabOffset),
          end: table.position(ofOffset: tabOffset + 1)))
    } else if parser.error == YAML_SCANNER_ERROR || parser.error == YAML_PARSER_ERROR,
      let context = parser.context.map({ String(cString: $0) }),
      parser.context_mark.index != parser.problem_mark.index,
      let construct = Self.construct(ofContext: context)
    {
      diagnostic = diagnostic.withSyntaxContext(
        construct, at: table.range(ofCharacterAt: Int(parser.context_mark.index)))
    }
    if let misindented {
      // The indentation explains the error; a quoting hint would send the author elsewhere.
      diagnostic = diagnostic.withIndentationNote(
        deeper: misindented.deeper, indent: misindented.indent,
        siblingIndent: misindented.siblingIndent,
        siblingLine: table.position(ofOffset: misindented.siblingOffset).line,
        at: table.range(from: misindented.offset, toOffset: misindented.offset + 1))
    } else if problemOffset >= 0, let hint = quotingHint(problem: problem, offset: problemOffset) {
      diagnostic = hint(diagnostic)
    }
    diagnostics.append(diagnostic)
  }

  /// A hint for the syntax errors that unquoted text causes most: a `: ` inside a plain value,
  /// a value starting with a character YAML reserves (`@`, `` ` ``), and a `{placeholder}`
  /// inside `[…]` or `{…}`.
  private func quotingHint(problem: String, offset: Int) -> ((Diagnostic) -> Diagnostic)? {
    switch problem {
    case "mapping values are not allowed in this context":
      return { $0.withColonInValueHint() }
    case "found character that cannot start any token":
      guard offset < bytes.count else { return nil }
      let byte = bytes[offset]
      guard byte == UInt8(ascii: "@") || byte == UInt8(ascii: "`") else { return nil }
      let character = String(UnicodeScalar(byte))
      return { $0.withReservedCharacterHint(character) }
    case "did not find expected ',' or ']'", "did not find expected ',' or '}'":
      // `[buy {product}]`: in a flow collection a `{` or `[` inside unquoted text opens a
      // nested collection. Placeholders make this the usual way sample lists break.
      guard offset < bytes.count,
        bytes[offset] == UInt8(ascii: "{") || bytes[offset] == UInt8(ascii: "[")
      else { return nil }
      return { $0.withBracketInFlowValueHint() }
    default:
      return nil
    }
  }

  /// The offset of the tab that most likely caused a syntax error at `offset`: the character
  /// at the error, or a tab in the leading whitespace of the error's line or of the line
  /// before (libyaml sometimes notices a bad indentation only at the next token). `nil` when
  /// no tab is involved.
  private func tabInIndentation(near offset: Int, problem: String) -> Int? {
    if offset < bytes.count, bytes[offset] == UInt8(ascii: "\t") { return offset }
    var lineStart = min(offset, bytes.count)
    while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
    if let tab = leadingTab(fromLineStart: lineStart) { return tab }
    if problem.contains("tab"), lineStart > 0 {
      var previousStart = lineStart - 1
      while previousStart > 0, bytes[previousStart - 1] != UInt8(ascii: "\n") {
        previousStart -= 1
      }
      return leadingTab(fromLineStart: previousStart)
    }
    return nil
  }

  /// The offset of the first tab in the leading whitespace of the line starting at `start`.
  private func leadingTab(fromLineStart start: Int) -> Int? {
    var index = start
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\t"): return index
      case UInt8(ascii: " "): index += 1
      default: return nil
      }
    }
    return nil
  }

  /// `the block mapping` from libyaml's `while parsing a block mapping`; `nil` for contexts
  /// that name no construct (`while scanning for the next token`).
  private static func construct(ofContext context: String) -> String? {
    for prefix in ["while parsing ", "while scanning "] where context.hasPrefix(prefix) {
      let rest = context.dropFirst(prefix.count)
      for article in ["a ", "an "] where rest.hasPrefix(article) {
        return "the " + rest.dropFirst(article.count)
      }
      return nil
    }
    return nil
  }

  private static func style(of style: yaml_scalar_style_t) -> YAMLScalarStyle {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: .literal
    case YAML_FOLDED_SCALAR_STYLE: .folded
    default: .plain
    }
  }

  /// A tag as written: libyaml resolves `!!str` to `tag:yaml.org,2002:str`; this turns it back.
  private static func tagName(_ tag: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let full = string(tag) else { return nil }
    let standardPrefix = "tag:yaml.org,2002:"
    if full.hasPrefix(standardPrefix) { return "!!" + full.dropFirst(standardPrefix.count) }
    return full
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
  }

  private static func saturatingSum(_ lhs: Int, _ rhs: Int) -> Int {
    let (sum, overflow) = lhs.addingReportingOverflow(rhs)
    return overflow ? Int.max : sum
  }
}
