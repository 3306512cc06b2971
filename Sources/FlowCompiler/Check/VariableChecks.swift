import FlowIR

extension FlowChecker {
  /// The scope of paths outside `set`: the catalog, no slots.
  var promptScope: VariableScope {
    VariableScope(
      productIDs: symbols.productIdSet, sortedProductIDs: symbols.sortedProductIds, slots: nil)
  }

  /// The scope of prompt templates: the catalog, and `slot.<name>.spoken` (only valid in the
  /// `unknown` prompt of that slot, which ``checkSpokenSlots(_:_:into:)`` checks).
  var templateScope: VariableScope {
    VariableScope(
      productIDs: symbols.productIdSet, sortedProductIDs: symbols.sortedProductIds, slots: nil,
      spokenSlots: true)
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

  /// Reports the problems of every parsed prompt template and `choose` condition, checks SSML,
  /// type-checks every `set` and condition, and resolves every variable path they read. The
  /// `set`s of intents with an invalid slot are not checked (no follow-on type errors).
  func checkVariables(_ intents: IntentFacts, into diagnostics: inout [Diagnostic])
    -> VariableFacts
  {
    var facts = VariableFacts()
    for locale in syntax.prompts {
      for prompt in locale.value ?? [] {
        guard let parsed = prompt.value else { continue }
        let (template, reads) = checkPrompt(parsed, into: &diagnostics)
        facts.promptReads[locale.key.value, default: [:]][prompt.key.value] = reads
        for read in reads {
          guard let slot = VariablePath(rawValue: read.path).spokenSlotName else { continue }
          facts.spokenSlotReads.append(
            SpokenSlotRead(prompt: prompt.key.value, slot: slot, range: read.range))
        }
        if let template {
          facts.templates[locale.key.value, default: [:]][prompt.key.value] = template
        }
      }
    }
    guard let flow = syntax.flow else { return facts }
    facts.states.reserveCapacity(flow.states.count)
    var samplesWithout = SamplesWithoutSlot()
    var slotTable = IntentSlotTable(intents: symbols.intents)
    for global in flow.global {
      var assignments: [Assignment]?
      if let transition = global.value,
        !intents.withInvalidSlots.contains(global.key.value)
      {
        let slots = slotTable.slots(of: global.key.value)
        assignments = checkAssignments(
          transition, intent: global.key.value, slots: slots, into: &diagnostics)
        if assignments != nil {
          checkSlotReads(
            transition, intent: global.key.value, slotTypes: slots.types,
            samplesWithout: &samplesWithout, into: &diagnostics)
        }
      }
      facts.global.append(
        CheckedTransition(event: global.key, syntax: global.value, assignments: assignments))
    }
    for entry in flow.states {
      guard let state = entry.value else {
        facts.states.append(
          CheckedState(id: entry.key, syntax: nil, on: [], branches: [], amount: nil))
        continue
      }
      let isAsk: Bool
      if case .ask = state.kind { isAsk = true } else { isAsk = false }
      var transitions: [CheckedTransition] = []
      transitions.reserveCapacity(state.on.count)
      for handler in state.on {
        var assignments: [Assignment]?
        if let transition = handler.value,
          !(isAsk && intents.withInvalidSlots.contains(handler.key.value))
        {
          let slots = isAsk ? slotTable.slots(of: handler.key.value) : nil
          assignments = checkAssignments(
            transition, intent: handler.key.value, slots: slots, into: &diagnostics)
          if let slots, assignments != nil {
            checkSlotReads(
              transition, intent: handler.key.value, slotTypes: slots.types,
              samplesWithout: &samplesWithout, into: &diagnostics)
          }
        }
        transitions.append(
          CheckedTransition(event: handler.key, syntax: handler.value, assignments: assignments))
      }
      var branches: [CheckedBranch] = []
      var amount: VariableRead?
      switch state.kind {
      case .choose(let choose):
        for branch in choose.branches {
          let (checked, valid) = checkCondition(branch, into: &diagnostics)
          if !valid { facts.hasInvalidConditions = true }
          branches.append(checked)
        }
      case .charge(let charge):
        if let given = charge.amount { amount = checkAmount(given, into: &diagnostics) }
      default:
        break
      }
      facts.states.append(
        CheckedState(
          id: entry.key, syntax: state, on: transitions, branches: branches, amount: amount))
    }
    return facts
  }

  /// The template of a prompt (`nil` when invalid) and the variable paths it reads.
  private func checkPrompt(
    _ prompt: ParsedScalar<ParsedTemplate>, into diagnostics: inout [Diagnostic]
  ) -> (template: Template?, reads: [VariableRead]) {
    let scalar = prompt.scalar
    let parsed = prompt.value
    // One walk over the prompt for all its ranges (they are asked in text order).
    var positions = TextScalarPositions(scalar, in: file)
    for problem in parsed.problems {
      diagnostics.append(
        DiagnosticCatalogue.invalidPlaceholder(
          problem.kind, at: positions.sourceRange(ofUTF8: problem.range.utf8)))
    }
    var reads: [VariableRead] = []
    var valid = parsed.problems.isEmpty
    for placeholder in parsed.placeholders {
      switch VariablePathResolver.resolve(placeholder.path, in: templateScope) {
      case .success(let resolved):
        reads.append(
          VariableRead(
            path: placeholder.path, dependencies: resolved.dependencies,
            range: positions.sourceRange(ofUTF8: placeholder.range.utf8)))
      case .failure(let problem):
        valid = false
        if isFollowOn(problem.kind) { continue }
        diagnostics.append(
          DiagnosticCatalogue.variablePathProblem(
            problem.kind,
            at: positions.sourceRange(
              ofUTF8: problem.range.shifted(by: placeholder.pathRange).utf8)))
      }
    }
    if parsed.isSSML {
      for problem in SSMLChecker.check(scalar.text) {
        valid = false
        var openRange: SourceRange?
        if case .mismatchedClosingTag(_, _, let open) = problem.kind {
          openRange = scalar.sourceRange(ofUTF8: open.utf8, in: file)
        }
        diagnostics.append(
          DiagnosticCatalogue.invalidSSML(
            problem.kind, at: scalar.sourceRange(ofUTF8: problem.range.utf8, in: file),
            openRange: openRange))
      }
    }
    return (valid ? parsed.template : nil, reads)
  }

  /// The assignments of a transition's `set`, their paths resolved and types checked; `nil`
  /// when one is invalid.
  private func checkAssignments(
    _ transition: TransitionSyntax, intent: String, slots: IntentSlotTable.Slots?,
    into diagnostics: inout [Diagnostic]
  ) -> [Assignment]? {
    guard !transition.set.isEmpty else { return [] }
    let scope = VariableScope(
      productIDs: symbols.productIdSet, sortedProductIDs: symbols.sortedProductIds,
      slots: slots?.types, sortedSlotNames: slots?.sortedNames ?? [])
    var assignments: [Assignment] = []
    for entry in transition.set {
      guard let value = entry.value else { continue }
      switch value.value.flatMap({ AssignmentParser.check($0, scope: scope) }) {
      case .success(let parsed):
        assignments.append(parsed.assignment)
      case .failure(let problem):
        if case .path(let kind) = problem.kind, isFollowOn(kind) { continue }
        let range: SourceRange
        if case .notAssignable = problem.kind {
          range = entry.key.range
        } else {
          range = value.scalar.sourceRange(ofUTF8: problem.range.utf8, in: file)
        }
        if case .path(.unknownSlot(let slot, let suggestion)) = problem.kind, slots != nil {
          diagnostics.append(
            DiagnosticCatalogue.unknownSlot(
              slot, intent: intent, sortedSlots: scope.sortedSlotNames, suggestion: suggestion,
              at: range))
        } else {
          diagnostics.append(DiagnosticCatalogue.assignmentProblem(problem.kind, at: range))
        }
      }
    }
    return assignments.count == transition.set.count ? assignments : nil
  }

  /// Reports each `slot.<name>` a transition's `set` reads with neither a fallback (`??`) nor
  /// `require`: an error (`slot-may-be-missing`) when a sample of the intent, in some locale,
  /// does not fill the slot; else a warning (`slot-may-be-invalid`) when the value can be
  /// invalid (`catalog`, `AMAZON.NUMBER`).
  private func checkSlotReads(
    _ transition: TransitionSyntax, intent: String, slotTypes: [String: String],
    samplesWithout: inout SamplesWithoutSlot, into diagnostics: inout [Diagnostic]
  ) {
    guard case .some(.some(let declared)) = symbols.intents[intent], declared.samplesComplete
    else { return }
    let required = Set(transition.require.map(\.key.value))
    for entry in transition.set {
      guard let value = entry.value, case .success(let parsed) = value.value,
        case .path(let path, let pathRange, fallback: nil) = parsed.value,
        let slot = VariablePath(rawValue: path).slotName, !required.contains(slot),
        let type = slotTypes[slot]
      else { continue }
      let range = value.scalar.sourceRange(ofUTF8: pathRange.utf8, in: file)
      if let (locale, sample) = samplesWithout.first(without: slot, of: intent, declared) {
        diagnostics.append(
          DiagnosticCatalogue.slotMayBeMissing(
            slot, intent: intent,
            isNumber: VariablePathResolver.valueType(ofSlotType: type) == .integer, at: range,
            sample: sample.text, locale: locale, sampleRange: sample.range))
      } else if VariablePathResolver.slotValueCanBeInvalid(slotType: type) {
        diagnostics.append(DiagnosticCatalogue.slotMayBeInvalid(slot, type: type, at: range))
      }
    }
  }

  /// Reports `slot.<name>.spoken` in a prompt that is not the `unknown` prompt of that slot
  /// wherever it is spoken: elsewhere no slot was heard.
  func checkSpokenSlots(
    _ references: ReferenceFacts, _ variables: VariableFacts, into diagnostics: inout [Diagnostic]
  ) {
    guard syntax.flow?.complete ?? false, !references.hasUnresolvedReferences else { return }
    for read in variables.spokenSlotReads {
      let unknownOf = references.unknownPromptSlots[read.prompt] ?? []
      let otherUse = references.otherPromptUses[read.prompt]
      // A prompt nothing speaks is only unused (`unused-prompt`).
      guard otherUse != nil || !unknownOf.isEmpty, otherUse != nil || unknownOf != [read.slot]
      else { continue }
      diagnostics.append(
        DiagnosticCatalogue.spokenSlotOutsideUnknown(
          read.slot, prompt: read.prompt, requiredSlots: unknownOf.sorted(), at: read.range,
          useRange: otherUse))
    }
  }

  /// A branch with its condition, and whether the condition could be checked.
  private func checkCondition(
    _ branch: ChooseBranchSyntax, into diagnostics: inout [Diagnostic]
  ) -> (branch: CheckedBranch, valid: Bool) {
    let scalar = branch.condition.scalar
    let expression: ConditionExpression
    switch branch.condition.value {
    case .failure(let problem):
      diagnostics.append(
        DiagnosticCatalogue.conditionProblem(
          problem.kind, at: scalar.sourceRange(ofUTF8: problem.range.utf8, in: file)))
      return (
        CheckedBranch(syntax: branch, condition: nil, reads: [], opensAgreement: false), false
      )
    case .success(let parsed):
      expression = parsed
    }
    let (condition, problems) = ConditionTypeChecker.check(expression, scope: promptScope)
    let reported = problems.filter { problem in
      if case .path(let kind) = problem.kind, isFollowOn(kind) { return false }
      return true
    }
    var positions = TextScalarPositions(scalar, in: file)
    // The problems' ranges nest (an operand inside its comparison): one ordered walk for all.
    let ranges = positions.sourceRanges(ofUTF8: reported.map(\.range.utf8))
    for (problem, range) in zip(reported, ranges) {
      diagnostics.append(DiagnosticCatalogue.conditionProblem(problem.kind, at: range))
    }
    var reads: [VariableRead] = []
    for term in expression.pathTerms {
      guard case .path(let path) = term.operand,
        case .success(let resolved) = VariablePathResolver.resolve(path, in: promptScope)
      else { continue }
      reads.append(
        VariableRead(
          path: path, dependencies: resolved.dependencies,
          range: positions.sourceRange(ofUTF8: term.range.utf8)))
    }
    let checked = CheckedBranch(
      syntax: branch, condition: condition, reads: reads,
      opensAgreement: condition?.guaranteesOpenAgreement ?? false)
    return (checked, problems.isEmpty)
  }

  /// The read of a `charge` state's `amount`; `nil` when the path is invalid or not money.
  private func checkAmount(_ scalar: TextScalar, into diagnostics: inout [Diagnostic])
    -> VariableRead?
  {
    let path = scalar.text
    switch VariablePathResolver.resolve(path, in: promptScope) {
    case .success(let resolved):
      guard resolved.type == .money else {
        diagnostics.append(
          DiagnosticCatalogue.assignmentProblem(
            .typeMismatch(variable: "amount", expected: .money, found: resolved.type),
            at: scalar.range))
        return nil
      }
      return VariableRead(path: path, dependencies: resolved.dependencies, range: scalar.range)
    case .failure(let problem):
      diagnostics.append(
        DiagnosticCatalogue.variablePathProblem(
          problem.kind, at: scalar.sourceRange(ofUTF8: problem.range.utf8, in: file)))
      return nil
    }
  }
}

/// The first sample of an intent (locales in source order) that does not fill each of its
/// slots, found in one pass over the intent's samples the first time one of them is asked for.
///
/// Every `set` that reads a slot without `require` asks for it: looking through the samples each
/// time made a flow with many such transitions and many samples quadratic (3.1 MB, 23 s). A
/// sample is parsed once; for it, only the slots still without an answer are looked at, and each
/// one is either in the sample (no more than its placeholders) or answered and dropped, so the
/// pass costs the size of the samples plus the number of slots.
struct SamplesWithoutSlot {
  private var answers: [String: [String: (locale: String, sample: TextScalar)]] = [:]
  /// How many samples were parsed (for the test that keeps this linear).
  private(set) var samplesParsed = 0

