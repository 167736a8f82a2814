"""The differential harness: one population through every back end, compared field by field.

Each record goes through the reference evaluator (``engine.reference``: the meaning), the
compiled engine (``segment_of`` and ``decide``), the generated SQL on DuckDB, PostgreSQL and
(when given) Spark in several table shapes, and the HTTP service's ``batch`` (which runs
``decide`` per line). Every result is a row of ``FIELDS``: the segment and rule, the axis
scores as exact pairs in lowest terms, the error codes and the inputs they name. Answers in a
text table are what their text stands for (``answers_from_text``), so the text shapes are
compared with the reference evaluator on those answers, and the JSON shape and the service
with it on the answers themselves.
"""

from __future__ import annotations

import json
import os
import tempfile
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

import attrs

from segrules.engine import reference
from segrules.errors import AnswerError, EvaluationError, SegrulesError
from segrules.sql import SqlCompileError, answers_from_text, compile_query, reference_row

from engines import holds_nul, json_text, run_duckdb, run_postgres, text_of

FIELDS = (
    "segment", "rule", "resources_num", "resources_den", "complexity_num", "complexity_den",
    "error_codes", "error_inputs",
)
#: At most this many differences are kept with their records (all are counted).
KEEP = 20


@attrs.define
class Tally:
    """What one or more runs compared, and every difference found."""

    records: int = 0  # generated records
    comparisons: int = 0  # record × back end pairs compared
    refused: int = 0  # rulesets the SQL compiler refused (SR800): their records skip the SQL
    differences: int = 0
    examples: list = attrs.field(factory=list)

    def add(self, other: "Tally") -> None:
        self.records += other.records
        self.comparisons += other.comparisons
        self.refused += other.refused
        self.differences += other.differences
        self.examples += other.examples[: max(0, KEEP - len(self.examples))]

    def differ(self, backend: str, answers: Mapping, want: Mapping, got: Mapping) -> None:
        self.comparisons += 1
        if got != want:
            self.differences += 1
            if len(self.examples) < KEEP:
                fields = {k: (want.get(k), got.get(k)) for k in FIELDS if want.get(k) != got.get(k)}
                self.examples.append(f"{backend}: answers {answers!r}: (expected, got) {fields}")

    def report(self) -> str:
        head = (f"{self.records} records, {self.comparisons} comparisons, {self.differences} differences, "
                f"{self.refused} rulesets refused by the SQL compiler")
        return "\n".join([head, *self.examples])


def _pair(v) -> tuple[int, int]:
    f = Fraction(v)
    return f.numerator, f.denominator


def evaluator_row(definition, answers: Mapping[str, Any]) -> dict:
    """The result fields the reference evaluator gives (validation, scores, rules)."""
    row = dict.fromkeys(FIELDS)
    try:
        values = reference.validate_answers(definition, answers)
        out = reference.run(definition, values)
    except AnswerError as exc:
        row["error_codes"] = ",".join(p.code for p in exc.problems)
        row["error_inputs"] = ",".join(p.input for p in exc.problems)
        return row
    except EvaluationError as exc:
        row["error_codes"], row["error_inputs"] = exc.code, exc.input
        return row
    if out.segment is None:
        row["error_codes"] = "SR401" if not out.matched else "SR402"
        return row
    row["segment"] = out.segment
    row["rule"] = next(i for i in out.matched if definition.rules[i].segment == out.segment) + 1
    if definition.axes is not None:
        row["resources_num"], row["resources_den"] = _pair(out.scores[definition.axes.resources])
        row["complexity_num"], row["complexity_den"] = _pair(out.scores[definition.axes.complexity])
    return row


def engine_row(ruleset, answers: Mapping[str, Any]) -> dict:
    """The result fields the compiled engine's ``decide`` gives."""
    row = reference_row(ruleset, answers)
    return {k: row[k] for k in FIELDS}


def segment_of_row(ruleset, answers: Mapping[str, Any]) -> dict:
    """The segment (or the error codes) of the compiled engine's fast path, ``segment_of``."""
    try:
        return {"segment": ruleset.segment_of(answers), "error_codes": None}
    except AnswerError as exc:
        return {"segment": None, "error_codes": ",".join(p.code for p in exc.problems)}
    except EvaluationError as exc:
        return {"segment": None, "error_codes": exc.code}


def _service_row(definition, line: dict) -> dict:
    row = dict.fromkeys(FIELDS)
    if "error" in line:
        problem = line["error"]
        problems = problem.get("problems") or []
        if problems:
            row["error_codes"] = ",".join(p["code"] for p in problems)
            row["error_inputs"] = ",".join(p["input"] for p in problems)
        else:  # an evaluation error: its code (the detail names the input in words)
            row["error_codes"] = problem["code"]
        return row
    decision = line["decision"]
    row["segment"] = decision["segment"]["id"]
    row["rule"] = decision["rule"]["number"]
    if definition.axes is not None:
        for role, sid in (("resources", definition.axes.resources), ("complexity", definition.axes.complexity)):
            row[f"{role}_num"], row[f"{role}_den"] = _pair(Fraction(decision["scores"][sid]["exact"]))
    return row


