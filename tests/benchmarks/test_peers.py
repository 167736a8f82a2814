"""Smoke test of the peer benchmark harness (benchmarks/peers.py).

The harness is loaded from its file path (benchmarks/ is not a package). Its hand-written
reference is checked against an independent brute-force reimplementation, then every peer
engine that is installed must pass the correctness gate on a few hundred answer sets.
"""

from __future__ import annotations

import itertools
import random
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from support import load_script

ROOT = Path(__file__).resolve().parents[2]
PEERS_FILE = ROOT / "benchmarks" / "peers.py"


@pytest.fixture(scope="module")
def peers():
    module = load_script(PEERS_FILE, "bench_peers")
    yield module
    sys.modules.pop("bench_peers", None)


def brute(answers: dict[str, int]) -> str:
    """The quadrant model from its definition: exact means, threshold 3 on both axes."""
    resources = Fraction(sum(answers[f"c{i}"] for i in range(1, 9)), 8)
    complexity = Fraction(sum(answers[f"p{i}"] for i in range(1, 9)), 8)
    return {
        (True, False): "omatoimi",
        (False, False): "yhteiso",
        (True, True): "yhteistyo",
        (False, True): "verkosto",
    }[(resources >= 3, complexity >= 3)]


@pytest.fixture(scope="module")
def answer_sets(peers):
    rng = random.Random(7)
    return peers.random_answers(rng, 300) + peers.boundary_answers(rng, per_distribution=2)


def test_boundary_sets_cover_every_sum_combination(peers):
    sets = peers.boundary_answers(random.Random(1), per_distribution=2)
    seen = set()
    for a in sets:
        assert all(1 <= v <= 5 for v in a.values()) and len(a) == 16
        seen.add((sum(a[f"c{i}"] for i in range(1, 9)), sum(a[f"p{i}"] for i in range(1, 9))))
    assert seen == set(itertools.product((23, 24, 25), repeat=2))


def test_handwritten_matches_brute_force(peers, answer_sets):
    for a in answer_sets:
        segment, pathway = peers.handwritten(a)
        assert segment == brute(a), a
        assert pathway == peers.PATHWAYS[segment]


def test_gate_catches_a_wrong_engine(peers, answer_sets):
    def off_by_threshold(a):  # mean > 3 instead of >= 3 on the resources axis
        high = sum(a[f"c{i}"] for i in range(1, 9)) > 24
        seg = next(s for s, rh, ch in peers.QUADRANTS
                   if rh == high and ch == (sum(a[f"p{i}"] for i in range(1, 9)) >= 24))
        return seg, peers.PATHWAYS[seg]

    wrong = peers.Engine(peers.SPECS[0], off_by_threshold, "test", None)
    with pytest.raises(peers.GateFailure):
        peers.gate([wrong], answer_sets)


PEER_MODULES = {
    "zen-engine": "zen",
    "business-rules": "business_rules",
    "json-logic": "json_logic",
    "rule-engine": "rule_engine",
    "cel-python": "celpy",
}


@pytest.mark.parametrize("name", sorted(PEER_MODULES))
def test_peer_passes_gate(peers, answer_sets, name):
    pytest.importorskip(PEER_MODULES[name])
    spec = next(s for s in peers.SPECS if s.name == name)
    engine = peers.prepare(spec, load_repeats=1)
    assert peers.check_engine(engine, answer_sets) == []


@pytest.mark.parametrize("name", ["segrules segment_of", "segrules decide"])
def test_segrules_passes_gate(peers, answer_sets, name):
    try:
        peers._import_segrules()
    except (ImportError, AttributeError):
        pytest.skip("segrules engine not available yet")
    spec = next(s for s in peers.SPECS if s.name == name)
    engine = peers.prepare(spec, load_repeats=1)
    assert peers.check_engine(engine, answer_sets) == []


def test_quick_run_writes_nothing(peers, tmp_path, capsys):
    out_json = tmp_path / "peers.json"
    doc = tmp_path / "performance.md"
    doc.write_text("x\n<!-- peers:begin -->\n<!-- peers:end -->\n", encoding="utf-8")
    results = peers.run(["--quick", "--batch", "50", "--gate", "50", "--engines", "json-logic",
                         "--json", str(out_json), "--doc", str(doc)])
    assert "hand-written" in results["engines"]
    assert results["engines"]["hand-written"]["ratio"] == 1.0
    assert not out_json.exists()
    assert doc.read_text(encoding="utf-8") == "x\n<!-- peers:begin -->\n<!-- peers:end -->\n"
    assert "× hand" in capsys.readouterr().out


def test_doc_block_replaces_only_the_table(peers, tmp_path):
    doc = tmp_path / "performance.md"
    doc.write_text("intro\n<!-- peers:begin -->\nold\n<!-- peers:end -->\noutro\n", encoding="utf-8")
    results = {
        "machine": {"platform": "p", "cpu": "c", "cores": 2, "python": "CPython 3.11"},
        "measured": "2024-01-01",
        "settings": {"batch": 20000, "repeats": 7, "gate_answer_sets": 10216},
        "engines": {"hand-written": {"version": "v", "us_per_decision": 0.4, "ratio": 1.0, "load_ms": None}},
        "not_measured": {"segrules decide": "not available"},
    }
    peers.update_doc(doc, results)
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("intro\n<!-- peers:begin -->\n") and text.endswith("<!-- peers:end -->\noutro\n")
    assert "old" not in text
    assert "| 1.0× | hand-written | 0.40 | — | v |" in text
