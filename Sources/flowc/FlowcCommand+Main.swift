import ArgumentParser
import FlowCompiler

extension FlowcCommand {
  /// The entry point: a misspelt subcommand (`flowc chekc`) is a usage error that suggests
  /// the closest command; everything else is argument-parser's own `main`.
  static func main() async {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let message = misspeltSubcommandMessage(arguments) {
      exit(withError: ValidationError(message))
    }
    await main(arguments)
  }

  /// The names `flowc` accepts as its first argument.
  static var subcommandNames: [String] {
    configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
  }

  /// `unknown command 'chekc'; did you mean 'check'?` when the first argument is not an option,
  /// not a command, and close to one; `nil` otherwise (argument-parser reports the rest).
  static func misspeltSubcommandMessage(_ arguments: [String]) -> String? {
    guard let first = arguments.first, !first.hasPrefix("-"), !subcommandNames.contains(first),
      let suggestion = Suggestions.closest(to: first, among: subcommandNames)
    else { return nil }
    return "unknown command '\(first)'; did you mean '\(suggestion)'?"
  }
}
