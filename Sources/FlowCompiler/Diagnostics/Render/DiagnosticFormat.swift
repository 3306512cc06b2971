/// The ways flowc can print a ``DiagnosticReport``.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
  /// Compiler-style text with source lines and carets, like `swiftc -diagnostic-style llvm`.
  case text
  /// flowc's own JSON document, with sorted keys (described in `docs/cli.md`).
  case json
  /// SARIF 2.1.0, for code-scanning tools.
  case sarif
  /// GitHub Actions workflow commands (`::error file=…::message`), one per diagnostic.
  case github
}

extension DiagnosticReport {
  /// Renders the report in a format.
  ///
  /// - Parameters:
  ///   - format: The output format.
  ///   - colors: Whether the text format uses ANSI colours; ignored by the other formats.
  /// - Returns: The rendering, ending with a newline unless it is empty. The text format does
  ///   not include ``summaryLine``: the caller decides where that goes.
  public func rendered(as format: DiagnosticFormat, colors: Bool = false) -> String {
    switch format {
    case .text: TextDiagnosticRenderer(colors: colors).render(self)
    case .json: JSONDiagnosticRenderer().render(self)
    case .sarif: SARIFDiagnosticRenderer().render(self)
    case .github: GitHubAnnotationRenderer().render(self)
    }
  }

  /// Renders the report in a format piece by piece, handing each piece to `write` as soon as
  /// it is ready: the text and GitHub formats diagnostic by diagnostic, so that a long report
  /// is streamed; the JSON and SARIF documents (bounded by ``FileDiagnostics/defaultLimit``) whole.
  /// The pieces joined are ``rendered(as:colors:)``.
  ///
  /// - Parameters:
  ///   - format: The output format.
  ///   - colors: Whether the text format uses ANSI colours; ignored by the other formats.
  ///   - write: Receives the pieces in order.
  public func render(as format: DiagnosticFormat, colors: Bool = false, to write: (String) -> Void)
  {
    switch format {
    case .text: TextDiagnosticRenderer(colors: colors).render(self, to: write)
    case .github: GitHubAnnotationRenderer().render(self, to: write)
    case .json, .sarif: write(rendered(as: format, colors: colors))
    }
  }
}
