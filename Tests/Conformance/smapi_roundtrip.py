#!/usr/bin/env python3
"""Round-trips flowc's generated skill packages through the official SMAPI model.

Usage:
    smapi_roundtrip.py DIR [DIR ...]   check every skill package under the directories
    smapi_roundtrip.py --self-test     prove that the checker catches broken files

A skill package is what `flowc generate skill-package FLOW -o OUT` writes:
OUT/skill-package/skill.json and OUT/skill-package/interactionModels/custom/<locale>.json.
Every DIR is searched (recursively) for `skill-package` folders; in each:
  * skill.json is deserialized into
    ask_smapi_model.v1.skill.manifest.SkillManifestEnvelope,
  * every interactionModels/custom/*.json into
    ask_smapi_model.v1.skill.interaction_model.InteractionModelData,
then serialized back and deep-compared with the original, with the same deserializer and
the same compare (and the same normalisations, N1-N3) as roundtrip.py, the ask-sdk-model
harness: a key the model does not know is dropped by the model and reported, an enum value
it does not know (a certificate type, a permission name, the manifest version) is refused.

Prints one line per failure ("FILE: PATH: what") and a final line "N passed, N failed"
counting files; exits 1 when a file failed or no file was found.
"""

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from roundtrip import report, roundtrip  # noqa: E402  (the ask-sdk-model harness's compare)
from ask_smapi_model.v1.skill.interaction_model import InteractionModelData  # noqa: E402
from ask_smapi_model.v1.skill.manifest import SkillManifestEnvelope  # noqa: E402


def model_class_for(path):
    """The SMAPI class of a skill-package file, or None for a file that is not one."""
    parts = os.path.normpath(path).split(os.sep)
    if parts[-1] == "skill.json" and parts[-2:-1] == ["skill-package"]:
        return SkillManifestEnvelope
    if parts[-4:-1] == ["skill-package", "interactionModels", "custom"] and path.endswith(".json"):
        return InteractionModelData
    return None


def check_value(value, model_class):
    """All problems of one parsed file."""
    if not isinstance(value, dict):
        return [("$", "not a JSON object")]
    return roundtrip(value, model_class, "$")


def check_file(path, model_class):
    try:
        with open(path, encoding="utf-8") as handle:
            value = json.load(handle)
    except (OSError, ValueError, RecursionError) as error:
        return [("$", "unreadable JSON: %s" % error)]
    return check_value(value, model_class)


def package_files(directory):
    found = []
    for root, _, names in os.walk(directory):
        for name in sorted(names):
            path = os.path.join(root, name)
            model_class = model_class_for(path)
            if model_class is not None:
                found.append((path, model_class))
    return sorted(found)


def main(directories):
    files = []
    failed = 0
    for directory in directories:
        if not os.path.isdir(directory):
            print("%s: not a directory" % directory)
            failed += 1
            continue
        files.extend(package_files(directory))
    results = ((path, check_file(path, model_class)) for path, model_class in files)
    return report(results, "no skill-package files in %s" % ", ".join(directories), failed)


# ----------------------------------------------------------------------------- self-test

def _good_manifest():
    return {"manifest": {
        "manifestVersion": "1.0",
        "publishingInformation": {
            "category": "SHOPPING",
            "locales": {"en-US": {
                "name": "No Nicks", "summary": "Razors", "description": "Buy razors.",
                "examplePhrases": ["Alexa, open no nicks"], "keywords": ["razor"]}},
        },
        "permissions": [{"name": "payments:autopay_consent"}],
        "privacyAndCompliance": {
            "allowsPurchases": True, "usesPersonalInfo": True, "isChildDirected": False,
            "isExportCompliant": True, "containsAds": False,
            "locales": {"en-US": {"privacyPolicyUrl": "https://example.com/privacy"}}},
        "apis": {"custom": {"endpoint": {
            "uri": "https://example.com/alexa", "sslCertificateType": "Trusted"}}},
    }}


def _good_model():
    return {"interactionModel": {"languageModel": {
        "invocationName": "no nicks",
        "intents": [
            {"name": "AMAZON.StopIntent", "samples": []},
            {"name": "BuyIntent", "slots": [{"name": "product", "type": "CATALOG"}],
             "samples": ["buy {product}"]},
        ],
        "types": [{"name": "CATALOG", "values": [
            {"id": "starter_kit", "name": {"value": "Starter Kit", "synonyms": ["kit"]}}]}],
    }}}


class SelfTest(unittest.TestCase):
    def test_good_files_pass(self):
        self.assertEqual(check_value(_good_manifest(), SkillManifestEnvelope), [])
        self.assertEqual(check_value(_good_model(), InteractionModelData), [])

    def test_misspelt_manifest_key_is_reported(self):
        manifest = _good_manifest()
        locale = manifest["manifest"]["publishingInformation"]["locales"]["en-US"]
        locale["examplePhrase"] = locale.pop("examplePhrases")
        paths = [path for path, _ in check_value(manifest, SkillManifestEnvelope)]
        self.assertIn("$.manifest.publishingInformation.locales.en-US.examplePhrase", paths)

    def test_unknown_certificate_type_is_refused(self):
        manifest = _good_manifest()
        manifest["manifest"]["apis"]["custom"]["endpoint"]["sslCertificateType"] = "Selfsigned"
        self.assertNotEqual(check_value(manifest, SkillManifestEnvelope), [])

    def test_unknown_permission_is_refused(self):
        manifest = _good_manifest()
        manifest["manifest"]["permissions"][0]["name"] = "payments:autopay"
        self.assertNotEqual(check_value(manifest, SkillManifestEnvelope), [])

    def test_misspelt_slot_value_key_is_reported(self):
        model = _good_model()
        value = model["interactionModel"]["languageModel"]["types"][0]["values"][0]["name"]
        value["synonym"] = value.pop("synonyms")
        paths = [path for path, _ in check_value(model, InteractionModelData)]
        self.assertIn(
            "$.interactionModel.languageModel.types[0].values[0].name.synonym", paths)

    def test_null_is_reported(self):
        model = _good_model()
        model["interactionModel"]["languageModel"]["intents"][0]["slots"] = None
        problems = check_value(model, InteractionModelData)
        self.assertTrue(any("null" in what for _, what in problems), problems)

    def test_file_kinds(self):
        self.assertIs(model_class_for("o/skill-package/skill.json"), SkillManifestEnvelope)
        self.assertIs(
            model_class_for("o/skill-package/interactionModels/custom/de-DE.json"),
            InteractionModelData)
        self.assertIsNone(model_class_for("o/skill.json"))


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        result = unittest.TextTestRunner(verbosity=1).run(
            unittest.defaultTestLoader.loadTestsFromTestCase(SelfTest))
        print("%d passed, %d failed" % (
            result.testsRun - len(result.failures) - len(result.errors),
            len(result.failures) + len(result.errors)))
        sys.exit(0 if result.wasSuccessful() else 1)
    if not sys.argv[1:] or any(argument.startswith("-") for argument in sys.argv[1:]):
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(64)
    sys.exit(main(sys.argv[1:]))
