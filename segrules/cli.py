"""The ``segrules`` command line.

Each command is one function ``cmd_<name>(args) -> int`` and one ``Command`` entry in
``COMMANDS`` that adds its arguments. A package may add commands of its own: if
``segrules.verify.cli`` exists and has ``register(subparsers)``, it is called with the
subparsers object; each parser it adds must ``set_defaults(func=handler)``, where
``handler(args) -> int`` returns the exit code. It can give its parser the common options with
``parents=[common_options()]`` and print JSON with ``print_json``.

Exit codes: 0 ok, 1 problems found or invalid input, 2 usage error, 3 internal error.
Bad input never shows a traceback; ``--debug`` shows it. JSON shapes are in docs/cli.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import random
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

import attrs

from . import __version__
from .dsl import ast
from .dsl.printer import to_text as expr_text
from .engine.runtime import Decision, Ruleset, format_number
from .errors import AnswerError, AnswerProblem, Diagnostic, SegrulesError, Span, UsageError
from .pipeline import check_definition, load

DEFAULT_LANG = "en"


# --------------------------------------------------------------------------- output helpers


def print_json(obj: Any) -> None:
    """One JSON document on stdout: sorted keys, UTF-8, no trailing spaces."""
    print(json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _labels_json(labels: ast.Labels | None) -> dict | None:
    return labels.to_json() if labels is not None else None


def _value_text(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    return format_number(value)


def _ruleset_json(rs: ast.RulesetDef) -> dict:
    return {"id": rs.id, "version": rs.version, "content_hash": rs.content_hash}


def _counts(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    errors = sum(1 for d in diagnostics if d.is_error)
    return errors, len(diagnostics) - errors


def _count_text(errors: int, warnings: int) -> str:
    if errors:
        return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    return "ok" if not warnings else f"ok ({_plural(warnings, 'warning')})"


# --------------------------------------------------------------------------- check


def cmd_check(args: argparse.Namespace) -> int:
    files = []
    for path in args.rulesets:
        rs, diagnostics = check_definition(path)
        errors, warnings = _counts(diagnostics)
        files.append(
            {
                "file": path,
                "ok": errors == 0,
                "ruleset": _ruleset_json(rs) if rs is not None else None,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": [d.to_json() for d in diagnostics],
            }
        )
        if not args.json:
            for d in diagnostics:
                print(d.format())
            what = f" [{rs.id} {rs.version}]" if rs is not None else ""
            print(f"{path}: {_count_text(errors, warnings)}{what}")
    ok = all(f["ok"] for f in files)
    if args.json:
        print_json({"schema": "segrules.check/1", "ok": ok, "files": files})
    return 0 if ok else 1


# --------------------------------------------------------------------------- describe


def _domain_json(d: ast.Domain) -> dict:
    if d.kind == "integer":
        return {"type": "integer", "min": d.values[0], "max": d.values[-1]}
    labels = d.labels or (None,) * len(d.values)
    return {
        "type": d.kind,
        "scale": d.scale,
        "values": [{"value": v, "label": _labels_json(lab)} for v, lab in zip(d.values, labels)],
    }


def _domain_text(d: ast.Domain, lang: str) -> str:
    if d.kind == "integer":
        return f"integer {d.values[0]}..{d.values[-1]}"
    if d.kind == "boolean":
        return "boolean: true | false"
    if d.kind == "scale":  # the value labels are listed once, under Scales
        return f"scale {d.scale}: {d.values[0]}..{d.values[-1]}"
    return "enum: " + " | ".join(f"{v} ({lab.get(lang)})" for v, lab in zip(d.values, d.labels))


def _describe_json(rs: ast.RulesetDef) -> dict:
    return {
        "schema": "segrules.describe/1",
        "ruleset": {
            **_ruleset_json(rs),
            "file": rs.source,
            "title": rs.title.to_json(),
            "hit_policy": rs.hit_policy,
            "aliases": list(rs.aliases),
            "provenance": rs.provenance,
        },
        "inputs": [
            {
                "id": i.id,
                "respondent": i.respondent,
                "domain": _domain_json(i.domain),
                "optional": i.optional,
                "asked_when": expr_text(i.asked_when) if i.asked_when is not None else None,
                "text": i.text.to_json(),
                "help": _labels_json(i.help),
                "line": i.span.line if i.span else None,
            }
            for i in rs.inputs
        ],
        "groups": [{"id": g.id, "members": list(g.members)} for g in rs.groups],
        "scores": [
            {"id": s.id, "label": s.label.to_json(), "expr": expr_text(s.expr), "line": s.span.line if s.span else None}
            for s in rs.scores
        ],
        "axes": {"resources": rs.axes.resources, "complexity": rs.axes.complexity} if rs.axes else None,
        "segments": [
            {
                "id": s.id,
                "label": s.label.to_json(),
                "aliases": list(s.aliases),
                "quadrant": s.quadrant.to_json() if s.quadrant else None,
                "service_use": s.service_use,
                "description": _labels_json(s.description),
            }
            for s in rs.segments
        ],
        "rules": [
            {"number": r.index + 1, "segment": r.segment, "text": r.text, "line": r.span.line if r.span else None}
            for r in rs.rules
        ],
        "pathways": [p.to_json() for p in rs.pathways],
    }


_PATHWAY_FIELDS = (
    ("contact", "contact"),
    ("appointments", "appointments"),
    ("coordination", "coordination"),
    ("professional_role", "professional role"),
    ("self_care", "self-care"),
    ("first_visit", "first visit"),
    ("booking", "booking"),
    ("follow_up", "follow-up"),
    ("follow_up_visits", "follow-up visits"),
    ("service_model", "service model"),
    ("service_menu", "service menu"),
    ("channels", "channels"),
    ("reassess_after_months", "re-assess after"),
)


def _pathway_lines(p: ast.Pathway, lang: str, indent: str = "  ") -> list[str]:
    rows = []
    for field, name in _PATHWAY_FIELDS:
        v = getattr(p, field)
        if v is None or v == ():
            continue
        if isinstance(v, ast.Labels):
            text = v.get(lang)
        elif field == "appointments":
            text = "; ".join(x.get(lang) for x in v)
        elif isinstance(v, tuple):
            text = ", ".join(v)
        elif field == "reassess_after_months":
            text = _plural(v, "month")
        else:
            text = str(v)
        rows.append((name, text))
    width = max(len(n) for _, n in _PATHWAY_FIELDS)
    return [f"{indent}{n + ':':<{width + 1}} {t}" for n, t in rows]


def _table(rows: list[tuple[str, ...]], indent: str = "  ") -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        (indent + "  ".join(c.ljust(w) for c, w in zip(r, widths))).rstrip() for r in rows
    ]


def cmd_describe(args: argparse.Namespace) -> int:
    rs = load(args.ruleset).definition
    if args.json:
        print_json(_describe_json(rs))
        return 0
    lang = args.lang
    out = [
        f"{rs.title.get(lang)}",
        f"  id:         {rs.id}",
        f"  version:    {rs.version}",
        f"  sha256:     {rs.content_hash}",
        f"  file:       {rs.source}",
        f"  hit policy: {rs.hit_policy}",
    ]
    if rs.aliases:
        out.append(f"  aliases:    {', '.join(rs.aliases)}")
    if rs.scales:
        out += ["", f"Scales ({len(rs.scales)})"]
        for sc in rs.scales:
            title = f" ({sc.label.get(lang)})" if sc.label is not None else ""
            out.append(f"  {sc.id}{title}")
            out += _table([(str(v.value), v.label.get(lang)) for v in sc.values], indent="      ")
    out += ["", f"Inputs ({len(rs.inputs)})"]
    for i in rs.inputs:
        flags = ["optional"] if i.optional else []
        out.append(f"  {i.id}  [{i.respondent}{', ' + ', '.join(flags) if flags else ''}]  {i.text.get(lang)}")
        out.append(f"      {_domain_text(i.domain, lang)}")
        if i.asked_when is not None:
            out.append(f"      asked when: {expr_text(i.asked_when)}")
    if rs.groups:
        out += ["", f"Groups ({len(rs.groups)})"]
        out += _table([(g.id, ", ".join(g.members)) for g in rs.groups])
    if rs.scores:
        out += ["", f"Scores ({len(rs.scores)})"]
        out += _table([(s.id, "=", expr_text(s.expr), f"({s.label.get(lang)})") for s in rs.scores])
    if rs.axes:
        out += ["", f"Axes: resources = {rs.axes.resources}, complexity = {rs.axes.complexity}"]
    out += ["", f"Segments ({len(rs.segments)})"]
    seg_rows = [("id", "label", "service use", "quadrant", "aliases")]
    for s in rs.segments:
        quadrant = f"resources {s.quadrant.resources}, complexity {s.quadrant.complexity}" if s.quadrant else "-"
        seg_rows.append((s.id, s.label.get(lang), s.service_use, quadrant, ", ".join(s.aliases) or "-"))
    out += _table(seg_rows)
    out += ["", f"Rules ({len(rs.rules)}, hit policy {rs.hit_policy})"]
    out += _table([(f"{r.index + 1}.", r.text, f"(line {r.span.line})" if r.span else "") for r in rs.rules])
    out += ["", "Pathways"]
    for p in rs.pathways:
        out.append(f"  {p.segment} ({rs.segment(p.segment).label.get(lang)})")
        out += _pathway_lines(p, lang, indent="    ")
    print("\n".join(out))
    return 0


# --------------------------------------------------------------------------- sample


def cmd_sample(args: argparse.Namespace) -> int:
    from .sampling import sample_answers

    rs = load(args.ruleset).definition
    rng = random.Random(args.seed)
    for _ in range(args.count):
        print(json.dumps(sample_answers(rs, rng), ensure_ascii=False, sort_keys=True))
    return 0


# --------------------------------------------------------------------------- decide


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"the key {k!r} is given twice")
        out[k] = v
    return out


def read_answers(source: str) -> dict:
    """The answers JSON object from a file or from stdin (``-``)."""
    name = "<stdin>" if source == "-" else source
    try:
        if source == "-":
            text = sys.stdin.read()
        else:
            text = Path(source).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{name}: the answers file is not valid UTF-8 text", code="SR510") from None
    except OSError as exc:
        raise UsageError(f"cannot read the answers from {name}: {exc.strerror or exc}", code="SR510") from None
    try:
        answers = json.loads(text, object_pairs_hook=_reject_duplicates)
    except json.JSONDecodeError as exc:
        lines = text.splitlines()
        line = lines[exc.lineno - 1] if 0 < exc.lineno <= len(lines) else None
        raise AnswersFileError(
            Diagnostic(
                "SR511", f"the answers are not valid JSON: {exc.msg}", Span(name, exc.lineno, exc.colno),
                hint='write one JSON object, e.g. {"c_manage": 4, "battery": "risk"}', source_line=line,
            )
        ) from None
    except ValueError as exc:  # a duplicate key
        raise AnswersFileError(Diagnostic("SR511", f"{name}: the answers are not valid: {exc}")) from None
    if not isinstance(answers, dict):
        raise AnswerError(
            [AnswerProblem("SR306", "(answers)", "the answers must be a JSON object of input id to answer")]
        )
    return answers


class AnswersFileError(UsageError):
    """The answers file is not a JSON document."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message, code=diagnostic.code)
        self._diagnostic = diagnostic

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return (self._diagnostic,)


