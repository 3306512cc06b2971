public import FlowCompiler
import FlowIR
import FlowRuntime
internal import Foundation

/// The formats `flowc test` writes.
public enum TestReportFormat: String, Sendable, CaseIterable {
  /// For people: one line per test, the transcript of each failure, a summary.
  case text
  /// For programs: one JSON object, sorted keys.
  case json
  /// JUnit XML, for CI systems.
  case junit
}

/// Renders a ``TestRunResult``.
public enum TestReportFormatter {
  /// The id failures carry when rendered like diagnostics.
  public static let failureId = DiagnosticID.testFailure.rawValue

  /// Renders the result.
  ///
  /// - Parameters:
  ///   - result: The run.
  ///   - format: The format.
  ///   - coverage: Whether to include the coverage reports.
  public static func render(_ result: TestRunResult, as format: TestReportFormat, coverage: Bool)
    -> String
  {
    switch format {
    case .text: text(result, coverage: coverage)
    case .json: json(result, coverage: coverage)
    case .junit: junit(result)
    }
  }

  /// A failure as a located diagnostic (`path:line:col: error: message [test-failure]`).
  public static func diagnostic(_ failure: TestFailure, of result: TestCaseResult) -> Diagnostic {
    TestDiagnostics.testFailure.report(
      "step \(failure.step) of '\(result.name)' (\(result.locale)): \(failure.message)",
      at: failure.range)
  }

  static func text(_ result: TestRunResult, coverage: Bool) -> String {
    var lines: [String] = []
    let renderer = TextDiagnosticRenderer()
    for test in result.cases {
      guard let failure = test.failure else {
        lines.append("PASS \(test.name) (\(test.locale))")
        continue
      }
      lines.append("FAIL \(test.name) (\(test.locale))")
      lines += renderer.render(diagnostic(failure, of: test), in: test.file)
      lines.append("  transcript:")
      lines += test.transcript.map { "    " + $0 }
      lines.append("    ✗ \(failure.message)")
      lines += failure.details.map { "      " + $0 }
    }
    for path in result.unloadedScripts {
      lines.append("FAIL \(path) (not loaded; its errors are above)")
    }
    if coverage {
      for report in result.coverage { lines.append(report.text.trimmingSuffixNewline) }
      if !result.unloadedScripts.isEmpty {
        lines.append(
          "coverage does not count the scripts that could not be loaded: "
            + result.unloadedScripts.joined(separator: ", "))
      }
    }
    let failed = result.failedCount
    let total = result.totalCount
    lines.append(
      "\(total) test\(total == 1 ? "" : "s"), \(total - failed) passed, \(failed) failed")
    return lines.joined(separator: "\n") + "\n"
  }

  static func json(_ result: TestRunResult, coverage: Bool) -> String {
    var tests: [JSONValue] = []
    for test in result.cases {
      var object: [String: JSONValue] = [
        "name": .string(test.name), "file": .string(test.file.path),
        "locale": .string(test.locale), "passed": .bool(test.passed),
        "steps_run": .number(Double(test.stepsRun)),
        "transcript": .array(test.transcript.map(JSONValue.string)),
      ]
      if let failure = test.failure {
        var failureObject: [String: JSONValue] = [
          "step": .number(Double(failure.step)), "message": .string(failure.message),
        ]
        if !failure.details.isEmpty {
          failureObject["details"] = .array(failure.details.map(JSONValue.string))
        }
        if let start = failure.range?.start {
          failureObject["line"] = .number(Double(start.line))
          failureObject["column"] = .number(Double(start.column))
        }
        object["failure"] = .object(failureObject)
      }
      tests.append(.object(object))
    }
    for path in result.unloadedScripts {
      tests.append(
        .object([
          "file": .string(path), "passed": .bool(false), "loaded": .bool(false),
          "steps_run": .number(0), "transcript": .array([]),
        ]))
    }
    var root: [String: JSONValue] = [
      "tests": .array(tests),
      "passed": .bool(result.passed),
      "failed": .number(Double(result.failedCount)),
      "total": .number(Double(result.totalCount)),
    ]
    if coverage {
      root["coverage"] = .array(result.coverage.map(\.json))
      root["coverage_not_counted"] = .array(result.unloadedScripts.map(JSONValue.string))
    }
    let data = (try? CanonicalJSON.pretty(JSONValue.object(root))) ?? Data("\n".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  static func junit(_ result: TestRunResult) -> String {
    var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
    let total = result.totalCount
    let time = result.cases.reduce(0) { $0 + $1.duration }
    lines.append(
      #"<testsuites name="flowc" tests="\#(total)" failures="\#(result.failedCount)" time="\#(format(time))">"#
    )
    var byLocale: [(String, [TestCaseResult])] = []
    for test in result.cases {
      if let index = byLocale.firstIndex(where: { $0.0 == test.locale }) {
        byLocale[index].1.append(test)
      } else {
        byLocale.append((test.locale, [test]))
      }
    }
    for (locale, tests) in byLocale {
      let failures = tests.count { !$0.passed }
      lines.append(
        #"  <testsuite name="\#(xml(locale))" tests="\#(tests.count)" failures="\#(failures)">"#)
      for test in tests {
        let open =
          #"    <testcase classname="\#(xml(test.file.path))" name="\#(xml(test.name)) (\#(xml(locale)))" time="\#(format(test.duration))""#
        guard let failure = test.failure else {
          lines.append(open + "/>")
          continue
        }
        lines.append(open + ">")
        let location = failure.range.map { ":\($0.start.line):\($0.start.column)" } ?? ""
        lines.append(
          #"      <failure message="\#(xml(failure.message))" type="assertion">\#(xml(test.file.path + location))"#
        )
        lines += test.transcript.map { xml($0) }
        lines += failure.details.map { xml($0) }
        lines.append("      </failure>")
        lines.append("    </testcase>")
      }
      lines.append("  </testsuite>")
    }
    if !result.unloadedScripts.isEmpty {
      let count = result.unloadedScripts.count
      lines.append(
        #"  <testsuite name="not loaded" tests="\#(count)" failures="\#(count)">"#)
      for path in result.unloadedScripts {
        lines.append(
          #"    <testcase classname="\#(xml(path))" name="\#(xml(path))" time="0.000">"#)
        lines.append(
          #"      <failure message="the test script could not be loaded" type="load"/>"#)
        lines.append("    </testcase>")
      }
      lines.append("  </testsuite>")
    }
    lines.append("</testsuites>")
    return lines.joined(separator: "\n") + "\n"
  }

  static func format(_ seconds: Double) -> String {
    String(format: "%.3f", seconds)
  }

  /// The characters XML text and attributes must write as entities.
  static let xmlEntities: [Unicode.Scalar: String] = [
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;",
  ]

  static func xml(_ text: String) -> String {
    text.unicodeScalars.map { scalar in
      if let entity = xmlEntities[scalar] { return entity }
      // XML 1.0 cannot hold control characters other than line feed and tab, even escaped.
      let forbidden =
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t")
        || (0xFFFE...0xFFFF).contains(scalar.value)
      return forbidden ? "?" : String(scalar)
    }.joined()
  }
}

extension String {
  var trimmingSuffixNewline: String {
    hasSuffix("\n") ? String(dropLast()) : self
  }
}
