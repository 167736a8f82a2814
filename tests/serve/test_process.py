"""The real `segrules serve` process on 127.0.0.1: start, call, reload on SIGHUP with a broken
and a good ruleset, stop. Every wait is bounded."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from service_support import ANSWERS, BASE_ANSWERS, PROVEN_BASE, SUUNTIMA, TOKEN
from support import variant

WAIT = 60  # seconds: the most any step may take on a slow machine


class Server:
    def __init__(self, *args: str):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "segrules", "serve", *args, "--port", "0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        self.lines: list[str] = []
        self._port = threading.Event()
        self.port = None
        threading.Thread(target=self._read, daemon=True).start()
        if not self._port.wait(WAIT):
            self.stop()
            raise AssertionError("the server did not start:\n" + "".join(self.lines))

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line)
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
            if m:
                self.port = int(m.group(1))
                self._port.set()

    def request(self, method: str, path: str, body=None, headers=None) -> tuple[int, dict, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT)
        try:
            data = json.dumps(body).encode() if body is not None else None
            hdrs = {"Content-Type": "application/json", **(headers or {})}
            conn.request(method, path, body=data, headers=hdrs)
            r = conn.getresponse()
            return r.status, dict(r.getheaders()), r.read()
        finally:
            conn.close()

    def until(self, check, what: str):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            got = check()
            if got:
                return got
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}:\n" + "".join(self.lines))

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(WAIT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise
        return self.proc.returncode


@pytest.fixture
def server_factory():
    started = []

    def make(*args):
        s = Server(*args)
        started.append(s)
        return s

    yield make
    for s in started:
        s.stop()


def test_the_real_process_serves_reloads_and_stops(server_factory, tmp_path):
    folder = tmp_path / "rulesets"
    folder.mkdir()
    (folder / "suuntima.yaml").write_text(SUUNTIMA.read_text(encoding="utf-8"), encoding="utf-8")
    base = folder / "base.yaml"
    base.write_text(PROVEN_BASE, encoding="utf-8")
    token = tmp_path / "token"
    token.write_text(TOKEN + "\n")
    log = tmp_path / "decisions.jsonl"
    s = server_factory(str(folder), "--token-file", str(token), "--decision-log", str(log))
    auth = {"Authorization": f"Bearer {TOKEN}"}

    status, _, body = s.request("GET", "/health/ready")
    assert status == 200 and json.loads(body) == {"status": "ok"}
    status, _, body = s.request("POST", "/v1/rulesets/helsinki.suuntima/decide", {"answers": ANSWERS})
    assert status == 401 and json.loads(body)["code"] == "SR910" and b"omatoimi" not in body
    status, headers, body = s.request("POST", "/v1/rulesets/helsinki.suuntima/decide", {"answers": ANSWERS}, auth)
    assert status == 200 and json.loads(body)["decision"]["segment"]["id"] == "omatoimi"

    # a broken version: the last good one keeps serving, readiness says why
    base.write_text(variant("hit_policy: unique", "hit_policy: [unique", PROVEN_BASE), encoding="utf-8")
    s.proc.send_signal(signal.SIGHUP)
    ready = s.until(lambda: (r := json.loads(s.request("GET", "/health/ready", headers=auth)[2]))["status"] == "degraded"
                    and r, "degraded")
    assert ready["reasons"][0].startswith("SR010") and "keeps serving" in ready["reasons"][0]
    status, headers, body = s.request("POST", "/v1/rulesets/test.base/decide", {"answers": BASE_ANSWERS}, auth)
    assert status == 200 and json.loads(body)["decision"]["ruleset"]["version"] == "1.0.0"

    # a good new version goes live
    base.write_text(variant("version: 1.0.0", "version: 2.0.0", PROVEN_BASE), encoding="utf-8")
    s.proc.send_signal(signal.SIGHUP)
    s.until(lambda: json.loads(s.request("GET", "/health/ready", headers=auth)[2])["status"] == "ok", "ok")
    status, headers, body = s.request("POST", "/v1/rulesets/test.base/decide", {"answers": BASE_ANSWERS}, auth)
    assert status == 200 and json.loads(body)["decision"]["ruleset"]["version"] == "2.0.0"

    assert s.stop() in (0, -signal.SIGTERM)
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert [x["ruleset"]["version"] for x in lines] == ["1.0.0", "1.0.0", "2.0.0"]
    assert all("answers" not in x for x in lines)
    assert any("SR010" in line for line in s.lines)  # the reason is on the terminal too
    assert not any("Traceback" in line for line in s.lines)


def test_a_body_that_comes_too_slowly_is_408_sr916(server_factory):
    s = server_factory(str(SUUNTIMA), "--timeout", "1")
    with socket.create_connection(("127.0.0.1", s.port), timeout=WAIT) as sock:
        sock.sendall(b"POST /v1/rulesets/helsinki.suuntima/decide HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"answers\": ")
        data = b""
        while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408") and json.loads(body)["code"] == "SR916"


def test_start_fails_clearly_on_a_ruleset_that_cannot_be_served(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(variant("    expect: omatoimi", "    expect: verkosto", PROVEN_BASE), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "segrules", "serve", str(bad), "--port", "0"],
                       capture_output=True, text=True, timeout=WAIT)
    assert r.returncode == 1 and "SR902" in r.stderr and "Traceback" not in r.stderr
    assert "listening" not in r.stderr


def test_a_port_in_use_is_sr906(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "segrules", "serve", str(SUUNTIMA), "--port", str(port)],
                           capture_output=True, text=True, timeout=WAIT, env={**os.environ})
    assert r.returncode == 1 and "SR906" in r.stderr and "Traceback" not in r.stderr
