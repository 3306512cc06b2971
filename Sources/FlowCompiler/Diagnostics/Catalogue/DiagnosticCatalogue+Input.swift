extension DiagnosticCatalogue {
  static let unreadableFileDescriptor = DiagnosticDescriptor(
    id: .unreadableFile, severity: .error,
    summary: "a file named on the command line cannot be read",
    explanation: """
      flowc could not read a file it was asked to check or compile: the file does not \
      exist, is a directory, cannot be opened with the current permissions, is larger \
      than flowc reads (\(SourceFileReader.maximumFileSize / (1024 * 1024)) MiB), or is a \
      pipe (a FIFO is refused at once rather than waited on; give `-` to read a flow from \
      standard input, once per command). The message carries the operating system's \
      reason. No other file is affected: `flowc check` goes on with the remaining files.

      Example:

      ```
      $ flowc check exmples/no-nicks.yaml
      exmples/no-nicks.yaml: error: cannot read file: no such file or directory [unreadable-file]
      ```

      Fix: check the path (it is relative to the current directory) and the file's \
      permissions.
      """)

  static let unwritableFileDescriptor = DiagnosticDescriptor(
    id: .unwritableFile, severity: .error,
    summary: "an output file cannot be written",
    explanation: """
      flowc could not write the file named by `-o`: its folder does not exist, is not \
      writable, the path names a directory, or it is a pipe without a reader. A regular \
      file is replaced whole or not at all; what the path is stays as it was (a symbolic \
      link writes its target, a file keeps its permissions and hard links, a device such \
      as `/dev/null` is written in place).

      Example:

      ```
      $ flowc compile shop.yaml -o missing-folder/shop.json
      missing-folder/shop.json: error: cannot write file: no such file or directory [unwritable-file]
      ```

      Fix: create the folder first, or choose a path you can write to.
      """)

  /// Descriptors of reading flow files and writing output files (the driver's own diagnostics).
  static let inputDescriptors: [DiagnosticDescriptor] = [
    unreadableFileDescriptor, unwritableFileDescriptor,
  ]
}

extension DiagnosticCatalogue {
  /// `cannot read file: <reason>`: a file named on the command line could not be read.
  ///
  /// - Parameter reason: The operating system's reason, lowercase, such as
  ///   `no such file or directory`.
  static func unreadableFile(reason: String) -> Diagnostic {
    unreadableFileDescriptor.report("cannot read file: \(reason)", at: nil)
  }

  /// `cannot write file: <reason>`: an output file could not be written.
  ///
  /// - Parameter reason: The operating system's reason, lowercase.
  static func unwritableFile(reason: String) -> Diagnostic {
    unwritableFileDescriptor.report("cannot write file: \(reason)", at: nil)
  }
}
