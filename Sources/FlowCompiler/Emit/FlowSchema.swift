import FlowIR

/// The JSON Schema (draft 2020-12) of a flow file, for editors: `flowc schema` prints it, and a
/// YAML language server given it completes keys, shows each key's description and marks
/// unknown keys and wrong values while the author types.
///
/// The schema mirrors the flow language's structure: every section and key, the id patterns,
/// the enums of countries, currencies, checkout languages and payment actions, the state kinds
/// as `oneOf`, a transition as a state id or a map. Checks that need more than one place of the
/// file (references, graph analyses, currency–country fit) are `flowc check`'s.
public enum FlowSchema {
  /// The schema as pretty-printed JSON with sorted keys, ending in a newline. The same on every
  /// call and every platform.
  public static func jsonSchema() -> String {
    var printer = SchemaPrinter()
    printer.print(document)
    return printer.output + "\n"
  }

  /// The schema's root.
  private static var document: SchemaValue {
    [
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "urn:flowc:schema:flow:1",
      "title": "flowc flow file, version 1",
      "description":
        "A declarative skill flow for Alexa voice commerce: products, prompts, intents and the states of the conversation, with Amazon Pay Setup and Charge steps.",
      "type": "object",
      "additionalProperties": false,
      "required": .array(FlowKeys.document.required.map(SchemaValue.string)),
      "properties": [
        "flowc": described(
          ["const": 1],
          "The version of the flow language. 1 is the only version."),
        "skill": reference("skill"),
        "merchant": reference("merchant"),
        "products": described(
          map(keys: reference("id"), values: reference("product")),
          "The catalog: product id → product. Feeds the `catalog` slot type."),
        "intents": described(
          map(keys: reference("intentName"), values: reference("intent")),
          "Custom intents: slots and sample utterances per locale. `AMAZON.*` built-ins need no declaration."
        ),
        "prompts": described(
          map(
            keys: reference("locale"),
            values: map(keys: reference("id"), values: reference("promptText"))),
          "Locale → (prompt id → text). Every prompt used anywhere must exist in every locale of `skill.locales`."
        ),
        "flow": reference("flow"),
      ],
      "$defs": definitions,
    ]
  }

  /// The reusable definitions, referenced as `#/$defs/NAME`.
  private static var definitions: SchemaValue {
    [
      "id": described(
        ["type": "string", "pattern": "^[a-z][a-z0-9_]*$"],
        "An id of a product, prompt, state or slot: a lowercase letter, then lowercase letters, digits or underscores."
      ),
      "intentName": described(
        ["type": "string", "pattern": "^(AMAZON\\.[A-Za-z_]+|[A-Za-z_]+)$"],
        "An intent name: letters and underscores (`BuyIntent`), or a built-in as `AMAZON.Name`."
      ),
      "locale": described(
        ["enum": .array(AlexaLocales.all.map(SchemaValue.string))],
        "An Alexa locale, such as `en-US`."),
      "promptText": described(
        ["type": "string"],
        "Prompt text. `{path}` inserts a variable (`{order.total}`), `{{` is a literal brace; text starting with `<speak>` is SSML."
      ),
      "path": described(
        ["type": "string", "pattern": "^[a-z][a-z0-9_]*(\\.[A-Za-z0-9_]+)*$"],
        "A variable path, such as `order.total` or `catalog.starter_kit.price`."),
      "httpsURL": described(
        ["type": "string", "pattern": "^https://[^\\s]+$"], "An `https://` URL."),
      "skill": skill,
      "merchant": merchant,
      "product": product,
      "intent": intent,
      "flow": flow,
      "transition": transition,
      "requiredSlot": requiredSlot,
      "card": card,
      "askState": askState,
      "tellState": tellState,
      "setupState": setupState,
      "chargeState": chargeState,
      "chooseState": chooseState,
    ]
  }

