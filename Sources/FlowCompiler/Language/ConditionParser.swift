import FlowIR

/// Parses `choose` guard strings into ``ConditionExpression``s.
///
/// Grammar, loosest first (comparisons do not chain):
///
/// ```
/// condition  := or
/// or         := and ("or" and)*
/// and        := not ("and" not)*
/// not        := "not" not | comparison
/// comparison := primary (("==" | "!=" | "<" | "<=" | ">" | ">=") term)?
/// primary    := term | "(" or ")"
/// term       := path | integer | string | money | "true" | "false"
/// ```
///
/// Strings are quoted with `'` or `"`; a backslash escapes the quote or a backslash. Money
/// literals are in the merchant's currency: a code after the amount (`20.00 USD`, `300 JPY`), a
/// symbol before it (`$20.00`, `£20`, `€ 19.99`, `¥300`, `￥300`), or `€` after it (`19.99 €`).
/// The amount uses a point and at most the currency's decimals. A number without a currency must
/// be whole. Nesting of parentheses and `not` is limited to ``maximumDepth``.
enum ConditionParser {
  /// The deepest nesting of parentheses and `not` accepted.
  static let maximumDepth = 64

  /// The currency of each symbol accepted in money literals.
  static let currencySymbols: [Unicode.Scalar: String] = [
    "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "￥": "JPY",
  ]

  /// The currency codes accepted after an amount.
  static let currencyCodes = Set(AmazonPayTables.currencies)

  /// Parses a condition.
  ///
  /// - Parameters:
  ///   - text: The condition as written after `if:`.
  ///   - currency: The merchant's currency, for money literals; `nil` when the flow has none.
  /// - Returns: The expression, or the first problem (ranges relative to `text`).
  static func parse(_ text: String, currency: String?) -> Result<
    ConditionExpression, ConditionProblem
  > {
    let source = ScalarText(text)
    var lexer = ConditionLexer(source: source, currency: currency)
    let tokens: [ConditionToken]
    do {
      tokens = try lexer.tokenize()
    } catch {
      return .failure(error)
    }
    guard tokens.count > 1 else {
      return .failure(ConditionProblem(kind: .empty, range: source.range(0, source.count)))
    }
    var parser = ConditionSyntaxParser(tokens: tokens, source: source)
    do {
      return .success(try parser.parseCondition())
    } catch {
      return .failure(error)
    }
  }
}

/// A token of a condition with its scalar offsets.
struct ConditionToken {
  enum Kind: Equatable {
    case word(String)
    case literal(Literal)
    case comparison(ComparisonOperator)
    case leftParenthesis
    case rightParenthesis
    case end
  }

  var kind: Kind
  var start: Int
  var end: Int
}

/// Splits a condition into tokens; throws the first lexical problem.
struct ConditionLexer {
  let source: ScalarText
  let currency: String?
  var index = 0

  init(source: ScalarText, currency: String?) {
    self.source = source
    self.currency = currency
  }

  func problem(_ kind: ConditionProblemKind, _ start: Int, _ end: Int) -> ConditionProblem {
    ConditionProblem(kind: kind, range: source.range(start, end))
  }

