"""The workbench as an ASGI application (Starlette), for one person on their own machine.

Every request must carry the workbench's random token (``?token=`` in the URL the command
prints, or the ``X-Segrules-Token`` header the page sends), compared in constant time; there
is no other way in. Request bodies are bounded. Errors are RFC 9457 problem documents with a
segrules code, as in the decision service. Loading, analysing and deciding run in a worker
thread, one analysis at a time, so the page stays responsive while the verifier works.
"""

from __future__ import annotations

import collections
import datetime as dt
import difflib
import hashlib
import hmac
import html
import json
import os
import secrets
import stat
import threading
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from ..dsl import ast
from ..errors import SegrulesError
from ..files import InputTooLarge, OutputError, os_reason, read_bytes_limited, write_text_atomic
from ..i18n import DEFAULT_LANG, accept_language, check_lang
from ..serve.app import parse_json, read_body
from ..serve.problems import ServiceError, problem, problem_of, problem_said
from ..source import MAX_FILE_BYTES, read_source
from . import analysis
from .texts import TEXTS

#: The largest request body: a ruleset (at most MAX_FILE_BYTES) twice over, JSON-escaped.
MAX_BODY_BYTES = 6 * MAX_FILE_BYTES
TOKEN_HEADER = "x-segrules-token"
STATIC = {"workbench.css": "text/css", "workbench.js": "text/javascript"}
SECURITY_HEADERS = {
    # nothing from elsewhere: the page, its script and style come from the workbench itself
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                               "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def new_token() -> str:
    """A random token for one run of the workbench (192 bits, URL-safe)."""
    return secrets.token_urlsafe(24)


def file_hash(data: bytes) -> str:
    """The SHA-256 of a file's bytes: the version of the file a save is based on."""
    return hashlib.sha256(data).hexdigest()


def backup_path(path: str | os.PathLike) -> Path:
    """Where the version before a save is kept: the file's name with ``.bak`` added."""
    p = Path(path)
    return p.with_name(p.name + ".bak")


class Workbench:
    """One ruleset file opened in the workbench: its path, the token and the analyses."""

    def __init__(self, path: str, *, token: str | None = None, lang: str = DEFAULT_LANG,
                 seconds: float = analysis.VERIFY_SECONDS):
        self.path = str(path)
        self.token = token or new_token()
        self.lang = check_lang(lang)
        self.seconds = seconds
        read_source(self.path)  # a file that cannot be read or is not UTF-8: its SR0xx error now
        self._work = threading.Lock()  # one analysis at a time: the page drops outdated answers
        self._save = threading.Lock()
        self._loaded: collections.OrderedDict[str, Any] = collections.OrderedDict()

    # ------------------------------------------------------------------ the file

    def _read(self) -> bytes:
        try:
            return read_bytes_limited(self.path, MAX_FILE_BYTES)
        except InputTooLarge:
            raise ServiceError(422, f"{self.path} is larger than {MAX_FILE_BYTES} bytes", code="SR002") from None
        except OSError as exc:
            raise ServiceError(422, f"cannot read {self.path}: {os_reason(exc)}", code="SR001") from None

    @staticmethod
    def _text(data: bytes) -> str:
        """The text the editor shows: UTF-8, without a byte-order mark, lines ending in LF."""
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ServiceError(422, "the file on disk is not valid UTF-8 text", code="SR003") from None
        return text.removeprefix("\ufeff").replace("\r\n", "\n")

    def opened(self) -> dict:
        """The file as it is on disk now, with its hash, and the page's words."""
        data = self._read()
        return {
            "schema": "segrules.workbench.file/1", "path": self.path, "text": self._text(data),
            "hash": file_hash(data), "lang": self.lang, "languages": list(ast.LANGUAGES), "texts": TEXTS,
            "verify_seconds": self.seconds,
        }

    def save(self, text: str, base_hash: str) -> dict:
        """Write ``text`` over the file atomically, the previous version kept as ``FILE.bak``;
        SR951 when the file on disk is no longer the version the editor opened."""
        with self._save:
            data = self._read()
            if not hmac.compare_digest(file_hash(data), base_hash):
                raise ServiceError(
                    409, f"{self.path} was changed on disk after it was opened in the workbench; nothing was saved",
                    code="SR951",
                )
            old = data.decode("utf-8")
            new = text.replace("\r\n", "\n")
            if b"\r\n" in data:  # keep the file's own line ends and byte-order mark
                new = new.replace("\n", "\r\n")
            if old.startswith("\ufeff"):
                new = "\ufeff" + new
            backup = backup_path(self.path)
            # the copy is as private as the file: its permissions, not those a new file gets
            write_text_atomic(backup, old, force=True, mode=stat.S_IMODE(os.stat(self.path).st_mode))
            write_text_atomic(self.path, new, force=True)
            saved = self._read()
        return {
            "schema": "segrules.workbench.saved/1", "hash": file_hash(saved), "backup": str(backup),
            "saved_at": dt.datetime.now().astimezone().replace(microsecond=0).isoformat(),
        }

    # ------------------------------------------------------------------ analyses

    def loaded(self, text: str):
        """The ruleset of a text and its diagnostics; the last few texts are kept loaded."""
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        got = self._loaded.get(key)
        if got is None:
            got = analysis.load(text, self.path)
            self._loaded[key] = got
            while len(self._loaded) > 4:
                self._loaded.popitem(last=False)
        return got

    def analyse(self, text: str, lang: str) -> dict:
        with self._work:
            return analysis.analyse(text, self.path, lang, seconds=self.seconds, loaded=self.loaded(text))

    def try_answers(self, text: str, answers: dict, lang: str) -> dict:
        with self._work:
            ruleset, _ = self.loaded(text)
        if ruleset is None:
            raise ServiceError(422, "the ruleset does not load; fix its problems first", code="SR952")
        return analysis.try_answers(ruleset, answers, lang)

    def authorized(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))


