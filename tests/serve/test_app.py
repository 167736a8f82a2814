"""The service's endpoints, with the real app over Starlette's test client."""

from __future__ import annotations

import io
import json
import time
from contextlib import redirect_stdout

import pytest
from starlette.testclient import TestClient

import segrules
from segrules.documents import describe_json
from segrules.serve import ServeConfig, create_app
from service_support import ANSWERS, BASE_ANSWERS, SUUNTIMA, TOKEN

DECIDE = "/v1/rulesets/helsinki.suuntima/decide"
AT = "2024-03-01T09:30:00+02:00"


def suuntima_hash() -> str:
    return segrules.load(SUUNTIMA).content_hash


def assert_problem(r, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    doc = r.json()
    assert set(doc) >= {"type", "title", "status", "detail", "code", "problems"}
    assert doc["code"] == code and doc["status"] == status and doc["type"] == f"urn:segrules:error:{code}"
    assert "Traceback" not in r.text
    return doc


# --------------------------------------------------------------------------- rulesets


def test_the_rulesets_are_listed_with_hash_and_verification(serve):
    doc = serve().get("/v1/rulesets").json()
    assert doc["status"] == "ok"
    by_id = {r["id"]: r for r in doc["rulesets"]}
    assert set(by_id) == {"helsinki.suuntima", "test.base"}
    s = by_id["helsinki.suuntima"]
    assert s["version"] == "1.0.0" and s["content_hash"] == suuntima_hash()
    assert s["verification"]["proven"] is True and s["aliases"] == ["helsinki.omasuuntima"]


def test_a_ruleset_is_described_as_by_describe_json(serve, rulesets_dir):
    client = serve()
    r = client.get("/v1/rulesets/helsinki.suuntima")
    assert r.status_code == 200
    served = segrules.load(rulesets_dir / "suuntima.yaml").definition
    assert r.json() == json.loads(json.dumps(describe_json(served)))
    assert r.headers["etag"] == f'"{suuntima_hash()}"'
    assert client.get("/v1/rulesets/helsinki.omasuuntima").json() == r.json()  # by its alias


def test_an_unknown_ruleset_is_404_sr911(serve):
    doc = assert_problem(serve().post("/v1/rulesets/helsinki.suntima/decide", json={"answers": {}}), 404, "SR911")
    assert "helsinki.suuntima" in doc["detail"]


# --------------------------------------------------------------------------- decide


def test_decide_gives_the_same_document_as_the_command_line(serve, tmp_path, rulesets_dir):
    r = serve().post(DECIDE + "?lang=fi", json={"answers": ANSWERS, "assessed_at": AT})
    assert r.status_code == 200
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(ANSWERS))
    from segrules.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["decide", str(rulesets_dir / "suuntima.yaml"), "--answers", str(answers), "--at", AT, "--lang", "fi", "--json"]) == 0
    cli = json.loads(out.getvalue())
    assert r.json() == cli
    assert r.headers["etag"] == f'"{suuntima_hash()}"'
    assert len(r.headers["segrules-decision-id"]) == 36


def test_decide_with_an_override_keeps_the_suggestion(serve):
    r = serve().post(DECIDE, json={"answers": ANSWERS, "override": "yhteistyo", "reason": "agreed with the client"})
    d = r.json()["decision"]
    assert d["segment"]["id"] == "yhteistyo" and d["suggested_segment"] == "omatoimi" and d["overridden"]


def test_an_override_without_a_reason_is_sr502(serve):
    assert_problem(serve().post(DECIDE, json={"answers": ANSWERS, "override": "yhteistyo"}), 422, "SR502")


def test_invalid_answers_are_422_with_every_problem(serve):
    bad = {**ANSWERS, "c_daily_life": 9, "c_coping": "4", "nonsense": 1}
    doc = assert_problem(serve().post(DECIDE, json={"answers": bad}), 422, "SR300")
    assert sorted((p["code"], p["input"]) for p in doc["problems"]) == [
        ("SR301", "nonsense"), ("SR302", "c_daily_life"), ("SR303", "c_coping"),
    ]


