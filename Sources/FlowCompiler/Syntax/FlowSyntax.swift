import FlowIR

/// The typed, located model of one flow file, as the parser read it.
///
/// Every value keeps the range of its YAML node and, for map entries, of its key. A section or
/// an entry that could not be read is `nil` (its problem is already reported) and the matching
/// `…Complete` flag is false, so that later checks do not report follow-on problems about it.
struct FlowSyntax: Sendable {
  /// `flowc:` — the language version.
  var version: Located<Int>?
  /// `skill:`.
  var skill: SkillSyntax?
  /// `merchant:` and the range of its key.
  var merchant: MerchantSyntax?
  /// Whether the `merchant` key is present (even when its value was malformed).
  var hasMerchantKey = false
  /// `products:` in source order.
  var products: [KeyedSyntax<ProductSyntax>] = []
  /// Whether the products section and every product id were read.
  var productsComplete = true
  /// `intents:` in source order.
  var intents: [KeyedSyntax<IntentSyntax>] = []
  /// Whether the intents section and every intent name were read.
  var intentsComplete = true
  /// `prompts:` locale → prompts, in source order, each parsed as a template.
  var prompts: [KeyedSyntax<[KeyedSyntax<ParsedScalar<ParsedTemplate>>]>] = []
  /// Whether the prompts section and every prompt id were read.
  var promptsComplete = true
  /// `flow:`.
  var flow: FlowSectionSyntax?
  /// The range of the whole document (where whole-file problems point).
  var documentRange: SourceRange
}

/// `skill:`.
struct SkillSyntax: Sendable {
  /// The `skill` key.
  var keyRange: SourceRange
  /// `name`.
  var name: Located<String>?
  /// `invocation`.
  var invocation: Located<String>?
  /// `locales`, the default first.
  var locales: [Located<String>] = []
  /// Whether `locales` was read completely.
  var localesComplete = true
  /// `privacy_policy_url`.
  var privacyPolicyURL: Located<String>?
  /// `publishing` (language v1.1); `nil` when absent or malformed.
  var publishing: PublishingSyntax?
}

/// `skill.publishing:` (language v1.1): the skill store listing.
struct PublishingSyntax: Sendable {
  /// The `publishing` key.
  var keyRange: SourceRange
  /// `category`.
  var category: Located<String>?
  /// Locale → the listing in that locale, in source order.
  var locales: [KeyedSyntax<LocalePublishingSyntax>] = []
}

/// One locale of `skill.publishing`.
struct LocalePublishingSyntax: Sendable {
  /// `summary`.
  var summary: Located<String>?
  /// `description`.
  var description: Located<String>?
  /// `example_phrases`.
  var examplePhrases: [Located<String>] = []
  /// `keywords`.
  var keywords: [Located<String>] = []
  /// `privacy_policy_url`.
  var privacyPolicyURL: Located<String>?
}

/// `merchant:`.
struct MerchantSyntax: Sendable {
  /// The `merchant` key.
  var keyRange: SourceRange
  /// `seller_id`.
  var sellerId: Located<String>?
  /// `country`.
  var country: Located<String>?
  /// `currency`.
  var currency: Located<String>?
  /// `checkout_language`.
  var checkoutLanguage: Located<String>?
  /// `store_name`.
  var storeName: Located<String>?
  /// `seller_note`.
  var sellerNote: Located<String>?
  /// `soft_descriptor`.
  var softDescriptor: Located<String>?
  /// `payment_action`.
  var paymentAction: Located<String>?
  /// `order_id_prefix`.
  var orderIdPrefix: Located<String>?
  /// `sandbox:` — the range of its key when present.
  var sandboxKeyRange: SourceRange?
  /// `sandbox.buyer_email`.
  var sandboxBuyerEmail: Located<String>?
  /// Whether every key was read without problems.
  var complete = true
}

/// A text given either once for every locale or as a map locale → text.
enum LocalizedSyntax<Value: Sendable>: Sendable {
  /// One value for every locale.
  case shared(Located<Value>)
  /// Locale → value.
  case perLocale([KeyedSyntax<Located<Value>>])
}

/// A product of `products:`.
struct ProductSyntax: Sendable {
  /// `name`.
  var name: LocalizedSyntax<String>?
  /// `price` as written (a string or a number scalar) and the amount it parses to in the
  /// flow's price currency; `nil` when missing, malformed, or when there is no valid currency to
  /// read it in.
  var price: ParsedScalar<Result<Money, MoneyProblem>>?
  /// `synonyms`.
  var synonyms: LocalizedSyntax<[Located<String>]>?
  /// `shipping`.
  var shipping: Located<Bool>?
  /// `subscription.every` split into count and unit.
  var subscription: Located<SubscriptionSyntax>?
}

