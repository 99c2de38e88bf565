#!/usr/bin/env python3
"""The HTTP side of .ci/two-node-test: each subcommand drives two FaceAuth nodes (A and B, one PostgreSQL database)
with real faces-dev photos, alternating nodes request by request, and exits non-zero with one line when a check fails.
Standard library only."""
import argparse
import base64
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

RAW = os.path.join(os.environ.get("FACEAUTH_TEST_DATA", "../shared/data/faces-dev"), "raw")


def photo(relative):
    with open(os.path.join(RAW, relative), "rb") as f:
        return base64.b64encode(f.read()).decode("ascii")


def fail(message):
    print("two-node-test: " + message, file=sys.stderr)
    sys.exit(1)


class Node:
    """One node's base URL and the API key to call it with."""

    def __init__(self, name, url, key):
        self.name = name
        parsed = urllib.parse.urlparse(url)
        self.host, self.port = parsed.hostname, parsed.port
        self.key = key

    def call(self, method, path, body=None, timeout=60):
        """(status, parsed JSON or None); raises OSError when the node does not answer."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            headers = {"X-API-Key": self.key}
            data = None
            if body is not None:
                data = json.dumps(body).encode("utf-8")
                headers["Content-Type"] = "application/json"
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            raw = response.read()
            try:
                return response.status, json.loads(raw) if raw else None
            except ValueError:
                return response.status, None
        finally:
            connection.close()

    def enroll(self, user, images):
        return self.call("POST", "/api/v1/users/%s/faces" % user, {
            "images": images, "createUser": True, "consent": True, "allowDuplicate": True})

    def verify(self, user, image):
        return self.call("POST", "/api/v1/auth/verify", {"userId": user, "image": image})


def nodes(args, key=None):
    return Node("A", args.a, key or args.key), Node("B", args.b, key or args.key)


def expect(condition, message):
    if not condition:
        fail(message)


def enroll_verify(args):
    """Enroll on A, verify on B at once (and the other way round), several users."""
    a, b = nodes(args)
    people = ["Bill_Frist", "Angelina_Jolie", "Edmund_Stoiber", "Barack_Obama"]
    for i, person in enumerate(people):
        first, second = (a, b) if i % 2 == 0 else (b, a)
        status, body = first.enroll(person, [photo("users/%s/1.jpg" % person), photo("users/%s/2.jpg" % person)])
        expect(status == 201 and body["templatesAdded"] >= 1, "enroll %s on %s: %s %s" % (person, first.name, status, body))
        status, body = second.verify(person, photo("test/known_faces/%s_1.jpg" % person))
        expect(status == 200 and body["match"], "verify %s on %s right after enrolling on %s: %s %s"
               % (person, second.name, first.name, status, body))
        print("two-node-test: %s enrolled on %s, verified on %s at once: %s"
              % (person, first.name, second.name, body["outcome"]))


def challenge(args):
    """A challenge issued by A is answered on B; the spent nonce is unknown on both."""
    a, b = nodes(args)
    frames = [photo("test/known_faces/Bill_Frist_1.jpg"), photo("users/Bill_Frist/2.jpg")]
    for _ in range(50):
        status, issued = a.call("POST", "/api/v1/auth/challenge", {"userId": "Bill_Frist"})
        expect(status == 200, "challenge on A: %s %s" % (status, issued))
        if issued["instruction"] == "turn_right":
            break
    else:
        fail("A never asked turn_right")
    answer = {"userId": "Bill_Frist", "nonce": issued["nonce"], "frames": frames}
    status, body = b.call("POST", "/api/v1/auth/verify", answer)
    expect(status == 200 and body["match"], "A's challenge answered on B: %s %s" % (status, body))
    for node in (a, b):
        status, body = node.call("POST", "/api/v1/auth/verify", answer)
        expect(status == 409 and body.get("code") == "CHALLENGE_UNKNOWN",
               "the spent nonce replayed on %s: %s %s" % (node.name, status, body))
    print("two-node-test: challenge issued on A answered on B (match); the replay refused on A and B")


def lockout(args):
    """3 failed attempts on A and 2 on B lock the user on both."""
    a, b = nodes(args)
    user = "Ann_Veneman"
    status, body = a.enroll(user, [photo("users/Ann_Veneman/1.jpg"), photo("users/Ann_Veneman/2.jpg")])
    expect(status == 201, "enroll %s on A: %s %s" % (user, status, body))
    stranger = photo("test/known_faces/Bill_Frist_1.jpg")
    for node in (a, b, a, b, a):
        status, body = node.verify(user, stranger)
        expect(status == 200 and not body["match"], "failed attempt on %s: %s %s" % (node.name, status, body))
    genuine = photo("test/known_faces/Ann_Veneman_1.jpg")
    for node in (a, b):
        status, body = node.verify(user, genuine)
        expect(status == 423 and body.get("code") == "USER_LOCKED",
               "%s after 3 failures on A and 2 on B: %s %s" % (node.name, status, body))
    print("two-node-test: 3 failures on A + 2 on B: %s locked on A and on B (423 USER_LOCKED)" % user)


def rate_limit(args):
    """A key's limit of N a minute is one bucket for both nodes: requests alternating A and B are refused after about
    N in all (N plus what refills meanwhile; separate buckets would grant 2N), and then on both nodes."""
    a, b = nodes(args, args.limited_key)
    started = time.monotonic()
    granted = 0
    refused_on = None
    for i in range(2 * args.limit + 1):
        node = a if i % 2 == 0 else b
        status, body = node.call("GET", "/api/v1/users?size=1")
        if status == 429:
            expect(body.get("code") == "RATE_LIMITED", "429 without RATE_LIMITED on %s: %s" % (node.name, body))
            refused_on = node
            break
        expect(status == 200, "request %d on %s: %s %s" % (i + 1, node.name, status, body))
        granted += 1
    elapsed = time.monotonic() - started
    refilled = int(elapsed * args.limit / 60) + 1
    expect(refused_on is not None, "no request refused after %d (limit %d per node would be %d)"
           % (granted, args.limit, 2 * args.limit))
    expect(args.limit <= granted <= args.limit + refilled,
           "%d granted in %.1f s for a limit of %d a minute" % (granted, elapsed, args.limit))
    other = b if refused_on is a else a
    answers = [other.call("GET", "/api/v1/users?size=1")[0] for _ in range(3)]
    expect(429 in answers and answers.count(200) <= 1,
           "after the refusal on %s, %s answered %s" % (refused_on.name, other.name, answers))
    print("two-node-test: a limit of %d a minute per key, requests alternating A and B: %d granted in %.1f s (the "
          "limit plus at most %d refilled), then 429 on %s and on %s" % (
              args.limit, granted, elapsed, refilled, refused_on.name, other.name))


def load(args):
    """Verifications for a bounded time (or until --stop-file appears), alternating the nodes request by request and
    spreading them over --keys (app keys, so that no key's rate limit is what stops the load); one JSON line:
    requests, errors, throughput."""
    keys = args.keys.split(",")
    targets = [[Node(name, url, key) for key in keys] for name, url in (("A", args.a), ("B", args.b))
               if name in args.nodes]
    image = photo("test/known_faces/Bill_Frist_1.jpg")
    counts = {"requests": 0, "errors": 0}
    errors = []
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds

    def worker(offset):
        i = offset
        while time.monotonic() < deadline and not (args.stop_file and os.path.exists(args.stop_file)):
            node = targets[i % len(targets)][(i // len(targets)) % len(keys)]
            i += 1
            try:
                status, body = node.verify("Bill_Frist", image)
                ok = status == 200 and body["match"]
                detail = "%s %s %s" % (node.name, status, body)
            except OSError as e:
                ok, detail = False, "%s %s" % (node.name, e)
            with lock:
                counts["requests"] += 1
                if not ok:
                    counts["errors"] += 1
                    errors.append(detail)

    start = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    print(json.dumps({"load": args.label, "nodes": args.nodes, "connections": args.connections,
                      "seconds": round(elapsed, 1), "requests": counts["requests"], "errors": counts["errors"],
                      "throughputPerSecond": round(counts["requests"] / elapsed, 2)}))
    for detail in errors[:5]:
        print("two-node-test: failed: " + detail, file=sys.stderr)
    expect(counts["requests"] > 0 and counts["errors"] == 0, "%s: %d errors" % (args.label, counts["errors"]))


def enroll_stream(args):
    """Enrolls stream-N users one after another on A, writing each acknowledged id to --acks, until A stops
    answering; the id being enrolled when it stopped goes to --acks.pending."""
    a, _ = nodes(args)
    images = [photo("users/Barack_Obama/1.jpg"), photo("users/Barack_Obama/2.jpg")]
    for n in range(args.max):
        user = "stream-%d" % n
        with open(args.acks + ".pending", "w") as pending:
            pending.write(user + "\n")
        try:
            status, body = a.enroll(user, images)
        except OSError:
            return
        expect(status == 201, "stream enrollment %s: %s %s" % (user, status, body))
        with open(args.acks, "a") as acks:
            acks.write("%s %d\n" % (user, body["templatesAdded"]))
    fail("A was not killed within %d enrollments" % args.max)


def check_stream(args):
    """On --node: every acknowledged enrollment is there whole and verifies; the one in flight at the kill is there
    whole or not at all; no other stream user exists."""
    a, b = nodes(args)
    node = a if args.node == "A" else b
    acked = {}
    with open(args.acks) as f:
        for line in f:
            user, templates = line.split()
            acked[user] = int(templates)
    expect(acked, "no enrollment was acknowledged before the kill")
    probe = photo("test/known_faces/Barack_Obama_1.jpg")
    for user, templates in acked.items():
        status, body = node.call("GET", "/api/v1/users/" + user)
        expect(status == 200 and body["templates"] == templates,
               "acknowledged %s on %s: %s %s (expected %d templates)" % (user, node.name, status, body, templates))
        status, body = node.verify(user, probe)
        expect(status == 200 and body["match"], "acknowledged %s verifies on %s: %s %s" % (user, node.name, status, body))
    with open(args.acks + ".pending") as f:
        pending = f.read().strip()
    if pending not in acked:
        status, body = node.call("GET", "/api/v1/users/" + pending)
        expect(status == 404 or (status == 200 and body["templates"] == 2),
               "the enrollment in flight at the kill (%s) is half-written on %s: %s %s" % (pending, node.name, status, body))
        acked_or_whole = "absent" if status == 404 else "whole"
    else:
        acked_or_whole = "acknowledged"
    status, body = node.call("GET", "/api/v1/users?size=200")
    expect(status == 200, "listing on %s: %s" % (node.name, status))
    stream = {u["userId"] for u in body["items"] if u["userId"].startswith("stream-")}
    expect(stream <= set(acked) | {pending}, "unexpected stream users on %s: %s" % (node.name, stream - set(acked)))
    print("two-node-test: %d acknowledged enrollments whole and verifying on %s; the one in flight at the kill: %s"
          % (len(acked), node.name, acked_or_whole))


def verify_one(args):
    """One user verifies (match) on --node."""
    a, b = nodes(args)
    node = a if args.node == "A" else b
    status, body = node.verify(args.user, photo(args.photo))
    expect(status == 200 and body["match"], "%s on %s: %s %s" % (args.user, node.name, status, body))
    print("two-node-test: %s verifies on %s" % (args.user, node.name))


def enroll_one(args):
    a, b = nodes(args)
    node = a if args.node == "A" else b
    status, body = node.enroll(args.user, [photo(p) for p in args.photos])
    expect(status == 201, "enroll %s on %s: %s %s" % (args.user, node.name, status, body))
    print("two-node-test: %s enrolled on %s" % (args.user, node.name))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--a", required=True, help="node A's base URL")
    parser.add_argument("--b", required=True, help="node B's base URL")
    parser.add_argument("--key", required=True, help="an admin API key")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("enroll-verify").set_defaults(run=enroll_verify)
    sub.add_parser("challenge").set_defaults(run=challenge)
    sub.add_parser("lockout").set_defaults(run=lockout)
    p = sub.add_parser("rate-limit")
    p.add_argument("--limited-key", required=True)
    p.add_argument("--limit", type=int, required=True)
    p.set_defaults(run=rate_limit)
    p = sub.add_parser("load")
    p.add_argument("--label", required=True)
    p.add_argument("--nodes", default="AB")
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--connections", type=int, default=2)
    p.add_argument("--stop-file")
    p.add_argument("--keys", required=True, help="comma-separated app keys")
    p.set_defaults(run=load)
    p = sub.add_parser("enroll-stream")
    p.add_argument("--acks", required=True)
    p.add_argument("--max", type=int, default=200)
    p.set_defaults(run=enroll_stream)
    p = sub.add_parser("check-stream")
    p.add_argument("--acks", required=True)
    p.add_argument("--node", required=True, choices=["A", "B"])
    p.set_defaults(run=check_stream)
    p = sub.add_parser("verify")
    p.add_argument("--node", required=True, choices=["A", "B"])
    p.add_argument("--user", required=True)
    p.add_argument("--photo", required=True)
    p.set_defaults(run=verify_one)
    p = sub.add_parser("enroll")
    p.add_argument("--node", required=True, choices=["A", "B"])
    p.add_argument("--user", required=True)
    p.add_argument("--photos", nargs="+", required=True)
    p.set_defaults(run=enroll_one)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
