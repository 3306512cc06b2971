import FlowIR

/// Why an entry of a transition's `set` map is not valid.
enum AssignmentProblemKind: Sendable, Hashable {
  /// The key is not a variable that `set` may assign (only `product` and `quantity`);
  /// `suggestion` is a close one. The range is relative to the key.
  case notAssignable(String, suggestion: String?)
  /// The value is empty.
  case emptyValue
  /// The value is neither `path`, `path ?? literal` nor a whole number.
  case malformedValue(String)
  /// The path does not exist (range within the value).
  case path(VariablePathProblemKind)
  /// The value has another type than the variable needs.
  case typeMismatch(variable: String, expected: ValueType, found: ValueType)
  /// A fallback after `??` that is not a whole number, or on a variable that is not `quantity`.
  case invalidFallback(String)
  /// `??` after a path that always has a value; only `slot.<name>` can be unfilled.
  case fallbackNeverUsed
  /// A quantity outside 1…99.
  case quantityOutOfRange(String)
}

/// A problem in a `set` entry; the range is relative to the value text, except for
/// ``AssignmentProblemKind/notAssignable(_:suggestion:)``, relative to the key.
struct AssignmentProblem: Error, Sendable, Hashable {
  /// What is wrong.
  var kind: AssignmentProblemKind
  /// Where.
  var range: TextRange

}

/// A valid `set` entry.
struct ParsedAssignment: Sendable, Equatable {
  /// The IR assignment.
  var assignment: Assignment
  /// The variable it assigns.
  var assigned: BaseVariable
  /// The variables the value reads that must be definitely set before the transition (such as
  /// `product` for `quantity: ...` — usually none).
  var dependencies: [BaseVariable]

}

/// Parses the entries of a transition's `set` map: `product: slot.product`,
/// `product: catalog.refill`, `quantity: slot.quantity ?? 1`, `quantity: 2`.
///
/// Only `product` (a product value) and `quantity` (a whole number from 1 to 99) can be set; the
/// runtime sets every other variable. `??` gives the literal used when the slot before it is
/// missing or invalid, so it only follows `slot.<name>` and only for `quantity`.
enum AssignmentParser {
  /// The smallest and largest quantity.
  static let quantityRange = OrderQuantity.range

  /// Parses one entry and type-checks it: ``parse(variable:value:)`` then
  /// ``check(_:scope:)``.
  ///
  /// - Parameters:
  ///   - variable: The key, such as `quantity`.
  ///   - value: The value's scalar text, such as `slot.quantity ?? 1` or `2`.
  ///   - scope: The catalog's product ids and the handled intent's slots (`nil` slots on an
  ///     outcome transition).
  /// - Returns: The assignment, or the first problem.
  static func parse(variable: String, value: String, scope: VariableScope) -> Result<
    ParsedAssignment, AssignmentProblem
  > {
    parse(variable: variable, value: value).flatMap { check($0, scope: scope) }
  }

  /// Parses one entry without resolving its path: the problems of its form (a variable `set`
  /// cannot assign, an empty value, a value that is neither a whole number nor a path).
  ///
  /// - Parameters:
  ///   - variable: The key, such as `quantity`.
  ///   - value: The value's scalar text, such as `slot.quantity ?? 1` or `2`.
  /// - Returns: The entry's parts, or the first problem.
  static func parse(variable: String, value: String) -> Result<
    AssignmentSyntax, AssignmentProblem
  > {
    let keyText = ScalarText(variable)
    guard let expected = VariablePathResolver.assignable[variable],
      let assigned = BaseVariable(rawValue: variable)
    else {
      return .failure(
        AssignmentProblem(
          kind: .notAssignable(
            variable,
            suggestion: LanguageSuggestions.closest(
              to: variable, among: VariablePathResolver.assignable.keys)),
          range: keyText.range(0, keyText.count)))
    }
    let text = ScalarText(value)
    func trimmed(_ start: Int, _ end: Int) -> (Int, Int) {
      var lower = start
      var upper = end
      while lower < upper, text.scalars[lower].isLanguageWhitespace { lower += 1 }
      while upper > lower, text.scalars[upper - 1].isLanguageWhitespace { upper -= 1 }
      return (lower, upper)
    }
    func fail(_ kind: AssignmentProblemKind, _ start: Int, _ end: Int) -> Result<
      AssignmentSyntax, AssignmentProblem
    > {
      .failure(AssignmentProblem(kind: kind, range: text.range(start, end)))
    }
    let (start, end) = trimmed(0, text.count)
    guard start < end else { return fail(.emptyValue, 0, text.count) }
    var syntax = AssignmentSyntax(
      variable: variable, expected: expected, assigned: assigned, value: .number(""),
      valueRange: text.range(start, end))

    // A whole number.
    if text.scalars[start].isASCIIDigit {
      let digits = text.text(start, end)
      guard digits.unicodeScalars.allSatisfy(\.isASCIIDigit) else {
        return fail(.malformedValue(digits), start, end)
      }
      syntax.value = .number(digits)
      return .success(syntax)
    }

    // `path` or `path ?? literal`.
    var pathEnd = end
    var fallbackRange: (Int, Int)?
    var scan = start
    while scan + 1 < end {
      if text.scalars[scan] == "?", text.scalars[scan + 1] == "?" {
        pathEnd = scan
        fallbackRange = trimmed(scan + 2, end)
        break
      }
      scan += 1
    }
    let (pathStart, pathStop) = trimmed(start, pathEnd)
    let path = text.text(pathStart, pathStop)
    guard VariablePathResolver.isWellFormed(path) else {
      return fail(.malformedValue(text.text(start, end)), start, end)
    }
    var fallback: AssignmentSyntax.Fallback?
    if let (fallbackStart, fallbackEnd) = fallbackRange {
      fallback = AssignmentSyntax.Fallback(
        literal: text.text(fallbackStart, fallbackEnd),
        range: text.range(fallbackStart, max(fallbackEnd, fallbackStart)))
    }
    syntax.value = .path(path, range: text.range(pathStart, pathStop), fallback: fallback)
    return .success(syntax)
  }

