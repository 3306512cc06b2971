import ArgumentParser
import FlowCompiler
import Foundation

/// `flowc init DIR [--country C] [--locales L…]`: writes a new shop (a flow, a test script, a
/// README) that passes `flowc check --release` and `flowc test` as written.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Write a new shop: a flow, a test script and a README.",
    discussion: """
      Writes DIR/\(ShopScaffold.flowPath), DIR/\(ShopScaffold.testPath) and \
      DIR/\(ShopScaffold.readmePath), creating DIR when needed; the shop's name and \
      invocation come from DIR's name. The flow's comments explain the language. Existing \
      files are never overwritten. Exit status: 0 written, 1 when a file exists (then nothing \
      is written) or cannot be written, 64 on a usage error (an unsupported country or \
      locale included).
      """
  )

  @Argument(help: "The folder of the new shop.")
  var directory: String

  @Option(
    help: ArgumentHelp(
      "The merchant's Amazon Pay country of establishment (default: US).",
      valueName: "country"))
  var country: String?

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "The skill's locales, the default first (default: the country's own).",
      valueName: "locale"))
  var locales: [String] = []

  /// The planned shop; a usage error for an unsupported country or locale.
  private func scaffold() throws -> ShopScaffold {
    let folderName = URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent
    let locales = self.locales.flatMap { $0.split(separator: ",").map(String.init) }
    do {
      return try ShopScaffold(folderName: folderName, country: country, locales: locales)
    } catch {
      throw ValidationError(error.description)
    }
  }

  func validate() throws {
    _ = try scaffold()
  }

  func run() throws {
    let shop = try scaffold()
    let fileManager = FileManager.default
    let folder = URL(fileURLWithPath: directory)
    let targets = shop.files.map { (file: $0, url: folder.appendingPathComponent($0.path)) }
    let existing = targets.filter { fileManager.fileExists(atPath: $0.url.path) }
    guard existing.isEmpty else {
      for target in existing {
        StandardStream.error.write(
          "flowc: error: '\(display(target.file.path))' already exists; flowc init does not "
            + "overwrite files\n")
      }
      throw ExitCode.failure
    }
    do {
      for target in targets {
        try fileManager.createDirectory(
          at: target.url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(target.file.contents.utf8).write(to: target.url, options: .withoutOverwriting)
      }
    } catch {
      StandardStream.error.write("flowc: error: \(error.localizedDescription)\n")
      throw ExitCode.failure
    }
    var report = "Wrote \(shop.name) (\(shop.locales.joined(separator: ", ")), \(shop.country)):\n"
    for target in targets { report += "  \(display(target.file.path))\n" }
    let flow = display(ShopScaffold.flowPath)
    report += """
      Try it:
        flowc check --release \(flow)
        flowc test \(flow) \(display("tests/")) --locale all --coverage

      """
    StandardStream.output.write(report)
  }

  /// A path inside the shop's folder, as the user wrote the folder.
  private func display(_ path: String) -> String {
    (directory.hasSuffix("/") ? directory : directory + "/") + path
  }
}
