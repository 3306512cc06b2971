"""Answers the Swift tests' questions with flowc_support (Tests/FlowGeneratorsTests/
PythonSupportTests.swift): reads ``{"programs": [IR, ...], "cases": [...]}`` on standard input
and writes one JSON result per case, in order, as a JSON array on standard output.

    python oracle.py SUPPORT_DIR < cases.json
"""

import base64
import json
import sys

sys.path.insert(0, sys.argv[1])

import flowc_support as fs  # noqa: E402
from ir_skill import flow_of  # noqa: E402


def variables_of(tagged):
    return dict((name, fs.variable_from_json(value)) for name, value in tagged.items())


def answer(case, flows):
    kind = case["kind"]
    if kind == "canonical":
        return fs.canonical_json(json.loads(case["json"]))
    if kind == "money":
        return fs.format_money(fs.Money(case["minor"], case["currency"]), case["locale"])
    if kind == "decimal":
        return fs.Money(case["minor"], case["currency"]).decimal_string()
    if kind == "text":
        text = case["text"]
        return {"escape": fs.escape_xml(text), "orderId": fs.order_id_ssml(text),
                "plain": fs.plain_text_of_ssml(text), "strip": fs.strip_speak(text)}
    if kind == "message":
        return fs.runtime_message(case["message"], case["locale"])
    if kind == "seal":
        state = fs.SessionState(case["flow_hash"], case["state"], case["locale"],
                                variables_of(case["variables"]))
        return fs.SessionSeal(base64.b64decode(case["key"])).attributes(
            state, case["user"], case["session"])
    if kind == "sealRaw":
        content = case["content"]
        code = fs.SessionSeal(base64.b64decode(case["key"]))._code(
            content, case["user"], case["session"])
        sealed = dict(content)
        sealed[fs.SEAL_MEMBER] = base64.b64encode(code).decode("ascii")
        return {fs.SESSION_ATTRIBUTE: sealed}
    if kind == "open":
        opening = fs.SessionSeal(base64.b64decode(case["key"])).open(
            case["attributes"], case["user"], case["session"], case["flow_hash"])
        result = {"kind": opening.kind}
        if opening.refusal is not None:
            result["refusal"] = opening.refusal
        if opening.state is not None:
            result["state"] = opening.state.session_attributes()[fs.SESSION_ATTRIBUTE]
        return result
    if kind == "payload":
        flow = flows[case["program"]]
        scope = fs.Scope(flow, variables_of(case["variables"]), case["locale"])
        try:
            return {"payload": fs.render_payload(case["template"], flow, scope.value,
                                                 case.get("order_id"), case.get("reference"))}
        except fs.PayloadError:
            return {"error": True}
    if kind == "classify":
        question = case.get("question")
        if question is not None:
            question = fs.PaymentQuestion(
                needs_shipping_address=question["needsShippingAddress"],
                is_live=question["isLive"], amount=question.get("amount"),
                currency_code=question.get("currencyCode"))
        return fs.classify_response(case["task"], case["code"], case.get("message"),
                                    case.get("payload"), question).to_json()
    if kind == "reference":
        return fs.new_authorization_reference_id(case["order_id"], case["attempt"])
    if kind == "ids":
        return {"tokens": [fs.new_token() for _ in range(case["count"])],
                "orders": [fs.new_order_id(case["prefix"]) for _ in range(case["count"])]}
    if kind == "compare":
        left = fs.variable_from_json(case["left"]) if case.get("left") else None
        right = fs.variable_from_json(case["right"]) if case.get("right") else None
        return fs.compare(case["op"], left, right)
    if kind == "render":
        flow = flows[case["program"]]
        scope = fs.Scope(flow, variables_of(case["variables"]), case["locale"])
        part = fs.render_prompt(scope, case["prompt"])
        return {"speech": fs.output_speech([part]) if part is not None else None,
                "card": fs.card_text(scope, case["prompt"])}
    if kind == "key":
        return fs.processed_request_key(case["user"], case["request"])
    raise ValueError("unknown case kind %r" % kind)


def main():
    question = json.load(sys.stdin)
    flows = [flow_of(ir) for ir in question.get("programs", [])]
    results = [answer(case, flows) for case in question["cases"]]
    sys.stdout.write(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
