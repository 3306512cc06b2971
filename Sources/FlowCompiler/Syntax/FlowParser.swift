/// Reads the located YAML tree of a flow file into a ``FlowSyntax``, with strict keys.
///
/// The parser reports unknown keys (with "did you mean"), missing keys, values of the wrong
/// type, malformed ids and an unsupported `flowc` version, and keeps going: a malformed entry
/// is left out (its key stays known, so references to it do not also fail) and the section's
/// `…Complete` flag tells later checks to stay quiet about what they cannot see.
struct FlowParser {
  /// The problems found so far.
  var diagnostics: [Diagnostic] = []

  /// Parses a document. `root` is `nil` for an empty file.
  ///
  /// The parser takes the tree over: each section's nodes are freed as soon as the section is
  /// parsed, so that the syntax of the later sections reuses their memory.
  static func parse(_ root: consuming YAMLNode?, file: SourceFile) -> (FlowSyntax, [Diagnostic]) {
    var parser = FlowParser()
    let syntax = parser.parseDocument(root, file: file)
    return (syntax, parser.diagnostics)
  }

  // MARK: - Sections

  mutating func parseDocument(_ root: consuming YAMLNode?, file: SourceFile) -> FlowSyntax {
    let startOfFile = SourcePosition(line: 1, column: 1, offset: 0)
    let documentRange =
      root?.range ?? SourceRange(start: startOfFile, end: file.position(ofOffset: 0))
    var syntax = FlowSyntax(documentRange: documentRange)
    guard let node = root.take() else {
      for key in FlowKeys.document.required {
        diagnostics.append(DiagnosticCatalogue.missingKey(key, in: nil, at: documentRange))
      }
      syntax.productsComplete = false
      syntax.intentsComplete = false
      syntax.promptsComplete = false
      return syntax
    }
    guard
      var entries = readMapping(
        consume node, context: nil, keys: FlowKeys.document, anchor: documentRange,
        what: "the flow file")
    else {
      syntax.productsComplete = false
      syntax.intentsComplete = false
      syntax.promptsComplete = false
      return syntax
    }
    // Each section is taken out of the entries and dropped once parsed.
    if let entry = entries.take("flowc") { syntax.version = parseVersion(entry.value) }
    if let entry = entries.take("skill") { syntax.skill = parseSkill(entry) }
    if let entry = entries.take("merchant") {
      syntax.hasMerchantKey = true
      syntax.merchant = parseMerchant(entry)
    }
    if let entry = entries.take("products") {
      (syntax.products, syntax.productsComplete) = parseProducts(
        consume entry, currency: syntax.priceCurrency)
    }
    if let entry = entries.take("intents") {
      (syntax.intents, syntax.intentsComplete) = parseIntents(consume entry)
    }
    if let entry = entries.take("prompts") {
      (syntax.prompts, syntax.promptsComplete) = parsePrompts(consume entry)
    } else {
      syntax.promptsComplete = false
    }
    if let entry = entries.take("flow") {
      syntax.flow = parseFlow(consume entry, currency: syntax.merchantCurrency)
    }
    return syntax
  }

  mutating func parseVersion(_ node: YAMLNode) -> Located<Int>? {
    guard let text = node.scalar else {
      diagnostics.append(
        DiagnosticCatalogue.wrongType(
          "flowc", expected: "the number 1", found: Self.describe(node), at: node.range))
      return nil
    }
    guard text == "1" else {
      diagnostics.append(DiagnosticCatalogue.unsupportedVersion(text, at: node.range))
      return nil
    }
    return Located(1, at: node.range)
  }

  // MARK: - Reading nodes

