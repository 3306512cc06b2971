/// The text formats of `flowc graph`.
public enum GraphFormat: String, Sendable, CaseIterable {
  /// Graphviz DOT (render with `dot -Tsvg`).
  case dot
  /// A Mermaid flowchart (renders in Markdown on GitHub and GitLab).
  case mermaid

  /// The graph printed in this format.
  ///
  /// - Parameter graph: The graph.
  /// - Returns: The text, ending in a newline.
  public func render(_ graph: FlowGraph) -> String {
    switch self {
    case .dot: DotPrinter.render(graph)
    case .mermaid: MermaidPrinter.render(graph)
    }
  }
}

/// The colours both printers use, so that the two drawings read alike.
enum GraphPalette {
  static let setupFill = "#fff3c4"
  static let chargeFill = "#ffd6d6"
  static let chargePath = "#c0392b"
  static let success = "#1e8449"
  static let failure = "#7f8c8d"
  static let unreachable = "#999999"
}