@pytest.mark.parametrize("body, code, status", [
    (b'{"answers": {"c_daily_life": 4,}}', "SR913", 400),
    (b'{"answers": {}, "answers": {}}', "SR913", 400),
    (b'{"answers": {"c_daily_life": NaN}}', "SR913", 400),
    (b"\xff\xfe{}", "SR913", 400),
    (b"[1, 2]", "SR914", 422),
    (json.dumps(ANSWERS).encode(), "SR914", 422),  # the answers not under "answers"
    (json.dumps({"answers": ANSWERS, "assessed_at": "yesterday"}).encode(), "SR914", 422),
    (json.dumps({"answers": ANSWERS, "reason": 5}).encode(), "SR914", 422),
    (json.dumps({"answers": ANSWERS, "assessed_at": "2024-03-01T09:30:00"}).encode(), "SR550", 422),  # no offset
    (json.dumps({"answers": [1]}).encode(), "SR300", 422),  # its one problem: SR306
])
def test_bad_request_bodies(serve, body, code, status):
    r = serve().post(DECIDE, content=body, headers={"content-type": "application/json"})
    assert_problem(r, status, code)


@pytest.mark.parametrize("body", [
    b'{"answers": {"c_daily_life": ' + b"[" * 5000 + b"]" * 5000 + b"}}",
    b"[" * 100_000 + b"]" * 100_000,
])
def test_a_body_nested_too_deeply_is_sr308_in_words_of_its_own(serve, body):
    for path in (DECIDE, "/v1/rulesets/helsinki.suuntima/$decide"):
        r = serve().post(path, content=body, headers={"content-type": "application/json"})
        doc = assert_problem(r, 400, "SR308")
        assert "levels deep" in doc["detail"] and "recursion" not in r.text


def test_a_bad_language_is_sr914(serve):
    assert_problem(serve().post(DECIDE + "?lang=de", json={"answers": ANSWERS}), 422, "SR914")


def test_a_form_body_is_415_sr917(serve):
    r = serve().post(DECIDE, content=b"c_daily_life=4", headers={"content-type": "application/x-www-form-urlencoded"})
    assert_problem(r, 415, "SR917")


def test_a_body_over_the_limit_is_413_sr915_before_it_is_read(serve):
    client = serve(max_body_bytes=1000)
    big = json.dumps({"answers": ANSWERS, "reason": "x" * 2000})
    assert_problem(client.post(DECIDE, content=big, headers={"content-type": "application/json"}), 413, "SR915")

    def chunks():  # no Content-Length: counted while it is read
        yield big[:600].encode()
        yield big[600:].encode()

    assert_problem(client.post(DECIDE, content=chunks(), headers={"content-type": "application/json"}), 413, "SR915")


def test_unknown_paths_and_methods_are_problems_sr918(serve):
    client = serve()
    assert_problem(client.get("/v2/nothing"), 404, "SR918")
    assert_problem(client.get(DECIDE), 405, "SR918")
    # a slash at the end is no path of the API: not a redirect built from the Host header
    for method, path in (("POST", DECIDE + "/"), ("GET", "/v1/rulesets/"), ("GET", "/health/live/"),
                         ("GET", "/metrics/")):
        r = client.request(method, path, headers={"host": "evil.example"}, follow_redirects=False)
        assert_problem(r, 404, "SR918")
        assert "location" not in r.headers
    r = client.get("/v2/nothing", headers={"accept-language": "sv"})  # in the language asked, as every error
    assert r.headers["content-language"] == "sv" and r.json()["title"] == "Ingen sådan slutpunkt"
    r = client.get(DECIDE + "?lang=fi")
    assert r.status_code == 405 and r.headers["content-language"] == "fi" and "allow" in r.headers


# --------------------------------------------------------------------------- pinning


def test_if_match_pins_the_version(serve):
    client = serve()
    good = suuntima_hash()
    for header in (f'"{good}"', good, f'W/"{good}"', f'"abc", "{good}"', "*"):
        assert client.post(DECIDE, json={"answers": ANSWERS}, headers={"If-Match": header}).status_code == 200
    r = client.post(DECIDE, json={"answers": ANSWERS}, headers={"If-Match": '"0000"'})
    assert_problem(r, 412, "SR912")
    assert r.headers["etag"] == f'"{good}"'
    url = "/v1/rulesets/helsinki.suuntima"
    assert_problem(client.post(url + "/validate", json={"answers": ANSWERS}, headers={"If-Match": "x"}), 412, "SR912")
    assert_problem(client.get(url, headers={"If-Match": "x"}), 412, "SR912")


# --------------------------------------------------------------------------- validate


def test_validate_says_valid_or_lists_the_problems(serve):
    client = serve()
    url = "/v1/rulesets/test.base/validate"
    assert client.post(url, json={"answers": BASE_ANSWERS}).json() == {"valid": True, "problems": []}
    doc = client.post(url, json={"answers": {**BASE_ANSWERS, "p_risk": 3}}).json()
    assert doc["valid"] is False and [(p["code"], p["input"]) for p in doc["problems"]] == [("SR305", "p_risk")]


