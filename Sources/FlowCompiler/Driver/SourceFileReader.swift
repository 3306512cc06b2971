#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads and writes the files named on the command line, turning every failure into a
/// diagnostic with the operating system's reason (`no such file or directory`, …).
public enum SourceFileReader {
  /// The most bytes flowc reads from one file; a bigger file (or an endless one, such as a
  /// device) is refused instead of filling memory.
  public static let maximumFileSize = 64 * 1024 * 1024

  /// The path that names standard input (`flowc check -`).
  public static let standardInputPath = "-"

  /// How diagnostics name standard input.
  public static let standardInputName = "<stdin>"

  /// The outcome of reading one file.
  public enum Outcome: Sendable {
    /// The file's bytes.
    case file(SourceFile)
    /// Why it could not be read, as an `unreadable-file` diagnostic.
    case failure(Diagnostic)
  }

  /// Reads a file, or standard input for ``standardInputPath``.
  ///
  /// - Parameter path: The path as the user gave it (kept for messages).
  /// - Returns: The file (named ``standardInputName`` for standard input), or an
  ///   `unreadable-file` diagnostic.
  public static func read(path: String) -> Outcome {
    switch load(path: path) {
    case .success(let file): .file(file)
    case .failure(let failure): .failure(DiagnosticCatalogue.unreadableFile(reason: failure.reason))
    }
  }

  /// Reads a file, or standard input for ``standardInputPath``, at most ``maximumFileSize``
  /// bytes.
  ///
  /// A named pipe (FIFO) or a socket is refused at once rather than waited on: without a
  /// writer, reading it would block forever.
  ///
  /// - Parameter path: The path as the user gave it (kept for messages).
  /// - Returns: The file (named ``standardInputName`` for standard input), or why it could
  ///   not be read.
  public static func load(path: String) -> Result<SourceFile, ReadFailure> {
    if path == standardInputPath {
      return readAll(descriptor: STDIN_FILENO, limit: maximumFileSize).map {
        SourceFile(path: standardInputName, bytes: $0)
      }
    }
    // Non-blocking, so that opening a FIFO without a writer returns; reads block again below.
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
    guard descriptor >= 0 else { return .failure(ReadFailure(reason: lastErrorReason())) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      return .failure(ReadFailure(reason: lastErrorReason()))
    }
    switch status.st_mode & S_IFMT {
    case S_IFIFO, S_IFSOCK:
      return .failure(
        ReadFailure(
          reason: "it is a pipe, not a file (give '\(standardInputPath)' to read standard input)"))
    default: break
    }
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    return readAll(descriptor: descriptor, limit: maximumFileSize).map {
      SourceFile(path: path, bytes: $0)
    }
  }

  /// Why ``readAll(descriptor:limit:)`` gave no bytes.
  public struct ReadFailure: Error, Sendable, Equatable {
    /// The reason, lowercase: the operating system's, or `larger than N MiB`.
    public var reason: String
    /// Whether the input was longer than the limit (rather than unreadable).
    public var isTooLarge: Bool

    /// Creates a failure.
    public init(reason: String, isTooLarge: Bool = false) {
      self.reason = reason
      self.isTooLarge = isTooLarge
    }
  }

