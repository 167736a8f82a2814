"""The quick decide (answered in the outermost layer) gives the route's answer to the byte.

Each request is sent twice to the same app: its body in one piece (answered quickly where the
service accepts it) and in two pieces (always through the framework's ``decide`` route). The
status, the headers (the decision id aside) and the body must be the same; an accepted
answer must also be ``decide_json`` of the library's own decision. Both ways are tried with
the body read by orjson (the ``fast`` extra, where installed) and by the standard reader.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from hypothesis import given
from hypothesis import strategies as st

import segrules.serve.app as app_module
from segrules.documents import decide_json
from segrules.serve import ServeConfig, create_app
from segrules.serve.app import parse_time
from segrules.serve.runner import start
from segrules.testing import answer_sets, invalid_answer_sets
from service_support import ANSWERS, PROVEN_BASE, SUUNTIMA

AT = "2024-03-01T09:30:00+02:00"


def build(folder: Path):
    """An app over Suuntima and the small ruleset, with a decision log and answers logged."""
    rulesets = folder / "rulesets"
    rulesets.mkdir()
    (rulesets / "suuntima.yaml").write_text(SUUNTIMA.read_text(encoding="utf-8"), encoding="utf-8")
    (rulesets / "base.yaml").write_text(PROVEN_BASE, encoding="utf-8")
    config = ServeConfig([str(rulesets)], isolated_reloads=False, decision_log=str(folder / "decisions.jsonl"),
                         log_answers=True)
    store = start(config, stream=open(os.devnull, "w"))
    return create_app(config, store=store), store


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    app, store = build(tmp_path_factory.mktemp("quick"))
    yield app, store
    app.state.service.decision_log.close()


READERS = ["standard"] + (["orjson"] if app_module._fast_loads is not None else [])


@pytest.fixture(params=READERS)
def reader(request, monkeypatch):
    """The body read by orjson, or by the standard reader alone."""
    if request.param == "standard":
        monkeypatch.setattr(app_module, "_fast_loads", None)
    return request.param


class Quick:
    """Counts the requests ``_quick_answer`` answered."""

    def __init__(self, monkeypatch):
        self.answered = 0
        real = app_module._quick_answer

        async def spy(*args, **kwargs):
            answer = await real(*args, **kwargs)
            self.answered += answer is not None
            return answer

        monkeypatch.setattr(app_module, "_quick_answer", spy)


def call(app, path: str, body: bytes, headers: list[tuple[bytes, bytes]], query: bytes, pieces: int):
    """One request to the ASGI app, its body in ``pieces``; (status, headers, body) answered."""
    cut = len(body) // 2 if pieces == 2 else len(body)
    messages = [{"type": "http.request", "body": body[:cut], "more_body": pieces == 2}]
    if pieces == 2:
        messages.append({"type": "http.request", "body": body[cut:], "more_body": False})
    sent = []

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": query, "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"content-length", str(len(body)).encode()), *headers],
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8080),
    }
    asyncio.run(app(scope, receive, send))
    start_message = sent[0]
    out_headers = [(k, b"<id>" if k == b"segrules-decision-id" else v) for k, v in start_message["headers"]]
    return start_message["status"], out_headers, b"".join(m.get("body", b"") for m in sent[1:])


def both(app, path, body, headers=(), query=b""):
    headers = list(headers)
    quick = call(app, path, body, headers, query, 1)
    routed = call(app, path, body, headers, query, 2)
    assert quick == routed
    return quick


SUUNTIMA_PATH = "/v1/rulesets/helsinki.suuntima/decide"
BASE_PATH = "/v1/rulesets/test.base/decide"
JSON = (b"content-type", b"application/json")
LANGUAGE = st.sampled_from([
    ((JSON,), b""), ((JSON,), b"lang=fi"), ((JSON,), b"lang=sv"), ((), b"lang=en"),
    ((JSON, (b"accept-language", b"sv-FI,sv;q=0.9,en;q=0.5")), b""), ((JSON, (b"accept-language", b"de")), b""),
    ((JSON,), b"lang=de"), ((JSON,), b"lang=fi&x=1"), (((b"content-type", b"text/plain"),), b""),
])


def ruleset_of(store, path):
    return store.snapshot.get(path.split("/")[3]).ruleset


def expect_library_answer(store, path, request, lang, answer):
    """An accepted answer is the library's decision with its explanation in ``lang``."""
    decision = ruleset_of(store, path).decide(request["answers"], assessed_at=parse_time(request["assessed_at"], "at"),
                                              override=request.get("override"), reason=request.get("reason"))
    assert json.loads(answer) == decide_json(decision, lang)


