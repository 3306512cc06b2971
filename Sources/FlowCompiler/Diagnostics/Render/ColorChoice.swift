/// When the text rendering uses ANSI colours: the `--color` option.
public enum ColorChoice: String, Sendable, CaseIterable {
  /// Colour when the output is a terminal, `NO_COLOR` is unset or empty, and `TERM` is not
  /// `dumb`.
  case auto
  /// Always colour, whatever the output and the environment say.
  case always
  /// Never colour.
  case never

  /// Whether to colour.
  ///
  /// - Parameters:
  ///   - isTerminal: Whether the output goes to a terminal.
  ///   - environment: The process environment (`NO_COLOR` and `TERM` are read).
  /// - Returns: `true` to colour.
  public func usesColors(isTerminal: Bool, environment: [String: String]) -> Bool {
    switch self {
    case .always: return true
    case .never: return false
    case .auto:
      // https://no-color.org: present and not empty disables colour.
      if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
      if environment["TERM"] == "dumb" { return false }
      return isTerminal
    }
  }
}
