/// Why a prompt's SSML is not valid.
enum SSMLProblemKind: Sendable, Hashable {
  /// The first element is not `<speak>`.
  case rootNotSpeak(String)
  /// Text outside the root element (after `</speak>`, or before `<speak>` when the checker is
  /// given text that does not start with it), or a second element after `</speak>`; reported
  /// once per text.
  case contentOutsideRoot
  /// A `<speak>` inside the root `<speak>`.
  case nestedSpeak
  /// A tag that Alexa's SSML does not have; `suggestion` is a close tag name.
  case unknownTag(String, suggestion: String?)
  /// `</name>` while another element is open; `openRange` is that element's opening tag.
  case mismatchedClosingTag(found: String, expected: String, openRange: TextRange)
  /// `</name>` with no element open.
  case unexpectedClosingTag(String)
  /// An element not closed before the end of the text; the range is its opening tag.
  case unclosedTag(String)
  /// A `<` that starts no tag; write `&lt;`.
  case strayLessThan
  /// A tag that is not well-formed: no `>`, a missing `=`, a bad name, an unterminated value.
  case malformedTag
  /// An attribute value without quotes.
  case unquotedAttribute(String)
  /// The same attribute twice in one tag.
  case duplicateAttribute(String)
  /// A tag without an attribute Alexa requires on it (`<audio>` without `src`, `<say-as>`
  /// without `interpret-as`, …); the range is the tag name.
  case missingAttribute(tag: String, attribute: String)
  /// An attribute value Alexa does not accept (see ``SSMLAttributeValues``); `expected` says
  /// what it accepts. The range is the value.
  case invalidAttributeValue(tag: String, attribute: String, value: String, expected: String)
  /// A `<` inside an attribute value; write `&lt;`.
  case lessThanInAttribute
  /// A `&` that starts no entity; write `&amp;`.
  case strayAmpersand
  /// `&name;` other than `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`.
  case unknownEntity(String)
  /// `&#…;` that is not a valid XML character.
  case invalidCharacterReference(String)
  /// Comments, CDATA sections, processing instructions and DOCTYPEs, which Alexa's SSML does
  /// not accept.
  case unsupportedMarkup
}

/// A problem in SSML, with its range relative to the prompt text.
struct SSMLProblem: Sendable, Hashable {
  /// What is wrong.
  var kind: SSMLProblemKind
  /// Where.
  var range: TextRange

}

/// Checks the SSML of prompts that start with `<speak>`: XML well-formedness (matched tags,
/// quoted attributes, known entities and valid character references, no stray `<` or `&`), a
/// single `<speak>` root, tags from Alexa's SSML set, the attributes those tags require, and
/// the values of the attributes Alexa restricts (``SSMLAttributeValues``). Placeholders `{…}`
/// are plain text to it. The scan is linear and keeps no recursion, so deep nesting is safe.
enum SSMLChecker {
  /// The tags Alexa's SSML supports.
  static let knownTags: Set<String> = [
    "amazon:domain", "amazon:effect", "amazon:emotion", "audio", "break", "emphasis", "lang", "p",
    "phoneme", "prosody", "s", "say-as", "speak", "sub", "voice", "w",
  ]

  /// The attributes Alexa requires on a tag (tags not listed require none).
  static let requiredAttributes: [String: [String]] = [
    "amazon:domain": ["name"],
    "amazon:effect": ["name"],
    "amazon:emotion": ["name", "intensity"],
    "audio": ["src"],
    "lang": ["xml:lang"],
    "phoneme": ["alphabet", "ph"],
    "say-as": ["interpret-as"],
    "sub": ["alias"],
    "voice": ["name"],
    "w": ["role"],
  ]

  /// At most this many problems are reported for one text; the first ones are the useful ones.
  static let maximumProblems = 50

  /// Checks a prompt's SSML.
  ///
  /// - Parameter text: The whole prompt text (leading whitespace, then `<speak>`…).
  /// - Returns: The problems in text order; empty when the SSML is valid.
  static func check(_ text: String) -> [SSMLProblem] {
    var scanner = SSMLScanner(source: ScalarText(text))
    scanner.scan()
    return Array(scanner.problems.prefix(maximumProblems))
  }
}

