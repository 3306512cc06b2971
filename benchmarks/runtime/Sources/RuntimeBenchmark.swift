import FlowCompiler
import FlowIR
import FlowRuntime
import FlowStoreSQL
import Foundation

/// Per-turn latency of the runtime engine over a recorded No Nicks conversation, next to two
/// floors measured in the same process: a bare `JSONDecoder` + `JSONEncoder` round trip of the
/// same request and response envelopes, and for the SQLite store a bare SQLite commit of the
/// rows each turn committed (``BareCommitFloor``). With `--ir-load FLOW…`, the time to load IR
/// of growing size instead (``IRLoadBenchmark``). See benchmarks/README.md.
@main
struct RuntimeBenchmark {
  static func main() async {
    do {
      try await run()
    } catch {
      FileHandle.standardError.write(Data("RuntimeBenchmark: \(error)\n".utf8))
      exit(1)
    }
  }

  static func run() async throws {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == IRLoadBenchmark.option {
      try IRLoadBenchmark.run(flowPaths: Array(arguments.dropFirst()))
      return
    }
    let flowPath = arguments.first ?? "examples/no-nicks.yaml"
    let iterations = Int(ProcessInfo.processInfo.environment["ITERATIONS"] ?? "") ?? 300
    let compiled = FlowCompiler.compile(try SourceFile(contentsOf: flowPath))
    guard let program = compiled.program else {
      FileHandle.standardError.write(Data("\(flowPath) does not compile\n".utf8))
      exit(1)
    }

    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-runtime-bench-\(getpid())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }

    print("flowc runtime benchmark: \(flowPath), \(iterations) conversations per store")
    print("one conversation = \(NoNicksConversation.turnNames.joined(separator: " → "))")
    print("")

    var floor = LatencySamples()
    var memory = LatencySamples()
    var sqlite = LatencySamples()
    var bareCommit = LatencySamples()

    let memoryStore = try await FlowStores.open(url: "memory:")
    let sqlitePath = scratch.appendingPathComponent("bench.sqlite").path
    let sqliteStore = RecordingStore(try await FlowStores.open(url: "sqlite:" + sqlitePath))
    // The bare-commit floor writes, on a file of its own, the rows each SQLite turn committed,
    // right after each conversation, so both see the same load.
    let bareFloor = try await BareCommitFloor.open(
      path: scratch.appendingPathComponent("floor.sqlite").path)
    var recordedCommits = 0
    // A third SQLite store whose calls are timed one by one: where a SQLite turn's time goes.
    let timedStore = TimingStore(
      try await FlowStores.open(
        url: "sqlite:" + scratch.appendingPathComponent("timed.sqlite").path))
    var timedTurns = LatencySamples()
    // One warm-up conversation per store (and for the floor), not measured.
    for round in 0...iterations {
      let measured = round > 0
      let memoryTurns = try await NoNicksConversation.run(
        program: program, store: memoryStore, conversation: "m\(round)")
      let sqliteTurns = try await NoNicksConversation.run(
        program: program, store: sqliteStore, conversation: "s\(round)")
      let committed = try sqliteStore.takeRecorded().map(BareCommitFloor.statements(for:))
      var commitSeconds: [Double] = []
      for statements in committed {
        commitSeconds.append(try await bareFloor.commitSeconds(statements))
      }
      let timed = try await NoNicksConversation.run(
        program: program, store: timedStore, conversation: "t\(round)")
      guard measured else {
        timedStore.reset()
        continue
      }
      for turn in timed { timedTurns.add(turn.engineSeconds) }
      recordedCommits += committed.count
      for seconds in commitSeconds { bareCommit.add(seconds) }
      for turn in memoryTurns {
        memory.add(turn.engineSeconds)
        floor.add(try floorSeconds(request: turn.request, response: turn.response))
      }
      for turn in sqliteTurns { sqlite.add(turn.engineSeconds) }
    }
    try await memoryStore.close()
    try await sqliteStore.close()
    try await bareFloor.close()
    try await timedStore.close()
    let rowCounts = try await BareCommitFloor.compareRows(
      storePath: sqlitePath, floorPath: bareFloor.path)

