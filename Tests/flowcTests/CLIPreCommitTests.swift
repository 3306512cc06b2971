import Foundation
import Testing

/// The `flowc-check` hook of `.pre-commit-hooks.yaml`, run by pre-commit itself
/// (`pre-commit try-repo`) with the built flowc on the `PATH`: a clean flow passes, a broken
/// one fails the commit with the diagnostics. Needs the venv of `scripts/conformance-venv.sh`
/// (`FLOWC_PYTHON`, as `scripts/test.sh` sets it), which has pre-commit, and git.
@Suite struct CLIPreCommitTests {
  /// `pre-commit` next to `$FLOWC_PYTHON`, when it is there.
  static let preCommit: URL? = {
    guard let python = ProcessInfo.processInfo.environment["FLOWC_PYTHON"], !python.isEmpty
    else { return nil }
    let url = URL(fileURLWithPath: python).deletingLastPathComponent()
      .appendingPathComponent("pre-commit")
    return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
  }()

  /// git, from the usual places.
  static let git: URL? = ["/usr/bin/git", "/usr/local/bin/git", "/opt/homebrew/bin/git"]
    .map { URL(fileURLWithPath: $0) }
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }

  static var available: Bool { preCommit != nil && git != nil && FlowcProcess.binary != nil }

  @Test(.enabled(if: available, "needs pre-commit (FLOWC_PYTHON's venv) and git"))
  func hookPassesACleanFlowAndFailsABrokenOne() throws {
    let preCommit = try #require(Self.preCommit)
    let git = try #require(Self.git)
    let binary = try #require(FlowcProcess.binary)
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-pre-commit-\(UUID().uuidString)")
    let shop = folder.appendingPathComponent("shop")
    try FileManager.default.createDirectory(at: shop, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let root = FlowcProcess.repositoryRoot
    for (source, name) in [
      ("examples/no-nicks.yaml", "no-nicks.yaml"),
      ("Tests/TestData/cli/broken.yaml", "broken.yaml"),
    ] {
      try FileManager.default.copyItem(
        at: root.appendingPathComponent(source), to: shop.appendingPathComponent(name))
    }
    let quiet = ["GIT_CONFIG_NOSYSTEM": "1", "HOME": folder.path]
    let initialized = try FlowcProcess.run(
      ["init", "-q", "."], environment: quiet, currentDirectory: shop, executable: git)
    #expect(initialized.status == 0, "\(initialized)")
    let added = try FlowcProcess.run(
      ["add", "."], environment: quiet, currentDirectory: shop, executable: git)
    #expect(added.status == 0, "\(added)")

    let path =
      binary.deletingLastPathComponent().path + ":"
      + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    let environment = quiet.merging([
      "PATH": path, "PRE_COMMIT_HOME": folder.appendingPathComponent("cache").path,
      "PRE_COMMIT_COLOR": "never",
    ]) { $1 }
    func tryHook(on file: String) throws -> FlowcRun {
      try FlowcProcess.run(
        ["try-repo", root.path, "flowc-check", "--files", file, "--color", "never"],
        environment: environment, currentDirectory: shop, executable: preCommit)
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
