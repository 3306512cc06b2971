#!/usr/bin/env python3
"""Round-trips flowc's Alexa envelopes through the official ASK SDK model.

Usage:
    roundtrip.py DIR [DIR ...]   check every *.json file in the directories
    roundtrip.py --self-test     prove that the checker catches broken envelopes

For every JSON file:
  * a response envelope (has "response") is deserialized into
    ask_sdk_model.ResponseEnvelope, serialized back and deep-compared with the original;
    the payload of each Connections.SendRequest directive is also deserialized into
    SetupAmazonPayRequest / ChargeAmazonPayRequest (chosen by its "@type") and round-tripped;
  * a request envelope (has "request") goes through ask_sdk_model.RequestEnvelope likewise;
    the payload of a Connections.Response goes through SetupAmazonPayResult /
    ChargeAmazonPayResult (status 200) or AmazonPayErrorResponse (any other status).

The model's deserializer silently drops keys it does not know, and the serializer drops
None; the deep compare is what turns either into a failure, with the JSON path.

The model checks names and types but not what Amazon Pay demands beyond them, so each
Setup/Charge payload is also validated against a JSON Schema written from the project's
Amazon Pay reference (section 1): required fields, "@version" "2", enums (countries with "UK"
not "GB", currencies, checkout languages, payment actions, agreement types), amounts as
decimal strings (whole numbers for JPY), "transactionTimeout" an integer, and the length
limits (authorizationReferenceId 1-32 of A-Za-z0-9-_, softDescriptor 16, sellerAuthorizationNote
255, sellerNote 1024).

Normalisations applied before comparing (each is a difference of representation that the
model introduces, not a change of meaning):
  N1  timestamps: the model parses ISO-8601 strings into datetime objects and writes them back
      with isoformat() ("2026-11-28T12:00:00Z" -> "2026-11-28T12:00:00+00:00"); fields whose
      original and round-tripped values parse to the same instant compare equal.
  N2  numbers: an int and a float with the same value compare equal (the model may turn 0 into
      0.0 for fields typed float); a number never equals a string ("0" vs 0 is a failure).
  N3  model defaults: a key the original leaves out may come back holding the default value of
      the model class's constructor (SetupAmazonPayRequest adds "sandboxMode": false and
      "needAmazonShippingAddress": false); the service reads an absent field as that same
      default, so this is accepted. Any other added key, or a default with another value, fails.
Nothing else is normalised: enum values come back as their strings, and "@type"/"@version"
must survive exactly.

Prints one line per failure ("FILE: PATH: what") and a final line "N passed, N failed"
counting files (an unreadable directory counts as one failure); exits 1 when any file failed
or no file was found.
"""

import datetime
import inspect
import json
import os
import sys
import unittest

import jsonschema
from ask_sdk_core.serialize import DefaultSerializer
import ask_sdk_model
from ask_sdk_model.interfaces.amazonpay.request.setup_amazon_pay_request import (
    SetupAmazonPayRequest,
)
from ask_sdk_model.interfaces.amazonpay.request.charge_amazon_pay_request import (
    ChargeAmazonPayRequest,
)
from ask_sdk_model.interfaces.amazonpay.response.setup_amazon_pay_result import (
    SetupAmazonPayResult,
)
from ask_sdk_model.interfaces.amazonpay.response.charge_amazon_pay_result import (
    ChargeAmazonPayResult,
)
from ask_sdk_model.interfaces.amazonpay.response.amazon_pay_error_response import (
    AmazonPayErrorResponse,
)

SERIALIZER = DefaultSerializer()

REQUEST_PAYLOAD_TYPES = {
    "SetupAmazonPayRequest": SetupAmazonPayRequest,
    "ChargeAmazonPayRequest": ChargeAmazonPayRequest,
}

def _entity(type_name, properties, required=()):
    return {
        "type": "object",
        "properties": dict(
            {"@type": {"const": type_name}, "@version": {"const": "2"}}, **properties),
        "required": ["@type", "@version"] + list(required),
    }


