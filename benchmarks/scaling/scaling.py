#!/usr/bin/env python3
"""The worst-case scaling benchmark: generates hostile flows of growing size, runs `flowc check`
on each and prints size against time, output size and peak memory. See benchmarks/README.md.

Each case grows one thing that used to make `flowc check` superlinear:

  one-line      a whole flow on one line (flow-style YAML) with one unknown prompt per state:
                many diagnostics that all echo the same (long) source line
  unknown-state states whose transitions name unknown states of the same shape as the real
                ones: one "did you mean" search per unknown name over every state name
  placeholders  one prompt with N placeholders
  condition     one `choose` condition with N operands joined by `or`
  keys          N unknown keys at the top level: N diagnostics
  slot-reads    N/2 states that each `set` a slot of an intent with N/2 samples: the samples
                that do not fill the slot were looked for again for every `set`

The goal is under 1 s per MB of input for every case (release build) and an output that stays
bounded however many problems the file has.

Usage:
  benchmarks/scaling/scaling.py --flowc .build/release/flowc
  benchmarks/scaling/scaling.py --flowc … --cases keys,condition --scale 0.1 --format json
  benchmarks/scaling/scaling.py --write DIR        # only write the flows, run nothing
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

HEADER = """flowc: 1
skill:
  name: Test Shop
  invocation: test shop
  locales: [en-US]
