import FlowIR

/// Builds the interaction model of each locale from the IR.
public enum InteractionModelGenerator {
  /// The custom slot type generated from the catalog; the IR's slot type `catalog` maps to it.
  /// Entity resolution reports product ids under this name.
  public static let catalogSlotTypeName = "CATALOG"

  /// The IR's name of the catalog slot type.
  static let catalogSlotTypeInIR = "catalog"

  /// Built-in intents that certification requires every custom skill to have, whether or not
  /// the flow handles them (unhandled ones re-ask, as the runtime does).
  public static let requiredBuiltInIntents = [
    "AMAZON.CancelIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.HelpIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.StopIntent",
  ]

  /// The interaction model of one locale.
  ///
  /// - Parameters:
  ///   - program: The compiled flow.
  ///   - locale: One of the skill's locales.
  /// - Returns: The invocation name, every custom intent with its samples in `locale`, every
  ///   built-in intent the flow handles plus ``requiredBuiltInIntents`` (all sorted by name),
  ///   and the catalog slot type when an intent has a `catalog` slot.
  static func model(for program: FlowProgram, locale: String) -> InteractionModel {
    var intents = program.intents.map { intent in
      InteractionModel.Intent(
        name: intent.name,
        slots: intent.slots.isEmpty
          ? nil
          : intent.slots.map {
            InteractionModel.Slot(name: $0.name, type: slotTypeName(for: $0.type))
          },
        samples: intent.samples[locale] ?? [])
    }
    intents += builtInIntents(of: program).map {
      InteractionModel.Intent(name: $0, slots: nil, samples: [])
    }
    intents.sort { $0.name < $1.name }

    let usesCatalog = program.intents.contains { intent in
      intent.slots.contains { $0.type == catalogSlotTypeInIR }
    }
    let types =
      usesCatalog ? [catalogSlotType(of: program, locale: locale)] : []
    return InteractionModel(
      interactionModel: .init(
        languageModel: .init(
          invocationName: program.skill.invocation, intents: intents, types: types)))
  }

  /// Every `AMAZON.*` intent the flow handles (in `global` or in a state) plus the required
  /// ones, sorted and without repeats.
  static func builtInIntents(of program: FlowProgram) -> [String] {
    var names = Set(requiredBuiltInIntents)
    names.formUnion(program.global.keys)
    for state in program.states.values {
      if case .ask(let ask) = state.kind { names.formUnion(ask.on.keys) }
    }
    let custom = Set(program.intents.map(\.name))
    return names.filter { $0.hasPrefix("AMAZON.") && !custom.contains($0) }.sorted()
  }

  private static func slotTypeName(for irType: String) -> String {
    irType == catalogSlotTypeInIR ? catalogSlotTypeName : irType
  }

  private static func catalogSlotType(of program: FlowProgram, locale: String)
    -> InteractionModel.SlotType
  {
    InteractionModel.SlotType(
      name: catalogSlotTypeName,
      values: program.products.map { product in
        let synonyms = product.synonyms[locale] ?? []
        return InteractionModel.SlotValue(
          id: product.id,
          name: .init(
            value: product.names[locale] ?? product.id,
            synonyms: synonyms.isEmpty ? nil : synonyms))
      })
  }
}
