/// The version of flowc, printed by `flowc --version` and written into SARIF logs.
public enum FlowcVersion {
  /// The version string.
  public static let current = "0.1.0"
}
