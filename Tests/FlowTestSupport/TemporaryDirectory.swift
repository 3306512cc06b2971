public import Foundation

/// A fresh directory under the system's temporary directory, for files a test writes; the
/// test removes it (`defer { folder.remove() }`).
public struct TemporaryDirectory: Sendable {
  /// The directory.
  public let url: URL

  /// Creates the directory.
  ///
  /// - Parameter prefix: The start of its name (a UUID follows), such as `flowc-cli`.
  /// - Throws: When the directory cannot be created.
  public init(prefix: String = "flowc-test") throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// A file or folder inside the directory.
  ///
  /// - Parameter name: Its name (or relative path).
  /// - Returns: Its URL.
  public func appending(_ name: String) -> URL { url.appendingPathComponent(name) }

  /// The path of a file or folder inside the directory.
  ///
  /// - Parameter name: Its name (or relative path).
  /// - Returns: Its path.
  public func path(_ name: String) -> String { appending(name).path }

  /// A fresh directory and the path of a file `name` in it.
  ///
  /// - Parameter name: The file's name.
  /// - Returns: The directory (for the test to remove) and the file's path.
  /// - Throws: When the directory cannot be created.
  public static func file(_ name: String) throws -> (directory: TemporaryDirectory, path: String) {
    let directory = try TemporaryDirectory()
    return (directory, directory.path(name))
  }

  /// Removes the directory and everything in it.
  public func remove() { try? FileManager.default.removeItem(at: url) }
}
