/// The keys one mapping of the flow language allows, and which of them it requires.
struct SectionKeys: Sendable {
  /// Every allowed key, in the order the docs list them.
  var allowed: [String]
  /// The keys that must be present.
  var required: [String]
}

/// The key tables of the flow language, one per mapping: the strict-keys parser
/// (``FlowParser/readMapping(_:context:keys:anchor:what:)``) and `flowc schema`
/// (``FlowSchema``) both read them, so a key added here is parsed and described together.
enum FlowKeys {
  /// The top level of a flow file.
  static let document = SectionKeys(
    allowed: ["flowc", "skill", "merchant", "products", "intents", "prompts", "flow"],
    required: ["flowc", "skill", "prompts", "flow"])
  /// `skill`.
  static let skill = SectionKeys(
    allowed: ["name", "invocation", "locales", "privacy_policy_url", "publishing"],
    required: ["name", "invocation", "locales"])
  /// One locale of `skill.publishing` (its other key, `category`, sits beside the locales).
  static let localePublishing = SectionKeys(
    allowed: [
      PublishingKey.summary, PublishingKey.description, PublishingKey.examplePhrases,
      PublishingKey.keywords, PublishingKey.privacyPolicyURL,
    ],
    required: [])
  /// `merchant`.
  static let merchant = SectionKeys(
    allowed: [
      "seller_id", "country", "currency", "checkout_language", "store_name", "seller_note",
      "soft_descriptor", "payment_action", "order_id_prefix", "sandbox",
    ],
    required: ["seller_id", "country", "currency"])
  /// `merchant.sandbox`.
  static let sandbox = SectionKeys(allowed: ["buyer_email"], required: ["buyer_email"])
  /// One product of `products`.
  static let product = SectionKeys(
    allowed: ["name", "price", "synonyms", "shipping", "subscription"],
    required: ["name", "price"])
  /// A product's `subscription`.
  static let subscription = SectionKeys(allowed: ["every"], required: ["every"])
  /// One intent of `intents`.
  static let intent = SectionKeys(allowed: ["slots", "samples"], required: ["samples"])
  /// `flow`.
  static let flow = SectionKeys(
    allowed: ["start", "global", "states"], required: ["start", "states"])
  /// The options of a `setup` state.
  static let setup = SectionKeys(allowed: ["shipping", "agreement"], required: [])
  /// The options of a `charge` state.
  static let charge = SectionKeys(allowed: ["amount"], required: [])
  /// A conditional branch of `choose`.
  static let chooseBranch = SectionKeys(allowed: ["if", "goto"], required: ["if", "goto"])
  /// The last branch of `choose`.
  static let chooseElse = SectionKeys(allowed: ["else"], required: ["else"])
  /// `card`.
  static let card = SectionKeys(allowed: ["title", "text", "image"], required: ["title", "text"])
  /// A transition written as a mapping.
  static let transition = SectionKeys(
    allowed: ["require", "set", "goto", "say"], required: [])
  /// One slot of a transition's `require` (v1.1).
  static let requiredSlot = SectionKeys(allowed: ["ask", "unknown"], required: ["ask"])
}
