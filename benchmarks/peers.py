#!/usr/bin/env python3
"""Peer benchmark: segrules against other rule engines on one Suuntima-like model.

Run it with ``make bench`` (or ``python benchmarks/peers.py``). The peer engines are an
optional extra (``pip install -e '.[bench]'``); an engine that is not installed is skipped
and reported as such.

The model is the same in every engine: 8 client answers (c1..c8) and 8 professional answers
(p1..p8) on a 1-5 scale, resources = mean(client), complexity = mean(professional), and four
quadrant segments with the threshold 3 on both axes, each with a pathway label.

1. Correctness gate: every engine must agree with the hand-written function on 10,000 seeded
   random answer sets and on every boundary case (client and professional sums 23, 24 and 25,
   i.e. means just below, exactly on and just above the threshold, each with several answer
   distributions). A disagreement stops the run before anything is timed.
2. Latency: every engine decides the same pre-generated batch (>= 20,000 answer sets) several
   times, round-robin over the engines in one process, timed with time.perf_counter_ns with the
   garbage collector paused. The median over the repeats is reported in microseconds per
   decision and as a ratio to the hand-written function. Load time is the median time to turn
   the engine's model source into something that can decide.
3. It writes benchmarks/results/peers.json and regenerates the table between the markers in
   docs/performance.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as _dt
import gc
import importlib
import importlib.metadata
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RULESET = HERE / "suuntima_bench.yaml"
RESULTS_JSON = HERE / "results" / "peers.json"
PERFORMANCE_DOC = ROOT / "docs" / "performance.md"
DOC_BEGIN = "<!-- peers:begin -->"
DOC_END = "<!-- peers:end -->"

# The published protocol. A run with smaller settings is a smoke run and writes nothing.
MIN_BATCH = 20_000
MIN_REPEATS = 5
MIN_GATE = 10_000
DEFAULT_SEED = 20240917
NOISE_SPREAD = 0.25  # warn when max - min of an engine's repeats exceeds this share of the median

CLIENT = tuple(f"c{i}" for i in range(1, 9))
PROFESSIONAL = tuple(f"p{i}" for i in range(1, 9))
INPUTS = CLIENT + PROFESSIONAL
N_ITEMS = len(CLIENT)  # both groups have 8 items
THRESHOLD = 3
THRESHOLD_SUM = THRESHOLD * N_ITEMS  # mean >= 3  <=>  sum >= 24 (exact integer arithmetic)
SCALE_MIN, SCALE_MAX = 1, 5

# The pathway label of each segment (the pathways of suuntima_bench.yaml, in a word or three).
PATHWAYS = {
    "omatoimi": "digital self-care",
    "yhteiso": "community and group services",
    "yhteistyo": "named nurse",
    "verkosto": "multi-professional network",
}
# Quadrant order, as the rules of the ruleset: (segment, resources high?, complexity high?)
QUADRANTS = (
    ("omatoimi", True, False),
    ("yhteiso", False, False),
    ("yhteistyo", True, True),
    ("verkosto", False, True),
)

Answers = dict[str, int]
Outcome = tuple[str, Any]  # (segment id, pathway label) -- or the engine's pathway object


# --------------------------------------------------------------------------------------------
# The hand-written function: the in-process limit every engine is compared with.
# --------------------------------------------------------------------------------------------

_OMATOIMI = ("omatoimi", PATHWAYS["omatoimi"])
_YHTEISO = ("yhteiso", PATHWAYS["yhteiso"])
_YHTEISTYO = ("yhteistyo", PATHWAYS["yhteistyo"])
_VERKOSTO = ("verkosto", PATHWAYS["verkosto"])


def handwritten(a: Answers) -> Outcome:
    """Segment and pathway label, with exact integer arithmetic (mean >= 3 <=> sum >= 24)."""
    if a["c1"] + a["c2"] + a["c3"] + a["c4"] + a["c5"] + a["c6"] + a["c7"] + a["c8"] >= 24:
        if a["p1"] + a["p2"] + a["p3"] + a["p4"] + a["p5"] + a["p6"] + a["p7"] + a["p8"] >= 24:
            return _YHTEISTYO
        return _OMATOIMI
    if a["p1"] + a["p2"] + a["p3"] + a["p4"] + a["p5"] + a["p6"] + a["p7"] + a["p8"] >= 24:
        return _VERKOSTO
    return _YHTEISO


# --------------------------------------------------------------------------------------------
# Answer sets
# --------------------------------------------------------------------------------------------


def random_answers(rng: random.Random, n: int) -> list[Answers]:
    """n answer sets, every answer uniform on 1..5."""
    return [{k: rng.randint(SCALE_MIN, SCALE_MAX) for k in INPUTS} for _ in range(n)]


def _items_uniform(rng: random.Random, total: int) -> list[int]:
    """8 answers with the given sum, uniform among all such answer vectors (rejection)."""
    while True:
        v = [rng.randint(SCALE_MIN, SCALE_MAX) for _ in range(N_ITEMS)]
        if sum(v) == total:
            return v


def _items_increments(rng: random.Random, total: int) -> list[int]:
    """8 answers with the given sum: start from all 1s and add points at random items."""
    v = [SCALE_MIN] * N_ITEMS
    for _ in range(total - sum(v)):
        i = rng.choice([j for j in range(N_ITEMS) if v[j] < SCALE_MAX])
        v[i] += 1
    return v


def _items_extreme(rng: random.Random, total: int) -> list[int]:
    """8 answers with the given sum, as many 5s and 1s as possible, in random order."""
    v = []
    left = total
    for i in range(N_ITEMS):
        rest = N_ITEMS - i - 1
        x = min(SCALE_MAX, left - rest * SCALE_MIN)
        v.append(x)
        left -= x
    rng.shuffle(v)
    return v


def _items_flat(rng: random.Random, total: int) -> list[int]:
    """8 answers with the given sum, as close to all 3s as possible, in random order."""
    base, extra = divmod(total, N_ITEMS)
    v = [base + 1] * extra + [base] * (N_ITEMS - extra)
    rng.shuffle(v)
    return v


BOUNDARY_SUMS = (THRESHOLD_SUM - 1, THRESHOLD_SUM, THRESHOLD_SUM + 1)  # 23, 24, 25
_DISTRIBUTIONS = (_items_uniform, _items_increments, _items_extreme, _items_flat)


def boundary_answers(rng: random.Random, per_distribution: int = 6) -> list[Answers]:
    """Every combination of client sum and professional sum in (23, 24, 25), each with
    answer vectors drawn from several distributions (uniform given the sum, spread by random
    increments, extremes of 1s and 5s, flat around 3)."""
    out = []
    for cs in BOUNDARY_SUMS:
        for ps in BOUNDARY_SUMS:
            for dist in _DISTRIBUTIONS:
                for _ in range(per_distribution):
                    c = dist(rng, cs)
                    p = dist(rng, ps)
                    out.append(dict(zip(CLIENT, c)) | dict(zip(PROFESSIONAL, p)))
    return out


# --------------------------------------------------------------------------------------------
# Peer engines. Each adapter turns the model source (a text) into a decide(answers) function
# that returns (segment, pathway label). Load time is measured on the adapter's load().
# --------------------------------------------------------------------------------------------


def _mean_expr(keys: Iterable[str]) -> str:
    return "(" + " + ".join(keys) + ") / 8"


# ---- GoRules zen-engine: a JDM graph, input -> expression node -> decision table -> output.


def zen_source() -> str:
    def rule(i: int, seg: str, r_high: bool, c_high: bool) -> dict:
        return {
            "_id": f"rule-{i}",
            "in-resources": ">= 3" if r_high else "< 3",
            "in-complexity": ">= 3" if c_high else "< 3",
            "out-segment": f"'{seg}'",
            "out-pathway": f"'{PATHWAYS[seg]}'",
        }

    graph = {
        "contentType": "application/vnd.gorules.decision",
        "nodes": [
            {"id": "answers", "name": "answers", "type": "inputNode", "position": {"x": 0, "y": 0}},
            {
                "id": "scores",
                "name": "scores",
                "type": "expressionNode",
                "position": {"x": 250, "y": 0},
                "content": {
                    "expressions": [
                        {"id": "e-resources", "key": "resources", "value": _mean_expr(CLIENT)},
                        {"id": "e-complexity", "key": "complexity", "value": _mean_expr(PROFESSIONAL)},
                    ],
                    "passThrough": False,
                },
            },
            {
                "id": "segment",
                "name": "segment",
                "type": "decisionTableNode",
                "position": {"x": 500, "y": 0},
                "content": {
                    "hitPolicy": "first",
                    "inputs": [
                        {"id": "in-resources", "name": "Resources", "field": "resources"},
                        {"id": "in-complexity", "name": "Complexity", "field": "complexity"},
                    ],
                    "outputs": [
                        {"id": "out-segment", "name": "Segment", "field": "segment"},
                        {"id": "out-pathway", "name": "Pathway", "field": "pathway"},
                    ],
                    "rules": [rule(i, *q) for i, q in enumerate(QUADRANTS)],
                    "passThrough": False,
                },
            },
            {"id": "decision", "name": "decision", "type": "outputNode", "position": {"x": 750, "y": 0}},
        ],
        "edges": [
            {"id": "edge-1", "type": "edge", "sourceId": "answers", "targetId": "scores"},
            {"id": "edge-2", "type": "edge", "sourceId": "scores", "targetId": "segment"},
            {"id": "edge-3", "type": "edge", "sourceId": "segment", "targetId": "decision"},
        ],
    }
    return json.dumps(graph)


def zen_load(source: str) -> Callable[[Answers], Outcome]:
    import zen

    # As the zen-engine Python docs recommend: pre-compile the graph once into a
    # ZenDecisionContent, serve it from a caching loader and evaluate by key on one engine.
    # (ZenDecision.evaluate on a decision from create_decision() costs ~100 us more per call in
    # zen-engine 2.x: it sets up a fresh async runtime on every call.)
    cache = {"suuntima": zen.ZenDecisionContent(source)}
    engine = zen.ZenEngine({"loader": cache.__getitem__})
    evaluate = engine.evaluate

    def decide(a: Answers) -> Outcome:
        r = evaluate("suuntima", a)["result"]
        return r["segment"], r["pathway"]

    return decide


# ---- rule-engine: one expression, the two means and nested conditionals.


def _nested_conditional(r: str, c: str, ge: str, lt: str, leaf: Callable[[str], str]) -> str:
    def pick(r_high: bool) -> str:
        hi = next(s for s, rh, ch in QUADRANTS if rh == r_high and ch)
        lo = next(s for s, rh, ch in QUADRANTS if rh == r_high and not ch)
        return f"({c} {lt} 3 ? {leaf(lo)} : {leaf(hi)})"

    return f"{r} {ge} 3 ? {pick(True)} : {pick(False)}"


def rule_engine_source() -> str:
    return _nested_conditional(
        _mean_expr(CLIENT), _mean_expr(PROFESSIONAL), ">=", "<",
        lambda s: f"['{s}', '{PATHWAYS[s]}']",
    )


def rule_engine_load(source: str) -> Callable[[Answers], Outcome]:
    import rule_engine

    evaluate = rule_engine.Rule(source).evaluate

    def decide(a: Answers) -> Outcome:
        seg, pathway = evaluate(a)
        return seg, pathway

    return decide


# ---- json-logic (json-logic-qubit): nested "if" over the two means.


def json_logic_source() -> str:
    def mean(keys: Iterable[str]) -> dict:
        return {"/": [{"+": [{"var": k} for k in keys]}, N_ITEMS]}

    def leaf(seg: str) -> list:
        return [seg, PATHWAYS[seg]]

    def pick(r_high: bool) -> dict:
        hi = next(s for s, rh, ch in QUADRANTS if rh == r_high and ch)
        lo = next(s for s, rh, ch in QUADRANTS if rh == r_high and not ch)
        return {"if": [{"<": [mean(PROFESSIONAL), THRESHOLD]}, leaf(lo), leaf(hi)]}

    logic = {"if": [{">=": [mean(CLIENT), THRESHOLD]}, pick(True), pick(False)]}
    return json.dumps(logic)


def json_logic_load(source: str) -> Callable[[Answers], Outcome]:
    from json_logic import jsonLogic

    logic = json.loads(source)  # json-logic has no compile step: the rule is plain data

    def decide(a: Answers) -> Outcome:
        seg, pathway = jsonLogic(logic, a)
        return seg, pathway

    return decide


# ---- cel-python: one CEL expression, compiled once into a program (CompiledRunner).


def cel_source() -> str:
    def mean(keys: Iterable[str]) -> str:
        return "double(" + " + ".join(keys) + ") / 8.0"

    return _nested_conditional(
        mean(CLIENT), mean(PROFESSIONAL), ">=", "<",
        lambda s: f"['{s}', '{PATHWAYS[s]}']",
    ).replace(" 3 ?", " 3.0 ?")


def cel_load(source: str) -> Callable[[Answers], Outcome]:
    import celpy

    env = celpy.Environment(runner_class=celpy.CompiledRunner)
    program = env.program(env.compile(source))
    evaluate = program.evaluate
    to_cel = celpy.json_to_cel  # CEL evaluates over CEL values: the activation is converted

    def decide(a: Answers) -> Outcome:
        seg, pathway = evaluate(to_cel(a))
        return str(seg), str(pathway)

    return decide


# ---- business-rules: two numeric variables, four rules, one action; first trigger wins.


def business_rules_source() -> str:
    op = {True: "greater_than_or_equal_to", False: "less_than"}
    rules = [
        {
            "conditions": {
                "all": [
                    {"name": "resources", "operator": op[r_high], "value": THRESHOLD},
                    {"name": "complexity", "operator": op[c_high], "value": THRESHOLD},
                ]
            },
            "actions": [{"name": "assign", "params": {"segment": seg, "pathway": PATHWAYS[seg]}}],
        }
        for seg, r_high, c_high in QUADRANTS
    ]
    return json.dumps(rules)


def business_rules_load(source: str) -> Callable[[Answers], Outcome]:
    from business_rules import run_all
    from business_rules.actions import BaseActions, rule_action
    from business_rules.fields import FIELD_TEXT
    from business_rules.variables import BaseVariables, numeric_rule_variable

    class Scores(BaseVariables):
        def __init__(self, a: Answers) -> None:
            self.a = a

        @numeric_rule_variable
        def resources(self) -> float:
            a = self.a
            return (a["c1"] + a["c2"] + a["c3"] + a["c4"] + a["c5"] + a["c6"] + a["c7"] + a["c8"]) / 8

        @numeric_rule_variable
        def complexity(self) -> float:
            a = self.a
            return (a["p1"] + a["p2"] + a["p3"] + a["p4"] + a["p5"] + a["p6"] + a["p7"] + a["p8"]) / 8

    class Assign(BaseActions):
        result: Outcome | None = None

        @rule_action(params={"segment": FIELD_TEXT, "pathway": FIELD_TEXT})
        def assign(self, segment: str, pathway: str) -> None:
            self.result = (segment, pathway)

    rules = json.loads(source)  # business-rules has no compile step: the rules are plain data

    def decide(a: Answers) -> Outcome:
        actions = Assign()
        run_all(rules, Scores(a), actions, stop_on_first_trigger=True)
        return actions.result

    return decide


# ---- segrules: the ruleset file, full decision and the segment_of fast path.


def _import_segrules() -> Any:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # the working tree, also when segrules is not installed
    import segrules

    segrules.load  # noqa: B018 -- an AttributeError means there is no engine yet
    return segrules


def segrules_source() -> str:
    return str(RULESET)


def segrules_decide_load(source: str) -> Callable[[Answers], Outcome]:
    decide_full = _import_segrules().load(source).decide

    def decide(a: Answers) -> Outcome:
        d = decide_full(a)
        return d.segment.id, d.pathway

    return decide


def segrules_segment_of_load(source: str) -> Callable[[Answers], Outcome]:
    segment_of = _import_segrules().load(source).segment_of

    def decide(a: Answers) -> Outcome:
        return segment_of(a), None

    return decide


# --------------------------------------------------------------------------------------------
# Engine registry
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass
class EngineSpec:
    name: str
    module: str | None  # what must import for the engine to be available
    dist: str | None  # the distribution whose version is reported
    source: Callable[[], str] | None
    load: Callable[[str], Callable[[Answers], Outcome]] | None
    pathway: str  # "label": compare the label; "object": must be present; "none": not returned
    how: str  # one line for the docs


SPECS: tuple[EngineSpec, ...] = (
    EngineSpec("hand-written", None, None, None, None, "label",
               "plain Python function, integer sums compared with 24"),
    EngineSpec("segrules segment_of", "segrules", "segrules", segrules_source, segrules_segment_of_load,
               "none", "ruleset file, `Ruleset.segment_of` (validates, returns the segment id)"),
    EngineSpec("segrules decide", "segrules", "segrules", segrules_source, segrules_decide_load,
               "object", "ruleset file, `Ruleset.decide` (full decision with pathway)"),
    EngineSpec("zen-engine", "zen", "zen-engine", zen_source, zen_load, "label",
               "JDM graph: expression node + decision table, precompiled content, cached loader"),
    EngineSpec("business-rules", "business_rules", "business-rules", business_rules_source,
               business_rules_load, "label", "two numeric variables, four rules, stop on first trigger"),
    EngineSpec("json-logic", "json_logic", "json-logic-qubit", json_logic_source, json_logic_load,
               "label", "one JsonLogic rule, nested `if` over the two means"),
    EngineSpec("rule-engine", "rule_engine", "rule-engine", rule_engine_source, rule_engine_load,
               "label", "one parsed expression, nested conditionals over the two means"),
    EngineSpec("cel-python", "celpy", "cel-python", cel_source, cel_load, "label",
               "one CEL expression, compiled program (CompiledRunner)"),
)


@dataclasses.dataclass
class Engine:
    spec: EngineSpec
    decide: Callable[[Answers], Outcome]
    version: str
    load_ms: float | None  # median over the loads
    first_load_ms: float | None = None  # the first load in the process: also one-time setup

    @property
    def name(self) -> str:
        return self.spec.name


def _version(spec: EngineSpec, module: Any) -> str:
    if spec.dist is None:
        return f"Python {platform.python_version()}"
    if spec.module == "segrules" and getattr(module, "__version__", None):
        return str(module.__version__)  # the imported working tree, not older install metadata
    try:
        return importlib.metadata.version(spec.dist)
    except importlib.metadata.PackageNotFoundError:
        return str(getattr(module, "__version__", "working tree"))


def import_engine(spec: EngineSpec) -> Any:
    """The engine's module; ImportError/AttributeError if the engine is not available."""
    if spec.module is None:
        return None
    if spec.module == "segrules":
        return _import_segrules()
    return importlib.import_module(spec.module)


