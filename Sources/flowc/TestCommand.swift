import ArgumentParser
import FlowCompiler
import FlowIR
import FlowTesting
import Foundation

/// `flowc test [FLOW] TESTS…`: runs scripted conversations with assertions on the runtime.
struct TestCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run scripted conversations (*.test.yaml) against a flow, per locale.",
    usage: """
      flowc test [<flow>] <tests> ... [--locale <locale>] [--format <format>] [--coverage]
                 [--against <command> | --endpoint <url>] [--timeout <seconds>]
      """,
    discussion: """
      Each test runs on the real runtime with a fresh memory store, once per selected locale \
      (a test that lists its own 'locales' runs only in those). Without FLOW (when the first \
      path is a test script or a directory), every script runs against the flow it names \
      with 'flow:'. A failure prints the transcript up to the failing assertion with what \
      was expected and what happened; a script that cannot be loaded counts as a failed \
      test. The format of test scripts is in docs/testing.md ('flowc schema test' prints \
      its JSON Schema). Exit status: 0 when every test passed, 1 when one failed or could \
      not be loaded, or when no test ran at all; 64 on a usage error.

      With --against COMMAND, every conversation (one script in one locale) is answered by \
      a new process, '/bin/sh -c COMMAND', that speaks the stdio skill protocol \
      (docs/testing.md, 'Testing another implementation'; 'flowc run FLOW --lines' is one), \
      and the built-in runtime runs the same conversation alongside: each response must \
      equal the runtime's, random tokens, order ids, authorization references and seals \
      aside. A handler that exits, prints something that is not JSON, or takes longer than \
      \(Int(StdioTransport.defaultAnswerTimeout)) s to answer fails the test, with the end of its \
      standard error.

      With --endpoint URL, every conversation is POSTed to a skill endpoint over HTTP \
      (docs/testing.md, 'Testing a skill endpoint'): 'flowc serve FLOW --insecure-no-verify' \
      or any skill endpoint with request verification off, again in lockstep with the \
      built-in runtime. Each conversation sends user, session and request ids of its own, so \
      a server that keeps its store passes the same tests run after run. A state, variable, \
      order or agreement assertion needs a server started with --allow-inspection; otherwise \
      it fails as not checkable. No connection, a status other than 200, a body that is not \
      JSON or an answer later than \(Int(EndpointTransport.defaultAnswerTimeout)) s fails the \
      test, naming the URL. --timeout sets the seconds an answer may take, with --against or \
      --endpoint.
      """
  )

  @Argument(
    help: ArgumentHelp(
      "The flow (a YAML flow file or IR JSON; optional when every script names its flow), "
        + "then test scripts (*.test.yaml) or directories holding them.",
      valueName: "flow-and-tests"))
  var paths: [String]

  @Option(
    help: ArgumentHelp("A locale of the flow, or '\(LocaleSelection.all)'.", valueName: "locale"))
  var locale: String?

  @Option(help: "The report format.")
  var format = ArgumentChoice(TestReportFormat.text)

  @Flag(help: "Report the states, transitions and payment outcomes the tests reached.")
  var coverage = false

  @Option(
    help: ArgumentHelp(
      "Test a skill handler that speaks the stdio skill protocol, started per conversation "
        + "with /bin/sh -c, against the built-in runtime.",
      valueName: "command"))
  var against: String?

  @Option(
    help: ArgumentHelp(
      "Test a skill endpoint over HTTP (flowc serve --insecure-no-verify, or any skill "
        + "endpoint with verification off) against the built-in runtime.",
      valueName: "url"))
  var endpoint: String?

  @Option(
    help: ArgumentHelp(
      "Seconds the skill under test may take to answer one request (with --against or "
        + "--endpoint; default \(Int(EndpointTransport.defaultAnswerTimeout))).",
      valueName: "seconds"))
  var timeout: Double?

  /// What answers each conversation: the built-in runtime, or the `--against` command or the
  /// `--endpoint` in lockstep with it.
  ///
  /// - Parameters:
  ///   - program: The flow.
  ///   - client: The run's HTTP client, with `--endpoint`.
  func transport(for program: FlowProgram, client: EndpointClient?) -> TransportFactory? {
    if let against {
      let answerTimeout = timeout ?? StdioTransport.defaultAnswerTimeout
      return { reference in
        LockstepTransport(
          subject: StdioTransport(command: against, answerTimeout: answerTimeout),
          reference: reference, program: program)
      }
    }
    if let client, let url = endpointURL {
      return { reference in
        LockstepTransport(
          subject: client.transport(url: url), reference: reference, program: program)
      }
    }
    return nil
  }

  /// A runner for a flow, with the transport and, for an endpoint, ids of each conversation's
  /// own.
  func runner(
    program: FlowProgram, locales: [String], client: EndpointClient?
  ) -> TestRunner {
    var runner = TestRunner(
      program: program, locales: locales, transport: transport(for: program, client: client))
    if endpoint != nil { runner.identifiers = .unique }
    return runner
  }

  /// The `--endpoint` URL, when it is an `http` or `https` URL with a host.
  var endpointURL: URL? {
    guard let endpoint, let url = URL(string: endpoint),
      let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
      let host = url.host, !host.isEmpty
    else { return nil }
    return url
  }

  /// The flow given first, if any, and the test paths.
  var flowAndTests: (flow: String?, tests: [String]) {
    guard let first = paths.first, !TestScriptSet.isTestPath(first) else { return (nil, paths) }
    return (first, Array(paths.dropFirst()))
  }

  func validate() throws {
    guard !flowAndTests.tests.isEmpty else {
      throw ValidationError("give at least one test script")
    }
    if let against, against.allSatisfy(\.isWhitespace) {
      throw ValidationError("--against needs a command, such as 'flowc run FLOW --lines'")
    }
    if against != nil && endpoint != nil {
      throw ValidationError(
        "--against and --endpoint cannot be used together: give a command or a URL")
    }
    if let endpoint, endpointURL == nil {
      throw ValidationError(
        "--endpoint needs an http or https URL such as 'http://127.0.0.1:8080/', not "
          + "'\(endpoint)'")
    }
    if let timeout, !(timeout > 0 && timeout <= 3600) {
      throw ValidationError("--timeout must be a number of seconds above 0 and at most 3600")
    }
    if timeout != nil && against == nil && endpoint == nil {
      throw ValidationError("--timeout needs --against or --endpoint")
    }
  }

  func run() async throws {
    guard endpoint != nil else { return try await run(client: nil) }
    // One HTTP client for the whole run, shut down at its end however it ends.
    try await EndpointClient.with(
      answerTimeout: timeout ?? EndpointTransport.defaultAnswerTimeout
    ) { client in
      try await run(client: client)
    }
  }

  private func run(client: EndpointClient?) async throws {
    let (flow, tests) = flowAndTests
    // The flow first, so that its problems come before the scripts'.
    let given = try flow.map(prepare)
    let found = TestScriptSet(paths: tests, forFlowAt: flow)
    report(found.problems)
    if found.skippedCount > 0 {
      CommandOutput.note(
        "skipped \(found.skippedCount) test script\(found.skippedCount == 1 ? "" : "s") "
          + "written for another flow")
    }
    var result = TestRunResult(cases: [], coverage: [], unloadedScripts: found.unloadedPaths)
    if let given {
      result.append(
        await runner(program: given.program, locales: given.locales, client: client)
          .run(found.scripts))
    } else {
      // Each script runs against the flow it names, flow by flow in the order first named.
      var flows: [String] = []
      var byFlow: [String: [TestScript]] = [:]
      for script in found.scripts {
        guard let named = script.namedFlowPath else {
          CommandOutput.error(
            "'\(script.file.path)' names no flow ('flow:'); give the flow first: "
              + "flowc test FLOW TESTS…")
          result.unloadedScripts.append(script.file.path)
          continue
        }
        if byFlow[named] == nil { flows.append(named) }
        byFlow[named, default: []].append(script)
      }
      for named in flows {
        let scripts = byFlow[named] ?? []
        do {
          let (program, locales) = try prepare(named)
          result.append(
            await runner(program: program, locales: locales, client: client).run(scripts))
        } catch {
          // The flow's own errors are printed; its scripts are tests that could not run.
          result.unloadedScripts += scripts.map(\.file.path)
        }
      }
    }
    StandardStream.output.write(
      TestReportFormatter.render(result, as: format.value, coverage: coverage))
    if result.totalCount == 0 {
      CommandOutput.error(noTestMessage(found, tests: tests))
      throw ExitCode.failure
    }
    if !result.passed { throw ExitCode.failure }
  }

  /// Loads a flow and picks the locales its tests run in.
  ///
  /// - Throws: `ExitCode.failure` when the flow cannot be loaded or has no such locale
  ///   (after printing why).
  private func prepare(_ flow: String) throws -> (program: FlowProgram, locales: [String]) {
    let program = try CommandOutput.loadProgram(path: flow)
    do {
      return (program, try LocaleSelection.testLocales(locale, of: program))
    } catch {
      CommandOutput.error("'\(flow)' \(error)")
      throw ExitCode.failure
    }
  }

  /// Prints the problems of the scripts, located in their files.
  private func report(_ problems: [TestScriptSet.Problems]) {
    for problems in problems {
      if let file = problems.file {
        CommandOutput.diagnostics(
          DiagnosticReport(files: [FileDiagnostics(file: file, diagnostics: problems.diagnostics)]),
          summary: false)
      } else {
        for diagnostic in problems.diagnostics { CommandOutput.error(diagnostic.message) }
      }
    }
  }

  /// Why nothing ran: no scripts, scripts for another flow, or none in the selected locales.
  private func noTestMessage(_ found: TestScriptSet, tests: [String]) -> String {
    if found.scripts.isEmpty && found.skippedCount == 0 {
      return "no test ran: no test scripts (*.test.yaml) in "
        + tests.map { "'\($0)'" }.joined(separator: ", ")
    }
    if found.scripts.isEmpty { return "no test ran: every script is written for another flow" }
    let selected = locale.map { "'\($0)'" } ?? "the flow's first locale"
    return "no test ran: none of the \(found.scripts.count) scripts runs in \(selected) "
      + "(a script that lists 'locales' runs only in those; try --locale \(LocaleSelection.all))"
  }
}
