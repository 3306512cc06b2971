import ArgumentParser
import Foundation

/// The shape of `flowc`'s command line, with no work behind it: `--version`, and a `check`
/// subcommand that reads its file and prints its size.
@main
struct HelloCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hello-arguments", version: "0.1.0", subcommands: [Check.self])

  struct Check: AsyncParsableCommand {
    @Argument(help: "The file to read.") var path: String
    @Option(help: "The output format.") var format: String = "text"
    @Flag(help: "Say nothing.") var quiet = false

    func run() async throws {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      if !quiet { print("\(path): \(data.count) bytes (\(format))") }
    }
  }
}
