#!/usr/bin/env python3
"""A client of `aup-rules serve` that needs nothing but the Python standard library.

    python3 aup_rules_client.py facts.json                   # one facts document
    python3 aup_rules_client.py --account acc-1 facts.json   # one account of it
    python3 aup_rules_client.py --lines fleet.ndjson         # JSON Lines, streamed both ways

It prints one line per violation (account, clause, severity, rule) and a summary, and exits 1
when there is a violation, 0 when there is none, 2 on an error (the problem document's detail).
"""
import argparse
import http.client
import json
import os
import socket
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request


class AupRules:
    def __init__(self, url="http://127.0.0.1:8181", token=None, timeout=60):
        self.url = urllib.parse.urlsplit(url)
        self.token = token
        self.timeout = timeout

    def _headers(self, content_type):
        h = {"Content-Type": content_type}
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        return h

    def evaluate(self, facts, account=None):
        """POST one facts document (a dict); returns the output document, with its decisionId."""
        path = "/v1/evaluate" + ("?account=" + urllib.parse.quote(account) if account else "")
        req = urllib.request.Request(
            urllib.parse.urlunsplit((self.url.scheme, self.url.netloc, path, "", "")),
            data=json.dumps(facts).encode("utf-8"),
            headers=self._headers("application/json"),
            method="POST",
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as r:
                return json.load(r)
        except urllib.error.HTTPError as e:
            raise Problem(json.load(e)) from None

    def evaluate_lines(self, lines):
        """POST JSON Lines (an iterable of dicts, one account each) and yield one answer per line
        as it arrives: sending and reading run side by side, so neither side holds the fleet."""
        if self.url.scheme != "http":
            raise ValueError("this sketch streams over plain HTTP; use evaluate() over HTTPS")
        sock = socket.create_connection((self.url.hostname, self.url.port or 80), timeout=self.timeout)
        head = "POST /v1/evaluate HTTP/1.1\r\nHost: %s\r\nTransfer-Encoding: chunked\r\n" % self.url.netloc
        head += "".join("%s: %s\r\n" % kv for kv in self._headers("application/x-ndjson").items())
        sock.sendall((head + "\r\n").encode("ascii"))

        def send():
            for facts in lines:
                data = (json.dumps(facts) + "\n").encode("utf-8")
                sock.sendall(b"%x\r\n%s\r\n" % (len(data), data))
            sock.sendall(b"0\r\n\r\n")

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        response = http.client.HTTPResponse(sock)
        response.begin()
        if response.status != 200:
            raise Problem(json.loads(response.read()))
        for line in response:
            yield json.loads(line)
        sender.join()
        sock.close()


class Problem(Exception):
    """An RFC 9457 problem document the server answered with."""

    def __init__(self, document):
        super().__init__(document.get("detail", document))
        self.document = document


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("file")
    p.add_argument("--url", default=os.environ.get("AUP_RULES_URL", "http://127.0.0.1:8181"))
    p.add_argument("--token-file")
    p.add_argument("--account")
    p.add_argument("--lines", action="store_true", help="FILE is JSON Lines, one account a line")
    a = p.parse_args()
    token = open(a.token_file).read().split()[0] if a.token_file else None
    client = AupRules(a.url, token)
    try:
        if a.lines:
            with open(a.file, encoding="utf-8") as f:
                answers = list(client.evaluate_lines(json.loads(l) for l in f if l.strip()))
        else:
            with open(a.file, encoding="utf-8") as f:
                answers = [client.evaluate(json.load(f), a.account)]
    except Problem as e:
        print("aup-rules: %s" % e, file=sys.stderr)
        return 2
    found = 0
    for answer in answers:
        if "status" in answer:  # a line whose facts were wrong: its problem document
            print("line %s: %s" % (answer.get("line"), answer["detail"]), file=sys.stderr)
            continue
        for v in answer["violations"]:
            found += 1
            print("%s %s %s %s" % (v["accountId"], v["clause"]["id"], v["severity"], v["ruleId"]))
    print("%d answer(s), %d violation(s)" % (len(answers), found))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
