import FlowIR
import FlowRuntime
import FlowTestSupport
import Foundation
import SQLKit
import Synchronization
import Testing

/// Several `flowc serve` processes on one PostgreSQL database (docs/stores.md, *Several
/// instances*): the real binary twice, 64 No Nicks payments at once whose turns hop from one
/// instance to the other, then the same with one instance killed in the middle. What the
/// customers were answered is checked against what the database holds.
@Suite(.enabled(if: PostgresTestDatabase.available, PostgresTestDatabase.needs), .serialized)
struct CLIServeSharedStoreTests {
  static let flow = "examples/no-nicks.yaml"
  /// Customers talking at once, one conversation each.
  static let customerCount = 64

  @Test func paymentsStartedOnOneInstanceFinishOnTheOther() async throws {
    try await PostgresTestDatabase.withDatabase { url in
      let servers = try Self.serve(url, count: 2)
      let ports = servers.map(\.port)
      let deliveries = Deliveries()
      // Turn k of customer i goes to instance (i + k) mod 2: every turn changes instance, so
      // each directive's Connections.Response (and each session's next turn) reaches the other
      // one, and which instance sends the directives alternates from customer to customer.
      let conversations = try await Self.withLogs(of: servers) {
        try await Self.converse(tag: "hop", deliveries: deliveries) { customer, turn in
          [ports[(customer + turn.rawValue) % 2]]
        }
      }
      Self.expectEveryOrderPlaced(conversations, servers)
      let acknowledged = deliveries.acknowledged
      #expect(acknowledged.count == NoNicksTurn.allCases.count * Self.customerCount)
      #expect(deliveries.failovers == 0)
      for turn in acknowledged where turn.turn.answersDirective {
        let directive = acknowledged.first {
          $0.customer == turn.customer && $0.turn.rawValue == turn.turn.rawValue - 1
        }
        #expect(directive != nil && directive?.port != turn.port, "\(turn.requestId)")
      }

      // Each request again, to the other instance: the first answer, byte for byte.
      let replays = try await Self.withLogs(of: servers) {
        try await Self.replay(acknowledged) { ports[1 - ports.firstIndex(of: $0)!] }
      }
      let differing = zip(acknowledged, replays).filter { $0.0.response != $0.1 }
      #expect(
        differing.isEmpty,
        "\(differing.count) replays differ: \(differing.first?.0.requestId ?? "")")

      // Amazon Pay's answers again with fresh request ids: each token was consumed already.
      let answers = acknowledged.filter(\.turn.answersDirective)
      let reused = try await Self.resendWithFreshRequestIds(answers) {
        ports[1 - ports.firstIndex(of: $0)!]
      }
      for (answer, response) in zip(answers, reused) {
        #expect(
          response.envelope.response.outputSpeech?.content.hasPrefix(Self.paymentNotFound) == true
            && response.envelope.response.directives == nil
            && response.envelope.response.shouldEndSession == true,
          "a token used twice was accepted: \(answer.requestId)")
      }