  /// Reads a mapping with the keys of one of the ``FlowKeys`` tables through the shared
  /// ``StrictKeys`` reader: unknown keys and missing required keys are reported. Returns the
  /// known entries by key.
  mutating func readMapping(
    _ node: YAMLNode, context: String?, keys: SectionKeys,
    anchor: SourceRange, what: String? = nil
  ) -> StrictKeys.Fields? {
    guard let entries = mapping(node, what: what ?? context ?? "the flow file") else {
      return nil
    }
    let table = StrictKeys(allowed: keys.allowed, required: keys.required)
    // Most mappings have nothing to report: they skip making the wording's closures.
    if let fields = table.fieldsWithoutProblems(entries) { return fields }
    let wording = StrictKeys.Wording(
      nonTextKey: { key in
        DiagnosticCatalogue.wrongType(
          "key", expected: "text", found: Self.describe(key), at: key.range)
      },
      unknownKey: { key, known, range in
        DiagnosticCatalogue.unknownKey(key, in: context ?? "the flow file", known: known, at: range)
      },
      missingKey: { key in DiagnosticCatalogue.missingKey(key, in: context, at: anchor) })
    return table.read(entries, wording: wording, into: &diagnostics)
  }

  mutating func mapping(_ node: YAMLNode, what: String) -> [YAMLMappingEntry]? {
    shaped(node.mappingEntries, of: node, what: what, expected: "a mapping")
  }

  /// The entries of the mapping that `entry` holds, handed out one at a time, or `nil` (and
  /// reported) when the value is not a mapping. The parser owns the entry, so each of the
  /// mapping's entries is freed as soon as the caller is done with it, unless an alias shares
  /// the mapping.
  mutating func drainingMapping(_ entry: consuming YAMLMappingEntry, what: String)
    -> DrainingEntries?
  {
    let node = entry.value
    _ = consume entry
    guard let entries = mapping(node, what: what) else { return nil }
    _ = consume node
    return DrainingEntries(entries)
  }

  mutating func list(_ node: YAMLNode, what: String) -> [YAMLNode]? {
    shaped(node.sequenceElements, of: node, what: what, expected: "a list")
  }

  /// The texts of a list; each element that is not text is reported and left out. `nil` (and
  /// reported) when `node` is not a list.
  mutating func texts(_ node: YAMLNode, what: String) -> [Located<String>]? {
    guard let elements = list(node, what: what) else { return nil }
    var values: [Located<String>] = []
    values.reserveCapacity(elements.count)
    for element in elements {
      if let value = text(element, what: what) { values.append(value) }
    }
    return values
  }

  /// Returns `value`, or reports that `node` is not `expected` and returns nil.
  mutating func shaped<Value>(
    _ value: Value?, of node: YAMLNode, what: String, expected: String
  ) -> Value? {
    if let value { return value }
    diagnostics.append(
      DiagnosticCatalogue.wrongType(
        what, expected: expected, found: Self.describe(node), at: node.range))
    return nil
  }

  mutating func text(_ node: YAMLNode, what: String) -> Located<String>? {
    textScalar(node, what: what).map { Located($0.text, at: $0.range) }
  }

  /// The text of `key` made into a value by `convert`; `nil` after an `invalid-value` that
  /// names what is `expected` when `convert` refuses it.
  mutating func converted<Value>(
    _ value: Located<String>, for key: String, expected: String,
    _ convert: (String) -> Value?
  ) -> Located<Value>? {
    if let converted = convert(value.value) { return Located(converted, at: value.range) }
    diagnostics.append(
      DiagnosticCatalogue.invalidValue(value.value, for: key, expected: expected, at: value.range))
    return nil
  }

  mutating func textScalar(_ node: YAMLNode, what: String) -> TextScalar? {
    guard case .scalar(let text, let style) = node.content, !Self.isNull(node) else {
      diagnostics.append(
        DiagnosticCatalogue.wrongType(
          what, expected: "text", found: Self.describe(node), at: node.range))
      return nil
    }
    return TextScalar(text: text, style: style, range: node.range)
  }

  mutating func bool(_ node: YAMLNode, what: String) -> Located<Bool>? {
    if node.tag == nil || node.tag == "!!bool",
      case .scalar(let text, .plain) = node.content
    {
      if ["true", "True", "TRUE"].contains(text) { return Located(true, at: node.range) }
      if ["false", "False", "FALSE"].contains(text) { return Located(false, at: node.range) }
    }
    diagnostics.append(
      DiagnosticCatalogue.wrongType(
        what, expected: "true or false", found: Self.describe(node), at: node.range))
    return nil
  }

