/// An Alexa interaction model for one locale, in the shape of the ASK CLI's
/// `interactionModels/custom/<locale>.json` (SMAPI `InteractionModelData`).
///
/// Only the language model is written; optional fields that are `nil` are left out.
struct InteractionModel: Codable, Sendable, Equatable {
  /// The `interactionModel` member.
  var interactionModel: Schema

  /// `interactionModel`: the language model.
  struct Schema: Codable, Sendable, Equatable {
    /// `languageModel`.
    var languageModel: LanguageModel
  }

  /// `languageModel`: invocation name, intents and custom slot types.
  struct LanguageModel: Codable, Sendable, Equatable {
    /// `invocationName`.
    var invocationName: String
    /// `intents`, sorted by name.
    var intents: [Intent]
    /// `types`: the custom slot types.
    var types: [SlotType]
  }

  /// An intent with its slots and sample utterances.
  struct Intent: Codable, Sendable, Equatable {
    /// `name`.
    var name: String
    /// `slots`; `nil` (left out) when the intent has none.
    var slots: [Slot]?
    /// `samples`; empty for built-in intents.
    var samples: [String]
  }

  /// A slot of an intent.
  struct Slot: Codable, Sendable, Equatable {
    /// `name`.
    var name: String
    /// `type`: a built-in type or a custom type of ``LanguageModel/types``.
    var type: String
  }

  /// A custom slot type.
  struct SlotType: Codable, Sendable, Equatable {
    /// `name`.
    var name: String
    /// `values`.
    var values: [SlotValue]
  }

  /// A value of a custom slot type: an id that entity resolution reports, and its words.
  struct SlotValue: Codable, Sendable, Equatable {
    /// `id`: the product id.
    var id: String
    /// `name`: the spoken value and its synonyms.
    var name: Name

    /// `name` of a slot value.
    struct Name: Codable, Sendable, Equatable {
      /// `value`.
      var value: String
      /// `synonyms`; `nil` (left out) when there are none.
      var synonyms: [String]?
    }
  }
}
