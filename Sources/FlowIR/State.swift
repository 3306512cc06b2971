/// A state of the flow's state machine.
///
/// Encoded as an object whose `kind` is `ask`, `tell`, `connections` or `choose`, next to the
/// fields of that kind.
public struct State: Codable, Sendable, Equatable {
  /// The state id.
  public var id: String
  /// What the state does on entry and which events leave it.
  public var kind: StateKind

  /// Creates a state.
  public init(id: String, kind: StateKind) {
    self.id = id
    self.kind = kind
  }

  enum CodingKeys: String, CodingKey {
    case id, kind, ask, tell, connections, choose
  }

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(String.self, forKey: .id)
    let kindName = try container.decode(String.self, forKey: .kind)
    switch kindName {
    case "ask": kind = .ask(try container.decode(AskState.self, forKey: .ask))
    case "tell": kind = .tell(try container.decode(TellState.self, forKey: .tell))
    case "connections":
      kind = .connections(try container.decode(ConnectionsState.self, forKey: .connections))
    case "choose": kind = .choose(try container.decode(ChooseState.self, forKey: .choose))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: container, debugDescription: "unknown state kind '\(kindName)'")
    }
  }

  /// Encodes the value in its JSON form, its keys in byte order (`ask`, `choose` and
  /// `connections` before `id` and `kind`, `tell` after them).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch kind {
    case .ask(let ask): try container.encode(ask, forKey: .ask)
    case .connections(let task): try container.encode(task, forKey: .connections)
    case .choose(let choose): try container.encode(choose, forKey: .choose)
    case .tell: break
    }
    try container.encode(id, forKey: .id)
    try container.encode(kind.name, forKey: .kind)
    if case .tell(let tell) = kind { try container.encode(tell, forKey: .tell) }
  }
}

/// The kind of a state with its fields.
public enum StateKind: Sendable, Equatable {
  /// Speak, keep the session open, wait for an intent.
  case ask(AskState)
  /// Speak and end the session.
  case tell(TellState)
  /// Send a `Connections.SendRequest` (Amazon Pay Setup or Charge), end the session and resume
  /// on the `Connections.Response`.
  case connections(ConnectionsState)
  /// Branch at once on conditions, without speaking.
  case choose(ChooseState)

  /// The kind's name as encoded: `ask`, `tell`, `connections` or `choose`.
  public var name: String {
    switch self {
    case .ask: "ask"
    case .tell: "tell"
    case .connections: "connections"
    case .choose: "choose"
    }
  }
}

/// An `ask` state.
public struct AskState: Codable, Sendable, Equatable {
  /// The prompt id spoken on entry.
  public var prompt: String
  /// The prompt id used as reprompt (and when re-asking); `nil` re-uses ``prompt``.
  public var reprompt: String?
  /// A card shown in the Alexa app.
  public var card: Card?
  /// Intent name → transition.
  public var on: [String: Transition]

  /// Creates an `ask` state.
  public init(prompt: String, reprompt: String?, card: Card?, on: [String: Transition]) {
    self.prompt = prompt
    self.reprompt = reprompt
    self.card = card
    self.on = on
  }

  /// In the byte order of the names (see ``FlowProgram``'s coding keys).
  enum CodingKeys: String, CodingKey {
    case card, on, prompt, reprompt
  }
}

/// A `tell` state.
public struct TellState: Codable, Sendable, Equatable {
  /// The prompt id spoken on entry.
  public var prompt: String
  /// A card shown in the Alexa app.
  public var card: Card?
  /// Whether to send an AskForPermissionsConsent card for `payments:autopay_consent`.
  public var permissionCard: Bool

  /// Creates a `tell` state.
  public init(prompt: String, card: Card?, permissionCard: Bool) {
    self.prompt = prompt
    self.card = card
    self.permissionCard = permissionCard
  }

  /// In the byte order of the names (see ``FlowProgram``'s coding keys).
  enum CodingKeys: String, CodingKey {
    case card
    case permissionCard = "permission_card"
    case prompt
  }
}

/// A card: Standard when it has an image, Simple otherwise. Title and text are prompt ids.
public struct Card: Codable, Sendable, Equatable {
  /// Prompt id of the title.
  public var title: String
  /// Prompt id of the text.
  public var text: String
  /// An https image URL (makes the card a Standard card).
  public var image: String?

  /// Creates a card.
  public init(title: String, text: String, image: String?) {
    self.title = title
    self.text = text
    self.image = image
  }
}

/// A state that hands the conversation to an Alexa Connections task (Amazon Pay Setup or
/// Charge) and continues on its outcome.
public struct ConnectionsState: Codable, Sendable, Equatable {
  /// The task to send.
  public var task: ConnectionsTask
  /// Outcome → transition. Every outcome of ``ConnectionsTask/outcomes`` has one.
  public var on: [PaymentOutcome: Transition]

  /// Creates a Connections state.
  public init(task: ConnectionsTask, on: [PaymentOutcome: Transition]) {
    self.task = task
    self.on = on
  }
}

/// A `Connections.SendRequest` task: its name, the profile that knows how to classify its
/// response, the payload template, and the outcomes it can have.
///
/// Amazon Pay Setup and Charge are the first profile (`amazon_pay`); in-skill purchasing
/// (`Buy`, `Upsell`, `Cancel`) fits the same shape.
public struct ConnectionsTask: Codable, Sendable, Equatable {
  /// The Connections name: `Setup` or `Charge` for Amazon Pay.
  public var name: ConnectionsTaskName
  /// The profile that renders the payload and classifies the response.
  public var profile: ConnectionsProfileName
  /// The payload, with bindings that the runtime fills in.
  public var payload: PayloadTemplate
  /// The outcomes this task can have, in IR order (``ConnectionsTaskName/outcomes``).
  public var outcomes: [PaymentOutcome]

