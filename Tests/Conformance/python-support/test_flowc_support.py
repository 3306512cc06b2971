"""The store and turn rules of flowc_support, in Python: owner checks, tokens consumed once,
expiry, per-user replays, the persistence adapters. Run by the Swift suite
(PythonSupportTests) as ``python -m unittest test_flowc_support`` with FLOWC_SUPPORT_DIR set to
the folder of flowc_support.py; the rules they check are the runtime's (FlowStore,
MemoryFlowStore, FlowEngine)."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from unittest import mock

sys.path.insert(0, os.environ.get("FLOWC_SUPPORT_DIR", os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "Sources", "FlowGenerators",
    "AskPython", "Resources")))

import flowc_support as fs  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SHOPPER = "amzn1.ask.account.SHOPPER"
OTHER = "amzn1.ask.account.OTHER"


def order(order_id, user_id, state="pending", created_at=1000):
    return {"id": order_id, "user_id": user_id, "product_id": "kit", "quantity": 1,
            "amount": {"minor_units": 900, "currency": "USD"},
            "authorization_reference_id": None, "amazon_authorization_id": None,
            "billing_agreement_id": None, "state": state, "created_at": created_at,
            "updated_at": created_at}


def agreement(agreement_id, user_id, status="OPEN", at=1000):
    return {"user_id": user_id, "billing_agreement_id": agreement_id, "status": status,
            "created_at": at, "updated_at": at}


def continuation(token, user_id, expires_at=10 ** 13):
    return {"token": token, "user_id": user_id, "state_id": "charge", "task_name": "Charge",
            "flow_hash": "h", "variables": {"quantity": {"int": 1}}, "locale": "en-US",
            "created_at": 0, "expires_at": expires_at}


def writes(**fields):
    batch = fs.TurnWrites()
    for name, value in fields.items():
        setattr(batch, name, value)
    return batch


class AdapterTests(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp()
        self.path = os.path.join(self.folder, "store.json")

    def tearDown(self):
        shutil.rmtree(self.folder)

    def round_trip(self, adapter):
        shopper, other = fs.partition_envelope(SHOPPER), fs.partition_envelope(OTHER)
        self.assertEqual(adapter.get_attributes(shopper), {})
        adapter.save_attributes(shopper, {"flowc": {"n": 1, "text": "é"}})
        adapter.save_attributes(other, {"mine": [1, 2]})
        self.assertEqual(adapter.get_attributes(shopper), {"flowc": {"n": 1, "text": "é"}})
        self.assertEqual(adapter.get_attributes(other), {"mine": [1, 2]})
        # What a caller changes after reading is not stored until saved.
        attributes = adapter.get_attributes(shopper)
        attributes["flowc"]["n"] = 2
        self.assertEqual(adapter.get_attributes(shopper)["flowc"]["n"], 1)
        adapter.delete_attributes(shopper)
        self.assertEqual(adapter.get_attributes(shopper), {})
        self.assertEqual(adapter.get_attributes(other), {"mine": [1, 2]})

    def test_memory_adapter_round_trip(self):
        self.round_trip(fs.MemoryPersistenceAdapter())

    def test_file_adapter_round_trip_and_survives_a_new_process(self):
        self.round_trip(fs.FilePersistenceAdapter(self.path))
        reopened = fs.FilePersistenceAdapter(self.path)
        self.assertEqual(reopened.get_attributes(fs.partition_envelope(OTHER)), {"mine": [1, 2]})
        with open(self.path, encoding="utf-8") as handle:
            self.assertEqual(json.load(handle), {OTHER: {"mine": [1, 2]}})
        self.assertEqual(os.listdir(self.folder), ["store.json"])

    def test_file_adapter_write_is_atomic(self):
        adapter = fs.FilePersistenceAdapter(self.path)
        adapter.save_attributes(fs.partition_envelope(SHOPPER), {"a": 1})
        with open(self.path, "rb") as handle:
            before = handle.read()
        with mock.patch.object(fs.json, "dump", side_effect=OSError("disk full")):
            with self.assertRaises(OSError):
                adapter.save_attributes(fs.partition_envelope(SHOPPER), {"a": 2})
        with open(self.path, "rb") as handle:
            self.assertEqual(handle.read(), before)
        self.assertEqual(os.listdir(self.folder), ["store.json"])

    def test_file_adapter_refuses_a_file_that_is_not_a_store(self):
        with open(self.path, "w") as handle:
            handle.write("[1, 2]")
        adapter = fs.FilePersistenceAdapter(self.path)
        with self.assertRaises(ValueError):
            adapter.get_attributes(fs.partition_envelope(SHOPPER))
        with self.assertRaises(ValueError):
            adapter.save_attributes(fs.partition_envelope(SHOPPER), {})
        with open(self.path) as handle:
            self.assertEqual(handle.read(), "[1, 2]")

    def test_records_keep_the_skills_own_attributes(self):
        adapter = fs.MemoryPersistenceAdapter()
        adapter.save_attributes(fs.partition_envelope(SHOPPER), {"favourite": "blue"})
        store = fs.FlowStore(adapter)
        store.commit(SHOPPER, writes(agreements=[agreement("B1", SHOPPER)]))
        attributes = adapter.get_attributes(fs.partition_envelope(SHOPPER))
        self.assertEqual(attributes["favourite"], "blue")
        self.assertEqual(store.agreements(SHOPPER)[0]["billing_agreement_id"], "B1")


class DynamoDbShapeTests(unittest.TestCase):
    """What the store writes is what DynamoDB takes (no floats), and reads back the same
    through the SDK's DynamoDB adapter's key and its number type (``Decimal``)."""

    def test_records_survive_dynamodb_types(self):
        from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
        adapter = fs.MemoryPersistenceAdapter()
        store = fs.FlowStore(adapter)
        flow, states, on, welcome, buy = tiny_flow()
        store.commit(SHOPPER, writes(agreements=[agreement("B01", SHOPPER)]))
        turn = fs.Turn(flow, request("IntentRequest", request_id="d1", intent={
            "name": "BuyIntent", "confirmationStatus": "NONE"}), store, now=1000.25)
        state = turn.intent_state(states)
        turn.respond(turn.take_intent(state, welcome, buy, states))
        for partition in (SHOPPER, fs.SHOP_PARTITION):
            attributes = adapter.get_attributes(fs.partition_envelope(partition))
            item = TypeSerializer().serialize(attributes)
            back = fs._plain(TypeDeserializer().deserialize(item))
            self.assertEqual(back, attributes)
        self.assertEqual(len(store.orders(SHOPPER)), 1)
        import decimal
        self.assertEqual(fs._plain({"n": decimal.Decimal("999999999999999999"),
                                    "f": decimal.Decimal("2.5")}),
                         {"n": 999999999999999999, "f": 2.5})

    def test_partitions_are_the_dynamodb_adapters_keys(self):
        from ask_sdk_dynamodb.partition_keygen import (
            device_id_partition_keygen, user_id_partition_keygen)
        envelope = fs.partition_envelope(fs.SHOP_PARTITION)
        self.assertEqual(user_id_partition_keygen(envelope), fs.SHOP_PARTITION)
        self.assertEqual(device_id_partition_keygen(envelope), fs.SHOP_PARTITION)
        self.assertEqual(fs.partition_key(fs.partition_envelope(SHOPPER)), SHOPPER)


class StoreTests(unittest.TestCase):
    def setUp(self):
        self.store = fs.FlowStore(fs.MemoryPersistenceAdapter())

    def test_session_key_is_created_once_and_shared(self):
        folder = tempfile.mkdtemp()
        try:
            path = os.path.join(folder, "store.json")
            first = fs.FlowStore(fs.FilePersistenceAdapter(path)).session_key()
            second = fs.FlowStore(fs.FilePersistenceAdapter(path)).session_key()
            self.assertEqual(len(first), fs.SESSION_KEY_BYTES)
            self.assertEqual(first, second)
            self.assertNotEqual(first, fs.FlowStore(fs.MemoryPersistenceAdapter()).session_key())
        finally:
            shutil.rmtree(folder)

    def test_replays_are_per_customer_and_keys_have_a_fixed_length(self):
        key = fs.processed_request_key(SHOPPER, "r1")
        self.assertEqual(len(key), 71)
        self.assertEqual(len(fs.processed_request_key("u" * 10000, "r" * 10000)), 71)
        self.assertNotEqual(key, fs.processed_request_key(OTHER, "r1"))
        self.store.commit(SHOPPER, writes(processed_request={
            "key": key, "user_id": SHOPPER, "request_id": "r1", "response": "{}",
            "processed_at": 5}))
        self.assertEqual(self.store.processed_request(SHOPPER, "r1")["response"], "{}")
        self.assertIsNone(self.store.processed_request(OTHER, "r1"))

    def test_a_request_is_answered_once(self):
        processed = {"key": fs.processed_request_key(SHOPPER, "r1"), "user_id": SHOPPER,
                     "request_id": "r1", "response": "{}", "processed_at": 5}
        self.store.commit(SHOPPER, writes(processed_request=processed,
                                          prune_processed_before=0))
        with self.assertRaises(fs.StoreConflict):
            self.store.commit(SHOPPER, writes(processed_request=processed,
                                              prune_processed_before=0))
        # Past the retention it is pruned, and answered again.
        self.store.commit(SHOPPER, writes(processed_request=dict(processed, processed_at=100),
                                          prune_processed_before=50))
        self.assertEqual(self.store.processed_request(SHOPPER, "r1")["processed_at"], 100)

    def test_tokens_are_consumed_once_and_only_by_their_owner(self):
        self.store.commit(SHOPPER, writes(new_continuations=[continuation("T1", SHOPPER)]))
        self.assertIsNone(self.store.continuation(OTHER, "T1"))
        self.assertEqual(self.store.continuation(SHOPPER, "T1")["state_id"], "charge")
        self.store.commit(SHOPPER, writes(consumed_tokens=["T1"]))
        self.assertIsNone(self.store.continuation(SHOPPER, "T1"))
        with self.assertRaises(fs.StoreConflict):
            self.store.commit(SHOPPER, writes(consumed_tokens=["T1"]))
        with self.assertRaises(fs.StoreConflict):
            self.store.commit(SHOPPER, writes(consumed_tokens=["T2", "T2"]))
        with self.assertRaises(fs.StoreConflict):
            self.store.commit(SHOPPER, writes(new_continuations=[continuation("T1", SHOPPER)]))

    def test_orders_are_owned_unique_and_never_change_once_captured(self):
        self.store.commit(SHOPPER, writes(orders=[order("NN-1", SHOPPER)],
                                          new_order_ids=["NN-1"]))
        self.assertTrue(self.store.order_id_taken("NN-1"))
        self.assertEqual(self.store.order("NN-1")["user_id"], SHOPPER)
        with self.assertRaises(fs.OrderIdTaken):
            self.store.commit(OTHER, writes(orders=[order("NN-1", OTHER)],
                                            new_order_ids=["NN-1"]))
        with self.assertRaises(fs.StoreForbidden):
            self.store.commit(OTHER, writes(orders=[order("NN-1", OTHER, "charging")]))
        self.assertEqual(self.store.orders(OTHER), [])
        self.store.commit(SHOPPER, writes(orders=[order("NN-1", SHOPPER, "captured")]))
        with self.assertRaises(fs.StoreForbidden):
            self.store.commit(SHOPPER, writes(orders=[order("NN-1", SHOPPER, "failed")]))
        self.assertEqual(self.store.order("NN-1")["state"], "captured")

    def test_a_refused_batch_writes_nothing(self):
        self.store.commit(SHOPPER, writes(orders=[order("NN-1", SHOPPER, "captured")],
                                          new_order_ids=["NN-1"]))
        with self.assertRaises(fs.StoreForbidden):
            self.store.commit(SHOPPER, writes(
                orders=[order("NN-2", SHOPPER), order("NN-1", SHOPPER, "failed")],
                new_order_ids=["NN-2"], agreements=[agreement("B9", SHOPPER)],
                new_continuations=[continuation("T9", SHOPPER)]))
        self.assertIsNone(self.store.order("NN-2"))
        self.assertEqual(self.store.agreements(SHOPPER), [])
        self.assertIsNone(self.store.continuation(SHOPPER, "T9"))

    def test_orders_list_oldest_first(self):
        self.store.commit(SHOPPER, writes(orders=[order("B", SHOPPER, created_at=20)],
                                          new_order_ids=["B"]))
        self.store.commit(SHOPPER, writes(orders=[order("A", SHOPPER, created_at=10)],
                                          new_order_ids=["A"]))
        self.store.commit(SHOPPER, writes(orders=[order("C", SHOPPER, created_at=20)],
                                          new_order_ids=["C"]))
        self.assertEqual([item["id"] for item in self.store.orders(SHOPPER)], ["A", "B", "C"])

    def test_agreements_upsert_and_the_latest_open_one_wins(self):
        self.store.commit(SHOPPER, writes(agreements=[agreement("B1", SHOPPER, at=10)]))
        self.store.commit(SHOPPER, writes(agreements=[agreement("B2", SHOPPER, at=20)]))
        self.assertEqual(self.store.open_agreement(SHOPPER)["billing_agreement_id"], "B2")
        self.store.commit(SHOPPER, writes(agreements=[
            agreement("B2", SHOPPER, "SUSPENDED", at=30)]))
        self.assertEqual(self.store.open_agreement(SHOPPER)["billing_agreement_id"], "B1")
        self.assertEqual(self.store.agreement(SHOPPER, "B2")["created_at"], 20)
        self.assertEqual(self.store.agreement(SHOPPER, "B2")["status"], "SUSPENDED")
        self.assertIsNone(self.store.agreement(OTHER, "B1"))
        self.assertIsNone(self.store.open_agreement(OTHER))

    def test_purge_drops_old_answers_and_expired_continuations(self):
        self.store.commit(SHOPPER, writes(
            processed_request={"key": "k", "user_id": SHOPPER, "request_id": "r",
                               "response": "{}", "processed_at": 5},
            new_continuations=[continuation("T1", SHOPPER, expires_at=7),
                               continuation("T2", SHOPPER, expires_at=70)]))
        self.store.purge(SHOPPER, 10)
        self.assertIsNone(self.store.continuation(SHOPPER, "T1"))
        self.assertIsNotNone(self.store.continuation(SHOPPER, "T2"))


def tiny_flow():
    """A shop with one product: welcome (ask) -> BuyIntent -> charge -> thanks / sorry."""
    text = fs.Template
    prompts = {"en-US": {
        "welcome": text(False, ["Welcome. Buy the kit?"]),
        "thanks": text(False, ["Thanks, order ", fs.Var("order.id"), "."]),
        "sorry": text(False, ["Sorry: ", fs.Var("payment.error"), "."]),
        "fallback": text(False, ["Hm?"]),
    }}
    payload = {
        "@type": "ChargeAmazonPayRequest", "@version": "2", "sellerId": "A1",
        "billingAgreementId": {"$bind": {"kind": "variable", "path": "agreement.id"}},
        "paymentAction": "AuthorizeAndCapture",
        "authorizeAttributes": {
            "@type": "AuthorizeAttributes", "@version": "2",
            "authorizationReferenceId": {"$bind": {"kind": "authorization_reference_id"}},
            "authorizationAmount": {
                "@type": "Price", "@version": "2",
                "amount": {"$bind": {"kind": "money_amount", "path": "order.total"}},
                "currencyCode": {"$bind": {"kind": "money_currency", "path": "order.total"}}},
            "transactionTimeout": 0},
        "sellerOrderAttributes": {
            "@type": "SellerOrderAttributes", "@version": "2",
            "sellerOrderId": {"$bind": {"kind": "seller_order_id"}}},
    }
    flow = fs.Flow("sha256:tiny", "welcome", ["en-US"],
                   [fs.Product("kit", {"en-US": "kit"}, fs.Money(900, "USD"))],
                   {"BuyIntent": {}}, prompts,
                   {"welcome": "ask", "charge": "charge", "thanks": "tell", "sorry": "tell"},
                   fs.Merchant("USD", "NN-", "buyer@example.com"))
    welcome = fs.Ask("welcome")
    on = {"charge": {
        fs.SUCCESS: fs.Transition(goto="thanks"),
        fs.DECLINED: fs.Transition(goto="sorry"),
        fs.PERMISSION_DENIED: fs.Transition(goto="sorry"),
        fs.ERROR: fs.Transition(goto="sorry")}}

    def charge(turn):
        sent = turn.send_payment("charge", fs.CHARGE, payload)
        if isinstance(sent, dict):
            return sent
        return turn.take_outcome("charge", sent, on["charge"])

    states = {
        "welcome": lambda turn: turn.ask("welcome", welcome),
        "charge": charge,
        "thanks": lambda turn: turn.tell("thanks"),
        "sorry": lambda turn: turn.tell("sorry"),
    }
    buy = fs.Transition(goto="charge", set=[("product", fs.Lit(fs.ProductRef("kit"))),
                                            ("agreement.id", fs.Lit("B01"))])
    return flow, states, on, welcome, buy


def request(kind, user=SHOPPER, request_id="r", attributes=None, **fields):
    body = {"type": kind, "requestId": request_id, "locale": "en-US"}
    body.update(fields)
    envelope = {"version": "1.0",
                "session": {"sessionId": "s1", "user": {"userId": user}},
                "context": {"System": {"user": {"userId": user, "permissions": {"scopes": {
                    fs.PAYMENT_SCOPE: {"status": "GRANTED"}}}}}},
                "request": body}
    if attributes is not None:
        envelope["session"]["attributes"] = attributes
    return envelope


class TurnTests(unittest.TestCase):
    def setUp(self):
        self.store = fs.FlowStore(fs.MemoryPersistenceAdapter())
        self.flow, self.states, self.on, self.welcome, self.buy = tiny_flow()
        self.log = []
        self.store.commit(SHOPPER, writes(agreements=[agreement("B01", SHOPPER)]))

    def turn(self, envelope, now=1000.0):
        return fs.Turn(self.flow, envelope, self.store, now=now, log=self.log.append)

    def launch(self, request_id="r1", user=SHOPPER):
        turn = self.turn(request("LaunchRequest", user=user, request_id=request_id))
        turn.start_conversation()
        return turn.respond(turn.run(self.flow.start, self.states))

    def buy_now(self, attributes, user=SHOPPER, request_id="r2", now=1000.0):
        turn = self.turn(request("IntentRequest", user=user, request_id=request_id,
                                 attributes=attributes,
                                 intent={"name": "BuyIntent", "confirmationStatus": "NONE"}),
                         now=now)
        state = turn.intent_state(self.states)
        if state is None:
            return turn, turn.respond(turn.start_over(self.states))
        return turn, turn.respond(turn.take_intent(state, self.welcome, self.buy, self.states))

    def answer(self, token, user=SHOPPER, request_id="r3", now=1001.0, state="Open"):
        turn = self.turn(request(
            "Connections.Response", user=user, request_id=request_id, name="Charge",
            token=token, status={"code": "200", "message": "OK"},
            payload={"authorizationDetails": {
                "amazonAuthorizationId": "S01-1", "authorizationStatus": {"state": state},
                "authorizationAmount": {"amount": "9.00", "currencyCode": "USD"}}}), now=now)
        return turn, turn.respond(turn.resume(self.on, self.states))

    def test_a_charge_round_trip(self):
        welcome = self.launch()
        self.assertFalse(welcome["response"]["shouldEndSession"])
        turn, sent = self.buy_now(welcome["sessionAttributes"])
        directive = sent["response"]["directives"][0]
        payload = directive["payload"]
        self.assertEqual(payload["authorizeAttributes"]["authorizationAmount"]["amount"], "9.00")
        self.assertTrue(payload["sellerOrderAttributes"]["sellerOrderId"].startswith("NN-"))
        self.assertEqual([item["state"] for item in self.store.orders(SHOPPER)], ["charging"])
        turn, done = self.answer(directive["token"])
        self.assertIn("Thanks, order", done["response"]["outputSpeech"]["ssml"])
        self.assertEqual([item["state"] for item in self.store.orders(SHOPPER)], ["authorized"])
        self.assertEqual(turn.trace.payment_outcomes, [{"state": "charge", "outcome": "success"}])
        view = fs.order_view(self.store.orders(SHOPPER)[0])
        self.assertEqual(view["amount"], "9.00")
        self.assertEqual(view["amazon_authorization_id"], "S01-1")

    def test_a_token_is_consumed_once(self):
        welcome = self.launch()
        _, sent = self.buy_now(welcome["sessionAttributes"])
        token = sent["response"]["directives"][0]["token"]
        self.answer(token, request_id="r3")
        turn, again = self.answer(token, request_id="r4")
        self.assertEqual(again, fs.message_response(fs.PAYMENT_NOT_FOUND, "en-US"))
        self.assertEqual(turn.trace.to_json()["statesEntered"], [])

    def test_another_customer_cannot_use_the_token(self):
        welcome = self.launch()
        _, sent = self.buy_now(welcome["sessionAttributes"])
        token = sent["response"]["directives"][0]["token"]
        _, stolen = self.answer(token, user=OTHER)
        self.assertEqual(stolen, fs.message_response(fs.PAYMENT_NOT_FOUND, "en-US"))
        # The owner still can.
        _, done = self.answer(token, request_id="r5")
        self.assertIn("Thanks", done["response"]["outputSpeech"]["ssml"])

    def test_an_expired_token_is_refused(self):
        welcome = self.launch()
        _, sent = self.buy_now(welcome["sessionAttributes"], now=1000.0)
        token = sent["response"]["directives"][0]["token"]
        _, late = self.answer(token, now=1000.0 + fs.CONTINUATION_LIFETIME)
        self.assertEqual(late, fs.message_response(fs.PAYMENT_NOT_FOUND, "en-US"))
        _, in_time = self.answer(token, request_id="r9",
                                 now=1000.0 + fs.CONTINUATION_LIFETIME - 0.01)
        self.assertIn("Thanks", in_time["response"]["outputSpeech"]["ssml"])

    def test_a_redelivery_is_replayed_to_its_customer_only(self):
        first = self.launch(request_id="same")
        self.assertEqual(self.launch(request_id="same"), first)
        replay = self.turn(request("LaunchRequest", request_id="same"), now=1000.0)
        self.assertIsNotNone(replay.replayed)
        other = self.turn(request("LaunchRequest", user=OTHER, request_id="same"))
        self.assertIsNone(other.replayed)
        late = self.turn(request("LaunchRequest", request_id="same"),
                         now=1000.0 + fs.REPLAY_RETENTION + 1)
        self.assertIsNone(late.replayed)

    def test_tampered_session_attributes_start_afresh(self):
        welcome = self.launch()
        attributes = json.loads(json.dumps(welcome["sessionAttributes"]))
        attributes["flowc"]["state"] = "thanks"
        turn, answer = self.buy_now(attributes)
        self.assertEqual(turn.trace.states_entered, ["welcome"])
        self.assertEqual(answer["response"]["outputSpeech"]["text"], "Welcome. Buy the kit?")
        self.assertTrue(any("refused session attributes" in line for line in self.log))
        # Another customer's attributes are refused the same way.
        turn, _ = self.buy_now(welcome["sessionAttributes"], user=OTHER, request_id="o1")
        self.assertEqual(turn.opening.refusal, fs.TAMPERED)

    def test_a_foreign_agreement_is_not_charged(self):
        welcome = self.launch()
        self.buy.set = (("product", fs.Lit(fs.ProductRef("kit"))), ("agreement.id", fs.Lit("B99")))
        turn, answer = self.buy_now(welcome["sessionAttributes"])
        self.assertEqual(turn.variables["payment.error"], "UnknownBillingAgreement")
        self.assertEqual(answer["response"]["outputSpeech"]["text"],
                         "Sorry: UnknownBillingAgreement.")
        self.assertEqual(self.store.orders(SHOPPER), [])

    def test_without_the_permission_nothing_is_sent(self):
        envelope = request("IntentRequest", request_id="p1",
                           intent={"name": "BuyIntent", "confirmationStatus": "NONE"})
        envelope["context"]["System"]["user"]["permissions"]["scopes"][fs.PAYMENT_SCOPE][
            "status"] = "DENIED"
        turn = self.turn(envelope)
        state = turn.intent_state(self.states)
        answer = turn.respond(turn.take_intent(state, self.welcome, self.buy, self.states))
        self.assertEqual(turn.trace.payment_outcomes,
                         [{"state": "charge", "outcome": "permission_denied"}])
        self.assertNotIn("directives", answer["response"])


class RunnerTests(unittest.TestCase):
    """local_runner.py on a skill built from the tiny flow: protocol lines in, lines out."""

    def setUp(self):
        self.folder = tempfile.mkdtemp()
        support = os.path.dirname(fs.__file__)
        os.makedirs(os.path.join(self.folder, "lambda"))
        shutil.copy(os.path.join(support, "local_runner.py"), self.folder)
        shutil.copy(os.path.join(support, "flowc_support.py"),
                    os.path.join(self.folder, "lambda"))
        shutil.copy(os.path.join(HERE, "test_flowc_support.py"),
                    os.path.join(self.folder, "lambda", "tiny.py"))
        with open(os.path.join(self.folder, "lambda", "lambda_function.py"), "w") as handle:
            handle.write(LAMBDA_FUNCTION)

    def tearDown(self):
        shutil.rmtree(self.folder)

    def run_lines(self, lines, *arguments):
        return subprocess.run(
            [sys.executable, os.path.join(self.folder, "local_runner.py")] + list(arguments),
            input="".join(line + "\n" for line in lines), capture_output=True, text=True,
            timeout=120)

    def test_protocol_lines(self):
        launch = json.dumps(request("LaunchRequest", request_id="l1"))
        run = self.run_lines([launch, '{"flowc":"inspect","userId":"%s"}' % SHOPPER,
                              "not json", "[1]", launch, ""])
        self.assertEqual(run.returncode, 0, run.stderr)
        lines = run.stdout.splitlines()
        self.assertEqual(len(lines), 5, run.stdout)
        first = json.loads(lines[0])
        self.assertEqual(first["response"]["outputSpeech"]["text"], "Welcome. Buy the kit?")
        self.assertNotIn("userAgent", first)
        inspect = json.loads(lines[1])
        self.assertEqual(inspect["trace"]["statesEntered"], ["welcome"])
        self.assertEqual(inspect["trace"]["variables"],
                         {"quantity": {"int": 1}, "agreement.open": {"bool": False}})
        self.assertEqual(inspect["orders"], [])
        self.assertEqual(json.loads(lines[2])["flowc"], "error")
        self.assertEqual(json.loads(lines[3])["flowc"], "error")
        self.assertEqual(json.loads(lines[4]), first)
        self.assertIn("line 3", run.stderr)

    def test_store_file_is_shared_between_runs(self):
        path = os.path.join(self.folder, "store.json")
        launch = json.dumps(request("LaunchRequest", request_id="l1"))
        first = self.run_lines([launch], "--store", path)
        second = self.run_lines([launch], "--store", path)
        self.assertEqual(first.returncode, 0, first.stderr)
        # The same request id: answered from the file's replay cache, byte for byte.
        self.assertEqual(first.stdout, second.stdout)
        with open(path) as handle:
            self.assertIn(fs.SHOP_PARTITION, json.load(handle))

    def test_inspect_before_any_request(self):
        run = self.run_lines(['{"flowc":"inspect","userId":"u"}'])
        self.assertEqual(json.loads(run.stdout),
                         {"flowc": "inspect", "trace": None, "orders": [], "agreements": []})


LAMBDA_FUNCTION = '''
import flowc_support as fs
import tiny
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.skill_builder import CustomSkillBuilder

FLOW, STATES, ON, WELCOME, BUY = tiny.tiny_flow()
STORE = fs.default_store()


class LaunchHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return fs.turn_of(handler_input, FLOW, STORE).request_type == "LaunchRequest"

    def handle(self, handler_input):
        turn = fs.turn_of(handler_input, FLOW, STORE)
        turn.start_conversation()
        return turn.finish(handler_input, turn.run(FLOW.start, STATES))


sb = CustomSkillBuilder(persistence_adapter=STORE.adapter)
sb.add_request_handler(fs.ReplayHandler(FLOW, STORE))
sb.add_request_handler(fs.ConnectionsResponseHandler(FLOW, STORE, ON, STATES))
sb.add_request_handler(LaunchHandler())
sb.add_request_handler(fs.EmptyResponseHandler(FLOW, STORE))
lambda_handler = sb.lambda_handler()
'''


if __name__ == "__main__":
    unittest.main()
