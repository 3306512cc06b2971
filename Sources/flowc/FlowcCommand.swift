import ArgumentParser

/// The `flowc` root command: subcommands only, no logic of its own.
@main
struct FlowcCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "flowc",
    abstract: "A declarative skill-flow compiler for voice commerce on Alexa.",
    subcommands: [RunCommand.self]
  )
}
