import FlowIR
import FlowRuntime
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// Amazon Pay's answer is held against the question: a success that does not match is the
/// `error` outcome, the order is marked `review`, a line is logged, and nothing is captured.
@Suite struct EngineReconciliationTests {
  static let problem = "Sorry, there was a problem with the payment. You have not been charged."

  /// A Charge of one starter kit ($9.00) answered with `payload`.
  static func charged(_ payload: JSONValue, log: NoticeLog = NoticeLog()) async throws -> (
    ResponseEnvelope, ConversationSession, MemoryFlowStore
  ) {
    let store = MemoryFlowStore()
    var (customer, token) = try await EngineConversationTests.reachCharge(
      makeEngine(store: store, log: log), name: "reconcile-charge")
    let answer = try await customer.connectionsResponse("Charge", token: token, payload: payload)
    return (answer, customer, store)
  }

  @Test func aChargeForAnotherAmountIsNotCaptured() async throws {
    let log = NoticeLog()
    let (answer, customer, store) = try await Self.charged(
      RequestEnvelopes.chargePayload(
        state: "Closed", reasonCode: "MaxCapturesProcessed", amount: "18.00"), log: log)
    #expect(answer.speech?.hasPrefix("Your order is placed") == false)
    #expect(customer.lastTrace.paymentOutcomes.map(\.outcome) == [.error])
    #expect(customer.lastTrace.variables["payment.error"] == .string("AmountMismatch"))
    let orders = try await store.orders(userId: RequestEnvelopes.shopper)
    #expect(orders.map(\.state) == [.review])
    #expect(log.lines.contains { $0.contains("marked for review") })
  }

  @Test func aChargeInAnotherCurrencyIsNotCaptured() async throws {
    var payload = RequestEnvelopes.chargePayload(
      state: "Closed", reasonCode: "MaxCapturesProcessed", amount: "9.00")
    if case .object(var root) = payload, case .object(var details)? = root["authorizationDetails"] {
      details["authorizationAmount"] = .object([
        "amount": .string("9.00"), "currencyCode": .string("EUR"),
      ])
      root["authorizationDetails"] = .object(details)
      payload = .object(root)
    }
    let (_, customer, store) = try await Self.charged(payload)
    #expect(customer.lastTrace.variables["payment.error"] == .string("CurrencyMismatch"))
    #expect(try await store.orders(userId: RequestEnvelopes.shopper).map(\.state) == [.review])
  }

  @Test func theAskedAmountCapturedIsAccepted() async throws {
    let (answer, _, store) = try await Self.charged(
      RequestEnvelopes.chargePayload(
        state: "Closed", reasonCode: "MaxCapturesProcessed", amount: "9"))
    #expect(answer.speech?.hasPrefix("Your order is placed") == true)
    #expect(try await store.orders(userId: RequestEnvelopes.shopper).map(\.state) == [.captured])
  }

  @Test func anAbsurdlyLongAuthorizationIdIsNotRecorded() async throws {
    var payload = RequestEnvelopes.chargePayload(
      state: "Closed", reasonCode: "MaxCapturesProcessed", amount: "9.00")
    if case .object(var root) = payload, case .object(var details)? = root["authorizationDetails"] {
      details["amazonAuthorizationId"] = .string(String(repeating: "S", count: 100_000))
      root["authorizationDetails"] = .object(details)
      payload = .object(root)
    }
    let (_, customer, store) = try await Self.charged(payload)
    #expect(customer.lastTrace.variables["payment.error"] == .string("InvalidAmazonIdentifier"))
    let order = try #require(try await store.orders(userId: RequestEnvelopes.shopper).first)
    #expect(order.state == .review)
    #expect(order.amazonAuthorizationId == nil)
  }

  static func setUp(_ program: FlowProgram, payload: JSONValue) async throws -> (
    ConversationSession, MemoryFlowStore
  ) {
    let store = MemoryFlowStore()
    var (customer, token) = try await EngineTokenTests.reachSetup(
      makeEngine(program: program, store: store), name: "reconcile-setup")
    _ = try await customer.connectionsResponse("Setup", token: token, payload: payload)
    return (customer, store)
  }

  static func setupDetails(_ change: (inout [String: JSONValue]) -> Void) -> JSONValue {
    guard case .object(var root) = RequestEnvelopes.setupSuccessPayload,
      case .object(var details)? = root["billingAgreementDetails"]
    else { return .null }
    change(&details)
    root["billingAgreementDetails"] = .object(details)
    return .object(root)
  }

  @Test func aSetupWithoutTheShippingAddressIsAnError() async throws {
    let (customer, store) = try await Self.setUp(
      NoNicksProgram.program(), payload: Self.setupDetails { $0["destination"] = nil })
    #expect(customer.lastTrace.paymentOutcomes.map(\.outcome) == [.error])
    #expect(customer.lastTrace.variables["payment.error"] == .string("MissingShippingAddress"))
    #expect(try await store.orders(userId: RequestEnvelopes.shopper).map(\.state) == [.review])
    #expect(try await store.openAgreement(userId: RequestEnvelopes.shopper) == nil)
  }

  @Test func aSandboxSetupInALiveFlowIsAnError() async throws {
    var live = NoNicksProgram.program()
    live.merchant?.sandboxCustomerEmail = nil
    let (customer, store) = try await Self.setUp(
      live, payload: Self.setupDetails { $0["releaseEnvironment"] = .string("SANDBOX") })
    #expect(customer.lastTrace.variables["payment.error"] == .string("SandboxReleaseEnvironment"))
    #expect(try await store.orders(userId: RequestEnvelopes.shopper).map(\.state) == [.review])
    // The same answer in a sandbox flow is fine.
    let (sandbox, _) = try await Self.setUp(
      NoNicksProgram.program(),
      payload: Self.setupDetails { $0["releaseEnvironment"] = .string("SANDBOX") })
    #expect(sandbox.lastTrace.paymentOutcomes.map(\.outcome) == [.success])
  }

  @Test func anAbsurdlyLongAgreementIdIsNotStored() async throws {
    let (customer, store) = try await Self.setUp(
      NoNicksProgram.program(),
      payload: Self.setupDetails {
        $0["billingAgreementId"] = .string(String(repeating: "C", count: 65))
      })
    #expect(customer.lastTrace.variables["payment.error"] == .string("InvalidAmazonIdentifier"))
    #expect(try await store.openAgreement(userId: RequestEnvelopes.shopper) == nil)
  }
}
