#!/usr/bin/env python3
"""Latency and throughput of `POST .../decide` on Suuntima, against a bare app on the same stack.

One uvicorn server (one process, loopback only, the service's own settings) serves both the
segrules app and a bare Starlette app (one route that reads the body and returns a constant
JSON document of the same size as segrules' answer: the same bytes): the same server, the
same settings, in the same run. A client process drives it over keep-alive HTTP/1.1
connections at 1, 8 and 32 concurrent clients, each request one of 64 different valid
answer sets (both apps get the same bodies). The rounds of the two apps alternate, and which
goes first alternates too (paired rounds on a noisy machine); the figures are the ratios of
segrules' throughput and p99 to the bare app's in the same pair. Every round is bounded in
requests and in time. Each round also reads the server process's processor time (Linux's
per-thread counters): per request, the bare app's over segrules' is the throughput ratio the
server alone would allow, a figure that other work on the machine moves far less than the rates.
The client's garbage collector is off during each round, so that its pauses do not count as
the server's latency.

Then a reload under load: while 8 clients decide, the server gets SIGHUP several times, with
the ruleset file alternately changed to a new good version and to a broken one. Every
request must be answered 200 (none lost, none refused), the broken version must never be
served and the good one must go live. p99 in the second after each signal is compared with
p99 before the first signal, and each good version is timed from its signal to its first
answer.

Each ratio is printed against its goal (PASS or MISS). Run: ``make bench-serve`` (or
``python benchmarks/serve.py [--quick]``). Writes benchmarks/results/serve.json and the
table in docs/service.md (not with --quick).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SUUNTIMA = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"
RESULTS = ROOT / "benchmarks" / "results" / "serve.json"
DOC = ROOT / "docs" / "service.md"
BEGIN, END = "<!-- serve-bench:begin -->", "<!-- serve-bench:end -->"
ANSWERS = {
    "c_daily_life": 4, "c_understanding": 5, "c_self_care": 4, "c_coping": 4,
    "c_services": 5, "c_motivation": 4, "battery": "illness",
    "p_ill_conditions": 2, "p_ill_medication": 1, "p_ill_stability": 2,
    "p_ill_adherence": 1, "p_ill_coordination": 2, "p_ill_monitoring": 1,
}
DECIDE = "/v1/rulesets/helsinki.suuntima/decide"
MINIMAL = "/minimal"
AT = "2024-03-01T09:30:00+02:00"
THROUGHPUT_GOAL = 0.8  # segrules' requests per second at least this share of the bare app's
P99_GOAL = 2.0  # segrules' p99 at most this many times the bare app's
RELOAD_P99_GOAL = 1.5  # p99 during a reload at most this many times p99 without one
LIVE_GOAL_S = 1.0  # a good version live within this many seconds of its signal


# --------------------------------------------------------------------------- the server process


def server_main(folder: str, port: int) -> None:
    """Serve the segrules app and the bare app from one uvicorn server."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from segrules.documents import parse_instant
    from segrules.serve import ServeConfig, create_app
    from segrules.serve.app import decide_body
    from segrules.serve.runner import serve_app, start
    from segrules.serve.store import RulesetStore

    config = ServeConfig([folder], port=port)
    store: RulesetStore = start(config, stream=sys.stderr)
    app = create_app(config, store=store)
    # the bare app's answer: segrules' own answer (of the median size) to the answer sets sent
    ruleset = store.snapshot.get("helsinki.suuntima").ruleset
    answers = []
    for body in answer_bodies():
        decision = ruleset.decide(json.loads(body)["answers"], assessed_at=parse_instant(AT))
        answers.append(decide_body(decision, "en", decision.explain("en")))
    answer = sorted(answers, key=len)[len(answers) // 2]

    async def bare(request: Request) -> Response:
        await request.body()
        return Response(answer, media_type="application/json")

    ceiling = Starlette(routes=[Route(MINIMAL, bare, methods=["POST"])])

    async def both(scope, receive, send):
        if scope["type"] == "http" and scope["path"] == MINIMAL:
            await ceiling(scope, receive, send)
        else:
            await app(scope, receive, send)

    serve_app(both, config, on_sighup=app.state.service.request_reload, stream=sys.stderr)


def answer_bodies(count: int = 64) -> list[bytes]:
    """``count`` different valid Suuntima answer sets as decide bodies (a fixed seed)."""
    from segrules.documents import parse_instant
    from segrules.pipeline import load
    from segrules.testing import population

    ruleset = load(SUUNTIMA)
    bodies, rng = [], random.Random(19)
    seen = set()
    while len(bodies) < count:
        for answers in population(ruleset, rng, 200):
            key = json.dumps(answers, sort_keys=True)
            if key in seen or len(bodies) == count:
                continue
            try:
                ruleset.decide(answers, assessed_at=parse_instant(AT))
            except Exception:  # noqa: BLE001 - a faulty record: the benchmark sends valid ones only
                continue
            seen.add(key)
            bodies.append(json.dumps({"answers": answers, "assessed_at": AT}).encode())
    return bodies


# --------------------------------------------------------------------------- the client


class Connection:
    """One keep-alive HTTP/1.1 connection: the smallest client, so the server is measured."""

    def __init__(self, port: int):
        self.port = port

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        self.writer.write(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n".encode() + body
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = 0
        for line in lines[1:]:
            if line.lower().startswith("content-length:"):
                length = int(line.split(":", 1)[1])
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


async def load(port: int, path: str, bodies: list[bytes], clients: int, requests: int, seconds: float) -> dict:
    """``clients`` connections send ``requests`` requests in all (or stop after ``seconds``),
    the bodies in turn."""
    conns = [Connection(port) for _ in range(clients)]
    await asyncio.gather(*(c.open() for c in conns))
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    left = requests
    deadline = time.perf_counter() + seconds

    async def worker(conn: Connection) -> None:
        nonlocal left
        while left > 0 and time.perf_counter() < deadline:
            left -= 1
            body = bodies[left % len(bodies)]
            t = time.perf_counter()
            status, _ = await conn.post(path, body)
            latencies.append(time.perf_counter() - t)
            statuses[status] = statuses.get(status, 0) + 1

    started = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in conns))
    elapsed = time.perf_counter() - started
    for c in conns:
        c.close()
    latencies.sort()
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "p50_ms": latencies[len(latencies) // 2] * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "statuses": statuses,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"GET /health/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if b" 200 " in s.recv(200):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("the server did not become ready")


def p99(latencies: list[float]) -> float | None:
    latencies = sorted(latencies)
    return latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000 if latencies else None


#: seconds between two SIGHUPs, and the window after each whose requests count as "during a reload"
RELOAD_EVERY, RELOAD_WINDOW = 1.5, 1.0


async def reload_under_load(port: int, server: subprocess.Popen, file: Path, rounds: int) -> dict:
    """8 clients decide: first with no reload (the baseline), then while the file changes and
    SIGHUP arrives every 1.5 s. Counts what was lost, compares p99 in the second after each
    signal with the baseline's, and times each good version from its signal to its first answer."""
    good = SUUNTIMA.read_text(encoding="utf-8")
    versions = {i: good_or_broken(good, i) for i in range(rounds)}
    stop = asyncio.Event()
    seen_versions: set[str] = set()
    statuses: dict[int, int] = {}
    answered: list[tuple[float, float, str | None]] = []  # (sent, latency, version)
    body = json.dumps({"answers": ANSWERS}).encode()

    async def client() -> None:
        conn = Connection(port)
        await conn.open()
        while not stop.is_set():
            t = time.perf_counter()
            status, data = await conn.post(DECIDE, body)
            version = json.loads(data)["decision"]["ruleset"]["version"] if status == 200 else None
            answered.append((t, time.perf_counter() - t, version))
            statuses[status] = statuses.get(status, 0) + 1
            if version is not None:
                seen_versions.add(version)
        conn.close()

    tasks = [asyncio.create_task(client()) for _ in range(8)]
    baseline_from = time.perf_counter() + 0.5
    await asyncio.sleep(0.5 + rounds * RELOAD_WINDOW)  # as long a time without a reload as with them
    signals: list[tuple[float, str | None]] = []  # (when, the good version written, or None)
    for i in range(rounds):
        text, version = versions[i]
        file.write_text(text, encoding="utf-8")
        signals.append((time.perf_counter(), version))
        server.send_signal(signal.SIGHUP)
        await asyncio.sleep(RELOAD_EVERY)
    await asyncio.sleep(1.0)
    stop.set()
    await asyncio.gather(*tasks)
    first_signal = signals[0][0]
    baseline = [lat for t, lat, _ in answered if baseline_from <= t < first_signal]
    during = [lat for t, lat, _ in answered if any(s <= t < s + RELOAD_WINDOW for s, _ in signals)]
    live = []
    for when, version in signals:
        if version is not None:
            first = min((t + lat for t, lat, v in answered if v == version and t + lat >= when), default=None)
            live.append(None if first is None else first - when)
    p99_base, p99_during = p99(baseline), p99(during)
    served_broken = sorted(v for v in seen_versions if v.endswith(BROKEN_SUFFIX))
    return {
        "reloads": rounds,
        "requests": sum(statuses.values()),
        "statuses": {str(k): v for k, v in statuses.items()},
        "lost": sum(v for k, v in statuses.items() if k != 200),
        "versions_served": sorted(seen_versions),
        "broken_versions_served": served_broken,
        "p99_ms_without_reload": p99_base,
        "p99_ms_during_reload": p99_during,
        "p99_ratio": p99_during / p99_base if p99_base and p99_during else None,
        "worst_ms_during_reload": max(during) * 1000 if during else None,
        "live_after_s": live,
    }


BROKEN_SUFFIX = "-broken"


def good_or_broken(good: str, i: int) -> tuple[str, str | None]:
    """The ``i``-th version written during the reloads: a new good version (its text and
    version) when ``i`` is even, else one that does not load (its text and None). The broken
    one has a version of its own (ending in BROKEN_SUFFIX), so that an answer from it would
    show; and each is checked here, before the run, to be what it is meant to be."""
    from segrules.errors import SegrulesError
    from segrules.pipeline import load_text

    version = f"1.0.{i + 1}" + ("" if i % 2 == 0 else BROKEN_SUFFIX)
    text = good.replace('\nversion: "1.0.0"\n', f'\nversion: "{version}"\n', 1)
    if i % 2:
        text = text.replace("\nrules:\n", "\nrules: [\n", 1)  # the rules' key itself, not a mention
    try:
        load_text(text, "suuntima.yaml")
    except SegrulesError:
        if i % 2:
            return text, None
        raise SystemExit(f"the benchmark's good version {version} does not load") from None
    if i % 2:
        raise SystemExit(f"the benchmark's broken version {version} loads: it would test nothing")
    return text, version


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def goals(result: dict) -> list[dict]:
    """Each figure against its goal."""
    out = []
    for r in result["concurrency"]:
        out.append({"figure": f"throughput at {r['clients']} clients", "ratio": r["throughput_ratio"],
                    "range": r["throughput_ratio_range"], "goal": f">= {THROUGHPUT_GOAL}",
                    "pass": r["throughput_ratio"] >= THROUGHPUT_GOAL})
        out.append({"figure": f"p99 at {r['clients']} clients", "ratio": r["p99_ratio"], "range": r["p99_ratio_range"],
                    "goal": f"<= {P99_GOAL}", "pass": r["p99_ratio"] <= P99_GOAL})
    rl = result["reload"]
    out.append({"figure": "p99 during a reload", "ratio": rl["p99_ratio"], "range": None,
                "goal": f"<= {RELOAD_P99_GOAL}", "pass": rl["p99_ratio"] is not None and rl["p99_ratio"] <= RELOAD_P99_GOAL})
    live = rl["live_after_s"]
    worst = None if not live or None in live else max(live)
    out.append({"figure": "good version live after SIGHUP (s, worst)", "ratio": worst, "range": None,
                "goal": f"<= {LIVE_GOAL_S}", "pass": worst is not None and worst <= LIVE_GOAL_S})
    return out


def _num(x, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _cpu_cell(row: dict) -> str:
    cpu = row.get("server_cpu_us")
    if not cpu:
        return "–"
    lo, hi = row["server_cpu_ratio_range"]
    return f"{cpu['segrules']:.0f} / {cpu['bare']:.0f} (**{row['server_cpu_ratio']:.2f}**, {lo:.2f}–{hi:.2f})"


def markdown(result: dict) -> str:
    rows = ["| clients | segrules req/s | bare app req/s | throughput ratio (goal ≥ 0.8) | segrules p50 / p99 ms | "
            "bare app p50 / p99 ms | p99 ratio (goal ≤ 2) | server CPU per request, segrules / bare app µs (ratio) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in result["concurrency"]:
        s, m = r["segrules"], r["bare"]
        lo, hi = r["throughput_ratio_range"]
        plo, phi = r["p99_ratio_range"]
        rows.append(
            f"| {r['clients']} | {s['rps']:.0f} | {m['rps']:.0f} | **{r['throughput_ratio']:.2f}** ({lo:.2f}–{hi:.2f}) "
            f"{verdict(r['throughput_ratio'] >= THROUGHPUT_GOAL)} | {s['p50_ms']:.2f} / {s['p99_ms']:.2f} | "
            f"{m['p50_ms']:.2f} / {m['p99_ms']:.2f} | **{r['p99_ratio']:.2f}** ({plo:.2f}–{phi:.2f}) "
            f"{verdict(r['p99_ratio'] <= P99_GOAL)} | {_cpu_cell(r)} |")
    rl = result["reload"]
    live = rl["live_after_s"]
    rows.append("")
    rows.append(f"Reload under load: {rl['reloads']} SIGHUPs (good and broken versions in turn) during "
                f"{rl['requests']} decide requests from 8 clients: {rl['lost']} not answered 200; versions served "
                f"{', '.join(rl['versions_served'])} "
                + (f"(**a broken version was served: {', '.join(rl['broken_versions_served'])}**)."
                   if rl.get("broken_versions_served") else "(never a broken one)."))
    rows.append(
        f"p99 in the second after each SIGHUP: {_num(rl['p99_ms_during_reload'], 1)} ms, against "
        f"{_num(rl['p99_ms_without_reload'], 1)} ms without a reload: **{_num(rl['p99_ratio'])}×** (goal ≤ "
        f"{RELOAD_P99_GOAL}×, {verdict(goals(result)[-2]['pass'])}); the worst request "
        f"{_num(rl['worst_ms_during_reload'], 0)} ms. Each good version answered "
        f"{', '.join(_num(x) for x in live)} s after its signal (goal ≤ {LIVE_GOAL_S:.0f} s, "
        f"{verdict(goals(result)[-1]['pass'])}"
        + ("; – : the next, broken version was written before the reload worker read this one" if None in live else "")
        + f"); checking a new file (load, examples, proof) takes {_num(rl['admission_s_without_load'])} s in "
        f"this run without the load, and a new version of a served file, proven from the witnesses of the "
        f"version it replaces, {_num(rl.get('admission_next_version_s_without_load'))} s. The reload worker runs "
        "on processor time the requests leave free (`--reload-priority idle`, the default)."
    )
    rows.append("")
    rows.append(f"Machine: {result['machine']}; Python {result['python']}; {result['rounds']} paired rounds per "
                f"row of at most {result['requests_per_round']} requests; rates and latencies are medians, "
                "ratios the median of the rounds' ratios (their range in brackets); load average "
                f"{result['load_average'][0]} before and {result['load_average'][1]} after the run (other work "
                "shares the machine, so the rates vary between runs; the ratios are the figures). The server's "
                "processor time per request is read from Linux's per-thread counters of the server process over "
                "each round; the bare app's over segrules' is the throughput ratio the server alone would allow.")
    return "\n".join(rows)


def cpu_seconds(pid: int) -> float | None:
    """The processor time a process has had so far, all its threads (Linux's per-thread
    ``schedstat``, in nanoseconds); None where there is none to read."""
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return total / 1e9


def without_collector(run):
    """``run()`` with this (the client's) garbage collector off: a full pass over what a round
    has gathered stops every client for 10–20 ms, which would count as the server's latency.
    A round is bounded in requests and time, so what it keeps is too."""
    gc.collect()
    gc.disable()
    try:
        return run()
    finally:
        gc.enable()


def measured_round(port: int, path: str, bodies: list[bytes], clients: int, requests: int, seconds: float,
                   server_pid: int | None) -> dict:
    """One round of ``load``, with the server's processor time per request (µs) when it can be read."""
    before = cpu_seconds(server_pid) if server_pid else None
    got = without_collector(lambda: asyncio.run(load(port, path, bodies, clients, requests, seconds)))
    after = cpu_seconds(server_pid) if server_pid else None
    got["cpu_us"] = (after - before) / got["requests"] * 1e6 if before is not None and after is not None else None
    return got


def measure(port: int, bodies: list[bytes], clients: int, rounds: int, requests: int, seconds: float,
            server_pid: int | None = None) -> dict:
    """``rounds`` pairs of rounds at ``clients`` clients, the bare app first in every other pair.
    Besides the rates, the server's processor time per request in each round: the bare app's
    over segrules' is what the throughput ratio would be if the server alone set the pace
    (other work on the machine moves it far less than it moves the rates)."""
    pairs = []
    for i in range(rounds):
        order = (MINIMAL, DECIDE) if i % 2 == 0 else (DECIDE, MINIMAL)
        got = {path: measured_round(port, path, bodies, clients, requests, seconds, server_pid) for path in order}
        s, m = got[DECIDE], got[MINIMAL]
        assert set(s["statuses"]) == {200} and set(m["statuses"]) == {200}, (s, m)
        pairs.append((s, m))
    throughput = [s["rps"] / m["rps"] for s, m in pairs]
    tail = [s["p99_ms"] / m["p99_ms"] for s, m in pairs]
    cpu = [m["cpu_us"] / s["cpu_us"] for s, m in pairs if s["cpu_us"] and m["cpu_us"]]
    med = lambda key, i: statistics.median(p[i][key] for p in pairs)  # noqa: E731
    return {
        "clients": clients,
        "segrules": {k: med(k, 0) for k in ("rps", "p50_ms", "p99_ms")},
        "bare": {k: med(k, 1) for k in ("rps", "p50_ms", "p99_ms")},
        "throughput_ratio": statistics.median(throughput),
        "throughput_ratio_range": [min(throughput), max(throughput)],
        "p99_ratio": statistics.median(tail),
        "p99_ratio_range": [min(tail), max(tail)],
        "server_cpu_us": ({"segrules": statistics.median(s["cpu_us"] for s, _ in pairs),
                           "bare": statistics.median(m["cpu_us"] for _, m in pairs)} if len(cpu) == len(pairs) else None),
        "server_cpu_ratio": statistics.median(cpu) if len(cpu) == len(pairs) else None,
        "server_cpu_ratio_range": [min(cpu), max(cpu)] if len(cpu) == len(pairs) else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: small rounds, writes nothing")
    parser.add_argument("--rounds", type=int, help="paired rounds per number of clients (default 5; 1 with --quick)")
    parser.add_argument("--server", nargs=2, metavar=("FOLDER", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.server:
        server_main(args.server[0], int(args.server[1]))
        return 0
    rounds, requests, seconds = (1, 600, 5.0) if args.quick else (5, 3000, 15.0)
    rounds = args.rounds or rounds
    load_before = os.getloadavg()[0]  # other work on the machine: the ratios are paired, the rates are not
    bodies = answer_bodies()
    folder = Path(tempfile.mkdtemp(prefix="segrules-bench-"))
    file = folder / "suuntima.yaml"
    shutil.copy(SUUNTIMA, file)
    from segrules.serve.store import admit

    first = admit(str(file))  # the first check imports the verifier
    started = time.perf_counter()
    admit(str(file))  # what the reload worker does with a new file: load, examples, proof
    admission_s = time.perf_counter() - started
    started = time.perf_counter()
    admit(str(file), first.witnesses)  # and with a new version of a served file: from its witnesses
    admission_next_s = time.perf_counter() - started
    port = free_port()
    server = subprocess.Popen([sys.executable, __file__, "--server", str(folder), str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(port)
        rows = []
        for path in (DECIDE, MINIMAL):  # warm up
            asyncio.run(load(port, path, bodies, 4, 400, 5.0))
        for clients in (1, 8, 32):
            row = measure(port, bodies, clients, rounds, requests, seconds, server.pid)
            rows.append(row)
            s, m = row["segrules"], row["bare"]
            cpu = row["server_cpu_us"]
            print(f"{clients:>2} clients: segrules {s['rps']:.0f} req/s, p50 {s['p50_ms']:.2f} ms, p99 {s['p99_ms']:.2f} ms; "
                  f"bare app {m['rps']:.0f} req/s, p50 {m['p50_ms']:.2f} ms, p99 {m['p99_ms']:.2f} ms"
                  + (f"; server CPU per request {cpu['segrules']:.0f} against {cpu['bare']:.0f} µs "
                     f"(ratio {row['server_cpu_ratio']:.2f})" if cpu else ""), flush=True)
        reload = without_collector(lambda: asyncio.run(reload_under_load(port, server, file, 4 if args.quick else 10)))
        reload["admission_s_without_load"] = admission_s
        reload["admission_next_version_s_without_load"] = admission_next_s
        print(f"reload under load: {reload['reloads']} reloads, {reload['requests']} requests, "
              f"{reload['lost']} lost; versions served {reload['versions_served']}; p99 "
              f"{_num(reload['p99_ms_during_reload'], 1)} ms during reloads against "
              f"{_num(reload['p99_ms_without_reload'], 1)} ms without; live after "
              f"{', '.join(_num(x) for x in reload['live_after_s'])} s (checking a new file takes "
              f"{admission_s:.2f} s without load, a new version of a served one {admission_next_s:.2f} s)", flush=True)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(folder, ignore_errors=True)
    result = {
        "machine": f"{os.cpu_count()} cores, {platform.machine()}", "python": platform.python_version(),
        "load_average": [round(x, 1) for x in (load_before, os.getloadavg()[0])],
        "rounds": rounds, "requests_per_round": requests, "concurrency": rows, "reload": reload,
    }
    result["goals"] = goals(result)
    for g in result["goals"]:
        spread = f" (rounds {g['range'][0]:.2f}–{g['range'][1]:.2f})" if g["range"] else ""
        print(f"{g['figure']:<44} {_num(g['ratio']):>6}{spread:<22} goal {g['goal']:<7} {verdict(g['pass'])}")
    failed = (reload["lost"] != 0 or "1.0.0" not in reload["versions_served"] or len(reload["versions_served"]) < 2
              or reload["broken_versions_served"])
    if not args.quick:
        from segrules.files import replace_between, write_text_atomic

        write_text_atomic(RESULTS, json.dumps(result, indent=2, sort_keys=True) + "\n")
        write_text_atomic(DOC, replace_between(DOC.read_text(encoding="utf-8"), BEGIN, END, markdown(result)))
        print(f"wrote {RESULTS.relative_to(ROOT)} and the table in {DOC.relative_to(ROOT)}")
    if failed:
        print("FAILED: a request was lost during reloads, a broken version was served, or no new version went live",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
