"""Which rulesets go into service, and what happens on reload when a new version is bad."""

from __future__ import annotations

import os
import shutil
import signal
import time

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from segrules.errors import RulesetError
from segrules.serve import ServeConfig, create_app
from segrules.serve.runner import start
from segrules import load_text, pipeline
from segrules.serve import store as store_module
from segrules.serve.store import ReloadWorker, RulesetStore
from segrules.source import yaml_events
from service_support import BASE_ANSWERS, PROVEN_BASE, SUUNTIMA
from support import YAML_READERS, variant, yaml_reader

DEVNULL = open("/dev/null", "w")
BROKEN = variant("hit_policy: unique", "hit_policy: [unique")  # does not load
FAILING_EXAMPLE = variant("    expect: omatoimi", "    expect: verkosto", PROVEN_BASE)
UNPROVEN = variant("  - yhteiso   when resources < 3 and complexity < 3",
                   "  - yhteiso   when resources <= 3 and complexity < 3", PROVEN_BASE)
V2 = variant("version: 1.0.0", "version: 2.0.0", PROVEN_BASE)


def store_of(*sources) -> RulesetStore:
    store = RulesetStore([str(s) for s in sources])
    store.reload()
    return store


def test_a_folder_serves_its_rulesets_but_not_a_crosswalk(tmp_path):
    (tmp_path / "a.yaml").write_text(PROVEN_BASE)
    (tmp_path / "sub").mkdir()
    shutil.copy(SUUNTIMA, tmp_path / "sub" / "suuntima.yml")
    (tmp_path / "crosswalk.yaml").write_text("format: 1\nrulesets: []\npositions: []\n")
    snap = store_of(tmp_path).snapshot
    assert snap.status == "ok" and sorted(snap.names) == ["helsinki.omasuuntima", "helsinki.suuntima", "test.base"]


@pytest.mark.parametrize("text, code", [(BROKEN, "SR010"), (FAILING_EXAMPLE, "SR902"), (UNPROVEN, "SR903")])
def test_a_ruleset_that_fails_is_not_served_and_says_why(tmp_path, text, code):
    (tmp_path / "a.yaml").write_text(text)
    store = store_of(tmp_path / "a.yaml")
    assert store.snapshot.status == "not_ready" and store.snapshot.problems[0].startswith(code)


def test_start_refuses_what_cannot_be_served_with_every_reason(tmp_path):
    (tmp_path / "a.yaml").write_text(FAILING_EXAMPLE)
    (tmp_path / "b.yaml").write_text(UNPROVEN.replace("id: test.base", "id: test.other"))
    with pytest.raises(RulesetError) as info:
        start(ServeConfig([str(tmp_path)]), stream=DEVNULL)
    assert [d.code for d in info.value.diagnostics] == ["SR902", "SR903"]


def test_nothing_to_serve_is_sr900(tmp_path):
    store = store_of(tmp_path / "missing.yaml", tmp_path)
    assert [p[:5] for p in store.snapshot.problems] == ["SR900", "SR900"]


def test_two_files_with_one_id_is_sr901(tmp_path):
    (tmp_path / "a.yaml").write_text(PROVEN_BASE)
    (tmp_path / "b.yaml").write_text(V2)
    snap = store_of(tmp_path).snapshot
    assert snap.status == "degraded" and snap.get("test.base").ruleset.version == "1.0.0"
    assert snap.problems[0].startswith("SR901") and "b.yaml" in snap.problems[0]


@pytest.mark.parametrize("bad, code", [(BROKEN, "SR010"), (FAILING_EXAMPLE, "SR902"), (UNPROVEN, "SR903")])
def test_on_reload_the_last_good_version_keeps_serving(tmp_path, bad, code):
    path = tmp_path / "a.yaml"
    path.write_text(PROVEN_BASE)
    store = store_of(path)
    good = store.snapshot.get("test.base")
    path.write_text(bad)
    result = store.reload()
    snap = store.snapshot
    assert snap.get("test.base") is good and result.kept == (good,) and result.rejected[0].code == code
    assert snap.status == "degraded" and snap.problems[0].startswith(code)
    assert "1.0.0" in snap.problems[0] and "keeps serving" in snap.problems[0]
    path.write_text(V2)  # a good new version goes live and the service is ok again
    store.reload()
    assert store.snapshot.get("test.base").ruleset.version == "2.0.0" and store.snapshot.status == "ok"