  private static var skill: SchemaValue {
    strictObject(
      "The skill: its name, invocation, locales and privacy policy.",
      keys: FlowKeys.skill,
      properties: [
        "name": described(["type": "string", "minLength": 1], "The skill's name."),
        "invocation": described(
          ["type": "string", "pattern": "^[a-z][a-z'. ]*[a-z.]$"],
          "The invocation name: lowercase words (`no nicks`)."),
        "locales": described(
          [
            "type": "array", "items": reference("locale"), "minItems": 1,
            "uniqueItems": true,
          ],
          "The Alexa locales of the skill; the first is the default."),
        "privacy_policy_url": described(
          reference("httpsURL"),
          "The privacy policy. Amazon Pay refuses Setup without one: a warning when missing, an error under `--release`."
        ),
        "publishing": publishing,
      ])
  }

  /// `skill.publishing`: `category` beside one listing per locale.
  private static var publishing: SchemaValue {
    let listing = strictObject(
      "The skill store listing in one locale.",
      keys: FlowKeys.localePublishing,
      properties: [
        "summary": described(
          ["type": "string", "minLength": 1, "maxLength": .integer(SkillStoreTables.summaryLimit)],
          "One sentence for the skill store."),
        "description": described(
          [
            "type": "string", "minLength": 1,
            "maxLength": .integer(SkillStoreTables.descriptionLimit),
          ],
          "The full description; for a flow that pays it says that Amazon Pay processes payments."
        ),
        "example_phrases": described(
          [
            "type": "array", "items": ["type": "string", "minLength": 1],
            "maxItems": .integer(SkillStoreTables.examplePhraseLimit),
          ],
          "The example phrases: the first opens the skill (`Alexa, open no nicks`), the others are samples of the flow or name the skill."
        ),
        "keywords": described(stringList, "Search keywords."),
        "privacy_policy_url": described(
          reference("httpsURL"),
          "This locale's privacy policy, instead of `skill.privacy_policy_url`."),
      ])
    return described(
      [
        "type": "object",
        "properties": [
          "category": described(
            ["type": "string", "pattern": "^[A-Z]+(_[A-Z]+)*$"],
            "The skill store category, such as `SHOPPING`.")
        ],
        "propertyNames": ["anyOf": [["const": "category"], reference("locale")]],
        "additionalProperties": listing,
      ],
      "The skill store listing (language v1.1): `category`, and per locale `summary`, `description`, `example_phrases`, `keywords`. Required under `--release`."
    )
  }

  private static var merchant: SchemaValue {
    strictObject(
      "Amazon Pay settings. Required when a `setup` or `charge` state exists.",
      keys: FlowKeys.merchant,
      properties: [
        "seller_id": described(
          ["type": "string", "minLength": 1],
          "The Amazon Pay merchant id (`sellerId`): uppercase letters and digits."),
        "country": described(
          ["enum": .array(AmazonPayTables.countries.map(SchemaValue.string))],
          "The country of the merchant's Amazon Pay account (`countryOfEstablishment`). `UK`, not `GB`."
        ),
        "currency": described(
          ["enum": .array(AmazonPayTables.currencies.map(SchemaValue.string))],
          "The ledger currency (`ledgerCurrency`): USD for US, GBP for UK, JPY for JP, EUR for the EU countries, CH, DK, HU and SE."
        ),
        "checkout_language": described(
          ["enum": .array(AmazonPayTables.checkoutLanguages.map(SchemaValue.string))],
          "The checkout language (`checkoutLanguage`). Defaults to the first locale with `-` turned into `_` when that is in the list."
        ),
        "store_name": described(
          ["type": "string"], "The store name sent with Setup and Charge (`storeName`)."),
        "seller_note": described(
          ["type": "string", "maxLength": 1024],
          "A note to the buyer on the agreement and the order (`sellerNote`), at most 1024 characters."
        ),
        "soft_descriptor": described(
          ["type": "string", "maxLength": 16],
          "The text on the buyer's statement (`softDescriptor`), at most 16 characters."),
        "payment_action": described(
          ["enum": ["authorize_and_capture", "authorize"]],
          "`authorize_and_capture` (the default) charges at once; `authorize` only authorizes."),
        "order_id_prefix": described(
          ["type": "string", "pattern": "^[A-Za-z0-9_-]+$"],
          "The prefix of generated `sellerOrderId`s: letters, digits, `-` and `_`; short enough that ids stay within 32 characters."
        ),
        "sandbox": strictObject(
          "Turns on Amazon Pay sandbox mode: a warning, an error under `--release`.",
          keys: FlowKeys.sandbox,
          properties: [
            "buyer_email": described(
              ["type": "string", "pattern": "^[^@\\s]+@[^@\\s]+$"],
              "The sandbox buyer's email (`sandboxCustomerEmailId`).")
          ]),
      ])
  }