    print(LatencySamples.header)
    print(floor.row(label: "floor (JSONDecoder + JSONEncoder)"))
    print(memory.row(label: "engine turn, memory store"))
    print(sqlite.row(label: "engine turn, sqlite store"))
    print(bareCommit.row(label: "floor: bare SQLite commit, same rows"))
    print("")
    print(
      "ratio memory/floor (median): "
        + String(format: "%.2f×", memory.median / floor.median)
        + "   goal ≤ 2×")
    for (name, fraction) in [("p50", 0.5), ("p99", 0.99)] {
      let turn = sqlite.percentile(fraction) * 1000
      let bound = (memory.percentile(fraction) + 1.2 * bareCommit.percentile(fraction)) * 1000
      print(
        "sqlite turn ≤ memory turn + 1.2 × bare commit (\(name)): "
          + String(format: "%.3f ms ≤ %.3f ms", turn, bound)
          + (turn <= bound ? " (met)" : " (not met)"))
    }
    print(
      "bare commits: \(recordedCommits) (one per SQLite turn that committed, "
        + "\(sqlite.seconds.count) turns); rows identical in both files: "
        + rowCounts.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
    printBreakdown(timedStore.samples, turns: timedTurns)
  }

  /// Where a SQLite turn's time goes, from a store of its own whose calls were timed (its
  /// turns are not the measured ones; the timing adds a little to each).
  static func printBreakdown(_ samples: [String: LatencySamples], turns: LatencySamples) {
    print("")
    print("where a SQLite turn goes (another SQLite store, each store call timed):")
    print(LatencySamples.header + "   calls/turn  ms/turn")
    print(turns.row(label: "engine turn, timed sqlite store"))
    let turnCount = Double(max(1, turns.seconds.count))
    for (name, calls) in samples.sorted(by: { $0.key < $1.key }) {
      let total = calls.seconds.reduce(0, +)
      print(
        calls.row(label: "store." + name)
          + String(
            format: "   %10.2f %8.3f", Double(calls.seconds.count) / turnCount,
            total * 1000 / turnCount))
    }
  }

  /// The floor of one turn: decoding its request and encoding its response, nothing else.
  static func floorSeconds(request: Data, response: Data) throws -> Double {
    let decodedResponse = try JSONDecoder().decode(ResponseEnvelope.self, from: response)
    let start = DispatchTime.now().uptimeNanoseconds
    let envelope = try JSONDecoder().decode(RequestEnvelope.self, from: request)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let bytes = try encoder.encode(decodedResponse)
    let end = DispatchTime.now().uptimeNanoseconds
    precondition(!bytes.isEmpty && envelope.version == "1.0")
    return Double(end - start) / 1e9
  }
}

/// Latency samples with their percentiles.
struct LatencySamples {
  private(set) var seconds: [Double] = []

  mutating func add(_ value: Double) { seconds.append(value) }

  func percentile(_ fraction: Double) -> Double {
    let sorted = seconds.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
  }

  var median: Double { percentile(0.5) }

  static let header =
    "what".padding(toLength: 36, withPad: " ", startingAt: 0)
    + "  turns     p50 ms    p90 ms    p99 ms"

  func row(label: String) -> String {
    label.padding(toLength: 36, withPad: " ", startingAt: 0)
      + String(
        format: "  %5d  %9.3f %9.3f %9.3f", seconds.count, median * 1000,
        percentile(0.9) * 1000, percentile(0.99) * 1000)
  }
}

/// One turn of a recorded conversation: the request sent, the response received, and the time
/// the engine took.
struct Turn {
  var request: Data
  var response: Data
  var engineSeconds: Double
}

/// The No Nicks happy path: launch, order two kits, confirm, Amazon Pay Setup success, hear
/// the total, confirm, Amazon Pay Charge success.
enum NoNicksConversation {
  static let turnNames = [
    "LaunchRequest", "BuyIntent", "AMAZON.YesIntent", "Setup response", "AMAZON.YesIntent",
    "Charge response",
  ]
  static let skillId = "amzn1.ask.skill.0e8f6c1a-7a52-4f0e-9a77-1c2b3d4e5f60"

