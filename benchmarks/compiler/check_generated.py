#!/usr/bin/env python3
"""Checks that a flow written by generate_flow.py is valid YAML with the structure the flow
language asks for, independently of flowc (which may not be complete yet).

Checks: one YAML document; every prompt used by a state exists in every locale and every
prompt is used; every transition names an existing state; every state is reachable from
`start` and reaches a `tell`; intent samples are unique; synonyms do not repeat; the size is
within 5 % above the requested size; with `--schema`, the flow is valid against the JSON Schema
that `flowc schema` prints (needs the `jsonschema` package).

Usage: check_generated.py FILE [--expect-bytes N] [--schema flow.schema.json]
"""

import argparse
import os
import re
import sys

import yaml


class FlowLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):
    """libyaml-based loader with YAML 1.2 booleans (`on:` stays a string key)."""


FlowLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
FlowLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def targets(transition):
    if isinstance(transition, str):
        return [transition]
    return [transition["goto"]] if "goto" in transition else []


def check(path, expect_bytes, schema_path=None):
    problems = []
    with open(path, encoding="utf-8") as handle:
        documents = list(yaml.load_all(handle, Loader=FlowLoader))
    if len(documents) != 1:
        return [f"expected one document, found {len(documents)}"]
    flow = documents[0]
    locales = flow["skill"]["locales"]
    states = flow["flow"]["states"]
    used_prompts = set()
    for state_id, state in states.items():
        for key in ("ask", "tell", "reprompt"):
            if key in state:
                used_prompts.add(state[key])
        if "card" in state:
            used_prompts.update(state["card"].values())
        for transition in state.get("on", {}).values():
            if isinstance(transition, dict):
                for slot in transition.get("require", {}).values():
                    used_prompts.update(slot[key] for key in ("ask", "unknown") if key in slot)
            for target in targets(transition):
                if target not in states:
                    problems.append(f"state {state_id}: unknown target {target}")
    for transition in flow["flow"]["global"].values():
        if isinstance(transition, dict) and "say" in transition:
            used_prompts.add(transition["say"])
        for target in targets(transition):
            if target not in states:
                problems.append(f"global: unknown target {target}")
    for locale in locales:
        defined = set(flow["prompts"].get(locale, {}))
        if used_prompts - defined:
            problems.append(f"{locale}: missing prompts {sorted(used_prompts - defined)[:5]}")
        if defined - used_prompts:
            problems.append(f"{locale}: unused prompts {sorted(defined - used_prompts)[:5]}")
    # Reachability from start, and every state reaches a tell (reverse reachability).
    edges = {state_id: [] for state_id in states}
    for state_id, state in states.items():
        for transition in state.get("on", {}).values():
            edges[state_id].extend(targets(transition))
    seen, stack = set(), [flow["flow"]["start"]]
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(edges[current])
    if set(states) - seen:
        problems.append(f"unreachable states: {sorted(set(states) - seen)[:5]}")
    reaches_tell = {state_id for state_id, state in states.items() if "tell" in state}
    changed = True
    while changed:
        changed = False
        for state_id, following in edges.items():
            if state_id not in reaches_tell and any(t in reaches_tell for t in following):
                reaches_tell.add(state_id)
                changed = True
    if set(states) - reaches_tell:
        problems.append(f"states that reach no tell: {sorted(set(states) - reaches_tell)[:5]}")
    samples = {}
    for intent_name, intent in flow.get("intents", {}).items():
        if not re.fullmatch(r"[A-Za-z_]+", intent_name):
            problems.append(f"bad intent name {intent_name}")
        for locale in locales:
            for sample in intent["samples"].get(locale, []):
                if (locale, sample) in samples:
                    problems.append(f"sample '{sample}' in {intent_name} and {samples[locale, sample]}")
                samples[locale, sample] = intent_name
    synonyms = {}
    for product_id, product in flow.get("products", {}).items():
        for synonym in product.get("synonyms", []):
            if synonym in synonyms:
                problems.append(f"synonym '{synonym}' in {product_id} and {synonyms[synonym]}")
            synonyms[synonym] = product_id
    if schema_path:
        import json

        from jsonschema import Draft202012Validator

        with open(schema_path, encoding="utf-8") as handle:
            validator = Draft202012Validator(json.load(handle))
        for error in list(validator.iter_errors(flow))[:5]:
            location = "/".join(str(part) for part in error.absolute_path)
            problems.append(f"schema: {location}: {error.message[:200]}")
    size = os.path.getsize(path)
    if expect_bytes and not expect_bytes <= size <= expect_bytes * 1.05:
        problems.append(f"size {size} bytes, expected {expect_bytes} to {int(expect_bytes * 1.05)}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--expect-bytes", type=int, default=0)
    parser.add_argument("--schema", help="a JSON Schema file to validate against")
    arguments = parser.parse_args()
    problems = check(arguments.file, arguments.expect_bytes, arguments.schema)
    for problem in problems:
        print(f"{arguments.file}: {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"{arguments.file}: valid generated flow", file=sys.stderr)


if __name__ == "__main__":
    main()
