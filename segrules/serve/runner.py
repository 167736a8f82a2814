"""Serving the app with uvicorn: start-up checks, SIGHUP reloads, a clean stop."""

from __future__ import annotations

import asyncio
import signal
import sys

from ..errors import RulesetError
from .app import create_app, print_reload
from .config import ServeConfig
from .store import RulesetStore


def start(config: ServeConfig, *, stream=None) -> RulesetStore:
    """Load every source before listening; RulesetError unless all of them can be served.

    At start there is no last good version to fall back on, so a ruleset that does not
    load, fails an example or is not proven stops the start, with every reason.
    """
    from ..errors import Diagnostic

    store = RulesetStore(config.sources)
    result = store.reload()
    print_reload(result, store.snapshot, stream)
    if result.rejected:
        diagnostics = []
        for r in result.rejected:
            diagnostics += [d for d in r.diagnostics if d.is_error] or [Diagnostic(r.code, r.reason)]
        raise RulesetError(diagnostics)
    return store


def run(config: ServeConfig, *, store: RulesetStore | None = None, stream=None) -> None:
    """Serve until SIGINT or SIGTERM; SIGHUP reloads the rulesets without a pause in service."""
    import uvicorn

    out = stream or sys.stderr
    if store is None:
        store = start(config, stream=out)
    app = create_app(config, store=store, on_reload=lambda r, s: print_reload(r, s, out))
    server = uvicorn.Server(uvicorn.Config(
        app, host=config.host, port=config.port, lifespan="on", log_level="warning",
        timeout_keep_alive=5, timeout_graceful_shutdown=max(1, int(config.timeout)),
        h11_max_incomplete_event_size=64 * 1024, server_header=False,
    ))

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        if hasattr(signal, "SIGHUP"):
            loop.add_signal_handler(signal.SIGHUP, app.state.service.request_reload)
        try:
            await server.serve()
        finally:
            if hasattr(signal, "SIGHUP"):
                loop.remove_signal_handler(signal.SIGHUP)

    print(f"segrules serve: listening on http://{config.host}:{config.port}", file=out, flush=True)
    asyncio.run(serve())
