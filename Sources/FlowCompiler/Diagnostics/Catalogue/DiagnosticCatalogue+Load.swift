extension DiagnosticCatalogue {
  static let yamlSyntaxDescriptor = DiagnosticDescriptor(
    id: .yamlSyntax,
    severity: .error,
    summary: "the file is not well-formed YAML",
    explanation: """
      The YAML parser (libyaml) could not read the file. The message is the parser's own \
      description of the problem, reported where it noticed it; a note points at the \
      construct it was reading (a block mapping, a quoted scalar, …) when that started \
      elsewhere, and flowc adds a note with the likely cause for the common mistakes below. \
      Nothing after the first syntax error is checked.

      **Indentation.** Keys of one mapping, and the `- ` items of one list, must start in the \
      same column; a nested mapping is indented further than its key. A line indented less \
      than its siblings (but more than its parent) is reported as `did not find expected key`; \
      a line indented more than a sibling that already has a value is reported as `mapping \
      values are not allowed in this context`. flowc adds a note at the line whose \
      indentation is off, naming the sibling it should line up with:

      ```yaml
      skill:
        name: No Nicks
       invocation: no nicks   # indented less than its siblings: 1 space here, 2 spaces on line 2
        locales: [en-US]
          privacy_policy_url: https://example.com   # indented more than its siblings
      ```

      **Tabs.** YAML allows only spaces for indentation; a tab is reported with a note at the \
      tab. Set the editor to insert spaces in `.yaml` files.

      ```yaml
      skill:
      \tname: No Nicks      # a tab, not spaces
      ```

      **An unquoted `: ` in a value.** `welcome: Note: we ship on Mondays` reads as a key \
      inside a value. Quote the value: `welcome: "Note: we ship on Mondays"`.

      **A value that starts with a reserved character.** `@` and `` ` `` cannot start a \
      plain value (and `&`, `*`, `!`, `|`, `>` change what it means): quote it, as in \
      `note: "@home"`.

      **Commas and braces inside a flow mapping or list.** Inside `{…}` and `[…]` a comma \
      separates entries and `{`/`[` open nested ones, so `{ say: Hello, welcome back }` is a \
      mapping with a second key `welcome back`, and `samples: [buy {product}]` does not \
      parse. Quote such text (`{ say: "Hello, welcome back" }`, \
      `samples: ["buy {product}"]`) or use the block form (`- buy {product}` needs no \
      quotes).

      **An unclosed quote or bracket.** libyaml notices it only at the end of the file or \
      of the enclosing construct; the note points at where the quote or bracket started.

      To fix it, indent with spaces and line up siblings, quote such values, and close every \
      quote and bracket. `flowc schema` gives editors the schema that flags most of these as \
      you type.
      """)

  static let duplicateKeyDescriptor = DiagnosticDescriptor(
    id: .duplicateKey,
    severity: .error,
    summary: "a key appears twice in the same mapping",
    explanation: """
      A mapping may hold each key once. YAML libraries differ in which value they keep, so \
      flowc reports every repeated key, with a note at the first one, and uses only the \
      first entry.

      ```yaml
      products:
        starter_kit:
          name: Starter Kit
          name: Starter Pack   # duplicate key 'name'
      ```

      To fix it, delete one of the entries or rename it. Keys are compared by their text, so \
      `name` and `"name"` are the same key. A file reports at most 100 duplicate keys and \
      unknown aliases; the last one reported says so.
      """)

  static let aliasExpansionLimitDescriptor = DiagnosticDescriptor(
    id: .aliasExpansionLimit,
    severity: .error,
    summary: "aliases expand to more nodes than the loader allows",
    explanation: """
      YAML anchors (`&name`) and aliases (`*name`) copy a node. Nested aliases can multiply \
      into billions of nodes from a few lines (the "billion laughs" attack), so flowc counts \
      the nodes that aliases produce and stops at a fixed bound (100,000 by default).

      ```yaml
      a: &a [x, x, x, x, x, x, x, x, x, x]
      b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
      c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
      # … each level multiplies the size by ten
      ```

      A flow file never needs that many copies. To fix it, write the repeated parts out, or \
      reuse them by name in the flow language (prompts and states are referenced by id).
      """)

  static let unknownAliasDescriptor = DiagnosticDescriptor(
    id: .unknownAlias,
    severity: .error,
    summary: "an alias names no anchor defined before it",
    explanation: """
      An alias `*name` copies the node marked with the anchor `&name`. The anchor must come \
      earlier in the file, and it cannot be on a node that contains the alias (that would be \
      an endless node).

      ```yaml
      welcome: *greeting          # unknown alias 'greeting': the anchor comes later
      other: &greeting Hello
      loop: &loop [*loop]         # alias 'loop' refers to a node that contains it
      ```

      To fix it, put the anchored node first, correct the spelling of the name, or write \
      the value out. The value of an unknown alias is read as an empty scalar.
      """)

  static let nestingTooDeepDescriptor = DiagnosticDescriptor(
    id: .nestingTooDeep,
    severity: .error,
    summary: "collections are nested deeper than the loader allows",
    explanation: """
      A flow file nests a handful of levels. Input nested hundreds of levels deep (`[[[[…`) \
      is malformed or hostile, so flowc stops loading at a fixed depth (200 by default) \
      instead of exhausting memory or the stack.

      ```yaml
      flow: [[[[[[[[[[[[[[[[[[[[ … ]]]]]]]]]]]]]]]]]]]]
      ```

      The depth counts what aliases add: a copy of a deeply nested anchored node, placed \
      inside another deep node, nests as deep as both together.

      To fix it, flatten the structure: the flow language never needs deep nesting.
      """)

  static let multipleDocumentsDescriptor = DiagnosticDescriptor(
    id: .multipleDocuments,
    severity: .error,
    summary: "the file holds more than one YAML document",
    explanation: """
      A flow file is exactly one YAML document. A second `---` line starts another \
      document, which flowc does not read; only the first is checked.

      ```yaml
      flowc: 1
      skill: { name: No Nicks }
      ---                       # a second document starts here
      flowc: 1
      ```

      To fix it, split the documents into separate files, or remove the extra `---`. A \
      single `---` before the first document is fine.
      """)

  static let invalidUTF8Descriptor = DiagnosticDescriptor(
    id: .invalidUTF8,
    severity: .error,
    summary: "the file is not UTF-8",
    explanation: """
      Flow files are UTF-8. flowc checks every byte before parsing and reports the first \
      one that does not start a well-formed UTF-8 sequence (Latin-1 text such as a lone \
      `0xE9` for `é` is the usual cause), and refuses files that start with a UTF-16 or \
      UTF-32 byte order mark. A UTF-8 byte order mark is accepted.

      ```
      $ flowc check shop.yaml
      shop.yaml:12:14: error: file is not valid UTF-8: byte 0xE9 here [invalid-utf8]
      ```

      To fix it, save the file as UTF-8 in your editor, or convert it, for example with \
      `iconv -f latin1 -t utf-8 shop.yaml > shop.utf8.yaml`.
      """)

  static let fileTooLargeDescriptor = DiagnosticDescriptor(
    id: .fileTooLarge,
    severity: .error,
    summary: "the file is larger than the loader allows",
    explanation: """
      flowc refuses, without parsing them, files larger than a fixed limit (16 MiB by \
      default). A shop's flow is a few kilobytes to a few megabytes; a larger file is \
      almost certainly the wrong file or generated by mistake.

      ```
      $ flowc check dump.yaml
      dump.yaml: error: file is 52428800 bytes, more than the limit of 16777216 bytes [file-too-large]
      ```

      To fix it, check that the path names the flow file, and split generated catalogues \
      into smaller flows.
      """)

  static let yamlTagDescriptor = DiagnosticDescriptor(
    id: .yamlTag,
    severity: .warning,
    summary: "a YAML tag (`!!str`, `!custom`) is ignored",
    explanation: """
      flowc reads every value by its place in the flow (a price is text, `shipping` is true \
      or false), never by a YAML tag, so a tag such as `!!str`, `!!int` or `!secret` changes \
      nothing: it is ignored, and said so, rather than silently dropped.

      ```yaml
      products:
        kit:
          price: !!float 9.00      # warning: YAML tag '!!float' is ignored
      ```

      Fix: remove the tag; quote a value to make it text (`price: "9.00"`).
      """)

  /// Descriptors of the load stage (YAML syntax, encoding, limits, duplicate keys, tags).
  static let loadDescriptors: [DiagnosticDescriptor] = [
    yamlSyntaxDescriptor, duplicateKeyDescriptor, aliasExpansionLimitDescriptor,
    unknownAliasDescriptor, nestingTooDeepDescriptor, multipleDocumentsDescriptor,
    invalidUTF8Descriptor, fileTooLargeDescriptor, yamlTagDescriptor,
  ]
}