def prepare(spec: EngineSpec, load_repeats: int) -> Engine:
    """Import and load one engine (see import_engine for when it is not available)."""
    module = import_engine(spec)
    if spec.load is None:
        return Engine(spec, handwritten, _version(spec, module), None)
    source = spec.source()
    times = []
    decide = None
    for _ in range(max(1, load_repeats)):
        t0 = time.perf_counter_ns()
        decide = spec.load(source)
        times.append((time.perf_counter_ns() - t0) / 1e6)
    return Engine(spec, decide, _version(spec, module), statistics.median(times), times[0])


def prepare_all(names: list[str] | None, load_repeats: int) -> tuple[list[Engine], dict[str, str]]:
    """The engines to run, and the ones that are not available. Only a failing import makes an
    engine unavailable: an error while loading the model stops the run."""
    engines, missing = [], {}
    for spec in SPECS:
        if names and spec.name not in names and spec.name != "hand-written":
            continue
        try:
            import_engine(spec)
        except (ImportError, AttributeError) as exc:
            if spec.module == "segrules":
                if not any(k.startswith("segrules") for k in missing):
                    print(f"segrules: not available ({type(exc).__name__}: {exc})")
                missing[spec.name] = "not available"
            else:
                missing[spec.name] = "not installed"
                print(f"{spec.name}: not installed (pip install -e '.[bench]')")
            continue
        engines.append(prepare(spec, load_repeats))
    return engines, missing


