"""The decision service as an ASGI application (Starlette).

``create_app(config)`` returns the app; ``segrules.serve.runner.run`` serves it with
uvicorn. Routes read the current ``Snapshot`` once per request, so a reload never changes
the ruleset under a request. Deciding is pure and takes microseconds, so it runs on the
event loop; loading and verifying (on reload) run in a worker thread.
"""

from __future__ import annotations

import asyncio
import codecs
import datetime as dt
import hmac
import json
import logging
import os
import sys
import time
from contextlib import asynccontextmanager
from typing import Any, Callable

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from ..answers import MAX_ANSWERS_DEPTH, json_int, nesting_error
from ..documents import DuplicateKey, describe_json, parse_instant, reject_duplicate_keys
from ..dsl import ast
from ..errors import LONE_SURROGATE, AnswerError, SegrulesError, json_reason, lone_surrogate
from ..i18n import DEFAULT_LANG, accept_language, check_lang, text
from ..messages import translate
from .config import ServeConfig
from .decision_log import DecisionLog, log_record, new_decision_id
from .metrics import Metrics
from .problems import PROBLEM_JSON, ServiceError, problem, problem_of, problem_said, status_of
from .protocol import BODY_IN_KEY, DEADLINE_KEY
from .schema import openapi_document
from .store import NOT_READY, Rejected, ReloadResult, ReloadWorker, RulesetStore, Served, Snapshot, watched

log = logging.getLogger("segrules.serve")

OPEN_PATHS = ("/health/live", "/health/ready")  # answered without a token (ready: status only)
JSON_TYPES = ("application/json",)
JSONL_TYPES = ("application/jsonl", "application/x-ndjson", "application/x-jsonlines", "application/json-lines")
_UTC = dt.timezone.utc
DECIDE_ENDPOINT = "/v1/rulesets/{id}/decide"
DECIDE_KEYS = ("answers", "assessed_at", "override", "reason")  # what a decide request may hold


# --------------------------------------------------------------------------- reading requests


class _NotANumber(ValueError):
    pass


def _no_constant(name: str):
    raise _NotANumber(f"{name} is not a JSON number")


try:  # the optional extra ``fast``: orjson reads what it reads as the standard reader does
    from orjson import JSONDecodeError as _FastError
    from orjson import JSONEncodeError as _FastWriteError
    from orjson import dumps as _fast_dumps
    from orjson import loads as _fast_loads
except ImportError:
    _fast_loads = None

_CONTAINERS = (dict, list)


def _holds_float(value: Any) -> bool:
    """Whether a JSON value holds a float anywhere (orjson also reads a whole number beyond 64
    bits as one)."""
    kind = type(value)
    if kind is not dict and kind is not list:
        return kind is float
    items = value.values() if kind is dict else value
    kinds = set(map(type, items))
    if float in kinds:
        return True
    return (dict in kinds or list in kinds) and any(_holds_float(v) for v in items if type(v) in _CONTAINERS)


def parse_json(data: bytes, what: str = "the body") -> Any:
    """One strict JSON document: UTF-8, no repeated keys, no NaN or Infinity (SR913), nested
    at most as deep as an answers file (SR308). Whole numbers are read exactly whatever their
    length, as from an answers file, so the validator gives the same code as everywhere.

    With orjson (the ``fast`` extra) its reading is taken where it is surely the standard
    reader's: no float in it (orjson reads a whole number beyond 64 bits as a float), and
    orjson's own writing of it has as many ``:`` as the text, one per member and those inside
    texts (the text having no ``\\u003…`` escape, which may write a ``:``). A key given twice,
    which orjson keeps once, loses a member and the ``:`` of what it dropped, so such a body
    is never taken. What orjson refuses, or may have read otherwise, the standard reader
    reads, with its own words for what is wrong."""
    # a text with no more brackets than the limit cannot nest deeper: most bodies skip the scan
    flat = data.count(b"[") + data.count(b"{") <= MAX_ANSWERS_DEPTH
    if flat and _fast_loads is not None:
        try:
            value = _fast_loads(data)
        except _FastError:
            pass
        else:
            try:  # orjson writes one ':' per member, and those of the texts as they are
                colons = _fast_dumps(value).count(b":")
            except _FastWriteError:
                colons = -1
            if colons == data.count(b":") and b"\\u003" not in data and not _holds_float(value):
                return value
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ServiceError(400, f"{what} is not UTF-8 (byte {exc.start})", code="SR913") from None
    deep = None if flat else nesting_error(text)
    if deep is not None:
        line = text.count("\n", 0, deep) + 1
        column = deep - (text.rfind("\n", 0, deep) + 1) + 1
        raise ServiceError(400, f"{what} nests lists or objects more than {MAX_ANSWERS_DEPTH} levels deep "
                           f"(at line {line} column {column})", code="SR308")
    try:
        try:  # the JSON reader's own whole numbers, unless one is too long for it
            value = json.loads(text, object_pairs_hook=reject_duplicate_keys, parse_constant=_no_constant)
        except ValueError as exc:
            if type(exc) is not ValueError:  # not a number's length: a JSONDecodeError, DuplicateKey, ...
                raise
            value = json.loads(text, object_pairs_hook=reject_duplicate_keys, parse_constant=_no_constant,
                               parse_int=json_int)
    except json.JSONDecodeError as exc:
        raise ServiceError(400, f"{what} is not valid JSON: {json_reason(exc.msg)} (line {exc.lineno} column {exc.colno})",
                           code="SR913") from None
    except (DuplicateKey, _NotANumber) as exc:
        raise ServiceError(400, f"{what} is not valid JSON: {exc}", code="SR913") from None
    except (ValueError, RecursionError):  # never Python's own words (they name its internals)
        raise ServiceError(400, f"{what} cannot be read as JSON", code="SR913") from None
    # the standard reader takes an escaped half of a surrogate pair alone (orjson refuses it):
    # no character, which no answer, linkId or reason can hold, nor UTF-8 write
    if lone_surrogate(text, value):
        raise ServiceError(400, f"{what} is not valid JSON: {LONE_SURROGATE}", code="SR913")
    return value