def parse_datetime(text: str) -> dt.datetime:
    """An ISO 8601 date-time; without a UTC offset it is taken as UTC."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"--at {text!r} is not an ISO 8601 date-time; write e.g. 2024-03-01T09:30:00+02:00",
            code="SR512",
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when


def _decision_text(d: Decision, ruleset: Ruleset, lang: str) -> str:
    rs = ruleset.definition
    seg = d.segment
    out = [f"Segment:      {seg.label.get(lang)} ({seg.id})"]
    if d.is_overridden:
        out[0] += f"  (chosen by a person; the rules suggested {d.suggested.id})"
    if seg.aliases:
        out.append(f"Also called:  {', '.join(seg.aliases)}")
    out.append(f"Service use:  {seg.service_use}")
    if seg.quadrant:
        out.append(f"Quadrant:     resources {seg.quadrant.resources}, complexity {seg.quadrant.complexity}")
    out += ["", "Pathway:"] + _pathway_lines(d.pathway, lang)
    scores = d.scores
    if scores:
        out += ["", "Scores:"]
        out += _table([(s.id, "=", _value_text(scores[s.id]), f"({s.label.get(lang)})") for s in rs.scores])
    out += ["", "Why:"] + ["  " + line for line in d.explain(lang).splitlines()[1:]]
    out += [
        "",
        f"Ruleset:      {d.ruleset.id} {d.ruleset.version}",
        f"SHA-256:      {d.ruleset.content_hash}",
        f"Assessed at:  {d.assessed_at.isoformat()}",
        f"Re-assess on: {d.reassess_on.isoformat()}",
    ]
    return "\n".join(out)


def cmd_decide(args: argparse.Namespace) -> int:
    ruleset = load(args.ruleset)
    answers = read_answers(args.answers)
    if args.at is not None:
        when = parse_datetime(args.at)
    else:
        when = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    decision = ruleset.decide(answers, assessed_at=when, override=args.override, reason=args.reason)
    if args.json:
        print_json(
            {
                "schema": "segrules.decide/1",
                "decision": decision.to_json(),
                "explanation": decision.explain(args.lang),
                "lang": args.lang,
            }
        )
    else:
        print(_decision_text(decision, ruleset, args.lang))
    return 0


# --------------------------------------------------------------------------- test


def cmd_test(args: argparse.Namespace) -> int:
    files = []
    for path in args.rulesets:
        entry: dict[str, Any] = {"file": path, "ruleset": None, "passed": 0, "failed": 0, "examples": [], "diagnostics": []}
        files.append(entry)
        try:
            ruleset = load(path)
        except SegrulesError as exc:
            entry["diagnostics"] = [d.to_json() for d in exc.diagnostics]
            entry["ok"] = False
            if not args.json:
                for d in exc.diagnostics:
                    print(d.format())
                print(f"{path}: cannot run the examples: the ruleset does not load")
            continue
        entry["ruleset"] = _ruleset_json(ruleset.definition)
        for r in ruleset.run_examples():
            ex = r.example
            entry["passed" if r.passed else "failed"] += 1
            entry["examples"].append(
                {
                    "name": ex.name, "expect": ex.expect, "got": r.got, "passed": r.passed, "error": r.error,
                    "line": ex.span.line if ex.span else None,
                }
            )
            if not args.json:
                where = f"{path}:{ex.span.line}: " if ex.span else f"{path}: "
                if r.passed:
                    print(f"PASS {where}{ex.name}")
                elif r.error is not None:
                    print(f"FAIL {where}{ex.name}: expected {ex.expect}, but {r.error}")
                else:
                    print(f"FAIL {where}{ex.name}: expected {ex.expect}, got {r.got}")
        entry["ok"] = entry["failed"] == 0
        if not args.json:
            total = entry["passed"] + entry["failed"]
            if total == 0:
                print(f"{path}: no examples")
            else:
                print(f"{path}: {entry['passed']} passed, {entry['failed']} failed")
    ok = all(f["ok"] for f in files)
    if args.json:
        print_json({"schema": "segrules.test/1", "ok": ok, "files": files})
    return 0 if ok else 1


# --------------------------------------------------------------------------- explain


def _codes_module():
    try:
        return importlib.import_module("segrules.codes")
    except ModuleNotFoundError as exc:
        if exc.name != "segrules.codes":
            raise
        raise UsageError("the explanations of error codes are not available in this version", code="SR514") from None


def cmd_explain(args: argparse.Namespace) -> int:
    if args.list == (args.code is not None):
        args.parser.error("give one error code (e.g. SR110), or --list")
    codes = _codes_module()
    if args.list:
        infos = [codes.CODES[k] for k in sorted(codes.CODES)]
        if not args.json:
            print("\n".join(_table([(i.code, i.title) for i in infos], indent="")))
    else:
        text = codes.explain(args.code)  # accepts SR110, sr110 or 110; SR514 when unknown
        infos = [codes.CODES[text.partition(":")[0]]]
        if not args.json:
            print(text)
    if args.json:
        print_json(
            {
                "schema": "segrules.explain/1",
                "codes": [{"code": i.code, "title": i.title, "explanation": i.explanation} for i in infos],
            }
        )
    return 0


# --------------------------------------------------------------------------- the parser


@attrs.frozen
class Command:
    name: str
    help: str
    run: Callable[[argparse.Namespace], int]
    arguments: Callable[[argparse.ArgumentParser], None]


def _lang(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=ast.LANGUAGES, default=DEFAULT_LANG, help=f"language of labels (default {DEFAULT_LANG})")


def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("rulesets", nargs="+", metavar="RULESET", help="ruleset YAML files")


def _describe_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("ruleset", metavar="RULESET")
    _lang(p)


def _count_arg(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 0 or more")
    return n


def _sample_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("ruleset", metavar="RULESET")
    p.add_argument("--count", type=_count_arg, default=1, metavar="N", help="how many answer sets (default 1)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")


def _decide_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("ruleset", metavar="RULESET")
    p.add_argument("--answers", required=True, metavar="FILE", help="the answers as a JSON object; - reads stdin")
    p.add_argument("--override", metavar="SEGMENT", help="a segment chosen by a person instead of the suggestion")
    p.add_argument("--reason", metavar="TEXT", help="why the segment was overridden (required with --override)")
    p.add_argument("--at", metavar="ISO-DATETIME", help="assessment time (default now, UTC; no offset means UTC)")
    _lang(p)


def _explain_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("code", nargs="?", metavar="CODE", help="an error code, e.g. SR110")
    p.add_argument("--list", action="store_true", help="list every error code with its title")


COMMANDS: tuple[Command, ...] = (
    Command("check", "load and type-check rulesets; print every problem", cmd_check, _check_args),
    Command("describe", "print a ruleset's inputs, scores, segments, rules and pathways", cmd_describe, _describe_args),
    Command("sample", "print random valid answer sets, one JSON object per line", cmd_sample, _sample_args),
    Command("decide", "decide the segment for one answer set", cmd_decide, _decide_args),
    Command("test", "run the rulesets' own examples", cmd_test, _check_args),
    Command("explain", "print the long explanation of an error code", cmd_explain, _explain_args),
)


def common_options() -> argparse.ArgumentParser:
    """The options every command takes, as a parent parser."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output (see docs/cli.md)"
    )
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks")
    return p


