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
