"""What a service is started with: one frozen value, checked once."""

from __future__ import annotations

from pathlib import Path

import attrs

from ..errors import UsageError, safe_text
from ..files import InputTooLarge, NotARegularFile, os_reason, read_bytes_limited

LOG_POLICIES = ("block", "drop")
RELOAD_PRIORITIES = ("idle", "normal")
MIN_TOKEN_LENGTH = 32
MAX_TOKEN_FILE_BYTES = 4096  # a token is one line; anything longer is not a token file


def _positive(name: str):
    def check(_inst, _attr, value) -> None:
        if value is not None and not value > 0:
            raise UsageError(f"{name} must be greater than zero, not {value!r}", code="SR906")

    return check


#: the longest time limit of a request: a day (an endless one would never free its connection)
MAX_TIMEOUT_S = 86_400


def _timeout(_inst, _attr, value) -> None:
    if not (isinstance(value, (int, float)) and 0 < value <= MAX_TIMEOUT_S):  # nan and inf fail too
        raise UsageError(f"the timeout must be more than 0 and at most {MAX_TIMEOUT_S} seconds, not {value!r}",
                         code="SR906")


def _port(_inst, _attr, value: int) -> None:
    if type(value) is not int or not 0 <= value <= 65535:
        raise UsageError(f"the port must be a whole number from 0 to 65535, not {value!r}", code="SR906")


def _reload_priority(_inst, _attr, value: str) -> None:
    if value not in RELOAD_PRIORITIES:
        raise UsageError(f"the reload priority must be idle or normal, not {value!r}", code="SR906")


def _policy(_inst, _attr, value: str) -> None:
    if value not in LOG_POLICIES:
        raise UsageError(f"the decision-log policy must be block or drop, not {value!r}", code="SR906")


@attrs.frozen
class ServeConfig:
    """Options of ``segrules serve``; the defaults are the safe ones.

    ``sources`` are ruleset files and folders. ``token`` (usually read from a file with
    :func:`read_token_file`) turns on bearer-token authentication. ``decision_log`` is the
    path of the JSON Lines decision log (off when None); it holds no answers unless
    ``log_answers``. ``cors_origins`` is empty: CORS is off unless origins are named.
    ``isolated_reloads`` checks a new version (load, examples, proof) in a worker process of
    its own, so that a reload does not slow the requests being answered; with
    ``reload_priority`` ``idle`` (where the system has that scheduling class, as Linux does)
    the worker runs only on processor time that nothing else wants, so that on a machine
    whose every core is kept busy a new version waits for a quiet moment; ``normal`` gives
    it the service's own priority.
    """

    sources: tuple[str, ...] = attrs.field(converter=lambda s: tuple(str(p) for p in s))
    host: str = "127.0.0.1"
    port: int = attrs.field(default=8080, validator=_port)
    token: str | None = attrs.field(default=None, repr=False)
    max_body_bytes: int = attrs.field(default=1024 * 1024, validator=_positive("the body size limit"))
    timeout: float = attrs.field(default=10.0, validator=_timeout)
    max_batch_lines: int = attrs.field(default=100_000, validator=_positive("the batch line limit"))
    decision_log: str | None = None
    log_answers: bool = False
    log_policy: str = attrs.field(default="block", validator=_policy)
    log_queue: int = attrs.field(default=10_000, validator=_positive("the decision-log queue"))
    cors_origins: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    watch: bool = False
    watch_interval: float = attrs.field(default=1.0, validator=_positive("the watch interval"))
    isolated_reloads: bool = True
    reload_priority: str = attrs.field(default="idle", validator=_reload_priority)


def read_token_file(path: str | Path) -> str:
    """The bearer token in ``path``: one line of at least 32 characters, no spaces (SR904).

    Only a regular file of at most MAX_TOKEN_FILE_BYTES is read: a pipe, a device such as
    ``/dev/zero`` or a FIFO (which could hold the start for ever) is refused before reading.
    """
    name = safe_text(str(path), limit=300)
    try:
        data = read_bytes_limited(path, MAX_TOKEN_FILE_BYTES, regular_only=True)
    except NotARegularFile:
        raise UsageError(
            f"the token file {name} is not a regular file (a pipe, a device or a socket); "
            "write the token into a file", code="SR904",
        ) from None
    except InputTooLarge:
        raise UsageError(
            f"the token file {name} is larger than {MAX_TOKEN_FILE_BYTES} bytes; it must hold one token",
            code="SR904",
        ) from None
    except OSError as exc:
        raise UsageError(f"cannot read the token file {name}: {os_reason(exc, reading=True)}", code="SR904") from None
    try:
        token = data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise UsageError(f"the token file {name} is not UTF-8 text", code="SR904") from None
    if any(ch.isspace() for ch in token):
        raise UsageError(f"the token in {name} has spaces or several lines; write one token", code="SR904")
    if len(token) < MIN_TOKEN_LENGTH:
        raise UsageError(
            f"the token in {name} is {len(token)} characters long; use at least {MIN_TOKEN_LENGTH} random characters",
            code="SR904",
        )
    return token
