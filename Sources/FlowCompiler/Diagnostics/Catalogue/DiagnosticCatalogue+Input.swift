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

  static let tooManyDiagnosticsDescriptor = DiagnosticDescriptor(
    id: .tooManyDiagnostics, severity: .error,
    summary: "a file has more diagnostics than are shown",
    explanation: """
      flowc shows at most \(FileDiagnostics.defaultLimit) diagnostics per file, the first by \
      position, so that a badly broken (or hostile) file cannot flood a terminal or a CI log. \
      This diagnostic comes last, at the first diagnostic left out, and says how many more \
      there are. It is an error when one of those left out is an error, else a warning; it is \
      not counted itself: the summary line and the exit status count every diagnostic of the \
      file, those left out included. The JSON and SARIF documents and the GitHub annotations \
      carry it too.

      Example:

      ```
      big.yaml:212:3: error: 4812 more diagnostics are not shown (4812 errors) [too-many-diagnostics]
      ```

      Fix: fix the problems shown (often one mistake, such as a wrong indentation, causes \
      many), and check again.
      """)

  /// Descriptors of reading flow files and writing output files, and of the report's limit
  /// (the driver's own diagnostics).
  static let inputDescriptors: [DiagnosticDescriptor] = [
    unreadableFileDescriptor, unwritableFileDescriptor, tooManyDiagnosticsDescriptor,
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

  /// `N more diagnostics are not shown (E errors, W warnings)`: the last diagnostic of a file
  /// that has more than ``FileDiagnostics/defaultLimit``.
  ///
  /// - Parameters:
  ///   - count: How many were left out.
  ///   - range: Where the first one left out is.
  static func tooManyDiagnostics(_ count: Int, errors: Int, warnings: Int, at range: SourceRange?)
    -> Diagnostic
  {
    var kinds: [String] = []
    if errors > 0 { kinds.append(errors == 1 ? "1 error" : "\(errors) errors") }
    if warnings > 0 { kinds.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
    let detail = kinds.isEmpty ? "" : " (" + kinds.joined(separator: ", ") + ")"
    return tooManyDiagnosticsDescriptor.report(
      count == 1
        ? "1 more diagnostic is not shown\(detail)"
        : "\(count) more diagnostics are not shown\(detail)",
      at: range, severity: errors > 0 ? .error : .warning)
  }
}
