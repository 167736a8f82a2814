"""The real `segrules serve` process on 127.0.0.1: start, call, reload on SIGHUP with a broken
and a good ruleset, stop. Every wait is bounded."""

from __future__ import annotations

import http.client
import json
import os
import re
import select
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
            m = re.search(r"http://127\.0\.0\.1:(\d+)", line)  # in any language
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


# --------------------------------------------------------------------------- connections at the edge


def _drip(sock: socket.socket, data: bytes, pause: float = 0.1) -> bytes:
    """Send ``data`` a byte at a time until the server answers or closes; then all it sends."""
    for ch in data:
        if select.select([sock], [], [], pause)[0]:
            break
        try:
            sock.sendall(bytes([ch]))
        except OSError:
            break
    return _until_closed(sock)


def _until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (AssertionError if it does not)."""
    sock.settimeout(WAIT)
    out = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            return out
        except socket.timeout:
            raise AssertionError(f"the server kept the connection open; it sent {out[:300]!r}") from None
        if not chunk:
            return out
        out += chunk


def _problem(data: bytes, status: int, code: str) -> dict:
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 %d" % status), data[:300]
    assert b"content-type: application/problem+json" in head.lower() and b"connection: close" in head.lower()
    doc = json.loads(body)
    assert doc["code"] == code and doc["status"] == status and doc["type"] == f"urn:segrules:error:{code}"
    return doc


def test_a_connection_that_sends_nothing_is_closed(server_factory):
    s = server_factory(str(SUUNTIMA), "--timeout", "1")
    with socket.create_connection(("127.0.0.1", s.port), timeout=WAIT) as sock:
        assert _until_closed(sock) == b""


def test_headers_that_drip_get_408_sr916_and_the_connection_is_closed(server_factory):
    s = server_factory(str(SUUNTIMA), "--timeout", "1")
    request = b"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 1000 + b"\r\n\r\n"  # 100 s at 10 bytes/s
    with socket.create_connection(("127.0.0.1", s.port), timeout=WAIT) as sock:
        doc = _problem(_drip(sock, request), 408, "SR916")
    assert "headers" in doc["detail"]
    metrics = s.request("GET", "/metrics")[2].decode()
    assert 'segrules_rejected_inputs_total{code="SR916"} 1.0' in metrics


def test_a_body_that_drips_gets_408_and_the_rest_is_not_waited_for(server_factory):
    s = server_factory(str(SUUNTIMA), "--timeout", "1")
    body = b'{"answers": {' + b" " * 2000 + b"}}"
    head = (b"POST /v1/rulesets/helsinki.suuntima/decide HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body))
    with socket.create_connection(("127.0.0.1", s.port), timeout=WAIT) as sock:
        sock.sendall(head)
        data = _drip(sock, body)
        _problem(data, 408, "SR916")
        with pytest.raises(OSError):  # closed: the rest of the body has nowhere to go
            for _ in range(50):
                sock.sendall(b" " * 1000)
                time.sleep(0.05)


@pytest.mark.parametrize("garbage", [
    b"GARBAGE\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",  # a TLS handshake on the plain-HTTP port
    b"GET / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n",
])
def test_a_request_that_is_not_http_gets_a_problem_document_sr922(server_factory, garbage):
    s = server_factory(str(SUUNTIMA))
    with socket.create_connection(("127.0.0.1", s.port), timeout=WAIT) as sock:
        try:
            sock.sendall(garbage)
        except OSError:
            pass  # refused while sending: the answer is already there
        doc = _problem(_until_closed(sock), 400, "SR922")
    assert "not HTTP/1.1" in doc["detail"]
    assert not any("Traceback" in line for line in s.lines)


def test_a_malformed_chunked_body_is_sr922_and_no_failure_of_the_service(server_factory):
    """A body whose chunk size is no number: the protocol answers SR922; the app, whose body
    stream then ends, logs no internal error and counts none (SR921 is a bug of segrules)."""
    s = server_factory(str(SUUNTIMA))
    request = (b"POST /v1/rulesets/helsinki.suuntima/decide HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
               b"\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n")
    for _ in range(2):
        with socket.create_connection(("127.0.0.1", s.port), timeout=WAIT) as sock:
            sock.sendall(request)
            _problem(_until_closed(sock), 400, "SR922")
    time.sleep(0.2)
    metrics = s.request("GET", "/metrics")[2].decode()
    assert 'code="SR921"' not in metrics and 'segrules_rejected_inputs_total{code="SR922"} 2.0' in metrics
    assert not any("Traceback" in line or "internal error" in line for line in s.lines), s.lines


def test_keep_alive_and_pipelined_requests_still_work(server_factory):
    s = server_factory(str(SUUNTIMA), "--timeout", "2")
    one = b"GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection(("127.0.0.1", s.port), timeout=WAIT) as sock:
        sock.sendall(one + one)
        time.sleep(0.5)
        sock.sendall(one)
        data = _until_closed(sock)  # then idle: closed by the keep-alive limit
    assert data.count(b"HTTP/1.1 200 OK") == 3 and data.count(b'{"status": "alive"}') == 3


def test_a_body_that_never_comes_is_408_sr916(server_factory):
    """Headers in, not one byte of the body: the deadline still holds (the quick read of a body
    that is already whole must not be taken for one still to come)."""
    s = server_factory(str(SUUNTIMA), "--timeout", "1")
    with socket.create_connection(("127.0.0.1", s.port), timeout=WAIT) as sock:
        sock.sendall(b"POST /v1/rulesets/helsinki.suuntima/decide HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n")
        _problem(_until_closed(sock), 408, "SR916")


def test_the_service_process_keeps_what_it_loaded_at_start_out_of_full_collections():
    """What is loaded before serving (here the verifier and a ruleset) is frozen out of the
    collector's passes, and a reload's thread hands the interpreter back every millisecond."""
    code = (
        "import gc, sys\n"
        "from segrules.serve.runner import SWITCH_INTERVAL, settle\n"
        "from segrules.serve.store import admit\n"
        f"assert admit({str(SUUNTIMA)!r}).ruleset.id == 'helsinki.suuntima'\n"
        "loaded = len(gc.get_objects())\n"
        "settle()\n"
        "assert gc.get_freeze_count() >= loaded * 0.9, (gc.get_freeze_count(), loaded)\n"
        "assert len(gc.get_objects()) < loaded * 0.1, len(gc.get_objects())\n"
        "assert sys.getswitchinterval() == SWITCH_INTERVAL < 0.005\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=WAIT)
    assert done.returncode == 0, done.stderr


def _reload_worker(pid: int) -> int | None:
    """The service's reload worker: the child process that multiprocessing spawned for it."""
    for child in open(f"/proc/{pid}/task/{pid}/children").read().split():
        cmdline = open(f"/proc/{child}/cmdline", "rb").read().replace(b"\0", b" ")
        if b"multiprocessing" in cmdline and b"resource_tracker" not in cmdline:
            return int(child)
    return None


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE") or not os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children"),
                    reason="needs Linux's idle class and /proc's list of children")
@pytest.mark.parametrize("option, policy", [((), "SCHED_IDLE"), (("--reload-priority", "normal"), "SCHED_OTHER")])
def test_the_reload_worker_checks_new_versions_at_the_priority_asked(server_factory, option, policy):
    s = server_factory(str(SUUNTIMA), *option)
    s.until(lambda: s.request("GET", "/health/ready")[0] == 200, "ready")
    worker = s.until(lambda: _reload_worker(s.proc.pid), "the reload worker")
    s.until(lambda: os.sched_getscheduler(worker) == getattr(os, policy), policy)
