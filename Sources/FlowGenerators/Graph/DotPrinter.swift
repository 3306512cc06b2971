internal import FlowIR

/// Prints a ``FlowGraph`` as Graphviz DOT.
///
/// `ask` states are rounded boxes, `tell` states octagons, `choose` states diamonds,
/// Connections states hexagons (Setup filled yellow, Charge filled red with a heavy border),
/// the start a dot and the global transitions a note. Edges on a path into a charge are red and
/// heavy; payment outcomes are labelled (success in green). Unreachable states are dashed.
enum DotPrinter {
  static func render(_ graph: FlowGraph) -> String {
    var printer = CodePrinter()
    printer.block("digraph flow {", closing: "}") { printer in
      printer.print("rankdir=TB;")
      printer.print("node [fontname=\"Helvetica\", fontsize=11];")
      printer.print("edge [fontname=\"Helvetica\", fontsize=9];")
      for node in graph.nodes {
        printer.print("\(quoted(node.id, of: node.kind)) [\(attributes(of: node))];")
      }
      for edge in graph.edges {
        let from = graph.nodes[edge.from]
        let to = graph.nodes[edge.to]
        printer.print(
          "\(quoted(from.id, of: from.kind)) -> \(quoted(to.id, of: to.kind)) [\(attributes(of: edge))];"
        )
      }
    }
    return printer.content
  }

  /// Pseudo-nodes get names no state id can have (state ids have no parentheses).
  private static func quoted(_ id: String, of kind: FlowGraph.NodeKind) -> String {
    switch kind {
    case .start, .global: quote("(\(id))")
    default: quote(id)
    }
  }

  private static func attributes(of node: FlowGraph.Node) -> String {
    var lines = [node.id]
    if let detail = node.detail { lines.append(detail) }
    if !node.isReachable { lines.append("(unreachable)") }
    var attributes: [(String, String)] = []
    var styles: [String] = []
    switch node.kind {
    case .start:
      attributes += [("shape", "point"), ("width", "0.2")]
    case .global:
      attributes.append(("shape", "note"))
    case .ask:
      attributes.append(("shape", "box"))
      styles.append("rounded")
    case .tell:
      attributes.append(("shape", "octagon"))
    case .choose:
      attributes.append(("shape", "diamond"))
    case .connections(let name):
      attributes.append(("shape", "hexagon"))
      styles.append("filled")
      switch name {
      case .setup:
        attributes.append(("fillcolor", GraphPalette.setupFill))
      case .charge:
        attributes += [("fillcolor", GraphPalette.chargeFill), ("penwidth", "2.5")]
      }
    }
    if node.kind != .start { attributes.insert(("label", lines.joined(separator: "\n")), at: 0) }
    if !node.isReachable {
      styles.append("dashed")
      attributes += [("color", GraphPalette.unreachable), ("fontcolor", GraphPalette.unreachable)]
    }
    if !styles.isEmpty { attributes.append(("style", styles.joined(separator: ","))) }
    return list(attributes)
  }

  private static func attributes(of edge: FlowGraph.Edge) -> String {
    var attributes: [(String, String)] = [("label", edge.label.joined(separator: "\n"))]
    switch edge.kind {
    case .outcome(let outcome):
      attributes.append(
        ("fontcolor", outcome == .success ? GraphPalette.success : GraphPalette.failure))
    case .otherwise, .launch:
      attributes.append(("style", "dashed"))
    case .intent, .branch:
      break
    }
    if edge.isOnChargePath {
      attributes += [("color", GraphPalette.chargePath), ("penwidth", "2")]
    }
    return list(attributes)
  }

  private static func list(_ attributes: [(String, String)]) -> String {
    attributes.map { "\($0.0)=\(quote($0.1))" }.joined(separator: ", ")
  }

  /// A DOT string: backslashes and quotes escaped, newlines as `\n`.
  private static func quote(_ text: String) -> String {
    var escaped = ""
    for character in text {
      switch character {
      case "\\": escaped += "\\\\"
      case "\"": escaped += "\\\""
      case "\n": escaped += "\\n"
      default: escaped.append(character)
      }
    }
    return "\"\(escaped)\""
  }
}