_MERCHANT_ID = {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,32}$"}
_PRICE = _entity("Price", {
    "amount": {"type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,2})?$"},
    "currencyCode": {"enum": ["EUR", "GBP", "JPY", "USD"]},
}, ["amount", "currencyCode"])
_PRICE["if"] = {"properties": {"currencyCode": {"const": "JPY"}}}
_PRICE["then"] = {"properties": {"amount": {"pattern": "^[0-9]+$"}}}

PAYLOAD_SCHEMAS = {
    "SetupAmazonPayRequest": _entity("SetupAmazonPayRequest", {
        "sellerId": {"type": "string", "minLength": 1},
        "countryOfEstablishment": {"enum": [
            "AT", "BE", "CH", "CY", "DE", "DK", "ES", "FR", "HU", "IE", "IT", "JP", "LU", "NL",
            "PT", "SE", "UK", "US"]},
        "ledgerCurrency": {"enum": ["EUR", "GBP", "JPY", "USD"]},
        "checkoutLanguage": {"enum": [
            "de_DE", "en_GB", "en_US", "es_ES", "fr_FR", "it_IT", "ja_JP"]},
        "needAmazonShippingAddress": {"type": "boolean"},
        "sandboxMode": {"type": "boolean"},
        "sandboxCustomerEmailId": {"type": "string", "minLength": 3},
        "billingAgreementAttributes": _entity("BillingAgreementAttributes", {
            "sellerNote": {"type": "string", "maxLength": 1024},
            "billingAgreementType": {"enum": [
                "CustomerInitiatedTransaction", "MerchantInitiatedTransaction"]},
            "subscriptionAmount": _PRICE,
            "sellerBillingAgreementAttributes": _entity("SellerBillingAgreementAttributes", {
                "sellerBillingAgreementId": _MERCHANT_ID,
                "storeName": {"type": "string", "minLength": 1},
                "customInformation": {"type": "string", "maxLength": 1024},
            }),
        }),
    }, ["sellerId", "countryOfEstablishment", "ledgerCurrency"]),
    "ChargeAmazonPayRequest": _entity("ChargeAmazonPayRequest", {
        "sellerId": {"type": "string", "minLength": 1},
        "billingAgreementId": {"type": "string", "minLength": 1},
        "paymentAction": {"enum": ["Authorize", "AuthorizeAndCapture"]},
        "authorizeAttributes": _entity("AuthorizeAttributes", {
            "authorizationReferenceId": _MERCHANT_ID,
            "authorizationAmount": _PRICE,
            "transactionTimeout": {"type": "integer", "minimum": 0},
            "sellerAuthorizationNote": {"type": "string", "maxLength": 255},
            "softDescriptor": {"type": "string", "maxLength": 16},
        }, ["authorizationReferenceId", "authorizationAmount"]),
        "sellerOrderAttributes": _entity("SellerOrderAttributes", {
            "sellerOrderId": _MERCHANT_ID,
            "storeName": {"type": "string", "minLength": 1},
            "customInformation": {"type": "string", "maxLength": 1024},
            "sellerNote": {"type": "string", "maxLength": 1024},
        }),
    }, ["sellerId", "billingAgreementId", "paymentAction", "authorizeAttributes"]),
}

# Sandbox mode needs the sandbox buyer's e-mail, and the e-mail only goes with sandbox mode.
PAYLOAD_SCHEMAS["SetupAmazonPayRequest"]["dependentRequired"] = {
    "sandboxMode": ["sandboxCustomerEmailId"],
    "sandboxCustomerEmailId": ["sandboxMode"],
}


def schema_problems(payload, path):
    """Violations of the reference's rules for a Setup/Charge payload."""
    schema = PAYLOAD_SCHEMAS.get((payload or {}).get("@type") if isinstance(payload, dict) else None)
    if schema is None:
        return []
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in sorted(validator.iter_errors(payload), key=lambda e: list(e.absolute_path)):
        where = path + "".join(
            "[%d]" % part if isinstance(part, int) else ".%s" % part
            for part in error.absolute_path)
        problems.append((where, "breaks the Amazon Pay rules: %s" % error.message))
    return problems