  /// Reads a descriptor to its end, stopping as soon as it has more than `limit` bytes (so
  /// that an endless input such as `/dev/zero` is refused quickly).
  ///
  /// - Parameters:
  ///   - descriptor: An open descriptor, such as `STDIN_FILENO`.
  ///   - limit: The most bytes accepted.
  /// - Returns: The bytes, or why there are none.
  public static func readAll(descriptor: Int32, limit: Int) -> Result<[UInt8], ReadFailure> {
    var bytes: [UInt8] = []
    // A regular file says its size: the array is then made once at that size, not doubled as
    // it fills (which left up to half of it unused for as long as the file is kept).
    var status = stat()
    if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
      status.st_size > 0, status.st_size <= limit
    {
      bytes.reserveCapacity(Int(status.st_size))
    }
    let chunkSize = 64 * 1024
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    while true {
      let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, chunkSize) }
      if count < 0 {
        if errno == EINTR { continue }
        return .failure(ReadFailure(reason: lastErrorReason()))
      }
      if count == 0 { break }
      bytes += chunk[0..<count]
      if bytes.count > limit {
        return .failure(ReadFailure(reason: "larger than \(sizeText(limit))", isTooLarge: true))
      }
    }
    return .success(bytes)
  }

  /// A byte count for messages: `16 KiB`, `64 MiB`, or bytes.
  public static func sizeText(_ bytes: Int) -> String {
    if bytes >= 1024 * 1024, bytes % (1024 * 1024) == 0 { return "\(bytes / (1024 * 1024)) MiB" }
    if bytes >= 1024, bytes % 1024 == 0 { return "\(bytes / 1024) KiB" }
    return "\(bytes) bytes"
  }

  /// Writes all bytes to a descriptor, retrying short and interrupted writes.
  ///
  /// - Parameters:
  ///   - bytes: The content.
  ///   - descriptor: An open descriptor, such as `STDOUT_FILENO`.
  /// - Returns: `nil` when everything was written, else the operating system's reason
  ///   (`no space left on device`).
  public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes {
        systemWrite(descriptor, $0.baseAddress.map { $0 + written }, bytes.count - written)
      }
      if count < 0 {
        if errno == EINTR { continue }
        return lastErrorReason()
      }
      written += count
    }
    return nil
  }

  /// Writes bytes to a file without changing what the path is.
  ///
  /// - A symbolic link is followed: its target is written and the link stays.
  /// - A regular file with one name is replaced through a temporary file in the same folder
  ///   and a rename, keeping its permissions (and owner, where allowed), so that a failed
  ///   write never leaves half a file behind. A new file gets the usual permissions (0666
  ///   less the umask).
  /// - A regular file with several names (hard links) is rewritten in place, so that every
  ///   name still shows the same file.
  /// - Anything else (`/dev/null`, a terminal, a pipe with a reader) is written in place; a
  ///   pipe without a reader is refused rather than waited on.
  ///
  /// - Parameters:
  ///   - bytes: The content.
  ///   - path: The destination.
  /// - Returns: `nil` on success, or an `unwritable-file` diagnostic.
  public static func write(_ bytes: [UInt8], toPath path: String) -> Diagnostic? {
    let target: String
    switch resolvingLinks(path) {
    case .success(let resolved): target = resolved
    case .failure(let failure): return DiagnosticCatalogue.unwritableFile(reason: failure.reason)
    }
    var status = stat()
    guard stat(target, &status) == 0 else {
      guard errno == ENOENT else {
        return DiagnosticCatalogue.unwritableFile(reason: lastErrorReason())
      }
      return replace(target, with: bytes, keeping: nil)
    }
    switch status.st_mode & S_IFMT {
    case S_IFDIR:
      return DiagnosticCatalogue.unwritableFile(reason: "it is a directory")
    case S_IFREG where status.st_nlink <= 1:
      return replace(target, with: bytes, keeping: status)
    default:
      return writeInPlace(target, bytes)
    }
  }

  /// The path with symbolic links followed (at most 40, as the kernel allows); the last
  /// target may not exist yet.
  private static func resolvingLinks(_ path: String) -> Result<String, ReadFailure> {
    var current = path
    for _ in 0..<40 {
      var status = stat()
      guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else {
        return .success(current)
      }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let length = readlink(current, &buffer, buffer.count - 1)
      guard length >= 0 else {
        return .failure(ReadFailure(reason: lastErrorReason()))
      }
      let destination = String(
        decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if destination.hasPrefix("/") {
        current = destination
      } else if let slash = current.lastIndex(of: "/") {
        current = String(current[...slash]) + destination
      } else {
        current = destination
      }
    }
    return .failure(ReadFailure(reason: "too many levels of symbolic links"))
  }

  /// Writes a temporary file next to `path` and renames it over `path`; `replaced` is the
  /// status of the file replaced, whose permissions and owner the new file takes.
  private static func replace(_ path: String, with bytes: [UInt8], keeping replaced: stat?)
    -> Diagnostic?
  {
    let temporaryPath = path + ".flowc-\(getpid()).tmp"
    let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, 0o666)
    guard descriptor >= 0 else {
      return DiagnosticCatalogue.unwritableFile(reason: lastErrorReason())
    }
    if let replaced {
      // The owner first: changing it may clear set-id bits that the mode then restores.
      _ = fchown(descriptor, replaced.st_uid, replaced.st_gid)
      _ = fchmod(descriptor, replaced.st_mode & 0o7777)
    }
    if let reason = writeAll(bytes, to: descriptor) {
      close(descriptor)
      unlink(temporaryPath)
      return DiagnosticCatalogue.unwritableFile(reason: reason)
    }
    guard close(descriptor) == 0, rename(temporaryPath, path) == 0 else {
      let reason = lastErrorReason()
      unlink(temporaryPath)
      return DiagnosticCatalogue.unwritableFile(reason: reason)
    }
    return nil
  }

  /// Opens an existing file or device and writes it from the start, truncating a regular
  /// file to the new length.
  private static func writeInPlace(_ path: String, _ bytes: [UInt8]) -> Diagnostic? {
    let descriptor = open(path, O_WRONLY | O_NONBLOCK)
    guard descriptor >= 0 else {
      let reason = errno == ENXIO ? "it is a pipe without a reader" : lastErrorReason()
      return DiagnosticCatalogue.unwritableFile(reason: reason)
    }
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    var status = stat()
    if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG {
      guard ftruncate(descriptor, 0) == 0 else {
        let reason = lastErrorReason()
        close(descriptor)
        return DiagnosticCatalogue.unwritableFile(reason: reason)
      }
    }
    if let reason = writeAll(bytes, to: descriptor) {
      close(descriptor)
      return DiagnosticCatalogue.unwritableFile(reason: reason)
    }
    guard close(descriptor) == 0 else {
      return DiagnosticCatalogue.unwritableFile(reason: lastErrorReason())
    }
    return nil
  }

  /// The current `errno` as a lowercase reason.
  static func lastErrorReason() -> String {
    let message = String(cString: strerror(errno))
    guard let first = message.first else { return "unknown error" }
    return first.lowercased() + message.dropFirst()
  }
}

// The type's own `read` and `write` shadow the C functions inside it.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int)
  -> Int
{
  read(descriptor, buffer, count)
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(descriptor, buffer, count)
}
