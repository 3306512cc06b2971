#!/usr/bin/env python3
"""More hostile flows for `flowc check`, from an audit of the checks on 2026-12-02: each case
grows two things that a check multiplied (see benchmarks/README.md, "Superlinear cases found
by the audit"). The goal is the scaling benchmark's: under 1 s per MB of input.

Every case is linear now (unknown-prompt-related and unknown-slot-list up to the file's
suggestion budget, then linear); ssml-problems always was. globals-handled-x-states was added
with the fix of globals-x-states: each ask state handles a different global intent itself.
slot-reads, found the same way, is in scaling.py.

Usage:
  benchmarks/scaling/audit_cases.py --flowc .build/release/flowc CASE N [N ...]
  benchmarks/scaling/audit_cases.py --flowc .build/release/flowc all [FACTOR]
  benchmarks/scaling/audit_cases.py --write FILE CASE N      # only write one flow
"""

import argparse
import os
import sys
import tempfile

from scaling import HEADER, letters, run

PRODUCTS = 'products:\n  p:\n    name: Thing\n    price: "1.00"\n'


def unknown_slot_list(n):
    """Intent with n/2 slots; n/2 samples each naming an unknown slot: every unknown-slot
    diagnostic lists (sorted) all slots of the intent."""
    half = max(1, n // 2)
    out = [HEADER, PRODUCTS, "intents:\n  PickIntent:\n    slots:\n"]
    out += [f"      s{letters(i)}: AMAZON.NUMBER\n" for i in range(half)]
    out.append("    samples:\n      en-US:\n")
    out += [f"        - pick {{zz{letters(i)}q}} now\n" for i in range(half)]
    out.append("prompts:\n  en-US:\n    hello: Hello\n    bye: Goodbye\n")
    out.append("flow:\n  start: hello\n  states:\n    hello:\n      ask: hello\n      on:\n"
               "        AMAZON.StopIntent: bye\n        PickIntent: bye\n    bye:\n      tell: bye\n")
    return "".join(out)

def unknown_prompt_related(n):
    """n/2 unused prompts; n/2 states that name unknown prompts (no close one): each unknown
    prompt sorts all unused prompts (relatedName)."""
    half = max(1, n // 2)
    out = [HEADER, "prompts:\n  en-US:\n    bye: Goodbye\n"]
    out += [f"    unused{i:07d}: Hello\n" for i in range(half)]
    out.append("flow:\n  start: bye\n  states:\n    bye:\n      tell: bye\n")
    out += [f"    t{i:07d}:\n      tell: qx{letters(i)}zz\n" for i in range(half)]
    return "".join(out)

def unknown_intent_union(n):
    """n/2 declared intents; n/2 ask states handling an unknown intent: each unknown intent
    builds the union of built-ins and every declared intent name."""
    half = max(1, n // 2)
    out = [HEADER, "intents:\n"]
    out += [f"  I{letters(i)}Intent:\n    samples:\n      en-US: [say {letters(i)}]\n" for i in range(half)]
    out.append("prompts:\n  en-US:\n    hello: Hello\n    bye: Goodbye\n")
    out.append("flow:\n  start: bye\n  states:\n    bye:\n      tell: bye\n")
    out += [f"    s{i:07d}:\n      ask: hello\n      on:\n        Zq{letters(i)}x: bye\n" for i in range(half)]
    return "".join(out)

def variable_route(n):
    """A chain of n ask states, each with its own prompt reading {product.name} (never set):
    each variable-not-set diagnostic carries the whole path from the start."""
    out = [HEADER, PRODUCTS, "prompts:\n  en-US:\n    bye: Goodbye\n"]
    out += [f"    p{i:07d}: Buy {{product.name}}?\n" for i in range(n)]
    out.append("flow:\n  start: s0000000\n  states:\n")
    for i in range(n):
        nxt = f"s{i+1:07d}" if i + 1 < n else "bye"
        out.append(f"    s{i:07d}:\n      ask: p{i:07d}\n      on:\n        AMAZON.YesIntent: {nxt}\n"
                   f"        AMAZON.StopIntent: bye\n")
    out.append("    bye:\n      tell: bye\n")
    return "".join(out)

def globals_x_states(n, handled=False):
    """n/2 custom intents handled in flow.global, n/2 ask states: edges = states x globals."""
    half = max(1, n // 2)
    out = [HEADER, "intents:\n"]
    out += [f"  I{letters(i)}Intent:\n    samples:\n      en-US: [say {letters(i)}]\n" for i in range(half)]
    out.append("prompts:\n  en-US:\n    hello: Hello\n    bye: Goodbye\n")
    out.append("flow:\n  start: s0000000\n  global:\n")
    out += [f"    I{letters(i)}Intent: bye\n" for i in range(half)]
    out.append("  states:\n    bye:\n      tell: bye\n")
    for i in range(half):
        nxt = f"s{i+1:07d}" if i + 1 < half else "bye"
        out.append(f"    s{i:07d}:\n      ask: hello\n      on:\n        AMAZON.YesIntent: {nxt}\n")
        if handled:
            out.append(f"        I{letters(i)}Intent: bye\n")
    return "".join(out)

def globals_handled_x_states(n):
    """As globals-x-states, but each ask state handles one of the global intents itself (a
    different one each), so that no two states share the set of global transitions that
    apply in them."""
    return globals_x_states(n, handled=True)

def prompt_reads_x_states(n):
    """One prompt with n/2 valid placeholders ({quantity}), spoken by n/2 ask states: the
    definite-assignment check walks every read of the prompt for every state."""
    half = max(1, n // 2)
    k = max(1, half // 2)
    text = " ".join("{quantity}" for _ in range(k * 2))
    out = [HEADER, f'prompts:\n  en-US:\n    hello: "{text}"\n    bye: Goodbye\n']
    out.append("flow:\n  start: s0000000\n  states:\n    bye:\n      tell: bye\n")
    for i in range(half // 6):
        nxt = f"s{i+1:07d}" if i + 1 < half // 6 else "bye"
        out.append(f"    s{i:07d}:\n      ask: hello\n      on:\n        AMAZON.YesIntent: {nxt}\n")
    return "".join(out)

def prompt_reads_unset_x_states(n):
    """As prompt-reads, but the placeholders read {product.name}, never set: every (state,
    read) pair builds a dedupe key string."""
    half = max(1, n // 2)
    k = max(1, half // 14)
    text = " ".join("{product.name}" for _ in range(k))
    out = [HEADER, PRODUCTS, f'prompts:\n  en-US:\n    hello: "{text}"\n    bye: Goodbye\n']
    out.append("flow:\n  start: s0000000\n  states:\n    bye:\n      tell: bye\n")
    m = half // 60
    for i in range(m):
        nxt = f"s{i+1:07d}" if i + 1 < m else "bye"
        out.append(f"    s{i:07d}:\n      ask: hello\n      on:\n        AMAZON.YesIntent: {nxt}\n")
    return "".join(out)

def condition_type_errors(n):
    """One choose condition with n type errors: each problem's position walks the scalar
    from its start (sourceRange(ofUTF8:in:))."""
    cond = " or ".join("quantity == 'a'" for _ in range(n))
    return (HEADER + "prompts:\n  en-US:\n    hello: Hello\n    bye: Goodbye\n"
            + "flow:\n  start: pick\n  states:\n"
            + f'    pick:\n      choose:\n        - if: "{cond}"\n          goto: hello\n'
            + "        - else: bye\n"
            + "    hello:\n      ask: hello\n      on:\n        AMAZON.StopIntent: bye\n"
            + "    bye:\n      tell: bye\n")

def sample_unknown_slots(n):
    """One sample with n unknown {slot}s: each diagnostic position walks the sample."""
    text = " ".join(f"{{x{letters(i)}}}" for i in range(n))
    return (HEADER + "intents:\n  PickIntent:\n    slots:\n      item: AMAZON.NUMBER\n"
            + f'    samples:\n      en-US:\n        - "pick {text}"\n'
            + "prompts:\n  en-US:\n    hello: Hello\n    bye: Goodbye\n"
            + "flow:\n  start: hello\n  states:\n    hello:\n      ask: hello\n      on:\n"
            + "        AMAZON.StopIntent: bye\n        PickIntent: bye\n    bye:\n      tell: bye\n")

def ssml_problems(n):
    """One SSML prompt with n problems (unknown tags)."""
    text = "<speak>" + " ".join("<foo/>" for _ in range(n)) + "</speak>"
    return (HEADER + f"prompts:\n  en-US:\n    hello: '{text}'\n    bye: Goodbye\n"
            + "flow:\n  start: hello\n  states:\n    hello:\n      ask: hello\n      on:\n"
            + "        AMAZON.StopIntent: bye\n    bye:\n      tell: bye\n")

def required_slots(n):
    """Intent with n/2 slots, n/2 transitions each requiring one slot: the slot list is rebuilt
    (and searched linearly) per required slot."""
    half = max(1, n // 2)
    out = [HEADER, PRODUCTS, "intents:\n  PickIntent:\n    slots:\n"]
    out += [f"      s{letters(i)}: AMAZON.NUMBER\n" for i in range(half)]
    out.append("    samples:\n      en-US:\n        - pick {sa}\n")
    out.append("prompts:\n  en-US:\n    hello: Hello\n    bye: Goodbye\n")
    out.append("flow:\n  start: s0000000\n  states:\n    bye:\n      tell: bye\n")
    m = half // 3
    for i in range(m):
        nxt = f"s{i+1:07d}" if i + 1 < m else "bye"
        out.append(f"    s{i:07d}:\n      ask: hello\n      on:\n        AMAZON.StopIntent: bye\n"
                   f"        PickIntent:\n          require: {{ s{letters(half - 1 - i % half)}: {{ ask: hello }} }}\n"
                   f"          goto: {nxt}\n")
    return "".join(out)

def sample_slot_contains(n):
    """Intent with n/2 slots; n/2 samples each naming the last-declared slot: Array.contains
    over the slot names per sample slot."""
    half = max(1, n // 2)
    out = [HEADER, "intents:\n  PickIntent:\n    slots:\n"]
    out += [f"      s{letters(i)}: AMAZON.NUMBER\n" for i in range(half)]
    out.append("    samples:\n      en-US:\n")
    last = f"s{letters(half - 1)}"
    out += [f"        - pick {{{last}}} {letters(i)}\n" for i in range(half)]
    out.append("prompts:\n  en-US:\n    hello: Hello\n    bye: Goodbye\n")
    out.append("flow:\n  start: hello\n  states:\n    hello:\n      ask: hello\n      on:\n"
               "        AMAZON.StopIntent: bye\n        PickIntent: bye\n    bye:\n      tell: bye\n")
    return "".join(out)


def charged_amounts_reads(n):
    """500 ask states (under the 1000-state search cap) sharing one prompt with n/2 money
    placeholders, all leading through one choose state to n/4 charge states: for every
    (charge, ask) pair the prompt's reads are mapped and filtered again."""
    asks = 500
    k = max(1, n // 2 // 18)
    charges = max(1, n // 4 // 130)
    text = " ".join("{catalog.p.price}" for _ in range(k)) + " {order.total}"
    out = [HEADER, MERCHANT, PRODUCTS,
           f'prompts:\n  en-US:\n    hello: "{text}"\n    bye: Goodbye\n    hi: Hi\n']
    out.append("flow:\n  start: a0000000\n  states:\n    bye:\n      tell: bye\n")
    for i in range(asks):
        nxt = f"a{i+1:07d}" if i + 1 < asks else "bye"
        out.append(f"    a{i:07d}:\n      ask: {'hi' if i == 0 else 'hello'}\n      on:\n"
                   f"        AMAZON.YesIntent: {{ set: {{ product: catalog.p }}, goto: x }}\n"
                   f"        AMAZON.NoIntent: {nxt}\n")
    out.append("    x:\n      choose:\n")
    out += [f"        - if: agreement.open\n          goto: c{j:07d}\n" for j in range(charges)]
    out.append("        - else: bye\n")
    for j in range(charges):
        out.append(f"    c{j:07d}:\n      charge: {{}}\n      on:\n        success: bye\n"
                   f"        declined: bye\n        permission_denied: bye\n        error: bye\n")
    return "".join(out)


def set_slot_incomplete(n):
    """As set-unknown-slot, but each transition sets `product: slot` (no member): each
    'needs a member' problem sorts and lists every slot of the intent."""
    import re
    return re.sub(r"product: slot\.zq[a-z]+", "product: slot", set_unknown_slot(n))


def setup_shipping(n):
    """n/2 products that all ship; n/2 `setup` states without `shipping`: each one walks the
    whole catalog (setupShipping) to find that every product ships."""
    half = max(1, n // 2)
    products = max(1, half // 2)
    setups = max(1, half // 4)
    out = [HEADER, MERCHANT, "products:\n"]
    out += [f"  p{i:07d}:\n    name: Thing {letters(i)}\n    price: \"1.00\"\n    shipping: true\n"
            for i in range(products)]
    out.append("prompts:\n  en-US:\n    hello: Hello\n    bye: Goodbye\n")
    out.append("flow:\n  start: a0000000\n  states:\n    bye:\n      tell: bye\n")
    for i in range(setups):
        nxt = f"a{i+1:07d}" if i + 1 < setups else "bye"
        out.append(f"    a{i:07d}:\n      ask: hello\n      on:\n        AMAZON.YesIntent: u{i:07d}\n"
                   f"        AMAZON.NoIntent: {nxt}\n")
        out.append(f"    u{i:07d}:\n      setup: {{}}\n      on:\n        success: bye\n"
                   f"        permission_denied: bye\n        error: bye\n")
    return "".join(out)

MERCHANT = """  privacy_policy_url: https://shop.example.com/privacy
merchant:
  seller_id: AEMGQXXXKD154
  country: US
  currency: USD
"""

def charged_amounts(n):
    """n/2 ask states that all go to one choose state, whose n/2 branches each go to a charge
    state: every charge's backward search walks all the ask states (checkChargedAmounts)."""
    half = max(1, n // 2)
    asks, charges = half, max(1, half // 2)
    out = [HEADER, MERCHANT, PRODUCTS, "prompts:\n  en-US:\n    hello: Hello\n    bye: Goodbye\n"]
    out.append("flow:\n  start: a0000000\n  states:\n    bye:\n      tell: bye\n")
    for i in range(asks):
        nxt = f"a{i+1:07d}" if i + 1 < asks else "bye"
        out.append(f"    a{i:07d}:\n      ask: hello\n      on:\n"
                   f"        AMAZON.YesIntent: {{ set: {{ product: catalog.p }}, goto: x }}\n"
                   f"        AMAZON.NoIntent: {nxt}\n")
    out.append("    x:\n      choose:\n")
    out += [f"        - if: agreement.open\n          goto: c{j:07d}\n" for j in range(charges)]
    out.append("        - else: bye\n")
    for j in range(charges):
        out.append(f"    c{j:07d}:\n      charge: {{}}\n      on:\n        success: bye\n"
                   f"        declined: bye\n        permission_denied: bye\n        error: bye\n")
    return "".join(out)

def catalog_incomplete(n):
    """n/2 products; one prompt with n/2 `{catalog}` placeholders: each one's problem sorts
    and lists every product id."""
    half = max(1, n // 2)
    out = [HEADER, "products:\n"]
    out += [f"  p{i:07d}:\n    name: Thing {letters(i)}\n    price: \"1.00\"\n" for i in range(half)]
    k = max(1, half * 4)
    text = " ".join("{catalog}" for _ in range(k))
    out.append(f'prompts:\n  en-US:\n    hello: "{text}"\n    bye: Goodbye\n')
    out.append("flow:\n  start: hello\n  states:\n    hello:\n      ask: hello\n      on:\n"
               "        AMAZON.StopIntent: bye\n    bye:\n      tell: bye\n")
    return "".join(out)

def set_unknown_slot(n):
    """Intent with n/2 slots; n/2 transitions that `set` an unknown slot: each
    unknown-slot diagnostic lists all slots (via checkAssignments)."""
    half = max(1, n // 2)
    out = [HEADER, PRODUCTS, "intents:\n  PickIntent:\n    slots:\n"]
    out += [f"      s{letters(i)}: catalog\n" for i in range(half)]
    out.append("    samples:\n      en-US:\n        - pick {sa}\n")
    out.append("prompts:\n  en-US:\n    hello: Hello\n    bye: Goodbye\n")
    out.append("flow:\n  start: s0000000\n  states:\n    bye:\n      tell: bye\n")
    m = half // 2
    for i in range(m):
        nxt = f"s{i+1:07d}" if i + 1 < m else "bye"
        out.append(f"    s{i:07d}:\n      ask: hello\n      on:\n        AMAZON.StopIntent: bye\n"
                   f"        PickIntent: {{ set: {{ product: slot.zq{letters(i)} }}, goto: {nxt} }}\n")
    return "".join(out)

CASES = {k.replace("_", "-"): v for k, v in list(globals().items())
         if callable(v) and getattr(v, "__module__", None) == __name__}

# The largest N of each case when all are run: about 0.5 to 4 MB. `all` runs N/16, N/4, N.
LARGEST = {
    "catalog-incomplete": 32000, "charged-amounts": 16000, "charged-amounts-reads": 256000,
    "condition-type-errors": 32000, "globals-handled-x-states": 32000,
    "globals-x-states": 32000, "prompt-reads-unset-x-states": 512000,
    "prompt-reads-x-states": 128000, "required-slots": 32000, "sample-slot-contains": 32000,
    "sample-unknown-slots": 64000, "set-slot-incomplete": 32000, "set-unknown-slot": 32000,
    "setup-shipping": 32000, "ssml-problems": 64000, "unknown-intent-union": 32000,
    "unknown-prompt-related": 32000, "unknown-slot-list": 32000, "variable-route": 8000,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--flowc", default=".build/release/flowc")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run")
    parser.add_argument("--write", metavar="FILE", help="only write the flow of the first N")
    parser.add_argument("case", choices=sorted(CASES) + ["all"])
    parser.add_argument("sizes", type=int, nargs="*", metavar="N",
                        help="sizes (for `all`: a factor on every case's default sizes)")
    arguments = parser.parse_args()
    if arguments.case != "all" and not arguments.sizes:
        parser.error("give the sizes N of the case")
    if arguments.write:
        with open(arguments.write, "w", encoding="utf-8") as file:
            file.write(CASES[arguments.case](arguments.sizes[0]))
        return
    if arguments.case == "all":
        scale = arguments.sizes[0] if arguments.sizes else 1
        runs = [(name, max(1, LARGEST[name] * scale // divisor))
                for name in sorted(CASES) for divisor in (16, 4, 1)]
    else:
        runs = [(arguments.case, n) for n in arguments.sizes]
    print(f"{'case':<28} {'n':>8} {'bytes':>11} {'seconds':>8} {'s/MB':>7} {'peak MB':>8}")
    for name, n in runs:
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as file:
            file.write(CASES[name](n))
            path = file.name
        try:
            size = os.path.getsize(path)
            seconds, _, peak, _ = run(arguments.flowc, path, "text", arguments.timeout)
            if seconds is None:
                print(f"{name:<28} {n:>8} {size:>11} {'>' + str(int(arguments.timeout)):>8}")
            else:
                print(f"{name:<28} {n:>8} {size:>11} {seconds:8.2f} "
                      f"{seconds / (size / 1e6):7.2f} {peak:8.0f}", flush=True)
        finally:
            os.remove(path)

if __name__ == "__main__":
    sys.exit(main())