# --------------------------------------------------------------------------------------------
# Correctness gate
# --------------------------------------------------------------------------------------------


class GateFailure(Exception):
    pass


def check_engine(engine: Engine, answer_sets: list[Answers], reference: Callable[[Answers], Outcome]
                 = handwritten) -> list[str]:
    """Disagreements of one engine with the reference on the given answer sets (empty if none)."""
    problems = []
    mode = engine.spec.pathway
    for a in answer_sets:
        want = reference(a)
        try:
            got = engine.decide(a)
        except Exception as exc:  # an engine error is a disagreement too
            problems.append(f"{a}: raised {type(exc).__name__}: {exc}")
        else:
            seg, pathway = got if isinstance(got, tuple) and len(got) == 2 else (got, None)
            ok = seg == want[0]
            if mode == "label":
                ok = ok and pathway == want[1]
            elif mode == "object":  # a pathway object: present, and the segment's own if it says
                ok = ok and pathway is not None and getattr(pathway, "segment", seg) == seg
            if not ok:
                problems.append(f"{a}: expected {want!r}, got {got!r}")
        if len(problems) >= 5:
            break
    return problems


def gate(engines: list[Engine], answer_sets: list[Answers]) -> None:
    for e in engines:
        problems = check_engine(e, answer_sets)
        if problems:
            raise GateFailure(
                f"correctness gate FAILED: {e.name} disagrees with the hand-written function:\n  "
                + "\n  ".join(problems)
            )
        print(f"  gate ok   {e.name:<20} {len(answer_sets)} answer sets")