private struct SSMLScanner {
  let source: ScalarText
  var index = 0
  var problems: [SSMLProblem] = []
  /// Open elements: name and the range of the opening tag.
  var open: [(name: String, range: TextRange)] = []
  var rootSeen = false
  var reportedContentOutsideRoot = false

  init(source: ScalarText) {
    self.source = source
  }

  mutating func report(_ kind: SSMLProblemKind, _ start: Int, _ end: Int) {
    guard problems.count < SSMLChecker.maximumProblems else { return }
    problems.append(SSMLProblem(kind: kind, range: source.range(start, end)))
  }

  mutating func scan() {
    while index < source.count, problems.count < SSMLChecker.maximumProblems {
      let scalar = source.scalars[index]
      switch scalar {
      case "<": tag()
      case "&":
        if open.isEmpty { contentOutsideRoot(index, index + 1) }
        entity()
      default:
        if open.isEmpty, !scalar.isLanguageWhitespace { contentOutsideRoot(index, index + 1) }
        index += 1
      }
    }
    for element in open.reversed() {
      guard problems.count < SSMLChecker.maximumProblems else { break }
      problems.append(SSMLProblem(kind: .unclosedTag(element.name), range: element.range))
    }
  }

  mutating func contentOutsideRoot(_ start: Int, _ end: Int) {
    guard !reportedContentOutsideRoot else { return }
    reportedContentOutsideRoot = true
    report(.contentOutsideRoot, start, end)
  }

  static func isNameStart(_ scalar: Unicode.Scalar?) -> Bool {
    guard let scalar else { return false }
    return scalar.isASCIILowercase || scalar.isASCIIUppercase || scalar == "_" || scalar == ":"
  }

  static func isNameCharacter(_ scalar: Unicode.Scalar?) -> Bool {
    guard let scalar else { return false }
    return isNameStart(scalar) || scalar.isASCIIDigit || scalar == "-" || scalar == "."
  }

  mutating func name() -> String {
    let start = index
    while SSMLScanner.isNameCharacter(source[index]) { index += 1 }
    return source.text(start, index)
  }

  mutating func skipWhitespace() {
    while let scalar = source[index], scalar.isLanguageWhitespace { index += 1 }
  }

  /// Skips to just past the next `>` (or to the end) after a malformed tag.
  mutating func recover() {
    while let scalar = source[index], scalar != ">" { index += 1 }
    if index < source.count { index += 1 }
  }

  mutating func tag() {
    let start = index
    let next = source[index + 1]
    if next == "!" || next == "?" {
      index += 2
      recover()
      report(.unsupportedMarkup, start, index)
      return
    }
    if next == "/" {
      closingTag(start: start)
      return
    }
    guard SSMLScanner.isNameStart(next) else {
      report(.strayLessThan, start, start + 1)
      index += 1
      return
    }
    index += 1
    let nameStart = index
    let tagName = name()
    let nameEnd = index
    var attributeNames: Set<String> = []
    guard attributes(tag: tagName, tagStart: start, seen: &attributeNames) else { return }
    let selfClosing = source[index] == "/"
    index += selfClosing ? 2 : 1
    let tagRange = source.range(start, index)
    if open.isEmpty {
      if rootSeen {
        contentOutsideRoot(start, index)
      } else if tagName != "speak" {
        report(.rootNotSpeak(tagName), nameStart, nameEnd)
      }
      rootSeen = true
    } else if tagName == "speak" {
      report(.nestedSpeak, start, index)
    }
    if !SSMLChecker.knownTags.contains(tagName) {
      report(
        .unknownTag(
          tagName,
          suggestion: LanguageSuggestions.closest(to: tagName, among: SSMLChecker.knownTags)),
        nameStart, nameEnd)
    }
    for attribute in SSMLChecker.requiredAttributes[tagName] ?? []
    where !attributeNames.contains(attribute) {
      report(.missingAttribute(tag: tagName, attribute: attribute), nameStart, nameEnd)
    }
    if !selfClosing { open.append((tagName, tagRange)) }
  }

