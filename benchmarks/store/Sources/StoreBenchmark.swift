import FlowCompiler
import FlowIR
import FlowRuntime
import FlowStoreSQL
import Foundation

/// Engine turns per second through the SQL store with 1 and 16 concurrent callers, group
/// commit off and on: SQLite with `synchronous=FULL` (every commit waits for an `fsync`), and
/// PostgreSQL when `FLOWC_TEST_POSTGRES_URL` names a server. Each turn is a `LaunchRequest` of
/// its own customer with a fresh request id, answered by `FlowEngine.answer` and committed
/// (its answer stored for redeliveries). See benchmarks/README.md.
@main
struct StoreBenchmark {
  static func main() async throws {
    let environment = ProcessInfo.processInfo.environment
    let flowPath = CommandLine.arguments.dropFirst().first ?? "examples/no-nicks.yaml"
    let turns = Int(environment["TURNS"] ?? "") ?? 2000
    let callerCounts = (environment["CALLERS"] ?? "1 16").split(separator: " ").compactMap {
      Int($0)
    }
    let compiled = FlowCompiler.compile(try SourceFile(contentsOf: flowPath))
    guard let program = compiled.program else {
      FileHandle.standardError.write(Data("\(flowPath) does not compile\n".utf8))
      exit(1)
    }
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-store-bench-\(getpid())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }

    var stores: [(name: String, open: @Sendable (Bool, String) async throws -> SQLFlowStore)] = [
      (
        "sqlite FULL",
        { groupCommit, label in
          try await SQLFlowStore.open(
            sqlitePath: scratch.appendingPathComponent("\(label).sqlite").path,
            options: .init(groupCommit: groupCommit))
        }
      )
    ]
    if let url = environment["FLOWC_TEST_POSTGRES_URL"], !url.isEmpty {
      stores.append(
        (
          "postgresql",
          { groupCommit, _ in
            try await SQLFlowStore.open(postgresURL: url, options: .init(groupCommit: groupCommit))
          }
        ))
    }

    print("flowc store benchmark: \(flowPath), \(turns) launch turns per row, each committed")
    print("")
    print(
      "store".padding(toLength: 14, withPad: " ", startingAt: 0)
        + "callers  group commit    turns/s   ms/turn")
    var results: [String: Double] = [:]
    for store in stores {
      for callers in callerCounts {
        for groupCommit in [false, true] {
          let label = "\(store.name.prefix(6))-\(callers)-\(groupCommit ? "on" : "off")"
            .replacingOccurrences(of: " ", with: "")
          let opened = try await store.open(groupCommit, label)
          let engine = FlowEngine(program: program, store: opened, log: { _ in })
          // Warm-up: the session key, the statements, the file.
          _ = try await run(engine, turns: 20, callers: 1, prefix: "warm-\(label)-\(getpid())")
          let seconds = try await run(
            engine, turns: turns, callers: callers, prefix: "\(label)-\(getpid())")
          try await opened.close()
          let perSecond = Double(turns) / seconds
          results["\(store.name)|\(callers)|\(groupCommit)"] = perSecond
          print(
            store.name.padding(toLength: 14, withPad: " ", startingAt: 0)
              + String(callers).leftPadded(7) + "  "
              + (groupCommit ? "on" : "off").padding(toLength: 12, withPad: " ", startingAt: 0)
              + String(format: "%9.0f", perSecond)
              + String(format: "%10.3f", seconds * 1000 / Double(turns))
          )
        }
      }
    }
    print("")
    for store in stores {
      for callers in callerCounts {
        if let on = results["\(store.name)|\(callers)|true"],
          let off = results["\(store.name)|\(callers)|false"]
        {
          print(
            "\(store.name), \(callers) caller(s): group commit on/off = "
              + String(format: "%.2f×", on / off))
        }
      }
      if let first = callerCounts.first, let last = callerCounts.last, first != last,
        let many = results["\(store.name)|\(last)|true"],
        let one = results["\(store.name)|\(first)|true"]
      {
        print(
          "\(store.name), group commit on: \(last) callers / \(first) = "
            + String(format: "%.2f×", many / one))
      }
    }
  }

  /// Answers `turns` launch requests from `callers` concurrent tasks; the wall time in seconds.
  static func run(_ engine: FlowEngine, turns: Int, callers: Int, prefix: String) async throws
    -> Double
  {
    let start = DispatchTime.now().uptimeNanoseconds
    try await withThrowingTaskGroup(of: Void.self) { group in
      for caller in 0..<callers {
        group.addTask {
          var index = caller
          while index < turns {
            let answer = try await engine.answer(requestJSON: launch("\(prefix)-\(index)"))
            precondition(!answer.json.isEmpty)
            index += callers
          }
        }
      }
      try await group.waitForAll()
    }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }

  /// A `LaunchRequest` of customer `id` with request id `id`.
  static func launch(_ id: String) -> Data {
    Data(
      """
      {"version":"1.0","session":{"new":true,"sessionId":"amzn1.echo-api.session.\(id)",\
      "application":{"applicationId":"amzn1.ask.skill.bench"},\
      "user":{"userId":"amzn1.ask.account.\(id)"}},"context":{"System":{"application":\
      {"applicationId":"amzn1.ask.skill.bench"},"user":{"userId":"amzn1.ask.account.\(id)"},\
      "device":{"deviceId":"d","supportedInterfaces":{}},\
      "apiEndpoint":"https://api.amazonalexa.com"}},"request":{"type":"LaunchRequest",\
      "requestId":"amzn1.echo-api.request.\(id)","timestamp":"2026-11-28T12:00:00Z",\
      "locale":"en-US"}}
      """.utf8)
  }
}

extension String {
  func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
