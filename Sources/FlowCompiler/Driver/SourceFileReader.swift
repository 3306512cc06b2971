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

  /// The outcome of reading one file.
  public enum Outcome: Sendable {
    /// The file's bytes.
    case file(SourceFile)
    /// Why it could not be read, as an `unreadable-file` diagnostic.
    case failure(Diagnostic)
  }

  /// Reads a file.
  ///
  /// - Parameter path: The path as the user gave it (kept for messages).
  /// - Returns: The file, or an `unreadable-file` diagnostic.
  public static func read(path: String) -> Outcome {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      return .failure(DiagnosticCatalogue.unreadableFile(reason: lastErrorReason()))
    }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    let chunkSize = 64 * 1024
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    while true {
      let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, chunkSize) }
      if count < 0 {
        if errno == EINTR { continue }
        return .failure(DiagnosticCatalogue.unreadableFile(reason: lastErrorReason()))
      }
      if count == 0 { break }
      bytes += chunk[0..<count]
      if bytes.count > maximumFileSize {
        return .failure(
          DiagnosticCatalogue.unreadableFile(
            reason: "file is larger than \(maximumFileSize / (1024 * 1024)) MiB"))
      }
    }
    return .file(SourceFile(path: path, bytes: bytes))
  }

  /// Writes bytes to a file, replacing it, through a temporary file in the same folder and a
  /// rename, so that a failed write never leaves half a file behind.
  ///
  /// - Parameters:
  ///   - bytes: The content.
  ///   - path: The destination.
  /// - Returns: `nil` on success, or an `unwritable-file` diagnostic.
  public static func write(_ bytes: [UInt8], toPath path: String) -> Diagnostic? {
    let temporaryPath = path + ".flowc-\(getpid()).tmp"
    let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      return DiagnosticCatalogue.unwritableFile(reason: lastErrorReason())
    }
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes {
        systemWrite(descriptor, $0.baseAddress.map { $0 + written }, bytes.count - written)
      }
      if count < 0 {
        if errno == EINTR { continue }
        let reason = lastErrorReason()
        close(descriptor)
        unlink(temporaryPath)
        return DiagnosticCatalogue.unwritableFile(reason: reason)
      }
      written += count
    }
    guard close(descriptor) == 0, rename(temporaryPath, path) == 0 else {
      let reason = lastErrorReason()
      unlink(temporaryPath)
      return DiagnosticCatalogue.unwritableFile(reason: reason)
    }
    return nil
  }

  /// The current `errno` as a lowercase reason.
  private static func lastErrorReason() -> String {
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
