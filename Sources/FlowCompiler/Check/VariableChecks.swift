import FlowIR

extension FlowChecker {
  /// The scope of paths outside `set`: the catalog, no slots.
  var promptScope: VariableScope {
    VariableScope(productIDs: symbols.productIdSet, slots: nil)
  }

  /// Whether a path problem only follows from a section the parser could not read (an unknown
  /// product when `products` is broken, an unknown slot when the intent's slots are).
  func isFollowOn(_ problem: VariablePathProblemKind) -> Bool {
    switch problem {
    case .unknownProduct: !syntax.productsComplete
    case .unknownSlot: !syntax.intentsComplete
    default: false
    }
  }

  /// Parses every prompt (placeholders, SSML), every `set` and every `choose` condition, and
  /// resolves every variable path they read.
  mutating func checkVariables() {
    for locale in syntax.prompts {
      for prompt in locale.value ?? [] {
        guard let scalar = prompt.value else { continue }
        checkPrompt(scalar, id: prompt.key.value, locale: locale.key.value)
      }
    }
    guard let flow = syntax.flow else { return }
    for global in flow.global {
      guard let transition = global.value,
        !intentsWithInvalidSlots.contains(global.key.value)
      else { continue }
      checkAssignments(
        transition, key: TransitionKey(state: nil, event: global.key.value),
        slots: symbols.slots(of: global.key.value))
    }
    for entry in flow.states {
      guard let state = entry.value else { continue }
      let isAsk: Bool
      if case .ask = state.kind { isAsk = true } else { isAsk = false }
      for handler in state.on {
        guard let transition = handler.value,
          !(isAsk && intentsWithInvalidSlots.contains(handler.key.value))
        else { continue }
        checkAssignments(
          transition, key: TransitionKey(state: entry.key.value, event: handler.key.value),
          slots: isAsk ? symbols.slots(of: handler.key.value) : nil)
      }
      switch state.kind {
      case .choose(let choose):
        var conditions: [Condition] = []
        for branch in choose.branches {
          if let condition = checkCondition(branch.condition, state: entry.key.value) {
            conditions.append(condition)
          }
        }
        if conditions.count == choose.branches.count {
          checked.conditions[entry.key.value] = conditions
        }
      case .charge(let charge):
        if let amount = charge.amount { checkAmount(amount, state: entry.key.value) }
      default:
        break
      }
    }
  }

  private mutating func checkPrompt(_ scalar: TextScalar, id: String, locale: String) {
    let parsed = TemplateParser.parse(scalar.text)
    for problem in parsed.problems {
      report(
        DiagnosticCatalogue.invalidPlaceholder(
          problem.kind, at: scalar.sourceRange(ofUTF8: problem.range.utf8, in: file)))
    }
    var reads: [VariableRead] = []
    var valid = parsed.problems.isEmpty
    for placeholder in parsed.placeholders {
      switch VariablePathResolver.resolve(placeholder.path, in: promptScope) {
      case .success(let resolved):
        reads.append(
          VariableRead(
            path: placeholder.path, dependencies: resolved.dependencies,
            range: scalar.sourceRange(ofUTF8: placeholder.range.utf8, in: file)))
      case .failure(let problem):
        valid = false
        if isFollowOn(problem.kind) { continue }
        report(
          DiagnosticCatalogue.variablePathProblem(
            problem.kind,
            at: scalar.sourceRange(
              ofUTF8: problem.range.shifted(by: placeholder.pathRange).utf8, in: file)))
      }
    }
    if parsed.isSSML {
      for problem in SSMLChecker.check(scalar.text) {
        valid = false
        var openRange: SourceRange?
        if case .mismatchedClosingTag(_, _, let open) = problem.kind {
          openRange = scalar.sourceRange(ofUTF8: open.utf8, in: file)
        }
        report(
          DiagnosticCatalogue.invalidSSML(
            problem.kind, at: scalar.sourceRange(ofUTF8: problem.range.utf8, in: file),
            openRange: openRange))
      }
    }
    promptReads[locale, default: [:]][id] = reads
    if valid {
      checked.templates[locale, default: [:]][id] = parsed.template
    }
  }

  private mutating func checkAssignments(
    _ transition: TransitionSyntax, key: TransitionKey, slots: [String: String]?
  ) {
    guard !transition.set.isEmpty else { return }
    let scope = VariableScope(productIDs: symbols.productIdSet, slots: slots)
    var assignments: [Assignment] = []
    for entry in transition.set {
      guard let value = entry.value else { continue }
      switch AssignmentParser.parse(variable: entry.key.value, value: value.text, scope: scope) {
      case .success(let parsed):
        assignments.append(parsed.assignment)
      case .failure(let problem):
        if case .path(let kind) = problem.kind, isFollowOn(kind) { continue }
        let range: SourceRange
        if case .notAssignable = problem.kind {
          range = entry.key.range
        } else {
          range = value.sourceRange(ofUTF8: problem.range.utf8, in: file)
        }
        report(DiagnosticCatalogue.assignmentProblem(problem.kind, at: range))
      }
    }
    if assignments.count == transition.set.count {
      checked.assignments[key] = assignments
    }
  }

  private mutating func checkCondition(_ scalar: TextScalar, state: String) -> Condition? {
    let expression: ConditionExpression
    switch ConditionParser.parse(scalar.text, currency: merchantCurrency) {
    case .failure(let problem):
      report(
        DiagnosticCatalogue.conditionProblem(
          problem.kind, at: scalar.sourceRange(ofUTF8: problem.range.utf8, in: file)))
      conditionReads[state, default: []].append((reads: [], opensAgreement: false))
      hasInvalidConditions = true
      return nil
    case .success(let parsed):
      expression = parsed
    }
    let (condition, problems) = ConditionTypeChecker.check(expression, scope: promptScope)
    for problem in problems {
      if case .path(let kind) = problem.kind, isFollowOn(kind) { continue }
      report(
        DiagnosticCatalogue.conditionProblem(
          problem.kind, at: scalar.sourceRange(ofUTF8: problem.range.utf8, in: file)))
    }
    if !problems.isEmpty { hasInvalidConditions = true }
    var reads: [VariableRead] = []
    for term in expression.pathTerms {
      guard case .path(let path) = term.operand,
        case .success(let resolved) = VariablePathResolver.resolve(path, in: promptScope)
      else { continue }
      reads.append(
        VariableRead(
          path: path, dependencies: resolved.dependencies,
          range: scalar.sourceRange(ofUTF8: term.range.utf8, in: file)))
    }
    conditionReads[state, default: []].append(
      (reads: reads, opensAgreement: condition?.guaranteesOpenAgreement ?? false))
    return condition
  }

  private mutating func checkAmount(_ scalar: TextScalar, state: String) {
    let path = scalar.text
    switch VariablePathResolver.resolve(path, in: promptScope) {
    case .success(let resolved):
      guard resolved.type == .money else {
        report(
          DiagnosticCatalogue.assignmentProblem(
            .typeMismatch(variable: "amount", expected: .money, found: resolved.type),
            at: scalar.range))
        return
      }
      amountReads[state] = VariableRead(
        path: path, dependencies: resolved.dependencies, range: scalar.range)
    case .failure(let problem):
      report(
        DiagnosticCatalogue.variablePathProblem(
          problem.kind, at: scalar.sourceRange(ofUTF8: problem.range.utf8, in: file)))
    }
  }
}
