"""The second peer of `flowc serve` in benchmarks/serve: the Python skill that `flowc generate
ask-python` writes for the same flow, served by flask-ask-sdk under gunicorn, verification off.

run.sh generates the project into its work folder and starts
`gunicorn --workers 2 --pythonpath GENERATED/lambda generated_peer:app`; `lambda_function` is
the generated module. Its store is the support module's in-memory persistence adapter
(`FLOWC_LOCAL_STORE=:memory:`), one per gunicorn worker: on Lambda it would be DynamoDB, a
network round trip per turn, which a loopback benchmark cannot measure fairly. Every launch
turn of the benchmark is a new customer, so no turn needs what the other worker stored; the
payment conversation does, so it is not measured on this peer.
"""

import os

os.environ.setdefault("FLOWC_LOCAL_STORE", ":memory:")

from flask import Flask  # noqa: E402
from flask_ask_sdk.skill_adapter import (  # noqa: E402
    VERIFY_SIGNATURE_APP_CONFIG,
    VERIFY_TIMESTAMP_APP_CONFIG,
    SkillAdapter,
)

import lambda_function  # noqa: E402  (the generated skill)

app = Flask(__name__)
# Verification off: the benchmark's requests are not signed (flowc serve --insecure-no-verify).
app.config[VERIFY_SIGNATURE_APP_CONFIG] = False
app.config[VERIFY_TIMESTAMP_APP_CONFIG] = False
SkillAdapter(skill=lambda_function.sb.create(), skill_id="amzn1.ask.skill.bench", app=app).register(
    app=app, route="/"
)
