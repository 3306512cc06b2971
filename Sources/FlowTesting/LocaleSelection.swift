public import FlowIR

/// Which of a flow's locales `flowc test` and `flowc simulate` run in (`--locale`).
public enum LocaleSelection {
  /// The argument of `flowc test --locale` that selects every locale of the flow.
  public static let all = "all"

  /// The locales `flowc test` runs each test in.
  ///
  /// - Parameters:
  ///   - requested: The `--locale` argument: `nil` for the flow's first locale, ``all`` for
  ///     every locale, else one locale of the flow.
  ///   - program: The flow.
  /// - Returns: The locales, in the flow's order.
  /// - Throws: ``UnknownLocale`` when the flow has no such locale.
  public static func testLocales(_ requested: String?, of program: FlowProgram)
    throws(UnknownLocale) -> [String]
  {
    switch requested {
    case nil: return Array(program.skill.locales.prefix(1))
    case all?: return program.skill.locales
    case let chosen?: return [try locale(chosen, of: program)]
    }
  }

  /// The locale `flowc simulate` talks in.
  ///
  /// - Parameters:
  ///   - requested: The `--locale` argument: `nil` for the flow's first locale.
  ///   - program: The flow.
  /// - Returns: The locale.
  /// - Throws: ``UnknownLocale`` when the flow has no such locale (or no locale at all).
  public static func simulatorLocale(_ requested: String?, of program: FlowProgram)
    throws(UnknownLocale) -> String
  {
    try locale(requested ?? program.skill.locales.first ?? "en-US", of: program)
  }

  static func locale(_ chosen: String, of program: FlowProgram) throws(UnknownLocale) -> String {
    guard program.skill.locales.contains(chosen) else {
      throw UnknownLocale(locale: chosen, available: program.skill.locales)
    }
    return chosen
  }
}

/// A `--locale` the flow does not have.
public struct UnknownLocale: Error, Equatable, CustomStringConvertible {
  /// The locale asked for.
  public var locale: String
  /// The flow's locales.
  public var available: [String]

  /// `has no locale 'fr-FR' (it has en-US, de-DE)`: the flow's path goes in front.
  public var description: String {
    "has no locale '\(locale)' (it has \(available.joined(separator: ", ")))"
  }
}
