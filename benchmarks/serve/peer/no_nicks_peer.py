"""The peer of `flowc serve` in benchmarks/serve: No Nicks' launch turn written by hand with the
ASK SDK for Python (ask-sdk-core), served by flask-ask-sdk, as a shop that does not use flowc
would write it. Run it as `gunicorn --workers 2 no_nicks_peer:app`.

Only the launch turn is written (the generated Python skill of `flowc generate ask-python` was
not available when this was measured): it answers a LaunchRequest with the same speech,
reprompt, card and session attributes (state and variables, unsealed) as examples/no-nicks.yaml,
the price read from a catalog. Request verification is off, as for `flowc serve
--insecure-no-verify`; nothing is stored (flowc stores each answered request id).
"""

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_request_type
from ask_sdk_model.ui import SimpleCard
from flask import Flask
from flask_ask_sdk.skill_adapter import (
    VERIFY_SIGNATURE_APP_CONFIG,
    VERIFY_TIMESTAMP_APP_CONFIG,
    SkillAdapter,
)

CATALOG = {"starter_kit": {"name": "Starter Kit", "price_minor": 900, "currency": "USD"}}


def money(minor, currency):
    if currency != "USD":
        raise ValueError(currency)
    return "${}.{:02d}".format(minor // 100, minor % 100)


class LaunchRequestHandler(AbstractRequestHandler):
    """Welcome: offers the starter kit."""

    def can_handle(self, handler_input):
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input):
        kit = CATALOG["starter_kit"]
        speech = "Welcome to No Nicks. Would you like to buy a starter kit for {}?".format(
            money(kit["price_minor"], kit["currency"])
        )
        handler_input.attributes_manager.session_attributes = {
            "state": "welcome",
            "locale": handler_input.request_envelope.request.locale,
            "variables": {"agreement.open": False, "quantity": 1},
        }
        return (
            handler_input.response_builder.speak(speech)
            .ask("Would you like to buy a starter kit?")
            .set_card(SimpleCard("Welcome to No Nicks", "Shave without nicks. nonicks.example.com"))
            .set_should_end_session(False)
            .response
        )


builder = SkillBuilder()
builder.add_request_handler(LaunchRequestHandler())

app = Flask(__name__)
# Verification off: the benchmark's requests are not signed (flowc serve --insecure-no-verify).
app.config[VERIFY_SIGNATURE_APP_CONFIG] = False
app.config[VERIFY_TIMESTAMP_APP_CONFIG] = False
SkillAdapter(skill=builder.create(), skill_id="amzn1.ask.skill.bench", app=app).register(
    app=app, route="/"
)