  /// Reads attributes up to `>` or `/>` (left unconsumed) into `seen`; false after reporting a
  /// problem.
  mutating func attributes(tag: String, tagStart: Int, seen: inout Set<String>) -> Bool {
    while true {
      let hadWhitespace = source[index]?.isLanguageWhitespace ?? false
      skipWhitespace()
      guard let scalar = source[index] else {
        report(.malformedTag, tagStart, index)
        return false
      }
      if scalar == ">" || (scalar == "/" && source[index + 1] == ">") { return true }
      let attributeStart = index
      guard hadWhitespace, SSMLScanner.isNameStart(scalar) else {
        recover()
        report(.malformedTag, tagStart, index)
        return false
      }
      let attribute = name()
      let attributeEnd = index
      if !seen.insert(attribute).inserted {
        report(.duplicateAttribute(attribute), attributeStart, attributeEnd)
      }
      skipWhitespace()
      guard source[index] == "=" else {
        recover()
        report(.malformedTag, tagStart, index)
        return false
      }
      index += 1
      skipWhitespace()
      guard let quote = source[index], quote == "\"" || quote == "'" else {
        let valueStart = index
        recover()
        report(.unquotedAttribute(attribute), attributeStart, max(valueStart, index - 1))
        return false
      }
      index += 1
      let valueStart = index
      let problemsBefore = problems.count
      while let value = source[index], value != quote {
        switch value {
        case "<":
          report(.lessThanInAttribute, index, index + 1)
          index += 1
        case "&": entity()
        default: index += 1
        }
      }
      guard index < source.count else {
        report(.malformedTag, tagStart, index)
        return false
      }
      let value = source.text(valueStart, index)
      // A value with a problem of its own (a `<`, a stray `&`) is not checked further.
      if problems.count == problemsBefore,
        let expected = SSMLAttributeValues.problem(tag: tag, attribute: attribute, value: value)
      {
        report(
          .invalidAttributeValue(
            tag: tag, attribute: attribute, value: value, expected: expected),
          valueStart, index)
      }
      index += 1
    }
  }

  mutating func closingTag(start: Int) {
    index += 2
    let tagName = name()
    skipWhitespace()
    guard !tagName.isEmpty, source[index] == ">" else {
      recover()
      report(.malformedTag, start, index)
      return
    }
    index += 1
    guard let last = open.last else {
      report(.unexpectedClosingTag(tagName), start, index)
      return
    }
    if last.name == tagName {
      open.removeLast()
    } else if let match = open.lastIndex(where: { $0.name == tagName }) {
      // Close the elements left open in between, reporting the innermost.
      report(
        .mismatchedClosingTag(found: tagName, expected: last.name, openRange: last.range),
        start, index)
      open.removeSubrange(match...)
    } else {
      report(
        .mismatchedClosingTag(found: tagName, expected: last.name, openRange: last.range),
        start, index)
    }
  }

  mutating func entity() {
    let start = index
    var end = index + 1
    while end < source.count, end - start <= 12, source.scalars[end] != ";",
      source.scalars[end] != "&", source.scalars[end] != "<",
      !source.scalars[end].isLanguageWhitespace
    {
      end += 1
    }
    guard source[end] == ";", end > start + 1 else {
      report(.strayAmpersand, start, start + 1)
      index = start + 1
      return
    }
    let body = source.text(start + 1, end)
    index = end + 1
    if body.hasPrefix("#") {
      let digits = body.dropFirst()
      let value: UInt32? =
        digits.hasPrefix("x")
        ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
      guard let value, !digits.hasPrefix("+"), !digits.hasPrefix("x+"),
        SSMLScanner.isXMLCharacter(value)
      else {
        report(.invalidCharacterReference(body), start, index)
        return
      }
      return
    }
    if !["amp", "lt", "gt", "quot", "apos"].contains(body) {
      report(.unknownEntity(body), start, index)
    }
  }

  /// XML 1.0 `Char`: tab, line feed, carriage return, and U+0020… except surrogates, U+FFFE and
  /// U+FFFF.
  static func isXMLCharacter(_ value: UInt32) -> Bool {
    switch value {
    case 0x9, 0xA, 0xD: true
    case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }
}
