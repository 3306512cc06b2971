import FlowCompiler
import FlowIR
import Foundation

/// How long loading a flow's IR takes as the IR grows: each flow is compiled to IR JSON by
/// `FlowDriver.compile` (what `flowc compile` writes), and the IR file is loaded by
/// `FlowDriver.loadProgram` (what `flowc run` and `flowc serve` call: read the file, decode the
/// program), best of ``repetitions``. Linear loading takes about as many times longer as the
/// IR is larger.
enum IRLoadBenchmark {
  /// The command-line option that selects this benchmark; the flow files follow it.
  static let option = "--ir-load"
  static let repetitions = 5

  struct Row {
    var flowBytes: Int
    var irBytes: Int
    var states: Int
    var wallSeconds: Double
    var cpuSeconds: Double
    var parseSeconds: Double
    var probeSeconds: Double
  }

  /// What `FlowProgram.decode(fromJSON:)` decodes first to check the IR version: the same
  /// type, so that its cost can be seen apart.
  struct VersionProbe: Decodable {
    var irVersion: Int
    enum CodingKeys: String, CodingKey { case irVersion = "ir_version" }
  }

  static func run(flowPaths: [String]) throws {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-ir-load-bench-\(getpid())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }

    print(
      "IR loading (FlowDriver.loadProgram, as flowc run and serve load IR JSON), best of \(repetitions)"
    )
    print(
      "flow B       IR B        states   load ms    CPU ms  ms/MB IR  JSON parse ms  load/parse"
        + "  version probe ms")
    var rows: [Row] = []
    for (index, flowPath) in flowPaths.enumerated() {
      let compiled = FlowDriver.compile(path: flowPath)
      guard let irJSON = compiled.irJSON else {
        throw IRLoadError.doesNotCompile(flowPath)
      }
      let irPath = scratch.appendingPathComponent("flow-\(index).ir.json").path
      try Data(irJSON).write(to: URL(fileURLWithPath: irPath))
      let flowBytes =
        (try FileManager.default.attributesOfItem(atPath: flowPath)[.size] as? Int) ?? 0
      var bestWall = Double.infinity
      var bestCPU = Double.infinity
      var states = 0
      var bestParse = Double.infinity
      var bestProbe = Double.infinity
      let irData = Data(irJSON)
      for _ in 0..<repetitions {
        let cpuStart = processCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        let loaded = FlowDriver.loadProgram(path: irPath)
        let end = DispatchTime.now().uptimeNanoseconds
        let cpuEnd = processCPUSeconds()
        guard let program = loaded.program else {
          throw IRLoadError.doesNotLoad(irPath, loaded.failure ?? "")
        }
        states = program.states.count
        bestWall = min(bestWall, Double(end - start) / 1e9)
        bestCPU = min(bestCPU, cpuEnd - cpuStart)
        // A reference, not a floor of the same work: Foundation's untyped JSON parse of the
        // same bytes, without building the program's types.
        let parseStart = DispatchTime.now().uptimeNanoseconds
        let parsed = try JSONSerialization.jsonObject(with: irData)
        let parseEnd = DispatchTime.now().uptimeNanoseconds
        precondition(parsed is [String: Any])
        bestParse = min(bestParse, Double(parseEnd - parseStart) / 1e9)
        let probeStart = DispatchTime.now().uptimeNanoseconds
        let probe = try JSONDecoder().decode(VersionProbe.self, from: irData)
        let probeEnd = DispatchTime.now().uptimeNanoseconds
        precondition(probe.irVersion == FlowProgram.currentIRVersion)
        bestProbe = min(bestProbe, Double(probeEnd - probeStart) / 1e9)
      }
      let row = Row(
        flowBytes: flowBytes, irBytes: irJSON.count, states: states, wallSeconds: bestWall,
        cpuSeconds: bestCPU, parseSeconds: bestParse,
        probeSeconds: bestProbe)
      rows.append(row)
      print(
        String(
          format: "%-12d %-11d %6d %9.1f %9.1f %9.1f %14.1f %10.2f %17.1f", row.flowBytes,
          row.irBytes,
          row.states, row.wallSeconds * 1000, row.cpuSeconds * 1000,
          row.wallSeconds * 1000 / (Double(row.irBytes) / 1e6), row.parseSeconds * 1000,
          row.wallSeconds / row.parseSeconds, row.probeSeconds * 1000))
    }
    guard let first = rows.first, let last = rows.last, rows.count > 1 else { return }
    print(
      String(
        format: "growth %d/%d IR bytes: size ×%.2f, load ×%.2f, CPU ×%.2f (linear: load ≈ size)",
        last.irBytes, first.irBytes, Double(last.irBytes) / Double(first.irBytes),
        last.wallSeconds / first.wallSeconds, last.cpuSeconds / first.cpuSeconds))
  }

  /// The CPU time of the process so far (all threads), in seconds.
  static func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}

enum IRLoadError: Error {
  case doesNotCompile(String)
  case doesNotLoad(String, String)
}