extension DiagnosticCatalogue {
  /// A syntax error reported by libyaml, with its problem text.
  /// `YAML tag '!!str' is ignored`.
  static func yamlTag(_ tag: String, at range: SourceRange) -> Diagnostic {
    yamlTagDescriptor.report("YAML tag '\(tag)' is ignored", at: range)
  }

  static func yamlSyntax(_ problem: String, at range: SourceRange?) -> Diagnostic {
    yamlSyntaxDescriptor.report(problem, at: range)
  }
}

extension Diagnostic {
  /// The note on a syntax error that points at the construct libyaml was reading, such as
  /// `the block mapping started here`.
  func withSyntaxContext(_ construct: String, at range: SourceRange) -> Diagnostic {
    with(note: "\(construct) started here", at: range)
  }

  /// The note on a syntax error caused by a tab in the indentation.
  func withTabIndentationNote(at range: SourceRange?) -> Diagnostic {
    with(note: "YAML does not allow tabs for indentation", at: range)
  }

  /// The note at a line indented more or less than its siblings, which libyaml reports as
  /// `did not find expected key` or `mapping values are not allowed in this context`.
  func withIndentationNote(
    deeper: Bool, indent: Int, siblingIndent: Int, siblingLine: Int, at range: SourceRange
  ) -> Diagnostic {
    func spaces(_ count: Int) -> String { count == 1 ? "1 space" : "\(count) spaces" }
    return with(
      note: "this line is indented \(deeper ? "more" : "less") than its siblings: "
        + "\(spaces(indent)) here, \(spaces(siblingIndent)) on line \(siblingLine)",
      at: range)
  }

