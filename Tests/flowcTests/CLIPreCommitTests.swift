import FlowTestSupport
import Foundation
import Testing

/// The `flowc-check` hook of `.pre-commit-hooks.yaml`, run by pre-commit itself
/// (`pre-commit try-repo`) with the built flowc on the `PATH`: a clean flow passes, a broken
/// one fails the commit with the diagnostics. Needs the venv of `scripts/conformance-venv.sh`
/// (`FLOWC_PYTHON`, as `scripts/test.sh` sets it), which has pre-commit, and git.
@Suite struct CLIPreCommitTests {
  /// `pre-commit` next to `$FLOWC_PYTHON`, when it is there.
  static let preCommit: URL? = Tooling.python.flatMap {
    Tooling.executable($0.deletingLastPathComponent().appendingPathComponent("pre-commit").path)
  }

  /// git, from the `PATH`.
  static let git: URL? = Tooling.executable("git")

  static var available: Bool { preCommit != nil && git != nil && FlowcProcess.binary != nil }

  @Test(.enabled(if: available, "needs pre-commit (FLOWC_PYTHON's venv) and git"))
  func hookPassesACleanFlowAndFailsABrokenOne() throws {
    let preCommit = try #require(Self.preCommit)
    let git = try #require(Self.git)
    let binary = try #require(FlowcProcess.binary)
    let temporary = try TemporaryDirectory(prefix: "flowc-pre-commit")
    defer { temporary.remove() }
    let folder = temporary.url
    let shop = temporary.appending("shop")
    try FileManager.default.createDirectory(at: shop, withIntermediateDirectories: true)
    let root = FlowcProcess.repositoryRoot
    for (source, name) in [
      ("examples/no-nicks.yaml", "no-nicks.yaml"),
      ("Tests/TestData/cli/broken.yaml", "broken.yaml"),
    ] {
      try FileManager.default.copyItem(
        at: root.appendingPathComponent(source), to: shop.appendingPathComponent(name))
    }
    let quiet = ProcessInfo.processInfo.environment.merging([
      "GIT_CONFIG_NOSYSTEM": "1", "HOME": folder.path,
    ]) { $1 }
    let initialized = try TestProcess.run(
      git, ["init", "-q", "."], environment: quiet, currentDirectory: shop)
    #expect(initialized.status == 0, "\(initialized)")
    let added = try TestProcess.run(
      git, ["add", "."], environment: quiet, currentDirectory: shop)
    #expect(added.status == 0, "\(added)")

    let path =
      binary.deletingLastPathComponent().path + ":"
      + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    let environment = quiet.merging([
      "PATH": path, "PRE_COMMIT_HOME": folder.appendingPathComponent("cache").path,
      "PRE_COMMIT_COLOR": "never",
    ]) { $1 }
    func tryHook(on file: String) throws -> ProcessRun {
      try TestProcess.run(
        preCommit, ["try-repo", root.path, "flowc-check", "--files", file, "--color", "never"],
        environment: environment, currentDirectory: shop)
    }

    let clean = try tryHook(on: "no-nicks.yaml")
    #expect(clean.status == 0, "\(clean)")
    #expect(clean.stdout.contains("flowc check"), "\(clean)")
    #expect(clean.stdout.contains("Passed"), "\(clean)")

    let broken = try tryHook(on: "broken.yaml")
    #expect(broken.status == 1, "\(broken)")
    #expect(broken.stdout.contains("Failed"), "\(broken)")
    #expect(broken.stdout.contains("error: unknown state 'chrage' [unknown-state]"), "\(broken)")
  }
}
