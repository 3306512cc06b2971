public import FlowCompiler

extension DiagnosticID {
  /// `test-script`: a conversation test script cannot be read or breaks the test format.
  public static let testScript = DiagnosticID("test-script")
  /// `test-failure`: an assertion of a conversation test did not hold.
  public static let testFailure = DiagnosticID("test-failure")
}

/// The diagnostics FlowTesting reports, documented like the compiler's: its contribution to
/// the catalogue that `flowc explain` and docs/diagnostics.md cover.
public enum TestDiagnostics {
  /// Every id flowc prints: the compiler's catalogue and FlowTesting's descriptors, sorted by
  /// id. `flowc explain` and docs/diagnostics.md use this list.
  public static var flowcCatalogue: [DiagnosticDescriptor] {
    DiagnosticCatalogue.combining([DiagnosticCatalogue.all, descriptors])
  }

  /// FlowTesting's descriptors: problems in a conversation test script, and failed assertions.
  public static let descriptors: [DiagnosticDescriptor] = [testScript, testFailure]

  /// `unknown key 'x' in <place>`, with a note suggesting a close allowed key.
  ///
  /// - Parameters:
  ///   - key: The unknown key.
  ///   - place: Where it is, as the message names it (`a step`, `'expect'`).
  ///   - known: The allowed keys.
  ///   - range: Where the key is.
  /// - Returns: The `test-script` diagnostic.
  static func unknownKey(_ key: String, in place: String, known: [String], at range: SourceRange)
    -> Diagnostic
  {
    testScript.report("unknown key '\(key)' in \(place)", at: range)
      .suggesting(Suggestions.closest(to: key, among: known))
  }

  /// `test-script`: a problem in a test script, at the place of the problem.
  static let testScript = DiagnosticDescriptor(
    id: .testScript, severity: .error,
    summary: "a conversation test script cannot be read or does not follow the test format",
    explanation: """
      `flowc test` reads `*.test.yaml` scripts in the format of docs/testing.md. A script \
      that is not valid YAML, has an unknown key or step, a step with the wrong shape, or \
      cannot be read at all is reported at the place of the problem, and that script is \
      not run (the others still are).

      Example:

      ```yaml
      name: happy path
      steps:
        - launch
        - sya: buy a starter kit    # error: unknown key 'sya' in a step
      ```

      Fix: correct the step or key (a note suggests a close one); `flowc schema test` \
      prints the JSON Schema of the format for editors.
      """)

  /// `test-failure`: an assertion that did not hold.
  static let testFailure = DiagnosticDescriptor(
    id: .testFailure, severity: .error,
    summary: "an assertion of a conversation test did not hold",
    explanation: """
      A step of a test script ran on the runtime, and what the skill did differs from what \
      the script expects: the speech, reprompt, card, directive, state, a variable, the \
      session end, or the stored order or agreement. `flowc test` prints the transcript \
      up to the failing step with what was expected and what happened, and exits 1.

      Example:

      ```yaml
      steps:
        - launch:
          expect: { speech: { contains: "Welcome to No Nicks" } }
      ```

      reports `step 1 of 'happy path' (en-US): speech: expected contains "Welcome to No \
      Nicks", got …` when the welcome prompt was edited.

      Fix: if the flow changed on purpose, update the script (record it again with \
      `flowc simulate` and `:save`); otherwise the edit broke the conversation: fix the flow.
      """)
}