# --------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------


def time_batches(engines: list[Engine], batch: list[Answers], repeats: int) -> dict[str, list[float]]:
    """Microseconds per decision of each engine, one value per repeat. The engines take turns
    (round-robin, rotating the order every repeat) so that drift hits them all alike."""
    out: dict[str, list[float]] = {e.name: [] for e in engines}
    n = len(batch)
    for r in range(repeats):
        k = r % len(engines)
        for e in engines[k:] + engines[:k]:
            decide = e.decide
            gc.collect()
            gc.disable()
            try:
                t0 = time.perf_counter_ns()
                for a in batch:
                    decide(a)
                t1 = time.perf_counter_ns()
            finally:
                gc.enable()
            out[e.name].append((t1 - t0) / n / 1000)
    return out


# --------------------------------------------------------------------------------------------
# Machine, report, files
# --------------------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def machine() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
    }


def machine_line(m: dict[str, Any]) -> str:
    return f"{m['cpu']}, {m['cores']} cores, {m['platform']}, {m['python']}"


def build_results(engines: list[Engine], timings: dict[str, list[float]], missing: dict[str, str],
                  settings: dict[str, Any]) -> dict[str, Any]:
    base = statistics.median(timings["hand-written"])
    rows = {}
    for e in engines:
        us = statistics.median(timings[e.name])
        rows[e.name] = {
            "version": e.version,
            "us_per_decision": round(us, 3),
            "ratio": round(us / base, 1),
            "load_ms": None if e.load_ms is None else round(e.load_ms, 3),
            "first_load_ms": None if e.first_load_ms is None else round(e.first_load_ms, 3),
            "repeats_us": [round(x, 3) for x in timings[e.name]],
            "how": e.spec.how,
        }
    rows = dict(sorted(rows.items(), key=lambda kv: kv[1]["ratio"]))
    return {
        "machine": machine(),
        "measured": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d"),
        "settings": settings,
        "engines": rows,
        "not_measured": missing,
    }


