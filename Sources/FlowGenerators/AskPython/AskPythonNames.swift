/// The names the generated `lambda_function.py` uses at module level: the support module's
/// alias and the tables, which no state or handler name may take.
enum AskPythonNames {
  /// The support module, as the generated code imports it: `import flowc_support as flowc`.
  static let supportModule = "flowc_support"
  /// Its alias in the generated code.
  static let support = "flowc"

  /// `flowc.<name>`.
  static func qualified(_ name: String) -> String { "\(support).\(name)" }

  /// The names the module defines or imports besides states and handlers.
  static let moduleNames: Set<String> = [
    support, supportModule, "logging", "logger", "sb", "lambda_handler", "handler_input", "turn",
    "transition", "answer", "sent", "message", "locale", "exception", "self",
    "AbstractExceptionHandler", "AbstractRequestHandler", "CustomSkillBuilder",
    "FLOW", "STORE", "PROMPTS", "PRODUCTS", "INTENT_SLOTS", "MERCHANT", "STATES", "GLOBAL_ON",
    "PAYMENT_ON",
  ]
}