  mutating func tokenize() throws(ConditionProblem) -> [ConditionToken] {
    var tokens: [ConditionToken] = []
    while true {
      while let scalar = source[index], scalar.isLanguageWhitespace { index += 1 }
      let start = index
      guard let scalar = source[index] else {
        tokens.append(ConditionToken(kind: .end, start: start, end: start))
        return tokens
      }
      let next = source[index + 1]
      switch scalar {
      case "(":
        index += 1
        tokens.append(ConditionToken(kind: .leftParenthesis, start: start, end: index))
      case ")":
        index += 1
        tokens.append(ConditionToken(kind: .rightParenthesis, start: start, end: index))
      case "=", "!", "<", ">":
        tokens.append(try comparisonOperator(scalar, next: next))
      case "&" where next == "&":
        throw problem(.unsupportedOperator("&&", replacement: "and"), start, start + 2)
      case "|" where next == "|":
        throw problem(.unsupportedOperator("||", replacement: "or"), start, start + 2)
      case "'", "\"":
        tokens.append(try string(quote: scalar))
      case _ where scalar.isASCIIDigit:
        tokens.append(try number())
      case _ where ConditionParser.currencySymbols[scalar] != nil:
        tokens.append(try symbolMoney())
      case _ where scalar.isASCIILowercase || scalar.isASCIIUppercase || scalar == "_":
        while let scalar = source[index],
          scalar.isASCIILowercase || scalar.isASCIIUppercase || scalar.isASCIIDigit
            || scalar == "_" || scalar == "."
        {
          index += 1
        }
        let word = source.text(start, index)
        switch word {
        case "true", "false":
          tokens.append(
            ConditionToken(kind: .literal(.bool(word == "true")), start: start, end: index))
        case "and", "or", "not":
          tokens.append(ConditionToken(kind: .word(word), start: start, end: index))
        default:
          let lowercased = word.lowercased()
          if ["and", "or", "not"].contains(lowercased) {
            // `AND`, `Or`: the keywords are lowercase.
            throw problem(.unsupportedOperator(word, replacement: lowercased), start, index)
          }
          guard VariablePathResolver.isWellFormed(word) else {
            throw problem(.malformedPath(word), start, index)
          }
          tokens.append(ConditionToken(kind: .word(word), start: start, end: index))
        }
      default:
        throw problem(.unexpectedCharacter(String(Character(scalar))), start, start + 1)
      }
    }
  }

  mutating func comparisonOperator(_ scalar: Unicode.Scalar, next: Unicode.Scalar?)
    throws(ConditionProblem) -> ConditionToken
  {
    let start = index
    let op: ComparisonOperator
    switch (scalar, next) {
    case ("=", "="): op = .equal
    case ("!", "="): op = .notEqual
    case ("<", "="): op = .lessOrEqual
    case (">", "="): op = .greaterOrEqual
    case ("<", _): op = .less
    case (">", _): op = .greater
    case ("=", _): throw problem(.unsupportedOperator("=", replacement: "=="), start, start + 1)
    default: throw problem(.unsupportedOperator("!", replacement: "not"), start, start + 1)
    }
    index += op.rawValue.unicodeScalars.count
    return ConditionToken(kind: .comparison(op), start: start, end: index)
  }

  mutating func string(quote: Unicode.Scalar) throws(ConditionProblem) -> ConditionToken {
    let start = index
    index += 1
    var value = String.UnicodeScalarView()
    while let scalar = source[index] {
      if scalar == quote {
        index += 1
        return ConditionToken(kind: .literal(.string(String(value))), start: start, end: index)
      }
      if scalar == "\\", let escaped = source[index + 1], escaped == quote || escaped == "\\" {
        value.append(escaped)
        index += 2
        continue
      }
      value.append(scalar)
      index += 1
    }
    throw problem(.unterminatedString, start, index)
  }

  /// The end of `digits[.digits]` from the current index (not consumed).
  func amountEnd(from start: Int) -> Int {
    var end = start
    while let scalar = source[end], scalar.isASCIIDigit { end += 1 }
    if source[end] == ".", let digit = source[end + 1], digit.isASCIIDigit {
      end += 1
      while let scalar = source[end], scalar.isASCIIDigit { end += 1 }
    }
    return end
  }

