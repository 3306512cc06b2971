import FlowTestSupport
import Testing

@testable import FlowCompiler

/// The position table against a walk over the text's scalars, on ASCII texts (which take the
/// table's `memchr` path) and on texts with multi-byte characters, with and without a byte
/// order mark, so that both ways of building it give the same positions.
@Suite struct SourcePositionTableTests {
  /// Every position of a text as a plain walk finds it: the position of each character index
  /// `0...count` (a CRLF is two characters, as libyaml counts them).
  static func referencePositions(of bytes: [UInt8], textStart: Int) -> [SourcePosition] {
    var positions: [SourcePosition] = []
    var line = 1
    var column = 1
    var offset = textStart
    while offset < bytes.count {
      positions.append(SourcePosition(line: line, column: column, offset: offset))
      let byte = bytes[offset]
      let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
      offset += length
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    positions.append(SourcePosition(line: line, column: column, offset: bytes.count))
    return positions
  }

  /// A text of random lines drawn from `pieces`.
  static func randomText(
    pieces: [String], lines: Int, using generator: inout some RandomNumberGenerator
  )
    -> String
  {
    (0..<lines).map { _ in
      (0..<Int.random(in: 0...12, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }.joined()
    }.joined(separator: Bool.random(using: &generator) ? "\n" : "\r\n")
  }

  @Test(arguments: [false, true], [false, true])
  func everyCharacterIndexIsWhereAWalkFindsIt(nonASCII: Bool, byteOrderMark: Bool) {
    var generator = SeededGenerator(seed: nonASCII ? 7 : 3)
    let pieces = ["a", "key: ", "  ", "- ", "{x}", "\t"] + (nonASCII ? ["é", "日本", "🛒"] : [])
    for round in 0..<40 {
      let text =
        Self.randomText(pieces: pieces, lines: round % 9, using: &generator)
        + (round.isMultiple(of: 3) ? "\n" : "")
      let bytes = (byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
      let textStart = byteOrderMark ? 3 : 0
      var table = SourcePositionTable(bytes: bytes, textStart: textStart)
      let expected = Self.referencePositions(of: bytes, textStart: textStart)
      #expect(table.characterCount == expected.count - 1)
      #expect(table.lineCount == 1 + bytes.count { $0 == UInt8(ascii: "\n") })
      // Forward (as the loader asks), then backward (past the table's last-line shortcut).
      for index in expected.indices {
        #expect(
          table.position(ofCharacterIndex: index) == expected[index],
          "\(text.debugDescription) @\(index)")
      }
      for index in expected.indices.reversed() {
        #expect(table.position(ofCharacterIndex: index) == expected[index])
        #expect(table.position(ofOffset: expected[index].offset) == expected[index])
      }
      // Split on the bytes: a String would keep "\r\n" together as one character.
      let lines = bytes[textStart...].split(
        separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      for (index, line) in lines.enumerated() {
        var text = String(decoding: line, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        if index == 0, byteOrderMark { text = "\u{FEFF}" + text }
        #expect(table.lineText(index + 1) == text)
      }
    }
  }

  @Test func theFirstNonASCIIByteIsFoundAtEveryOffset() {
    var generator = SeededGenerator(seed: 11)
    for _ in 0..<200 {
      var bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
        UInt8.random(in: 0...0x7F, using: &generator)
      }
      if !bytes.isEmpty, Bool.random(using: &generator) {
        bytes[Int.random(in: bytes.indices, using: &generator)] = 0xC3
      }
      for start in 0...bytes.count {
        let expected = bytes[start...].firstIndex { $0 >= 0x80 } ?? bytes.count
        let found = bytes.withUnsafeBufferPointer {
          UTF8Validation.firstNonASCII(in: $0, from: start)
        }
        #expect(found == expected)
      }
    }
  }

  @Test func validationAgreesWithTheStandardLibraryOnRandomBytes() {
    var generator = SeededGenerator(seed: 5)
    let alphabet: [UInt8] = [
      0x41, 0x0A, 0x7F, 0x80, 0xBF, 0xC2, 0xC3, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
    ]
    for _ in 0..<3_000 {
      // Long ASCII runs around a few bytes from the interesting ones.
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 0...4, using: &generator) {
        bytes += Array(
          repeating: UInt8(ascii: "a"), count: Int.random(in: 0...17, using: &generator))
        bytes += (0..<Int.random(in: 1...4, using: &generator)).map { _ in
          alphabet.randomElement(using: &generator)!
        }
      }
      guard !bytes.starts(with: [0xFF, 0xFE]) else { continue }
      let valid = String(validating: bytes, as: UTF8.self) != nil
      #expect((UTF8Validation.firstProblem(in: bytes) == nil) == valid, "\(bytes)")
    }
  }
}
