#!/usr/bin/env python3
"""A queue-server client in Python, written from common/protocol/PROTOCOL.md alone.

It proves the document is enough to talk to the server: CURVE keys from the key folders, the
request envelope over a DEALER with Lazy Pirate retries (section 10), the Clone-pattern replica
over a SUB (section 9), and one ticket's whole life. Every check that fails is printed; the
exit status is 0 only when all of them pass.

Usage:
  python_client.py --host 127.0.0.1 --port REQUEST_PORT --keys KEYS_DIR
                   --service SERVICE_ID --counter COUNTER_ID --officer ID --pin PIN

KEYS_DIR holds one key folder per role: kiosk/, counter/, display/, admin/ (each with
client.key and server.pub, as written by `queue_server keys add`). The hall must be open now,
the officer must exist, the counter must serve the service, and no ticket of the counter's
services may be waiting (a fresh data dir).
"""

import argparse
import json
import re
import secrets
import sys
import time

import zmq

PROTOCOL_VERSION = 1            # section 14
HEARTBEAT_LOSS_S = 3.0          # section 9, step 6
REQUEST_TIMEOUT_MS = 2000       # section 10
REQUEST_ATTEMPTS = 3


class Fatal(Exception):
    """A failure after which the run cannot go on."""


# ---- keys (section 2.3) ------------------------------------------------------------------

def read_key_file(path):
    fields = {}
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, value = line.split("=", 1)
            fields[key.strip(" \t\r")] = value.strip(" \t\r")
    return fields


class Keys:
    def __init__(self, folder):
        client = read_key_file(f"{folder}/client.key")
        server = read_key_file(f"{folder}/server.pub")
        self.name = client.get("name", "")
        self.role = client.get("role", "")
        self.public = client["public"]
        self.secret = client["secret"]
        self.server_public = server["public"]
        for k in (self.public, self.secret, self.server_public):
            if len(k) != 40:
                raise Fatal(f"key folder {folder}: a key is not 40 Z85 characters")


def curve_client(sock, keys):
    """Sets the three CURVE client options (section 2.1); call before connect."""
    sock.curve_serverkey = keys.server_public.encode()
    sock.curve_publickey = keys.public.encode()
    sock.curve_secretkey = keys.secret.encode()


# ---- requests (sections 3, 4, 10) ----------------------------------------------------------

class Reply:
    def __init__(self, text):
        self.text = text
        self.json = json.loads(text)
        self.req = self.json.get("req")
        self.ok = self.json.get("ok") is True
        self.body = self.json.get("body", {}) if self.ok else {}
        err = self.json.get("error", {}) if not self.ok else {}
        self.code = err.get("code", "internal_error") if not self.ok else None
        self.message = err.get("message", "") if not self.ok else None

    def __repr__(self):
        return self.text


class RequestClient:
    """One DEALER, Lazy Pirate style: timeout, new socket, same frame again."""

    def __init__(self, ctx, host, port, keys, timeout_ms=REQUEST_TIMEOUT_MS, attempts=REQUEST_ATTEMPTS):
        self.ctx = ctx
        self.endpoint = f"tcp://{host}:{port}"
        self.keys = keys
        self.timeout_ms = timeout_ms
        self.attempts = attempts
        # A fresh instance id per start, so restarted numbering never meets stored replies.
        self.client_id = f"{keys.name or 'py'}-{secrets.token_hex(6)}"
        self.last_req = 0
        self.sock = None

    def _connect(self):
        self.sock = self.ctx.socket(zmq.DEALER)
        self.sock.linger = 0
        curve_client(self.sock, self.keys)
        self.sock.connect(self.endpoint)

    def reset(self):
        """Drops the socket, as after a timeout; the next call opens a new one."""
        if self.sock is not None:
            self.sock.close(linger=0)
            self.sock = None

    def reserve(self):
        self.last_req += 1
        return self.last_req

    def frame(self, msg_type, body, req, version=PROTOCOL_VERSION):
        return json.dumps({"v": version, "type": msg_type, "client": self.client_id, "req": req,
                           "body": body if body is not None else {}}, separators=(",", ":"))

    def send_frame(self, frame, req):
        """Sends one frame with Lazy Pirate retries; returns a Reply or None (unreachable)."""
        data = frame.encode() if isinstance(frame, str) else frame
        for _ in range(self.attempts):
            if self.sock is None:
                self._connect()
            try:
                self.sock.send(data, zmq.NOBLOCK)
            except zmq.Again:
                pass
            deadline = time.monotonic() + self.timeout_ms / 1000.0
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                if not self.sock.poll(int(left * 1000) + 1, zmq.POLLIN):
                    continue
                text = self.sock.recv().decode("utf-8")
                reply = Reply(text)
                if reply.req != req and reply.req != 0:
                    continue  # a late reply to an earlier request
                return reply
            self.reset()
        return None

    def call(self, msg_type, body=None, req=None, version=PROTOCOL_VERSION):
        if req is None:
            req = self.reserve()
        reply = self.send_frame(self.frame(msg_type, body, req, version), req)
        if reply is None:
            raise Fatal(f"{msg_type}: no reply from {self.endpoint} after {self.attempts} attempts")
        return reply