def service_rows(ruleset, text: str, records: Sequence[tuple[int, dict]]) -> dict[int, dict]:
    """The service's answers for ``records`` (key → fields): the ruleset served over
    Starlette's test client, the records posted to ``batch`` as JSON Lines."""
    definition = ruleset.definition
    from starlette.testclient import TestClient

    from segrules.serve import ServeConfig, create_app
    from segrules.serve.store import RulesetStore, Served, Snapshot

    out: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="segrules-harness-") as folder:
        with open(os.path.join(folder, "generated.yaml"), "w", encoding="utf-8") as f:
            f.write(text)
        # served as it is: the service admits only proven rulesets, and a generated one
        # seldom is (the decisions are what is compared, not the admission)
        path = os.path.join(folder, "generated.yaml")
        config = ServeConfig([folder])
        store = RulesetStore(config.sources)
        served = Served(ruleset, path, "none", "2000-01-01T00:00:00+00:00")
        store.snapshot = Snapshot(by_file={path: served}, names={ruleset.id: served})
        with TestClient(create_app(config, store=store)) as client:
            for start_at in range(0, len(records), 500):
                chunk = records[start_at:start_at + 500]
                body = "".join(json.dumps(a, ensure_ascii=False) + "\n" for _, a in chunk).encode("utf-8")
                r = client.post(f"/v1/rulesets/{definition.id}/batch?at=2000-01-01T00:00:00Z", content=body,
                                headers={"content-type": "application/jsonl"})
                assert r.status_code == 200, r.text
                lines = [json.loads(x) for x in r.text.splitlines() if x.strip()]
                assert len(lines) == len(chunk), r.text[:2000]
                for (key, _), line in zip(chunk, lines):
                    out[key] = _service_row(definition, line)
    return out


def _same(a: Mapping, b: Mapping) -> bool:
    """The same answers, of the same kinds (``1`` and ``True`` are equal in Python)."""
    return a.keys() == b.keys() and all(type(a[k]) is type(b[k]) and a[k] == b[k] for k in a)


def _fits_wide(definition, answers) -> bool:
    return set(answers) <= {i.id for i in definition.inputs}


def _fits_json(definition, answers) -> bool:
    return _fits_wide(definition, answers) and all(json_text(v) is not None for v in answers.values())


def _sql_records(shape: str, definition, records):
    if shape == "json":
        return [(k, a) for k, a in records if _fits_json(definition, a)]
    if shape == "long":
        return [(k, a) for k, a in records if a]
    return [(k, a) for k, a in records if _fits_wide(definition, a)]


def compare(
    ruleset,
    text: str,
    answer_sets: Sequence[dict],
    *,
    duck=None,
    pg=None,
    spark=None,
    service: int = 0,
    duck_shapes: Sequence[str] = ("wide", "long", "json"),
    pg_shapes: Sequence[str] = ("wide", "long"),
    spark_shapes: Sequence[str] = ("wide", "long"),
) -> Tally:
    """Every record of ``answer_sets`` through every back end given; the service decides the
    first ``service`` records (it is the slowest)."""
    d = ruleset.definition
    tally = Tally(records=len(answer_sets))
    records = list(enumerate(answer_sets))
    want_raw, want_text = {}, {}
    for key, answers in records:
        want_raw[key] = want = evaluator_row(d, answers)
        tally.differ("decide", answers, want, engine_row(ruleset, answers))
        tally.differ("segment_of", answers, {k: want[k] for k in ("segment", "error_codes")},
                     segment_of_row(ruleset, answers))
        as_text = answers_from_text(d, {k: text_of(v) for k, v in answers.items()})
        if _same(as_text, answers):  # the text stands for the answers themselves
            want_text[key] = want_raw[key]
            continue
        want_text[key] = want = evaluator_row(d, as_text)
        tally.differ("decide on the text", answers, want, engine_row(ruleset, as_text))
    if service:
        shown = [(k, a) for k, a in records[:service] if json_text(a) is not None]
        for key, row in service_rows(ruleset, text, shown).items():
            want = dict(want_raw[key])
            if row["error_codes"] == want["error_codes"] and row["error_inputs"] is None:
                want["error_inputs"] = None  # an evaluation error names its input in words only
            tally.differ("service", answer_sets[key], want, row)
    runs: list[tuple[str, Callable, Sequence[str]]] = []
    if duck is not None:
        runs.append(("duckdb", lambda shape, some: run_duckdb(duck, d, some, shape=shape), duck_shapes))
    if pg is not None:
        runs.append(("postgres", lambda shape, some: run_postgres(pg, d, some, shape=shape), pg_shapes))
    if spark is not None:
        from engines import run_spark

        runs.append(("spark", lambda shape, some: run_spark(spark, d, some, shape=shape), spark_shapes))
    if not runs:
        return tally
    try:
        compile_query(d)
    except SqlCompileError:
        tally.refused += 1
        return tally
    for engine, run, shapes in runs:
        for shape in shapes:
            some = _sql_records(shape, d, records)
            if engine == "postgres" and shape != "json":  # text holds no NUL; a json column its escape
                some = [(k, a) for k, a in some if not holds_nul(a)]
            got = run(shape, some)
            want = want_raw if shape == "json" else want_text
            for key, answers in some:
                row = got.get(key)
                tally.differ(f"{engine} {shape}", answers, want[key],
                             {k: row[k] for k in FIELDS} if row is not None else {"missing row": True})
    return tally


def ruleset_of(text: str):
    """A generated ruleset loaded (a ruleset the generator makes always loads)."""
    import segrules

    try:
        return segrules.load_text(text, "generated.yaml")
    except SegrulesError as exc:  # pragma: no cover - a generator fault, shown whole
        raise AssertionError(f"a generated ruleset does not load: {exc}\n{text}") from None
