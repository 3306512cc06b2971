/// Something a generator could not take from the IR and filled with a marked placeholder,
/// such as a missing skill store summary. The CLI prints each as a warning.
public struct GeneratorWarning: Sendable, Equatable, CustomStringConvertible {
  /// A stable kebab-case id, such as `publishing-missing`.
  public var id: String
  /// A lowercase message without a final period.
  public var message: String

  /// `message [id]`.
  public var description: String { "\(message) [\(id)]" }
}