# --------------------------------------------------------------------------- requests


def _json(obj: Any, status: int = 200) -> Response:
    body = json.dumps(obj, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return Response(body, status_code=status, media_type="application/json", headers=SECURITY_HEADERS)


def _problem(doc: dict) -> Response:
    body = json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return Response(body, status_code=doc["status"], media_type="application/problem+json", headers=SECURITY_HEADERS)


async def _body(request: Request, *keys: str) -> dict:
    """The JSON object of a request, read within MAX_BODY_BYTES, with exactly the keys given."""
    body = parse_json(await read_body(request, MAX_BODY_BYTES))
    if not isinstance(body, dict) or set(body) != set(keys):
        raise ServiceError(422, f"the body must be a JSON object with the keys {', '.join(keys)}", code="SR914")
    for key in keys:
        want = {"answers": dict}.get(key, str)
        if not isinstance(body[key], want):
            raise ServiceError(422, f"{key} must be {'an object' if want is dict else 'text'}", code="SR914")
    if "lang" in body and body["lang"] not in ast.LANGUAGES:
        raise ServiceError(422, f"lang must be one of {', '.join(ast.LANGUAGES)}", code="SR914")
    if "text" in body and len(body["text"].encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise ServiceError(413, f"the ruleset text is over the limit of {MAX_FILE_BYTES} bytes", code="SR002")
    return body


def _bench(request: Request) -> Workbench:
    return request.app.state.workbench


async def page(request: Request) -> Response:
    bench = _bench(request)
    html = resources.files(__package__).joinpath("static/index.html").read_text("utf-8")
    return HTMLResponse(html.replace("__TOKEN__", bench.token).replace("__LANG__", bench.lang),
                        headers=SECURITY_HEADERS)


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in STATIC:
        raise ServiceError(404, f"no such file: {name}", code="SR918")
    data = resources.files(__package__).joinpath("static", name).read_bytes()
    return Response(data, media_type=STATIC[name], headers=SECURITY_HEADERS)


async def file(request: Request) -> Response:
    bench = _bench(request)
    return _json(await anyio.to_thread.run_sync(bench.opened))


async def analyse(request: Request) -> Response:
    bench = _bench(request)
    body = await _body(request, "text", "lang")
    return _json(await anyio.to_thread.run_sync(bench.analyse, body["text"], body["lang"]))


async def try_answers(request: Request) -> Response:
    bench = _bench(request)
    body = await _body(request, "text", "answers", "lang")
    return _json(await anyio.to_thread.run_sync(bench.try_answers, body["text"], body["answers"], body["lang"]))


async def diff(request: Request) -> Response:
    body = await _body(request, "base", "text")
    lines = list(difflib.unified_diff(body["base"].splitlines(), body["text"].splitlines(),
                                      "opened", "editor", lineterm="", n=2))
    return _json({"schema": "segrules.workbench.diff/1", "changed": bool(lines), "lines": lines})


async def save(request: Request) -> Response:
    bench = _bench(request)
    body = await _body(request, "text", "base_hash")
    return _json(await anyio.to_thread.run_sync(bench.save, body["text"], body["base_hash"]))


# --------------------------------------------------------------------------- the app


class TokenGuard:
    """Refuses every request without the workbench's token (SR950), before any route runs."""

    def __init__(self, app, bench: Workbench):
        self.app = app
        self.bench = bench

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            headers = dict(scope.get("headers") or ())
            given = headers.get(TOKEN_HEADER.encode("latin-1"))
            token = given.decode("latin-1") if given is not None else None
            if token is None:
                values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
                token = values[0] if values else None
            if not self.bench.authorized(token):
                if scope.get("path") == "/" and scope.get("method") == "GET":  # a person at the browser: a page
                    await _token_page(self.bench.lang)(scope, receive, send)
                    return
                said = headers.get(b"accept-language")
                lang = accept_language(said.decode("latin-1") if said is not None else None) or self.bench.lang
                doc = problem_said("SR950", 403, "this address needs the workbench's token: open the whole address "
                                   "that `segrules workbench` printed, with its ?token=", lang)
                await _problem(doc)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _token_page(lang: str) -> Response:
    """What a browser opening the workbench without its token shows, in the run's language."""
    words = TEXTS[lang]
    body = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(words["title"])}'
            f'</title></head><body><h1>{html.escape(words["title"])}</h1><p>{html.escape(words["token_needed"])}'
            "</p><p><code>SR950</code></p></body></html>")
    return HTMLResponse(body, status_code=403, headers=SECURITY_HEADERS)