def test_a_deleted_named_file_keeps_serving_a_removed_folder_member_does_not(tmp_path):
    named = tmp_path / "a.yaml"
    named.write_text(PROVEN_BASE)
    folder = tmp_path / "f"
    folder.mkdir()
    shutil.copy(SUUNTIMA, folder / "s.yaml")
    store = store_of(named, folder)
    named.unlink()
    (folder / "s.yaml").unlink()
    result = store.reload()
    assert result.removed == (str(folder / "s.yaml"),)
    assert store.snapshot.get("test.base") is not None and store.snapshot.get("helsinki.suuntima") is None
    assert store.snapshot.status == "degraded"  # the named file is missing; the folder is empty


def test_the_app_reloads_and_readiness_says_degraded(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(PROVEN_BASE)
    config = ServeConfig([str(path)])
    with TestClient(create_app(config, store=start(config, stream=DEVNULL))) as client:
        service = client.app.state.service
        path.write_text(FAILING_EXAMPLE)
        client.portal.call(service.reload)
        ready = client.get("/health/ready").json()
        assert ready["status"] == "degraded" and ready["reasons"][0].startswith("SR902")
        url = "/v1/rulesets/test.base/decide"
        assert client.post(url, json={"answers": BASE_ANSWERS}).status_code == 200
        assert "segrules_reloads_total{result=\"degraded\"} 1.0" in client.get("/metrics").text
        assert "segrules_ready 0.5" in client.get("/metrics").text


def test_watch_reloads_a_changed_file(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(PROVEN_BASE)
    config = ServeConfig([str(tmp_path)], watch=True, watch_interval=0.05)
    with TestClient(create_app(config, store=start(config, stream=DEVNULL))) as client:
        time.sleep(0.2)  # the watcher's first look
        path.write_text(V2)
        for _ in range(200):
            if client.get("/v1/rulesets").json()["rulesets"][0]["version"] == "2.0.0":
                break
            time.sleep(0.05)
        assert client.get("/v1/rulesets").json()["rulesets"][0]["version"] == "2.0.0"


# ----------------------------------------------------------------------------- the reload worker


@pytest.fixture
def worker():
    w = ReloadWorker()
    yield w
    w.close()


@pytest.mark.parametrize("bad, code", [(BROKEN, "SR010"), (FAILING_EXAMPLE, "SR902"), (UNPROVEN, "SR903")])
def test_a_reload_worker_admits_what_the_service_would_and_nothing_more(tmp_path, worker, monkeypatch, bad, code):
    path = tmp_path / "a.yaml"
    path.write_text(PROVEN_BASE)
    store = RulesetStore([str(path)], admit=worker.admit)
    # nothing is checked in this process: the worker's answer is all the store gets
    monkeypatch.setattr(store_module, "admit", lambda file: pytest.fail("admitted in the service's process"))
    store.reload()
    good = store.snapshot.get("test.base")
    assert store.snapshot.status == "ok" and good.ruleset.content_hash == load_text(PROVEN_BASE).content_hash
    assert good.ruleset.decide(BASE_ANSWERS).segment_id  # compiled here from the text the worker proved
    path.write_text(bad)
    result = store.reload()
    assert result.rejected[0].code == code and store.snapshot.get("test.base") is good
    path.write_text(V2)
    store.reload()
    assert store.snapshot.get("test.base").ruleset.version == "2.0.0" and store.snapshot.status == "ok"


def test_the_worker_sends_the_checked_definition_and_this_process_compiles_it(tmp_path, worker, monkeypatch):
    """What comes back is the definition the worker proved, with its warnings and text: the
    file is not read again here (a Ruleset unpickled from its text would be)."""
    path = tmp_path / "a.yaml"
    path.write_text(PROVEN_BASE)
    expected = load_text(PROVEN_BASE, str(path))
    # a Ruleset unpickles, and a definition from other code is read, through pipeline.load_text
    monkeypatch.setattr(pipeline, "load_text", lambda *a: pytest.fail("the text was loaded again"))
    got = worker.admit(str(path))
    assert got.ruleset.definition == expected.definition and got.ruleset.warnings == expected.warnings
    assert got.ruleset.compiled.source == expected.compiled.source
    assert got.ruleset.text == PROVEN_BASE and got.witnesses is not None and got.method
    assert got.ruleset.decide(BASE_ANSWERS).segment_id == expected.decide(BASE_ANSWERS).segment_id


def test_a_worker_running_other_code_has_its_version_loaded_from_the_text_and_its_hash_checked(tmp_path, worker):
    """Should segrules change on disk under a running service, the worker's definition is not
    taken: the text proven is loaded here, and a text that gives here another content hash
    than the worker proved is SR907."""
    path = tmp_path / "a.yaml"
    path.write_text(PROVEN_BASE)
    worker._fingerprint = "another installation"
    got = worker.admit(str(path))
    assert got.ruleset.definition == load_text(PROVEN_BASE, str(path)).definition
    sent = store_module._portable(got, "the code the worker runs")
    forged = sent[:-1] + ("0" * 64,)
    refused = worker._served(forged)
    assert refused.code == "SR907" and "another installation of segrules" in refused.reason


def test_a_killed_reload_worker_is_started_again(tmp_path, worker):
    path = tmp_path / "a.yaml"
    path.write_text(PROVEN_BASE)
    store = RulesetStore([str(path)], admit=worker.admit)
    store.reload()
    os.kill(worker._process.pid, signal.SIGKILL)
    worker._process.join(5)
    path.write_text(V2)
    store.reload()
    assert store.snapshot.get("test.base").ruleset.version == "2.0.0" and store.snapshot.status == "ok"


def test_a_check_the_stopped_worker_cannot_make_is_sr907_and_the_last_good_version_serves(tmp_path, worker):
    path = tmp_path / "a.yaml"
    path.write_text(PROVEN_BASE)
    store = RulesetStore([str(path)], admit=worker.admit)
    store.reload()
    worker.close()
    path.write_text(V2)
    result = store.reload()
    assert result.rejected[0].code == "SR907" and "reload worker stopped" in result.rejected[0].reason
    assert store.snapshot.get("test.base").ruleset.version == "1.0.0" and store.snapshot.status == "degraded"


def test_the_service_checks_new_versions_in_its_reload_worker(tmp_path, monkeypatch):
    path = tmp_path / "a.yaml"
    path.write_text(PROVEN_BASE)
    config = ServeConfig([str(path)])
    assert config.isolated_reloads
    with TestClient(create_app(config, store=start(config, stream=DEVNULL))) as client:
        monkeypatch.setattr(store_module, "admit", lambda file: pytest.fail("admitted in the service's process"))
        path.write_text(V2)
        client.portal.call(client.app.state.service.reload)
        assert client.get("/v1/rulesets").json()["rulesets"][0]["version"] == "2.0.0"


def test_the_reload_worker_finds_the_rulesets_in_folders_as_this_process_would(tmp_path, worker, monkeypatch):
    (tmp_path / "a.yaml").write_text(PROVEN_BASE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "broken.yml").write_text(BROKEN)
    (tmp_path / "sub" / "crosswalk.yaml").write_text("from: a\nto: b\n")  # no id: not a ruleset
    (tmp_path / "empty").mkdir()
    sources = [str(tmp_path), str(tmp_path / "empty"), str(tmp_path / "missing.yaml")]
    expected = store_module.discover(sources)
    # reading the folders' YAML files holds up the requests: none is read in this process
    monkeypatch.setattr(store_module, "_declares_id", lambda path: pytest.fail("read in the service's process"))
    assert worker.discover(sources) == expected
    assert expected[0] == [str(tmp_path / "a.yaml"), str(tmp_path / "sub" / "broken.yml")]
    assert [r.code for r in expected[1]] == ["SR900", "SR900"]
    store = RulesetStore([str(tmp_path)], admit=worker.admit, discover=worker.discover)
    store.reload()
    assert store.snapshot.status == "degraded" and store.snapshot.get("test.base").method == "smt"


def test_the_service_finds_and_checks_new_versions_in_its_reload_worker(tmp_path, monkeypatch):
    (tmp_path / "a.yaml").write_text(PROVEN_BASE)
    config = ServeConfig([str(tmp_path)])
    with TestClient(create_app(config, store=start(config, stream=DEVNULL))) as client:
        monkeypatch.setattr(store_module, "admit", lambda file: pytest.fail("admitted in the service's process"))
        monkeypatch.setattr(store_module, "_declares_id", lambda path: pytest.fail("read in the service's process"))
        (tmp_path / "a.yaml").write_text(V2)
        client.portal.call(client.app.state.service.reload)
        assert client.get("/v1/rulesets").json()["rulesets"][0]["version"] == "2.0.0"


def test_a_version_the_prover_alone_leaves_open_gets_every_method(tmp_path, monkeypatch):
    """Admission proves with the SMT prover first; what it leaves undecided is verified as
    `segrules verify` does, so nothing is refused that the full verification proves."""
    calls = []
    real = store_module.verify

    def verify(ruleset, **options):
        calls.append(options.get("method", "auto"))
        report = real(ruleset, **options)
        if options.get("method") == "smt":  # as if the prover had run out of its budget
            report = attrs.evolve(report, checks=tuple(attrs.evolve(c, status="undecided") for c in report.checks))
        return report

    monkeypatch.setattr(store_module, "verify", verify)
    path = tmp_path / "a.yaml"
    path.write_text(PROVEN_BASE)
    served = store_module.admit(str(path))
    assert calls == ["smt", "auto"] and isinstance(served, store_module.Served) and served.method != "smt"


def test_a_reload_proves_the_new_version_from_the_witnesses_of_the_one_it_replaces(tmp_path):
    """The store hands admission the served version's witnesses; a version that is not
    served (or a new file) is proven from none."""
    path = tmp_path / "a.yaml"
    path.write_text(PROVEN_BASE)
    given = []

    def admit(file, hints=None):
        given.append(hints)
        return store_module.admit(file, hints)

    store = RulesetStore([str(tmp_path)], admit=admit)
    store.reload()
    first = store.snapshot.by_file[str(path)]
    assert given == [None] and first.witnesses is not None and first.witnesses.rules
    path.write_text(variant("version: 1.0.0", "version: 1.1.0", PROVEN_BASE))
    store.reload()
    assert given[-1] is first.witnesses
    assert store.snapshot.by_file[str(path)].ruleset.version == "1.1.0"


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="no idle scheduling class here")
@pytest.mark.parametrize("priority, policy", [("idle", "SCHED_IDLE"), ("normal", "SCHED_OTHER")])
def test_the_reload_worker_runs_at_the_priority_asked(tmp_path, priority, policy):
    path = tmp_path / "a.yaml"
    path.write_text(PROVEN_BASE)
    w = ReloadWorker(priority)
    try:
        # the worker takes its class as it starts; asked only after answering, an idle one on a
        # busy machine may already have been replaced by one at the service's priority (by design)
        deadline = time.monotonic() + 60
        while os.sched_getscheduler(w._process.pid) != getattr(os, policy) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert os.sched_getscheduler(w._process.pid) == getattr(os, policy)
        assert isinstance(w.admit(str(path)), store_module.Served)
        if priority == "normal":
            assert os.sched_getscheduler(w._process.pid) == os.SCHED_OTHER
    finally:
        w.close()


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="no idle scheduling class here")
def test_an_idle_worker_that_keeps_a_version_waiting_is_replaced_by_one_at_the_services_priority(tmp_path, monkeypatch):
    """On a machine whose cores other work keeps busy, an idle worker may get no time at all
    (and cannot leave that class): past its patience, one at the service's priority is asked,
    and keeps answering for BUSY_S seconds before an idle one is tried again."""
    path = tmp_path / "a.yaml"
    path.write_text(PROVEN_BASE)
    w = ReloadWorker("idle", patience=0.0)  # as if it never got the processor in time
    try:
        assert isinstance(w.admit(str(path)), store_module.Served)
        assert os.sched_getscheduler(w._process.pid) == os.SCHED_OTHER
        files, missing = w.discover([str(tmp_path)])
        assert files == [str(path)] and not missing
        assert os.sched_getscheduler(w._process.pid) == os.SCHED_OTHER  # still busy: no idle one yet
        monkeypatch.setattr(store_module, "BUSY_S", 0.0)
        w._busy_until = 0.0
        w._patience = 60.0
        assert isinstance(w.admit(str(path)), store_module.Served)
        assert os.sched_getscheduler(w._process.pid) == os.SCHED_IDLE  # idle again, and it answered
    finally:
        w.close()