# ---- replica (section 9) ---------------------------------------------------------------------

class Replica:
    def __init__(self):
        self.loaded = False
        self.seq = 0
        self.date = ""
        self.hall_name = ""
        self.tickets = {}
        self.counters = {}
        self.services = {}

    def load_snapshot(self, body):
        self.seq = body["seq"]
        self.date = body["date"]
        self.hall_name = body["hall"]["name"]
        self.tickets = {t["id"]: t for t in body["tickets"]}
        self.counters = {c["id"]: c for c in body["counters"]}
        self.services = {s["id"]: s for s in body["services"]}
        self.loaded = True

    def apply(self, event):
        seq = event["seq"]
        if seq <= self.seq:
            return "stale"
        if seq != self.seq + 1:
            return "gap"
        self.seq = seq
        if event.get("action") == "day":
            self.date = event["date"]
            self.tickets = {}
        ticket = event.get("ticket")
        if isinstance(ticket, dict) and ticket.get("date") == self.date:
            self.tickets[ticket["id"]] = ticket
        counter = event.get("counter")
        if isinstance(counter, dict):
            self.counters[counter["id"]] = counter
        for service in event.get("services") or []:
            self.services[service["id"]] = service
        return "applied"

    def behind(self, announced_seq):
        return self.loaded and announced_seq > self.seq

    def canonical(self):
        return {
            "seq": self.seq,
            "date": self.date,
            "hall": self.hall_name,
            "tickets": [self.tickets[k] for k in sorted(self.tickets)],
            "counters": [self.counters[k] for k in sorted(self.counters)],
            "services": [self.services[k] for k in sorted(self.services)],
        }