def parse_time(text: Any, what: str) -> dt.datetime:
    """An ISO 8601 date-time with its UTC offset (SR914 if unreadable; SR550 without an offset)."""
    if not isinstance(text, str):
        raise ServiceError(422, f"{what} must be an ISO 8601 date-time as text", code="SR914")
    try:
        return parse_instant(text)
    except ValueError:
        raise ServiceError(
            422, f"{what} {text!r} is not an ISO 8601 date-time; write e.g. 2024-03-01T09:30:00+02:00", code="SR914"
        ) from None


def _media_type(request: Request) -> str | None:
    value = request.headers.get("content-type")
    return value.split(";")[0].strip().lower() if value else None


def _check_media(request: Request, accepted: tuple[str, ...]) -> None:
    media = _media_type(request)
    if media is None or media in accepted or (accepted == JSON_TYPES and media.endswith("+json")):
        return
    raise ServiceError(415, f"the body is {media}; send {' or '.join(accepted)}", code="SR917")


def _lang(request: Request) -> str:
    """The language of the texts of a response: ``?lang=`` if given, else the best of fi, sv
    and en by ``Accept-Language`` (q-values count), else English."""
    lang = request.query_params.get("lang")
    if lang is None:
        return accept_language(request.headers.get("accept-language")) or DEFAULT_LANG
    if lang not in ast.LANGUAGES:
        raise ServiceError(422, f"lang must be one of {', '.join(ast.LANGUAGES)}, not {lang!r}", code="SR914")
    return lang


def _lang_of_error(request: Request) -> str:
    """The language of an error response: as ``_lang``, and English where ``?lang=`` is the error."""
    try:
        return _lang(request)
    except ServiceError:
        return DEFAULT_LANG


def _language_headers(lang: str) -> dict[str, str]:
    """The language a response's texts are in, and that it depends on ``Accept-Language``."""
    return {"Content-Language": lang, "Vary": "Accept-Language"}


def _envelope(body: Any, allowed: tuple[str, ...]) -> dict:
    if not isinstance(body, dict):
        raise ServiceError(422, "the body must be a JSON object with the answers under \"answers\"", code="SR914")
    unknown = [key for key in body if key not in allowed]
    if unknown:
        raise ServiceError(
            422, f"unknown key {min(unknown)!r} in the request; allowed: {', '.join(allowed)}"
            + ("; put the answers under \"answers\"" if "answers" not in body else ""),
            code="SR914",
        )
    if "answers" not in body:
        raise ServiceError(422, "the request has no \"answers\"", code="SR914")
    for key in ("override", "reason"):
        if body.get(key) is not None and not isinstance(body[key], str):
            raise ServiceError(422, f"{key} must be text", code="SR914")
    return body


def _if_match(request: Request, served: Served) -> None:
    """RFC 9110 If-Match against the content hash: ``*``, or a list of (quoted) hashes."""
    value = request.headers.get("if-match")
    if value is None:
        return
    tags = [t.strip() for t in value.split(",") if t.strip()]
    have = served.ruleset.content_hash
    for tag in tags:
        if tag == "*":
            return
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag.strip('"') == have:
            return
    raise ServiceError(
        412, f"{served.ruleset.id} is served in version {served.ruleset.version} with content hash {have}, "
        f"not {value}", code="SR912", headers={"ETag": f'"{have}"'},
    )


# --------------------------------------------------------------------------- the service

EXPLANATIONS_KEPT = 4096
HEADS_KEPT = 64


