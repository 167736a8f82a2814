"""Serving the app with uvicorn: start-up checks, SIGHUP reloads, a clean stop."""

from __future__ import annotations

import asyncio
import signal
import sys
from typing import Callable

from ..errors import Diagnostic, RulesetError
from .app import create_app, print_reload
from .config import ServeConfig
from .store import RulesetStore


def start(config: ServeConfig, *, stream=None) -> RulesetStore:
    """Load every source before listening; RulesetError unless all of them can be served.

    At start there is no last good version to fall back on, so a ruleset that does not
    load, fails an example or is not proven stops the start, with every reason.
    """
    store = RulesetStore(config.sources)
    result = store.reload()
    print_reload(result, store.snapshot, stream)
    if result.rejected:
        diagnostics = []
        for r in result.rejected:
            diagnostics += [d for d in r.diagnostics if d.is_error] or [Diagnostic(r.code, r.reason)]
        raise RulesetError(diagnostics)
    return store


def serve_app(app, config: ServeConfig, *, on_sighup: Callable[[], None] | None = None, stream=None) -> None:
    """Run an ASGI app with uvicorn on ``config.host:config.port`` until SIGINT or SIGTERM."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(
        app, host=config.host, port=config.port, lifespan="on", log_level="warning",
        timeout_keep_alive=5, timeout_graceful_shutdown=max(1, int(config.timeout)),
        h11_max_incomplete_event_size=64 * 1024, server_header=False,
    ))

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        if on_sighup is not None and hasattr(signal, "SIGHUP"):
            loop.add_signal_handler(signal.SIGHUP, on_sighup)
        await server.serve()

    print(f"segrules serve: listening on http://{config.host}:{config.port}", file=stream or sys.stderr, flush=True)
    asyncio.run(serve())


def run(config: ServeConfig, *, store: RulesetStore | None = None, stream=None) -> None:
    """Serve until SIGINT or SIGTERM; SIGHUP reloads the rulesets without a pause in service."""
    out = stream or sys.stderr
    if store is None:
        store = start(config, stream=out)
    app = create_app(config, store=store, on_reload=lambda r, s: print_reload(r, s, out))
    serve_app(app, config, on_sighup=app.state.service.request_reload, stream=out)
