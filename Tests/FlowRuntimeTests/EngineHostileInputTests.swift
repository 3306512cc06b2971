import FlowIR
import FlowRuntime
import FlowTestSupport
import FlowTesting
import Foundation
import Testing

/// Envelopes mangled at random never crash the engine: each gets a valid response or a
/// ``FlowEngineError``.
@Suite struct EngineHostileInputTests {
  /// Replaces, deletes or retypes one value somewhere in the JSON.
  static func mutate(_ value: JSONValue, random: SeededRandom) -> JSONValue {
    let choice = Int(random.bytes(1)[0]) % 10
    switch value {
    case .object(var object) where !object.isEmpty && choice < 7:
      let keys = object.keys.sorted()
      let key = keys[Int(random.bytes(1)[0]) % keys.count]
      switch choice {
      case 0: object[key] = nil
      case 1: object[key] = .null
      case 2: object[key] = .number(-1e300)
      case 3: object[key] = .string(String(repeating: "<&'\"", count: 50))
      case 4: object[key] = .array([.object([:])])
      default: object[key] = mutate(object[key]!, random: random)
      }
      return .object(object)
    case .array(var elements) where !elements.isEmpty && choice < 7:
      let index = Int(random.bytes(1)[0]) % elements.count
      elements[index] = mutate(elements[index], random: random)
      return .array(elements)
    default:
      return [.null, .bool(true), .number(0), .string(""), .object([:])][choice % 5]
    }
  }

  @Test func mangledEnvelopesGetAResponseOrAnError() async throws {
    let store = MemoryFlowStore()
    let engine = makeEngine(store: store)
    // A real conversation first, so that tokens and orders exist to be confused about.
    let (_, token) = try await EngineConversationTests.reachCharge(engine, name: "hostile-setup")
    // And real sealed session state, which the mutations tamper with (or leave intact).
    var sealed = ConversationSession(engine: engine, name: "hostile-sealed")
    let welcome = try await sealed.launch()
    let seeds: [JSONValue] = [
      RequestEnvelopes.envelope(
        request: RequestEnvelopes.intent(
          "BuyIntent", slots: ["product": ("kit", "starter_kit"), "quantity": ("3", nil)]),
        sessionNew: false, attributes: welcome.sessionAttributes, requestId: "h"),
      RequestEnvelopes.envelope(
        request: RequestEnvelopes.launch(), sessionNew: true, requestId: "h"),
      RequestEnvelopes.envelope(
        request: RequestEnvelopes.intent(
          "BuyIntent", slots: ["product": ("kit", "starter_kit"), "quantity": ("3", nil)]),
        sessionNew: false,
        attributes: [
          "flowc": .object([
            "flow_hash": .string("sha256:nonicks-test"), "locale": .string("en-US"),
            "state": .string("welcome"),
            "variables": .object(["quantity": .object(["int": .number(1)])]),
          ])
        ], requestId: "h"),
      RequestEnvelopes.envelope(
        request: RequestEnvelopes.connectionsResponse(
          name: "Charge", code: "200", message: "OK", token: token,
          payload: RequestEnvelopes.chargePayload(
            state: "Closed", reasonCode: "MaxCapturesProcessed")),
        sessionNew: true, requestId: "h"),
    ]
    let random = SeededRandom(seed: 2026)
    var answered = 0
    var refused = 0
    for iteration in 0..<600 {
      var envelope = seeds[iteration % seeds.count]
      for _ in 0...(iteration % 4) { envelope = Self.mutate(envelope, random: random) }
      // A fresh request id, unless the mutation removed or retyped it.
      if case .object(var object) = envelope, case .object(var request)? = object["request"],
        request["requestId"]?.stringValue == "h"
      {
        request["requestId"] = .string("amzn1.echo-api.request.hostile-\(iteration)")
        object["request"] = .object(request)
        envelope = .object(object)
      }
      let json = try CanonicalJSON.compact(envelope)
      do {
        let response = try await engine.handle(requestJSON: json)
        #expect((try? JSONDecoder().decode(ResponseEnvelope.self, from: response)) != nil)
        answered += 1
      } catch is FlowEngineError {
        refused += 1
      }
    }
    #expect(answered > 0 && refused > 0)
  }
}