def _lang_of(request: Request) -> str:
    """The language of a refusal: the page's, which it sends as ``Accept-Language``, else the run's."""
    return accept_language(request.headers.get("accept-language")) or _bench(request).lang


async def _on_error(request: Request, exc: Exception) -> Response:
    lang = _lang_of(request)

    def worded(code: str, status: int, detail: str) -> Response:
        return _problem(problem_said(code, status, detail, lang))

    if isinstance(exc, HTTPException):
        return worded("SR918", exc.status_code, f"no such page or action: {request.method} {request.url.path}")
    if isinstance(exc, OutputError):
        return worded(exc.code, 500, str(exc))
    if isinstance(exc, SegrulesError):
        return _problem(problem_of(exc, lang=lang))
    return worded("SR921", 500, "internal error in the workbench (a bug in segrules)")


def create_app(bench: Workbench) -> Starlette:
    """The workbench's ASGI app for one opened file."""
    app = Starlette(
        routes=[
            Route("/", page), Route("/static/{name}", static), Route("/api/file", file),
            Route("/api/analyse", analyse, methods=["POST"]), Route("/api/try", try_answers, methods=["POST"]),
            Route("/api/diff", diff, methods=["POST"]), Route("/api/save", save, methods=["POST"]),
        ],
        exception_handlers={Exception: _on_error, HTTPException: _on_error, SegrulesError: _on_error},
    )
    app.router.redirect_slashes = False  # /api/file/ is no page (SR918), not a redirect built from Host
    app.state.workbench = bench
    app.add_middleware(TokenGuard, bench=bench)
    return app


def is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "::1", "localhost") or host.startswith("127.")


def start_lines(lang: str, path: str, url: str, host: str) -> tuple[list[str], list[str]]:
    """What the workbench prints at start in ``lang``: the lines for its output (the file, the
    address with the token, how to stop) and the warnings (listening beyond this machine)."""
    words = TEXTS[check_lang(lang)]
    lines = [words["start.file"].format(path=path), words["start.open"].format(url=url), words["start.stop"]]
    return lines, [] if is_loopback(host) else [words["start.remote"].format(host=host)]


def run(bench: Workbench, host: str = "127.0.0.1", port: int = 0, *, stream=None) -> None:
    """Serve the workbench until Ctrl+C, printing its address with the token first.

    The start-up lines are in the workbench's language (``bench.lang``), like the page.
    """
    import asyncio
    import sys

    import uvicorn

    from ..errors import default_termination
    from ..serve.runner import bind

    default_termination()  # uvicorn shuts down gracefully on SIGTERM, then raises it again
    out = stream or sys.stdout
    sock = bind(host, port)
    server = uvicorn.Server(uvicorn.Config(create_app(bench), lifespan="off", log_level="warning",
                                           timeout_keep_alive=5, server_header=False,
                                           h11_max_incomplete_event_size=64 * 1024))
    bound_host, bound_port = sock.getsockname()[:2]
    shown = "127.0.0.1" if bound_host in ("0.0.0.0", "::") else bound_host
    shown = f"[{shown}]" if ":" in shown else shown
    lines, warnings = start_lines(bench.lang, bench.path, f"http://{shown}:{bound_port}/?token={bench.token}", host)
    for line in warnings:
        print(line, file=sys.stderr)
    print("\n".join(lines), file=out, flush=True)
    try:
        asyncio.run(server.serve(sockets=[sock]))
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


__all__ = ["Workbench", "create_app", "run", "start_lines", "new_token", "backup_path", "MAX_BODY_BYTES"]