  private static var product: SchemaValue {
    strictObject(
      "A product of the catalog.",
      keys: FlowKeys.product,
      properties: [
        "name": described(
          [
            "oneOf": [
              ["type": "string", "minLength": 1],
              map(keys: reference("locale"), values: ["type": "string", "minLength": 1]),
            ]
          ],
          "The spoken name, or a map locale → name."),
        "price": described(
          [
            "oneOf": [
              ["type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$"],
              ["type": "number", "exclusiveMinimum": 0],
            ]
          ],
          "The price in `merchant.currency` as a decimal string (`\"9.00\"`); a YAML number is accepted too."
        ),
        "synonyms": described(
          [
            "oneOf": [
              stringList,
              map(keys: reference("locale"), values: stringList),
            ]
          ],
          "Other names customers say, or a map locale → list. Feed the `catalog` slot type."),
        "shipping": described(
          ["type": "boolean"],
          "Whether the product ships: Setup then asks for an Amazon shipping address. Default false."
        ),
        "subscription": strictObject(
          "Makes the product recurring: Setup creates a merchant-initiated agreement.",
          keys: FlowKeys.subscription,
          properties: [
            "every": described(
              ["type": "string", "pattern": "^[1-9][0-9]* (day|week|month|year)s?$"],
              "The period: `N day(s)`, `N week(s)`, `N month(s)` or `N year(s)`.")
          ]),
      ])
  }

  private static var intent: SchemaValue {
    strictObject(
      "A custom intent.",
      keys: FlowKeys.intent,
      properties: [
        "slots": described(
          map(
            keys: reference("id"),
            values: ["type": "string", "pattern": "^(catalog|AMAZON\\.[A-Za-z_]+)$"]),
          "Slot name → slot type: an Alexa built-in (`AMAZON.NUMBER`) or `catalog`."),
        "samples": described(
          map(keys: reference("locale"), values: stringList),
          "Locale → sample utterances. `{slot}` marks a declared slot; every locale of the skill needs samples."
        ),
      ])
  }

  private static var flow: SchemaValue {
    strictObject(
      "The conversation: where it starts, global handlers and the states.",
      keys: FlowKeys.flow,
      properties: [
        "start": described(reference("id"), "The state a launch starts in."),
        "global": described(
          map(keys: reference("intentName"), values: reference("transition")),
          "Intent → transition, used in any `ask` state that does not handle the intent itself."
        ),
        "states": described(
          map(
            keys: reference("id"),
            values: [
              "description":
                "A state: exactly one of `ask`, `tell`, `setup`, `charge`, `choose`.",
              "oneOf": [
                reference("askState"), reference("tellState"), reference("setupState"),
                reference("chargeState"), reference("chooseState"),
              ],
            ]),
          "State id → state."),
      ])
  }

  private static var transition: SchemaValue {
    [
      "description":
        "Where an intent or outcome leads: a state id, or a map with `set`, `goto` and `say`.",
      "oneOf": [
        reference("id"),
        [
          "type": "object",
          "additionalProperties": false,
          "anyOf": [["required": ["goto"]], ["required": ["say"]]],
          "properties": [
            "require": described(
              map(keys: reference("id"), values: reference("requiredSlot")),
              "Slot → how to ask for it when the intent comes without a valid value (language v1.1): the runtime elicits it with Dialog.ElicitSlot."
            ),
            "set": described(
              map(
                keys: ["type": "string", "pattern": "^[a-z][a-z0-9_]*$"],
                values: ["type": ["string", "integer", "boolean"]]),
              "Variable → value before moving: a path (`slot.product`), a fallback (`slot.quantity ?? 1`) or a literal."
            ),
            "goto": described(reference("id"), "The state to go to."),
            "say": described(
              reference("id"),
              "A prompt to speak. Without `goto` the state stays and re-asks with its reprompt."),
          ],
        ],
      ],
    ]
  }

