import FlowIR

/// A problem in a prompt, from whichever check found it; every range is relative to the prompt
/// text.
enum PromptProblem: Sendable, Hashable {
  /// A placeholder problem: unclosed, empty, malformed path.
  case template(TemplateProblem)
  /// A placeholder whose path does not exist; the range is already moved into the prompt text
  /// (it covers the offending segment inside the placeholder).
  case path(VariablePathProblem)
  /// An SSML problem.
  case ssml(SSMLProblem)

  /// Where the problem is, relative to the prompt text.
  var range: TextRange {
    switch self {
    case .template(let problem): problem.range
    case .path(let problem): problem.range
    case .ssml(let problem): problem.range
    }
  }
}

/// A placeholder whose path exists.
struct ResolvedPlaceholder: Sendable, Hashable {
  /// The placeholder, with its ranges in the prompt text.
  var placeholder: TemplatePlaceholder
  /// The path's type and the variables it needs.
  var resolved: ResolvedVariablePath

}

/// Everything the checks need to know about one prompt text.
struct AnalyzedPrompt: Sendable, Equatable {
  /// The IR template (texts and variables, adjacent texts merged, the SSML flag).
  var template: Template
  /// The placeholders whose paths exist, in order; the definite-assignment analysis checks
  /// each one's ``ResolvedVariablePath/dependencies`` at the state that speaks the prompt.
  var placeholders: [ResolvedPlaceholder]
  /// All problems, in text order.
  var problems: [PromptProblem]

  /// The variables the prompt needs, each once, sorted.
  var dependencies: [BaseVariable] {
    Set(placeholders.flatMap(\.resolved.dependencies)).sorted()
  }
}

/// Runs every check of the prompt sub-languages on one text: placeholders, their paths, and SSML
/// when the text starts with `<speak>`.
enum PromptAnalyzer {
  /// Analyzes a prompt.
  ///
  /// - Parameters:
  ///   - text: The prompt text as the YAML scalar holds it.
  ///   - productIDs: The ids of the catalog's products (for `catalog.<id>` paths).
  /// - Returns: The template, the resolved placeholders and the problems.
  static func analyze(_ text: String, productIDs: Set<String>) -> AnalyzedPrompt {
    let parsed = TemplateParser.parse(text)
    let scope = VariableScope(productIDs: productIDs, slots: nil)
    var problems = parsed.problems.map(PromptProblem.template)
    var placeholders: [ResolvedPlaceholder] = []
    for placeholder in parsed.placeholders {
      switch VariablePathResolver.resolve(placeholder.path, in: scope) {
      case .success(let resolved):
        placeholders.append(ResolvedPlaceholder(placeholder: placeholder, resolved: resolved))
      case .failure(var problem):
        problem.range = problem.range.shifted(by: placeholder.pathRange)
        problems.append(.path(problem))
      }
    }
    if parsed.isSSML {
      problems += SSMLChecker.check(text).map(PromptProblem.ssml)
    }
    problems.sort {
      ($0.range.utf8.lowerBound, $0.range.utf8.upperBound)
        < ($1.range.utf8.lowerBound, $1.range.utf8.upperBound)
    }
    return AnalyzedPrompt(
      template: parsed.template, placeholders: placeholders, problems: problems)
  }
}