/// `subscription: { every: 2 months }`.
struct SubscriptionSyntax: Sendable, Equatable {
  /// How many units.
  var every: Int
  /// The unit: day, week, month or year.
  var unit: String
}

/// An intent of `intents:`.
struct IntentSyntax: Sendable {
  /// `slots` name → type, in source order.
  var slots: [KeyedSyntax<Located<String>>] = []
  /// Whether the slots were read completely.
  var slotsComplete = true
  /// `samples` locale → utterances.
  var samples: [KeyedSyntax<[TextScalar]>] = []
  /// Whether the samples were read completely.
  var samplesComplete = true
}

/// `flow:`.
struct FlowSectionSyntax: Sendable {
  /// The `flow` key.
  var keyRange: SourceRange
  /// `start`.
  var start: Located<String>?
  /// `global` intent → transition.
  var global: [KeyedSyntax<TransitionSyntax>] = []
  /// `states` in source order.
  var states: [KeyedSyntax<StateSyntax>] = []
  /// Whether the states section and every state id were read.
  var statesComplete = true
  /// Whether every state and transition was read without problems.
  var complete = true
}

/// A state of `flow.states`.
///
/// A value like the other syntax types, but its fields live in one shared box (copied on
/// write): a state is several hundred bytes of ranges and texts, and the symbol table, the
/// checked flow and every check's loop copy it, so a copy is one reference instead.
struct StateSyntax: Sendable {
  /// The fields.
  private struct Fields: Sendable {
    var kindKeyRange: SourceRange
    var kind: StateKindSyntax
    var reprompt: Located<String>?
    /// Out of line: most states have no card, and inline it would take about 170 bytes in
    /// every state.
    var card: CopyOnWriteBox<CardSyntax>?
    var permissionCard: Located<Bool>?
    var on: [KeyedSyntax<TransitionSyntax>] = []
    var onKeyRange: SourceRange?
  }

  private var fields: CopyOnWriteBox<Fields>

  /// A state of a kind, its other fields empty.
  init(kindKeyRange: SourceRange, kind: StateKindSyntax) {
    fields = CopyOnWriteBox(Fields(kindKeyRange: kindKeyRange, kind: kind))
  }

  /// The kind key's range (`ask:`, `setup:` …).
  var kindKeyRange: SourceRange {
    get { fields.value.kindKeyRange }
    _modify { yield &fields.value.kindKeyRange }
  }
  /// The kind with its fields.
  var kind: StateKindSyntax {
    get { fields.value.kind }
    _modify { yield &fields.value.kind }
  }
  /// `reprompt` (ask).
  var reprompt: Located<String>? {
    get { fields.value.reprompt }
    _modify { yield &fields.value.reprompt }
  }
  /// `card` (ask, tell).
  var card: CardSyntax? {
    get { fields.value.card?.value }
    set { fields.value.card = newValue.map(CopyOnWriteBox.init) }
  }
  /// `permission_card` (tell).
  var permissionCard: Located<Bool>? {
    get { fields.value.permissionCard }
    _modify { yield &fields.value.permissionCard }
  }
  /// `on` key → transition (intents for ask, outcomes for setup and charge).
  var on: [KeyedSyntax<TransitionSyntax>] {
    get { fields.value.on }
    _modify { yield &fields.value.on }
  }
  /// The range of the `on` key, when present.
  var onKeyRange: SourceRange? {
    get { fields.value.onKeyRange }
    _modify { yield &fields.value.onKeyRange }
  }
}

/// The kind of a state.
enum StateKindSyntax: Sendable {
  /// `ask: <prompt>`.
  case ask(Located<String>)
  /// `tell: <prompt>`.
  case tell(Located<String>)
  /// `setup: {shipping, agreement}`.
  case setup(SetupSyntax)
  /// `charge: {amount}`.
  case charge(ChargeSyntax)
  /// `choose: [...]`.
  case choose(ChooseSyntax)

  /// The kind's key in the flow file.
  var keyword: String {
    switch self {
    case .ask: "ask"
    case .tell: "tell"
    case .setup: "setup"
    case .charge: "charge"
    case .choose: "choose"
    }
  }
}

/// `setup: { shipping: <bool>, agreement: customer_initiated | merchant_initiated }`.
struct SetupSyntax: Sendable {
  /// `shipping`.
  var shipping: Located<Bool>?
  /// `agreement`.
  var agreement: Located<String>?
}

/// `charge: { amount: <money path> }`.
struct ChargeSyntax: Sendable {
  /// `amount`.
  var amount: TextScalar?
}

