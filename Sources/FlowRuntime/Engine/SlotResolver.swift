internal import FlowIR
internal import Foundation

/// Turns the slots of an `IntentRequest` into variable values for `set: {x: slot.name}`.
struct SlotResolver {
  var program: FlowProgram
  var intent: IntentRequest.Intent
  /// The catalog by what a customer may say for each product.
  var spokenProducts: SpokenProductIndex

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
    guard let spoken = slot.value.map(SpokenProductIndex.normalized), !spoken.isEmpty else {
      return nil
    }
    return spokenProducts.productID(spoken: spoken).map(VariableValue.product)
  }

  private func number(_ text: String?) -> VariableValue? {
    guard let text = text?.trimmingCharacters(in: .whitespaces), let number = Int64(text),
      OrderQuantity.range.contains(number)
    else { return nil }
    return .int(number)
  }
}

/// The products of a catalog by what a customer may say for them, ignoring case and runs of
/// spaces: the id, the id with spaces for underscores, every name and every synonym. Built once
/// per engine, so that resolving a `catalog` slot from its spoken value costs one lookup, not a
/// pass over the catalog (a 5,000-product catalog took 70 ms per turn).
struct SpokenProductIndex: Sendable {
  private var ids: [String: String] = [:]

  /// Indexes `products`; where two products share a spoken form, the first in catalog order
  /// keeps it.
  init(_ products: [Product]) {
    // An id, the id with spaces, a name or two and some synonyms per product.
    ids.reserveCapacity(products.count * 4)
    for product in products {
      var candidates = [product.id, String(product.id.map { $0 == "_" ? " " : $0 })]
      candidates += product.names.values
      candidates += product.synonyms.values.joined()
      for candidate in candidates {
        let key = Self.normalized(candidate)
        if ids[key] == nil { ids[key] = product.id }
      }
    }
  }

  /// The id of the first product the customer's words (``normalized(_:)``) name.
  func productID(spoken: String) -> String? { ids[spoken] }

  /// Lowercased, with every run of whitespace one space and none at the ends.
  static func normalized(_ text: String) -> String {
    // ASCII (nearly every name) byte by byte: the same result without a Unicode property
    // lookup per character, which made building the index of a large catalog slow.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for byte in text.utf8 {
      guard byte < 0x80 else {
        return text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
      }
      if byte == 0x20 || (0x09...0x0D).contains(byte) {
        pendingSpace = !bytes.isEmpty
        continue
      }
      if pendingSpace {
        bytes.append(0x20)
        pendingSpace = false
      }
      bytes.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
