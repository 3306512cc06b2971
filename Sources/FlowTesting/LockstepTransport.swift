public import FlowIR
public import Foundation

/// Runs a skill under test and the built-in runtime on the same conversation in lockstep, and
/// fails the conversation at the first response that differs after normalisation
/// (``ResponseNormaliser``): `flowc test --against`.
///
/// Every request goes to the skill under test as the conversation built it (with the session
/// attributes and tokens the skill gave), and to the reference translated into the
/// reference's own values: each token, order id, authorization reference and seal of the
/// subject is replaced by the reference's value with the same placeholder. Inspections are the
/// subject's.
public final class LockstepTransport: SkillTransport {
  /// The skill under test.
  public let subject: any SkillTransport
  /// The built-in runtime.
  public let reference: any SkillTransport
  private var subjectValues: ResponseNormaliser
  private var referenceValues: ResponseNormaliser
  /// How many differences a failure lists.
  public static let reportedDifferences = 3

  /// Creates a transport.
  ///
  /// - Parameters:
  ///   - subject: The skill under test.
  ///   - reference: The built-in runtime, with a fresh store.
  ///   - program: The flow both run.
  public init(subject: any SkillTransport, reference: any SkillTransport, program: FlowProgram) {
    self.subject = subject
    self.reference = reference
    subjectValues = ResponseNormaliser(program: program)
    referenceValues = ResponseNormaliser(program: program)
  }

  /// See ``SkillTransport/answer(_:)``: the subject's answer, once it equals the reference's.
  public func answer(_ request: Data) async throws -> Data {
    let answer = try await subject.answer(request)
    let expected = try await reference.answer(translate(request))
    guard let actual = try? CanonicalJSON.decode(JSONValue.self, from: answer) else {
      throw ConversationError("the skill under test answered with something that is not JSON")
    }
    let wanted = (try? CanonicalJSON.decode(JSONValue.self, from: expected)) ?? .null
    let left = subjectValues.normalise(actual)
    let right = referenceValues.normalise(wanted)
    let differences = JSONDifference.entries(left, right, limit: Self.reportedDifferences)
    guard differences.isEmpty else {
      var details: [String] = []
      for difference in differences {
        let (mine, theirs) = JSONDifference.clipped(difference)
        details.append("at \(quoted(difference.pointer)):")
        details.append("  skill under test: \(mine)")
        details.append("  built-in runtime: \(theirs)")
      }
      details.append(
        "(tokens, order ids, authorization references and the seal are compared as "
          + "placeholders such as <order-id-1>)")
      let pointers = differences.map(\.pointer).joined(separator: ", ")
      throw ConversationError(
        "the response differs from the built-in runtime's at \(pointers)", details: details)
    }
    return answer
  }

  /// See ``SkillTransport/inspect(userId:)``: the subject's.
  public func inspect(userId: String) async throws -> SkillInspection {
    try await subject.inspect(userId: userId)
  }

  /// See ``SkillTransport/finish()``: ends both.
  public func finish() async -> String? {
    let problem = await subject.finish()
    _ = await reference.finish()
    return problem
  }

  /// The request with the subject's random values replaced by the reference's.
  func translate(_ request: Data) -> Data {
    var replacements: [(String, String)] = []
    for (kind, values) in subjectValues.seen {
      for (index, value) in values.enumerated() {
        if let theirs = referenceValues.value(kind, number: index + 1), theirs != value {
          replacements.append((value, theirs))
        }
      }
    }
    guard !replacements.isEmpty,
      let value = try? CanonicalJSON.decode(JSONValue.self, from: request)
    else { return request }
    // Longest first, so that no value is cut by a shorter one inside it.
    replacements.sort { $0.0.count > $1.0.count }
    func walk(_ value: JSONValue) -> JSONValue {
      switch value {
      case .object(let members): return .object(members.mapValues(walk))
      case .array(let items): return .array(items.map(walk))
      case .string(var text):
        for (mine, theirs) in replacements where text.contains(mine) {
          text = text.replacingOccurrences(of: mine, with: theirs)
        }
        return .string(text)
      default: return value
      }
    }
    return (try? CanonicalJSON.compact(walk(value))) ?? request
  }
}
