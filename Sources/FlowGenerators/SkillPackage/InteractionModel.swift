/// An Alexa interaction model for one locale, in the shape of the ASK CLI's
/// `interactionModels/custom/<locale>.json` (SMAPI `InteractionModelData`).
///
/// The language model always; the dialog model and its prompts when a transition `require`s
/// a slot (language v1.1). Optional fields that are `nil` are left out.
struct InteractionModel: Codable, Sendable, Equatable {
  /// The `interactionModel` member.
  var interactionModel: Schema

  /// `interactionModel`: the language model, and the dialog model with its prompts.
  struct Schema: Codable, Sendable, Equatable {
    /// `languageModel`.
    var languageModel: LanguageModel
    /// `dialog`; `nil` (left out) when no slot is required.
    var dialog: Dialog?
    /// `prompts`: the elicitation prompts the dialog model names; `nil` with no dialog.
    var prompts: [Prompt]?
  }

  /// `dialog`: which slots are required and how they are elicited. The skill answers every
  /// turn itself (`SKILL_RESPONSE`): the runtime sends `Dialog.ElicitSlot` with the flow's
  /// prompt.
  struct Dialog: Codable, Sendable, Equatable {
    /// `delegationStrategy`.
    var delegationStrategy: String
    /// `intents`, sorted by name.
    var intents: [DialogIntent]
  }

  /// An intent of the dialog model.
  struct DialogIntent: Codable, Sendable, Equatable {
    /// `name`.
    var name: String
    /// `delegationStrategy`.
    var delegationStrategy: String
    /// `confirmationRequired`.
    var confirmationRequired: Bool
    /// `slots`: every slot of the intent, in the intent's order.
    var slots: [DialogSlot]
  }

  /// A slot of a dialog intent.
  struct DialogSlot: Codable, Sendable, Equatable {
    /// `name`.
    var name: String
    /// `type`.
    var type: String
    /// `elicitationRequired`.
    var elicitationRequired: Bool
    /// `confirmationRequired`.
    var confirmationRequired: Bool
    /// `prompts`; `nil` (left out) for a slot that is not elicited.
    var prompts: SlotPrompts?
  }

  /// `prompts` of a dialog slot.
  struct SlotPrompts: Codable, Sendable, Equatable {
    /// `elicitation`: the id of a ``Prompt``.
    var elicitation: String
  }

  /// A prompt of the dialog model with its variations.
  struct Prompt: Codable, Sendable, Equatable {
    /// `id`, such as `Elicit.Slot.BuyIntent.product`.
    var id: String
    /// `variations`.
    var variations: [Variation]
  }

  /// One wording of a prompt.
  struct Variation: Codable, Sendable, Equatable {
    /// `PlainText` or `SSML`.
    var type: String
    /// The text.
    var value: String
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
    /// `samples`: how the customer answers its elicitation (`{product}`); `nil` (left out)
    /// for a slot that is not elicited.
    var samples: [String]? = nil
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
