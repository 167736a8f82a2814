"""``segrules replay``: decide a stored decision record again and confirm it, or say what differs."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..answers import json_int
from ..documents import reject_duplicate_keys
from ..engine.record import Replay, replay
from ..errors import UsageError, safe_text
from ..files import InputTooLarge, read_bytes_limited, read_stream_limited
from ..pipeline import load
from .common import plural, print_json

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
        raise UsageError(f"cannot read the record {name}: {exc.strerror or exc}", code="SR557") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{name}: the record is not UTF-8 text", code="SR557") from None
    try:
        return json.loads(text, object_pairs_hook=reject_duplicate_keys, parse_int=json_int)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{name}:{exc.lineno}:{exc.colno}: the record is not valid JSON: {exc.msg}", code="SR557") from None
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


def replay_text(result: Replay) -> str:
    s, r = result.stored, result.ruleset
    recorded = f"{_shown(s.ruleset.id)} {_shown(s.ruleset.version)}"
    lines = []
    if result.same:
        lines.append(f"SAME: the record is confirmed by {r.id} {r.version}")
    else:
        lines.append(f"DIFFERS: {plural(len(result.differences), 'difference')} between the record and {r.id} {r.version}")
    lines += [
        f"  record:      {recorded}, content hash {_shown(s.ruleset.content_hash)}",
        f"  ruleset:     {r.id} {r.version}, content hash {r.content_hash}",
        f"  assessed at: {s.assessed_at.isoformat()}",
        f"  segment:     {_shown(s.segment)}" + (f" (the rules suggested {_shown(s.suggested)})" if s.segment != s.suggested else "")
        + f", rule {s.rule_number}",
    ]
    if result.differences:
        lines.append("")
        width = max(len(d.field) for d in result.differences)
        for d in result.differences:
            lines.append(f"  {d.field.ljust(width)}  stored: {_shown(d.stored)}")
            lines.append(f"  {' ' * width}  now:    {_shown(d.recomputed)}")
    if result.error is not None:
        lines.append(f"  why: {result.error.code}: " + "\n       ".join(safe_text(line, 300) for line in str(result.error).splitlines()))
    for note in result.notes:
        lines.append(f"  note: {safe_text(note, 300)}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    record = read_record_file(args.record)
    ruleset = load(args.ruleset)
    result = replay(record, ruleset)
    if args.json:
        print_json(result.to_json())
    else:
        print(replay_text(result))
    return 0 if result.same else 1
