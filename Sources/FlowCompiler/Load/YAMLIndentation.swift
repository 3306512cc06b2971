/// Finds the line whose indentation breaks the block structure before a YAML syntax error.
///
/// libyaml reports a line indented less than its siblings as `did not find expected key` and a
/// line indented more than a sibling that has a value as `mapping values are not allowed in
/// this context`, neither of which names indentation. This scan follows the block levels
/// (mapping keys and `- ` items) line by line up to the error, the way a reader does: a line
/// may open a deeper level only after a line ending in `:` or a bare `-`; otherwise it must
/// line up with an open level. Block scalars (`|`, `>`), flow collections spanning lines,
/// comments and blank lines are skipped. One pass over the bytes before the error: linear.
struct YAMLIndentation {
  /// A line indented off its siblings.
  struct Finding: Equatable {
    /// Whether the line is indented more than its siblings (else less).
    var deeper: Bool
    /// The byte offset of the line's first non-space character.
    var offset: Int
    /// Its indentation, in spaces.
    var indent: Int
    /// The byte offset of the first non-space character of the sibling it should line up with.
    var siblingOffset: Int
    /// The sibling's indentation, in spaces.
    var siblingIndent: Int
  }

  private struct Level {
    var indent: Int
    var offset: Int
  }

  /// The misindented line closest before `end` (a byte offset), when it is on the line of
  /// `end` or the line before; `nil` when the indentation is consistent there.
  ///
  /// - Parameters:
  ///   - bytes: The file.
  ///   - start: Where the YAML text starts (after a byte order mark).
  ///   - end: The byte offset of the syntax error.
  static func misindentedLine(in bytes: [UInt8], from start: Int, before end: Int) -> Finding? {
    var stack: [Level] = []
    var previousOpens = false
    var blockScalarIndent: Int?
    var flowDepth = 0
    var finding: Finding?
    var lineStart = start
    let limit = min(end, bytes.count)
    var errorLineStart = start
    while lineStart <= limit, lineStart < bytes.count {
      var lineEnd = lineStart
      while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
      defer {
        if lineEnd >= limit { errorLineStart = lineStart }
        lineStart = lineEnd + 1
      }
      var indent = 0
      while lineStart + indent < lineEnd, bytes[lineStart + indent] == UInt8(ascii: " ") {
        indent += 1
      }
      let first = lineStart + indent
      var contentEnd = lineEnd
      while contentEnd > first,
        [UInt8(ascii: " "), UInt8(ascii: "\r")].contains(bytes[contentEnd - 1])
      {
        contentEnd -= 1
      }
      if first < lineEnd, bytes[first] == UInt8(ascii: "\t") { return nil }
      if first >= contentEnd || bytes[first] == UInt8(ascii: "#") { continue }
      if let scalarIndent = blockScalarIndent {
        if indent > scalarIndent { continue }
        blockScalarIndent = nil
      }
      let content = Array(bytes[first..<contentEnd])
      if flowDepth > 0 {
        flowDepth = max(0, flowDepth + bracketBalance(content))
        continue
      }
      if content.starts(with: Array("---".utf8)) || content.starts(with: Array("...".utf8)) {
        stack = []
        previousOpens = false
        continue
      }
      let thisLine = Level(indent: indent, offset: first)
      if let top = stack.last, previousOpens, indent > top.indent || isItem(content[...]) {
        if indent > top.indent { stack.append(thisLine) } else { stack[stack.count - 1] = thisLine }
      } else if stack.isEmpty {
        stack.append(thisLine)
      } else {
        var popped: Level?
        while let top = stack.last, top.indent > indent { popped = stack.removeLast() }
        if let top = stack.last, top.indent == indent {
          stack[stack.count - 1] = thisLine
        } else if let popped {
          finding = Finding(
            deeper: false, offset: first, indent: indent, siblingOffset: popped.offset,
            siblingIndent: popped.indent)
          stack.append(thisLine)
        } else if let top = stack.last {
          finding = Finding(
            deeper: true, offset: first, indent: indent, siblingOffset: top.offset,
            siblingIndent: top.indent)
          stack.append(thisLine)
        } else {
          stack.append(thisLine)
        }
      }
      let body = withoutComment(content)
      // `- key: value` opens a mapping whose keys line up after the dash.
      var itemContent = body[...]
      var itemIndent = indent
      while isItem(itemContent) {
        itemContent = itemContent.dropFirst()
        itemIndent += 1
        while itemContent.first == UInt8(ascii: " ") {
          itemContent = itemContent.dropFirst()
          itemIndent += 1
        }
        if !itemContent.isEmpty { stack.append(Level(indent: itemIndent, offset: first)) }
      }
      let last = body.last
      previousOpens = last == UInt8(ascii: ":") || body == [UInt8(ascii: "-")]
      if let last, isBlockScalarIndicator(body, last: last) { blockScalarIndent = indent }
      flowDepth = max(0, bracketBalance(body))
    }
    guard let finding else { return nil }
    // Only a misindented line at the error or just before it explains the error.
    var previousStart = errorLineStart > start ? errorLineStart - 1 : start
    while previousStart > start, bytes[previousStart - 1] != UInt8(ascii: "\n") {
      previousStart -= 1
    }
    return finding.offset >= previousStart ? finding : nil
  }

