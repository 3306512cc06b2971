#!/usr/bin/env python3
"""Serves a skill that ``flowc generate ask-python`` wrote as a web service, for
``flowc test --endpoint``.

    python webservice_skill.py PROJECT [--port N]

The skill ``PROJECT/lambda/lambda_function.py`` builds is served by the official
``ask-sdk-webservice-support``: every ``POST`` body goes to ``WebserviceSkillHandler`` with
request verification off (``verify_signature=False, verify_timestamp=False``: ``flowc test``
signs nothing), behind Python's ``http.server`` on 127.0.0.1. The store is kept in memory for
the life of the process, as a deployed skill keeps its database.

Two things are arranged around the SDK, as ``local_runner.py`` arranges them:

- a body ``{"flowc":"inspect","userId":...}`` is answered by the support module's inspection
  (the stdio protocol's inspect line; the Alexa service never sends one);
- the ``userAgent`` member the SDK adds to each response envelope is left out: it names the
  SDK and Python versions, which the flowc runtime has no equivalent of.

A body the SDK cannot handle is answered ``400`` with the error. The line
``listening on http://127.0.0.1:PORT`` on standard error says the server is ready.
"""

import argparse
import http.server
import json
import os
import sys


def main(argv=None):
    """Serves until interrupted; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", help="the folder flowc generate ask-python wrote")
    parser.add_argument("--port", type=int, default=0, help="the TCP port (0: any free one)")
    arguments = parser.parse_args(argv)
    sys.path.insert(0, os.path.join(os.path.abspath(arguments.project), "lambda"))
    os.environ["FLOWC_LOCAL_STORE"] = ":memory:"

    # Imported after the store is chosen: the skill opens its store when it is built.
    import flowc_support
    import lambda_function
    from ask_sdk_webservice_support.webservice_handler import WebserviceSkillHandler

    handler = WebserviceSkillHandler(
        skill=lambda_function.sb.create(), verify_signature=False, verify_timestamp=False)

    class SkillRequestHandler(http.server.BaseHTTPRequestHandler):
        """POST / : a request envelope (or an inspection question) in, JSON out."""

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            try:
                message = json.loads(body)
                if isinstance(message, dict) and "flowc" in message:
                    answer = flowc_support.inspection(message)
                else:
                    # The serialized response envelope, as a dict.
                    answer = handler.verify_request_and_dispatch(
                        dict(self.headers.items()), body.decode("utf-8"))
                    answer.pop("userAgent", None)
            except Exception as error:  # the answer of a web service to a body it cannot use
                self.reply(400, "text/plain", ("%s: %s\n" % (type(error).__name__, error)))
                return
            self.reply(200, "application/json",
                       json.dumps(answer, ensure_ascii=False, separators=(",", ":")))

        def reply(self, status, content_type, text):
            data = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args):  # one line per request on standard error
            sys.stderr.write("webservice_skill: %s\n" % (format % args))

    # One request at a time, as the support module's last-turn trace assumes.
    server = http.server.HTTPServer(("127.0.0.1", arguments.port), SkillRequestHandler)
    sys.stderr.write("listening on http://127.0.0.1:%d\n" % server.server_address[1])
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
