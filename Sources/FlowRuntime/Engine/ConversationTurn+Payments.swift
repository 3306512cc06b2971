internal import FlowIR
internal import Foundation

/// What entering a `setup` or `charge` state led to.
enum ConnectionsStart {
  /// The directive went out; the session ends.
  case sent(ResponseEnvelope)
  /// An outcome was decided without Amazon Pay (permission not granted, payload not
  /// renderable); its transition is taken at once.
  case outcome(PaymentOutcome)
}

extension ConversationTurn {
  /// The internal variable that counts the Charge attempts of the conversation's order. Flow
  /// ids start with a letter, so no flow can name, read or set it; it travels with the others.
  static let chargeAttemptVariable = "_charge_attempt"
  /// The `payment.error` of a payload that cannot be rendered.
  static let invalidPayload = "InvalidPayload"
  /// The internal variables that keep a Charge's asked amount and currency for the answer's
  /// reconciliation (removed again when the answer comes).
  static let askedAmountVariable = "_asked_amount"
  static let askedCurrencyVariable = "_asked_currency"

  /// Sends a `Connections.SendRequest`, or decides the outcome at once when the customer has
  /// not granted the Amazon Pay permission.
  mutating func send(_ connections: ConnectionsState, from stateId: String) -> ConnectionsStart {
    let task = connections.task
    let isAmazonPay = task.profile == AmazonPayProfile.name
    if isAmazonPay, envelope.permissionStatus(scope: Self.paymentScope) != "GRANTED" {
      return .outcome(.permissionDenied)
    }
    let isCharge = task.name == .charge
    if let refusal = paymentRefusal(isCharge: isCharge) {
      trace.notices.append(.paymentRefused(refusal))
      variables[.paymentError] = .string(refusal.code)
      variables[.paymentReason] = .string(AmazonPayResponseTable.ErrorGroup.runtime.rawValue)
      return .outcome(.error)
    }
    var generator = ByteSourceGenerator(randomBytes: randomBytes)
    let orderId: String
    if case .string(let existing)? = variables[.orderID],
      storedOrder(id: existing)?.state.isFinal != true, !reads.takenOrderIds.contains(existing)
    {
      // A captured order is done: another payment in the conversation is another order.
      orderId = existing
    } else {
      // A new order, or one whose id another order took before it was stored.
      orderId = AmazonPayIdentifiers.orderId(
        prefix: program.merchant?.orderIdPrefix ?? "", using: &generator)
      variables[.orderID] = .string(orderId)
    }
    var authorizationReferenceId: String?
    if isCharge {
      // Counted per conversation, so that a retried Charge of the same order gets a new,
      // recognisable authorizationReferenceId.
      var attempt: Int64 = 1
      if case .int(let previous)? = variables[Self.chargeAttemptVariable] { attempt = previous + 1 }
      variables[Self.chargeAttemptVariable] = .int(attempt)
      authorizationReferenceId = AmazonPayIdentifiers.authorizationReferenceId(
        orderId: orderId, attempt: Int(clamping: attempt), using: &generator)
    }

    let payload: JSONValue
    do {
      let scope = self.scope
      let context = PayloadRenderContext(
        resolve: { path in scope.value(of: path) }, orderId: orderId,
        authorizationReferenceId: authorizationReferenceId)
      payload = try rules.paymentProfile.renderPayload(task.payload, program, context)
    } catch {
      variables[.paymentError] = .string(Self.invalidPayload)
      return .outcome(.error)
    }

    let asked = payload["authorizeAttributes"]?["authorizationAmount"]
    if isCharge, let amount = asked?["amount"]?.stringValue {
      variables[Self.askedAmountVariable] = .string(amount)
      variables[Self.askedCurrencyVariable] = asked?["currencyCode"]?.stringValue.map {
        .string($0)
      }
    }
    if let order = orderRecord(id: orderId, state: isCharge ? .charging : .pending) {
      var updated = order
      if let authorizationReferenceId {
        updated.authorizationReferenceId = authorizationReferenceId
      }
      if storedOrder(id: orderId) == nil { writes.newOrderIds.append(orderId) }
      writes.orders.append(updated)
    }

    let token = AmazonPayIdentifiers.token(using: &generator)
    writes.newContinuations.append(
      Continuation(
        token: token, userId: userId, stateId: stateId, taskName: task.name,
        flowHash: program.flowHash, variables: variables, locale: locale, createdAt: now,
        expiresAt: now.addingTimeInterval(rules.continuationLifetime)))
    // Amazon Pay takes over the conversation: no reprompt, and the session ends.
    return .sent(
      ResponseEnvelope(
        response: ResponseBody(
          outputSpeech: SpeechRenderer.outputSpeech(speech),
          directives: [
            .connectionsSendRequest(name: task.name.rawValue, payload: payload, token: token)
          ],
          shouldEndSession: true)))
  }