"""


def one_line(n):
    """A whole flow on one line: N `tell` states naming unknown prompts."""
    states = ", ".join(f"state{i:06d}: {{tell: missing{i:06d}}}" for i in range(n))
    return (
        "{flowc: 1, skill: {name: Test Shop, invocation: test shop, locales: [en-US]}, "
        "prompts: {en-US: {hello: Hello}}, "
        f"flow: {{start: state000000, states: {{{states}}}}}}}\n"
    )


def unknown_state(n):
    """N `ask` states, each going to an unknown state named like the real ones."""
    lines = [HEADER, "prompts:\n  en-US:\n    hello: Hello\n    bye: Goodbye\n"]
    lines.append("flow:\n  start: state000000\n  states:\n")
    for i in range(n):
        lines.append(
            f"    state{i:06d}:\n      ask: hello\n      on:\n"
            f"        AMAZON.YesIntent: stat{i:06d}x\n        AMAZON.StopIntent: bye\n"
        )
    lines.append("    bye:\n      tell: bye\n")
    return "".join(lines)


def placeholders(n):
    """One prompt with N placeholders."""
    text = " ".join("{quantity}" for _ in range(n))
    return (
        HEADER
        + f'prompts:\n  en-US:\n    hello: "{text}"\n    bye: Goodbye\n'
        + "flow:\n  start: hello\n  states:\n"
        + "    hello:\n      ask: hello\n      on:\n        AMAZON.StopIntent: bye\n"
        + "    bye:\n      tell: bye\n"
    )


def condition(n):
    """One `choose` condition with N operands."""
    condition_text = " or ".join(f"quantity == {i % 100}" for i in range(n))
    return (
        HEADER
        + "prompts:\n  en-US:\n    hello: Hello\n    bye: Goodbye\n"
        + "flow:\n  start: pick\n  states:\n"
        + f'    pick:\n      choose:\n        - if: "{condition_text}"\n          goto: hello\n'
        + "        - else: bye\n"
        + "    hello:\n      ask: hello\n      on:\n        AMAZON.StopIntent: bye\n"
        + "    bye:\n      tell: bye\n"
    )


def keys(n):
    """N unknown keys at the top level."""
    return HEADER + "".join(f"k{i:07d}: 1\n" for i in range(n))


def letters(i):
    """A word of lowercase letters for a number (samples may not contain digits)."""
    word = ""
    while True:
        word = chr(ord("a") + i % 26) + word
        i //= 26
        if i == 0:
            return word


def slot_reads(n):
    """N/2 `ask` states setting `slot.item` of one intent that has N/2 samples, all with the
    slot (so every sample must be looked at to find that none lacks it)."""
    half = max(1, n // 2)
    lines = [HEADER, "products:\n  p:\n    name: Thing\n    price: \"1.00\"\n"]
    lines.append("intents:\n  PickIntent:\n    slots:\n      item: catalog\n    samples:\n      en-US:\n")
    lines += [f"        - pick {{item}} number {letters(i)}\n" for i in range(half)]
    lines.append("prompts:\n  en-US:\n    hello: Hello\n    bye: Goodbye\n")
    lines.append("flow:\n  start: state000000\n  states:\n")
    for i in range(half):
        following = f"state{i + 1:06d}" if i + 1 < half else "bye"
        lines.append(
            f"    state{i:06d}:\n      ask: hello\n      on:\n        PickIntent:\n"
            f"          set: {{ product: slot.item }}\n          goto: {following}\n"
            f"        AMAZON.StopIntent: bye\n"
        )
    lines.append("    bye:\n      tell: bye\n")
    return "".join(lines)


# name: (generator, the sizes measured at scale 1)
CASES = {
    "one-line": (one_line, [1_000, 4_000, 16_000]),
    "unknown-state": (unknown_state, [2_000, 10_000, 40_000]),
    "placeholders": (placeholders, [40_000, 160_000, 640_000]),
    "condition": (condition, [16_000, 64_000, 256_000]),
    "keys": (keys, [10_000, 100_000, 1_000_000]),
    "slot-reads": (slot_reads, [2_000, 8_000, 32_000]),
}


def run(flowc, path, output_format, timeout):
    """Runs `flowc check` on a file; returns (seconds, output bytes, peak RSS in MB, exit)."""
    with tempfile.TemporaryFile() as sink:
        start = time.monotonic()
        process = subprocess.Popen(
            [flowc, "check", "--format", output_format, path], stdout=sink, stderr=sink
        )
        while True:
            # wait4 gives this child's own peak memory (ru_maxrss, KiB on Linux).
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                process.kill()
                os.wait4(process.pid, 0)
                return None, os.fstat(sink.fileno()).st_size, None, "timeout"
            time.sleep(0.005)
        seconds = time.monotonic() - start
        size = os.fstat(sink.fileno()).st_size
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, size, usage.ru_maxrss / 1024, process.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--flowc", default=".build/release/flowc")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every size")
    parser.add_argument("--format", default="text", help="text, json, sarif or github")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    parser.add_argument("--write", metavar="DIR", help="only write the flows into DIR")
    arguments = parser.parse_args()

    names = [name for name in arguments.cases.split(",") if name]
    unknown = [name for name in names if name not in CASES]
    if unknown:
        parser.error(f"unknown case {', '.join(unknown)} (known: {', '.join(CASES)})")

    directory = arguments.write or tempfile.mkdtemp(prefix="flowc-scaling-")
    os.makedirs(directory, exist_ok=True)
    if not arguments.write:
        print(f"{'case':<14} {'n':>9} {'bytes':>11} {'seconds':>8} {'s/MB':>6} "
              f"{'output B':>10} {'peak MB':>8} exit")
    for name in names:
        generate, sizes = CASES[name]
        for size in sizes:
            n = max(1, int(size * arguments.scale))
            path = os.path.join(directory, f"{name}-{n}.yaml")
            with open(path, "w", encoding="utf-8") as file:
                file.write(generate(n))
            if arguments.write:
                print(path)
                continue
            megabytes = os.path.getsize(path) / 1_000_000
            seconds, output, peak, status = run(
                arguments.flowc, path, arguments.format, arguments.timeout
            )
            time_text = f"{seconds:8.2f}" if seconds is not None else f"{'>' + str(int(arguments.timeout)):>8}"
            rate = f"{seconds / megabytes:6.2f}" if seconds is not None else f"{'—':>6}"
            peak_text = f"{peak:8.0f}" if peak is not None else f"{'—':>8}"
            print(f"{name:<14} {n:>9} {os.path.getsize(path):>11} {time_text} {rate} "
                  f"{output:>10} {peak_text} {status}", flush=True)
            os.remove(path)
    if not arguments.write:
        os.rmdir(directory)
    return 0


if __name__ == "__main__":
    sys.exit(main())
