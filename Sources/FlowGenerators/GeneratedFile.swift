public import Foundation

/// A file a generator produced: its path relative to the output folder and its bytes.
public struct GeneratedFile: Sendable, Equatable {
  /// The path under the output folder, `/`-separated (such as `skill-package/skill.json`).
  public var path: String
  /// The content.
  public var contents: Data

  /// Creates a file.
  ///
  /// - Parameters:
  ///   - path: The relative path.
  ///   - contents: The bytes.
  public init(path: String, contents: Data) {
    self.path = path
    self.contents = contents
  }

  /// Writes the files under `directory`, creating folders as needed and replacing files of
  /// the same name.
  ///
  /// - Parameters:
  ///   - files: The files.
  ///   - directory: The output folder.
  /// - Throws: The file system's error when a folder or file cannot be written.
  public static func write(_ files: [GeneratedFile], into directory: URL) throws {
    for file in files {
      let url = directory.appendingPathComponent(file.path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try file.contents.write(to: url, options: .atomic)
    }
  }
}
