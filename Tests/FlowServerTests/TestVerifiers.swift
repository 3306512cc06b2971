import FlowRuntime
import FlowServer
import Foundation
import Synchronization

/// A verifier that refuses every request, naming `rule`.
struct RefusingVerifier: AlexaRequestVerifying {
  var rule: VerificationRule

  func verify(_ request: AlexaHTTPRequest, now: Date) async throws(VerificationFailure) {
    throw VerificationFailure(rule: rule, detail: "refused by the test verifier")
  }
}

/// A verifier that accepts a request only when its `Signature-256` header is `good`, and
/// remembers what it was shown.
final class HeaderCheckingVerifier: AlexaRequestVerifying {
  let seen = Mutex<[AlexaHTTPRequest]>([])

  func verify(_ request: AlexaHTTPRequest, now: Date) async throws(VerificationFailure) {
    seen.withLock { $0.append(request) }
    guard request.signature256 == "good" else {
      throw VerificationFailure(rule: .signature, detail: "not the test's signature")
    }
  }
}

/// A store whose database is down: every call throws; or, with `hangs`, never answers.
struct UnavailableStore: FlowStore {
  var hangs = false

  private func fail<T>() async throws -> T {
    if hangs { try await Task.sleep(for: .seconds(3600)) }
    throw FlowStoreError.database("the test database is down")
  }

  func processedRequest(userId: String, requestId: String) async throws -> ProcessedRequest? {
    try await fail()
  }
  func continuation(token: String) async throws -> Continuation? { try await fail() }
  func openAgreement(userId: String) async throws -> AgreementRecord? { try await fail() }
  func agreement(userId: String, billingAgreementId: String) async throws -> AgreementRecord? {
    try await fail()
  }
  func sessionKey() async throws -> Data { try await fail() }
  func order(id: String) async throws -> OrderRecord? { try await fail() }
  func orders(userId: String) async throws -> [OrderRecord] { try await fail() }
  func commit(_ writes: TurnWrites) async throws { try await fail() as Void }
  func purge(before date: Date) async throws { try await fail() as Void }
  func close() async throws {}
}