# ----------------------------------------------------------------------------- finding rulesets in a folder


def full_reading(path) -> bool:
    """``_declares_id`` as it was, reading every file whole: the reference."""
    try:
        doc = store_module.parse_yaml(store_module.read_source(path))
    except RulesetError:
        return True
    return not isinstance(doc, store_module.YMap) or doc.get("id") is not None


KEYS = st.sampled_from(["id", "x", "version", "'id'", '"id"', "? id\n", "!!str id", "&a id", "id2", "\ufeffid"])
VALUES = st.sampled_from(["a", "", "~", "null", "NULL", "'null'", '""', "[a]", "{id: 2}", "\n  id: 3", "\n  - id: 4",
                          "!!str b", "*a", "a: b", "|\n  text"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(KEYS, VALUES), max_size=5), st.sampled_from(["", "---\n", "- ", "# note\n"]),
       st.sampled_from(["", "\n---\nid: z", "\n...", "\n]"]))
def test_a_file_is_a_ruleset_exactly_when_its_whole_reading_says_so(tmp_path_factory, pairs, before, after):
    """The first lines decide only where the whole reading would agree: an id that is not
    null in the top-level mapping; anything else is read whole."""
    text = before + "\n".join(f"{k}: {v}" for k, v in pairs) + after
    path = tmp_path_factory.mktemp("found") / "a.yaml"
    path.write_text(text, encoding="utf-8")
    for loader in YAML_READERS:
        with yaml_reader(loader):
            assert store_module._declares_id(path) == full_reading(path), (loader, text)