def _register_plugins(subparsers) -> None:
    try:
        module = importlib.import_module("segrules.verify.cli")
    except ModuleNotFoundError as exc:
        if exc.name in ("segrules.verify", "segrules.verify.cli"):
            return
        raise
    register = getattr(module, "register", None)
    if register is not None:
        register(subparsers)


def _register_diagram(subparsers) -> None:
    """`segrules diagram`: the quadrant picture (defined in segrules/diagram.py)."""
    from .diagram import add_command

    add_command(subparsers, common_options())


def _register_crosswalk(subparsers) -> None:
    """`segrules crosswalk`: segments across regional models (defined in segrules/crosswalk.py)."""
    from .crosswalk import add_command

    add_command(subparsers, common_options())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="segrules",
        description="Client segmentation models for wellbeing services regions: check, run and test them.",
        epilog="Exit codes: 0 ok, 1 problems found or invalid input, 2 usage error, 3 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"segrules {__version__}")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks instead of short messages")
    parser.add_argument("--json", action="store_true", help="machine-readable output, for every command")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    parent = common_options()
    for c in COMMANDS:
        p = subparsers.add_parser(c.name, help=c.help, description=c.help[0].upper() + c.help[1:] + ".", parents=[parent])
        c.arguments(p)
        p.set_defaults(func=c.run, parser=p)
    _register_plugins(subparsers)
    _register_diagram(subparsers)
    _register_crosswalk(subparsers)
    return parser


