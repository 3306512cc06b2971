import FlowIR
import FlowRuntime
import FlowTestSupport
import Foundation
import Testing

/// Renders Setup and Charge payloads for several merchants as the response envelopes the
/// runtime sends, checks the invariants flowc promises, and hands the envelopes to the ASK SDK
/// round-trip harness (`Tests/Conformance/roundtrip.py`):
///
/// - `FLOWC_CONFORMANCE_DIR=DIR`: the envelopes are written there, for the harness to read;
/// - `FLOWC_CONFORMANCE_PYTHON=PATH` or `FLOWC_PYTHON=PATH` (the venv's python from
///   `scripts/conformance-venv.sh`): the test runs the harness itself on the envelopes and
///   fails with its report.
@Suite struct AmazonPayConformanceTests {
  typealias F = AmazonPayFixtures

  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var merchant: Merchant
    var task: String
    var variables: [String: VariableValue]
    var description: String { name }
  }

  static func total(_ minor: Int64, _ merchant: Merchant) -> VariableValue {
    .money(Money(minorUnits: minor, currency: merchant.ledgerCurrency))
  }

  static var sandboxUS: Merchant {
    var merchant = F.usMerchant
    merchant.sandboxCustomerEmail = "test-buyer@example.com"
    return merchant
  }

  static let cases: [Case] = [
    Case(
      name: "setup-us-kit", merchant: F.usMerchant, task: "Setup",
      variables: ["product": .product("kit"), "quantity": .int(1)]),
    Case(
      name: "setup-us-subscription", merchant: F.usMerchant, task: "Setup",
      variables: ["product": .product("refill"), "quantity": .int(3)]),
    Case(
      name: "setup-us-sandbox", merchant: sandboxUS, task: "Setup",
      variables: ["product": .product("gift_card")]),
    Case(
      name: "setup-uk-kit", merchant: F.ukMerchant, task: "Setup",
      variables: ["product": .product("kit")]),
    Case(
      name: "setup-de-subscription", merchant: F.deMerchant, task: "Setup",
      variables: ["product": .product("refill"), "quantity": .int(1)]),
    Case(
      name: "setup-jp-sandbox", merchant: F.jpMerchant, task: "Setup",
      variables: ["product": .product("kit")]),
    Case(
      name: "charge-us", merchant: F.usMerchant, task: "Charge",
      variables: [
        "agreement.id": .string("C01-1234567-7654321"), "order.total": total(1800, F.usMerchant),
      ]),
    Case(
      name: "charge-us-sandbox", merchant: sandboxUS, task: "Charge",
      variables: [
        "agreement.id": .string("C01-1234567-7654321"), "order.total": total(900, sandboxUS),
      ]),
    Case(
      name: "charge-uk", merchant: F.ukMerchant, task: "Charge",
      variables: [
        "agreement.id": .string("C02-0000000-1111111"), "order.total": total(123_450, F.ukMerchant),
      ]),
    Case(
      name: "charge-de-authorize", merchant: F.deMerchant, task: "Charge",
      variables: [
        "agreement.id": .string("C02-5320354-ABCDEFG"), "order.total": total(2000, F.deMerchant),
      ]),
    Case(
      name: "charge-jp", merchant: F.jpMerchant, task: "Charge",
      variables: [
        "agreement.id": .string("C03-XXXXXXX-YYYYYYY"), "order.total": total(300, F.jpMerchant),
      ]),
  ]

  static func envelope(for testCase: Case) throws -> JSONValue {
    let template =
      testCase.task == "Setup"
      ? F.setupTemplate(merchant: testCase.merchant)
      : F.chargeTemplate(merchant: testCase.merchant)
    let orderId = AmazonPayIdentifiers.orderId(prefix: testCase.merchant.orderIdPrefix ?? "")
    let payload = try AmazonPayProfile.renderPayload(
      template, program: F.program(merchant: testCase.merchant),
      context: F.context(
        testCase.variables, orderId: orderId,
        authorizationReferenceId: AmazonPayIdentifiers.authorizationReferenceId(
          orderId: orderId, attempt: 1)))
    return .object([
      "version": .string("1.0"),
      "response": .object([
        "directives": .array([
          .object([
            "type": .string("Connections.SendRequest"), "name": .string(testCase.task),
            "payload": payload, "token": .string(AmazonPayIdentifiers.token()),
          ])
        ]),
        "shouldEndSession": .bool(true),
      ]),
    ])
  }

  /// Checks what the reference asks of every payload object: `@version` "2" next to each
  /// `@type`, no `null`, amounts as strings.
  static func invariantProblems(_ value: JSONValue, path: String = "$") -> [String] {
    switch value {
    case .null: return ["\(path) is null"]
    case .array(let elements):
      return elements.enumerated().flatMap { invariantProblems($1, path: "\(path)[\($0)]") }
    case .object(let members):
      var problems: [String] = []
      if members["@type"] != nil, members["@version"] != .string("2") {
        problems.append("\(path) has @type without @version \"2\"")
      }
      if let amount = members["amount"], amount.stringValue == nil {
        problems.append("\(path).amount is not a string")
      }
      for (key, member) in members.sorted(by: { $0.key < $1.key }) {
        problems += invariantProblems(member, path: "\(path).\(key)")
      }
      return problems
    default: return []
    }
  }

  @Test(arguments: cases) func envelopeKeepsThePromises(testCase: Case) throws {
    let envelope = try Self.envelope(for: testCase)
    #expect(Self.invariantProblems(envelope).isEmpty, "\(Self.invariantProblems(envelope))")
    let payload = envelope["response"]?["directives"].flatMap {
      if case .array(let directives) = $0 { return directives.first?["payload"] }
      return nil
    }
    if testCase.task == "Charge" {
      #expect(payload?["authorizeAttributes"]?["transactionTimeout"] == .number(0))
      let reference = payload?["authorizeAttributes"]?["authorizationReferenceId"]?.stringValue
      #expect(reference.map(AmazonPayIdentifiers.isValidMerchantIdentifier) == true)
    } else {
      let sandbox = testCase.merchant.sandboxCustomerEmail != nil
      #expect((payload?["sandboxMode"] == .bool(true)) == sandbox)
      #expect((payload?["sandboxCustomerEmailId"] != nil) == sandbox)
    }
  }

  @Test func envelopesSurviveTheASKSDKModel() throws {
    let environment = ProcessInfo.processInfo.environment
    let outputDirectory = environment["FLOWC_CONFORMANCE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    let python = (environment["FLOWC_CONFORMANCE_PYTHON"] ?? environment["FLOWC_PYTHON"])
      .flatMap { $0.isEmpty ? nil : $0 }
    guard outputDirectory != nil || python != nil else { return }

    // The harness runs on a directory of this test's own: FLOWC_CONFORMANCE_DIR also receives
    // other tests' envelopes, possibly while they are being written.
    let temporary = try TemporaryDirectory()
    defer { temporary.remove() }
    var directories = [temporary.url]
    if let outputDirectory {
      let url = URL(fileURLWithPath: outputDirectory)
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
      directories.append(url)
    }
    for testCase in Self.cases {
      let data = try CanonicalJSON.pretty(try Self.envelope(for: testCase))
      for directory in directories {
        try data.write(
          to: directory.appendingPathComponent("response-amazon-pay-\(testCase.name).json"),
          options: .atomic)
      }
    }

    guard let python else { return }
    let (status, report) = try Self.runHarness(python: python, [temporary.url.path])
    #expect(status == 0, "\(report)")
    #expect(report.contains("\(Self.cases.count) passed, 0 failed"), "\(report)")
  }

  /// The harness's own self-test (it must catch a misspelt key, a string `transactionTimeout`,
  /// a `null`, a changed default) and the reference request envelopes.
  @Test func harnessCatchesBrokenPayloadsAndReadsTheReferenceEnvelopes() throws {
    let environment = ProcessInfo.processInfo.environment
    guard
      let python = (environment["FLOWC_CONFORMANCE_PYTHON"] ?? environment["FLOWC_PYTHON"])
        .flatMap({ $0.isEmpty ? nil : $0 })
    else { return }
    let (selfTestStatus, selfTestReport) = try Self.runHarness(python: python, ["--self-test"])
    #expect(selfTestStatus == 0, "\(selfTestReport)")
    #expect(selfTestReport.contains(" passed, 0 failed"), "\(selfTestReport)")
    let (status, report) = try Self.runHarness(
      python: python, [F.envelopesDirectory.path])
    #expect(status == 0, "\(report)")
    #expect(report.contains("11 passed, 0 failed"), "\(report)")
  }

  static func runHarness(python: String, _ arguments: [String]) throws -> (Int32, String) {
    let script = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Conformance/roundtrip.py")
    let run = try TestProcess.run(URL(fileURLWithPath: python), [script.path] + arguments)
    return (run.status, run.stdout + run.stderr)
  }
}