def _fmt_us(us: float) -> str:
    return f"{us:.2f}" if us < 10 else f"{us:.1f}" if us < 100 else f"{us:.0f}"


def _fmt_ratio(r: float) -> str:
    return f"{r:.1f}×" if r < 10 else f"{r:.0f}×"


def _fmt_ms(ms: float | None) -> str:
    if ms is None:
        return "—"
    return f"{ms:.3f}" if ms < 1 else f"{ms:.1f}" if ms < 100 else f"{ms:.0f}"


def table_markdown(results: dict[str, Any]) -> str:
    lines = [
        "| × hand-written | engine | µs / decision | load ms | version |",
        "|---:|---|---:|---:|---|",
    ]
    for name, r in results["engines"].items():
        lines.append(
            f"| {_fmt_ratio(r['ratio'])} | {name} | {_fmt_us(r['us_per_decision'])} | "
            f"{_fmt_ms(r['load_ms'])} | {r['version']} |"
        )
    for name, why in results.get("not_measured", {}).items():
        lines.append(f"| — | {name} | — | — | {why} |")
    return "\n".join(lines)


def table_text(results: dict[str, Any]) -> str:
    out = [f"{'× hand':>8}  {'engine':<20} {'µs/decision':>11}  {'load ms':>8}  version"]
    for name, r in results["engines"].items():
        out.append(
            f"{_fmt_ratio(r['ratio']):>8}  {name:<20} {_fmt_us(r['us_per_decision']):>11}  "
            f"{_fmt_ms(r['load_ms']):>8}  {r['version']}"
        )
    for name, why in results.get("not_measured", {}).items():
        out.append(f"{'—':>8}  {name:<20} {'—':>11}  {'—':>8}  {why}")
    return "\n".join(out)