  /// A map key that names something: reports keys that are not scalars, and ids that break
  /// `rule` (when given).
  mutating func key(_ node: YAMLNode, kind: String, rule: String?) -> Located<String>? {
    guard let text = node.scalar, !Self.isNull(node) else {
      diagnostics.append(
        DiagnosticCatalogue.wrongType(
          kind, expected: "text", found: Self.describe(node), at: node.range))
      return nil
    }
    if let rule, rule == Self.idRule, !Self.isId(text) {
      diagnostics.append(DiagnosticCatalogue.invalidId(kind, text, rule: rule, at: node.range))
      return nil
    }
    return Located(text, at: node.range)
  }

  /// A value given once or per locale (a mapping whose keys are locales).
  mutating func localized<Value: Sendable>(
    _ node: YAMLNode, what: String,
    read: (inout FlowParser, YAMLNode) -> Located<Value>?
  ) -> LocalizedSyntax<Value>? {
    if let entries = node.mappingEntries {
      var values: [KeyedSyntax<Located<Value>>] = []
      for entry in entries {
        guard let locale = key(entry.key, kind: "locale", rule: nil) else { continue }
        values.append(KeyedSyntax(key: locale, value: read(&self, entry.value)))
      }
      return .perLocale(values)
    }
    return read(&self, node).map { .shared($0) }
  }

  // MARK: - Names

  static let idRule =
    "ids match '[a-z][a-z0-9_]*': a lowercase letter, then lowercase letters, digits or '_'"
  static let intentRule =
    "intent names match '[A-Za-z_]+'; built-in intents are written 'AMAZON.Name'"

  /// Whether the text is an id: `[a-z][a-z0-9_]*`.
  static func isId(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else {
      return false
    }
    return text.unicodeScalars.allSatisfy {
      $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0)
    }
  }

  /// Whether the text is an intent name: `[A-Za-z_]+` or `AMAZON.[A-Za-z_]+`.
  static func isIntentName(_ text: String) -> Bool {
    let name = text.hasPrefix("AMAZON.") ? String(text.dropFirst("AMAZON.".count)) : text
    return !name.isEmpty
      && name.unicodeScalars.allSatisfy {
        $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0)
      }
  }

  /// Whether the text is an invocation name: lowercase words separated by single spaces.
  static func isInvocationName(_ text: String) -> Bool {
    let words = text.split(separator: " ", omittingEmptySubsequences: false)
    return !words.isEmpty
      && words.allSatisfy { word in
        !word.isEmpty && word.unicodeScalars.allSatisfy { $0.properties.isLowercase }
      }
  }

  static func isNull(_ node: YAMLNode) -> Bool {
    guard case .scalar(let text, .plain) = node.content else { return false }
    return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
  }

  static func isEmpty(_ node: YAMLNode) -> Bool {
    if isNull(node) { return true }
    if let entries = node.mappingEntries { return entries.isEmpty }
    return false
  }

  /// How a node is described in messages.
  static func describe(_ node: YAMLNode) -> String {
    switch node.content {
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .scalar: isNull(node) ? "empty" : "text"
    }
  }
}

/// The entries of a mapping in file order, each given up by the iterator as it is handed out.
struct DrainingEntries: IteratorProtocol {
  /// The entries not handed out yet, last first.
  private var remaining: [YAMLMappingEntry]

  /// Takes the entries over; when nothing else holds them, each is freed once its caller drops
  /// it.
  init(_ entries: consuming [YAMLMappingEntry]) {
    remaining = entries
    remaining.reverse()
  }

  mutating func next() -> YAMLMappingEntry? {
    remaining.popLast()
  }

  /// How many entries are still to come: the size of the array their syntax will fill.
  var remainingCount: Int { remaining.count }
}
