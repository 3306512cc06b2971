import FlowIR
import Foundation
import Testing

@Suite struct PublishingCodingTests {
  @Test func skillWithoutPublishingEncodesAsBefore() throws {
    let skill = Skill(
      name: "No Nicks", invocation: "no nicks", locales: ["en-US"], privacyPolicyURL: nil)
    let json = String(decoding: try CanonicalJSON.compact(skill), as: UTF8.self)
    #expect(json == #"{"invocation":"no nicks","locales":["en-US"],"name":"No Nicks"}"#)
  }

  @Test func publishingRoundTrips() throws {
    let skill = Skill(
      name: "No Nicks", invocation: "no nicks", locales: ["en-US"],
      privacyPolicyURL: "https://nonicks.example.com/privacy",
      publishing: Publishing(
        category: "SHOPPING",
        locales: [
          "en-US": LocalePublishing(
            summary: "Razors", description: nil, examplePhrases: ["Alexa, open no nicks"],
            keywords: [])
        ]))
    let data = try CanonicalJSON.compact(skill)
    #expect(
      String(decoding: data, as: UTF8.self).contains(
        #""publishing":{"category":"SHOPPING","locales":{"en-US":{"example_phrases":["Alexa, open no nicks"],"keywords":[],"summary":"Razors"}}}"#
      ))
    #expect(try CanonicalJSON.decode(Skill.self, from: data) == skill)
  }

  @Test func listingFieldsMayBeLeftOut() throws {
    let listing = try CanonicalJSON.decode(
      LocalePublishing.self, from: Data(#"{"summary":"Razors"}"#.utf8))
    #expect(
      listing
        == LocalePublishing(summary: "Razors", description: nil, examplePhrases: [], keywords: []))
  }
}