      let stored = try await StoredPayments.read(url)
      Self.expectStored(stored, matches: acknowledged)
      // The refusals were answered once each too, and wrote nothing else.
      #expect(
        stored.requestKeys
          == Set(acknowledged.map(\.requestKey)).union(reused.map(\.requestKey)))
      try Self.stop(servers)
    }
  }

  @Test func killingAnInstanceMidLoadLosesNothingAcknowledged() async throws {
    try await PostgresTestDatabase.withDatabase { url in
      let servers = try Self.serve(url, count: 2)
      let ports = servers.map(\.port)
      let doomed = servers[0].processIdentifier
      // A third of the way: every customer is between turns two and four.
      let killAfter = 2 * Self.customerCount
      let deliveries = Deliveries()
      // The same hops as above; a turn whose instance cannot be reached (it is gone, or it
      // was cut off while answering) is sent again, the same bytes, to the other one: the
      // customer repeats, Alexa redelivers, the load balancer moves on.
      let conversations = try await Self.withLogs(of: servers) {
        try await Self.converse(
          tag: "kill", deliveries: deliveries,
          route: { customer, turn in
            let first = (customer + turn.rawValue) % 2
            return [ports[first], ports[1 - first]]
          },
          acknowledged: { count in if count == killAfter { kill(doomed, SIGKILL) } })
      }
      #expect(try servers[0].waitForExit(timeout: 10) == SIGKILL)
      Self.expectEveryOrderPlaced(conversations, servers)

      let acknowledged = deliveries.acknowledged
      #expect(acknowledged.count == NoNicksTurn.allCases.count * Self.customerCount)
      let answeredByDoomed = acknowledged.filter { $0.port == ports[0] }.count
      #expect(answeredByDoomed > killAfter / 4 && answeredByDoomed < acknowledged.count / 2)
      // Requests went to the survivor after the kill; most runs also cut some off mid-answer
      // (about 30 of 126 here), some of them after the doomed instance had stored their turn.
      #expect(
        deliveries.failovers > 0,
        "\(deliveries.failovers) sent again, \(deliveries.cutOff) of them cut off mid-answer")

      // Every turn that got a 200, whichever instance answered it, is in the store: the
      // survivor answers its redelivery with the same bytes.
      let replays = try await Self.withLogs(of: servers) {
        try await Self.replay(acknowledged) { _ in ports[1] }
      }
      let differing = zip(acknowledged, replays).filter { $0.0.response != $0.1 }
      #expect(
        differing.isEmpty,
        "\(differing.count) replays differ: \(differing.first?.0.requestId ?? "")")

      let stored = try await StoredPayments.read(url)
      Self.expectStored(stored, matches: acknowledged)
      #expect(stored.requestKeys == Set(acknowledged.map(\.requestKey)))
      servers[1].signal(SIGTERM)
      #expect(try servers[1].waitForExit() == 0, "\(servers[1].standardError)")
    }
  }

  // MARK: - Serving and talking

  /// What the runtime says to a `Connections.Response` whose token is consumed.
  static let paymentNotFound = "Sorry, I could not find that payment request."

  /// Starts `count` instances on one database.
  static func serve(_ url: String, count: Int) throws -> [ServedFlowc] {
    try (0..<count).map { _ in try ServedFlowc([flow, "--store", url, "--insecure-no-verify"]) }
  }

  /// Runs `body`; an error it throws is thrown again with what the instances logged besides
  /// their answers (warnings, errors, a crash), so that a failure says what the servers saw.
  static func withLogs<Result>(of servers: [ServedFlowc], _ body: () async throws -> Result)
    async throws -> Result
  {
    do {
      return try await body()
    } catch {
      let logs = servers.enumerated().map { index, server in
        let lines = server.standardError.split(separator: "\n").filter {
          !$0.hasSuffix("[FlowServer] answered")
        }
        return "instance \(index):\n" + lines.suffix(40).joined(separator: "\n")
      }
      throw ServedFailure(error: "\(error)", logs: logs.joined(separator: "\n"))
    }
  }

  /// A failure while talking to the instances, with their logs.
  struct ServedFailure: Error, CustomStringConvertible {
    var error: String
    var logs: String
    var description: String { "\(error)\n\(logs)" }
  }

  /// Stops the instances with SIGTERM; each exits 0.
  static func stop(_ servers: [ServedFlowc]) throws {
    for server in servers { server.signal(SIGTERM) }
    for server in servers { #expect(try server.waitForExit() == 0, "\(server.standardError)") }
  }

  /// The Alexa user id of a customer.
  static func userId(_ tag: String, _ customer: Int) -> String {
    "amzn1.ask.account.MULTI-\(tag)-\(customer)"
  }

  /// Posts `body` to the first of `ports` that answers. A connection error (the instance is
  /// gone, or went while answering) moves on to the next port with the same bytes; any
  /// status but 200 fails.
  static func post(_ body: Data, to ports: [Int], deliveries: Deliveries) async throws
    -> (response: Data, port: Int)
  {
    for (index, port) in ports.enumerated() {
      do {
        let reply = try await LoopbackHTTP.exchangeOnThread(port: port, "POST", "/", body: body)
        guard reply.status == 200 else {
          throw LoopbackHTTPError.malformedReply("not answered: \(reply)")
        }
        return (reply.body, port)
      } catch let error as LoopbackHTTPError where index < ports.count - 1 && isLost(error) {
        deliveries.failedOver(cutOff: isCutOff(error))
      }
    }
    throw LoopbackHTTPError.malformedReply("no instance to send to")
  }

  /// Whether an exchange failed for want of a server: refused, reset, or closed before any
  /// answer (the instance went while answering).
  static func isLost(_ error: LoopbackHTTPError) -> Bool {
    switch error {
    case .socket: true
    case .malformedReply(let text): text.isEmpty
    }
  }

  /// Whether a lost exchange had reached the server (it went while answering), rather than
  /// being refused at the door.
  static func isCutOff(_ error: LoopbackHTTPError) -> Bool {
    if case .socket("connect", _) = error { return false }
    return true
  }

  /// Every customer's No Nicks conversation at once, each turn sent where `route` says (the
  /// instances to try, in order); `acknowledged` hears the number of turns answered so far
  /// after each one.
  ///
  /// - Returns: Each customer's six responses.
  static func converse(
    tag: String, deliveries: Deliveries,
    route: @escaping @Sendable (Int, NoNicksTurn) -> [Int],
    acknowledged: @escaping @Sendable (Int) -> Void = { _ in }
  ) async throws -> [[ResponseEnvelope]] {
    try await withThrowingTaskGroup(of: (Int, [ResponseEnvelope]).self) { group in
      for customerIndex in 0..<customerCount {
        group.addTask {
          let userId = Self.userId(tag, customerIndex)
          var customer = RemoteCustomer(
            name: "\(tag)-\(customerIndex)", userId: userId,
            sessionId: "amzn1.echo-api.session.\(tag)-\(customerIndex)"
          ) { _ in Data() }
          var responses: [ResponseEnvelope] = []
          for turn in NoNicksTurn.allCases {
            customer.send = { body in
              let answer = try await post(
                body, to: route(customerIndex, turn), deliveries: deliveries)
              let count = deliveries.acknowledge(
                Acknowledged(
                  customer: customerIndex, turn: turn, userId: userId,
                  requestId: try RequestEnvelope(json: body).request.requestId ?? "",
                  request: body, response: answer.response, port: answer.port))
              acknowledged(count)
              return answer.response
            }
            responses.append(try await customer.take(turn))
          }
          return (customerIndex, responses)
        }
      }
      var conversations = [[ResponseEnvelope]](repeating: [], count: customerCount)
      for try await (customer, responses) in group { conversations[customer] = responses }
      return conversations
    }
  }

  /// Sends each acknowledged request again, unchanged, to the port `to` names (a customer's
  /// turns in order, the customers at once).
  ///
  /// - Returns: The answers, in the order of `turns`.
  static func replay(_ turns: [Acknowledged], to port: @escaping @Sendable (Int) -> Int)
    async throws -> [Data]
  {
    let byCustomer = Dictionary(grouping: turns.indices) { turns[$0].customer }
    return try await withThrowingTaskGroup(of: [(Int, Data)].self) { group in
      for indices in byCustomer.values {
        let mine = indices.map { ($0, turns[$0]) }
        group.addTask {
          var answers: [(Int, Data)] = []
          for (index, turn) in mine {
            let reply = try await LoopbackHTTP.exchangeOnThread(
              port: port(turn.port), "POST", "/", body: turn.request)
            #expect(reply.status == 200, "\(reply)")
            answers.append((index, reply.body))
          }
          return answers
        }
      }
      var answers = [Data](repeating: Data(), count: turns.count)
      for try await chunk in group { for (index, data) in chunk { answers[index] = data } }
      return answers
    }
  }

  /// An answer to a request sent again with a fresh request id.
  struct Resent: Sendable {
    var envelope: ResponseEnvelope
    var requestKey: String
  }

  /// Sends each request again with a new request id (`…-again`), to the port `to` names.
  static func resendWithFreshRequestIds(
    _ turns: [Acknowledged], to port: @escaping @Sendable (Int) -> Int
  ) async throws -> [Resent] {
    try await withThrowingTaskGroup(of: (Int, Resent).self) { group in
      for (index, turn) in turns.enumerated() {
        group.addTask {
          let requestId = turn.requestId + "-again"
          let body = try Self.replacingRequestId(of: turn.request, with: requestId)
          let reply = try await LoopbackHTTP.exchangeOnThread(
            port: port(turn.port), "POST", "/", body: body)
          guard reply.status == 200 else { throw LoopbackHTTPError.malformedReply("\(reply)") }
          return (
            index,
            Resent(
              envelope: try CanonicalJSON.decode(ResponseEnvelope.self, from: reply.body),
              requestKey: ProcessedRequest.key(userId: turn.userId, requestId: requestId))
          )
        }
      }
      var answers: [Resent?] = Array(repeating: nil, count: turns.count)
      for try await (index, answer) in group { answers[index] = answer }
      return answers.compactMap { $0 }
    }
  }

  /// The request envelope `body` with another `request.requestId`.
  static func replacingRequestId(of body: Data, with requestId: String) throws -> Data {
    guard case .object(var envelope) = try CanonicalJSON.decode(JSONValue.self, from: body),
      case .object(var request)? = envelope["request"]
    else { throw LoopbackHTTPError.malformedReply("not a request envelope") }
    request["requestId"] = .string(requestId)
    envelope["request"] = .object(request)
    return try CanonicalJSON.compact(JSONValue.object(envelope))
  }

  // MARK: - Checks

  /// Every customer heard the six answers of a Charge Now purchase, ending with the order.
  static func expectEveryOrderPlaced(
    _ conversations: [[ResponseEnvelope]], _ servers: [ServedFlowc]
  ) {
    for (customer, responses) in conversations.enumerated() {
      let speech = responses.map { $0.response.outputSpeech?.content.prefix(20) ?? "" }
      #expect(
        speech == [
          "Welcome to No Nicks.", "That is 1 Starter Ki", "", "Your total is $9.00,", "",
          "Your order is placed",
        ],
        "customer \(customer): \(speech)\n\(servers.map(\.standardError).joined())")
    }
  }

  /// The database holds exactly what the acknowledged answers say: one captured order per
  /// customer, each directive's token once and consumed, one agreement per customer, and an
  /// answer stored for every acknowledged request.
  static func expectStored(_ stored: StoredPayments, matches acknowledged: [Acknowledged]) {
    let users = Set(acknowledged.map(\.userId))
    #expect(users.count == customerCount)
    #expect(stored.orders.count == customerCount, "\(stored.orders.count) orders")
    #expect(Set(stored.orders.map(\.userId)) == users)
    #expect(
      stored.orders.allSatisfy {
        $0.state == OrderState.captured.rawValue && $0.amountMinorUnits == 900
          && $0.currency == "USD"
      }, "\(stored.orders.filter { $0.state != OrderState.captured.rawValue })")

    var sent: [String: String] = [:]
    for turn in acknowledged where turn.turn.sendsDirective {
      let response = try? CanonicalJSON.decode(ResponseEnvelope.self, from: turn.response)
      for case .connectionsSendRequest(_, _, let token) in response?.response.directives ?? [] {
        #expect(sent.updateValue(turn.userId, forKey: token) == nil, "token sent twice")
      }
    }
    #expect(sent.count == 2 * customerCount)
    #expect(stored.continuations.count == sent.count, "\(stored.continuations.count) tokens")
    #expect(
      Dictionary(
        stored.continuations.map { ($0.token, $0.userId) }, uniquingKeysWith: { a, _ in a })
        == sent)
    let unconsumed = stored.continuations.filter { !$0.consumed }
    #expect(unconsumed.isEmpty, "\(unconsumed.count) tokens were not consumed")
    #expect(stored.agreementUserIds.sorted() == users.sorted())
    #expect(stored.requestKeys.isSuperset(of: acknowledged.map(\.requestKey)))
  }
}