def lang_of(headers, query) -> str:
    if query:
        return parse_qs(query.decode())["lang"][0]
    return "sv" if (b"accept-language", b"sv-FI,sv;q=0.9,en;q=0.5") in headers else "en"


@pytest.mark.parametrize("path", [SUUNTIMA_PATH, BASE_PATH])
def test_valid_answers_are_answered_quickly_and_as_the_route_answers(service, path, reader, monkeypatch):
    app, store = service
    quick = Quick(monkeypatch)
    ruleset = ruleset_of(store, path)
    tried = []

    @given(answers=answer_sets(ruleset), language=LANGUAGE, override=st.sampled_from([None, 0, 1]))
    def check(answers, language, override):
        headers, query = language
        request = {"answers": answers, "assessed_at": AT}
        if override is not None:  # to another segment with a reason (200), or without one (SR502)
            request["override"] = ruleset.definition.segments[-1].id
            if override:
                request["reason"] = "agreed with the client, ”ääkköset” \\ \"quoted\""
        before = quick.answered
        status, _, body = both(app, path, json.dumps(request).encode(), headers, query)
        tried.append(status)
        if status == 200:
            assert quick.answered == before + (query in (b"", b"lang=fi", b"lang=sv", b"lang=en"))
            expect_library_answer(store, path, request, lang_of(headers, query), body)
        else:
            assert quick.answered == before and body.startswith(b"{") and b'"code"' in body

    check()
    assert 200 in tried and any(s != 200 for s in tried)


@pytest.mark.parametrize("path", [SUUNTIMA_PATH, BASE_PATH])
def test_invalid_answers_are_the_same_problem_either_way(service, path, reader, monkeypatch):
    app, store = service
    quick = Quick(monkeypatch)

    @given(case=invalid_answer_sets(ruleset_of(store, path)), language=LANGUAGE)
    def check(case, language):
        answers, _, code = case
        status, _, body = both(app, path, json.dumps({"answers": answers, "assessed_at": AT}).encode(), *language)
        assert status in (415, 422) and (code.encode() in body or status == 415 or b"SR914" in body)

    check()
    assert quick.answered == 0


OK = json.dumps({"answers": ANSWERS, "assessed_at": AT}).encode()


