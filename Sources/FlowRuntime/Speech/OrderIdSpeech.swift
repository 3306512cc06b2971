/// How an order id is spoken: Alexa reads an id such as `NN-K7M4-RA92` as words ("nn", "k seven
/// m four") unless told to spell it. So each group between `-` and `_` is spelt out character
/// by character (SSML `say-as` `spell-out`), with a short pause between groups, the way a
/// person reads a reference number aloud. The characters spoken are the id's, in order: the
/// id the customer hears is the one on the card and the Amazon Pay receipt.
public enum OrderIdSpeech {
  /// The pause between two groups.
  static let groupPause = "<break strength=\"medium\"/>"

  /// The SSML (without `<speak>`) that speaks `id`.
  ///
  /// - Parameter id: The order id.
  /// - Returns: One `say-as` element per group, pauses between them.
  public static func ssml(_ id: String) -> String {
    let groups = id.split(whereSeparator: { $0 == "-" || $0 == "_" })
    guard !groups.isEmpty else { return SpeechRenderer.escapeXML(id) }
    return groups.map { group in
      "<say-as interpret-as=\"spell-out\">\(SpeechRenderer.escapeXML(String(group)))</say-as>"
    }.joined(separator: groupPause)
  }
}
