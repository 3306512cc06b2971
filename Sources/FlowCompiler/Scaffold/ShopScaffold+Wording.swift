/// What a scaffolded shop says and understands in one language.
struct ShopWording {
  /// The product's spoken name.
  var product: String
  /// Other names customers use for it.
  var synonyms: [String]
  /// Samples of `BuyIntent`; all but the last name a `{quantity}`.
  var samples: [String]
  /// The skill store listing; `NAME` is replaced by the shop's name.
  var listing: ShopListing
  /// Prompt id → text; `NAME` is replaced by the shop's name.
  var prompts: [(id: String, text: String)]

  /// The wording of a locale's language (English for a language without its own).
  static func of(locale: String) -> ShopWording {
    byLanguage[language: String(locale.prefix(2))]
  }

  /// Every language's wording.
  static let byLanguage = PerLanguage(
    english: english, german: german, french: french, italian: italian, spanish: spanish,
    japanese: japanese)

  static let english = ShopWording(
    product: "Gift Box",
    synonyms: ["gift", "box", "gift set"],
    samples: [
      "buy {quantity} gift boxes", "order {quantity} gift boxes", "i want {quantity} gift boxes",
      "buy a gift box",
    ],
    listing: ShopListing(
      opening: "Alexa, open INVOCATION",
      summary: "Buy gift boxes from NAME by voice.",
      description: """
        Order gift boxes from NAME with your voice. Payments are processed with Amazon Pay; you can set a four-digit voice code for purchases in the Alexa app.
        """,
      keywords: ["gift box", "gifts", "shopping"]),
    prompts: [
      (
        "welcome", "Welcome to NAME. Would you like to buy a gift box for {catalog.gift_box.price}?"
      ),
      ("welcome_reprompt", "Would you like to buy a gift box?"),
      (
        "confirm_order",
        "That is {quantity} {product.name} for {order.total}. Shall I check out with Amazon Pay?"
      ),
      ("confirm_reprompt", "Shall I check out with Amazon Pay?"),
      (
        "checkout",
        "Your total is {order.total}, shipping to {shipping.address_line1}. Do you want to place the order?"
      ),
      ("checkout_reprompt", "Do you want to place the order for {order.total}?"),
      ("order_placed", "Your order is placed. Thank you for shopping at NAME."),
      ("order_card_title", "Order Confirmation"),
      ("order_card", "Products: {quantity} {product.name}\nTotal amount: {order.total}"),
      (
        "need_permission",
        "To buy, please enable Amazon Pay and voice purchasing in the Alexa app. I sent a card there."
      ),
      ("declined", "Your order was not placed and you have not been charged."),
      (
        "payment_problem", "Sorry, there was a problem with the payment. You have not been charged."
      ),
      ("help", "You can say buy two gift boxes, or stop."),
      ("fallback", "Sorry, I did not get that."),
      ("goodbye", "Goodbye from NAME."),
    ])

  static let german = ShopWording(
    product: "Geschenkbox",
    synonyms: ["geschenk", "box", "geschenkset"],
    samples: [
      "kaufe {quantity} geschenkboxen", "bestelle {quantity} geschenkboxen",
      "ich möchte {quantity} geschenkboxen", "kaufe eine geschenkbox",
    ],
    listing: ShopListing(
      opening: "Alexa, öffne INVOCATION",
      summary: "Kaufe Geschenkboxen von NAME per Sprache.",
      description: """
        Bestelle Geschenkboxen von NAME mit deiner Stimme. Zahlungen werden über Amazon Pay abgewickelt; in der Alexa App kannst du einen vierstelligen Sprachcode für Einkäufe festlegen.
        """,
      keywords: ["geschenkbox", "geschenke", "einkaufen"]),
    prompts: [
      (
        "welcome",
        "Willkommen bei NAME. Möchtest du eine Geschenkbox für {catalog.gift_box.price} kaufen?"
      ),
      ("welcome_reprompt", "Möchtest du eine Geschenkbox kaufen?"),
      (
        "confirm_order",
        "Das sind {quantity} {product.name} für {order.total}. Soll ich mit Amazon Pay bezahlen?"
      ),
      ("confirm_reprompt", "Soll ich mit Amazon Pay bezahlen?"),
      (
        "checkout",
        "Deine Summe ist {order.total}, Lieferung an {shipping.address_line1}. Möchtest du die Bestellung aufgeben?"
      ),
      ("checkout_reprompt", "Möchtest du die Bestellung über {order.total} aufgeben?"),
      ("order_placed", "Deine Bestellung ist aufgegeben. Danke für deinen Einkauf bei NAME."),
      ("order_card_title", "Bestellbestätigung"),
      ("order_card", "Produkte: {quantity} {product.name}\nGesamtbetrag: {order.total}"),
      (
        "need_permission",
        "Um zu kaufen, aktiviere bitte Amazon Pay und den Sprachkauf in der Alexa App. Ich habe dir dort eine Karte geschickt."
      ),
      ("declined", "Deine Bestellung wurde nicht aufgegeben und dir wurde nichts berechnet."),
      ("payment_problem", "Leider gab es ein Problem mit der Zahlung. Dir wurde nichts berechnet."),
      ("help", "Du kannst sagen: kaufe zwei Geschenkboxen, oder stopp."),
      ("fallback", "Entschuldigung, das habe ich nicht verstanden."),
      ("goodbye", "Auf Wiedersehen von NAME."),
    ])

