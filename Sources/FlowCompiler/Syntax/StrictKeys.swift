/// Reads a YAML mapping whose keys come from a fixed table: the one strict-keys reader of the
/// flow parser (``FlowParser/readMapping(_:context:keys:anchor:what:)``) and of FlowTesting's
/// test-script parser.
///
/// Each entry's key must be a text and one of the allowed keys; every required key must be
/// present. The reader collects the known entries and reports the rest in the words of the
/// caller's format (its ``Wording``), so each format keeps its diagnostic ids and messages while
/// the rules (and the "did you mean" note on an unknown key) live here once.
package struct StrictKeys: Sendable {
  /// How one format words the problems of a mapping: its catalogue's factories.
  package struct Wording {
    /// A key that is not a text (a list, a mapping, a null).
    package var nonTextKey: (_ key: YAMLNode) -> Diagnostic
    /// A text key outside the table; the factory adds the "did you mean" note.
    package var unknownKey: (_ key: String, _ known: [String], _ range: SourceRange) -> Diagnostic
    /// A required key that is missing; `nil` when the format reports it elsewhere.
    package var missingKey: ((_ key: String) -> Diagnostic)?

    /// Creates a wording.
    ///
    /// - Parameters:
    ///   - nonTextKey: The diagnostic of a key that is not a text.
    ///   - unknownKey: The diagnostic of an unknown key, given the key, the allowed keys and
    ///     where the key is.
    ///   - missingKey: The diagnostic of a missing required key.
    package init(
      nonTextKey: @escaping (_ key: YAMLNode) -> Diagnostic,
      unknownKey: @escaping (_ key: String, _ known: [String], _ range: SourceRange) -> Diagnostic,
      missingKey: ((_ key: String) -> Diagnostic)? = nil
    ) {
      self.nonTextKey = nonTextKey
      self.unknownKey = unknownKey
      self.missingKey = missingKey
    }
  }

  /// Every allowed key, in the order the docs list them (suggestions follow this order).
  package var allowed: [String]
  /// The keys that must be present.
  package var required: [String]

  /// Creates a key table.
  ///
  /// - Parameters:
  ///   - allowed: Every allowed key.
  ///   - required: The keys that must be present.
  package init(allowed: [String], required: [String] = []) {
    self.allowed = allowed
    self.required = required
  }

  /// The entries of a mapping whose keys are all in the table, found by key.
  ///
  /// A mapping of the flow language has a handful of keys, so a lookup scans them (in file
  /// order) instead of hashing each key into a dictionary.
  package struct Fields: Sendable {
    /// The entries of allowed keys, in file order.
    package private(set) var entries: [YAMLMappingEntry]

    /// No entries.
    package static let empty = Fields(entries: [])

    /// Whether the mapping has no entry of an allowed key.
    package var isEmpty: Bool { entries.isEmpty }

    /// The entry of `key` (the last one for a repeated key), or `nil`.
    package subscript(key: String) -> YAMLMappingEntry? {
      entries.last { $0.key.scalar == key }
    }

    /// Removes and returns the entry of `key` (the last one for a repeated key), so that a
    /// reader that owns the only copy of the mapping frees each value once it is read.
    package mutating func take(_ key: String) -> YAMLMappingEntry? {
      guard let index = entries.lastIndex(where: { $0.key.scalar == key }) else { return nil }
      return entries.remove(at: index)
    }
  }

  /// The mapping's entries when it has no problem to report: every key a text of the table,
  /// every required key present. `nil` when ``read(_:wording:into:)`` has something to say.
  ///
  /// - Parameter entries: The mapping's entries, in file order.
  /// - Returns: The entries by key, sharing `entries`' storage.
  package func fieldsWithoutProblems(_ entries: [YAMLMappingEntry]) -> Fields? {
    for entry in entries {
      guard let key = entry.key.scalar, allowed.contains(key) else { return nil }
    }
    for key in required where !entries.contains(where: { $0.key.scalar == key }) {
      return nil
    }
    return Fields(entries: entries)
  }

  /// Reads the entries of a mapping.
  ///
  /// - Parameters:
  ///   - entries: The mapping's entries, in file order.
  ///   - wording: How to word the problems.
  ///   - diagnostics: Where the problems go: each bad key in file order, then each missing
  ///     required key in table order.
  /// - Returns: The entries of allowed keys, by key (the last one wins for a repeated key).
  package func read(
    _ entries: [YAMLMappingEntry], wording: Wording, into diagnostics: inout [Diagnostic]
  ) -> Fields {
    var known: [YAMLMappingEntry] = []
    known.reserveCapacity(entries.count)
    for entry in entries {
      guard let key = entry.key.scalar else {
        diagnostics.appendBounded(wording.nonTextKey(entry.key))
        continue
      }
      if allowed.contains(key) {
        known.append(entry)
      } else {
        // A mapping of a million unknown keys: keep only what the report can show.
        diagnostics.appendBounded(wording.unknownKey(key, allowed, entry.key.range))
      }
    }
    let fields = Fields(entries: known)
    if let missingKey = wording.missingKey {
      for key in required where fields[key] == nil { diagnostics.append(missingKey(key)) }
    }
    return fields
  }
}
