public import FlowIR

/// The conversation variables of one turn, read by their flow-language paths.
///
/// Stored variables are `product`, `quantity`, `order.id`, `agreement.*`, `shipping.*` and
/// `payment.*`; derived ones are computed when read: `product.id`/`.name`/`.price`,
/// `catalog.<id>` (and its fields) and `order.total` (price × quantity). `quantity` reads as 1
/// and `agreement.open` as false until set.
public struct TurnVariables: Sendable {
  /// The program whose catalog products and `catalog.*` paths refer to.
  public var program: FlowProgram
  /// The stored variables.
  public var variables: [String: VariableValue]
  /// The conversation's locale, for product names.
  public var locale: String

  /// Creates the variables of a turn.
  public init(program: FlowProgram, variables: [String: VariableValue], locale: String) {
    self.program = program
    self.variables = variables
    self.locale = locale
  }

  /// The value of a path, or `nil` when it is unset or does not exist.
  public func value(of path: String) -> VariableValue? {
    switch VariablePath(rawValue: path) {
    case .quantity: return variables[.quantity] ?? .int(1)
    case .agreementOpen: return variables[.agreementOpen] ?? .bool(false)
    case .orderTotal: return orderTotal
    default: break
    }
    if let stored = variables[path] { return stored }
    let parts = VariablePath(rawValue: path).segments.map(String.init)
    if parts.first == "catalog", parts.count >= 2, let product = program.product(id: parts[1]) {
      return field(parts.dropFirst(2).first, of: product)
    }
    if parts.count == 2, case .product(let id)? = variables[parts[0]],
      let product = program.product(id: id)
    {
      return field(parts[1], of: product)
    }
    return nil
  }

  /// The value of a path, or `nil` when it is unset or does not exist.
  public func value(of path: VariablePath) -> VariableValue? {
    value(of: path.rawValue)
  }

  /// The product a path names (`product`, `catalog.refill`), if it names one of the catalog.
  public func product(at path: VariablePath) -> Product? {
    guard case .product(let id)? = value(of: path) else { return nil }
    return program.product(id: id)
  }

  /// `order.total`: the product's price times the quantity, when a product is chosen.
  public var orderTotal: VariableValue? {
    guard let product = product(at: .product) else { return nil }
    guard case .int(let quantity)? = value(of: .quantity) else { return nil }
    let (total, overflow) = product.price.minorUnits.multipliedReportingOverflow(by: quantity)
    guard !overflow else { return nil }
    return .money(Money(minorUnits: total, currency: product.price.currency))
  }

  /// The spoken name of a product in the scope's locale (the skill's first locale, then any,
  /// then the id).
  public func name(of product: Product) -> String {
    if let name = product.names[locale] { return name }
    if let first = program.skill.locales.first, let name = product.names[first] { return name }
    return product.names.values.sorted().first ?? product.id
  }

  private func field(_ name: String?, of product: Product) -> VariableValue? {
    switch name {
    case nil: .product(product.id)
    case "id": .string(product.id)
    case "name": .string(self.name(of: product))
    case "price": .money(product.price)
    default: nil
    }
  }
}

extension Dictionary where Key == String {
  /// The entry of a variable path: conversation variables are keyed by their paths' text.
  subscript(_ path: VariablePath) -> Value? {
    get { self[path.rawValue] }
    set { self[path.rawValue] = newValue }
  }
}
