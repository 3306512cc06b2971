/// An Alexa interaction model for one locale, in the shape of the ASK CLI's
/// `interactionModels/custom/<locale>.json` (SMAPI `InteractionModelData`).
///
/// Only the language model is written; optional fields that are `nil` are left out.
public struct InteractionModel: Codable, Sendable, Equatable {
  /// The `interactionModel` member.
  public var interactionModel: Schema

  /// Creates a model.
  public init(interactionModel: Schema) {
    self.interactionModel = interactionModel
  }

  /// `interactionModel`: the language model.
  public struct Schema: Codable, Sendable, Equatable {
    /// `languageModel`.
    public var languageModel: LanguageModel

    /// Creates the schema.
    public init(languageModel: LanguageModel) {
      self.languageModel = languageModel
    }
  }

  /// `languageModel`: invocation name, intents and custom slot types.
  public struct LanguageModel: Codable, Sendable, Equatable {
    /// `invocationName`.
    public var invocationName: String
    /// `intents`, sorted by name.
    public var intents: [Intent]
    /// `types`: the custom slot types.
    public var types: [SlotType]

    /// Creates a language model.
    public init(invocationName: String, intents: [Intent], types: [SlotType]) {
      self.invocationName = invocationName
      self.intents = intents
      self.types = types
    }
  }

  /// An intent with its slots and sample utterances.
  public struct Intent: Codable, Sendable, Equatable {
    /// `name`.
    public var name: String
    /// `slots`; `nil` (left out) when the intent has none.
    public var slots: [Slot]?
    /// `samples`; empty for built-in intents.
    public var samples: [String]

    /// Creates an intent.
    public init(name: String, slots: [Slot]?, samples: [String]) {
      self.name = name
      self.slots = slots
      self.samples = samples
    }
  }

  /// A slot of an intent.
  public struct Slot: Codable, Sendable, Equatable {
    /// `name`.
    public var name: String
    /// `type`: a built-in type or a custom type of ``LanguageModel/types``.
    public var type: String

    /// Creates a slot.
    public init(name: String, type: String) {
      self.name = name
      self.type = type
    }
  }

  /// A custom slot type.
  public struct SlotType: Codable, Sendable, Equatable {
    /// `name`.
    public var name: String
    /// `values`.
    public var values: [SlotValue]

    /// Creates a slot type.
    public init(name: String, values: [SlotValue]) {
      self.name = name
      self.values = values
    }
  }

  /// A value of a custom slot type: an id that entity resolution reports, and its words.
  public struct SlotValue: Codable, Sendable, Equatable {
    /// `id`: the product id.
    public var id: String
    /// `name`: the spoken value and its synonyms.
    public var name: Name

    /// Creates a value.
    public init(id: String, name: Name) {
      self.id = id
      self.name = name
    }

    /// `name` of a slot value.
    public struct Name: Codable, Sendable, Equatable {
      /// `value`.
      public var value: String
      /// `synonyms`; `nil` (left out) when there are none.
      public var synonyms: [String]?

      /// Creates a name.
      public init(value: String, synonyms: [String]?) {
        self.value = value
        self.synonyms = synonyms
      }
    }
  }
}
