import FlowIR

/// The No Nicks demo store of `flow-language.md`, built by hand as the compiler would lower it,
/// plus a refill product and a returning-customer branch (`agreement.open`) in ``refills``.
enum NoNicksProgram {
  static let sellerId = "AEMGQXXXKD154"

  /// The flow of `examples/no-nicks.yaml`.
  static func program(flowHash: String = "sha256:nonicks-test") -> FlowProgram {
    FlowProgram(
      flowHash: flowHash,
      skill: Skill(
        name: "No Nicks", invocation: "no nicks", locales: ["en-US"],
        privacyPolicyURL: "https://nonicks.example.com/privacy"),
      merchant: merchant,
      products: [starterKit],
      intents: [
        Intent(
          name: "BuyIntent",
          slots: [
            Slot(name: "product", type: "catalog"), Slot(name: "quantity", type: "AMAZON.NUMBER"),
          ],
          samples: ["en-US": ["buy {product}", "order {quantity} {product}"]])
      ],
      prompts: ["en-US": prompts],
      start: "welcome",
      global: [
        "AMAZON.HelpIntent": Transition(say: "help"),
        "AMAZON.StopIntent": Transition(goto: "goodbye"),
        "AMAZON.CancelIntent": Transition(goto: "goodbye"),
      ],
      states: states,
      sourceMap: SourceMap(file: "examples/no-nicks.yaml", states: [:]))
  }

  /// No Nicks with a refill product and a start that greets customers with an open agreement
  /// and charges them without a new Setup.
  static func refills(flowHash: String = "sha256:refills-test") -> FlowProgram {
    var program = program(flowHash: flowHash)
    program.products.append(
      Product(
        id: "refill", names: ["en-US": "Blade Refill"],
        price: Money(minorUnits: 2000, currency: "USD"),
        synonyms: ["en-US": ["refills", "blades"]], shipping: true,
        subscription: Subscription(every: 2, unit: .month)))
    program.prompts["en-US"]?["welcome_back"] = template(
      "Welcome back to No Nicks. Would you like a blade refill for {catalog.refill.price}?")
    program.prompts["en-US"]?["confirm_refill"] = template(
      "That is {quantity} {product.name} for {order.total}, paid with your saved Amazon Pay "
        + "agreement. Shall I place the order?")
    program.start = "start"
    program.states["start"] = State(
      id: "start",
      kind: .choose(
        ChooseState(
          branches: [ChooseBranch(condition: .test(.path("agreement.open")), goto: "welcome_back")],
          otherwise: "welcome")))
    program.states["welcome_back"] = yesOrNo(
      "welcome_back",
      yes: Transition(
        set: [Assignment(variable: "product", value: .path("catalog.refill", fallback: nil))],
        goto: "confirm_refill"))
    program.states["confirm_refill"] = yesOrNo("confirm_refill", yes: Transition(goto: "charge"))
    return program
  }

  /// An `ask` state (prompt: its id unless given): yes takes `yes`, no says goodbye.
  static func yesOrNo(_ id: String, prompt: String? = nil, yes: Transition) -> State {
    State(
      id: id,
      kind: .ask(
        AskState(
          prompt: prompt ?? id, reprompt: nil, card: nil,
          on: ["AMAZON.YesIntent": yes, "AMAZON.NoIntent": Transition(goto: "goodbye")])))
  }

  static let merchant = Merchant(
    sellerId: sellerId, countryOfEstablishment: "US", ledgerCurrency: "USD",
    checkoutLanguage: "en_US", storeName: "No Nicks",
    sellerNote: "Thanks for shaving with No Nicks",
    softDescriptor: "No Nicks", paymentAction: "AuthorizeAndCapture", orderIdPrefix: nil,
    sandboxCustomerEmail: "buyer@nonicks.example.com", region: "NA")

  static let starterKit = Product(
    id: "starter_kit", names: ["en-US": "Starter Kit"],
    price: Money(minorUnits: 900, currency: "USD"),
    synonyms: ["en-US": ["kit", "razor kit", "starter pack"]], shipping: true, subscription: nil)

  static var prompts: [String: Template] {
    [
      "welcome": template(
        "Welcome to No Nicks. Would you like to buy a starter kit for {catalog.starter_kit.price}?"),
      "welcome_reprompt": template("Would you like to buy a starter kit?"),
      "welcome_card_title": template("Welcome to No Nicks"),
      "welcome_card": template("Shave without nicks. nonicks.example.com"),
      "confirm_order": template(
        "That is {quantity} {product.name} for {order.total}. Shall I check out with Amazon Pay?"),
      "checkout": template(
        "Your total is {order.total}, shipping to {shipping.address_line1}. Do you want to place "
          + "the order?"),
      "order_placed": template(
        "Your order is placed. No Nicks will email you when it ships. Thanks for shaving with No "
          + "Nicks."),
      "order_card_title": template("Order Confirmation Details"),
      "order_card": template(
        "Products: {quantity} {product.name}\nTotal amount: {order.total}\nThanks for shaving with "
          + "No Nicks"),
      "need_permission": template(
        "To buy, please enable Amazon Pay and voice purchasing in the Alexa app. I sent a card "
          + "there."),
      "declined": template("Your order was not placed and you have not been charged."),
      "payment_problem": template(
        "Sorry, there was a problem with the payment. You have not been charged."),
      "help": template("You can say buy a starter kit, or stop."),
      "goodbye": template("Goodbye from No Nicks."),
    ]
  }

