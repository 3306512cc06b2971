"""A skill built from a flow's IR at run time on top of flowc_support: TESTS ONLY.

The generated skill (``flowc generate ask-python``) has one handler class per state and request,
written out from the IR; this module builds the same calls from the IR JSON instead, so that the
support module's mechanics can be compared with the Swift runtime on whole conversations without
depending on the generator. It shows how generated code calls the support module:

- ``Flow`` with the catalog, intents, prompts and state kinds;
- one function per state (``states``): ``turn.ask``, ``turn.tell``, ``turn.branch``,
  ``turn.send_payment`` + ``turn.take_outcome``;
- intent handling: ``turn.intent_state`` -> ``turn.take_intent`` / ``turn.fallback`` /
  ``turn.start_over``; ``ReplayHandler`` first, ``ConnectionsResponseHandler``, launch,
  ``EmptyResponseHandler`` last.
"""

import flowc_support as fs
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.skill_builder import CustomSkillBuilder


def literal(tagged):
    """A literal of the IR (``{"int": 2}``, ``{"money": {...}}``) as a Python value."""
    return fs.variable_from_json(tagged)


def template(ir_template):
    return fs.Template(ir_template["ssml"], [
        fs.Var(segment["var"]) if "var" in segment else segment["text"]
        for segment in ir_template["segments"]])


def card(ir_card):
    if ir_card is None:
        return None
    return fs.Card(ir_card["title"], ir_card["text"], ir_card.get("image"))


def transition(ir_transition):
    assignments = []
    for assignment in ir_transition.get("set", []):
        value = assignment["value"]
        if "path" in value:
            fallback = value.get("default")
            expression = fs.Path(value["path"], literal(fallback) if fallback else None)
        else:
            expression = fs.Lit(literal(value["literal"]))
        assignments.append((assignment["variable"], expression))
    requirements = [fs.Require(item["slot"], item["ask"], item.get("unknown"))
                    for item in ir_transition.get("require", []) or []]
    return fs.Transition(goto=ir_transition.get("goto"), set=assignments,
                         say=ir_transition.get("say"), require=requirements)


def operand(turn, ir_operand):
    if "path" in ir_operand:
        return turn.value(ir_operand["path"])
    return literal(ir_operand["literal"])


def holds(turn, condition):
    if "and" in condition:
        return all(holds(turn, inner) for inner in condition["and"])
    if "or" in condition:
        return any(holds(turn, inner) for inner in condition["or"])
    if "not" in condition:
        return not holds(turn, condition["not"])
    if "compare" in condition:
        comparison = condition["compare"]
        return fs.compare(comparison["op"], operand(turn, comparison["lhs"]),
                          operand(turn, comparison["rhs"]))
    return fs.is_true(operand(turn, condition["test"]))


def flow_of(ir):
    """The ``Flow`` facts of an IR (what the generated code declares as literals)."""
    merchant = ir.get("merchant")
    return fs.Flow(
        flow_hash=ir["flow_hash"], start=ir["start"], locales=ir["skill"]["locales"],
        products=[fs.Product(product["id"], product["names"],
                             fs.Money(product["price"]["minor_units"],
                                      product["price"]["currency"]),
                             product.get("synonyms"), product.get("shipping", False),
                             product.get("subscription") is not None)
                  for product in ir["products"]],
        intents=dict((intent["name"], dict((slot["name"], slot["type"])
                                           for slot in intent["slots"]))
                     for intent in ir["intents"]),
        prompts=dict((locale, dict((prompt_id, template(value))
                                   for prompt_id, value in prompts.items()))
                     for locale, prompts in ir["prompts"].items()),
        states=dict((state_id, state["connections"]["task"]["name"].lower()
                     if state["kind"] == "connections" else state["kind"])
                    for state_id, state in ir["states"].items()),
        merchant=fs.Merchant(merchant["ledger_currency"], merchant.get("order_id_prefix"),
                             merchant.get("sandbox_customer_email")) if merchant else None)


def build(ir, store):
    """The ``CustomSkillBuilder`` of the flow ``ir`` (the IR as JSON) over ``store``."""
    flow = flow_of(ir)
    asks = {}
    on_intent = {}
    on_outcome = {}
    states = {}
    global_on = dict((name, transition(value)) for name, value in ir["global"].items())

    def ask_function(state_id, ask):
        return lambda turn: turn.ask(state_id, ask)

    def tell_function(tell):
        return lambda turn: turn.tell(tell["prompt"], card(tell.get("card")),
                                      tell.get("permission_card", False))

    def choose_function(state_id, choose):
        def enter(turn):
            for index, branch in enumerate(choose["branches"]):
                if holds(turn, branch["if"]):
                    return turn.branch(state_id, "if %d" % (index + 1), branch["goto"])
            return turn.branch(state_id, "else", choose["else"])
        return enter

    def payment_function(state_id, task):
        def enter(turn):
            sent = turn.send_payment(state_id, task["name"], task["payload"])
            if isinstance(sent, dict):
                return sent
            return turn.take_outcome(state_id, sent, on_outcome[state_id])
        return enter

    for state_id, state in ir["states"].items():
        kind = state["kind"]
        if kind == "ask":
            ask = state["ask"]
            asks[state_id] = fs.Ask(ask["prompt"], ask.get("reprompt"), card(ask.get("card")))
            on_intent[state_id] = dict((name, transition(value))
                                       for name, value in ask["on"].items())
            states[state_id] = ask_function(state_id, asks[state_id])
        elif kind == "tell":
            states[state_id] = tell_function(state["tell"])
        elif kind == "choose":
            states[state_id] = choose_function(state_id, state["choose"])
        else:
            connections = state["connections"]
            on_outcome[state_id] = dict((outcome, transition(value))
                                        for outcome, value in connections["on"].items())
            states[state_id] = payment_function(state_id, connections["task"])

    class LaunchHandler(AbstractRequestHandler):
        def can_handle(self, handler_input):
            return fs.turn_of(handler_input, flow, store).request_type == "LaunchRequest"

        def handle(self, handler_input):
            turn = fs.turn_of(handler_input, flow, store)
            turn.start_conversation()
            return turn.finish(handler_input, turn.run(flow.start, states))

    class IntentHandler(AbstractRequestHandler):
        def can_handle(self, handler_input):
            return fs.turn_of(handler_input, flow, store).request_type == "IntentRequest"

        def handle(self, handler_input):
            turn = fs.turn_of(handler_input, flow, store)
            state_id = turn.intent_state(states)
            if state_id is None:
                return turn.finish(handler_input, turn.start_over(states))
            own = on_intent[state_id].get(turn.intent_name)
            chosen = own if own is not None else global_on.get(turn.intent_name)
            if chosen is None:
                return turn.finish(handler_input, turn.fallback(state_id, asks[state_id]))
            return turn.finish(handler_input, turn.take_intent(
                state_id, asks[state_id], chosen, states, is_global=own is None))

    builder = CustomSkillBuilder(persistence_adapter=store.adapter)
    builder.add_request_handler(fs.ReplayHandler(flow, store))
    builder.add_request_handler(fs.ConnectionsResponseHandler(flow, store, on_outcome, states))
    builder.add_request_handler(LaunchHandler())
    builder.add_request_handler(IntentHandler())
    builder.add_request_handler(fs.EmptyResponseHandler(flow, store))
    return builder
