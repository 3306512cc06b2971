import FlowIR

/// A placeholder `{path}` found in a prompt.
struct TemplatePlaceholder: Sendable, Hashable {
  /// The path without the surrounding whitespace that `{ order.total }` tolerates.
  var path: String
  /// The whole placeholder, braces included, relative to the prompt text.
  var range: TextRange
  /// The path alone, relative to the prompt text (add a ``VariablePathProblem``'s range to it
  /// with ``TextRange/shifted(by:)``).
  var pathRange: TextRange

}

/// One piece of a parsed prompt.
enum TemplatePiece: Sendable, Hashable {
  /// Literal text with `{{` and `}}` already turned into `{` and `}`; the range covers the text
  /// as written.
  case text(String, range: TextRange)
  /// A placeholder.
  case placeholder(TemplatePlaceholder)
}

/// Why a prompt's placeholders are not valid.
enum TemplateProblemKind: Sendable, Hashable {
  /// A `{` with no `}` before the end of the text or before the next `{`; the range is the `{`.
  /// Write `{{` for a literal brace.
  case unclosedPlaceholder
  /// `{}` or `{ }`: a placeholder without a path; the range is the placeholder.
  case emptyPlaceholder
  /// The text between the braces is not a path (dot-separated `[a-z_][a-z0-9_]*` segments);
  /// the range is that text without surrounding whitespace.
  case malformedPath(String)
}

/// A problem in a prompt, with its range relative to the prompt text.
struct TemplateProblem: Sendable, Hashable {
  /// What is wrong.
  var kind: TemplateProblemKind
  /// Where.
  var range: TextRange

}

/// A prompt split into literal text and placeholders.
struct ParsedTemplate: Sendable, Hashable {
  /// The pieces in order; adjacent texts are merged. A placeholder with a problem stays in the
  /// text as written.
  var pieces: [TemplatePiece]
  /// Problems in source order; empty when the prompt is valid.
  var problems: [TemplateProblem]
  /// Whether the prompt is SSML: its text, leading whitespace aside, starts with `<speak>`.
  var isSSML: Bool

  /// The valid placeholders in order.
  var placeholders: [TemplatePlaceholder] {
    pieces.compactMap {
      if case .placeholder(let placeholder) = $0 { return placeholder }
      return nil
    }
  }

  /// The IR form: texts and variables (adjacent texts merged) and the SSML flag.
  var template: Template {
    var segments: [TemplateSegment] = []
    for piece in pieces {
      switch piece {
      case .text(let text, _):
        if case .text(let previous) = segments.last {
          segments[segments.count - 1] = .text(previous + text)
        } else if !text.isEmpty {
          segments.append(.text(text))
        }
      case .placeholder(let placeholder):
        segments.append(.variable(placeholder.path))
      }
    }
    return Template(ssml: isSSML, segments: segments)
  }
}

/// Parses prompt text into literal text and `{path}` placeholders.
///
/// Rules: `{{` is a literal `{`, `}}` a literal `}`, and a `}` that closes nothing is literal
/// too. A placeholder is `{`, optional whitespace, a path, optional whitespace, `}`; so
/// `{order.total}` and `{ order.total }` are the same. Placeholders inside SSML are found the
/// same way (they are text to the SSML checker).
enum TemplateParser {
  /// Parses a prompt.
  ///
  /// - Parameter text: The prompt text as the YAML scalar holds it.
  /// - Returns: The pieces, the problems, and whether the text is SSML.
  static func parse(_ text: String) -> ParsedTemplate {
    let scalars = ScalarText(text)
    var pieces: [TemplatePiece] = []
    var problems: [TemplateProblem] = []
    var literal = ""
    var literalStart = 0
    // Plain scalars since `runStart` are not in `literal` yet: they are copied as one slice of
    // the text when something else (an escaped brace, a placeholder) comes.
    var runStart = 0
    var index = 0

    func endRun(at end: Int) {
      if runStart < end { literal += scalars.text(runStart, end) }
    }

    func flushLiteral(upTo end: Int) {
      endRun(at: end)
      if !literal.isEmpty {
        let range = scalars.range(literalStart, end)
        if case .text(let previous, let previousRange) = pieces.last {
          pieces[pieces.count - 1] = .text(
            previous + literal,
            range: TextRange(
              characters: previousRange.characters.lowerBound..<range.characters.upperBound,
              utf8: previousRange.utf8.lowerBound..<range.utf8.upperBound))
        } else {
          pieces.append(.text(literal, range: range))
        }
      }
      literal = ""
      literalStart = end
      runStart = end
    }

    while index < scalars.count {
      let scalar = scalars.scalars[index]
      if scalar == "}" {
        // `}}` is one literal brace; a lone `}` is literal too.
        endRun(at: index)
        literal.unicodeScalars.append("}")
        index += scalars[index + 1] == "}" ? 2 : 1
        runStart = index
        continue
      }
      guard scalar == "{" else {
        index += 1
        continue
      }
      endRun(at: index)
      runStart = index
      if scalars[index + 1] == "{" {
        literal.unicodeScalars.append("{")
        index += 2
        runStart = index
        continue
      }
      // A placeholder: find its `}` before any other `{`.
      var close = index + 1
      while close < scalars.count, scalars.scalars[close] != "}", scalars.scalars[close] != "{" {
        close += 1
      }
      guard close < scalars.count, scalars.scalars[close] == "}" else {
        problems.append(
          TemplateProblem(kind: .unclosedPlaceholder, range: scalars.range(index, index + 1)))
        // The `{` stays in the run, as literal text.
        index += 1
        continue
      }
      var pathStart = index + 1
      var pathEnd = close
      while pathStart < pathEnd, scalars.scalars[pathStart].isLanguageWhitespace { pathStart += 1 }
      while pathEnd > pathStart, scalars.scalars[pathEnd - 1].isLanguageWhitespace { pathEnd -= 1 }
      let path = scalars.text(pathStart, pathEnd)
      if path.isEmpty {
        problems.append(
          TemplateProblem(kind: .emptyPlaceholder, range: scalars.range(index, close + 1)))
      } else if !VariablePathResolver.isWellFormed(path) {
        problems.append(
          TemplateProblem(kind: .malformedPath(path), range: scalars.range(pathStart, pathEnd)))
      } else {
        flushLiteral(upTo: index)
        pieces.append(
          .placeholder(
            TemplatePlaceholder(
              path: path, range: scalars.range(index, close + 1),
              pathRange: scalars.range(pathStart, pathEnd))))
        index = close + 1
        literalStart = index
        runStart = index
        continue
      }
      // Keep an invalid placeholder as the text it was: it stays in the run.
      index = close + 1
    }
    flushLiteral(upTo: scalars.count)
    return ParsedTemplate(pieces: pieces, problems: problems, isSSML: isSSML(text))
  }

  /// Whether a prompt is SSML: leading whitespace aside, it starts with `<speak>`.
  static func isSSML(_ text: String) -> Bool {
    text.unicodeScalars.drop { $0.isLanguageWhitespace }.starts(with: "<speak>".unicodeScalars)
  }
}
