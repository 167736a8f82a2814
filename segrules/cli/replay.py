"""``segrules replay``: decide a stored decision record again and confirm it, or say what differs."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..answers import json_int
from ..documents import reject_duplicate_keys
from ..engine.record import Replay, replay
from ..errors import AnswerError, UsageError, json_reason, safe_text
from ..i18n import count, text
from ..messages import translate, translate_value, word
from ..files import InputTooLarge, os_reason, read_bytes_limited, read_stream_limited
from ..pipeline import load
from .common import print_json

HELP = "recompute a stored decision record: confirm its ruleset and outcome, or show what differs"
DESCRIPTION = (
    "Decide again from the answers and the assessment time of a decision record (the JSON of "
    "Decision.to_json() or of `segrules decide --json`) with RULESET, and compare: the ruleset's "
    "id, version and content hash, the segment, the suggestion and the override, the rule, every "
    "score and the re-assessment date. Exit code 0 when everything agrees, 1 when anything differs."
)

#: A record is a few kilobytes; anything much larger is not one.
MAX_RECORD_BYTES = 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("record", metavar="RECORD.json", help="the stored decision record; - reads stdin")
    parser.add_argument("ruleset", metavar="RULESET", help="the ruleset to replay it with")


def read_record_file(source: str) -> Any:
    """The JSON document of a record file (or stdin), read within MAX_RECORD_BYTES (SR557)."""
    name = "<stdin>" if source == "-" else safe_text(source, 300)
    try:
        if source == "-":
            data = read_stream_limited(sys.stdin.buffer, MAX_RECORD_BYTES)
        else:
            data = read_bytes_limited(source, MAX_RECORD_BYTES)
    except InputTooLarge:
        raise UsageError(f"{name} is larger than {MAX_RECORD_BYTES} bytes; it is not a decision record", code="SR557") from None
    except IsADirectoryError:
        raise UsageError(f"cannot read the record {name}: it is a folder", code="SR557") from None
    except OSError as exc:
        raise UsageError(f"cannot read the record {name}: {os_reason(exc, reading=True)}", code="SR557") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{name}: the record is not UTF-8 text", code="SR557") from None
    try:
        return json.loads(text, object_pairs_hook=reject_duplicate_keys, parse_int=json_int)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{name}:{exc.lineno}:{exc.colno}: the record is not valid JSON: {json_reason(exc.msg)}", code="SR557") from None
    except ValueError as exc:
        raise UsageError(f"{name}: the record is not valid: {exc}", code="SR557") from None
    except RecursionError:
        raise UsageError(f"{name}: the record is nested too deeply to be a decision record", code="SR557") from None


def _shown(value: Any) -> str:
    """A value from the record or the recomputation, safe for a terminal: text as it is, other
    values as JSON, control characters and escape sequences written out (``safe_text``)."""
    if isinstance(value, dict) and set(value) == {"exact"}:
        value = value["exact"]
    return safe_text(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False), 300)


def replay_text(result: Replay, lang: str = "en") -> str:
    """The outcome of a replay for a reader, in ``lang``."""
    s, r = result.stored, result.ruleset
    recorded = f"{_shown(s.ruleset.id)} {_shown(s.ruleset.version)}"
    ruleset = f"{r.id} {r.version}"
    if result.same:
        lines = [text(lang, "replay.same", ruleset=ruleset)]
    else:
        lines = [count(lang, "replay.differs", len(result.differences), ruleset=ruleset)]
    segment = _shown(s.segment)
    if s.segment != s.suggested:
        segment += " " + text(lang, "replay.suggested", segment=_shown(s.suggested))
    rows = [
        (text(lang, "replay.record"), text(lang, "replay.hash", what=recorded, hash=_shown(s.ruleset.content_hash))),
        (text(lang, "replay.ruleset"), text(lang, "replay.hash", what=ruleset, hash=r.content_hash)),
        (text(lang, "replay.assessed_at"), s.assessed_at.isoformat()),
        (text(lang, "replay.segment"), f"{segment}, {text(lang, 'replay.rule', n=s.rule_number)}"),
    ]
    width = max(len(name) for name, _ in rows) + 1
    lines += [f"  {(name + ':').ljust(width)} {value}" for name, value in rows]
    if result.differences:
        lines.append("")
        width = max(len(d.field) for d in result.differences)
        stored, now = text(lang, "replay.stored") + ":", text(lang, "replay.now") + ":"
        column = max(len(stored), len(now))
        for d in result.differences:
            lines.append(f"  {d.field.ljust(width)}  {stored.ljust(column)} {_shown(d.stored)}")
            lines.append(f"  {' ' * width}  {now.ljust(column)} {translate_value(_shown(d.recomputed), lang)}")
    if result.error is not None:
        why = f"  {text(lang, 'replay.why')}: "
        message = str(result.error).splitlines()
        if isinstance(result.error, AnswerError) and lang != "en":
            problems = result.error.problems
            message = [word("answer_problems", lang, len(problems))]
            message += [f"  {p.code} {p.input}: {translate(p.code, p.message, lang)}" for p in problems]
        elif lang != "en":
            message = translate(result.error.code, str(result.error), lang).splitlines()
        lines.append(why + f"{result.error.code}: " + "\n       ".join(safe_text(line, 300) for line in message))
    for note in result.notes:
        lines.append(f"  {text(lang, 'replay.note')}: {safe_text(translate('SR000', note, lang), 300)}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    record = read_record_file(args.record)
    ruleset = load(args.ruleset)
    result = replay(record, ruleset)
    if args.json:
        print_json(result.to_json())
    else:
        print(replay_text(result, args.lang))
    return 0 if result.same else 1