class Service:
    """Everything one app holds: the rulesets, the metrics, the decision log."""

    def __init__(self, config: ServeConfig, store: RulesetStore | None = None,
                 on_reload: Callable[[ReloadResult, Snapshot], None] | None = None):
        self.config = config
        self.store = store if store is not None else RulesetStore(config.sources)
        self.metrics = Metrics()
        self.on_reload = on_reload
        self.decision_log = (
            DecisionLog(config.decision_log, policy=config.log_policy, capacity=config.log_queue,
                        metrics=self.metrics, inputs=watched(config.sources))
            if config.decision_log else None
        )
        self._token = config.token.encode("utf-8") if config.token else None
        self._explanations: dict = {}  # see decide_body(); bounded, emptied when full
        self._heads: dict = {}  # see answer_head(); bounded, emptied when full
        self._reloading: asyncio.Task | None = None
        self._again = False
        self._update_metrics()

    # ------------------------------------------------------------------ state

    @property
    def snapshot(self) -> Snapshot:
        return self.store.snapshot

    def readiness(self) -> tuple[str, list[str]]:
        snap = self.snapshot
        reasons = list(snap.problems)
        if self.decision_log is not None and self.decision_log.error:
            reasons.append(self.decision_log.error)
        status = snap.status
        if status != NOT_READY and reasons:
            status = "degraded"
        return status, reasons

    def _update_metrics(self) -> None:
        self.metrics.set_served(self.snapshot.served())
        status, _ = self.readiness()
        self.metrics.ready.set({"ok": 1, "degraded": 0.5}.get(status, 0))

    def authorized(self, header: str | None) -> bool:
        if self._token is None:
            return True
        if not header or not header.startswith("Bearer "):
            return False
        return hmac.compare_digest(header[len("Bearer "):].strip().encode("utf-8"), self._token)

    # ------------------------------------------------------------------ reloading

    async def reload(self) -> ReloadResult:
        """Reload in a worker thread (the loop keeps answering), then publish the result."""
        result = await anyio.to_thread.run_sync(self.store.reload)
        self.metrics.reloads.labels("degraded" if result.rejected else "ok").inc()
        self._update_metrics()
        if self.on_reload is not None:
            self.on_reload(result, self.snapshot)
        return result

    def request_reload(self) -> None:
        """Start a reload, or ask for one more after the running one (a SIGHUP during a reload)."""
        if self._reloading is not None and not self._reloading.done():
            self._again = True
            return

        async def run() -> None:
            while True:
                self._again = False
                try:
                    await self.reload()
                except Exception:  # noqa: BLE001 - a failed reload must not stop the service
                    log.exception("reload failed")
                if not self._again:
                    return

        self._reloading = asyncio.get_running_loop().create_task(run())

    async def watch(self) -> None:
        """Poll the sources' files; reload when one is added, removed or changed."""

        def signature() -> tuple:
            out = []
            for f in watched(self.store.sources):
                try:
                    st = os.stat(f)
                    out.append((f, st.st_mtime_ns, st.st_size, st.st_ino))
                except OSError:
                    out.append((f, None))
            return tuple(out)

        last = await anyio.to_thread.run_sync(signature)
        while True:
            await asyncio.sleep(self.config.watch_interval)
            now = await anyio.to_thread.run_sync(signature)
            if now != last:
                last = now
                self.request_reload()

    # ------------------------------------------------------------------ lookups

    def lookup(self, request: Request) -> Served:
        snap = self.snapshot
        if snap.status == NOT_READY:
            raise ServiceError(503, "no ruleset is in service yet: see /health/ready", code="SR919",
                               headers={"Retry-After": "1"})
        name = request.path_params["id"]
        served = snap.get(name)
        if served is None:
            ids = ", ".join(s.ruleset.id for s in snap.served())
            raise ServiceError(404, f"no ruleset {name!r} is served; served: {ids}", code="SR911")
        _if_match(request, served)
        return served

    async def log_decision(self, decision, decision_id: str, endpoint: str, answers) -> None:
        if self.decision_log is not None:
            record = log_record(decision, decision_id, endpoint, answers if self.config.log_answers else None)
            await self.decision_log.put(record)

    def count_decision(self, served: Served, decision) -> None:
        self.metrics.decisions.add(
            (served.ruleset.id, decision.segment_id, "overridden" if decision.is_overridden else "decided"))

    def observe_latency(self, endpoint: str, seconds: float) -> None:
        self.metrics.latency.observe(endpoint, seconds)

    def decide_body(self, served: Served, decision, lang: str) -> bytes:
        """``decide_body(decision, lang, decision.explain(lang))``, made from what is kept for
        the next decision by the same rule with the same facts (all the explanation reads):
        wording a rule costs more than the decision, and the facts take few values. The record
        comes in the parts of ``Decision.to_json_text_parts``; kept are the explanation's bytes
        with those of the parts that such decisions share (the head, the pathway and the
        facts), so that only the scores, answers and time are encoded per request. An
        overridden decision's record is encoded whole. At most EXPLANATIONS_KEPT are kept."""
        parts = decision.to_json_text_parts()
        if len(parts) != 4:
            return decide_body(decision, lang, decision.explain(lang), parts[0])
        head, middle, pathway, facts = parts
        key = (head, facts, lang)  # the head names the ruleset's version and the rule, whose pathway it is
        kept = self._explanations.get(key)
        if kept is None:
            if len(self._explanations) >= EXPLANATIONS_KEPT:
                self._explanations.clear()
            kept = self._explanations[key] = (
                b'{"decision":' + head.encode("utf-8", ESCAPE_UNPAIRED),
                (pathway + facts).encode("utf-8", ESCAPE_UNPAIRED)
                + _decide_tail(_encode_text(decision.explain(lang)), lang),
            )
        return kept[0] + middle.encode("utf-8", ESCAPE_UNPAIRED) + kept[1]

    def answer_head(self, served: Served, lang: str) -> list:
        """The raw headers of a decide answer up to its decision id (``_decide_headers``, as the
        route's response writes them), made once per version and language."""
        key = (served.ruleset.content_hash, lang)
        head = self._heads.get(key)
        if head is None:
            if len(self._heads) >= HEADS_KEPT:
                self._heads.clear()
            head = self._heads[key] = _raw_headers({**_etag(served), **_language_headers(lang)})
        return head

    def count_refusal(self, served: Served, exc: SegrulesError) -> None:
        """A decision that was not made; the codes are counted where the error is answered."""
        status = "rejected" if status_of(exc) < 500 else "failed"
        self.metrics.decisions.add((served.ruleset.id, "", status))

    def count_codes(self, exc: SegrulesError) -> None:
        codes = [p.code for p in exc.problems] if isinstance(exc, AnswerError) else [exc.code]
        for code in codes:
            self.metrics.rejected.labels(code).inc()