/// A turn that got HTTP 200: who sent it, what was sent and answered, and which instance
/// answered.
struct Acknowledged: Sendable {
  var customer: Int
  var turn: NoNicksTurn
  var userId: String
  var requestId: String
  var request: Data
  var response: Data
  var port: Int

  /// The key of its stored answer.
  var requestKey: String { ProcessedRequest.key(userId: userId, requestId: requestId) }
}

/// The turns answered so far, from every customer's task, and how often a request moved on to
/// another instance.
final class Deliveries: Sendable {
  private let turns = Mutex<[Acknowledged]>([])
  private let lost = Mutex((failovers: 0, cutOff: 0))

  /// Records an answered turn.
  ///
  /// - Returns: How many turns were answered so far, this one included.
  func acknowledge(_ turn: Acknowledged) -> Int {
    turns.withLock {
      $0.append(turn)
      return $0.count
    }
  }

  /// Counts a request that its instance did not answer, sent again to another.
  ///
  /// - Parameter cutOff: Whether the instance went while answering it (not refused at once).
  func failedOver(cutOff: Bool) {
    lost.withLock {
      $0.failovers += 1
      if cutOff { $0.cutOff += 1 }
    }
  }

  /// The turns answered so far, in the order of their answers.
  var acknowledged: [Acknowledged] { turns.withLock { $0 } }
  /// How many requests were sent again to another instance.
  var failovers: Int { lost.withLock { $0.failovers } }
  /// How many of those the instance went away from while answering.
  var cutOff: Int { lost.withLock { $0.cutOff } }
}

