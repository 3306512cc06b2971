import ArgumentParser

/// An option whose values are the raw values of a library's enum (`flowc test --format`), so
/// that the enum stays the one list of choices: help lists them, anything else is a usage
/// error. (A conformance of the library type itself would be retroactive.)
struct ArgumentChoice<Value: RawRepresentable & CaseIterable & Sendable>: ExpressibleByArgument,
  Sendable
where Value.RawValue == String {
  /// The value chosen.
  var value: Value

  /// Wraps a value (a default).
  init(_ value: Value) {
    self.value = value
  }

  init?(argument: String) {
    guard let value = Value(rawValue: argument) else { return nil }
    self.value = value
  }

  static var allValueStrings: [String] { Value.allCases.map(\.rawValue) }

  var defaultValueDescription: String { value.rawValue }
}