  private static var requiredSlot: SchemaValue {
    strictObject(
      "How a required slot is asked for.",
      keys: FlowKeys.requiredSlot,
      properties: [
        "ask": described(
          reference("id"), "The prompt that asks for the slot when it is missing."),
        "unknown": described(
          reference("id"),
          "The prompt spoken when the value is not valid, before asking again; `{slot.<name>.spoken}` is what the customer said."
        ),
      ])
  }

  private static var card: SchemaValue {
    strictObject(
      "A Standard card (Simple without an image) in the Alexa app.",
      keys: FlowKeys.card,
      properties: [
        "title": described(reference("id"), "The prompt of the card's title."),
        "text": described(reference("id"), "The prompt of the card's text."),
        "image": described(reference("httpsURL"), "An image URL (https)."),
      ])
  }

  private static var askState: SchemaValue {
    strictObject(
      "Speaks and keeps the session open for the customer's answer.",
      required: ["ask"],
      properties: [
        "ask": described(reference("id"), "The prompt to speak."),
        "reprompt": described(
          reference("id"),
          "The prompt to speak when the customer says nothing or is not understood."),
        "card": reference("card"),
        "on": described(
          map(keys: reference("intentName"), values: reference("transition")),
          "Intent → transition."),
      ])
  }

  private static var tellState: SchemaValue {
    strictObject(
      "Speaks and ends the session.",
      required: ["tell"],
      properties: [
        "tell": described(reference("id"), "The prompt to speak."),
        "card": reference("card"),
        "permission_card": described(
          ["type": "boolean"],
          "Sends a card asking for the `payments:autopay_consent` permission (Amazon Pay)."),
      ])
  }

  private static var setupState: SchemaValue {
    strictObject(
      "Sends the Amazon Pay Setup directive, ends the session and resumes with its outcome.",
      required: ["setup", "on"],
      properties: [
        "setup": strictObject(
          "Setup options.",
          keys: FlowKeys.setup,
          properties: [
            "shipping": described(
              ["type": "boolean"],
              "Whether to ask for an Amazon shipping address; defaults to whether the product ships."
            ),
            "agreement": described(
              ["enum": ["customer_initiated", "merchant_initiated"]],
              "The billing agreement type; `merchant_initiated` by default for a subscription product."
            ),
          ]),
        "on": outcomes(ConnectionsTaskName.setup.outcomes),
      ])
  }

  private static var chargeState: SchemaValue {
    strictObject(
      "Sends the Amazon Pay Charge directive, ends the session and resumes with its outcome.",
      required: ["charge", "on"],
      properties: [
        "charge": strictObject(
          "Charge options.",
          keys: FlowKeys.charge,
          properties: [
            "amount": described(
              reference("path"), "The money to charge; defaults to `order.total`.")
          ]),
        "on": outcomes(ConnectionsTaskName.charge.outcomes),
      ])
  }

  private static var chooseState: SchemaValue {
    strictObject(
      "Branches at once, without speech: the first `if` that holds, else the `else` state.",
      required: ["choose"],
      properties: [
        "choose": [
          "description":
            "The branches in order: `{if: <condition>, goto: <state>}` items, then `{else: <state>}`.",
          "type": "array",
          "minItems": 1,
          "items": [
            "oneOf": [
              strictObject(
                "A branch taken when its condition holds.",
                keys: FlowKeys.chooseBranch,
                properties: [
                  "if": described(
                    ["type": "string", "minLength": 1],
                    "A condition: `and`, `or`, `not`, comparisons over paths and literals."),
                  "goto": described(reference("id"), "The state to go to."),
                ]),
              strictObject(
                "The branch taken when no condition holds.",
                keys: FlowKeys.chooseElse,
                properties: ["else": described(reference("id"), "The state to go to.")]),
            ]
          ],
        ]
      ])
  }

  /// The `on:` map of a payment state: every outcome must be handled.
  private static func outcomes(_ outcomes: [PaymentOutcome]) -> SchemaValue {
    let names = outcomes.map(\.rawValue)
    var properties: [String: SchemaValue] = [:]
    for name in names {
      properties[name] = described(
        reference("transition"), "Where the `\(name)` outcome leads.")
    }
    return strictObject(
      "Outcome → transition. Every outcome must be handled.", required: names,
      properties: properties)
  }