/// What the instances wrote to the database, read with SQL behind the store's back.
struct StoredPayments: Sendable {
  struct Order: Sendable {
    var id: String
    var userId: String
    var state: String
    var amountMinorUnits: Int64
    var currency: String
  }

  struct Token: Sendable {
    var token: String
    var userId: String
    var consumed: Bool
  }

  var orders: [Order]
  var continuations: [Token]
  var agreementUserIds: [String]
  var requestKeys: Set<String>

  static func read(_ url: String) async throws -> StoredPayments {
    try await PostgresTestDatabase.withConnection(url) { database in
      let orders = try await database.raw(
        "SELECT id, user_id, state, amount_minor_units, currency FROM orders"
      ).all().map { row in
        Order(
          id: try row.decode(column: "id", as: String.self),
          userId: try row.decode(column: "user_id", as: String.self),
          state: try row.decode(column: "state", as: String.self),
          amountMinorUnits: try row.decode(column: "amount_minor_units", as: Int64.self),
          currency: try row.decode(column: "currency", as: String.self))
      }
      let continuations = try await database.raw(
        "SELECT token, user_id, consumed_at_ms FROM continuations"
      ).all().map { row in
        Token(
          token: try row.decode(column: "token", as: String.self),
          userId: try row.decode(column: "user_id", as: String.self),
          consumed: try row.decode(column: "consumed_at_ms", as: Int64?.self) != nil)
      }
      let agreements = try await database.raw("SELECT user_id FROM agreements").all().map {
        try $0.decode(column: "user_id", as: String.self)
      }
      let keys = try await database.raw("SELECT request_key FROM processed_requests").all().map {
        try $0.decode(column: "request_key", as: String.self)
      }
      return StoredPayments(
        orders: orders, continuations: continuations, agreementUserIds: agreements,
        requestKeys: Set(keys))
    }
  }
}