/// `choose: [ {if: <cond>, goto: <state>}, …, {else: <state>} ]`.
struct ChooseSyntax: Sendable {
  /// The guarded branches in order.
  var branches: [ChooseBranchSyntax] = []
  /// The `else` state.
  var otherwise: Located<String>?
}

/// One `{if: <cond>, goto: <state>}`.
struct ChooseBranchSyntax: Sendable {
  /// The condition as written and the expression it parses to (money literals in the
  /// merchant's currency), or the parse problem.
  var condition: ParsedScalar<Result<ConditionExpression, ConditionProblem>>
  /// The state taken when it holds.
  var goto: Located<String>
}

/// `card: { title, text, image }`.
struct CardSyntax: Sendable {
  /// The `card` key.
  var keyRange: SourceRange
  /// Prompt id of the title.
  var title: Located<String>?
  /// Prompt id of the text.
  var text: Located<String>?
  /// An https image URL.
  var image: Located<String>?
}

/// A transition: a state id, or `{require, set, goto, say}`.
///
/// A value whose fields live in one shared box (copied on write), as ``StateSyntax``'s do: a
/// transition is about 170 bytes of ranges and texts, and the checked flow keeps a copy of
/// every one, so a copy is one reference instead.
struct TransitionSyntax: Sendable {
  /// The fields.
  private struct Fields: Sendable {
    var range: SourceRange
    var require: [KeyedSyntax<RequiredSlotSyntax>] = []
    var requireKeyRange: SourceRange?
    var set: [KeyedSyntax<ParsedScalar<Result<AssignmentSyntax, AssignmentProblem>>>] = []
    var say: Located<String>?
    var goto: Located<String>?
  }

  private var fields: CopyOnWriteBox<Fields>

  /// A transition over a range, going to `goto`, its other fields empty.
  init(range: SourceRange, goto: Located<String>? = nil) {
    fields = CopyOnWriteBox(Fields(range: range, goto: goto))
  }

  /// The whole transition's range.
  var range: SourceRange {
    get { fields.value.range }
    _modify { yield &fields.value.range }
  }
  /// `require` (v1.1) slot → how a missing or invalid value is asked for, in source order.
  var require: [KeyedSyntax<RequiredSlotSyntax>] {
    get { fields.value.require }
    _modify { yield &fields.value.require }
  }
  /// The range of the `require` key, when present.
  var requireKeyRange: SourceRange? {
    get { fields.value.requireKeyRange }
    _modify { yield &fields.value.requireKeyRange }
  }
  /// `set` assignments in source order, each parsed (its path not yet resolved) or with the
  /// problem of its form.
  var set: [KeyedSyntax<ParsedScalar<Result<AssignmentSyntax, AssignmentProblem>>>] {
    get { fields.value.set }
    _modify { yield &fields.value.set }
  }
  /// `say`.
  var say: Located<String>? {
    get { fields.value.say }
    _modify { yield &fields.value.say }
  }
  /// `goto` (or the state id of the short form).
  var goto: Located<String>? {
    get { fields.value.goto }
    _modify { yield &fields.value.goto }
  }
}

/// One slot of a transition's `require` (v1.1): `{ ask: <prompt>, unknown: <prompt> }`.
struct RequiredSlotSyntax: Sendable {
  /// `ask`: the prompt that elicits the slot when it is missing.
  var ask: Located<String>
  /// `unknown`: the prompt spoken when the value is not valid, before eliciting it again.
  var unknown: Located<String>?
}

/// A scalar the parser read as a value of the flow language (a prompt template, a condition, a
/// price): the text with its range, so that problems inside it map back to the file, and what
/// it parsed to, so that no later stage reads the text again.
struct ParsedScalar<Value: Sendable>: Sendable {
  /// The scalar as written.
  var scalar: TextScalar
  /// What the text parsed to (with its problems, if any).
  var value: Value

  /// The range of the scalar node, quotes included.
  var range: SourceRange { scalar.range }
}

extension FlowSyntax {
  /// The merchant's currency, when the merchant is valid enough to price things in it.
  var merchantCurrency: String? {
    guard let currency = merchant?.currency?.value,
      AmazonPayTables.currencies.contains(currency)
    else { return nil }
    return currency
  }

  /// The currency prices are in: the merchant's, else (a flow without payments) the one of the
  /// default locale's Amazon Pay region, else USD. `nil` when the merchant's is invalid.
  var priceCurrency: String? {
    if let merchant {
      guard merchant.currency != nil else { return nil }
      return merchantCurrency
    }
    if hasMerchantKey { return nil }
    return AmazonPayTables.currency(
      ofRegion: skill?.locales.first.flatMap { AlexaLocales.paymentRegion(of: $0.value) })
  }
}