  /// Type-checks a parsed entry: resolves its path in `scope`, checks its type, its fallback
  /// and the quantity's range.
  ///
  /// - Parameters:
  ///   - syntax: The entry as ``parse(variable:value:)`` read it.
  ///   - scope: The catalog's product ids and the handled intent's slots (`nil` slots on an
  ///     outcome transition).
  /// - Returns: The assignment, or the first problem.
  static func check(_ syntax: AssignmentSyntax, scope: VariableScope) -> Result<
    ParsedAssignment, AssignmentProblem
  > {
    let variable = syntax.variable
    let expected = syntax.expected
    func fail(_ kind: AssignmentProblemKind, _ range: TextRange) -> Result<
      ParsedAssignment, AssignmentProblem
    > {
      .failure(AssignmentProblem(kind: kind, range: range))
    }
    switch syntax.value {
    case .number(let digits):
      guard expected == .integer else {
        return fail(
          .typeMismatch(variable: variable, expected: expected, found: .integer),
          syntax.valueRange)
      }
      guard let number = Int64(digits), quantityRange.contains(number) else {
        return fail(.quantityOutOfRange(digits), syntax.valueRange)
      }
      return .success(
        ParsedAssignment(
          assignment: Assignment(variable: variable, value: .literal(.int(number))),
          assigned: syntax.assigned, dependencies: []))
    case .path(let path, let pathRange, let given):
      let resolved: ResolvedVariablePath
      switch VariablePathResolver.resolve(path, in: scope) {
      case .failure(let problem):
        return .failure(
          AssignmentProblem(kind: .path(problem.kind), range: problem.range.shifted(by: pathRange)))
      case .success(let path): resolved = path
      }
      guard resolved.type == expected else {
        return fail(
          .typeMismatch(variable: variable, expected: expected, found: resolved.type), pathRange)
      }
      var fallback: Literal?
      if let given {
        let literal = given.literal
        guard resolved.slotName != nil else { return fail(.fallbackNeverUsed, syntax.valueRange) }
        guard expected == .integer, !literal.isEmpty,
          literal.unicodeScalars.allSatisfy(\.isASCIIDigit)
        else {
          return fail(.invalidFallback(literal), given.range)
        }
        guard let number = Int64(literal), quantityRange.contains(number) else {
          return fail(.quantityOutOfRange(literal), given.range)
        }
        fallback = .int(number)
      }
      return .success(
        ParsedAssignment(
          assignment: Assignment(variable: variable, value: .path(path, fallback: fallback)),
          assigned: syntax.assigned, dependencies: resolved.dependencies))
    }
  }
}

/// A `set` entry as written, before its path is resolved: what ``AssignmentParser`` reads in
/// the parse stage. Ranges are relative to the value text.
struct AssignmentSyntax: Sendable, Equatable {
  /// A fallback after `??`.
  struct Fallback: Sendable, Equatable {
    /// The literal as written (trimmed; may be empty).
    var literal: String
    /// Where it is written.
    var range: TextRange
  }

  /// The value's form.
  enum Value: Sendable, Equatable {
    /// A whole number, as written.
    case number(String)
    /// A variable path, optionally followed by `?? literal`.
    case path(String, range: TextRange, fallback: Fallback?)
  }

  /// The variable assigned, such as `quantity`.
  var variable: String
  /// The type the variable needs.
  var expected: ValueType
  /// The base variable assigned.
  var assigned: BaseVariable
  /// The value.
  var value: Value
  /// The value's range, whitespace trimmed.
  var valueRange: TextRange
}