  /// A number, or an amount followed by a currency code or `€`.
  mutating func number() throws(ConditionProblem) -> ConditionToken {
    let start = index
    let amountEnd = amountEnd(from: start)
    index = amountEnd
    // A currency after optional whitespace.
    var lookahead = index
    while let scalar = source[lookahead], scalar == " " || scalar == "\t" { lookahead += 1 }
    if let scalar = source[lookahead], scalar.isASCIIUppercase {
      var codeEnd = lookahead
      while let scalar = source[codeEnd], scalar.isASCIIUppercase || scalar.isASCIILowercase {
        codeEnd += 1
      }
      let code = source.text(lookahead, codeEnd)
      if ["and", "or", "not"].contains(code.lowercased()) {
        // `5 AND …`: a keyword in the wrong case, reported by the word that follows.
        return try wholeNumber(from: start, to: amountEnd)
      }
      guard ConditionParser.currencyCodes.contains(code) else {
        throw problem(.unknownCurrency(code), lookahead, codeEnd)
      }
      index = codeEnd
      return try money(amountFrom: start, to: amountEnd, currency: code, tokenStart: start)
    }
    if source[lookahead] == "€" {
      index = lookahead + 1
      return try money(amountFrom: start, to: amountEnd, currency: "EUR", tokenStart: start)
    }
    return try wholeNumber(from: start, to: amountEnd)
  }

  /// The digits from `start` to `end` as a whole number.
  func wholeNumber(from start: Int, to end: Int) throws(ConditionProblem) -> ConditionToken {
    let digits = source.text(start, end)
    if digits.contains(".") { throw problem(.decimalWithoutCurrency, start, end) }
    guard let value = Int64(digits) else { throw problem(.numberTooLarge, start, end) }
    return ConditionToken(kind: .literal(.int(value)), start: start, end: end)
  }

  /// `$20.00`, `€19.99`, `¥300`.
  mutating func symbolMoney() throws(ConditionProblem) -> ConditionToken {
    let start = index
    let symbolCurrency = ConditionParser.currencySymbols[source[start]!]!
    // `$20`, and `€ 20` with spaces as some authors write it.
    var amountStart = start + 1
    while let scalar = source[amountStart], scalar == " " || scalar == "\t" { amountStart += 1 }
    guard let digit = source[amountStart], digit.isASCIIDigit else {
      throw problem(.unexpectedCharacter(String(Character(source[start]!))), start, start + 1)
    }
    let amountEnd = amountEnd(from: amountStart)
    index = amountEnd
    return try money(
      amountFrom: amountStart, to: amountEnd, currency: symbolCurrency, tokenStart: start)
  }

  func money(amountFrom start: Int, to end: Int, currency literalCurrency: String, tokenStart: Int)
    throws(ConditionProblem) -> ConditionToken
  {
    guard let currency else {
      throw problem(.moneyWithoutMerchantCurrency, tokenStart, index)
    }
    guard literalCurrency == currency else {
      throw problem(
        .currencyMismatch(found: literalCurrency, expected: currency), tokenStart, index)
    }
    switch MoneyLiteral.amount(in: source, from: start, to: end, currency: currency) {
    case .amount(let minorUnits):
      return ConditionToken(
        kind: .literal(.money(Money(minorUnits: minorUnits, currency: currency))),
        start: tokenStart, end: index)
    case .tooManyDecimals(let extra):
      throw ConditionProblem(
        kind: .tooManyDecimals(currency: currency, allowed: Money.decimalPlaces(of: currency)),
        range: extra)
    case .overflow:
      throw problem(.numberTooLarge, tokenStart, index)
    case .notDecimal:
      throw problem(.unexpectedCharacter(source.text(start, start + 1)), start, start + 1)
    }
  }
}

/// Recursive descent over the tokens; throws the first problem. Recursion is bounded by
/// ``ConditionParser/maximumDepth``.
struct ConditionSyntaxParser {
  let tokens: [ConditionToken]
  let source: ScalarText
  var position = 0
  var depth = 0

  init(tokens: [ConditionToken], source: ScalarText) {
    self.tokens = tokens
    self.source = source
  }

  var current: ConditionToken { tokens[position] }

  func range(_ start: Int, _ end: Int) -> TextRange { source.range(start, end) }

