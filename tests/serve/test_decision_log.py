"""The decision log: what a line holds, and what happens when the disk is slow or full.

A slow disk is a real FIFO whose reader does not read (its buffer shrunk to one page), so
the writer thread blocks exactly as on a stalled disk; a full disk is /dev/full.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading

import pytest

from segrules.errors import UsageError
from segrules.files import OutputError
from service_support import ANSWERS, SUUNTIMA

DECIDE = "/v1/rulesets/helsinki.suuntima/decide"


def test_a_line_names_the_decision_without_answers_or_reason(serve, tmp_path):
    log = tmp_path / "decisions.jsonl"
    client = serve(decision_log=str(log))
    r1 = client.post(DECIDE, json={"answers": ANSWERS})
    r2 = client.post(DECIDE, json={"answers": ANSWERS, "override": "verkosto", "reason": "Matti asked for it"})
    client.__exit__(None, None, None)  # stop: the queue is written out
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert [x["decision_id"] for x in lines] == [r1.headers["segrules-decision-id"], r2.headers["segrules-decision-id"]]
    first = lines[0]
    assert set(first) == {"decision_id", "time", "assessed_at", "endpoint", "ruleset", "segment", "rule", "override"}
    assert first["ruleset"] == r1.json()["decision"]["ruleset"] and first["segment"] == "omatoimi"
    assert first["rule"] == r1.json()["decision"]["rule"]["number"]
    assert lines[1]["override"] == {"overridden": True, "suggested_segment": "omatoimi"}
    text = log.read_text()
    assert "Matti" not in text and "c_daily_life" not in text
    assert oct(log.stat().st_mode & 0o777) == "0o600"


def test_answers_and_reasons_are_logged_only_when_asked(serve, tmp_path):
    log = tmp_path / "decisions.jsonl"
    client = serve(decision_log=str(log), log_answers=True)
    client.post(DECIDE, json={"answers": ANSWERS, "override": "verkosto", "reason": "agreed"})
    body = (json.dumps(ANSWERS) + "\n").encode()
    out = client.post("/v1/rulesets/helsinki.suuntima/batch", content=body * 2, headers={"content-type": "application/jsonl"})
    client.__exit__(None, None, None)
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert [x["endpoint"] for x in lines] == ["decide", "batch", "batch"]
    assert lines[0]["answers"] == ANSWERS and lines[0]["override"]["reason"] == "agreed"
    # each batch line names its decision as the log does
    ids = [json.loads(x)["decision_id"] for x in out.text.splitlines()]
    assert ids == [x["decision_id"] for x in lines[1:]] and len(set(ids)) == 2


def stalled_fifo(path):
    """A FIFO with a reader that reads nothing, and a one-page buffer: a stalled disk."""
    os.mkfifo(path)
    reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    fcntl.fcntl(reader, fcntl.F_SETPIPE_SZ, 4096)
    return reader


def drain(reader, into: list):
    """Read the FIFO to its end in a thread (the disk comes back)."""
    os.set_blocking(reader, True)

    def run():
        while chunk := os.read(reader, 65536):
            into.append(chunk)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def test_policy_drop_answers_at_once_and_counts_every_dropped_line(serve, tmp_path):
    fifo = tmp_path / "log"
    reader = stalled_fifo(fifo)
    client = serve(decision_log=str(fifo), log_policy="drop", log_queue=2)
    n = 60
    for _ in range(n):
        assert client.post(DECIDE, json={"answers": ANSWERS}).status_code == 200
    metrics = client.get("/metrics").text
    dropped = float(metrics.split('segrules_decision_log_dropped_total{reason="queue_full"} ')[1].split()[0])
    assert dropped > 0
    got: list = []
    t = drain(reader, got)
    client.__exit__(None, None, None)
    t.join(5)
    written = len(b"".join(got).splitlines())
    assert written + dropped == n  # every decision is either in the log or counted as dropped


def test_policy_block_waits_and_loses_nothing(serve, tmp_path):
    fifo = tmp_path / "log"
    reader = stalled_fifo(fifo)
    client = serve(decision_log=str(fifo), log_policy="block", log_queue=2)
    got: list = []
    done = []

    def requests():
        for _ in range(40):
            done.append(client.post(DECIDE, json={"answers": ANSWERS}).status_code)

    sender = threading.Thread(target=requests, daemon=True)
    sender.start()
    t = drain(reader, got)  # the disk comes back while the requests wait
    sender.join(60)
    assert done == [200] * 40
    assert 'segrules_decision_log_dropped_total{reason="queue_full"}' not in client.get("/metrics").text
    client.__exit__(None, None, None)
    t.join(5)
    assert len(b"".join(got).splitlines()) == 40


def test_a_full_disk_is_counted_and_makes_the_service_degraded(serve):
    client = serve(decision_log="/dev/full")
    assert client.post(DECIDE, json={"answers": ANSWERS}).status_code == 200
    service = client.app.state.service
    for _ in range(500):
        if service.decision_log.error:
            break
        threading.Event().wait(0.01)
    ready = client.get("/health/ready").json()
    assert ready["status"] == "degraded" and ready["reasons"][-1].startswith("SR905")
    assert 'segrules_decision_log_dropped_total{reason="write_failed"} 1.0' in client.get("/metrics").text


def test_a_log_that_cannot_be_opened_is_sr905(serve, tmp_path):
    with pytest.raises(UsageError) as info:
        serve(decision_log=str(tmp_path / "no" / "such" / "folder.jsonl"))
    assert info.value.code == "SR905"
    assert str(info.value).endswith(": its folder does not exist")  # segrules' words, so in fi and sv too
    from segrules.messages import translate

    assert translate("SR905", str(info.value), "sv").endswith("kan inte öppnas: dess mapp finns inte")


# --------------------------------------------------------------------------- what the log may be


def test_a_log_that_is_a_ruleset_or_other_data_is_refused_sr520(serve, rulesets_dir, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(SUUNTIMA.read_text(encoding="utf-8"), encoding="utf-8")
    notes = tmp_path / "notes.csv"
    notes.write_text("key,segment\n1,omatoimi\n", encoding="utf-8")
    for path, words in ((other, "a segrules model"), (notes, "not a decision log"),
                        (rulesets_dir / "base.yaml", "input of this command")):
        before = path.read_bytes()
        with pytest.raises(OutputError) as info:
            serve(decision_log=str(path))
        assert info.value.code == "SR520" and words in str(info.value)
        assert path.read_bytes() == before


def test_an_empty_file_or_an_existing_decision_log_is_appended_to(serve, tmp_path):
    log = tmp_path / "decisions.jsonl"
    log.touch()
    client = serve(decision_log=str(log))
    client.post(DECIDE, json={"answers": ANSWERS})
    client.__exit__(None, None, None)
    client = serve(decision_log=str(log))  # the next start: the same log goes on
    client.post(DECIDE, json={"answers": ANSWERS})
    client.__exit__(None, None, None)
    assert len(log.read_text().splitlines()) == 2


def test_a_fifo_that_nothing_reads_is_sr905_at_once(serve, tmp_path):
    fifo = tmp_path / "log"
    os.mkfifo(fifo)
    with pytest.raises(UsageError) as info:
        serve(decision_log=str(fifo))
    assert info.value.code == "SR905" and "nothing reads" in str(info.value)


def test_a_stream_the_operator_redirected_is_written_whatever_it_holds(serve, tmp_path):
    out = tmp_path / "service.out"
    out.write_text("earlier output of the service\n")
    fd = os.open(out, os.O_WRONLY | os.O_APPEND)
    try:
        client = serve(decision_log=f"/dev/fd/{fd}")  # as --decision-log /dev/stdout > service.out
        client.post(DECIDE, json={"answers": ANSWERS})
        client.__exit__(None, None, None)
    finally:
        os.close(fd)
    lines = out.read_text().splitlines()
    assert lines[0] == "earlier output of the service" and json.loads(lines[1])["segment"] == "omatoimi"


def test_a_decision_id_is_a_random_uuid_as_uuid4_writes_it():
    import uuid

    from segrules.serve.decision_log import new_decision_id

    ids = [new_decision_id() for _ in range(2000)]
    assert len(set(ids)) == 2000
    for text in ids:
        u = uuid.UUID(text)
        assert str(u) == text and u.version == 4 and u.variant == uuid.RFC_4122
