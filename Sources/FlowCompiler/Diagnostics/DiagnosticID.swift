public import FlowIR

/// The stable kebab-case id of a diagnostic, such as `unknown-state`: one `static let` per id
/// flowc's compiler reports, sorted, so that an id is spelt once. Every id has a descriptor in
/// ``DiagnosticCatalogue`` (the test-script ids are contributed by FlowTesting, which declares
/// its own ids in an extension).
public struct DiagnosticID: TypedString, Hashable, Comparable, Sendable {
  /// The id as printed, such as `unknown-state`.
  public var rawValue: String

  /// Creates an id from its printed form.
  ///
  /// - Parameter rawValue: The kebab-case id.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Creates an id from its printed form.
  ///
  /// - Parameter rawValue: The kebab-case id.
  public init(_ rawValue: String) { self.rawValue = rawValue }

  /// `alias-expansion-limit`.
  public static let aliasExpansionLimit = DiagnosticID("alias-expansion-limit")
  /// `ask-without-exit`.
  public static let askWithoutExit = DiagnosticID("ask-without-exit")
  /// `card-text-too-long`.
  public static let cardTextTooLong = DiagnosticID("card-text-too-long")
  /// `charge-without-agreement`.
  public static let chargeWithoutAgreement = DiagnosticID("charge-without-agreement")
  /// `charged-amount-not-spoken`.
  public static let chargedAmountNotSpoken = DiagnosticID("charged-amount-not-spoken")
  /// `choose-cycle`.
  public static let chooseCycle = DiagnosticID("choose-cycle")
  /// `condition-type-error`.
  public static let conditionTypeError = DiagnosticID("condition-type-error")
  /// `conflicting-state-kinds`.
  public static let conflictingStateKinds = DiagnosticID("conflicting-state-kinds")
  /// `currency-country-mismatch`.
  public static let currencyCountryMismatch = DiagnosticID("currency-country-mismatch")
  /// `description-without-amazon-pay`.
  public static let descriptionWithoutAmazonPay = DiagnosticID("description-without-amazon-pay")
  /// `duplicate-key`.
  public static let duplicateKey = DiagnosticID("duplicate-key")
  /// `duplicate-sample`.
  public static let duplicateSample = DiagnosticID("duplicate-sample")
  /// `duplicate-synonym`.
  public static let duplicateSynonym = DiagnosticID("duplicate-synonym")
  /// `empty-speech`.
  public static let emptySpeech = DiagnosticID("empty-speech")
  /// `file-too-large`.
  public static let fileTooLarge = DiagnosticID("file-too-large")
  /// `invalid-assignment`.
  public static let invalidAssignment = DiagnosticID("invalid-assignment")
  /// `invalid-condition`.
  public static let invalidCondition = DiagnosticID("invalid-condition")
  /// `invalid-example-phrase`.
  public static let invalidExamplePhrase = DiagnosticID("invalid-example-phrase")
  /// `invalid-id`.
  public static let invalidId = DiagnosticID("invalid-id")
  /// `invalid-order-id-prefix`.
  public static let invalidOrderIdPrefix = DiagnosticID("invalid-order-id-prefix")
  /// `invalid-placeholder`.
  public static let invalidPlaceholder = DiagnosticID("invalid-placeholder")
  /// `invalid-price`.
  public static let invalidPrice = DiagnosticID("invalid-price")
  /// `invalid-ssml`.
  public static let invalidSSML = DiagnosticID("invalid-ssml")
  /// `invalid-utf8`.
  public static let invalidUTF8 = DiagnosticID("invalid-utf8")
  /// `invalid-utterance`.
  public static let invalidUtterance = DiagnosticID("invalid-utterance")
  /// `invalid-value`.
  public static let invalidValue = DiagnosticID("invalid-value")
  /// `invocation-wake-word`.
  public static let invocationWakeWord = DiagnosticID("invocation-wake-word")
  /// `key-not-allowed-in-state`.
  public static let keyNotAllowedInState = DiagnosticID("key-not-allowed-in-state")
  /// `locale-region-mismatch`.
  public static let localeRegionMismatch = DiagnosticID("locale-region-mismatch")
  /// `missing-checkout-language`.
  public static let missingCheckoutLanguage = DiagnosticID("missing-checkout-language")
  /// `missing-help-intent`.
  public static let missingHelpIntent = DiagnosticID("missing-help-intent")
  /// `missing-in-locale`.
  public static let missingInLocale = DiagnosticID("missing-in-locale")
  /// `missing-key`.
  public static let missingKey = DiagnosticID("missing-key")
  /// `missing-order-card`.
  public static let missingOrderCard = DiagnosticID("missing-order-card")
  /// `missing-privacy-policy`.
  public static let missingPrivacyPolicy = DiagnosticID("missing-privacy-policy")
  /// `missing-samples`.
  public static let missingSamples = DiagnosticID("missing-samples")
  /// `missing-state-kind`.
  public static let missingStateKind = DiagnosticID("missing-state-kind")
  /// `multiple-documents`.
  public static let multipleDocuments = DiagnosticID("multiple-documents")
  /// `nesting-too-deep`.
  public static let nestingTooDeep = DiagnosticID("nesting-too-deep")
  /// `no-ending-reachable`.
  public static let noEndingReachable = DiagnosticID("no-ending-reachable")
  /// `payment-loop`.
  public static let paymentLoop = DiagnosticID("payment-loop")
  /// `publishing-missing`.
  public static let publishingMissing = DiagnosticID("publishing-missing")
  /// `sandbox-mode`.
  public static let sandboxMode = DiagnosticID("sandbox-mode")
  /// `slot-may-be-invalid`.
  public static let slotMayBeInvalid = DiagnosticID("slot-may-be-invalid")
  /// `slot-may-be-missing`.
  public static let slotMayBeMissing = DiagnosticID("slot-may-be-missing")
  /// `slot-outside-set`.
  public static let slotOutsideSet = DiagnosticID("slot-outside-set")
  /// `speech-too-long`.
  public static let speechTooLong = DiagnosticID("speech-too-long")
  /// `text-too-long`.
  public static let textTooLong = DiagnosticID("text-too-long")
  /// `too-many-diagnostics`.
  public static let tooManyDiagnostics = DiagnosticID("too-many-diagnostics")
  /// `turn-too-long`.
  public static let turnTooLong = DiagnosticID("turn-too-long")
  /// `type-mismatch`.
  public static let typeMismatch = DiagnosticID("type-mismatch")
  /// `undeclared-locale`.
  public static let undeclaredLocale = DiagnosticID("undeclared-locale")
  /// `unhandled-outcome`.
  public static let unhandledOutcome = DiagnosticID("unhandled-outcome")
  /// `unknown-alias`.
  public static let unknownAlias = DiagnosticID("unknown-alias")
  /// `unknown-intent`.
  public static let unknownIntent = DiagnosticID("unknown-intent")
  /// `unknown-key`.
  public static let unknownKey = DiagnosticID("unknown-key")
  /// `unknown-outcome`.
  public static let unknownOutcome = DiagnosticID("unknown-outcome")
  /// `unknown-product`.
  public static let unknownProduct = DiagnosticID("unknown-product")
  /// `unknown-prompt`.
  public static let unknownPrompt = DiagnosticID("unknown-prompt")
  /// `unknown-slot`.
  public static let unknownSlot = DiagnosticID("unknown-slot")
  /// `unknown-slot-type`.
  public static let unknownSlotType = DiagnosticID("unknown-slot-type")
  /// `unknown-state`.
  public static let unknownState = DiagnosticID("unknown-state")
  /// `unknown-variable`.
  public static let unknownVariable = DiagnosticID("unknown-variable")
  /// `unreachable-state`.
  public static let unreachableState = DiagnosticID("unreachable-state")
  /// `unreadable-file`.
  public static let unreadableFile = DiagnosticID("unreadable-file")
  /// `unspoken-total`.
  public static let unspokenTotal = DiagnosticID("unspoken-total")
  /// `unsupported-checkout-language`.
  public static let unsupportedCheckoutLanguage = DiagnosticID("unsupported-checkout-language")
  /// `unsupported-country`.
  public static let unsupportedCountry = DiagnosticID("unsupported-country")
  /// `unsupported-currency`.
  public static let unsupportedCurrency = DiagnosticID("unsupported-currency")
  /// `unsupported-version`.
  public static let unsupportedVersion = DiagnosticID("unsupported-version")
  /// `unused-prompt`.
  public static let unusedPrompt = DiagnosticID("unused-prompt")
  /// `unusual-seller-id`.
  public static let unusualSellerId = DiagnosticID("unusual-seller-id")
  /// `unwritable-file`.
  public static let unwritableFile = DiagnosticID("unwritable-file")
  /// `variable-not-set`.
  public static let variableNotSet = DiagnosticID("variable-not-set")
  /// `wrong-type`.
  public static let wrongType = DiagnosticID("wrong-type")
  /// `yaml-syntax`.
  public static let yamlSyntax = DiagnosticID("yaml-syntax")
  /// `yaml-tag`.
  public static let yamlTag = DiagnosticID("yaml-tag")
}
