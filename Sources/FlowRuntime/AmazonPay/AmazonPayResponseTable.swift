public import FlowIR

/// The one table that says what each Amazon Pay answer means for the flow.
///
/// Sources: the project's Amazon Pay reference §2.5 (status codes and error messages, grouped
/// by who handles them), §2.6 (billing agreement statuses after Setup) and §2.7 (authorization
/// states and reason codes after Charge). ``AmazonPayProfile/classify(taskName:statusCode:statusMessage:payload:)``
/// reads nothing else, and `docs` print it from here.
public enum AmazonPayResponseTable {
  /// Who has to act on an error.
  public enum ErrorGroup: String, Sendable, Equatable, CaseIterable {
    /// Amazon Pay handles it and Alexa already spoke a prompt to the customer (§2.5 A).
    case handledByAmazonPay = "handled_by_amazon_pay"
    /// The customer has not granted Amazon Pay or voice purchasing to the skill (§2.5 B).
    case permission
    /// The merchant's integration is wrong; fix the configuration, do not retry (§2.5 C).
    case integration
    /// A run-time failure; no charge happened (§2.5 D).
    case runtime
  }

  /// One row for an error code sent in `status.message` (or `payload.errorCode`).
  public struct ErrorRow: Sendable, Equatable {
    /// The error code as Amazon Pay spells it.
    public var code: String
    /// The HTTP-style `status.code` documented for it, when the reference has one.
    public var statusCode: Int?
    /// Who has to act.
    public var group: ErrorGroup
    /// The flow outcome: `permission_denied` or `error`.
    public var outcome: PaymentOutcome
    /// Whether Alexa already told the customer.
    public var amazonAlreadySpoke: Bool
    /// Whether sending the same request again later can succeed.
    public var retryable: Bool
  }

  /// One row for a billing agreement status in a Setup success payload.
  public struct AgreementRow: Sendable, Equatable {
    /// `billingAgreementStatus` (upper case, as Amazon Pay sends it).
    public var status: AgreementStatus
    /// The flow outcome of the Setup: `success` or `error`.
    public var outcome: PaymentOutcome
    /// Whether the agreement can be charged (`agreement.open`).
    public var open: Bool
  }

  /// One row for an authorization state (and reason code) in a Charge success payload.
  public struct AuthorizationRow: Sendable, Equatable {
    /// `authorizationDetails.authorizationStatus.state`.
    public var state: String
    /// `authorizationDetails.authorizationStatus.reasonCode`; `nil` matches any reason.
    public var reasonCode: String?
    /// The flow outcome: `success`, `declined` or `error`.
    public var outcome: PaymentOutcome
    /// The order state to record: `authorized`, `captured`, `declined`, `pending` or `failed`.
    public var orderState: OrderState
    /// Whether Alexa already told the customer.
    public var amazonAlreadySpoke: Bool
    /// The billing agreement status that the result implies, when it changes it.
    public var agreementStatusAfter: AgreementStatus?
  }

  private static func row(
    _ code: String, _ statusCode: Int?, _ group: ErrorGroup, retryable: Bool = false
  ) -> ErrorRow {
    ErrorRow(
      code: code, statusCode: statusCode, group: group,
      outcome: group == .permission ? .permissionDenied : .error,
      amazonAlreadySpoke: group == .handledByAmazonPay, retryable: retryable)
  }