  static func run(program: FlowProgram, store: any FlowStore, conversation: String)
    async throws -> [Turn]
  {
    let engine = FlowEngine(program: program, store: store)
    let userId = "amzn1.ask.account.BENCH\(conversation)"
    var turns: [Turn] = []
    var attributes: Any? = nil
    var newSession = true
    var token = ""

    func send(_ request: [String: Any]) async throws -> [String: Any] {
      var request = request
      request["requestId"] = "amzn1.echo-api.request.\(conversation)-\(turns.count)"
      request["timestamp"] = "2026-11-28T12:00:00Z"
      request["locale"] = "en-US"
      var session: [String: Any] = [
        "new": newSession, "sessionId": "amzn1.echo-api.session.\(conversation)",
        "application": ["applicationId": skillId], "user": ["userId": userId],
      ]
      if let attributes, !newSession { session["attributes"] = attributes }
      let envelope: [String: Any] = [
        "version": "1.0", "session": session,
        "context": [
          "System": [
            "application": ["applicationId": skillId],
            "user": [
              "userId": userId,
              "permissions": [
                "consentToken": "tok",
                "scopes": ["payments:autopay_consent": ["status": "GRANTED"]],
              ],
            ],
            "device": ["deviceId": "amzn1.ask.device.BENCH", "supportedInterfaces": [:]],
            "apiEndpoint": "https://api.amazonalexa.com",
          ]
        ],
        "request": request,
      ]
      let requestData = try JSONSerialization.data(withJSONObject: envelope)
      let start = DispatchTime.now().uptimeNanoseconds
      let responseData = try await engine.handle(requestJSON: requestData)
      let end = DispatchTime.now().uptimeNanoseconds
      turns.append(
        Turn(request: requestData, response: responseData, engineSeconds: Double(end - start) / 1e9)
      )
      let response = try JSONSerialization.jsonObject(with: responseData) as? [String: Any] ?? [:]
      let body = response["response"] as? [String: Any] ?? [:]
      let ended = body["shouldEndSession"] as? Bool ?? true
      attributes = response["sessionAttributes"]
      newSession = ended
      if let directive = (body["directives"] as? [[String: Any]])?.first,
        let directiveToken = directive["token"] as? String
      {
        token = directiveToken
      }
      return body
    }

    func intent(_ name: String, slots: [String: Any] = [:]) -> [String: Any] {
      [
        "type": "IntentRequest", "dialogState": "COMPLETED",
        "intent": ["name": name, "confirmationStatus": "NONE", "slots": slots],
      ]
    }

    _ = try await send(["type": "LaunchRequest"])
    _ = try await send(
      intent(
        "BuyIntent",
        slots: [
          "product": ["name": "product", "value": "starter kit", "confirmationStatus": "NONE"],
          "quantity": ["name": "quantity", "value": "2", "confirmationStatus": "NONE"],
        ]))
    _ = try await send(intent("AMAZON.YesIntent"))
    _ = try await send([
      "type": "Connections.Response", "name": "Setup",
      "status": ["code": "200", "message": "OK"], "token": token,
      "payload": [
        "billingAgreementDetails": [
          "billingAgreementId": "C01-1234567-\(conversation)",
          "creationTimestamp": "2026-11-28T23:33:25Z",
          "destination": [
            "name": "Pat Doe", "addressLine1": "410 Terry Ave N", "city": "Seattle",
            "stateOrRegion": "WA", "postalCode": "98109", "countryCode": "US",
          ],
          "checkoutLanguage": "en_US", "releaseEnvironment": "LIVE",
          "billingAgreementStatus": "OPEN",
        ]
      ],
    ])
    _ = try await send(intent("AMAZON.YesIntent"))
    let last = try await send([
      "type": "Connections.Response", "name": "Charge",
      "status": ["code": "200", "message": "OK"], "token": token,
      "payload": [
        "amazonOrderReferenceId": "S01-1111111-2222222",
        "authorizationDetails": [
          "amazonAuthorizationId": "S01-1111111-2222222-A000001",
          "authorizationReferenceId": "ref",
          "authorizationAmount": ["amount": "18.00", "currencyCode": "USD"],
          "capturedAmount": ["amount": "18.00", "currencyCode": "USD"],
          "authorizationFee": ["amount": "0.00", "currencyCode": "USD"],
          "authorizationStatus": [
            "state": "Closed", "reasonCode": "MaxCapturesProcessed",
            "lastUpdateTimestamp": "2026-11-28T23:33:25Z",
          ],
          "softDecline": false, "captureNow": true,
        ],
      ],
    ])
    guard last["card"] != nil else {
      throw BenchmarkError.conversationWentWrong(
        turns.last.map { String(decoding: $0.response, as: UTF8.self) } ?? "")
    }
    return turns
  }
}

enum BenchmarkError: Error {
  case conversationWentWrong(String)
  /// The floor's file does not have the store's durability settings.
  case floorNotDurable(String)
  /// The floor did not write the rows the store wrote.
  case floorRowsDiffer(String)
}
