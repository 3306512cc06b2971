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
    let elicited = elicitationPrompts(of: program)
    var intents = program.intents.map { intent in
      InteractionModel.Intent(
        name: intent.name,
        slots: intent.slots.isEmpty
          ? nil
          : intent.slots.map {
            InteractionModel.Slot(
              name: $0.name, type: slotTypeName(for: $0.type),
              samples: elicited[SlotKey(intent: intent.name, slot: $0.name)] == nil
                ? nil : ["{\($0.name)}"])
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
    let (dialog, prompts) = dialogModel(of: program, locale: locale, elicited: elicited)
    return InteractionModel(
      interactionModel: .init(
        languageModel: .init(
          invocationName: program.skill.invocation, intents: intents, types: types),
        dialog: dialog, prompts: prompts))
  }

  /// Alexa's name of the dialog strategy where the skill answers every turn of the dialog.
  static let skillResponse = "SKILL_RESPONSE"

  /// A slot of an intent.
  struct SlotKey: Hashable {
    var intent: String
    var slot: String
  }

  /// The `ask` prompt ids that elicit each required slot: from `global`, then the states
  /// sorted by id; each prompt once, in that order.
  static func elicitationPrompts(of program: FlowProgram) -> [SlotKey: [String]] {
    var prompts: [SlotKey: [String]] = [:]
    func add(_ transitions: [String: Transition]) {
      for intent in transitions.keys.sorted() {
        for requirement in transitions[intent]?.require ?? [] {
          let key = SlotKey(intent: intent, slot: requirement.slot)
          if !(prompts[key]?.contains(requirement.ask) ?? false) {
            prompts[key, default: []].append(requirement.ask)
          }
        }
      }
    }
    add(program.global)
    for id in program.states.keys.sorted() {
      if case .ask(let ask)? = program.states[id]?.kind { add(ask.on) }
    }
    return prompts
  }

  /// The dialog model and its prompts for the required slots, or `nil`s when there are none.
  static func dialogModel(
    of program: FlowProgram, locale: String, elicited: [SlotKey: [String]]
  ) -> (InteractionModel.Dialog?, [InteractionModel.Prompt]?) {
    var intents: [InteractionModel.DialogIntent] = []
    var prompts: [InteractionModel.Prompt] = []
    for intent in program.intents.sorted(by: { $0.name < $1.name }) {
      guard
        intent.slots.contains(where: {
          elicited[SlotKey(intent: intent.name, slot: $0.name)] != nil
        })
      else { continue }
      let slots = intent.slots.map { slot -> InteractionModel.DialogSlot in
        guard let ids = elicited[SlotKey(intent: intent.name, slot: slot.name)] else {
          return InteractionModel.DialogSlot(
            name: slot.name, type: slotTypeName(for: slot.type), elicitationRequired: false,
            confirmationRequired: false, prompts: nil)
        }
        let id = "Elicit.Slot.\(intent.name).\(slot.name)"
        prompts.append(
          InteractionModel.Prompt(
            id: id,
            variations: ids.compactMap { program.prompts[locale]?[$0] }.map {
              variation($0, program: program, locale: locale)
            }))
        return InteractionModel.DialogSlot(
          name: slot.name, type: slotTypeName(for: slot.type), elicitationRequired: true,
          confirmationRequired: false, prompts: .init(elicitation: id))
      }
      intents.append(
        InteractionModel.DialogIntent(
          name: intent.name, delegationStrategy: skillResponse, confirmationRequired: false,
          slots: slots))
    }
    guard !intents.isEmpty else { return (nil, nil) }
    return (
      InteractionModel.Dialog(delegationStrategy: skillResponse, intents: intents), prompts
    )
  }

  /// A prompt as the dialog model holds it: the literal text, product names for
  /// `catalog.<id>` and `catalog.<id>.name`; other placeholders, which only the runtime knows,
  /// are left out (the runtime speaks the prompt in full: the dialog model delegates to it).
  static func variation(_ template: Template, program: FlowProgram, locale: String)
    -> InteractionModel.Variation
  {
    var text = ""
    for segment in template.segments {
      switch segment {
      case .text(let literal):
        // Braces would name slots in the dialog model's prompts.
        text += literal.filter { $0 != "{" && $0 != "}" }
      case .variable(let path):
        let parts = VariablePath(rawValue: path).segments
        guard parts.count >= 2, parts.count <= 3, parts[0] == "catalog",
          parts.count == 2 || parts[2] == "name",
          let product = program.product(id: String(parts[1]))
        else { break }
        text += product.names[locale] ?? product.id
      }
    }
    let words = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    return InteractionModel.Variation(type: template.ssml ? "SSML" : "PlainText", value: words)
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
