import FlowIR
import FlowRuntime
import FlowTestSupport
import FlowTesting
import Foundation

extension ResponseEnvelope {
  /// The spoken text (PlainText, or SSML as written).
  var speech: String? { response.outputSpeech?.content }

  /// The `Connections.SendRequest` directive, if any.
  var sendRequest: (name: String, payload: JSONValue?, token: String)? {
    for directive in response.directives ?? [] {
      if case .connectionsSendRequest(let name, let payload, let token) = directive {
        return (name, payload, token)
      }
    }
    return nil
  }
}

/// Deterministic random bytes from the kit's ``SeededGenerator``, shared by the engine's
/// concurrent turns, so that tokens and ids repeat from run to run.
final class SeededRandom: @unchecked Sendable {
  private var generator: SeededGenerator
  private let lock = NSLock()

  init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

  func bytes(_ count: Int) -> [UInt8] {
    lock.withLock { generator.bytes(count) }
  }
}

/// An engine for tests: the real Amazon Pay profile and money formatter, a memory store,
/// seeded randomness, a hand-moved clock.
func makeEngine(
  program: FlowProgram = NoNicksProgram.program(), store: MemoryFlowStore = MemoryFlowStore(),
  clock: ManualClock = ManualClock(), seed: UInt64 = 7, log: NoticeLog = NoticeLog()
) -> FlowEngine {
  let random = SeededRandom(seed: seed)
  return FlowEngine(
    program: program, store: store, now: { clock.now }, randomBytes: { random.bytes($0) },
    log: { log.append($0) })
}

/// The lines an engine logged (see ``FlowEngine/log``).
final class NoticeLog: @unchecked Sendable {
  private var stored: [String] = []
  private let lock = NSLock()

  var lines: [String] { lock.withLock { stored } }

  func append(_ line: String) { lock.withLock { stored.append(line) } }
}

/// A customer who has opened the skill (a `LaunchRequest` answered) on a test engine of
/// `program`, ready for the next intent.
func launchedCustomer(_ name: String, program: FlowProgram = NoNicksProgram.program())
  async throws -> ConversationSession
{
  var customer = ConversationSession(engine: makeEngine(program: program), name: name)
  _ = try await customer.launch()
  return customer
}
