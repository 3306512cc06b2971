import FlowGenerators
import FlowTestSupport
import Foundation
import Testing

/// The proof that generated code behaves like the runtime: the Python skill
/// `flowc generate ask-python` writes for each example, on the real `ask-sdk-core`, answers
/// every one of the example's conversation tests in every locale, as
/// `flowc test --against 'python local_runner.py'` runs them: the scripts' assertions pass and
/// every response equals the runtime's after normalisation (tokens, order ids, authorization
/// references and the seal aside). The envelopes go to the ask-sdk-model round trip too.
@Suite struct GeneratedSkillConversationTests {
  @Test(
    .enabled(if: AskPythonTests.python != nil, "needs FLOWC_PYTHON with ask-sdk-core"),
    arguments: ExampleConversations.examples)
  func generatedSkillAnswersEveryScriptLikeTheRuntime(example: String) async throws {
    let python = try #require(AskPythonTests.python)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flowc-generated-\(example)-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    // The skill is generated from the program the runtime side runs, so both carry one
    // flow hash.
    let program = try ExampleConversations.program(example)
    try GeneratedFile.write(
      try AskPythonGenerator.files(for: program, endpoint: nil).files, into: folder)
    let runner = folder.appendingPathComponent("local_runner.py").path
    let command =
      "exec \(ExampleConversations.shellQuoted(python.path)) "
      + ExampleConversations.shellQuoted(runner)
    let result = try await ExampleConversations.run(example, against: command)
    #expect(!result.cases.isEmpty, "no conversation ran for \(example)")
    #expect(result.passed, "\(ExampleConversations.failures(result))")
  }
}