  /// Why the money-relevant variables must not be sent to Amazon Pay, if they must not: they
  /// are checked against the flow and the store whatever their origin.
  func paymentRefusal(isCharge: Bool) -> PaymentRefusal? {
    if let product = variables[.product] {
      guard case .product(let id) = product, program.product(id: id) != nil else {
        return .unknownProduct
      }
    }
    guard case .int(let quantity)? = scope.value(of: .quantity),
      OrderQuantity.range.contains(quantity)
    else { return .invalidQuantity }
    if case .string(let orderId)? = variables[.orderID], let stored = reads.order,
      stored.id == orderId, stored.userId != userId
    {
      return .foreignOrder
    }
    if isCharge, case .string(let agreementId)? = variables[.agreementID],
      !ownsAgreement(agreementId)
    {
      return .foreignAgreement
    }
    return nil
  }

  /// Whether the customer has a stored agreement of this id (or one written this turn).
  func ownsAgreement(_ agreementId: String) -> Bool {
    let known = [reads.agreement, reads.openAgreement].compactMap { $0 } + writes.agreements
    return !userId.isEmpty
      && known.contains { $0.userId == userId && $0.billingAgreementId == agreementId }
  }

  /// The order as it stands after this turn: the stored or already-written record updated,
  /// or a new one. `nil` when no product is chosen (nothing to record).
  func orderRecord(id: String, state: OrderState) -> OrderRecord? {
    let existing = writes.orders.last(where: { $0.id == id }) ?? storedOrder(id: id)
    let scope = self.scope
    var agreementId: String?
    if case .string(let id)? = scope.value(of: .agreementID) { agreementId = id }
    if var order = existing {
      order.state = state
      order.updatedAt = now
      if let agreementId { order.billingAgreementId = agreementId }
      if let product = scope.product(at: .product), case .money(let total)? = scope.orderTotal,
        case .int(let quantity)? = scope.value(of: .quantity)
      {
        order.productId = product.id
        order.quantity = quantity
        order.amount = total
      }
      return order
    }
    guard let product = scope.product(at: .product), case .money(let total)? = scope.orderTotal,
      case .int(let quantity)? = scope.value(of: .quantity)
    else { return nil }
    return OrderRecord(
      id: id, userId: userId, productId: product.id, quantity: quantity, amount: total,
      authorizationReferenceId: nil, amazonAuthorizationId: nil, billingAgreementId: agreementId,
      state: state, createdAt: now, updatedAt: now)
  }

