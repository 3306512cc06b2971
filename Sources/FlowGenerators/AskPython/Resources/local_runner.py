#!/usr/bin/env python3
"""Runs the generated skill locally on line-delimited JSON: the flowc stdio skill protocol v1.

    python local_runner.py [--store FILE] < requests.jsonl

Each line on standard input is one Alexa request envelope; the answer is the response envelope
the skill returns, on one line of standard output, flushed at once. The request goes through the
ASK SDK exactly as on Lambda: deserialized into the SDK's model with its ``DefaultSerializer``,
handled by the skill that ``lambda/lambda_function.py`` builds, serialized back with the same
serializer. Only the SDK's ``userAgent`` member is left out of the printed envelope: it names the
SDK and Python versions, which the flowc runtime has no equivalent of.

A line ``{"flowc":"inspect","userId":"..."}`` asks what the last request did (the turn trace)
and what the store holds for that customer (orders, billing agreements).

The store is kept in memory, or in the JSON file ``--store FILE`` (created when missing), so that
several runs can share it. Logs go to standard error; a line that cannot be handled is answered
with ``{"flowc":"error","message":...}`` and the runner goes on. At the end of the input it
exits with status 0.
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "lambda"))

#: The environment variable that tells the generated skill where its local store is.
LOCAL_STORE_VARIABLE = "FLOWC_LOCAL_STORE"
#: The value of ``LOCAL_STORE_VARIABLE`` that keeps the store in memory.
MEMORY_STORE = ":memory:"


def escaped(text):
    """``text`` with control characters escaped, for a log line."""
    return "".join(
        character if character.isprintable() or character == " "
        else character.encode("unicode_escape").decode("ascii")
        for character in text)


def log(message):
    """Writes one line to standard error."""
    sys.stderr.write("local_runner: %s\n" % escaped(message))
    sys.stderr.flush()


def answer_line(value):
    """Writes one JSON value as one line of standard output and flushes it."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def main(argv=None):
    """Reads request lines until the end of the input; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", metavar="FILE",
                        help="keep the store in this JSON file instead of in memory")
    arguments = parser.parse_args(argv)
    os.environ[LOCAL_STORE_VARIABLE] = (
        os.path.abspath(arguments.store) if arguments.store else MEMORY_STORE)

    # Imported after the store is chosen: the skill opens its store when it is built.
    import flowc_support
    import lambda_function
    from ask_sdk_core.serialize import DefaultSerializer

    skill = lambda_function.sb.create()
    serializer = DefaultSerializer()
    request_type = "ask_sdk_model.request_envelope.RequestEnvelope"

    for number, line in enumerate(sys.stdin, start=1):
        line = line.strip()
        if not line:
            continue
        try:
            message = json.loads(line)
            if not isinstance(message, dict):
                raise ValueError("the line is not a JSON object")
            if "flowc" in message:
                answer_line(flowc_support.inspection(message))
                continue
            envelope = serializer.deserialize(line, request_type)
            response = skill.invoke(request_envelope=envelope, context=None)
            serialized = serializer.serialize(response)
            serialized.pop("userAgent", None)
            answer_line(serialized)
        except Exception as error:  # one bad line must not end the conversation
            log("line %d: %s: %s" % (number, type(error).__name__, error))
            answer_line({"flowc": "error", "message": "%s: %s" % (type(error).__name__, error)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
