"""The workbench's HTTP side without a browser: the token on every request, bounded and
checked bodies, coded errors, and saving (atomic, with a backup, refused over a changed file)."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from segrules.errors import RulesetError  # noqa: E402
from segrules.workbench import MAX_BODY_BYTES, Workbench, create_app  # noqa: E402
from segrules.workbench.app import file_hash  # noqa: E402
from support import BASE  # noqa: E402


@pytest.fixture
def ruleset(tmp_path):
    path = tmp_path / "malli.yaml"
    path.write_text(BASE, "utf-8")
    return path


@pytest.fixture
def bench(ruleset):
    return Workbench(str(ruleset), lang="fi", seconds=5)


@pytest.fixture
def client(bench):
    with TestClient(create_app(bench), base_url="http://127.0.0.1") as c:
        c.headers["X-Segrules-Token"] = bench.token
        yield c


def test_every_request_needs_the_token(bench):
    with TestClient(create_app(bench), base_url="http://127.0.0.1") as c:
        page = c.get("/")  # a person at the browser gets a page in the run's language
        assert page.status_code == 403 and page.headers["content-type"].startswith("text/html")
        assert 'lang="fi"' in page.text and "tunnisteen" in page.text and "SR950" in page.text
        for path in ("/api/file", "/static/workbench.js", "/no/such/page"):
            r = c.get(path)
            assert r.status_code == 403 and r.json()["code"] == "SR950", path
            assert c.get(path, params={"token": bench.token[:-1] + "x"}).status_code == 403
        assert c.post("/api/save", json={"text": "", "base_hash": ""}).json()["code"] == "SR950"
        # the refusal says what to do in the run's language (fi here), or in the page's
        assert "?token=-osineen" in c.get("/api/file").json()["detail"]
        said = c.get("/api/file", headers={"Accept-Language": "sv"}).json()["detail"]
        assert said.startswith("den här adressen behöver arbetsbänkens token"), said
        assert c.get("/api/file", headers={"X-Segrules-Token": "wrong"}).status_code == 403
        page = c.get("/", params={"token": bench.token})
        assert page.status_code == 200 and bench.token in page.text
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert "http" not in page.text.replace("http-equiv", "")  # nothing fetched from elsewhere
        assert c.get("/static/workbench.css", params={"token": bench.token}).status_code == 200


def test_the_file_and_its_analysis(client, bench, ruleset):
    doc = client.get("/api/file").json()
    assert doc["text"] == BASE and doc["hash"] == file_hash(ruleset.read_bytes())
    assert set(doc["texts"]) == {"fi", "sv", "en"} and doc["lang"] == "fi"
    a = client.post("/api/analyse", json={"text": BASE, "lang": "fi"}).json()
    assert a["ok"] and a["errors"] == 0 and a["verify"]["verdict"] and a["form"]
    labels = {c["name"]: c["label"] for c in a["verify"]["checks"]}  # the checks named in the page's language
    assert labels["completeness"] == "kattavuus" and labels["exclusivity"] == "yksiselitteisyys"


def test_bad_requests_get_coded_errors(client):
    assert client.post("/api/analyse", content=b"{not json").json()["code"] == "SR913"
    assert client.post("/api/analyse", json={"text": "x"}).json()["code"] == "SR914"
    assert client.post("/api/analyse", json={"text": "x", "lang": "de"}).json()["code"] == "SR914"
    assert client.post("/api/try", json={"text": "x", "lang": "fi", "answers": []}).json()["code"] == "SR914"
    big = client.post("/api/analyse", content=b" " * (MAX_BODY_BYTES + 1))
    assert big.status_code == 413 and big.json()["code"] == "SR915"
    huge_text = client.post("/api/analyse", json={"text": "#" * (1024 * 1024 + 1), "lang": "fi"})
    assert huge_text.status_code == 413 and huge_text.json()["code"] == "SR002"
    r = client.get("/api/nothing")
    assert r.status_code == 404 and r.json()["code"] == "SR918"
    r = client.get("/api/file/", headers={"host": "evil.example"}, follow_redirects=False)  # no redirect from Host
    assert r.status_code == 404 and r.json()["code"] == "SR918" and "location" not in r.headers
    assert client.get("/api/analyse").json()["code"] == "SR918"
    r = client.post("/api/try", json={"text": "format: 1\n", "lang": "fi", "answers": {}})
    assert r.status_code == 422 and r.json()["code"] == "SR952"
    assert r.json()["detail"] == "säännöstö ei lataudu; korjaa ensin sen ongelmat"
    assert "Traceback" not in r.text


def test_save_writes_keeps_a_backup_and_refuses_a_changed_file(client, ruleset):
    base = client.get("/api/file").json()
    new = BASE.replace("Testimalli", "Oma testimalli")
    r = client.post("/api/save", json={"text": new, "base_hash": base["hash"]})
    assert r.status_code == 200, r.text
    assert ruleset.read_text("utf-8") == new
    assert (ruleset.parent / "malli.yaml.bak").read_text("utf-8") == BASE
    assert r.json()["hash"] == file_hash(ruleset.read_bytes())
    # saving again from the old version is refused, and nothing changes on disk
    stale = client.post("/api/save", json={"text": BASE, "base_hash": base["hash"]})
    assert stale.status_code == 409 and stale.json()["code"] == "SR951"
    assert stale.json()["detail"].endswith("mitään ei tallennettu")  # said in the run's language, fi
    assert ruleset.read_text("utf-8") == new
    assert not [p.name for p in ruleset.parent.iterdir() if p.name.endswith(".tmp")]


def test_the_backup_is_as_private_as_the_file(client, ruleset):
    ruleset.chmod(0o600)
    base = client.get("/api/file").json()
    assert client.post("/api/save", json={"text": BASE + "\n", "base_hash": base["hash"]}).status_code == 200
    backup = ruleset.parent / "malli.yaml.bak"
    assert oct(backup.stat().st_mode & 0o777) == "0o600" and oct(ruleset.stat().st_mode & 0o777) == "0o600"


def test_refusals_gaps_and_failed_examples_are_in_the_pages_language(client, ruleset):
    """The page sends its language as Accept-Language: refusals are worded in it, and so are
    a gap met while trying answers and an example that fails (not in English)."""
    base = client.get("/api/file").json()
    client.post("/api/save", json={"text": BASE + "\n", "base_hash": base["hash"]})
    stale = client.post("/api/save", json={"text": BASE, "base_hash": base["hash"]}, headers={"accept-language": "sv"})
    assert stale.status_code == 409 and stale.json()["title"] == "Filen ändrades på disken efter att arbetsbänken öppnade den"
    assert "changed on disk" not in stale.json()["detail"]
    gap = BASE.replace("  - omatoimi  when resources >= 3 and complexity < 3",
                       "  - omatoimi  when resources > 3 and complexity < 3")
    answers = {"battery": "illness", "c_manage": 3, "c_support": 3, "p_illness": 1, "visits": 2, "lives_alone": False}
    tried = client.post("/api/try", json={"text": gap, "lang": "fi", "answers": answers}).json()
    assert tried["error"]["code"] == "SR401" and tried["error"]["message"] == "mikään segmentin sääntö ei täyty näillä vastauksilla"
    gap += ("  - name: on the threshold\n    answers: {battery: illness, c_manage: 3, c_support: 3, p_illness: 1, "
            "visits: 2}\n    expect: omatoimi\n")
    examples = client.post("/api/analyse", json={"text": gap, "lang": "fi"}).json()["examples"]
    failed = [e["error"] for e in examples if e["error"]]
    assert failed and all("no segment rule" not in e and "mikään segmentin sääntö" in e for e in failed), failed


def test_save_keeps_the_files_line_ends_and_byte_order_mark(client, ruleset):
    ruleset.write_bytes(b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8"))
    base = client.get("/api/file").json()
    assert base["text"] == BASE  # the editor sees plain lines
    client.post("/api/save", json={"text": BASE.replace("Testimalli", "Malli"), "base_hash": base["hash"]})
    data = ruleset.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"Malli" in data and data.count(b"\r\n") == BASE.count("\n")


def test_the_diff_against_the_opened_version(client):
    r = client.post("/api/diff", json={"base": "a\nb\n", "text": "a\nc\n"}).json()
    assert r["changed"] and "-b" in r["lines"] and "+c" in r["lines"]
    assert client.post("/api/diff", json={"base": "a", "text": "a"}).json() == {
        "schema": "segrules.workbench.diff/1", "changed": False, "lines": []}


def test_a_file_that_cannot_be_opened_is_refused_at_start(tmp_path):
    with pytest.raises(RulesetError) as exc:
        Workbench(str(tmp_path / "missing.yaml"))
    assert exc.value.code == "SR001"
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"id: \xff\n")
    with pytest.raises(RulesetError) as exc:
        Workbench(str(bad))
    assert exc.value.code == "SR003"


def test_no_personal_data_or_answers_are_logged_or_written(client, ruleset):
    client.post("/api/try", json={"text": BASE, "lang": "fi", "answers": {}})
    assert sorted(p.name for p in ruleset.parent.iterdir()) == ["malli.yaml"]
    assert json.loads(client.get("/api/file").text)["path"] == str(ruleset)
