"""``segrules serve``: the rulesets as an HTTP decision service (docs/service.md)."""

from __future__ import annotations

import argparse

from ..errors import UsageError
from .common import whole_number

HELP = "serve rulesets over HTTP: decide, validate, batch, OpenAPI, health and metrics"
DESCRIPTION = (
    "Serve the rulesets (files, or folders searched with their sub-folders) over HTTP. A "
    "ruleset goes into service only when it loads, its examples pass and verify proves it. "
    "SIGHUP (or a changed file with --watch) reloads; a new version that fails keeps the last "
    "good one serving. Listens on 127.0.0.1 unless told otherwise. See docs/service.md."
)


def _seconds(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", metavar="RULESET|DIR", help="ruleset files or folders")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=whole_number, default=8080, help="port (default 8080; 0 picks a free one)")
    parser.add_argument("--token-file", metavar="FILE", help="require 'Authorization: Bearer TOKEN' with the token in FILE")
    parser.add_argument("--max-body-bytes", type=whole_number, default=1024 * 1024, metavar="N",
                        help="largest request body, and batch line (default 1 MiB)")
    parser.add_argument("--timeout", type=_seconds, default=10.0, metavar="SECONDS",
                        help="time to receive and answer a request; for a batch, per read (default 10)")
    parser.add_argument("--max-batch-lines", type=whole_number, default=100_000, metavar="N",
                        help="most lines in one batch request (default 100000)")
    parser.add_argument("--decision-log", metavar="PATH", help="append one JSON line per decision to PATH")
    parser.add_argument("--log-answers", action="store_true",
                        help="also log the answers and override reasons (personal data: off by default)")
    parser.add_argument("--log-policy", choices=("block", "drop"), default="block",
                        help="when the log queue is full: block the request (default) or drop the line and count it")
    parser.add_argument("--log-queue", type=whole_number, default=10_000, metavar="N",
                        help="decision-log lines that may wait for the disk (default 10000)")
    parser.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                        help="allow browser calls from ORIGIN (repeatable; CORS is off by default)")
    parser.add_argument("--watch", action="store_true", help="reload when a ruleset file changes (checked every second)")
    parser.add_argument("--reload-priority", choices=("idle", "normal"), default="idle",
                        help="check a new version only on processor time the requests leave free (idle, the "
                             "default), or at the service's own priority (normal)")


def run(args: argparse.Namespace) -> int:
    try:
        from ..serve import ServeConfig, read_token_file, run as serve
    except ModuleNotFoundError as exc:
        if exc.name not in ("starlette", "uvicorn", "prometheus_client", "anyio"):
            raise
        raise UsageError(
            f"segrules serve needs the serve extra ({exc.name} is missing): pip install 'segrules[serve]'",
            code="SR906",
        ) from None
    if args.log_answers and not args.decision_log:
        args.parser.error("--log-answers needs --decision-log")
    config = ServeConfig(
        args.sources, host=args.host, port=args.port,
        token=read_token_file(args.token_file) if args.token_file else None,
        max_body_bytes=args.max_body_bytes, timeout=args.timeout, max_batch_lines=args.max_batch_lines,
        decision_log=args.decision_log, log_answers=args.log_answers, log_policy=args.log_policy,
        log_queue=args.log_queue, cors_origins=tuple(args.cors_origin), watch=args.watch,
        reload_priority=args.reload_priority,
    )
    serve(config, lang=args.lang)
    return 0
