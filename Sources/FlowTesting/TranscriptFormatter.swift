internal import FlowIR
public import FlowRuntime
internal import Foundation

/// Writes conversation turns as transcript lines: `> ` what the customer did, `< ` what Alexa
/// said, then reprompt, card, directives and the state, indented.
public enum TranscriptFormatter {
  /// The lines of one step.
  public static func lines(
    for action: TestAction, turn: TurnRecord?, in conversation: TestConversation
  )
    -> [String]
  {
    guard let turn else { return ["> \(describe(action))"] }
    var lines = ["> \(turn.summary)"]
    lines += responseLines(turn.response, state: conversation.currentState)
    return lines
  }

  /// What a response shows: speech, reprompt, card, one line per directive, the state.
  public static func responseLines(_ response: ResponseEnvelope, state: String?) -> [String] {
    var lines: [String] = []
    let body = response.response
    if let speech = body.outputSpeech?.content {
      lines.append("< \(oneLine(speech))")
    } else {
      lines.append("< (silence)")
    }
    if let reprompt = body.reprompt?.outputSpeech.content {
      lines.append("  reprompt: \(oneLine(reprompt))")
    }
    if let card = body.card { lines += cardLines(card) }
    for directive in body.directives ?? [] {
      lines.append("  directive: \(describe(directive))")
    }
    let session = body.shouldEndSession == false ? "session open" : "session ended"
    lines.append("  state: \(state ?? "none") (\(session))")
    return lines
  }

  /// A step as written in a script.
  public static func describe(_ action: TestAction) -> String {
    switch action {
    case .launch: "launch"
    case .say(let line): "say \(quoted(line))"
    case .intent(let name, let slots):
      (["intent \(name)"] + slots.keys.sorted().map { "\($0)=\(slots[$0]!)" }).joined(
        separator: " ")
    case .pay(let outcome): "pay \(outcome)"
    case .request(let path): "request \(path)"
    case .newSession: "new_session"
    case .user(let name): "user \(name)"
    case .permission(let granted): "permission \(granted ? "granted" : "denied")"
    case .expect: "expect"
    }
  }

  /// A card as a transcript shows it: type and title, then the text line by line as the
  /// Alexa app shows it, each line after `| ` (so that no line of the text starts a line of
  /// output of its own).
  public static func cardLines(_ card: ResponseCard) -> [String] {
    let header: String
    let text: String
    switch card {
    case .simple(let title, let content): (header, text) = ("Simple \(quoted(title))", content)
    case .standard(let title, let body, _): (header, text) = ("Standard \(quoted(title))", body)
    case .askForPermissionsConsent:
      return ["  card: \(describe(card))"]
    }
    let textLines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return ["  card: \(header):"] + textLines.map { "    | \($0)" }
  }

  /// A card in one line (for messages).
  public static func describe(_ card: ResponseCard) -> String {
    switch card {
    case .simple(let title, let content):
      "Simple \(quoted(title)): \(quoted(oneLine(content)))"
    case .standard(let title, let text, _):
      "Standard \(quoted(title)): \(quoted(oneLine(text)))"
    case .askForPermissionsConsent(let permissions):
      "AskForPermissionsConsent \(permissions.joined(separator: ", "))"
    }
  }

  /// A directive in one line: type, Connections name, amount and token.
  public static func describe(_ directive: Directive) -> String {
    switch directive {
    case .connectionsSendRequest(let name, let payload, let token):
      var text = "Connections.SendRequest \(name)"
      if let amount = payload?["authorizeAttributes"]?["authorizationAmount"],
        let value = amount["amount"]?.stringValue,
        let currency = amount["currencyCode"]?.stringValue
      {
        text += " \(value) \(currency)"
      }
      if let agreement = payload?["billingAgreementId"]?.stringValue {
        text += " agreement \(agreement)"
      }
      return text + " (token \(token))"
    case .dialogElicitSlot(let slot, let intent):
      return "\(Directive.dialogElicitSlotType) \(slot) of \(intent.name)"
    case .other(let value):
      return value["type"]?.stringValue ?? "directive"
    }
  }

  static func oneLine(_ text: String) -> String {
    text.replacingOccurrences(of: "\n", with: "\\n")
  }
}