  // MARK: - Building blocks

  private static var stringList: SchemaValue {
    ["type": "array", "items": ["type": "string", "minLength": 1], "minItems": 1]
  }

  private static func reference(_ name: String) -> SchemaValue {
    ["$ref": .string("#/$defs/\(name)")]
  }

  /// An object whose keys follow `keys` and whose values follow `values`.
  private static func map(keys: SchemaValue, values: SchemaValue) -> SchemaValue {
    ["type": "object", "propertyNames": keys, "additionalProperties": values]
  }

  /// An object with fixed keys.
  /// A strict object with the keys of a ``FlowKeys`` table: its properties must be exactly the
  /// table's keys, and its required keys are the table's.
  private static func strictObject(
    _ description: String, keys: SectionKeys, properties: [String: SchemaValue]
  ) -> SchemaValue {
    precondition(
      Set(properties.keys) == Set(keys.allowed),
      "the schema of \(keys.allowed) describes \(properties.keys.sorted())")
    return strictObject(description, required: keys.required, properties: properties)
  }

  private static func strictObject(
    _ description: String, required: [String], properties: [String: SchemaValue]
  ) -> SchemaValue {
    var object: [String: SchemaValue] = [
      "type": "object",
      "description": .string(description),
      "additionalProperties": false,
      "properties": .object(properties),
    ]
    if !required.isEmpty { object["required"] = .array(required.map(SchemaValue.string)) }
    return .object(object)
  }

  /// `schema` with a description (next to a `$ref`, which draft 2020-12 allows).
  private static func described(_ schema: SchemaValue, _ description: String) -> SchemaValue {
    guard case .object(var object) = schema else { return schema }
    object["description"] = .string(description)
    return .object(object)
  }
}

/// A JSON value of the schema.
private indirect enum SchemaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  case object([String: SchemaValue])
  case array([SchemaValue])
  case string(String)
  case integer(Int)
  case boolean(Bool)

  init(stringLiteral value: String) { self = .string(value) }
  init(integerLiteral value: Int) { self = .integer(value) }
  init(booleanLiteral value: Bool) { self = .boolean(value) }
  init(arrayLiteral elements: SchemaValue...) { self = .array(elements) }
  init(dictionaryLiteral elements: (String, SchemaValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { first, _ in first }))
  }
}

/// Prints a ``SchemaValue`` as JSON: two-space indentation, keys sorted by their UTF-8 bytes.
private struct SchemaPrinter {
  private(set) var output = ""
  private var indentation = 0

  mutating func print(_ value: SchemaValue) {
    switch value {
    case .string(let text): write(quoted(text))
    case .integer(let number): write(String(number))
    case .boolean(let flag): write(flag ? "true" : "false")
    case .array(let elements):
      guard !elements.isEmpty else { return write("[]") }
      if elements.allSatisfy(\.isScalar) {
        // Short lists of scalars (enums, `required`) stay on one line.
        var printed: [String] = []
        for element in elements {
          var printer = SchemaPrinter()
          printer.print(element)
          printed.append(printer.output)
        }
        return write("[" + printed.joined(separator: ", ") + "]")
      }
      write("[")
      indentation += 1
      for (index, element) in elements.enumerated() {
        newline()
        print(element)
        if index < elements.count - 1 { write(",") }
      }
      indentation -= 1
      newline()
      write("]")
    case .object(let members):
      guard !members.isEmpty else { return write("{}") }
      write("{")
      indentation += 1
      let keys = members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
      for (index, key) in keys.enumerated() {
        newline()
        write(quoted(key) + ": ")
        print(members[key]!)
        if index < keys.count - 1 { write(",") }
      }
      indentation -= 1
      newline()
      write("}")
    }
  }

  private mutating func write(_ text: String) { output += text }

  private mutating func newline() {
    output += "\n" + String(repeating: "  ", count: indentation)
  }
}

extension SchemaValue {
  fileprivate var isScalar: Bool {
    switch self {
    case .object, .array: false
    case .string, .integer, .boolean: true
    }
  }
}
