internal import FlowIR
internal import Foundation

/// Prints a ``FlowGraph`` as a Mermaid flowchart.
///
/// The shapes follow ``DotPrinter``: `ask` rounded, `tell` stadium, `choose` rhombus,
/// Connections hexagon (classes `setup` and `charge`), the start a small circle and the global
/// transitions an asymmetric flag. Edges on a path into a charge are thick (`==>`) and red.
enum MermaidPrinter {
  static func render(_ graph: FlowGraph) -> String {
    var printer = CodePrinter()
    printer.print("flowchart TD")
    printer.indent()
    for node in graph.nodes {
      printer.print(declaration(of: node))
    }
    for edge in graph.edges {
      let arrow = edge.isOnChargePath ? "==>" : (edge.kind == .otherwise ? "-.->" : "-->")
      printer.print(
        "\(name(of: graph.nodes[edge.from])) \(arrow)|\(quote(edge.label))| \(name(of: graph.nodes[edge.to]))"
      )
    }
    printer.print("classDef setup fill:\(GraphPalette.setupFill)")
    printer.print("classDef charge fill:\(GraphPalette.chargeFill),stroke-width:3px")
    printer.print(
      "classDef unreachable stroke-dasharray:5 5,color:\(GraphPalette.unreachable)")
    for (className, matches) in [
      ("setup", { (node: FlowGraph.Node) in node.kind == .connections(.setup) }),
      ("charge", { (node: FlowGraph.Node) in node.kind == .connections(.charge) }),
      ("unreachable", { (node: FlowGraph.Node) in !node.isReachable }),
    ] {
      let names = graph.nodes.filter(matches).map(name(of:))
      if !names.isEmpty { printer.print("class \(names.joined(separator: ",")) \(className)") }
    }
    let chargeEdges = graph.edges.indices.filter { graph.edges[$0].isOnChargePath }
    if !chargeEdges.isEmpty {
      printer.print(
        "linkStyle \(chargeEdges.map(String.init).joined(separator: ",")) stroke:\(GraphPalette.chargePath)"
      )
    }
    printer.outdent()
    return printer.content
  }

  /// Node names that no Mermaid keyword (`end`, `graph`) and no state id can collide with:
  /// states get `s_`, the pseudo-nodes `flowc_`.
  private static func name(of node: FlowGraph.Node) -> String {
    switch node.kind {
    case .start, .global: "flowc_\(node.id)"
    default: "s_\(node.id)"
    }
  }

  private static func declaration(of node: FlowGraph.Node) -> String {
    var lines = [node.id]
    if let detail = node.detail { lines.append(detail) }
    if !node.isReachable { lines.append("(unreachable)") }
    let label = quote(lines)
    let name = name(of: node)
    switch node.kind {
    case .start: return "\(name)((\"start\"))"
    case .global: return "\(name)>\(label)]"
    case .ask: return "\(name)(\(label))"
    case .tell: return "\(name)([\(label)])"
    case .choose: return "\(name){\(label)}"
    case .connections: return "\(name){{\(label)}}"
    }
  }

  /// A quoted Mermaid label: lines joined with `<br/>`; quotes and angle brackets as entity
  /// codes, so that a condition such as `quantity > 1` is not read as markup.
  private static func quote(_ lines: [String]) -> String {
    let text = lines.map {
      $0.replacingOccurrences(of: "\"", with: "#quot;")
        .replacingOccurrences(of: "<", with: "#60;")
        .replacingOccurrences(of: ">", with: "#62;")
    }.joined(separator: "<br/>")
    return "\"\(text)\""
  }
}