  /// Handles a `Connections.Response`: finds the continuation, records what Amazon Pay
  /// reported, and takes the outcome's transition.
  mutating func resume(_ response: ConnectionsResponse) throws -> ResponseEnvelope {
    guard let token = response.token, !token.isEmpty,
      let continuation = reads.continuation, continuation.token == token,
      !userId.isEmpty, continuation.userId == userId,
      response.name == nil || response.name == continuation.taskName.rawValue
    else { return paymentNotFoundResponse() }
    guard continuation.expiresAt > now else { return paymentNotFoundResponse() }

    writes.consumedTokens.append(token)
    variables = continuation.variables
    locale = Self.conversationLocale(continuation.locale, program: program)

    var question = PaymentQuestion(
      needsShippingAddress: scope.product(at: .product)?.shipping ?? false,
      isLive: program.merchant.map { $0.sandboxCustomerEmail == nil } ?? false)
    if case .string(let amount)? = variables.removeValue(forKey: Self.askedAmountVariable) {
      question.amount = amount
    }
    if case .string(let currency)? = variables.removeValue(forKey: Self.askedCurrencyVariable) {
      question.currencyCode = currency
    }
    let outcome = rules.paymentProfile.classify(
      ConnectionsResponseSummary(
        taskName: continuation.taskName, statusCode: response.status?.code ?? "",
        statusMessage: response.status?.message, payload: response.payload,
        question: question))
    if let problem = outcome.reviewProblem {
      var orderId: String?
      if case .string(let id)? = variables[.orderID] { orderId = id }
      trace.notices.append(.orderForReview(orderId: orderId, problem: problem))
    }
    variables.merge(outcome.variables) { _, new in new }
    amazonAlreadySpoke = outcome.amazonAlreadySpoke
    record(outcome, of: continuation)

    // The flow may have changed while Amazon Pay had the customer: go on only where the same
    // kind of task still stands.
    guard let state = program.states[continuation.stateId],
      case .connections(let connections) = state.kind,
      connections.task.name == continuation.taskName
    else { return endWithMessage(.flowChanged) }
    trace.paymentOutcomes.append((continuation.stateId, outcome.outcome))
    let label = connections.on[outcome.outcome] != nil ? outcome.outcome : .error
    guard let transition = connections.on[label] else { return endWithMessage(.brokenFlow) }
    trace.transitions.append(
      TracedTransition(from: continuation.stateId, on: label.rawValue, to: transition.goto))
    trace.answeringState = continuation.stateId
    guard let next = apply(transition) else { return endSpeaking() }
    return try enter(next)
  }

  /// Writes the agreement of a Setup success and the order's new state.
  mutating func record(_ outcome: ConnectionsOutcome, of continuation: Continuation) {
    let isCharge = continuation.taskName == .charge
    if !isCharge, outcome.outcome == .success, let agreementId = outcome.billingAgreementId {
      let status = outcome.billingAgreementStatus ?? .open
      writes.agreements.append(
        AgreementRecord(
          userId: userId, billingAgreementId: agreementId, status: status, createdAt: now,
          updatedAt: now))
      if variables[.agreementID] == nil { variables[.agreementID] = .string(agreementId) }
      if variables[.agreementStatus] == nil {
        variables[.agreementStatus] = .string(status.rawValue)
      }
      if outcome.variables[.agreementOpen] == nil {
        variables[.agreementOpen] = .bool(status.isOpen)
      }
    }
    guard case .string(let orderId)? = variables[.orderID], var order = storedOrder(id: orderId),
      !order.state.isFinal
    else { return }
    order.updatedAt = now
    if isCharge {
      order.state = outcome.orderState ?? Self.orderState(after: outcome.outcome)
      if let authorizationId = outcome.amazonAuthorizationId {
        order.amazonAuthorizationId = authorizationId
      }
    } else if outcome.outcome == .success {
      order.billingAgreementId = outcome.billingAgreementId ?? order.billingAgreementId
    } else {
      order.state = outcome.orderState ?? .failed
    }
    writes.orders.append(order)
  }

  /// The order read before the turn, when it is the one asked for and the customer's own.
  func storedOrder(id: String) -> OrderRecord? {
    reads.order.flatMap { $0.id == id && $0.userId == userId ? $0 : nil }
  }

  static func orderState(after outcome: PaymentOutcome) -> OrderState {
    switch outcome {
    case .success: .authorized
    case .declined: .declined
    case .permissionDenied, .error: .failed
    }
  }
}

/// A `RandomNumberGenerator` over the engine's random byte source, so that the Amazon Pay
/// identifiers draw from the same (injectable) randomness as everything else.
struct ByteSourceGenerator: RandomNumberGenerator {
  var randomBytes: @Sendable (Int) -> [UInt8]

  mutating func next() -> UInt64 {
    var value: UInt64 = 0
    for byte in randomBytes(8).prefix(8) { value = value << 8 | UInt64(byte) }
    return value
  }
}