# --------------------------------------------------------------------------- batch


def _lines(*items) -> bytes:
    return b"".join((x if isinstance(x, bytes) else json.dumps(x).encode()) + b"\n" for x in items)


def test_batch_answers_every_line_in_order(serve):
    body = _lines(BASE_ANSWERS, {**BASE_ANSWERS, "visits": 99}, b"[1]", b"{bad", b"", {**BASE_ANSWERS, "p_illness": 5})
    r = serve().post("/v1/rulesets/test.base/batch?at=2024-01-01T00:00:00Z", content=body,
                     headers={"content-type": "application/jsonl"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/jsonl"
    out = [json.loads(line) for line in r.text.splitlines()]
    assert [o["line"] for o in out] == [1, 2, 3, 4, 5]  # the blank line is skipped
    assert out[0]["decision"]["segment"]["id"] == "omatoimi"
    assert out[0]["decision"]["assessed_at"] == "2024-01-01T00:00:00+00:00"
    assert [o.get("error", {}).get("code") for o in out] == [None, "SR300", "SR914", "SR913", None]
    assert out[1]["error"]["problems"][0]["code"] == "SR302"


def test_batch_takes_a_byte_order_mark_at_the_start_of_the_body_only(serve):
    """As decide and segrules batch read a file of JSON Lines: the first line may start with
    a BOM (a file saved by a Windows editor), a later one may not; the BOM may arrive split
    over the body's first pieces."""
    body = b"\xef\xbb\xbf" + _lines(BASE_ANSWERS, b"\xef\xbb\xbf" + json.dumps(BASE_ANSWERS).encode())

    def pieces():
        yield body[:1]
        yield body[1:2]
        yield body[2:]

    for content in (body, pieces()):
        r = serve().post("/v1/rulesets/test.base/batch", content=content, headers={"content-type": "application/jsonl"})
        out = [json.loads(line) for line in r.text.splitlines()]
        assert "decision" in out[0] and out[1]["error"]["code"] == "SR913", out


@pytest.mark.parametrize("lang, required", [("fi", "vastaus on pakollinen"), ("sv", "ett svar krävs"),
                                            ("en", "an answer is required")])
def test_batch_and_validate_answer_in_the_language_asked(serve, lang, required):
    """As decide does: ?lang= (or Accept-Language) words the error lines and the problems,
    the response says which, and a language that is none of the three is SR914."""
    client = serve(max_body_bytes=300)
    body = _lines({"visits": 2}, json.dumps({"pad": "x" * 400}).encode(), BASE_ANSWERS)
    r = client.post(f"/v1/rulesets/test.base/batch?lang={lang}", content=body, headers={"content-type": "application/jsonl"})
    assert r.status_code == 200 and r.headers["content-language"] == lang and r.headers["vary"] == "Accept-Language"
    out = [json.loads(line) for line in r.text.splitlines()]
    assert required in json.dumps(out[0]["error"]["problems"], ensure_ascii=False)
    assert out[1]["error"]["code"] == "SR915" and "decision" in out[2]
    r = client.post("/v1/rulesets/test.base/validate", json={"answers": {"visits": 2}},
                    headers={"accept-language": f"{lang};q=0.9, de;q=0.5"})
    assert r.headers["content-language"] == lang
    assert required in json.dumps(r.json()["problems"], ensure_ascii=False)
    for path, media in (("batch", "application/jsonl"), ("validate", "application/json")):
        r = client.post(f"/v1/rulesets/test.base/{path}?lang=xx", content=b'{"answers": {}}', headers={"content-type": media})
        assert r.status_code == 422 and r.json()["code"] == "SR914", (path, r.text)


def test_batch_limits_the_line_length_and_the_line_count(serve):
    client = serve(max_body_bytes=200, max_batch_lines=3)
    long = json.dumps({**BASE_ANSWERS, "pad": "x" * 500}).encode()
    body = _lines(BASE_ANSWERS, long, BASE_ANSWERS, BASE_ANSWERS, BASE_ANSWERS)
    r = client.post("/v1/rulesets/test.base/batch", content=body, headers={"content-type": "application/x-ndjson"})
    out = [json.loads(line) for line in r.text.splitlines()]
    assert [o.get("error", {}).get("code") for o in out] == [None, "SR915", None, "SR920"]


def test_batch_streams_with_bounded_memory(serve):
    """Many more lines than fit in the body limit: read and answered line by line."""
    client = serve(max_body_bytes=1000)
    n = 3000
    line = json.dumps(BASE_ANSWERS).encode() + b"\n"

    def body():
        for _ in range(n):
            yield line

    r = client.post("/v1/rulesets/test.base/batch", content=body(), headers={"content-type": "application/jsonl"})
    out = r.text.splitlines()
    assert len(out) == n and all('"omatoimi"' in x for x in out[:: 500])


def test_batch_refuses_a_non_jsonl_body(serve):
    assert_problem(serve().post("/v1/rulesets/test.base/batch", json={}), 415, "SR917")


def test_batch_refuses_a_bad_time(serve):
    r = serve().post("/v1/rulesets/test.base/batch?at=soon", content=b"{}\n", headers={"content-type": "application/jsonl"})
    assert_problem(r, 422, "SR914")


# --------------------------------------------------------------------------- security


def test_without_a_valid_token_a_request_gets_nothing(serve):
    client = serve(token=TOKEN)
    paths = [("GET", "/v1/rulesets"), ("GET", "/v1/rulesets/helsinki.suuntima"), ("POST", DECIDE),
             ("POST", "/v1/rulesets/helsinki.suuntima/validate"), ("POST", "/v1/rulesets/helsinki.suuntima/batch"),
             ("GET", "/openapi.json"), ("GET", "/metrics"), ("GET", "/nothing")]
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                    {"Authorization": "Basic " + TOKEN}, {"Authorization": "Bearer " + TOKEN[:-1]}):
        for method, path in paths:
            r = client.request(method, path, json={"answers": ANSWERS}, headers=headers)
            doc = assert_problem(r, 401, "SR910")
            assert r.headers["www-authenticate"].startswith("Bearer")
            assert "suuntima" not in r.text and "omatoimi" not in r.text and doc["problems"] == []
    ok = {"Authorization": "Bearer " + TOKEN}
    assert client.post(DECIDE, json={"answers": ANSWERS}, headers=ok).status_code == 200
    assert client.get("/metrics", headers=ok).status_code == 200
    r = client.post(DECIDE + "?lang=fi", json={"answers": ANSWERS})  # refused in the language asked
    assert r.status_code == 401 and r.headers["content-language"] == "fi"
    assert r.json()["title"] == "Ei kelvollista tunnistetta (bearer token)"
    r = client.get("/v1/rulesets", headers={"accept-language": "sv"})
    assert r.status_code == 401 and r.headers["content-language"] == "sv"


def test_with_a_token_health_is_open_but_says_only_the_status(serve):
    client = serve(token=TOKEN)
    assert client.get("/health/live").json() == {"status": "alive"}
    assert client.get("/health/ready").json() == {"status": "ok"}
    full = client.get("/health/ready", headers={"Authorization": "Bearer " + TOKEN}).json()
    assert full["status"] == "ok" and full["reasons"] == [] and len(full["rulesets"]) == 2


def test_cors_is_off_by_default_and_on_for_named_origins(serve):
    origin = {"Origin": "https://eservice.example"}
    r = serve().get("/v1/rulesets", headers=origin)
    assert "access-control-allow-origin" not in r.headers
    client = serve(cors_origins=["https://eservice.example"], token=TOKEN)
    pre = client.options(DECIDE, headers={**origin, "Access-Control-Request-Method": "POST",
                                          "Access-Control-Request-Headers": "authorization,content-type"})
    assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == "https://eservice.example"
    other = client.get("/v1/rulesets", headers={"Origin": "https://evil.example", "Authorization": "Bearer " + TOKEN})
    assert "access-control-allow-origin" not in other.headers


def test_SR923_a_refused_preflight_is_a_problem_naming_what_was_refused(serve):
    client = serve(cors_origins=["https://eservice.example"], token=TOKEN)
    cases = [({"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}, "origin"),
             ({"Origin": "https://eservice.example", "Access-Control-Request-Method": "DELETE"}, "method"),
             ({"Origin": "https://eservice.example", "Access-Control-Request-Method": "POST",
               "Access-Control-Request-Headers": "x-secret"}, "headers")]
    for headers, what in cases:
        r = client.options(DECIDE, headers=headers)
        assert r.status_code == 400 and r.headers["content-type"] == "application/problem+json", r.text
        doc = r.json()
        assert doc["code"] == "SR923" and what in doc["detail"] and "https://eservice.example" in doc["detail"]
        assert "access-control-allow-methods" in r.headers  # what is allowed, for the browser's console


def test_an_internal_error_is_a_problem_without_traceback(serve, monkeypatch):
    client = serve()
    service = client.app.state.service

    def broken(*a, **k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(type(service), "count_decision", broken)
    r = client.post(DECIDE, json={"answers": ANSWERS})
    doc = assert_problem(r, 500, "SR921")
    assert "secret" not in r.text and "RuntimeError" not in r.text and doc["problems"] == []


# --------------------------------------------------------------------------- readiness


def test_not_ready_until_the_rulesets_are_loaded(rulesets_dir):
    app = create_app(ServeConfig([str(rulesets_dir)]))
    client = TestClient(app)
    r = client.get("/health/ready")  # no lifespan yet: nothing has been loaded
    assert r.status_code == 503 and r.json()["status"] == "not_ready"
    assert_problem(client.post(DECIDE, json={"answers": ANSWERS}), 503, "SR919")
    with client:  # start-up loads in the background
        for _ in range(200):
            if client.get("/health/ready").json()["status"] == "ok":
                break
            time.sleep(0.05)
        assert client.post(DECIDE, json={"answers": ANSWERS}).status_code == 200


def test_metrics_count_decisions_rejections_and_latency(serve):
    client = serve()
    client.post(DECIDE, json={"answers": ANSWERS})
    client.post(DECIDE, json={"answers": {**ANSWERS, "c_coping": 9}})
    client.post(DECIDE, content=b"{", headers={"content-type": "application/json"})
    client.get("/v1/rulesets/nothing")
    text = client.get("/metrics").text
    assert 'segrules_decisions_total{ruleset="helsinki.suuntima",segment="omatoimi",status="decided"} 1.0' in text
    assert 'segrules_decisions_total{ruleset="helsinki.suuntima",segment="",status="rejected"} 2.0' in text
    for code in ("SR302", "SR913", "SR911"):
        assert f'segrules_rejected_inputs_total{{code="{code}"}} 1.0' in text
    assert 'segrules_request_duration_seconds_count{endpoint="/v1/rulesets/{id}/decide"} 3.0' in text
    assert 'segrules_ready 1.0' in text
    assert f'content_hash="{suuntima_hash()}"' in text


def test_openapi_names_every_served_ruleset(serve):
    doc = serve().get("/openapi.json").json()
    assert "/v1/rulesets/helsinki.suuntima/decide" in doc["paths"] and "/v1/rulesets/test.base/batch" in doc["paths"]
    assert "security" not in doc


@pytest.mark.parametrize("header, lang", [
    ("fi-FI,fi;q=0.9,en;q=0.8", "fi"),
    ("en;q=0.3, sv-FI;q=0.7", "sv"),
    ("de-DE, fi;q=0", "en"),  # none of the three wanted: English
    (None, "en"),
])
def test_accept_language_chooses_the_language_of_the_explanation(serve, header, lang):
    headers = {"Accept-Language": header} if header else {}
    r = serve().post(DECIDE, json={"answers": ANSWERS, "assessed_at": AT}, headers=headers)
    assert r.status_code == 200
    assert r.json()["lang"] == lang and r.headers["content-language"] == lang
    assert "Accept-Language" in r.headers["vary"]
    because = {"fi": "koska", "sv": "eftersom", "en": "because"}[lang]
    assert f"\n{because} " in r.json()["explanation"]
    # ?lang= is stronger than the header
    r = serve().post(DECIDE + "?lang=sv", json={"answers": ANSWERS, "assessed_at": AT}, headers=headers)
    assert r.json()["lang"] == "sv"


def test_problems_speak_the_language_of_the_request(serve):
    answers = dict(ANSWERS, c_daily_life=9)
    r = serve().post(DECIDE, json={"answers": answers}, headers={"Accept-Language": "fi"})
    doc = assert_problem(r, 422, "SR300")
    assert r.headers["content-language"] == "fi"
    assert doc["title"] == "Vastaukset eivät kelpaa" and doc["detail"] == "vastauksissa on 1 ongelma"
    (p,) = doc["problems"]
    assert p["code"] == "SR302" and p["input"] == "c_daily_life"
    assert p["message"].startswith("9 ei ole sallittu; odotettiin: jokin arvoista 1, 2, 3, 4, 5")
    en = assert_problem(serve().post(DECIDE, json={"answers": answers}), 422, "SR300")
    assert en["problems"][0]["message"].startswith("9 is not allowed")
    bad = serve().post(DECIDE + "?lang=de", json={"answers": ANSWERS}, headers={"Accept-Language": "fi"})
    assert_problem(bad, 422, "SR914")  # a bad ?lang= is itself the error, told in English