  /// Every error code the reference lists, with its group.
  public static let errors: [ErrorRow] = [
    // A. Handled by Amazon Pay: Alexa speaks its own prompt.
    row("UnsupportedClientPlatform", 403, .handledByAmazonPay),
    row("InvalidShippingAddress", 400, .handledByAmazonPay),
    row("InvalidAccountStatus", 403, .handledByAmazonPay),
    row("RequestThrottled", 429, .handledByAmazonPay, retryable: true),
    // B. Permission: the skill sends the consent card.
    row("ACCESS_DENIED", nil, .permission),
    row("ACCESS_NOT_REQUESTED", nil, .permission),
    row("FORBIDDEN", nil, .permission),
    row("VoicePurchaseNotEnabled", nil, .permission),
    row("MissingPermissionsToAccessResource", nil, .permission),
    // C. Integration: fix the configuration.
    row("BuyerEqualsSeller", nil, .integration),
    row("InvalidParameterValue", nil, .integration),
    row("InvalidSandboxCustomerEmail", nil, .integration),
    row("InvalidSellerId", nil, .integration),
    row("UnauthorizedAccess", nil, .integration),
    row("UnsupportedCountryOfEstablishment", nil, .integration),
    row("UnsupportedCurrency", nil, .integration),
    row("ReleaseEnvironmentNotAllowed", nil, .integration),
    row("InvalidBillingAgreementType", nil, .integration),
    row("InvalidSubscriptionAmount", nil, .integration),
    row("MissingSkillManifestData", nil, .integration),
    row(connectionsValidationFailed, 400, .integration),
    // D. Run time: no charge happened.
    row("DuplicateRequest", nil, .runtime),
    row("InternalServerError", nil, .runtime, retryable: true),
    row("InvalidAuthorizationAmount", nil, .runtime),
    row("InvalidBillingAgreementId", nil, .runtime),
    row("InvalidBillingAgreementStatus", nil, .runtime),
    row("InvalidPaymentAction", nil, .runtime),
    row("PeriodicAmountExceeded", nil, .runtime),
    row("ProviderNotAuthorized", nil, .runtime),
    row("ServiceUnavailable", nil, .runtime, retryable: true),
  ]

  /// The code given to a schema-validation failure, whose `status.message` is the text
  /// `Connections validation failed. Violating fields in payload: […]` rather than a code.
  public static let connectionsValidationFailed = "ConnectionsValidationFailed"

  /// The `status.message` prefix of a schema-validation failure.
  public static let connectionsValidationPrefix = "Connections validation failed"

  /// Billing agreement statuses after a successful Setup (§2.6). Only `OPEN` can be charged;
  /// the others make the Setup an `error`, with `payment.error` naming the status.
  public static let agreements: [AgreementRow] = [
    AgreementRow(status: .open, outcome: .success, open: true),
    AgreementRow(status: .suspended, outcome: .error, open: false),
    AgreementRow(status: .canceled, outcome: .error, open: false),
    AgreementRow(status: .closed, outcome: .error, open: false),
    AgreementRow(status: .draft, outcome: .error, open: false),
  ]

  /// Authorization results after a Charge (§2.7), most specific row first.
  ///
  /// `Open` is authorized (capture later); `Closed` with `MaxCapturesProcessed` is authorized
  /// and captured. Any other `Closed` reason and every `Declined` means no money moved. An
  /// `InvalidPaymentMethod` decline is spoken by Alexa and suspends the billing agreement.
  /// `Pending` only happens with a non-zero `transactionTimeout`, which flowc never sends; it is
  /// an `error` and the order stays `pending` for a person to look at.
  public static let authorizations: [AuthorizationRow] = [
    AuthorizationRow(
      state: "Open", reasonCode: nil, outcome: .success, orderState: .authorized,
      amazonAlreadySpoke: false, agreementStatusAfter: nil),
    AuthorizationRow(
      state: "Closed", reasonCode: "MaxCapturesProcessed", outcome: .success,
      orderState: .captured, amazonAlreadySpoke: false, agreementStatusAfter: nil),
    AuthorizationRow(
      state: "Closed", reasonCode: nil, outcome: .declined, orderState: .declined,
      amazonAlreadySpoke: false, agreementStatusAfter: nil),
    AuthorizationRow(
      state: "Declined", reasonCode: "InvalidPaymentMethod", outcome: .declined,
      orderState: .declined, amazonAlreadySpoke: true, agreementStatusAfter: .suspended),
    AuthorizationRow(
      state: "Declined", reasonCode: nil, outcome: .declined, orderState: .declined,
      amazonAlreadySpoke: false, agreementStatusAfter: nil),
    AuthorizationRow(
      state: "Pending", reasonCode: nil, outcome: .error, orderState: .pending,
      amazonAlreadySpoke: false, agreementStatusAfter: nil),
  ]

  /// The row of an error code, if the table has one.
  public static func errorRow(code: String) -> ErrorRow? {
    errors.first { $0.code == code }
  }

  /// The row of an agreement status (case-insensitive), if the table has one.
  public static func agreementRow(status: String) -> AgreementRow? {
    let upper = status.uppercased()
    return agreements.first { $0.status.rawValue == upper }
  }

  /// The most specific row for an authorization state and reason code.
  public static func authorizationRow(state: String, reasonCode: String?) -> AuthorizationRow? {
    authorizations.first { $0.state == state && $0.reasonCode == reasonCode }
      ?? authorizations.first { $0.state == state && $0.reasonCode == nil }
  }
}
