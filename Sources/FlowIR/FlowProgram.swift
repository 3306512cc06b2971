import Foundation

/// A compiled flow: the intermediate representation that the runtime executes and the
/// generators read.
///
/// The compiler produces it from a flow file; `flowc compile` writes it as JSON (see
/// ``FlowProgram/encodedJSON()``). Every field is documented in `docs/ir.md`. Dictionaries are
/// encoded with sorted keys, so the same program always gives the same bytes.
public struct FlowProgram: Codable, Sendable, Equatable {
  /// The IR version this build of flowc reads and writes.
  public static let currentIRVersion = 1

  /// The most states one turn enters: the state a transition or a payment outcome leads to,
  /// then each `choose` state and each payment outcome taken without Amazon Pay on the way to
  /// the state that answers. The runtime ends a turn that would enter more with its broken-flow
  /// message; the compiler refuses a flow with a longer chain (`turn-too-long`).
  public static let maximumStatesPerTurn = 64

  /// The IR version of this program (``currentIRVersion`` when produced by this build).
  public var irVersion: Int
  /// `sha256:` followed by the hex SHA-256 of the canonical JSON of this program with an empty
  /// `flow_hash`. The runtime stamps session attributes and continuations with it.
  public var flowHash: String
  /// The skill's identity and locales.
  public var skill: Skill
  /// The Amazon Pay merchant; `nil` when the flow has no `setup` or `charge` state.
  public var merchant: Merchant?
  /// The catalog, sorted by product id.
  public var products: [Product]
  /// Custom intents, sorted by name. Built-in `AMAZON.*` intents are not listed.
  public var intents: [Intent]
  /// Prompts: locale → prompt id → compiled template.
  public var prompts: [String: [String: Template]]
  /// The state entered on launch.
  public var start: String
  /// Transitions used by any `ask` state that does not handle the intent itself: intent → transition.
  public var global: [String: Transition]
  /// The states by id.
  public var states: [String: State]
  /// Where each state was declared in the flow file.
  public var sourceMap: SourceMap

  /// Creates a program.
  public init(
    irVersion: Int = FlowProgram.currentIRVersion,
    flowHash: String = "",
    skill: Skill,
    merchant: Merchant?,
    products: [Product],
    intents: [Intent],
    prompts: [String: [String: Template]],
    start: String,
    global: [String: Transition],
    states: [String: State],
    sourceMap: SourceMap
  ) {
    self.irVersion = irVersion
    self.flowHash = flowHash
    self.skill = skill
    self.merchant = merchant
    self.products = products
    self.intents = intents
    self.prompts = prompts
    self.start = start
    self.global = global
    self.states = states
    self.sourceMap = sourceMap
  }

  /// In the byte order of the names, which is the order the synthesized encoding writes them
  /// in, so that the canonical encoder writes the document without reordering its members.
  /// The types found once per state, transition, assignment, prompt, product or intent declare
  /// (or, with a hand-written encoding, write) their keys in that order too: an object written
  /// out of order is copied once more, sorted, which was a tenth of the encoding's time.
  enum CodingKeys: String, CodingKey {
    case flowHash = "flow_hash"
    case global, intents
    case irVersion = "ir_version"
    case merchant, products, prompts, skill
    case sourceMap = "source_map"
    case start, states
  }

  /// The product with the given id, if the catalog has one.
  ///
  /// A binary search over the catalog, which the compiler sorts by id: the runtime looks
  /// products up several times per turn, whatever the size of the catalog. A catalog that is
  /// not sorted (a hand-made IR) still finds its products, by a linear search when the binary
  /// one misses; should such a catalog list an id twice, either product may be returned.
  public func product(id: String) -> Product? {
    products.product(sortedByIDHaving: id) ?? products.first { $0.id == id }
  }
}

/// The skill's identity: what the interaction model and the manifest are built from.
public struct Skill: Codable, Sendable, Equatable {
  /// The skill's display name.
  public var name: String
  /// The invocation name (lowercase words).
  public var invocation: String
  /// Alexa locales, the default first.
  public var locales: [String]
  /// The privacy policy URL, required by Amazon Pay for Setup.
  public var privacyPolicyURL: String?
  /// What the skill store shows (`skill.publishing`, language v1.1); `nil` when the flow has
  /// none, and then left out of the IR JSON.
  public var publishing: Publishing?

  /// Creates a skill description.
  public init(
    name: String, invocation: String, locales: [String], privacyPolicyURL: String?,
    publishing: Publishing? = nil
  ) {
    self.name = name
    self.invocation = invocation
    self.locales = locales
    self.privacyPolicyURL = privacyPolicyURL
    self.publishing = publishing
  }

  enum CodingKeys: String, CodingKey {
    case name, invocation, locales
    case privacyPolicyURL = "privacy_policy_url"
    case publishing
  }
}

/// The file positions of the flow's states, for error messages and `flowc graph`.
public struct SourceMap: Codable, Sendable, Equatable {
  /// The flow file as it was given to the compiler.
  public var file: String
  /// State id → where the state's key stands in the file.
  public var states: [String: SourceLocation]

  /// Creates a source map.
  public init(file: String, states: [String: SourceLocation]) {
    self.file = file
    self.states = states
  }
}

/// A line and column (both 1-based; columns count Unicode scalars) in the flow file.
public struct SourceLocation: Codable, Sendable, Equatable {
  /// 1-based line.
  public var line: Int
  /// 1-based column, counted in Unicode scalars.
  public var column: Int

  /// Creates a location.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// In the byte order of the names (see ``FlowProgram``'s coding keys).
  enum CodingKeys: String, CodingKey {
    case column, line
  }
}
