import FlowCompiler
public import FlowIR
public import FlowTesting
import Foundation

/// The examples' conversation tests, run as `flowc test --against COMMAND --locale all` runs
/// them: each script in each locale against a skill handler that speaks the stdio skill
/// protocol, in lockstep with the built-in runtime (every response must equal the runtime's
/// after normalisation). Every request and response is handed to ``ConformanceRecorder``, so
/// that the ASK SDK model round trip checks what the handler answered.
///
/// A test of another implementation is then a few lines:
/// ```swift
/// @Test(arguments: ExampleConversations.examples)
/// func generatedSkill(example: String) async throws {
///   let result = try await ExampleConversations.run(example, against: "python3 \(dir)/local_runner.py")
///   #expect(result.passed, "\(ExampleConversations.failures(result))")
/// }
/// ```
public enum ExampleConversations {
  /// The examples (`examples/<name>.yaml`).
  public static let examples = ["no-nicks", "euro-shop", "refills-charge-later"]

  /// The flow file of an example.
  ///
  /// - Parameter example: The example's name.
  public static func flowPath(_ example: String) -> String {
    Golden.repositoryRoot.appendingPathComponent("examples/\(example).yaml").path
  }

  /// An example's flow, compiled.
  ///
  /// - Parameter example: The example's name.
  /// - Throws: When the flow does not compile.
  public static func program(_ example: String) throws -> FlowProgram {
    let file = try SourceFile(contentsOf: flowPath(example))
    guard let program = FlowCompiler.compile(file).program else {
      throw ConversationError("examples/\(example).yaml does not compile")
    }
    return program
  }

  /// The test scripts written for an example (those in `examples/tests` that name its flow).
  ///
  /// - Parameter example: The example's name.
  /// - Throws: When a script cannot be loaded.
  public static func scripts(_ example: String) throws -> [TestScript] {
    let folder = Golden.repositoryRoot.appendingPathComponent("examples/tests").path
    let found = TestScriptSet(paths: [folder], forFlowAt: flowPath(example))
    guard found.unloadedPaths.isEmpty else {
      throw ConversationError("cannot load \(found.unloadedPaths.joined(separator: ", "))")
    }
    return found.scripts
  }

  /// Runs an example's scripts in every locale of the flow against a handler command.
  ///
  /// - Parameters:
  ///   - example: The example's name.
  ///   - command: The handler, run with `/bin/sh -c` in the repository root per conversation.
  ///   - compared: Whether the responses must equal the built-in runtime's (as with
  ///     `flowc test --against`); `false` checks the scripts' assertions only.
  ///   - answerTimeout: Seconds an answer may take.
  /// - Returns: The results, one per script and locale.
  /// - Throws: When the example or its scripts cannot be loaded.
  public static func run(
    _ example: String, against command: String, compared: Bool = true,
    answerTimeout: Double = StdioTransport.defaultAnswerTimeout
  ) async throws -> TestRunResult {
    let program = try program(example)
    let scripts = try scripts(example)
    let root = Golden.repositoryRoot.path
    let located = "cd \(shellQuoted(root)) && \(command)"
    var runner = TestRunner(
      program: program, locales: program.skill.locales,
      transport: { reference in
        let handler = StdioTransport(command: located, answerTimeout: answerTimeout)
        return compared
          ? LockstepTransport(subject: handler, reference: reference, program: program)
          : handler
      })
    runner.recordEnvelope = { data, kind, name in
      ConformanceRecorder.record(data, kind: kind, name: "against-\(name)")
    }
    return await runner.run(scripts)
  }

  /// The text report of the failed tests, empty when all passed.
  ///
  /// - Parameter result: A run.
  public static func failures(_ result: TestRunResult) -> String {
    let failed = result.cases.filter { !$0.passed }
    guard !failed.isEmpty else { return "" }
    return TestReportFormatter.render(
      TestRunResult(cases: failed, coverage: []), as: .text, coverage: false)
  }

  /// A word for `/bin/sh`, in single quotes.
  ///
  /// - Parameter word: The word.
  public static func shellQuoted(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
  }
}
