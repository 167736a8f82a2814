"""Serving the app with uvicorn: start-up checks, SIGHUP reloads, a clean stop."""

from __future__ import annotations

import asyncio
import errno
import gc
import signal
import socket
import sys
from typing import Callable

from ..errors import Diagnostic, RulesetError, UsageError, default_termination
from ..i18n import DEFAULT_LANG
from .app import create_app, operator_line, print_reload
from .config import ServeConfig
from .decision_log import check_log_file
from .protocol import deadline_protocol
from .store import RulesetStore, watched


def start(config: ServeConfig, *, stream=None, lang: str = DEFAULT_LANG) -> RulesetStore:
    """Load every source before listening; RulesetError unless all of them can be served.

    At start there is no last good version to fall back on, so a ruleset that does not
    load, fails an example or is not proven stops the start, with every reason. A decision
    log that must not be appended to stops it first (SR520), before the slow loading.
    """
    if config.decision_log:
        check_log_file(config.decision_log, watched(config.sources))
    store = RulesetStore(config.sources)
    result = store.reload()
    print_reload(result, store.snapshot, stream, lang)
    if result.rejected:
        diagnostics = []
        for r in result.rejected:
            diagnostics += [d for d in r.diagnostics if d.is_error] or [Diagnostic(r.code, r.reason)]
        raise RulesetError(diagnostics)
    return store


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound before the server starts: a port in use is SR906, and port 0
    gets a free port whose number is known before the first request."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)  # connections wait in the backlog until the server takes them
    except OSError as exc:
        reason = _LISTEN_REASONS.get(exc.errno, exc.strerror or str(exc))
        raise UsageError(f"cannot listen on {host}:{port}: {reason}", code="SR906") from None
    return sock


#: Why a port cannot be listened on, in the words the messages' catalogue has in fi and sv
_LISTEN_REASONS = {
    errno.EADDRINUSE: "the port is already in use (another program, or another segrules, listens on it)",
    errno.EACCES: "no permission to use the port (ports below 1024 need the system's permission)",
    errno.EADDRNOTAVAIL: "the address is not one of this machine's",
}


#: seconds a thread holds the interpreter while another waits (Python's default is 0.005)
SWITCH_INTERVAL = 0.001


def settle() -> None:
    """Keep the request loop's pauses short while the service runs.

    What is loaded at start (the verifier and its prover, the rulesets) is frozen out of the
    garbage collector, whose full passes would otherwise walk it all, some 35 ms each on
    Suuntima, with every request waiting; the price is that a version served from the start
    and later replaced is not collected (one version's memory, once). It is called again once
    the server has started, for what uvicorn and the app's start-up imported and made: left
    to the collector, the first reload set off a full pass of 14–25 ms. And a reload's own thread,
    which compiles the new version here, gives the interpreter back to the request loop every
    millisecond rather than every five.
    """
    gc.collect()
    gc.freeze()
    sys.setswitchinterval(SWITCH_INTERVAL)


def serve_app(app, config: ServeConfig, *, on_sighup: Callable[[], None] | None = None, stream=None,
              lang: str = DEFAULT_LANG) -> None:
    """Run an ASGI app with uvicorn on ``config.host:config.port`` until SIGINT or SIGTERM; the
    line that says where it listens is in ``lang``."""
    import uvicorn

    default_termination()  # uvicorn shuts down gracefully on SIGTERM, then raises it again
    sock = bind(config.host, config.port)
    service = getattr(getattr(app, "state", None), "service", None)
    on_refused = (lambda code: service.metrics.rejected.labels(code).inc()) if service is not None else None
    server = uvicorn.Server(uvicorn.Config(
        app, lifespan="on", log_level="warning", http=deadline_protocol(config.timeout, on_refused),
        timeout_keep_alive=min(5, config.timeout), timeout_graceful_shutdown=max(1, int(config.timeout)),
        h11_max_incomplete_event_size=64 * 1024, server_header=False,
    ))

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        if on_sighup is not None and hasattr(signal, "SIGHUP"):
            loop.add_signal_handler(signal.SIGHUP, on_sighup)
        serving = loop.create_task(server.serve(sockets=[sock]))
        while not server.started and not serving.done():
            await asyncio.sleep(0.01)
        if server.started:  # what uvicorn and the app's start-up imported and made: out of the collector's way too
            settle()
        await serving

    settle()
    host, port = sock.getsockname()[:2]
    where = f"[{host}]" if ":" in host else host
    print(operator_line("listening", lang, url=f"http://{where}:{port}"), file=stream or sys.stderr, flush=True)
    try:
        asyncio.run(serve())
    finally:
        sock.close()


def run(config: ServeConfig, *, store: RulesetStore | None = None, stream=None, lang: str = DEFAULT_LANG) -> None:
    """Serve until SIGINT or SIGTERM; SIGHUP reloads the rulesets without a pause in service.
    The operator's lines on ``stream`` (standard error) are in ``lang``."""
    out = stream or sys.stderr
    if store is None:
        store = start(config, stream=out, lang=lang)
    app = create_app(config, store=store, on_reload=lambda r, s: print_reload(r, s, out, lang))
    serve_app(app, config, on_sighup=app.state.service.request_reload, stream=out, lang=lang)
