import FlowTestSupport
import Foundation
import Testing

/// `flowc init` through the built binary: the shop it writes checks clean under `--release`
/// and passes its own tests; it never overwrites a file; it refuses unsupported places.
@Suite struct CLIInitTests {
  /// Runs `flowc init` with `arguments` in a fresh temporary folder, after `prepare` has
  /// written what the test needs there, and hands `check` the folder and the run.
  private func initInFreshFolder(
    _ arguments: [String], prepare: (URL) throws -> Void = { _ in },
    check: (URL, ProcessRun) throws -> Void
  ) throws {
    let temporary = try TemporaryDirectory(prefix: "flowc-init")
    defer { temporary.remove() }
    try prepare(temporary.url)
    let run = try FlowcProcess.run(["init"] + arguments, currentDirectory: temporary.url)
    try check(temporary.url, run)
  }

  @Test(arguments: [
    [String](), ["--country", "UK"], ["--country", "DE", "--locales", "de-DE", "fr-FR"],
    ["--country", "JP"],
  ])
  func theNewShopChecksCleanAndPassesItsTests(options: [String]) throws {
    try initInFreshFolder(["tea-shop"] + options) { folder, created in
      #expect(created.status == 0, "\(created)")
      #expect(created.stdout.hasPrefix("Wrote Tea Shop ("), "\(created)")
      #expect(created.stdout.contains("  tea-shop/shop.yaml\n"), "\(created)")
      #expect(created.stderr.isEmpty, "\(created)")

      let check = try FlowcProcess.run(
        ["check", "--release", "--warnings-as-errors", "tea-shop/shop.yaml"],
        currentDirectory: folder)
      #expect(check.status == 0, "\(check)")
      #expect(check.stdout.isEmpty && check.stderr.isEmpty, "\(check)")

      let test = try FlowcProcess.run(
        ["test", "tea-shop/shop.yaml", "tea-shop/tests/", "--locale", "all", "--coverage"],
        currentDirectory: folder)
      #expect(test.status == 0, "\(test)")
      #expect(test.stdout.contains("payment outcomes: 7/7 (100%)"), "\(test)")
      #expect(test.stdout.contains(" 0 failed\n"), "\(test)")
    }
  }

  @Test func existingFilesAreNeverOverwritten() throws {
    try initInFreshFolder(
      ["shop"],
      prepare: { folder in
        let shop = folder.appendingPathComponent("shop")
        try FileManager.default.createDirectory(at: shop, withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: shop.appendingPathComponent("README.md"))
      },
      check: { folder, run throws in
        let shop = folder.appendingPathComponent("shop")
        let readme = shop.appendingPathComponent("README.md")
        #expect(run.status == 1, "\(run)")
        #expect(
          run.stderr == "flowc: error: 'shop/README.md' already exists; flowc init does not "
            + "overwrite files\n", "\(run)")
        #expect(try String(contentsOf: readme, encoding: .utf8) == "mine\n")
        // Nothing else was written either.
        #expect(
          !FileManager.default.fileExists(atPath: shop.appendingPathComponent("shop.yaml").path))
      })
  }

  @Test(arguments: [
    (["--country", "GB"], "unsupported country 'GB'", "did you mean 'UK'?"),
    (["--locales", "en-UK"], "unknown locale 'en-UK'", "did you mean"),
    (
      ["--country", "DE", "--locales", "en-US"], "Amazon Pay did not serve locale 'en-US'",
      "choose from de-DE, es-ES, fr-FR, it-IT"
    ),
    (["--country", "NL"], "give the shop's locales with --locales", "de-DE"),
  ])
  func unsupportedPlacesAreUsageErrors(options: [String], message: String, hint: String) throws {
    try initInFreshFolder(["shop"] + options) { folder, run in
      #expect(run.status == 64, "\(run)")
      #expect(run.stderr.hasPrefix("Error: \(message)"), "\(run)")
      #expect(run.stderr.contains(hint), "\(run)")
      #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("shop").path))
    }
  }
}