def doc_block(results: dict[str, Any]) -> str:
    s = results["settings"]
    return "\n".join([
        f"Measured {results['measured']} on {machine_line(results['machine'])}; "
        f"median of {s['repeats']} batches of {s['batch']:,} decisions per engine, "
        f"after a correctness gate on {s['gate_answer_sets']:,} answer sets.",
        "",
        table_markdown(results),
        *([
            "",
            f"The machine was busy during this run: repeats varied by more than "
            f"{NOISE_SPREAD:.0%} for {', '.join(results['noisy'])}. Rerun on a quiet machine.",
        ] if results.get("noisy") else []),
    ])


def update_doc(path: Path, results: dict[str, Any]) -> None:
    from segrules.files import replace_between, write_text_atomic

    try:
        text = replace_between(path.read_text(encoding="utf-8"), DOC_BEGIN, DOC_END, doc_block(results))
    except ValueError as exc:
        raise SystemExit(f"{path.name}: {exc}") from None
    write_text_atomic(path, text)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--batch", type=int, default=MIN_BATCH, help="decisions per timed batch (default %(default)s)")
    p.add_argument("--repeats", type=int, default=7, help="timed batches per engine (default %(default)s)")
    p.add_argument("--gate", type=int, default=MIN_GATE,
                   help="random answer sets in the correctness gate (default %(default)s)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    p.add_argument("--engines", help="comma-separated engine names to run (the hand-written one always runs)")
    p.add_argument("--quick", action="store_true",
                   help="smoke run: small gate and batches, writes nothing")
    p.add_argument("--no-write", action="store_true", help="print only; do not write the JSON or the doc")
    p.add_argument("--json", type=Path, default=RESULTS_JSON, help="results file (default: %(default)s)")
    p.add_argument("--doc", type=Path, default=PERFORMANCE_DOC, help="page whose table is regenerated")
    args = p.parse_args(argv)
    if args.quick:
        args.batch, args.repeats, args.gate = min(args.batch, 300), min(args.repeats, 2), min(args.gate, 300)
    return args


def run(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    names = [n.strip() for n in args.engines.split(",")] if args.engines else None
    if names:
        unknown = set(names) - {s.name for s in SPECS}
        if unknown:
            raise SystemExit(f"unknown engine(s): {', '.join(sorted(unknown))}")
    protocol = args.batch >= MIN_BATCH and args.repeats >= MIN_REPEATS and args.gate >= MIN_GATE
    write = protocol and not args.quick and not args.no_write

    load_at_start = _load_average()
    m = machine()
    print(f"machine: {machine_line(m)}")
    engines, missing = prepare_all(names, load_repeats=2 if args.quick else 5)

    rng = random.Random(args.seed)
    gate_sets = random_answers(rng, args.gate) + boundary_answers(rng)
    batch = random_answers(rng, args.batch)
    print(f"correctness gate: {len(gate_sets):,} answer sets "
          f"({args.gate:,} random, {len(gate_sets) - args.gate} boundary)")
    gate(engines, gate_sets)

    print(f"timing: {args.repeats} × {args.batch:,} decisions per engine ...")
    timings = time_batches(engines, batch, args.repeats)
    settings = {
        "batch": args.batch,
        "repeats": args.repeats,
        "gate_random": args.gate,
        "gate_boundary": len(gate_sets) - args.gate,
        "gate_answer_sets": len(gate_sets),
        "seed": args.seed,
        "load_average_at_start": load_at_start,
    }
    results = build_results(engines, timings, missing, settings)
    print()
    print(table_text(results))
    noisy = [name for name, xs in timings.items()
             if (max(xs) - min(xs)) > NOISE_SPREAD * statistics.median(xs)]
    results["noisy"] = noisy if args.repeats >= 3 else []
    if results["noisy"]:
        print(f"\nwarning: repeats vary by more than {NOISE_SPREAD:.0%} for {', '.join(noisy)}; "
              f"is something else running? (load average at start {load_at_start})")
    if write:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        update_doc(args.doc, results)
        print(f"\nwrote {_rel(args.json)} and the table in {_rel(args.doc)}")
    elif not args.no_write:
        print("\nsmoke run (smaller than the published protocol): nothing written")
    return results


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def _rel(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(ROOT))
    except ValueError:
        return str(p)


def main(argv: list[str] | None = None) -> int:
    try:
        run(argv)
    except GateFailure as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