  static let french = ShopWording(
    product: "coffret cadeau",
    synonyms: ["coffret", "cadeau"],
    samples: [
      "acheter {quantity} coffrets cadeaux", "commander {quantity} coffrets cadeaux",
      "je veux {quantity} coffrets cadeaux", "acheter un coffret cadeau",
    ],
    listing: ShopListing(
      opening: "Alexa, ouvre INVOCATION",
      summary: "Achetez des coffrets cadeaux NAME à la voix.",
      description: """
        Commandez des coffrets cadeaux NAME avec votre voix. Les paiements sont traités par Amazon Pay ; vous pouvez définir un code vocal à quatre chiffres pour vos achats dans l'application Alexa.
        """,
      keywords: ["coffret cadeau", "cadeaux", "achats"]),
    prompts: [
      (
        "welcome",
        "Bienvenue chez NAME. Voulez-vous acheter un coffret cadeau pour {catalog.gift_box.price} ?"
      ),
      ("welcome_reprompt", "Voulez-vous acheter un coffret cadeau ?"),
      (
        "confirm_order",
        "Cela fait {quantity} {product.name} pour {order.total}. Dois-je payer avec Amazon Pay ?"
      ),
      ("confirm_reprompt", "Dois-je payer avec Amazon Pay ?"),
      (
        "checkout",
        "Le total est de {order.total}, livraison au {shipping.address_line1}. Voulez-vous passer la commande ?"
      ),
      ("checkout_reprompt", "Voulez-vous passer la commande de {order.total} ?"),
      ("order_placed", "Votre commande est passée. Merci de votre achat chez NAME."),
      ("order_card_title", "Confirmation de commande"),
      ("order_card", "Produits : {quantity} {product.name}\nMontant total : {order.total}"),
      (
        "need_permission",
        "Pour acheter, activez Amazon Pay et les achats vocaux dans l'application Alexa. Je vous y ai envoyé une carte."
      ),
      ("declined", "Votre commande n'a pas été passée et vous n'avez pas été débité."),
      (
        "payment_problem",
        "Désolé, il y a eu un problème avec le paiement. Vous n'avez pas été débité."
      ),
      ("help", "Vous pouvez dire acheter deux coffrets cadeaux, ou stop."),
      ("fallback", "Désolé, je n'ai pas compris."),
      ("goodbye", "Au revoir de la part de NAME."),
    ])

  static let italian = ShopWording(
    product: "confezione regalo",
    synonyms: ["confezione", "regalo"],
    samples: [
      "compra {quantity} confezioni regalo", "ordina {quantity} confezioni regalo",
      "vorrei {quantity} confezioni regalo", "compra una confezione regalo",
    ],
    listing: ShopListing(
      opening: "Alexa, apri INVOCATION",
      summary: "Acquista confezioni regalo di NAME con la voce.",
      description: """
        Ordina confezioni regalo di NAME con la tua voce. I pagamenti sono elaborati da Amazon Pay; puoi impostare un codice vocale di quattro cifre per gli acquisti nell'app Alexa.
        """,
      keywords: ["confezione regalo", "regali", "acquisti"]),
    prompts: [
      (
        "welcome",
        "Benvenuto da NAME. Vuoi comprare una confezione regalo per {catalog.gift_box.price}?"
      ),
      ("welcome_reprompt", "Vuoi comprare una confezione regalo?"),
      ("confirm_order", "Sono {quantity} {product.name} per {order.total}. Pago con Amazon Pay?"),
      ("confirm_reprompt", "Pago con Amazon Pay?"),
      (
        "checkout",
        "Il totale è {order.total}, spedizione a {shipping.address_line1}. Vuoi effettuare l'ordine?"
      ),
      ("checkout_reprompt", "Vuoi effettuare l'ordine di {order.total}?"),
      ("order_placed", "Il tuo ordine è stato effettuato. Grazie per aver acquistato da NAME."),
      ("order_card_title", "Conferma d'ordine"),
      ("order_card", "Prodotti: {quantity} {product.name}\nImporto totale: {order.total}"),
      (
        "need_permission",
        "Per comprare, attiva Amazon Pay e gli acquisti vocali nell'app Alexa. Ti ho inviato una scheda."
      ),
      ("declined", "Il tuo ordine non è stato effettuato e non ti è stato addebitato nulla."),
      (
        "payment_problem",
        "Mi dispiace, c'è stato un problema con il pagamento. Non ti è stato addebitato nulla."
      ),
      ("help", "Puoi dire compra due confezioni regalo, oppure stop."),
      ("fallback", "Scusa, non ho capito."),
      ("goodbye", "Arrivederci da NAME."),
    ])