  /// The first sample of `intent` (named `name`) without `slot`; `nil` when every sample fills
  /// it.
  mutating func first(without slot: String, of name: String, _ intent: IntentSyntax) -> (
    locale: String, sample: TextScalar
  )? {
    if let known = answers[name] { return known[slot] }
    var found: [String: (locale: String, sample: TextScalar)] = [:]
    var remaining = Set(intent.slots.map(\.key.value))
    search: for locale in intent.samples {
      for sample in locale.value ?? [] {
        if remaining.isEmpty { break search }
        samplesParsed += 1
        let present = Set(FlowChecker.sampleSlots(sample.text).map(\.name))
        let missing = remaining.filter { !present.contains($0) }
        for slot in missing { found[slot] = (locale.key.value, sample) }
        remaining.subtract(missing)
      }
    }
    answers[name] = found
    return found[slot]
  }
}

/// What the variable check computed.
struct VariableFacts {
  /// Locale → prompt id → compiled template (valid prompts only).
  var templates: [String: [String: Template]] = [:]
  /// Locale → prompt id → the variable paths its placeholders read.
  var promptReads: [String: [String: [VariableRead]]] = [:]
  /// The `flow.global` transitions with their assignments.
  var global: [CheckedTransition] = []
  /// The states with their transitions, conditions and amounts.
  var states: [CheckedState] = []
  /// The `slot.<name>.spoken` placeholders of prompts, in source order.
  var spokenSlotReads: [SpokenSlotRead] = []
  /// Whether a `choose` condition could not be checked: then the analyses that depend on
  /// conditions (definite assignment, agreements) stay quiet.
  var hasInvalidConditions = false
}

/// A `{slot.<name>.spoken}` placeholder of a prompt.
struct SpokenSlotRead {
  /// The prompt id.
  var prompt: String
  /// The slot name.
  var slot: String
  /// Where the path is written.
  var range: SourceRange
}

/// The slots of the intents as the `set` checks look them up (name → type, and the names
/// sorted for notes), built for an intent the first time a transition of it is checked and
/// dropped with the variable pass rather than kept for every later check.
struct IntentSlotTable {
  /// One intent's slots.
  struct Slots {
    /// Slot name → slot type, the well-formed slots of a well-formed intent.
    var types: [String: String]
    /// The keys of `types`, sorted.
    var sortedNames: [String]
  }

  private let intents: [String: IntentSyntax?]
  private var built: [String: Slots] = [:]
  /// The tables built so far by the slots declared (name, type, name, type, …): intents that
  /// declare the same slots, as most shops' intents do, share one table.
  private var shared: [[String]: Slots] = [:]

  /// A table over the intents of a ``SymbolTable``.
  init(intents: [String: IntentSyntax?]) {
    self.intents = intents
  }

  /// The slots of an intent (none for an unknown or malformed one).
  mutating func slots(of intent: String) -> Slots {
    if let known = built[intent] { return known }
    var declared: [String] = []
    if case .some(.some(let syntax)) = intents[intent] {
      for slot in syntax.slots {
        if let type = slot.value { declared += [slot.key.value, type.value] }
      }
    }
    let slots: Slots
    if let known = shared[declared] {
      slots = known
    } else {
      var types: [String: String] = [:]
      for pair in stride(from: 0, to: declared.count, by: 2) {
        types[declared[pair]] = declared[pair + 1]
      }
      slots = Slots(types: types, sortedNames: types.keys.sorted())
      shared[declared] = slots
    }
    built[intent] = slots
    return slots
  }
}