RESULT_PAYLOAD_TYPES = {
    "Setup": SetupAmazonPayResult,
    "Charge": ChargeAmazonPayResult,
}


def _parse_instant(value):
    """The instant an ISO-8601 string names, or None (normalisation N1)."""
    if not isinstance(value, str) or len(value) < 10 or value[4:5] != "-":
        return None
    text = value[:-1] + "+00:00" if value.endswith("Z") else value
    try:
        instant = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=datetime.timezone.utc)
    return instant


def _same_scalar(original, returned):
    if isinstance(original, bool) or isinstance(returned, bool):
        return type(original) is type(returned) and original == returned
    if isinstance(original, (int, float)) and isinstance(returned, (int, float)):
        return original == returned  # N2
    if original == returned:
        return type(original) is type(returned)
    left, right = _parse_instant(original), _parse_instant(returned)
    return left is not None and right is not None and left == right  # N1


def model_defaults(model, path="$", found=None):
    """{json path of an object: {json key: constructor default}} for a deserialized model
    tree: the values the serializer may add on its own (normalisation N3)."""
    if found is None:
        found = {}
    if isinstance(model, list):
        for index, element in enumerate(model):
            model_defaults(element, "%s[%d]" % (path, index), found)
        return found
    attribute_map = getattr(type(model), "attribute_map", None)
    if not isinstance(attribute_map, dict):
        return found
    try:
        parameters = inspect.signature(type(model).__init__).parameters
    except (TypeError, ValueError):
        parameters = {}
    for attribute, key in attribute_map.items():
        parameter = parameters.get(attribute)
        if parameter is not None and parameter.default not in (None, inspect.Parameter.empty):
            found.setdefault(path, {})[key] = parameter.default
        model_defaults(getattr(model, attribute, None), "%s.%s" % (path, key), found)
    return found


def _is_default(value, default):
    if isinstance(default, bool) or isinstance(value, bool):
        return type(value) is type(default) and value == default
    return value == getattr(default, "value", default)


def diff(original, returned, path="$", defaults=None):
    """Every difference between two JSON values, as (path, description) pairs.

    `defaults` (from model_defaults) lists keys the model may add with their default value."""
    defaults = defaults or {}
    problems = []
    if isinstance(original, dict) and isinstance(returned, dict):
        for key in sorted(original):
            child = "%s.%s" % (path, key)
            if key not in returned:
                if original[key] is None:
                    problems.append((child, "null in the original (flowc must omit unset fields)"))
                else:
                    problems.append((child, "dropped by the model"))
            else:
                problems.extend(diff(original[key], returned[key], child, defaults))
        allowed = defaults.get(path, {})
        for key in sorted(set(returned) - set(original)):
            if key in allowed and _is_default(returned[key], allowed[key]):
                continue  # N3
            problems.append(("%s.%s" % (path, key), "added by the model: %r" % (returned[key],)))
    elif isinstance(original, list) and isinstance(returned, list):
        if len(original) != len(returned):
            problems.append((path, "array of %d became %d" % (len(original), len(returned))))
        for index, (left, right) in enumerate(zip(original, returned)):
            problems.extend(diff(left, right, "%s[%d]" % (path, index), defaults))
    elif not _same_scalar(original, returned):
        problems.append((path, "changed: %r -> %r" % (original, returned)))
    return problems


def roundtrip(value, model_class, path):
    """Deserializes `value` into `model_class`, serializes it back and diffs."""
    try:
        model = SERIALIZER.deserialize(json.dumps(value), model_class)
    except Exception as error:  # the model refused it outright
        return [(path, "%s refused it: %s" % (model_class.__name__, error))]
    if model is None:
        return [(path, "%s gave nothing back" % model_class.__name__)]
    returned = SERIALIZER.serialize(model)
    return diff(value, returned, path, model_defaults(model, path))


