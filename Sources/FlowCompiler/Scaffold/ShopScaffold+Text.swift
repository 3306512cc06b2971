import FlowIR

extension ShopScaffold {
  /// The ledger currency of the shop.
  var currency: String { AmazonPayTables.currency(of: country) }

  /// The product's price as written in the flow, and the total of two.
  var prices: (one: String, two: String) {
    switch currency {
    case "JPY": ("3000", "6000")
    case "GBP": ("20.00", "40.00")
    case "EUR": ("22.00", "44.00")
    default: ("25.00", "50.00")
    }
  }

  /// A host name for the placeholder privacy policy.
  var host: String { invocation.replacingOccurrences(of: " ", with: "-") + ".example.com" }

  /// `[a, b]` in YAML's flow style.
  static func list(_ items: [String]) -> String {
    "[" + items.joined(separator: ", ") + "]"
  }

  /// The flow file.
  var flowText: String {
    let wordings = locales.map { (locale: $0, wording: ShopWording.of(locale: $0)) }
    var lines: [String] = [
      "# \(name): one product, bought and paid for with Amazon Pay in the same conversation.",
      "# Written by `flowc init`. Check it with `flowc check --release \(Self.flowPath)` and try",
      "# it with `flowc test \(Self.flowPath) tests/` or `flowc simulate \(Self.flowPath)`.",
      "# The language reference is docs/language.md in the flowc repository; `flowc explain ID`",
      "# explains any diagnostic.",
      "",
      "# The version of the flow language. 1 is the only one.",
      "flowc: 1",
      "",
      "# The Alexa skill. The invocation name is what customers say: \"Alexa, open \(invocation)\".",
      "# The first locale is the default; every prompt and intent needs text in every locale.",
      "skill:",
      "  name: \(name)",
      "  invocation: \(invocation)",
      "  locales: \(Self.list(locales))",
      "  # Amazon Pay refuses Setup without a privacy policy (an error under --release).",
      "  privacy_policy_url: https://\(host)/privacy",
      "  # The skill store listing that `flowc generate skill-package` writes into skill.json",
      "  # (required under --release). The first example phrase opens the skill; the others",
      "  # must be samples of the flow. A paying skill's description names Amazon Pay.",
      "  publishing:",
      "    category: SHOPPING",
    ]
    for (locale, wording) in wordings {
      let listing = wording.listing
      func named(_ text: String) -> String {
        text.replacingOccurrences(of: "NAME", with: name)
          .replacingOccurrences(of: "INVOCATION", with: invocation)
      }
      lines += [
        "    \(locale):",
        "      summary: \(quoted(named(listing.summary)))",
        "      description: \(quoted(named(listing.description)))",
        "      example_phrases:",
        "        - \(quoted(named(listing.opening)))",
        "        - \(quoted(wording.samples.last ?? ""))",
        "      keywords: \(Self.list(listing.keywords))",
      ]
    }
    lines += [
      "",
      "# Your Amazon Pay merchant account, sent in the Setup and Charge payloads.",
      "merchant:",
      "  # Replace with your merchant id from Seller Central.",
      "  seller_id: AEXAMPLE0SELLER",
      "  # Amazon Pay's country of establishment ('UK', not 'GB') and the ledger currency that",
      "  # goes with it.",
      "  country: \(country)",
      "  currency: \(currency)",
      "  store_name: \(name)",
      "  seller_note: \(quoted("Thank you for shopping at \(name)"))",
      "  # While you test against a sandbox, add: sandbox: { buyer_email: you@example.com }",
      "  # (a warning, and an error under --release: certification refuses sandbox mode).",
      "",
      "# The catalog. Prices are exact decimal strings in the merchant's currency.",
      "products:",
      "  gift_box:",
    ]
    if wordings.count == 1, let only = wordings.first {
      lines += [
        "    name: \(only.wording.product)",
        "    price: \"\(prices.one)\"",
        "    synonyms: \(Self.list(only.wording.synonyms))",
      ]
    } else {
      lines += ["    # A name and synonyms per locale."]
      lines += ["    name:"] + wordings.map { "      \($0.locale): \($0.wording.product)" }
      lines += ["    price: \"\(prices.one)\""]
      lines += ["    synonyms:"]
      lines += wordings.map { "      \($0.locale): \(Self.list($0.wording.synonyms))" }
    }
    lines += [
      "    # Ask Amazon Pay for the customer's shipping address at Setup.",
      "    shipping: true",
      "",
      "# Custom intents: what customers can say, with slots in braces. AMAZON.YesIntent,",
      "# AMAZON.HelpIntent and the other built-ins need no declaration. A `catalog` slot would let",
      "# customers name one of several products (see `require` in docs/language.md).",
      "intents:",
      "  BuyIntent:",
      "    slots:",
      "      quantity: AMAZON.NUMBER",
      "    samples:",
    ]
    for (locale, wording) in wordings {
      lines += ["      \(locale):"] + wording.samples.map { "        - \($0)" }
    }
    lines += [
      "",
      "# What Alexa says, per locale. {placeholders} are typed variables: a placeholder must be",
      "# set on every path into the state that speaks it, or `flowc check` says where it is not.",
      "prompts:",
    ]
    for (locale, wording) in wordings {
      lines += ["  \(locale):"]
      for prompt in wording.prompts {
        let text = prompt.text.replacingOccurrences(of: "NAME", with: name)
        lines += ["    \(prompt.id): \(quoted(text))"]
      }
    }
    lines += [
      "",
      "# The conversation: a state machine. Each state does one thing (ask, tell, setup, charge",
      "# or choose); `on:` maps what happens next (an intent, or a payment outcome) to a state.",
      "flow:",
      "  start: welcome",
      "  # Used in every `ask` state that does not handle the intent itself.",
      "  global:",
      "    AMAZON.HelpIntent: { say: help }   # speak, then stay in the same state",
      "    AMAZON.StopIntent: goodbye",
      "    AMAZON.CancelIntent: goodbye",
      "  states:",
      "    welcome:",
      "      ask: welcome                     # speak and keep listening",
      "      reprompt: welcome_reprompt       # said again when the customer is silent",
      "      on:",
      "        BuyIntent:",
      "          # `slot.quantity ?? 1`: the quantity the customer said, or 1 when a sample",
      "          # without {quantity} matched.",
      "          set: { product: catalog.gift_box, quantity: slot.quantity ?? 1 }",
      "          goto: confirm_order",
      "        AMAZON.YesIntent:",
      "          set: { product: catalog.gift_box }",
      "          goto: confirm_order",
      "        AMAZON.NoIntent: goodbye",
      "    confirm_order:",
      "      ask: confirm_order",
      "      reprompt: confirm_reprompt",
      "      on:",
      "        AMAZON.YesIntent: setup",
      "        AMAZON.NoIntent: goodbye",
      "    # Amazon Pay Setup: creates the billing agreement (and reads the shipping address).",
      "    # The session ends; Alexa resumes it with the outcome. Every outcome must be handled.",
      "    setup:",
      "      setup: {}",
      "      on:",
      "        success: checkout",
      "        permission_denied: need_permission",
      "        error: payment_problem",
      "    # Customers hear the total before they pay (a warning otherwise).",
      "    checkout:",
      "      ask: checkout",
      "      reprompt: checkout_reprompt",
      "      on:",
      "        AMAZON.YesIntent: charge",
      "        AMAZON.NoIntent: goodbye",
      "    # Amazon Pay Charge: authorizes and captures order.total on the agreement.",
      "    charge:",
      "      charge: {}",
      "      on:",
      "        success: thanks",
      "        declined: declined",
      "        permission_denied: need_permission",
      "        error: payment_problem",
      "    thanks:",
      "      tell: order_placed               # speak and end the session",
      "      card: { title: order_card_title, text: order_card }",
      "    need_permission:",
      "      tell: need_permission",
      "      permission_card: true            # asks for Amazon Pay's permission in the Alexa app",
      "    declined:",
      "      tell: declined",
      "    payment_problem:",
      "      tell: payment_problem",
      "    goodbye:",
      "      tell: goodbye",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// The conversation test script.
  var testText: String {
    let buy = "{ name: BuyIntent, slots: { quantity: \"2\" } }"
    let yes = "  - intent: AMAZON.YesIntent"
    // Launch and say yes twice: the Setup directive is out.
    let toSetup = ["  - launch", yes, yes]
    // Setup succeeded and the checkout confirmed: the Charge directive is out.
    let toCharge = toSetup + ["  - pay: success", yes]
    var lines: [String] = [
      "# Conversation tests of \(name), on the real runtime with every Amazon Pay outcome played",
      "# offline. Run them with `flowc test \(Self.flowPath) tests/` (`--locale all` for every",
      "# locale, `--coverage` for what they reach). Intents are sent directly, so the same steps",
      "# run in every locale; `say: <utterance>` matches a line against the samples instead.",
      "name: \(invocation)",
      "flow: ../\(Self.flowPath)",
      "steps:",
      "  # Two gift boxes: Setup, checkout, Charge, thanks.",
      "  - launch:",
      "    expect: { state: welcome, session_ended: false }",
      "  - intent: \(buy)",
      "    expect: { state: confirm_order, variables: { product: gift_box, quantity: 2 } }",
      "  - intent: AMAZON.YesIntent",
      "    expect:",
      "      state: setup",
      "      session_ended: true",
      "      directive:",
      "        name: Setup",
      "        payload: { /countryOfEstablishment: \(country), /ledgerCurrency: \(currency) }",
      "  - pay: success",
      "    expect: { state: checkout, agreement: { status: OPEN } }",
      "  - intent: AMAZON.YesIntent",
      "    expect:",
      "      state: charge",
      "      directive:",
      "        name: Charge",
      "        payload: { /authorizeAttributes/authorizationAmount/amount: \"\(prices.two)\" }",
      "  - pay: success",
      "    expect: { state: thanks, session_ended: true, order: { state: captured } }",
      "  # Help, then a declined charge.",
      "  - launch",
      "  - intent: AMAZON.HelpIntent",
      "    expect: { state: welcome, session_ended: false }",
      "  - intent: AMAZON.YesIntent",
      "    expect: { state: confirm_order, variables: { quantity: 1 } }",
      "  - intent: AMAZON.YesIntent",
      "  - pay: success",
      "  - intent: AMAZON.YesIntent",
      "  - pay: { declined: AmazonRejected }",
      "    expect: { state: declined, order: { state: declined } }",
      "  # Amazon Pay's permission not granted, at Setup and at Charge.",
    ]
    lines += toSetup + ["  - pay: permission_denied"]
    lines += ["    expect: { state: need_permission, session_ended: true }"]
    lines += toCharge + ["  - pay: permission_denied", "    expect: { state: need_permission }"]
    lines += ["  # Payment errors, at Setup and at Charge."]
    lines += toSetup + ["  - pay: { error: InternalServerError }"]
    lines += ["    expect: { state: payment_problem }"]
    lines += toCharge + ["  - pay: error", "    expect: { state: payment_problem }"]
    lines += [
      "  # Saying no, stop or cancel anywhere ends politely.",
      "  - launch",
      "  - intent: AMAZON.NoIntent",
      "    expect: { state: goodbye, session_ended: true }",
      "  - launch",
      yes,
      "  - intent: AMAZON.NoIntent",
      "    expect: { state: goodbye }",
    ]
    lines += toSetup + ["  - pay: success", "  - intent: AMAZON.NoIntent"]
    lines += [
      "    expect: { state: goodbye }",
      "  - launch",
      "  - intent: AMAZON.StopIntent",
      "    expect: { state: goodbye }",
      "  - launch",
      "  - intent: AMAZON.CancelIntent",
      "    expect: { state: goodbye }",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// The shop's README.
  var readmeText: String {
    let lines: [String] = [
      "# \(name)",
      "",
      "A voice shop for Alexa written in the flowc flow language: one product, paid for with",
      "Amazon Pay (Setup, then Charge), in \(locales.joined(separator: ", ")), for a merchant in",
      "\(country) (\(currency)). `flowc init` wrote it; the comments in `\(Self.flowPath)` explain",
      "each part.",
      "",
      "| file | what |",
      "| --- | --- |",
      "| `\(Self.flowPath)` | the flow: skill, merchant, products, intents, prompts, states |",
      "| `\(Self.testPath)` | conversation tests, every Amazon Pay outcome played offline |",
      "",
      "```sh",
      "flowc check --release \(Self.flowPath)                  # the checks certification needs",
      "flowc test \(Self.flowPath) tests/ --locale all --coverage",
      "flowc simulate \(Self.flowPath)                         # talk to it; :help lists commands",
      "flowc compile \(Self.flowPath) -o shop.ir.json          # the IR the runtime executes",
      "```",
      "",
      "Before publishing, replace `merchant.seller_id` with your Amazon Pay merchant id and",
      "`skill.privacy_policy_url` with your privacy policy. Amazon switched Amazon Pay for Alexa",
      "off in 2022–2023, so the payment outcomes can only be played offline, as the tests do.",
      "",
    ]
    return lines.joined(separator: "\n")
  }
}
