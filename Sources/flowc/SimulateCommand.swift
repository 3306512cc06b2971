import ArgumentParser
import FlowCompiler
import FlowIR
import FlowTesting
import Foundation

/// `flowc simulate FLOW`: an interactive conversation with the flow in the terminal.
struct SimulateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Talk to a flow in the terminal, with Amazon Pay outcomes chosen or scripted.",
    discussion: """
      Type what the customer says, or ':intent Name slot=value'. After a Setup or Charge \
      directive it asks which outcome Amazon Pay plays (or plays --pay). ':help' lists the \
      commands; ':save FILE' writes the conversation as a test script for 'flowc test'. \
      Reads standard input, so it also runs from a pipe: lines of at most \
      \(BoundedLineReader.defaultMaximumLineLength / 1024) KiB, at most \
      \(BoundedLineReader.defaultMaximumTotal / (1024 * 1024)) MiB in all. Exit status: 0; 1 \
      when the flow cannot be read or standard input is over a limit; 64 on a usage error.
      """
  )

  @Argument(help: "The flow: a YAML flow file or IR JSON.")
  var flow: String

  @Option(help: ArgumentHelp("The locale; the flow's first by default.", valueName: "locale"))
  var locale: String?

  @Option(
    help: ArgumentHelp(
      "Play this outcome for every Setup and Charge: success, permission_denied, "
        + "declined[:REASON] or error[:CODE].", valueName: "outcome"))
  var pay: String?

  /// `--pay` read: `declined:REASON` is `declined REASON`.
  var payAnswer: PaymentAnswer? {
    pay.flatMap { PaymentAnswer(words: $0.replacingOccurrences(of: ":", with: " ")) }
  }

  func validate() throws {
    if flow == SourceFileReader.standardInputPath {
      throw ValidationError("FLOW cannot be '-': standard input carries what the customer says")
    }
    if let pay, payAnswer == nil {
      throw ValidationError(
        "unknown outcome '\(pay)' (use success, permission_denied, declined[:REASON], error[:CODE])"
      )
    }
  }

  func run() async throws {
    let program = try CommandOutput.loadProgram(path: flow)
    let chosenLocale: String
    do {
      chosenLocale = try LocaleSelection.simulatorLocale(locale, of: program)
    } catch {
      CommandOutput.error("'\(flow)' \(error)")
      throw ExitCode.failure
    }
    let session = SimulatorSession(program: program, locale: chosenLocale, fixedOutcome: payAnswer)
    let interactive = StandardStream.output.isTerminal
    StandardStream.output.write((await session.start()).output)
    var input = BoundedLineReader(descriptor: STDIN_FILENO)
    while true {
      StandardStream.output.write(session.prompt)
      let line: String
      switch input.next() {
      case .line(let read): line = read
      case .end:
        if interactive { StandardStream.output.write("\n") }
        return
      case .failure(let reason):
        if interactive { StandardStream.output.write("\n") }
        CommandOutput.error("cannot read standard input: \(reason)")
        throw ExitCode.failure
      }
      // Piped input is not echoed by a terminal: show it, so the output reads as a transcript.
      if !interactive { StandardStream.output.write(line + "\n") }
      let reply = await session.handle(line)
      StandardStream.output.write(reply.output)
      if reply.quit { return }
    }
  }
}
