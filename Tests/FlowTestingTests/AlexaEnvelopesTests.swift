import FlowTesting
import Foundation
import Testing

/// The request timestamp is what Alexa sends: ISO 8601 in UTC, whole seconds.
@Suite struct AlexaEnvelopesTests {
  @Test func timestampsAreThoseOfTheISO8601Formatter() {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<1_000 {
      // Any second between 1970 and 2100, and a fraction that is dropped. (The ICU formatter
      // rounds to the millisecond first, so in the last half millisecond of a second it names
      // the next one; the format style truncates, as the whole-second clocks of tests need.)
      let seconds = Double(UInt32.random(in: 0...4_102_444_800, using: &generator))
      let fraction = Double.random(in: 0..<0.999, using: &generator)
      let date = Date(timeIntervalSince1970: seconds + fraction)
      #expect(AlexaEnvelopes.timestamp(date) == formatter.string(from: date))
    }
    #expect(
      AlexaEnvelopes.timestamp(Date(timeIntervalSince1970: 1_764_700_000.9999))
        == "2025-12-02T18:26:40Z")
    #expect(
      AlexaEnvelopes.timestamp(Date(timeIntervalSince1970: 1_764_700_000))
        == "2025-12-02T18:26:40Z")
  }
}