  /// Creates a task.
  public init(
    name: ConnectionsTaskName, profile: ConnectionsProfileName, payload: PayloadTemplate,
    outcomes: [PaymentOutcome]
  ) {
    self.name = name
    self.profile = profile
    self.payload = payload
    self.outcomes = outcomes
  }
}

/// A `choose` state: the first branch whose condition holds wins, else ``otherwise``.
public struct ChooseState: Codable, Sendable, Equatable {
  /// The guarded branches in order.
  public var branches: [ChooseBranch]
  /// The state taken when no condition holds.
  public var otherwise: String

  /// Creates a `choose` state.
  public init(branches: [ChooseBranch], otherwise: String) {
    self.branches = branches
    self.otherwise = otherwise
  }

  enum CodingKeys: String, CodingKey {
    case branches
    case otherwise = "else"
  }
}

/// One `if:` branch of a `choose` state.
public struct ChooseBranch: Codable, Sendable, Equatable {
  /// The guard.
  public var condition: Condition
  /// The state taken when the guard holds.
  public var goto: String

  /// Creates a branch.
  public init(condition: Condition, goto: String) {
    self.condition = condition
    self.goto = goto
  }

  /// In the byte order of the names (see ``FlowProgram``'s coding keys).
  enum CodingKeys: String, CodingKey {
    case goto
    case condition = "if"
  }
}

/// What happens on an intent or an outcome: the slots it requires, assignments, then an
/// optional prompt, then an optional move. Without `goto` the machine stays in the current
/// state (after `say`, it re-asks with that state's reprompt).
public struct Transition: Codable, Sendable, Equatable {
  /// The slots that must hold a valid value before the transition is taken, in source order
  /// (`require`, language v1.1); `nil` when there are none, and then left out of the IR JSON.
  public var require: [SlotRequirement]?
  /// Assignments in source order.
  public var set: [Assignment]
  /// A prompt id spoken before moving (or before re-asking).
  public var say: String?
  /// The next state.
  public var goto: String?

  /// Creates a transition.
  public init(
    require: [SlotRequirement]? = nil, set: [Assignment] = [], say: String? = nil,
    goto: String? = nil
  ) {
    self.require = require
    self.set = set
    self.say = say
    self.goto = goto
  }

  /// In the byte order of the names (see ``FlowProgram``'s coding keys).
  enum CodingKeys: String, CodingKey {
    case goto, require, say, set
  }
}

/// A slot a transition requires (`require`, language v1.1): when the intent arrives without
/// it, the runtime elicits it with a `Dialog.ElicitSlot` directive speaking ``ask``; when its
/// value is not valid, it speaks ``unknown`` (if given) and elicits it again.
public struct SlotRequirement: Codable, Sendable, Equatable {
  /// The slot name, one of the handled intent's slots.
  public var slot: String
  /// The prompt id that elicits the slot.
  public var ask: String
  /// The prompt id spoken when the value is not valid (a `catalog` value that names no
  /// product, a number outside 1–99); `nil`: an invalid value is elicited like a missing one.
  /// The prompt may read `slot.<slot>.spoken`, what the customer said.
  public var unknown: String?

  /// Creates a requirement.
  public init(slot: String, ask: String, unknown: String? = nil) {
    self.slot = slot
    self.ask = ask
    self.unknown = unknown
  }

  /// In the byte order of the names (see ``FlowProgram``'s coding keys).
  enum CodingKeys: String, CodingKey {
    case ask, slot, unknown
  }
}

/// `variable: value` in a transition's `set`.
public struct Assignment: Codable, Sendable, Equatable {
  /// The variable set, such as `product` or `quantity`.
  public var variable: String
  /// Where the value comes from.
  public var value: ValueExpression

  /// Creates an assignment.
  public init(variable: String, value: ValueExpression) {
    self.variable = variable
    self.value = value
  }

  /// In the byte order of the names (see ``FlowProgram``'s coding keys).
  enum CodingKeys: String, CodingKey {
    case value, variable
  }
}

/// The right-hand side of an assignment: a path (`slot.product`, `catalog.starter_kit`) with an
/// optional fallback literal (`slot.quantity ?? 1`), or a literal.
///
/// Encoded as `{"path": "…", "default": literal?}` or `{"literal": literal}`.
public enum ValueExpression: Codable, Sendable, Equatable {
  /// A variable path, with a literal used when the path has no valid value.
  case path(String, fallback: Literal?)
  /// A constant.
  case literal(Literal)

  enum CodingKeys: String, CodingKey {
    case path
    case fallback = "default"
    case literal
  }

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let path = try container.decodeIfPresent(String.self, forKey: .path) {
      self = .path(path, fallback: try container.decodeIfPresent(Literal.self, forKey: .fallback))
    } else {
      self = .literal(try container.decode(Literal.self, forKey: .literal))
    }
  }

  /// Encodes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .path(let path, let fallback):
      // `default` before `path`: in byte order.
      try container.encodeIfPresent(fallback, forKey: .fallback)
      try container.encode(path, forKey: .path)
    case .literal(let literal):
      try container.encode(literal, forKey: .literal)
    }
  }
}
