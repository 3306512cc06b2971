/// What the runtime itself says when it cannot follow the flow: a payment response it cannot
/// match, a flow that changed under the customer, a broken flow. Shop prompts cover everything
/// else.
///
/// Keyed by language (the part of the locale before `-`); English is the fallback.
enum RuntimeMessages {
  /// A `Connections.Response` whose token is unknown, consumed, expired or another customer's.
  static func paymentNotFound(locale: String) -> String {
    pick(
      locale,
      [
        "en": "Sorry, I could not find that payment request. Nothing more will happen with it. "
          + "Please open the skill again to start over.",
        "de": "Leider konnte ich diese Zahlungsanfrage nicht finden. Bitte öffne den Skill erneut.",
        "fr": "Désolé, je n'ai pas trouvé cette demande de paiement. Veuillez rouvrir la skill.",
        "it": "Spiacente, non ho trovato questa richiesta di pagamento. Riapri la skill.",
        "es": "Lo siento, no encontré esa solicitud de pago. Vuelve a abrir la skill.",
        "ja": "申し訳ありません。その支払いリクエストが見つかりませんでした。スキルをもう一度開いてください。",
      ])
  }

  /// The flow changed while Amazon Pay had the customer, and the state that sent the directive
  /// is gone (or is no longer the same kind of task).
  static func flowChanged(locale: String) -> String {
    pick(
      locale,
      [
        "en": "Sorry, this skill was updated while Amazon Pay was handling your request, so I "
          + "cannot continue where we left off. Please open the skill again.",
        "de": "Leider wurde dieser Skill aktualisiert, während Amazon Pay deine Anfrage "
          + "bearbeitet hat. Bitte öffne den Skill erneut.",
        "fr": "Désolé, cette skill a été mise à jour pendant qu'Amazon Pay traitait votre "
          + "demande. Veuillez rouvrir la skill.",
        "it": "Spiacente, questa skill è stata aggiornata mentre Amazon Pay gestiva la tua "
          + "richiesta. Riapri la skill.",
        "es": "Lo siento, esta skill se actualizó mientras Amazon Pay atendía tu solicitud. "
          + "Vuelve a abrir la skill.",
        "ja": "申し訳ありません。Amazon Pay の処理中にスキルが更新されました。スキルをもう一度開いてください。",
      ])
  }

  /// The IR points at something that does not exist (a hand-edited IR, say).
  static func brokenFlow(locale: String) -> String {
    pick(
      locale,
      [
        "en": "Sorry, something went wrong in this skill. Please try again later.",
        "de": "Leider ist in diesem Skill etwas schiefgegangen. Bitte versuche es später erneut.",
        "fr": "Désolé, un problème est survenu dans cette skill. Veuillez réessayer plus tard.",
        "it": "Spiacente, qualcosa è andato storto in questa skill. Riprova più tardi.",
        "es": "Lo siento, algo salió mal en esta skill. Inténtalo de nuevo más tarde.",
        "ja": "申し訳ありません。問題が発生しました。後でもう一度お試しください。",
      ])
  }

  private static func pick(_ locale: String, _ texts: [String: String]) -> String {
    let language = String(locale.prefix { $0 != "-" && $0 != "_" }).lowercased()
    return texts[language] ?? texts["en"] ?? ""
  }
}