@pytest.mark.parametrize("text", [
    "# header\n\ufeffid: x\nversion: 1\n",  # libyaml skips the mark; the pure-Python reader keeps it
    "a: " + "[" * 8000 + "]" * 8000 + "\nid: x\n",  # too deep for any reader: refused before parsing
])
def test_awkward_files_are_found_as_the_whole_reading_finds_them(tmp_path, text):
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    for loader in YAML_READERS:
        with yaml_reader(loader):
            assert store_module._declares_id(path) == full_reading(path), loader
    if "[" * 8000 in text:  # the pure-Python parser would take minutes over it: no parser sees it
        assert list(yaml_events(text)) == []


def test_the_first_lines_are_a_bounded_reading(tmp_path):
    """A file that gives no id within its first lines is read whole, once more, by the whole
    reading alone: the quick look stops (a 1 MB list took seconds to scan with the pure-Python
    reader, on top of the whole reading)."""
    late = "".join(f"k{i}: {i}\n" for i in range(2 * store_module._FIRST_EVENTS)) + "id: x\n"
    assert not store_module._names_an_id(late)
    path = tmp_path / "late.yaml"
    path.write_text(late, encoding="utf-8")
    assert store_module._declares_id(path) and full_reading(path)
    assert store_module._names_an_id("id: x\n" + late.replace("id: x\n", ""))


def test_every_shipped_file_is_found_as_before():
    files = sorted(SUUNTIMA.parents[1].rglob("*.yaml"))
    assert len(files) > 3
    for path in files:
        assert store_module._declares_id(path) == full_reading(path), path