def check_envelope(envelope):
    """All problems of one envelope (a parsed JSON object)."""
    if not isinstance(envelope, dict):
        return [("$", "not a JSON object")]
    if "response" in envelope:
        problems = roundtrip(envelope, ask_sdk_model.ResponseEnvelope, "$")
        directives = (envelope.get("response") or {}).get("directives") or []
        for index, directive in enumerate(directives):
            if not isinstance(directive, dict):
                continue
            if directive.get("type") != "Connections.SendRequest":
                continue
            path = "$.response.directives[%d].payload" % index
            payload = directive.get("payload")
            model_class = REQUEST_PAYLOAD_TYPES.get((payload or {}).get("@type"))
            if directive.get("name") in ("Setup", "Charge"):
                if model_class is None:
                    problems.append((path, "no Amazon Pay request type for @type %r"
                                     % ((payload or {}).get("@type"),)))
                    continue
                expected_name = "Setup" if model_class is SetupAmazonPayRequest else "Charge"
                if directive.get("name") != expected_name:
                    problems.append((path, "name %r carries a %s" % (
                        directive.get("name"), model_class.__name__)))
            if model_class is not None:
                problems.extend(roundtrip(payload, model_class, path))
                problems.extend(schema_problems(payload, path))
        return problems
    if "request" in envelope:
        problems = roundtrip(envelope, ask_sdk_model.RequestEnvelope, "$")
        request = envelope.get("request") or {}
        if request.get("type") == "Connections.Response" and "payload" in request:
            path = "$.request.payload"
            status = str((request.get("status") or {}).get("code", ""))
            if status == "200":
                model_class = RESULT_PAYLOAD_TYPES.get(request.get("name"))
            else:
                model_class = AmazonPayErrorResponse
            if model_class is None:
                problems.append((path, "no Amazon Pay result type for name %r"
                                 % (request.get("name"),)))
            else:
                problems.extend(roundtrip(request["payload"], model_class, path))
        return problems
    return [("$", "neither a request nor a response envelope")]


def check_file(path):
    try:
        with open(path, encoding="utf-8") as handle:
            envelope = json.load(handle)
    except (OSError, ValueError, RecursionError) as error:
        return [("$", "unreadable JSON: %s" % error)]
    try:
        return check_envelope(envelope)
    except RecursionError:
        return [("$", "nested too deeply to check")]


def main(directories):
    files = []
    failed = 0
    for directory in directories:
        try:
            names = sorted(os.listdir(directory))
        except OSError as error:
            print("%s: cannot list: %s" % (directory, error.strerror or error))
            failed += 1
            continue
        for name in names:
            if name.endswith(".json"):
                files.append(os.path.join(directory, name))
    results = ((path, check_file(path)) for path in files)
    return report(results, "no JSON files in %s" % ", ".join(directories), failed)


def report(results, nothing_found, failed=0):
    """Prints the problems of every checked file and the totals; returns the exit status.

    `results` yields (path, problems) per file; `nothing_found` is printed when it yields
    none; `failed` counts the failures met before (a directory that could not be read).
    Prints one line per problem ("FILE: PATH: what") and a final "N passed, N failed"; the
    status is 1 when a file failed or no file was checked.
    """
    passed = checked = 0
    for path, problems in results:
        checked += 1
        if problems:
            failed += 1
            for where, what in problems:
                print("%s: %s: %s" % (path, where, what))
        else:
            passed += 1
    if not checked:
        print(nothing_found)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if checked and failed == 0 else 1


# ----------------------------------------------------------------------------- self-test

def _charge_envelope(payload):
    return {
        "version": "1.0",
        "response": {
            "directives": [{
                "type": "Connections.SendRequest", "name": "Charge",
                "payload": payload, "token": "Zr8sT1uV2wX3yZ4aB5cD6eF7gH8iJ9k",
            }],
            "shouldEndSession": True,
        },
    }


