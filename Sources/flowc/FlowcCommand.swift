import ArgumentParser
import FlowCompiler

/// The `flowc` root command: subcommands only, no logic of its own.
@main
struct FlowcCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "flowc",
    abstract: "A declarative skill-flow compiler for voice commerce on Alexa.",
    discussion: """
      Exit status: 0 when clean or with warnings only, 1 when errors were reported, \
      64 on a usage error.
      """,
    version: FlowcVersion.current,
    // One line per command, in the order `flowc --help` lists them.
    subcommands: [
      CheckCommand.self,
      CompileCommand.self,
      ExplainCommand.self,
      GenerateCommand.self, GraphCommand.self, InitCommand.self,
      RunCommand.self,
      SchemaCommand.self,
      ServeCommand.self,
      SimulateCommand.self,
      TestCommand.self,
    ]
  )
}