# --------------------------------------------------------------------------- responses


#: The error handler with which JSON text is written as UTF-8: a lone surrogate, which UTF-8
#: cannot write (the body reader refuses them, but a text may come from elsewhere), stands
#: inside a JSON text only within a string, where its escape ``\ud800`` is the same JSON.
ESCAPE_UNPAIRED = "backslashreplace"


def _json(obj: Any, status: int = 200, headers: dict | None = None) -> Response:
    body = json.dumps(obj, ensure_ascii=False, sort_keys=True).encode("utf-8", ESCAPE_UNPAIRED)
    return Response(body, status_code=status, headers=headers, media_type="application/json")


def _problem_response(doc: dict, headers: dict | None = None) -> Response:
    body = json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8", ESCAPE_UNPAIRED)
    return Response(body, status_code=doc["status"], headers=headers, media_type=PROBLEM_JSON)


_encode_text = json.JSONEncoder(ensure_ascii=False).encode


def decide_body(decision, lang: str, explanation: str, record: str | None = None) -> bytes:
    """The body of a decide answer: ``documents.decide_json(decision, lang)`` as JSON text,
    with the record written by ``Decision.to_json_text`` (compact, UTF-8 as it is; ``record``
    if already written) rather than walked by ``json.dumps``; ``explanation`` is
    ``decision.explain(lang)``."""
    record = decision.to_json_text() if record is None else record
    return b'{"decision":' + record.encode("utf-8", ESCAPE_UNPAIRED) + _decide_tail(_encode_text(explanation), lang)


def _decide_tail(explanation_json: str, lang: str) -> bytes:
    """The bytes of a decide answer after its record."""
    return (',"explanation":' + explanation_json + ',"lang":' + _encode_text(lang)
            + ',"schema":"segrules.decide/1"}').encode("utf-8", ESCAPE_UNPAIRED)


#: The header that names a decision (its id in the decision log)
DECISION_ID_HEADER = "Segrules-Decision-Id"
_DECISION_ID_RAW = DECISION_ID_HEADER.lower().encode("latin-1")


def _decide_headers(served: Served, lang: str, decision_id: str) -> dict:
    return {**_etag(served), **_language_headers(lang), DECISION_ID_HEADER: decision_id}


def _raw_headers(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    """Headers as an ASGI message carries them (lower-case names, latin-1 bytes)."""
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]


def _etag(served: Served) -> dict:
    return {"ETag": f'"{served.ruleset.content_hash}"'}


async def read_body(request: Request, limit: int) -> bytes:
    """The request's body, at most ``limit`` bytes (SR915 past it, before or while reading)."""
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit:
        raise ServiceError(413, f"the body is {length} bytes; the limit is {limit}", code="SR915")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ServiceError(413, f"the body is over the limit of {limit} bytes", code="SR915")
        chunks.append(chunk)
    return b"".join(chunks)


# --------------------------------------------------------------------------- routes


def _service(request: Request) -> Service:
    return request.app.state.service


async def live(request: Request) -> Response:
    return _json({"status": "alive"})


async def ready(request: Request) -> Response:
    service = _service(request)
    status, reasons = service.readiness()
    doc: dict[str, Any] = {"status": status}
    if request.scope.get("segrules.authorized", True):
        doc["reasons"] = reasons
        doc["rulesets"] = [
            {"id": s.ruleset.id, "version": s.ruleset.version, "content_hash": s.ruleset.content_hash}
            for s in service.snapshot.served()
        ]
    return _json(doc, 503 if status == NOT_READY else 200)


async def metrics(request: Request) -> Response:
    service = _service(request)
    service._update_metrics()
    return Response(service.metrics.render(), media_type=service.metrics.content_type)


async def openapi(request: Request) -> Response:
    service = _service(request)
    return _json(openapi_document(service.snapshot, token=service.config.token is not None))


async def rulesets(request: Request) -> Response:
    service = _service(request)
    status, _ = service.readiness()
    return _json({"status": status, "rulesets": [s.summary() for s in service.snapshot.served()]})


async def describe(request: Request) -> Response:
    served = _service(request).lookup(request)
    return _json(describe_json(served.ruleset.definition), headers=_etag(served))


def _decision_of(served: Served, data: bytes) -> tuple[dict, Any]:
    """A decide request's body (read and checked) and its decision; the route and the quick
    path of ``Guard`` both decide with it."""
    body = _envelope(parse_json(data), DECIDE_KEYS)
    when = (parse_time(body["assessed_at"], "assessed_at") if body.get("assessed_at") is not None
            else dt.datetime.now(_UTC).replace(microsecond=0))
    return body, served.ruleset.decide(body["answers"], assessed_at=when,
                                       override=body.get("override"), reason=body.get("reason"))


async def decide(request: Request) -> Response:
    service = _service(request)
    served = service.lookup(request)
    try:
        _check_media(request, JSON_TYPES)
        lang = _lang(request)
        body, decision = _decision_of(served, await read_body(request, service.config.max_body_bytes))
    except SegrulesError as exc:
        service.count_refusal(served, exc)
        raise
    decision_id = new_decision_id()
    await service.log_decision(decision, decision_id, "decide", body["answers"])
    service.count_decision(served, decision)
    return Response(service.decide_body(served, decision, lang),
                    headers=_decide_headers(served, lang, decision_id), media_type="application/json")


