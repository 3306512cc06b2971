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
      Reads standard input, so it also runs from a pipe. Exit status: 0; 1 when the flow \
      cannot be read; 64 on a usage error.
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
    while true {
      StandardStream.output.write(session.prompt)
      guard let line = readLine(strippingNewline: true) else {
        if interactive { StandardStream.output.write("\n") }
        return
      }
      // Piped input is not echoed by a terminal: show it, so the output reads as a transcript.
      if !interactive { StandardStream.output.write(line + "\n") }
      let reply = await session.handle(line)
      StandardStream.output.write(reply.output)
      if reply.quit { return }
    }
  }
}