  /// The note on the last load diagnostic reported when the file has many more of the same
  /// kind.
  func withMoreProblemsNotReported(after count: Int) -> Diagnostic {
    with(note: "only the first \(count) duplicate keys and unknown aliases are reported")
  }

  /// The hint on `mapping values are not allowed in this context`, which a `: ` inside an
  /// unquoted value causes.
  func withColonInValueHint() -> Diagnostic {
    with(note: "a value that contains ': ' must be quoted, as in 'welcome: \"Note: hi\"'")
  }

  /// The hint on a value that starts with a character YAML reserves.
  func withReservedCharacterHint(_ character: String) -> Diagnostic {
    with(note: "a value that starts with '\(character)' must be quoted")
  }

  /// The hint on a `{` or `[` inside unquoted text in a flow collection, such as a sample
  /// `[buy {product}]`.
  func withBracketInFlowValueHint() -> Diagnostic {
    with(
      note:
        "inside '[…]' or '{…}', text with '{' or '[' must be quoted, as in '[\"buy {product}\"]'")
  }
}

extension DiagnosticCatalogue {
  /// A key repeated in one mapping, at the repeated key, with a note at the first.
  static func duplicateKey(_ key: String, at range: SourceRange, firstAt first: SourceRange)
    -> Diagnostic
  {
    duplicateKeyDescriptor.report(
      "duplicate key '\(key)'", at: range,
      notes: [DiagnosticNote(message: "first defined here", range: first)]
    )
  }

  /// An alias whose expansion would take the nodes produced by aliases over the limit.
  static func aliasExpansionLimit(alias: String, limit: Int, at range: SourceRange)
    -> Diagnostic
  {
    aliasExpansionLimitDescriptor.report(
      "alias '\(alias)' expands the document beyond \(limit) nodes produced by aliases", at: range
    )
  }

  /// An alias whose anchor is not defined before it; with a suggestion when one is close.
  static func unknownAlias(_ alias: String, suggestion: String?, at range: SourceRange)
    -> Diagnostic
  {
    var diagnostic = unknownAliasDescriptor.report(
      "unknown alias '\(alias)'", at: range)
    if let suggestion {
      diagnostic = diagnostic.suggesting(suggestion)
    }
    return diagnostic
  }

  /// An alias inside the node that carries its anchor.
  static func recursiveAlias(
    _ alias: String, at range: SourceRange, anchorAt anchorRange: SourceRange
  ) -> Diagnostic {
    unknownAliasDescriptor.report(
      "alias '\(alias)' refers to a node that contains it", at: range,
      notes: [DiagnosticNote(message: "anchor '\(alias)' is defined here", range: anchorRange)]
    )
  }

  /// A collection nested deeper than the limit.
  static func nestingTooDeep(limit: Int, at range: SourceRange) -> Diagnostic {
    nestingTooDeepDescriptor.report(
      "collections are nested deeper than \(limit) levels", at: range)
  }

  /// The start of a second YAML document.
  static func multipleDocuments(at range: SourceRange) -> Diagnostic {
    multipleDocumentsDescriptor.report(
      "a flow file holds one YAML document, but a second one starts here", at: range)
  }

  /// A byte that is not UTF-8.
  static func invalidUTF8(byte: UInt8, at range: SourceRange) -> Diagnostic {
    let hex = String(byte, radix: 16, uppercase: true)
    return invalidUTF8Descriptor.report(
      "file is not valid UTF-8: byte 0x\(hex.count == 1 ? "0" + hex : hex) here", at: range)
  }

  /// A file that starts with a UTF-16 or UTF-32 byte order mark.
  static func utf16File(at range: SourceRange) -> Diagnostic {
    invalidUTF8Descriptor.report(
      "file is UTF-16 or UTF-32 encoded; flow files must be UTF-8", at: range)
  }

  /// A file over the size limit.
  static func fileTooLarge(size: Int, limit: Int) -> Diagnostic {
    fileTooLargeDescriptor.report(
      "file is \(size) bytes, more than the limit of \(limit) bytes", at: nil)
  }
}