  /// Whether the content is a block sequence item: `-` alone or followed by a space.
  private static func isItem(_ content: ArraySlice<UInt8>) -> Bool {
    guard content.first == UInt8(ascii: "-") else { return false }
    let next = content.index(after: content.startIndex)
    return next == content.endIndex || content[next] == UInt8(ascii: " ")
  }

  /// Whether the line ends in a block scalar indicator such as `|`, `>-` or `|2`.
  private static func isBlockScalarIndicator(_ body: [UInt8], last: UInt8) -> Bool {
    var index = body.count - 1
    while index > 0,
      [UInt8(ascii: "-"), UInt8(ascii: "+")].contains(body[index])
        || (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(body[index])
    {
      index -= 1
    }
    guard body[index] == UInt8(ascii: "|") || body[index] == UInt8(ascii: ">") else {
      return false
    }
    return index == 0 || body[index - 1] == UInt8(ascii: " ")
  }

  /// The content without a trailing `# comment` (outside quotes), trailing spaces removed.
  private static func withoutComment(_ content: [UInt8]) -> [UInt8] {
    var quote: UInt8?
    var end = content.count
    for (index, byte) in content.enumerated() {
      if let open = quote {
        if byte == open { quote = nil }
      } else if isQuote(content, at: index) {
        quote = byte
      } else if byte == UInt8(ascii: "#"), index == 0 || content[index - 1] == UInt8(ascii: " ") {
        end = index
        break
      }
    }
    var trimmed = Array(content[..<end])
    while trimmed.last == UInt8(ascii: " ") { trimmed.removeLast() }
    return trimmed
  }

  /// Whether the byte at `index` opens a quoted scalar: a quote where a value starts (an
  /// apostrophe inside plain text such as `don't` does not).
  private static func isQuote(_ content: [UInt8], at index: Int) -> Bool {
    guard content[index] == UInt8(ascii: "\"") || content[index] == UInt8(ascii: "'") else {
      return false
    }
    guard index > 0 else { return true }
    return [UInt8(ascii: " "), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ",")].contains(
      content[index - 1])
  }

  /// Opening minus closing brackets outside quotes.
  private static func bracketBalance(_ content: [UInt8]) -> Int {
    var balance = 0
    var quote: UInt8?
    for (index, byte) in content.enumerated() {
      if let open = quote {
        if byte == open { quote = nil }
        continue
      }
      if isQuote(content, at: index) {
        quote = byte
        continue
      }
      switch byte {
      case UInt8(ascii: "["), UInt8(ascii: "{"): balance += 1
      case UInt8(ascii: "]"), UInt8(ascii: "}"): balance -= 1
      default: break
      }
    }
    return balance
  }
}
