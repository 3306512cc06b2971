import ArgumentParser
import FlowGenerators

/// `flowc graph FLOW [--format dot|mermaid]`: the state diagram on standard output.
struct GraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph",
    abstract: "Print the flow's state diagram (Graphviz DOT or Mermaid).",
    discussion: """
      FLOW is a flow file (YAML, compiled first) or IR JSON. Every state and transition is \
      drawn: ask states as rounded boxes, tell states as octagons, choose states as diamonds, \
      Setup and Charge as filled hexagons; edges on a path into a charge are red, payment \
      outcomes are labelled, unreachable states dashed. Render DOT with \
      'flowc graph FLOW | dot -Tsvg > flow.svg'. Exit status: 0 printed, 1 when the flow \
      cannot be read, 64 on a usage error.
      """
  )

  @Argument(help: "The flow: a YAML flow file or IR JSON ('-' for standard input).")
  var flow: String

  /// `--format`.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case dot, mermaid

    var graphFormat: GraphFormat {
      switch self {
      case .dot: .dot
      case .mermaid: .mermaid
      }
    }
  }

  @Option(help: "The output format: dot or mermaid.")
  var format: Format = .dot

  func run() throws {
    let program = try CommandOutput.loadProgram(path: flow)
    try StandardStream.output.writeChecked(
      Array(format.graphFormat.render(FlowGraph(program: program)).utf8), "the graph")
  }
}