async def validate(request: Request) -> Response:
    service = _service(request)
    served = service.lookup(request)
    _check_media(request, JSON_TYPES)
    lang = _lang(request)
    headers = {**_etag(served), **_language_headers(lang)}
    body = _envelope(parse_json(await read_body(request, service.config.max_body_bytes)), ("answers",))
    try:
        served.ruleset.validate(body["answers"])
    except AnswerError as exc:
        service.count_codes(exc)
        problems = [{**p.to_json(), "message": translate(p.code, p.message, lang)} for p in exc.problems]
        return _json({"valid": False, "problems": problems}, headers=headers)
    return _json({"valid": True, "problems": []}, headers=headers)


async def batch(request: Request) -> Response:
    service = _service(request)
    served = service.lookup(request)
    _check_media(request, JSONL_TYPES)
    lang = _lang(request)
    at = request.query_params.get("at")
    when = parse_time(at, "at") if at is not None else dt.datetime.now(_UTC).replace(microsecond=0)
    return BatchResponse(service, served, when, lang)


# --------------------------------------------------------------------------- FHIR $decide

FHIR_TYPES = ("application/fhir+json", "application/json")
FHIR_JSON = "application/fhir+json"


def _fhir_parameters(body: Any) -> tuple[Any, dict]:
    """The responses and options of a ``$decide`` body: the response(s) themselves (a
    QuestionnaireResponse, a list or a Bundle), or a ``Parameters`` resource with ``response``
    parts and optional ``assessedAt``, ``override``, ``reason`` and ``carePlan``."""
    if not (isinstance(body, dict) and body.get("resourceType") == "Parameters"):
        return body, {}
    responses, options = [], {}
    parts = body.get("parameter")
    if parts is not None and not isinstance(parts, list):
        raise ServiceError(422, "the parameter of a Parameters resource must be a list of parts", code="SR914")
    for part in parts or []:
        name = part.get("name") if isinstance(part, dict) else None
        if not isinstance(name, str):
            raise ServiceError(422, "each part of a Parameters resource must be an object with a name", code="SR914")
        if name == "response":
            responses.append(part.get("resource"))
        elif name == "assessedAt":
            options["assessed_at"] = part.get("valueDateTime", part.get("valueInstant"))
        elif name in ("override", "reason"):
            value = part.get("valueCode", part.get("valueString"))
            if not isinstance(value, str):
                raise ServiceError(422, f"the parameter {name} takes a valueCode or a valueString (text)", code="SR914")
            options[name] = value
        elif name == "carePlan":
            if not isinstance(part.get("valueBoolean"), bool):
                raise ServiceError(422, "the parameter carePlan takes a valueBoolean", code="SR914")
            options["care_plan"] = part["valueBoolean"]
        else:
            raise ServiceError(
                422, f"unknown parameter {name!r}; $decide takes response, assessedAt, override, reason, carePlan",
                code="SR914",
            )
    return responses, options


def _outcome_said(outcome: dict, exc: SegrulesError, lang: str) -> dict:
    """The OperationOutcome of ``exc`` with each issue's text in ``lang``, as ``/decide`` says
    the same problems: the SR codes and the items' expressions are the same in every language."""
    if lang == "en":
        return outcome
    problems = exc.problems if isinstance(exc, AnswerError) else ()
    said = ([(p.code, translate(p.code, f"{p.input}: {p.message}", lang)) for p in problems]
            or [(exc.code, translate(exc.code, str(exc), lang))])
    if len(said) != len(outcome["issue"]):
        return outcome
    for issue, (code, text) in zip(outcome["issue"], said):
        issue["details"]["text"] = text
        issue["diagnostics"] = f"{code} {text}"
    return outcome


async def fhir_decide(request: Request) -> Response:
    """``$decide``: QuestionnaireResponse(s) in, a Bundle (Observation, Provenance, CarePlan) out.

    Problems with the responses are answered as a FHIR OperationOutcome (each issue with its
    SR code and the item), as FHIR clients expect; refusals before the body is read
    (token, size, media type, version) are problem documents like everywhere else.
    """
    from .. import fhir

    service = _service(request)
    served = service.lookup(request)
    _check_media(request, FHIR_TYPES)
    lang = _lang(request)
    body = parse_json(await read_body(request, service.config.max_body_bytes))
    try:
        responses, options = _fhir_parameters(body)
        when = (parse_time(options["assessed_at"], "assessedAt") if options.get("assessed_at") is not None
                else dt.datetime.now(_UTC).replace(microsecond=0))
        ruleset = served.ruleset
        answers = fhir.answers_from_responses(ruleset, responses)
        decision = ruleset.decide(answers, assessed_at=when, override=options.get("override"),
                                  reason=options.get("reason"))
        bundle = fhir.decision_resources(ruleset, decision, responses, care_plan=options.get("care_plan", False))
    except SegrulesError as exc:
        service.count_refusal(served, exc)
        service.count_codes(exc)
        outcome = _outcome_said(fhir.operation_outcome(exc), exc, lang)
        body = json.dumps(outcome, ensure_ascii=False, sort_keys=True).encode("utf-8", ESCAPE_UNPAIRED)
        return Response(body, status_code=status_of(exc), media_type=FHIR_JSON,
                        headers={**_etag(served), **_language_headers(lang)})
    decision_id = new_decision_id()
    await service.log_decision(decision, decision_id, "fhir", answers)
    service.count_decision(served, decision)
    body = fhir.dumps(bundle, ensure_ascii=False, sort_keys=True).encode("utf-8", ESCAPE_UNPAIRED)
    return Response(body, media_type=FHIR_JSON, headers={**_etag(served), DECISION_ID_HEADER: decision_id})


