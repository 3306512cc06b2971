#!/usr/bin/env python3
"""Checks signed Alexa requests with the official ask-sdk-webservice-support verifiers.

Usage: verify_requests.py DIR

DIR/cases.json (written by the Swift test AlexaVerificationConformanceTests):

    {"now": "2026-01-02T03:04:05Z",          # the time both implementations check against
     "trust_roots": "roots.pem",             # PEM roots replacing the system store
     "cases": [{"name": "...",
                "headers": {"SignatureCertChainUrl": "...", "Signature-256": "..."},
                "body": "case-1.json",        # the exact body bytes
                "chain": "chain-1.pem",       # served for the header URL, or null
                "skill_id": "amzn1..." | null}]}

Each case goes through what a web-service skill built with the SDK runs per request:
`WebserviceSkillHandler.verify_request_and_dispatch` with the SDK's default verifiers
(`RequestVerifier`, `TimestampVerifier`) and a skill built by `SkillBuilder` (its `skill_id`
check happens when the skill is invoked), with a handler that accepts every request.

Three things are arranged around the SDK, none changing what it decides:
- the verifier module's clock reads "now" (its `datetime.now` and `datetime.utcnow`, which
  the timestamp and signing-certificate checks call) so that both sides judge the same
  instant; certvalidator gets the same moment. (freezegun would also patch the model's
  deserializer, which then leaves `request.timestamp` a string.)
- the chain for the header URL is put in the verifier's own certificate cache
  (`_cert_cache`, keyed by the URL as sent) and `urlopen` is replaced by a function that
  refuses, so nothing is fetched from the network;
- certvalidator's `CertificateValidator` gets a `ValidationContext` whose trust roots are the
  test CA instead of the system store.

Output: one line per case, `NAME: accept` or `NAME: refuse: REASON`, then
`N accepted, N refused`. Exit 0, or 64 on bad usage.
"""

import json
import os
import sys
import warnings
from datetime import datetime, timezone

from asn1crypto import pem
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_webservice_support import verifier as sdk_verifier
from ask_sdk_webservice_support.webservice_handler import WebserviceSkillHandler
from certvalidator import CertificateValidator, ValidationContext


def main(argv):
    # The SDK reads cryptography's naive validity dates, deprecated since cryptography 42.
    warnings.simplefilter("ignore")
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 64
    folder = argv[1]
    with open(os.path.join(folder, "cases.json"), encoding="utf-8") as source:
        plan = json.load(source)
    now = datetime.strptime(plan["now"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    with open(os.path.join(folder, plan["trust_roots"]), "rb") as source:
        roots = [der for _, _, der in pem.unarmor(source.read(), multiple=True)]

    def validator(end_cert, intermediate_certs):
        context = ValidationContext(trust_roots=roots, moment=now)
        return CertificateValidator(end_cert, intermediate_certs, validation_context=context)

    def no_network(url, *args, **kwargs):
        raise ValueError("the conformance harness fetches nothing")

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return now.astimezone(tz) if tz is not None else now.replace(tzinfo=None)

        @classmethod
        def utcnow(cls):
            return now.replace(tzinfo=None)

    sdk_verifier.CertificateValidator = validator
    sdk_verifier.urlopen = no_network
    sdk_verifier.datetime = Clock

    accepted = refused = 0
    for case in plan["cases"]:
        outcome = check(folder, case)
        if outcome is None:
            accepted += 1
            print("%s: accept" % case["name"])
        else:
            refused += 1
            print("%s: refuse: %s" % (case["name"], outcome))
    print("%d accepted, %d refused" % (accepted, refused))
    return 0


def check(folder, case):
    """None when the SDK accepts the request, else the reason it gave."""
    builder = SkillBuilder()
    builder.skill_id = case.get("skill_id")
    builder.add_request_handler(AcceptEverything())
    handler = WebserviceSkillHandler(skill=builder.create())
    request_verifier = next(
        v for v in handler._verifiers if isinstance(v, sdk_verifier.RequestVerifier))
    url = case["headers"].get("SignatureCertChainUrl")
    if case.get("chain") and url is not None:
        with open(os.path.join(folder, case["chain"]), "rb") as source:
            request_verifier._cert_cache[url] = source.read()
    with open(os.path.join(folder, case["body"]), "rb") as source:
        body = source.read().decode("utf-8")
    try:
        handler.verify_request_and_dispatch(case["headers"], body)
    except Exception as error:  # every refusal the SDK has is an exception
        text = " ".join(str(error).split())
        return "%s: %s" % (type(error).__name__, text[:200])
    return None


class AcceptEverything(AbstractRequestHandler):
    """A request handler for every request: the flow behind the verifier is not under test."""

    def can_handle(self, handler_input):
        return True

    def handle(self, handler_input):
        return handler_input.response_builder.response


if __name__ == "__main__":
    sys.exit(main(sys.argv))