def _error_json(command: str | None, code: str, message: str, exc: SegrulesError | None) -> dict:
    return {
        "schema": "segrules.error/1",
        "command": command,
        "error": {"code": code, "message": message},
        "diagnostics": [d.to_json() for d in exc.diagnostics] if exc is not None else [],
        "problems": [p.to_json() for p in exc.problems] if isinstance(exc, AnswerError) else [],
    }


def _report(exc: SegrulesError) -> None:
    indent = ""
    if isinstance(exc, AnswerError):
        print(f"error: {_plural(len(exc.problems), 'problem')} with the answers:", file=sys.stderr)
        indent = "  "
    for d in exc.diagnostics:
        print(indent + d.format(), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    as_json = args.json
    if as_json and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    try:
        return args.func(args)
    except SegrulesError as exc:
        if args.debug:
            raise
        if as_json:
            print_json(_error_json(args.command, exc.code, str(exc), exc))
        else:
            _report(exc)
        return 1
    except KeyboardInterrupt:
        if args.debug:
            raise
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `segrules sample ... | head -1`): stop quietly, and keep
        # Python from flushing into the closed pipe again at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if args.debug:
            raise
        message = f"{type(exc).__name__}: {exc}"
        if as_json:
            print_json(_error_json(args.command, "internal", message, None))
        print(f"internal error: {message} (run with --debug for details)", file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
