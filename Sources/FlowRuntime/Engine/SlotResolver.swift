internal import FlowIR
internal import Foundation

/// Turns the slots of an `IntentRequest` into variable values for `set: {x: slot.name}`.
struct SlotResolver {
  var program: FlowProgram
  var intent: IntentRequest.Intent

  /// The value of `slot.<name>`, or `nil` when the slot is unfilled or its value is not valid
  /// for its type: a `catalog` slot must name a product, an `AMAZON.NUMBER` slot must be a whole
  /// number from 1 to 99.
  func value(ofSlot name: String) -> VariableValue? {
    guard let slot = intent.slots?[name] else { return nil }
    let type = program.intents.first { $0.name == intent.name }?
      .slots.first { $0.name == name }?.type
    switch type {
    case "catalog": return product(for: slot)
    case "AMAZON.NUMBER": return number(slot.value)
    default:
      guard let text = slot.value?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
        return nil
      }
      return .string(text)
    }
  }

  /// What the customer said for a slot (trimmed), or `nil` when the slot is unfilled or holds
  /// `?`, which Alexa sends for a number it heard but could not understand.
  func spokenValue(ofSlot name: String) -> String? {
    guard let text = intent.slots?[name]?.value?.trimmingCharacters(in: .whitespaces),
      !text.isEmpty, text != Self.notUnderstood
    else { return nil }
    return text
  }

  /// The value Alexa gives a slot it heard but could not understand (`AMAZON.NUMBER`).
  static let notUnderstood = "?"

  /// The intent to send back in a `Dialog.ElicitSlot` directive for `slot`: the intent's name
  /// and confirmation status, every slot the flow declares for it as the customer gave it, and
  /// `slot` without a value.
  func updatedIntent(eliciting slot: String) -> IntentRequest.Intent {
    let declared = program.intents.first { $0.name == intent.name }?.slots.map(\.name) ?? []
    var slots: [String: IntentRequest.Slot] = [:]
    for name in Set(declared + [slot]) {
      var given = intent.slots?[name] ?? IntentRequest.Slot(name: name)
      given.name = name
      if name == slot {
        given = IntentRequest.Slot(name: name)
      }
      given.confirmationStatus = given.confirmationStatus ?? Self.noConfirmation
      slots[name] = given
    }
    return IntentRequest.Intent(
      name: intent.name, confirmationStatus: intent.confirmationStatus ?? Self.noConfirmation,
      slots: slots)
  }

  /// The confirmation status of a slot or intent the customer was not asked to confirm.
  static let noConfirmation = "NONE"

  /// Entity resolution first (`ER_SUCCESS_MATCH` with a product id), then the spoken value
  /// against product ids, names and synonyms, ignoring case.
  private func product(for slot: IntentRequest.Slot) -> VariableValue? {
    if let id = slot.resolvedId, program.product(id: id) != nil { return .product(id) }
    guard let spoken = slot.value.map(Self.normalized), !spoken.isEmpty else { return nil }
    for product in program.products {
      var candidates = [product.id, product.id.replacingOccurrences(of: "_", with: " ")]
      candidates += product.names.values
      candidates += product.synonyms.values.joined()
      if candidates.contains(where: { Self.normalized($0) == spoken }) {
        return .product(product.id)
      }
    }
    return nil
  }

  private func number(_ text: String?) -> VariableValue? {
    guard let text = text?.trimmingCharacters(in: .whitespaces), let number = Int64(text),
      OrderQuantity.range.contains(number)
    else { return nil }
    return .int(number)
  }

  private static func normalized(_ text: String) -> String {
    text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}