  static let spanish = ShopWording(
    product: "caja regalo",
    synonyms: ["caja", "regalo"],
    samples: [
      "comprar {quantity} cajas regalo", "pedir {quantity} cajas regalo",
      "quiero {quantity} cajas regalo", "comprar una caja regalo",
    ],
    listing: ShopListing(
      opening: "Alexa, abre INVOCATION",
      summary: "Compra cajas regalo de NAME con la voz.",
      description: """
        Pide cajas regalo de NAME con tu voz. Los pagos se procesan con Amazon Pay; puedes configurar un código de voz de cuatro dígitos para tus compras en la app Alexa.
        """,
      keywords: ["caja regalo", "regalos", "compras"]),
    prompts: [
      (
        "welcome",
        "Bienvenido a NAME. ¿Quieres comprar una caja regalo por {catalog.gift_box.price}?"
      ),
      ("welcome_reprompt", "¿Quieres comprar una caja regalo?"),
      ("confirm_order", "Son {quantity} {product.name} por {order.total}. ¿Pago con Amazon Pay?"),
      ("confirm_reprompt", "¿Pago con Amazon Pay?"),
      (
        "checkout",
        "El total es {order.total}, con envío a {shipping.address_line1}. ¿Quieres hacer el pedido?"
      ),
      ("checkout_reprompt", "¿Quieres hacer el pedido de {order.total}?"),
      ("order_placed", "Tu pedido está hecho. Gracias por comprar en NAME."),
      ("order_card_title", "Confirmación del pedido"),
      ("order_card", "Productos: {quantity} {product.name}\nImporte total: {order.total}"),
      (
        "need_permission",
        "Para comprar, activa Amazon Pay y las compras por voz en la app de Alexa. Te he enviado una tarjeta."
      ),
      ("declined", "Tu pedido no se ha realizado y no se te ha cobrado nada."),
      ("payment_problem", "Lo siento, hubo un problema con el pago. No se te ha cobrado nada."),
      ("help", "Puedes decir comprar dos cajas regalo, o para."),
      ("fallback", "Lo siento, no te he entendido."),
      ("goodbye", "Adiós de parte de NAME."),
    ])

  static let japanese = ShopWording(
    product: "ギフトボックス",
    synonyms: ["ギフト", "ボックス"],
    samples: [
      "ギフトボックスを{quantity}個買う", "ギフトボックスを{quantity}個注文する",
      "ギフトボックスを{quantity}個ください", "ギフトボックスを買う",
    ],
    listing: ShopListing(
      opening: "アレクサ、INVOCATION を開いて",
      summary: "NAMEのギフトボックスを声で買えます。",
      description: """
        NAMEのギフトボックスを声で注文できます。お支払いはAmazon Payで処理されます。Alexaアプリで4桁の音声コードを設定できます。
        """,
      keywords: ["ギフトボックス", "ギフト", "ショッピング"]),
    prompts: [
      ("welcome", "NAMEへようこそ。ギフトボックスを{catalog.gift_box.price}で購入しますか？"),
      ("welcome_reprompt", "ギフトボックスを購入しますか？"),
      ("confirm_order", "{product.name}{quantity}個で{order.total}です。Amazon Payで支払いますか？"),
      ("confirm_reprompt", "Amazon Payで支払いますか？"),
      ("checkout", "合計は{order.total}、お届け先は{shipping.address_line1}です。注文しますか？"),
      ("checkout_reprompt", "{order.total}の注文を確定しますか？"),
      ("order_placed", "ご注文を承りました。NAMEをご利用いただきありがとうございます。"),
      ("order_card_title", "ご注文の確認"),
      ("order_card", "商品: {product.name} {quantity}個\n合計金額: {order.total}"),
      ("need_permission", "購入するには、AlexaアプリでAmazon Payと音声ショッピングを有効にしてください。アプリにカードを送りました。"),
      ("declined", "ご注文は確定されず、請求もされていません。"),
      ("payment_problem", "申し訳ありません。支払いで問題が発生しました。請求はされていません。"),
      ("help", "ギフトボックスを二個買う、またはストップと言ってください。"),
      ("fallback", "すみません、よくわかりませんでした。"),
      ("goodbye", "NAMEをご利用いただきありがとうございました。"),
    ])
}

/// A shop's skill store listing in one language (`skill.publishing` of a locale).
struct ShopListing {
  /// The first example phrase, opening the skill; `INVOCATION` is replaced by the invocation.
  var opening: String
  /// A one-line summary.
  var summary: String
  /// The description, with the Amazon Pay sentence certification asks for.
  var description: String
  /// Search keywords.
  var keywords: [String]
}