class BatchResponse:
    """Streams one output line per input line while the body is still coming in.

    Memory stays bounded: one line (at most the body size limit) and one chunk's output are
    held at a time, and when the client reads slowly, sending waits, so reading waits too.
    """

    def __init__(self, service: Service, served: Served, when: dt.datetime, lang: str = DEFAULT_LANG):
        self.service = service
        self.served = served
        self.when = when
        self.lang = lang  # of the error lines (their title, detail and problems' messages)

    def _line(self, number: int, data: bytes) -> bytes:
        service, served = self.service, self.served
        try:
            answers = parse_json(data, f"line {number}")
            if not isinstance(answers, dict):
                raise ServiceError(422, f"line {number} must be a JSON object of answers", code="SR914")
            decision = served.ruleset.decide(answers, assessed_at=self.when)
        except SegrulesError as exc:
            service.count_refusal(served, exc)
            service.count_codes(exc)
            out = {"line": number, "error": problem_of(exc, lang=self.lang)}
            return (json.dumps(out, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8", ESCAPE_UNPAIRED)
        service.count_decision(served, decision)
        decision_id = new_decision_id()  # as the decision log names it, so that a caller can find it there
        self._decided.append((decision, answers, decision_id))
        return (json.dumps({"line": number, "decision": decision.to_json(), "decision_id": decision_id},
                           ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8", ESCAPE_UNPAIRED)

    def _error(self, number: int, code: str, status: int, detail: str) -> bytes:
        out = {"line": number, "error": problem_said(code, status, detail, self.lang)}
        return (json.dumps(out, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8", ESCAPE_UNPAIRED)

    async def __call__(self, scope, receive, send) -> None:
        service = self.service
        limit, max_lines, timeout = service.config.max_body_bytes, service.config.max_batch_lines, service.config.timeout
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", b"application/jsonl"),
            (b"etag", f'"{self.served.ruleset.content_hash}"'.encode()),
            *_raw_headers(_language_headers(self.lang)),
        ]})
        buffer = b""
        number = 0
        skipping = False  # inside a line over the limit: drop bytes up to its end
        at_start = True
        more = True
        while more:
            try:
                with anyio.fail_after(timeout):
                    message = await receive()
            except TimeoutError:
                await send({"type": "http.response.body", "more_body": True,
                            "body": self._error(number + 1, "SR916", 408, f"no data came for {timeout:g} seconds")})
                break
            if message["type"] == "http.disconnect":
                return
            more = message.get("more_body", False)
            buffer += message.get("body", b"")
            if at_start:  # a byte-order mark may start the body (as a file of JSON Lines), no later line
                if len(buffer) < len(codecs.BOM_UTF8) and more and codecs.BOM_UTF8.startswith(buffer):
                    continue  # perhaps the start of one: wait for the rest
                buffer, at_start = buffer.removeprefix(codecs.BOM_UTF8), False
            lines = buffer.split(b"\n")
            buffer = lines.pop() if more else b""
            out: list[bytes] = []
            self._decided: list = []
            stop = False
            for data in lines:
                if skipping:
                    skipping = False
                    continue
                if not data.strip():
                    continue
                number += 1
                if number > max_lines:
                    out.append(self._error(number, "SR920", 413, f"a batch takes at most {max_lines} lines"))
                    stop = True
                    break
                if len(data) > limit:
                    out.append(self._error(number, "SR915", 413, f"line {number} is over {limit} bytes"))
                    continue
                out.append(self._line(number, data))
            if not stop and len(buffer) > limit:
                number += 1
                out.append(self._error(number, "SR915", 413, f"line {number} is over {limit} bytes"))
                buffer, skipping = b"", True
            for decision, answers, decision_id in self._decided:
                await service.log_decision(decision, decision_id, "batch", answers)
            if out:
                await send({"type": "http.response.body", "body": b"".join(out), "more_body": True})
            if stop:
                break
        await send({"type": "http.response.body", "body": b"", "more_body": False})


# --------------------------------------------------------------------------- middleware


_GUARD_HEADERS = {name.encode(): name for name in ("authorization", "content-type", "if-match", "accept-language")}
_QUICK_LANGS = {b"": None, b"lang=fi": "fi", b"lang=sv": "sv", b"lang=en": "en"}


def _replay(message: dict, receive):
    """``receive`` that gives ``message`` first: what the quick decide read, the app reads again."""
    given = False

    async def again() -> dict:
        nonlocal given
        if not given:
            given = True
            return message
        return await receive()

    return again


class Guard:
    """The outermost layer: the token, the time limit, metrics, and no traceback ever.

    A request without a valid token gets a 401 problem and nothing else (the two health
    endpoints excepted: ``live``, and the status word of ``ready``).

    ``POST .../decide`` whose body came whole in one piece and that the service accepts is
    answered here (``_quick_answer``), without the framework's routing, request objects
    and cancel scopes, which cost more than the decision itself. The answer is the route's
    to the byte (the same functions make it); everything else, a refusal included, goes
    through the app, which reads the body again from what was read here.
    """

    def __init__(self, app, service_ref: Callable[[], Service]):
        self.app = app
        self.service_ref = service_ref

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        service = self.service_ref()
        path = scope.get("path", "")
        started = time.perf_counter()
        response_started = False
        endpoint = None

        async def send_wrapper(message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        async def refuse(code: str, status: int, detail: str, headers: dict | None = None) -> None:
            lang = _lang_of_error(Request(scope))  # in the language asked, as every error
            await _problem_response(problem_said(code, status, detail, lang),
                                    {**(headers or {}), **_language_headers(lang)})(scope, receive, send_wrapper)

        headers = {}  # the request headers this layer reads, the last of each
        for k, v in scope.get("headers", ()):
            name = _GUARD_HEADERS.get(k) or _GUARD_HEADERS.get(k.lower())
            if name is not None:
                headers[name] = v.decode("latin-1")
        authorized = service.authorized(headers.get("authorization"))
        scope["segrules.authorized"] = authorized
        try:
            if not authorized and path not in OPEN_PATHS:
                service.metrics.rejected.labels("SR910").inc()
                await refuse("SR910", 401, "this service needs a valid bearer token",
                             {"WWW-Authenticate": 'Bearer realm="segrules"'})
                return
            if path.endswith("/batch"):  # streams: its own limits per line and per read
                await self.app(scope, receive, send_wrapper)
                return
            # the deadline from the request's first byte (segrules.serve.protocol), else from now
            deadline = scope.get(DEADLINE_KEY)
            name = _decide_name(scope, path)
            loop = _asyncio_loop() if name is not None else None
            if loop is not None:
                endpoint = DECIDE_ENDPOINT
                if deadline is None:
                    deadline = loop.time() + service.config.timeout
                if scope.get(BODY_IN_KEY):  # here already: no timer to set and cancel
                    message = await receive()
                else:
                    async with asyncio.timeout_at(deadline):
                        message = await receive()
                if message["type"] == "http.request" and not message.get("more_body", False):
                    answer = await _quick_answer(service, scope, name, message["body"], headers, deadline)
                    if answer is not None:
                        response_started = True
                        await send({"type": "http.response.start", "status": 200, "headers": answer[0]})
                        await send({"type": "http.response.body", "body": answer[1]})
                        return
                receive = _replay(message, receive)
            with (anyio.fail_at(deadline) if deadline is not None else anyio.fail_after(service.config.timeout)):
                await self.app(scope, receive, send_wrapper)
        except TimeoutError:
            service.metrics.rejected.labels("SR916").inc()
            if not response_started:  # and close: the rest of a slow body is not waited for
                await refuse("SR916", 408, f"the request was not done within {service.config.timeout:g} seconds",
                             {"Connection": "close"})
        except ClientDisconnect:
            # the client went, or the protocol refused what it sent (SR922, counted there):
            # nobody to answer, and no failure of the service's
            return
        except Exception:  # noqa: BLE001 - no traceback ever reaches a client
            log.exception("internal error on %s %s", scope.get("method"), path)
            service.metrics.rejected.labels("SR921").inc()
            if not response_started:
                await refuse("SR921", 500, "the service failed on this request; it has been logged")
        finally:
            route = scope.get("route")
            service.observe_latency(getattr(route, "path", None) or endpoint or "unmatched",
                                    time.perf_counter() - started)


def _decide_name(scope, path: str) -> str | None:
    """The ruleset of a ``POST /v1/rulesets/{id}/decide``, else None."""
    if scope["method"] != "POST" or not path.endswith("/decide") or not path.startswith("/v1/rulesets/"):
        return None
    name = path[len("/v1/rulesets/"):-len("/decide")]
    if not name or "/" in name or scope.get("root_path"):
        return None
    return name


def _asyncio_loop():
    """The running asyncio loop, or None on another event loop (trio: the app's own route answers)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


async def _quick_answer(service: Service, scope, name: str, body: bytes, headers: dict,
                        deadline: float) -> tuple[list, bytes] | None:
    """The raw headers and body with which the ``decide`` route would answer a decide request
    to ruleset ``name`` whose body is ``body``; None (nothing counted) for whatever the route
    answers otherwise: a problem of any kind, ``If-Match``, a query other than ``lang``. The
    caller sends it: nothing is sent here."""
    snap = service.snapshot
    served = snap.get(name) if snap.status != NOT_READY else None
    if served is None or "if-match" in headers or len(body) > service.config.max_body_bytes:
        return None
    media = headers.get("content-type")
    if media is not None:
        media = media.split(";")[0].strip().lower()
        if media not in JSON_TYPES and not media.endswith("+json"):
            return None
    lang = _QUICK_LANGS.get(scope.get("query_string", b""), False)
    if lang is False:
        return None
    if lang is None:
        lang = accept_language(headers.get("accept-language")) or DEFAULT_LANG
    try:
        request, decision = _decision_of(served, body)
    except SegrulesError:
        return None
    decision_id = new_decision_id()
    if service.decision_log is not None:
        async with asyncio.timeout_at(deadline):  # a full log queue waits (policy block) within the deadline
            await service.log_decision(decision, decision_id, "decide", request["answers"])
    service.count_decision(served, decision)
    content = service.decide_body(served, decision, lang)
    return ([*service.answer_head(served, lang), (_DECISION_ID_RAW, decision_id.encode("latin-1")),
             (b"content-length", str(len(content)).encode("latin-1")), (b"content-type", b"application/json")],
            content)


async def _service_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SegrulesError)
    _service(request).count_codes(exc)
    lang = _lang_of_error(request)
    headers = {**(exc.headers if isinstance(exc, ServiceError) else {}), **_language_headers(lang)}
    return _problem_response(problem_of(exc, request.url.path, lang), headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    _service(request).metrics.rejected.labels("SR918").inc()
    what = "method" if exc.status_code == 405 else "path"
    lang = _lang_of_error(request)
    detail = f"no endpoint for {request.method} {request.url.path} (wrong {what})"
    doc = problem_said("SR918", exc.status_code, detail, lang, instance=request.url.path)
    return _problem_response(doc, {**(exc.headers or {}), **_language_headers(lang)})


# --------------------------------------------------------------------------- the factory


ROUTES = [
    Route("/health/live", live, methods=["GET"]),
    Route("/health/ready", ready, methods=["GET"]),
    Route("/metrics", metrics, methods=["GET"]),
    Route("/openapi.json", openapi, methods=["GET"]),
    Route("/v1/rulesets", rulesets, methods=["GET"]),
    Route("/v1/rulesets/{id}", describe, methods=["GET"]),
    Route("/v1/rulesets/{id}/decide", decide, methods=["POST"]),
    Route("/v1/rulesets/{id}/validate", validate, methods=["POST"]),
    Route("/v1/rulesets/{id}/batch", batch, methods=["POST"]),
    Route("/v1/rulesets/{id}/$decide", fhir_decide, methods=["POST"]),
]


class _CrossOrigin(CORSMiddleware):
    """Starlette's CORS, whose refusal of a preflight is a problem document (SR923) naming
    what was refused, like every other error of the service, rather than a line of text."""

    def preflight_response(self, request_headers) -> Response:
        answer = super().preflight_response(request_headers)
        if answer.status_code < 400:
            return answer
        refused = answer.body.decode("latin-1").removeprefix("Disallowed CORS ")
        headers = {k: v for k, v in answer.headers.items() if k.lower().startswith("access-control-")}
        return _problem_response(problem(
            "SR923", 400, f"this cross-origin request is not allowed (its {refused}); allowed origins: "
            + ", ".join(self.allow_origins)), headers)


def create_app(config: ServeConfig, *, store: RulesetStore | None = None,
               on_reload: Callable[[ReloadResult, Snapshot], None] | None = None) -> Starlette:
    """The service for ``config``. Without a loaded ``store``, the rulesets are loaded in the
    background at start-up, and ``/health/ready`` says ``not_ready`` until then."""
    service = Service(config, store, on_reload)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        tasks = []
        worker = None
        if config.isolated_reloads:  # started now, so that its imports are done before a reload
            worker = ReloadWorker(config.reload_priority)
            service.store.admit, service.store.discover = worker.admit, worker.discover
        if service.snapshot.loading:
            service.request_reload()
        if config.watch:
            tasks.append(asyncio.get_running_loop().create_task(service.watch()))
        try:
            yield
        finally:
            for t in tasks:
                t.cancel()
            if service.decision_log is not None:
                await anyio.to_thread.run_sync(service.decision_log.close)
            if worker is not None:
                await anyio.to_thread.run_sync(worker.close)

    middleware = [Middleware(Guard, service_ref=lambda: service)]
    if config.cors_origins:  # outermost, so that a preflight (which has no token) is answered
        middleware.insert(0, Middleware(
            _CrossOrigin, allow_origins=list(config.cors_origins), allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "If-Match"],
            expose_headers=["ETag", DECISION_ID_HEADER],
        ))
    app = Starlette(
        routes=list(ROUTES), middleware=middleware, lifespan=lifespan,
        exception_handlers={SegrulesError: _service_error, HTTPException: _http_error},
    )
    # a path with a slash at its end is no path of the API (404, SR918), not a redirect to one
    # whose address is made from the request's Host header
    app.router.redirect_slashes = False
    app.state.service = service
    return app


OPERATOR_PREFIX = "segrules serve: "


def operator_line(key: str, lang: str = DEFAULT_LANG, **values: Any) -> str:
    """One of the operator's lines (``serve.<key>`` of the catalogue) in ``lang``, with the
    ``segrules serve:`` prefix."""
    return OPERATOR_PREFIX + text(lang, f"serve.{key}", **values)


def rejection_text(r: Rejected, lang: str = DEFAULT_LANG) -> str:
    """Why a file is not served, for the operator in ``lang``: a file that does not load by its
    first problem as ``segrules check`` says it; any other reason by the message catalogue. The
    service's JSON keeps the English ``reason``."""
    lang = check_lang(lang)
    errors = [d for d in r.diagnostics if d.is_error] or list(r.diagnostics)
    if errors and lang != "en":
        more = len(r.diagnostics) - 1
        first = errors[0].format(lang).splitlines()[0] + (text(lang, "serve.more", n=more) if more > 0 else "")
        return text(lang, "serve.not_loaded", file=r.file, first=first)
    return translate(r.code, r.reason, lang)


def print_reload(result: ReloadResult, snapshot: Snapshot, stream=None, lang: str = DEFAULT_LANG) -> None:
    """What a reload did, for the operator's terminal in ``lang`` (no personal data: files,
    ids, codes)."""
    out = stream or sys.stderr
    for s in result.accepted:
        print(operator_line("serving", lang, id=s.ruleset.id, version=s.ruleset.version,
                            hash=s.ruleset.content_hash[:12], file=s.file), file=out)
    for r in result.rejected:
        print(f"{OPERATOR_PREFIX}{r.code} {rejection_text(r, lang)}", file=out)
    for f in result.removed:
        print(operator_line("gone", lang, file=f), file=out)
    print(operator_line("status", lang, status=snapshot.status), file=out, flush=True)
