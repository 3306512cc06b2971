#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads lines from a descriptor (`flowc simulate` from standard input) with a limit on each
/// line and on the whole input, so that an endless or hostile input (`< /dev/zero`) ends with
/// a clear error instead of filling memory.
public struct BoundedLineReader {
  /// The longest line `flowc simulate` accepts, without its line break.
  public static let defaultMaximumLineLength = 16 * 1024
  /// The most input `flowc simulate` reads in one session.
  public static let defaultMaximumTotal = 16 * 1024 * 1024

  /// What reading gave.
  public enum Line: Equatable, Sendable {
    /// A line, without its line break (a final line without one included); invalid UTF-8
    /// is replaced.
    case line(String)
    /// The input ended.
    case end
    /// Reading failed or went over a limit; the reason, lowercase, for a message.
    case failure(String)
  }

  /// The descriptor read.
  public let descriptor: Int32
  /// The longest line accepted, in bytes without the line break.
  public let maximumLineLength: Int
  /// The most bytes read in all.
  public let maximumTotal: Int

  private var buffer: [UInt8] = []
  private var start = 0
  private var total = 0
  private var ended = false

  /// Creates a reader.
  ///
  /// - Parameters:
  ///   - descriptor: The descriptor, such as `STDIN_FILENO`.
  ///   - maximumLineLength: The longest line accepted, in bytes.
  ///   - maximumTotal: The most bytes read in all.
  public init(
    descriptor: Int32, maximumLineLength: Int = defaultMaximumLineLength,
    maximumTotal: Int = defaultMaximumTotal
  ) {
    self.descriptor = descriptor
    self.maximumLineLength = maximumLineLength
    self.maximumTotal = maximumTotal
  }

  /// The next line.
  public mutating func next() -> Line {
    while true {
      if let newline = buffer[start...].firstIndex(of: 0x0A) {
        guard newline - start <= maximumLineLength else { return tooLong() }
        var end = newline
        if end > start, buffer[end - 1] == 0x0D { end -= 1 }
        let line = String(decoding: buffer[start..<end], as: UTF8.self)
        start = newline + 1
        return .line(line)
      }
      guard buffer.count - start <= maximumLineLength else { return tooLong() }
      if ended {
        guard start < buffer.count else { return .end }
        let line = String(decoding: buffer[start...], as: UTF8.self)
        start = buffer.count
        return .line(line)
      }
      if start > 0 {
        buffer.removeFirst(start)
        start = 0
      }
      var chunk = [UInt8](repeating: 0, count: 64 * 1024)
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        return .failure(SourceFileReader.lastErrorReason())
      }
      if count == 0 {
        ended = true
        continue
      }
      total += count
      guard total <= maximumTotal else {
        return .failure("the input is larger than \(SourceFileReader.sizeText(maximumTotal))")
      }
      buffer += chunk[0..<count]
    }
  }

  private func tooLong() -> Line {
    .failure("a line is longer than \(SourceFileReader.sizeText(maximumLineLength))")
  }
}