  static var states: [String: State] {
    func ask(
      _ id: String, _ prompt: String, reprompt: String? = nil, card: Card? = nil,
      on: [String: Transition]
    ) -> (String, State) {
      (
        id,
        State(id: id, kind: .ask(AskState(prompt: prompt, reprompt: reprompt, card: card, on: on)))
      )
    }
    func tell(_ id: String, _ prompt: String, card: Card? = nil, permissionCard: Bool = false)
      -> (String, State)
    {
      (
        id,
        State(
          id: id, kind: .tell(TellState(prompt: prompt, card: card, permissionCard: permissionCard))
        )
      )
    }
    let list: [(String, State)] = [
      ask(
        "welcome", "welcome", reprompt: "welcome_reprompt",
        card: Card(title: "welcome_card_title", text: "welcome_card", image: nil),
        on: [
          "BuyIntent": Transition(
            set: [
              Assignment(variable: "product", value: .path("slot.product", fallback: nil)),
              Assignment(variable: "quantity", value: .path("slot.quantity", fallback: .int(1))),
            ],
            goto: "confirm_order"),
          "AMAZON.YesIntent": Transition(
            set: [
              Assignment(variable: "product", value: .path("catalog.starter_kit", fallback: nil))
            ],
            goto: "confirm_order"),
          "AMAZON.NoIntent": Transition(goto: "goodbye"),
        ]),
      ask(
        "confirm_order", "confirm_order",
        on: [
          "AMAZON.YesIntent": Transition(goto: "setup"),
          "AMAZON.NoIntent": Transition(goto: "goodbye"),
        ]),
      (
        "setup",
        State(
          id: "setup",
          kind: .connections(
            ConnectionsState(
              task: ConnectionsTask(
                name: .setup, profile: .amazonPay, payload: setupPayload,
                outcomes: [.success, .permissionDenied, .error]),
              on: [
                .success: Transition(goto: "checkout"),
                .permissionDenied: Transition(goto: "need_permission"),
                .error: Transition(goto: "payment_problem"),
              ])))
      ),
      ask(
        "checkout", "checkout",
        on: [
          "AMAZON.YesIntent": Transition(goto: "charge"),
          "AMAZON.NoIntent": Transition(goto: "goodbye"),
        ]),
      (
        "charge",
        State(
          id: "charge",
          kind: .connections(
            ConnectionsState(
              task: ConnectionsTask(
                name: .charge, profile: .amazonPay, payload: chargePayload,
                outcomes: [.success, .declined, .permissionDenied, .error]),
              on: [
                .success: Transition(goto: "thanks"),
                .declined: Transition(goto: "declined"),
                .permissionDenied: Transition(goto: "need_permission"),
                .error: Transition(goto: "payment_problem"),
              ])))
      ),
      tell(
        "thanks", "order_placed",
        card: Card(
          title: "order_card_title", text: "order_card",
          image: "https://nonicks.example.com/logo.png")),
      tell("need_permission", "need_permission", permissionCard: true),
      tell("declined", "declined"),
      tell("payment_problem", "payment_problem"),
      tell("goodbye", "goodbye"),
    ]
    return Dictionary(uniqueKeysWithValues: list)
  }

  /// The Setup payload of ``merchant``, as the compiler lowers `setup: {}`.
  static var setupPayload: PayloadTemplate { AmazonPayFixtures.setupTemplate(merchant: merchant) }

  /// The Charge payload of ``merchant``, with the currency read from the total.
  static var chargePayload: PayloadTemplate {
    AmazonPayFixtures.chargeTemplate(merchant: merchant, currencyFromAmount: true)
  }

  /// A prompt compiled the way the compiler does it: `{path}` placeholders, `{{` a literal
  /// brace, SSML when it starts with `<speak>`.
  static func template(_ text: String) -> Template {
    var segments: [TemplateSegment] = []
    var literal = ""
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      let next = text.index(after: index)
      if character == "{", next < text.endIndex, text[next] == "{" {
        literal.append("{")
        index = text.index(after: next)
      } else if character == "{", let close = text[next...].firstIndex(of: "}") {
        if !literal.isEmpty { segments.append(.text(literal)) }
        literal = ""
        segments.append(.variable(String(text[next..<close])))
        index = text.index(after: close)
      } else {
        literal.append(character)
        index = next
      }
    }
    if !literal.isEmpty { segments.append(.text(literal)) }
    return Template(ssml: text.hasPrefix("<speak>"), segments: segments)
  }
}

extension StateKind {
  /// The `ask` state, if this is one (for `try #require` in tests that edit a state).
  var askState: AskState? {
    if case .ask(let ask) = self { return ask }
    return nil
  }

  /// The `setup` or `charge` state, if this is one.
  var connectionsState: ConnectionsState? {
    if case .connections(let connections) = self { return connections }
    return nil
  }
}