def _good_charge():
    return {
        "@type": "ChargeAmazonPayRequest", "@version": "2",
        "sellerId": "A2ZNONICKS0001", "billingAgreementId": "C01-1234567-7654321",
        "paymentAction": "AuthorizeAndCapture",
        "authorizeAttributes": {
            "@type": "AuthorizeAttributes", "@version": "2",
            "authorizationReferenceId": "0001-1-abcdefghijklmnopqrstuv",
            "authorizationAmount": {
                "@type": "Price", "@version": "2", "amount": "18.00", "currencyCode": "USD",
            },
            "transactionTimeout": 0,
        },
        "sellerOrderAttributes": {
            "@type": "SellerOrderAttributes", "@version": "2", "sellerOrderId": "NN-0001",
        },
    }


class SelfTest(unittest.TestCase):
    def test_good_charge_passes(self):
        self.assertEqual(check_envelope(_charge_envelope(_good_charge())), [])

    def test_misspelt_key_is_reported_as_dropped(self):
        payload = _good_charge()
        payload["authorizeAttributes"]["authorisationAmount"] = (
            payload["authorizeAttributes"].pop("authorizationAmount"))
        paths = [path for path, _ in check_envelope(_charge_envelope(payload))]
        self.assertIn(
            "$.response.directives[0].payload.authorizeAttributes.authorisationAmount", paths)

    def test_timeout_as_string_is_reported(self):
        payload = _good_charge()
        payload["authorizeAttributes"]["transactionTimeout"] = "0"
        problems = check_envelope(_charge_envelope(payload))
        self.assertTrue(any(path.endswith("authorizeAttributes.transactionTimeout")
                            for path, _ in problems), problems)

    def test_null_field_is_reported(self):
        payload = _good_charge()
        payload["sellerOrderAttributes"]["storeName"] = None
        problems = check_envelope(_charge_envelope(payload))
        self.assertTrue(any("null" in what for _, what in problems), problems)

    def test_missing_type_is_reported(self):
        payload = _good_charge()
        del payload["@type"]
        self.assertNotEqual(check_envelope(_charge_envelope(payload)), [])

    def test_unknown_envelope_key_is_reported(self):
        envelope = _charge_envelope(_good_charge())
        envelope["response"]["shouldEndSesion"] = True
        paths = [path for path, _ in check_envelope(envelope)]
        self.assertIn("$.response.shouldEndSesion", paths)

    def test_request_timestamps_are_normalised(self):
        envelope = {
            "version": "1.0",
            "request": {"type": "LaunchRequest", "requestId": "r", "locale": "en-US",
                        "timestamp": "2026-11-28T12:00:00Z"},
        }
        self.assertEqual(check_envelope(envelope), [])

    def test_setup_result_with_unknown_field_is_reported(self):
        envelope = {
            "version": "1.0",
            "request": {
                "type": "Connections.Response", "requestId": "r", "locale": "en-US",
                "timestamp": "2026-11-28T12:00:00Z", "name": "Setup",
                "status": {"code": "200", "message": "OK"}, "token": "t",
                "payload": {"billingAgreementDetails": {
                    "billingAgreementId": "C01", "billingAgreementStatus": "OPEN",
                    "releaseEnvironment": "LIVE", "statePreferences": "x"}},
            },
        }
        paths = [path for path, _ in check_envelope(envelope)]
        self.assertIn("$.request.payload.billingAgreementDetails.statePreferences", paths)

    def test_model_defaults_may_be_added_but_not_changed(self):
        setup = {
            "@type": "SetupAmazonPayRequest", "@version": "2", "sellerId": "A2ZNONICKS0001",
            "countryOfEstablishment": "US", "ledgerCurrency": "USD",
        }
        envelope = _charge_envelope(setup)
        envelope["response"]["directives"][0]["name"] = "Setup"
        self.assertEqual(check_envelope(envelope), [])
        setup["sandboxMode"] = "false"
        self.assertNotEqual(check_envelope(envelope), [])

    def test_reference_limits_are_enforced(self):
        cases = [
            ("authorizeAttributes", "authorizationReferenceId", "x" * 33),
            ("authorizeAttributes", "authorizationReferenceId", "has space"),
            ("authorizeAttributes", "softDescriptor", "seventeen chars!!"),
            ("authorizeAttributes", "transactionTimeout", 1.5),
            ("sellerOrderAttributes", "sellerOrderId", "order#1"),
            (None, "paymentAction", "AUTHORIZEANDCAPTURE"),
        ]
        for parent, key, value in cases:
            payload = _good_charge()
            (payload[parent] if parent else payload)[key] = value
            problems = check_envelope(_charge_envelope(payload))
            self.assertTrue(any("Amazon Pay rules" in what for _, what in problems),
                            (key, value, problems))

    def test_amounts_follow_the_currency(self):
        payload = _good_charge()
        price = payload["authorizeAttributes"]["authorizationAmount"]
        price["amount"] = "18"
        self.assertEqual(check_envelope(_charge_envelope(payload)), [])
        for amount, currency in (("18.5.0", "USD"), ("1,000.00", "USD"), ("300.00", "JPY"),
                                 ("18.123", "EUR")):
            price["amount"], price["currencyCode"] = amount, currency
            self.assertNotEqual(check_envelope(_charge_envelope(payload)), [], amount)

    def test_required_fields_and_sandbox_pairing(self):
        payload = _good_charge()
        del payload["billingAgreementId"]
        self.assertNotEqual(check_envelope(_charge_envelope(payload)), [])
        setup = {
            "@type": "SetupAmazonPayRequest", "@version": "2", "sellerId": "A1",
            "countryOfEstablishment": "GB", "ledgerCurrency": "GBP",
        }
        envelope = _charge_envelope(setup)
        envelope["response"]["directives"][0]["name"] = "Setup"
        self.assertNotEqual(check_envelope(envelope), [])  # GB is not an allowed country
        setup["countryOfEstablishment"] = "UK"
        self.assertEqual(check_envelope(envelope), [])
        setup["sandboxMode"] = True
        self.assertNotEqual(check_envelope(envelope), [])  # sandbox without the buyer e-mail
        setup["sandboxCustomerEmailId"] = "buyer@example.com"
        self.assertEqual(check_envelope(envelope), [])

    def test_hostile_files_are_failures_not_crashes(self):
        import tempfile
        with tempfile.TemporaryDirectory() as directory:
            contents = {
                "deep.json": "[" * 100000 + "]" * 100000,
                "binary.json": b"\xff\xfe\x00garbage",
                "array.json": "[1, 2]",
                "empty.json": "",
            }
            for name, content in contents.items():
                mode = "wb" if isinstance(content, bytes) else "w"
                with open(os.path.join(directory, name), mode) as handle:
                    handle.write(content)
            for name in contents:
                self.assertNotEqual(check_file(os.path.join(directory, name)), [], name)

    def test_diff_keeps_numbers_and_strings_apart(self):
        self.assertEqual(diff({"a": 0}, {"a": 0.0}), [])
        self.assertNotEqual(diff({"a": "0"}, {"a": 0}), [])
        self.assertNotEqual(diff({"a": True}, {"a": 1}), [])


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments == ["--self-test"]:
        result = unittest.main(argv=[sys.argv[0]], exit=False, verbosity=1).result
        total = result.testsRun
        bad = len(result.failures) + len(result.errors)
        print("%d passed, %d failed" % (total - bad, bad))
        sys.exit(1 if bad else 0)
    if not arguments or any(argument.startswith("-") for argument in arguments):
        print(__doc__.strip().splitlines()[0])
        print("usage: roundtrip.py DIR [DIR ...] | --self-test", file=sys.stderr)
        sys.exit(64)
    sys.exit(main(arguments))