class Link:
    """hello, subscribe first, snapshot, then events and heartbeats into a replica."""

    def __init__(self, ctx, requests, host):
        self.ctx = ctx
        self.requests = requests
        self.host = host
        self.replica = Replica()
        self.sub = None
        self.applied = []         # every applied event, in order
        self.heartbeats = []      # every heartbeat body, in order
        self.snapshots = 0
        self.gaps = 0
        self.behind_count = 0
        self.last_heard = None
        self.hello = None

    def start(self):
        hello = self.requests.call("hello")
        if not hello.ok:
            raise Fatal(f"hello refused: {hello.code}: {hello.message}")
        self.hello = hello.body
        self.sub = self.ctx.socket(zmq.SUB)
        self.sub.linger = 0
        self.sub.setsockopt(zmq.RCVHWM, 100000)
        curve_client(self.sub, self.requests.keys)
        self.sub.setsockopt(zmq.SUBSCRIBE, b"")
        self.sub.connect(f"tcp://{self.host}:{hello.body['pub_port']}")
        # Wait for the first message so the subscription is live before the snapshot.
        deadline = time.monotonic() + HEARTBEAT_LOSS_S
        while not self.sub.poll(50, zmq.POLLIN):
            if time.monotonic() > deadline:
                raise Fatal(f"nothing heard on the PUB socket (port {hello.body['pub_port']}) "
                            f"within {HEARTBEAT_LOSS_S} s")
        self.resnapshot()

    def resnapshot(self):
        snap = self.requests.call("snapshot")
        if not snap.ok:
            raise Fatal(f"snapshot refused: {snap.code}: {snap.message}")
        self.replica.load_snapshot(snap.body)
        self.snapshots += 1
        return snap.body

    def unreachable(self):
        return self.last_heard is None or time.monotonic() - self.last_heard > HEARTBEAT_LOSS_S

    def pump(self, seconds):
        """Receives for up to `seconds`, applying events; returns at the first quiet moment after."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if not self.sub.poll(int(left * 1000) + 1, zmq.POLLIN):
                continue
            while True:
                try:
                    frames = self.sub.recv_multipart(zmq.NOBLOCK)
                except zmq.Again:
                    break
                if len(frames) != 2:
                    continue
                self.last_heard = time.monotonic()
                topic, body = frames[0], json.loads(frames[1].decode("utf-8"))
                if topic == b"hb":
                    self.heartbeats.append(body)
                    if self.replica.behind(body["seq"]):
                        self.behind_count += 1
                        self.resnapshot()
                    continue
                if topic != b"ev":
                    continue
                result = self.replica.apply(body)
                if result == "applied":
                    self.applied.append(body)
                elif result == "gap":
                    self.gaps += 1
                    self.resnapshot()

    def pump_until(self, predicate, seconds):
        deadline = time.monotonic() + seconds
        while not predicate():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self.pump(min(left, 0.05))
        return True


# ---- the test ---------------------------------------------------------------------------------

class Checks:
    def __init__(self):
        self.failures = []

    def check(self, cond, what, detail=""):
        if cond:
            print(f"ok   {what}")
        else:
            msg = f"FAIL {what}" + (f": {detail}" if detail else "")
            print(msg)
            self.failures.append(msg)
        return cond

    def require(self, cond, what, detail=""):
        if not self.check(cond, what, detail):
            raise Fatal(what)


def expect_ok(checks, reply, what):
    checks.require(reply.ok, what, f"{reply.code}: {reply.message}" if not reply.ok else "")
    return reply.body


def diff(a, b, path=""):
    """Human-readable differences between two JSON values (first few)."""
    out = []
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a:
                out.append(f"{path}.{k}: missing in replica")
            elif k not in b:
                out.append(f"{path}.{k}: missing in snapshot")
            else:
                out += diff(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items in replica, {len(b)} in snapshot")
        for i, (x, y) in enumerate(zip(a, b)):
            out += diff(x, y, f"{path}[{i}]")
    elif a != b:
        out.append(f"{path}: replica {json.dumps(a)} != snapshot {json.dumps(b)}")
    return out[:10]


def run(args):
    checks = Checks()
    ctx = zmq.Context()
    keys = {role: Keys(f"{args.keys}/{role}") for role in ("kiosk", "counter", "display", "admin")}
    host, port = args.host, args.port
    display = RequestClient(ctx, host, port, keys["display"])
    kiosk = RequestClient(ctx, host, port, keys["kiosk"])
    counter = RequestClient(ctx, host, port, keys["counter"])
    admin = RequestClient(ctx, host, port, keys["admin"])
    try:
        # 1. Handshake and replica: hello, subscribe, first heartbeat, snapshot.
        link = Link(ctx, display, host)
        link.start()
        hello = link.hello
        checks.check(hello.get("protocol") == PROTOCOL_VERSION, "hello: protocol 1", json.dumps(hello))
        checks.check(hello.get("role") == "display" and hello.get("client") == keys["display"].name,
                     "hello: the server knows the display key's name and role", json.dumps(hello))
        checks.check(isinstance(hello.get("pub_port"), int) and isinstance(hello.get("seq"), int),
                     "hello: pub_port and seq are ints", json.dumps(hello))
        start_seq = link.replica.seq
        checks.check(link.replica.loaded and start_seq >= 0, f"snapshot loaded at seq {start_seq}")
        for role, client in (("kiosk", kiosk), ("counter", counter), ("admin", admin)):
            h = expect_ok(checks, client.call("hello"), f"hello as {role}")
            checks.check(h.get("role") == role, f"hello: role {role}", json.dumps(h))

        # 2. Version mismatch is answered explicitly.
        vm = kiosk.call("hello", version=PROTOCOL_VERSION + 1)
        checks.check(not vm.ok and vm.code == "version_mismatch" and vm.json.get("server_version") == PROTOCOL_VERSION,
                     "a request with v=2 gets version_mismatch with server_version 1", vm.text)

        # 3. Envelope errors and security.
        bad = kiosk.send_frame("not json", 0)
        checks.check(bad is not None and not bad.ok and bad.code == "malformed" and bad.req == 0,
                     "a frame that is not JSON gets malformed with req 0", repr(bad))
        stranger_pub, stranger_sec = zmq.curve_keypair()
        stranger_keys = Keys.__new__(Keys)
        stranger_keys.name, stranger_keys.role = "stranger", "kiosk"
        stranger_keys.public, stranger_keys.secret = stranger_pub.decode(), stranger_sec.decode()
        stranger_keys.server_public = keys["kiosk"].server_public
        stranger = RequestClient(ctx, host, port, stranger_keys, timeout_ms=1000, attempts=1)
        checks.check(stranger.send_frame(stranger.frame("hello", {}, 1), 1) is None,
                     "a key that is not on the allow-list gets no reply at all")
        stranger.reset()

        # 4. Issue a ticket; the same request number again returns the same ticket.
        issue_req = kiosk.reserve()
        first = kiosk.call("issue_ticket", {"service": args.service}, req=issue_req)
        issued = expect_ok(checks, first, "issue_ticket")
        ticket = issued["ticket"]
        tid = ticket["id"]
        checks.check(ticket["state"] == "waiting" and ticket["service"] == args.service,
                     f"issued {ticket['number']} (id {tid}) waiting for {args.service}", json.dumps(ticket))
        checks.check(re.fullmatch(r"[A-Z]{1,3}-\d{3,}", ticket["number"]) is not None,
                     "the ticket number looks like A-001", ticket["number"])
        checks.check(isinstance(issued.get("ahead"), int) and isinstance(issued.get("est_wait_min"), int)
                     and issued.get("service", {}).get("id") == args.service,
                     "issue reply has ahead, est_wait_min and the service status", first.text[:300])
        again = kiosk.call("issue_ticket", {"service": args.service}, req=issue_req)
        checks.check(again.ok and again.body["ticket"]["id"] == tid and again.body["ticket"]["number"] == ticket["number"],
                     "a repeated request number returns the same ticket", again.text[:300])
        checks.check(again.text == first.text, "the repeated reply is byte-identical to the first")
        kiosk.reset()  # as after a Lazy Pirate timeout: a new socket, the same request
        third = kiosk.call("issue_ticket", {"service": args.service}, req=issue_req)
        checks.check(third.ok and third.body["ticket"]["id"] == tid,
                     "the same request number from a new socket returns the same ticket", third.text[:300])

        # 5. Roles: a kiosk cannot call, a display cannot issue, a counter cannot list officers.
        for client, msg_type, body, who in (
                (kiosk, "call_next", {"counter": args.counter}, "kiosk"),
                (display, "issue_ticket", {"service": args.service}, "display"),
                (counter, "officer_list", {}, "counter")):
            r = client.call(msg_type, body)
            checks.check(not r.ok and r.code == "forbidden", f"{who} sending {msg_type} is refused with forbidden", r.text)

        # 6. The counter: log in, call next, recall, serve, finish.
        login = expect_ok(checks, counter.call("login", {"officer": args.officer, "pin": args.pin,
                                                         "counter": args.counter}), "login")
        checks.check(login["counter"]["state"] == "open" and login["counter"]["officer"] == args.officer
                     and login["officer"]["id"] == args.officer, "login opens the counter", json.dumps(login))
        officers = expect_ok(checks, admin.call("officer_list"), "officer_list as admin")
        checks.check({"id": args.officer, "counter": args.counter}.items() <=
                     next((o for o in officers["officers"] if o["id"] == args.officer), {}).items(),
                     "officer_list shows the officer at the counter", json.dumps(officers))

        called = expect_ok(checks, counter.call("call_next", {"counter": args.counter}), "call_next")
        checks.check(called["ticket"]["id"] == tid and called["ticket"]["state"] == "called"
                     and called["ticket"]["counter"] == args.counter and called["counter"]["ticket"] == tid,
                     "call_next calls the issued ticket", json.dumps(called["ticket"]))
        recalled = expect_ok(checks, counter.call("recall", {"counter": args.counter}), "recall")
        checks.check(recalled["ticket"]["state"] == "called" and recalled["ticket"]["recalls"] == 1,
                     "recall keeps it called and counts 1 recall", json.dumps(recalled["ticket"]))
        serving = expect_ok(checks, counter.call("start_serving", {"counter": args.counter, "ticket": ticket["number"]}),
                            "start_serving")
        checks.check(serving["ticket"]["state"] == "serving" and isinstance(serving["ticket"]["serving_at"], int),
                     "start_serving: serving", json.dumps(serving["ticket"]))
        early = counter.call("call_next", {"counter": args.counter})
        checks.check(not early.ok and early.code == "counter_busy", "call_next while serving: counter_busy", early.text)
        done = expect_ok(checks, counter.call("finish", {"counter": args.counter}), "finish")
        checks.check(done["ticket"]["state"] == "done" and isinstance(done["ticket"]["finished_at"], int)
                     and done["counter"]["ticket"] is None, "finish: done, the counter is free", json.dumps(done))
        twice = counter.call("finish", {"counter": args.counter})
        checks.check(not twice.ok and twice.code == "illegal_transition", "finish again: illegal_transition", twice.text)
        info = expect_ok(checks, kiosk.call("ticket_info", {"token": ticket["token"]}), "ticket_info by token")
        checks.check(info["ticket"]["id"] == tid and info["ticket"]["state"] == "done" and info["ahead"] == 0,
                     "ticket_info by token finds the finished ticket", json.dumps(info)[:300])

        # 7. The events: in order, consecutive seq, matching each step.
        expected = [("issue", "waiting"), ("login", None), ("call", "called"), ("recall", "called"),
                    ("start_serving", "serving"), ("finish", "done")]
        hall_actions = ("issue", "login", "call", "recall", "start_serving", "finish")

        def mine():
            return [e for e in link.applied if e["action"] in hall_actions]

        link.pump_until(lambda: len(mine()) >= len(expected), 5.0)
        got = mine()
        checks.check([e["action"] for e in got] == [a for a, _ in expected],
                     "events arrive in order: " + ", ".join(a for a, _ in expected),
                     "got " + ", ".join(f"#{e['seq']} {e['action']}" for e in got))
        seqs = [e["seq"] for e in link.applied]
        checks.check(seqs == list(range(start_seq + 1, start_seq + 1 + len(seqs))),
                     f"event seqs are consecutive from {start_seq + 1}", str(seqs))
        checks.check(link.gaps == 0 and link.snapshots == 1,
                     "no gap and no re-snapshot was needed", f"gaps={link.gaps} snapshots={link.snapshots}")
        for event, (action, state) in zip(got, expected):
            if state is None:
                c = event.get("counter", {})
                checks.check(c.get("id") == args.counter and c.get("state") == "open",
                             f"#{event['seq']} {action}: counter {args.counter} open", json.dumps(c))
            else:
                t = event.get("ticket", {})
                checks.check(t.get("id") == tid and t.get("state") == state,
                             f"#{event['seq']} {action}: ticket {ticket['number']} {state}", json.dumps(t)[:300])
            checks.check(isinstance(event.get("at"), int) and isinstance(event.get("services"), list),
                         f"#{event['seq']} {action}: has at and services")
        checks.check(sum(1 for e in link.applied if e["action"] == "issue") == 1,
                     "the repeated issue requests published no second issue event")

        # 8. Heartbeats announce the replica's seq; the replica equals a fresh snapshot.
        final_seq = link.replica.seq
        heard = link.pump_until(lambda: any(hb["seq"] == final_seq for hb in link.heartbeats), 3.0)
        checks.check(heard, f"a heartbeat announces seq {final_seq}",
                     json.dumps(link.heartbeats[-3:]))
        checks.check(not link.unreachable(), "the server is heard (not unreachable)")
        replica_state = link.replica.canonical()
        fresh = Replica()
        fresh.load_snapshot(expect_ok(checks, display.call("snapshot"), "fresh snapshot"))
        differences = diff(replica_state, fresh.canonical())
        checks.check(not differences, "the replica equals a fresh snapshot", "; ".join(differences))
    except Fatal as e:
        checks.failures.append(f"FATAL {e}")
        print(f"FATAL {e}")
    finally:
        for client in (display, kiosk, counter, admin):
            client.reset()
        ctx.destroy(linger=0)

    if checks.failures:
        print(f"\n{len(checks.failures)} check(s) failed:")
        for f in checks.failures:
            print("  " + f)
        return 1
    print("\nPASS: the Python client speaks the protocol as PROTOCOL.md describes it")
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True, help="the server's request port")
    p.add_argument("--keys", required=True, help="folder with kiosk/, counter/, display/, admin/ key folders")
    p.add_argument("--service", required=True)
    p.add_argument("--counter", required=True)
    p.add_argument("--officer", required=True)
    p.add_argument("--pin", required=True)
    return run(p.parse_args())


if __name__ == "__main__":
    sys.exit(main())