  func unexpected(_ expected: ConditionExpectation) -> ConditionProblem {
    let token = current
    let found = token.kind == .end ? nil : source.text(token.start, token.end)
    return ConditionProblem(
      kind: .unexpectedToken(found: found, expected: expected), range: range(token.start, token.end)
    )
  }

  func isWord(_ word: String) -> Bool { current.kind == .word(word) }

  mutating func parseCondition() throws(ConditionProblem) -> ConditionExpression {
    let expression = try parseOr()
    guard current.kind == .end else { throw unexpected(.operatorOrEnd) }
    return expression
  }

  mutating func parseOr() throws(ConditionProblem) -> ConditionExpression {
    var operands = [try parseAnd()]
    while isWord("or") {
      position += 1
      operands.append(try parseAnd())
    }
    return combine(operands, or: true)
  }

  mutating func parseAnd() throws(ConditionProblem) -> ConditionExpression {
    var operands = [try parseNot()]
    while isWord("and") {
      position += 1
      operands.append(try parseNot())
    }
    return combine(operands, or: false)
  }

  /// One operand stays itself; several become a flat `and`/`or` (nested ones of the same kind,
  /// from parentheses, are flattened too).
  func combine(_ operands: [ConditionExpression], or: Bool) -> ConditionExpression {
    guard operands.count > 1 else { return operands[0] }
    var flat: [ConditionExpression] = []
    for operand in operands {
      switch (operand, or) {
      case (.or(let inner, _), true), (.and(let inner, _), false): flat += inner
      default: flat.append(operand)
      }
    }
    let whole = TextRange(
      characters: operands[0].range.characters
        .lowerBound..<operands[operands.count - 1].range
        .characters.upperBound,
      utf8: operands[0].range.utf8.lowerBound..<operands[operands.count - 1].range.utf8.upperBound)
    return or ? .or(flat, range: whole) : .and(flat, range: whole)
  }

  mutating func enter() throws(ConditionProblem) {
    depth += 1
    if depth > ConditionParser.maximumDepth {
      throw ConditionProblem(
        kind: .tooDeeplyNested(limit: ConditionParser.maximumDepth),
        range: range(current.start, current.end))
    }
  }

  mutating func parseNot() throws(ConditionProblem) -> ConditionExpression {
    guard isWord("not") else { return try parseComparison() }
    let start = current.start
    try enter()
    position += 1
    let operand = try parseNot()
    depth -= 1
    return .not(operand, range: range(start, operand.range.characters.upperBound))
  }

  mutating func parseComparison() throws(ConditionProblem) -> ConditionExpression {
    if current.kind == .leftParenthesis {
      try enter()
      position += 1
      let inner = try parseOr()
      guard current.kind == .rightParenthesis else { throw unexpected(.closingParenthesis) }
      position += 1
      depth -= 1
      if case .comparison = current.kind { throw unexpected(.operatorOrEnd) }
      return inner
    }
    let lhs = try parseTerm(expected: .operand)
    guard case .comparison(let op) = current.kind else { return .term(lhs) }
    position += 1
    let rhs = try parseTerm(expected: .comparisonOperand)
    if case .comparison = current.kind {
      throw ConditionProblem(kind: .chainedComparison, range: range(current.start, current.end))
    }
    return .compare(
      op, lhs, rhs, range: range(lhs.range.characters.lowerBound, rhs.range.characters.upperBound))
  }

  mutating func parseTerm(expected: ConditionExpectation) throws(ConditionProblem)
    -> ConditionTerm
  {
    let token = current
    let operand: Operand
    switch token.kind {
    case .literal(let literal): operand = .literal(literal)
    case .word(let word) where word != "and" && word != "or" && word != "not":
      operand = .path(word)
    default: throw unexpected(expected)
    }
    position += 1
    return ConditionTerm(operand: operand, range: range(token.start, token.end))
  }
}