@pytest.mark.parametrize("body, headers, status, code", [
    (b'{"answers": {"c_daily_life": 4,}}', (), 400, "SR913"),
    (b'{"answers": {}, "answers": {}}', (), 400, "SR913"),
    (b'{"answers": {"c_coping": 4, "c_coping": 4}, "assessed_at": "' + AT.encode() + b'"}', (), 400, "SR913"),
    (b'{"answers": {"c_coping": 18446744073709551616}, "assessed_at": "' + AT.encode() + b'"}', (), 422, "SR300"),
    (b'{"answers": {"c_coping": 4.0}, "assessed_at": "' + AT.encode() + b'"}', (), 422, "SR300"),
    (b'{"answers": {"c_coping": "\\ud800"}, "assessed_at": "' + AT.encode() + b'"}', (), 400, "SR913"),  # no character
    (b'{"answers": {"c_daily_life": NaN}}', (), 400, "SR913"),
    (b"\xff\xfe{}", (), 400, "SR913"),
    (b"[1, 2]", (), 422, "SR914"),
    (b"[" * 100 + b"]" * 100, (), 422, "SR914"),  # as deep as allowed: not an object
    (b"[" * 101 + b"]" * 101, (), 400, "SR308"),  # deeper
    (b'{"answers": {"c_coping": "' + b"[" * 200 + b'"}}', (), 422, "SR300"),  # brackets in a string are text
    (json.dumps(ANSWERS).encode(), (), 422, "SR914"),
    (json.dumps({"answers": ANSWERS, "assessed_at": "yesterday"}).encode(), (), 422, "SR914"),
    (json.dumps({"answers": ANSWERS, "assessed_at": "2024-03-01T09:30:00"}).encode(), (), 422, "SR550"),
    (json.dumps({"answers": ANSWERS, "reason": 5}).encode(), (), 422, "SR914"),
    (b'{"answers": {"c_coping": 1' + b"0" * 5000 + b'}, "assessed_at": "' + AT.encode() + b'"}', (), 422, "SR300"),
    (OK, ((b"if-match", b'"nope"'),), 412, "SR912"),
    (OK, ((b"if-match", b"*"),), 200, None),
    (OK, ((b"content-type", b"application/x-www-form-urlencoded"),), 415, "SR917"),
    (OK, ((b"content-type", b"application/ld+json"),), 200, None),
])
def test_bad_requests_get_the_same_answer_either_way(service, body, headers, status, code, reader):
    app, _ = service
    got, _, answer = both(app, SUUNTIMA_PATH, body, headers)
    assert got == status and (code is None or json.loads(answer)["code"] == code)
    got, _, answer = both(app, "/v1/rulesets/nothing/decide", body, headers)
    assert got == 404 and json.loads(answer)["code"] == "SR911"


def test_the_quick_answer_is_logged_and_counted_as_the_route_does(tmp_path, monkeypatch):
    app, _ = build(tmp_path)
    quick = Quick(monkeypatch)
    service = app.state.service
    decided = service.metrics.decisions
    both(app, SUUNTIMA_PATH, json.dumps({"answers": ANSWERS, "assessed_at": AT}).encode())
    assert quick.answered == 1 and decided.value("helsinki.suuntima", "omatoimi", "decided") == 2
    service.decision_log.close()  # writes what is queued
    lines = [json.loads(line) for line in (tmp_path / "decisions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2 and lines[0]["decision_id"] != lines[1]["decision_id"]
    assert [x["answers"] for x in lines] == [ANSWERS, ANSWERS]
    assert [{k: v for k, v in x.items() if k not in ("decision_id", "time")} for x in lines] == \
        [{k: v for k, v in lines[0].items() if k not in ("decision_id", "time")}] * 2


@pytest.mark.parametrize("override", [None, "tuki"])
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_an_answer_is_its_record_and_explanation_whatever_was_kept(service, override, lang):
    """The answer is made from the record's shared texts kept with the explanation for its
    rule and facts: the same bytes as written whole, the first time and from what was kept,
    for decisions that share them and for one that has its own facts."""
    app, store = service
    svc = app.state.service
    served = store.snapshot.get("helsinki.suuntima")
    svc._explanations.clear()
    others = [dict(ANSWERS, c_coping=v) for v in (1, 2, 3, 4, 5)]
    for answers in [ANSWERS, *others, ANSWERS]:
        decision = served.ruleset.decide(answers, assessed_at=parse_time(AT, "at"), override=override,
                                         reason=override and "seen")
        expected = app_module.decide_body(decision, lang, decision.explain(lang))
        assert svc.decide_body(served, decision, lang) == expected
        assert svc.decide_body(served, decision, lang) == expected  # made from what was kept
        assert json.loads(expected)["decision"] == decision.to_json()
    assert len(svc._explanations) == (0 if override else len({
        served.ruleset.decide(a, assessed_at=parse_time(AT, "at")).to_json_text_parts()[3] for a in others}))
    svc._explanations.clear()
