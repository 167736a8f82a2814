"""Rulesets and decisions cross process boundaries: pickled, sent to a process pool, returned."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import pickle
import random
from concurrent.futures import ProcessPoolExecutor

import attrs
import pytest

import segrules
from segrules.errors import SegrulesError, UsageError
from segrules.sampling import sample_answers

from support import ALL_RULESETS, BASE, load_path

AT = dt.datetime(2024, 1, 31, 9, 30, tzinfo=dt.timezone.utc)
ANSWERS = {"battery": "illness", "c_manage": 4, "c_support": 2, "p_illness": 3, "visits": 20}


@pytest.mark.parametrize("path", ALL_RULESETS, ids=lambda p: p.name)
def test_a_ruleset_pickles_as_its_source_and_decides_the_same(path):
    rs = load_path(path)
    data = pickle.dumps(rs)
    assert b"def decide" not in data  # the source text, not the generated code
    back = pickle.loads(data)
    assert back.ref == rs.ref and back.definition == rs.definition
    rng = random.Random(2)
    for _ in range(50):
        answers = sample_answers(rs.definition, rng)
        assert back.decide(answers, assessed_at=AT) == rs.decide(answers, assessed_at=AT)
        assert back.decide(answers, assessed_at=AT).to_json() == rs.decide(answers, assessed_at=AT).to_json()


def test_an_unpickled_ruleset_whose_hash_differs_is_refused():
    rs = segrules.load_text(BASE, "base.yaml")
    data = pickle.dumps(rs).replace(rs.content_hash.encode(), b"f" * 64)
    with pytest.raises(SegrulesError) as info:
        pickle.loads(data)
    assert info.value.code == "SR555" and "f" * 64 in str(info.value)


def test_a_ruleset_without_its_text_cannot_be_pickled():
    rs = attrs.evolve(segrules.load_text(BASE), text=None)
    with pytest.raises(UsageError) as info:
        pickle.dumps(rs)
    assert info.value.code == "SR555"


def test_a_decision_pickles_as_data_without_its_ruleset():
    rs = segrules.load_text(BASE, "base.yaml")
    for d in (rs.decide(ANSWERS, assessed_at=AT), rs.decide(ANSWERS, assessed_at=AT, override="verkosto", reason="r")):
        data = pickle.dumps(d)
        assert b"test.base" in data and rs.definition.source.encode() in data  # the rule's span names the file
        assert b"def decide" not in data and b"provenance" not in data
        back = pickle.loads(data)
        assert back == d and back.to_json() == d.to_json() and back.explain() == d.explain()
        assert back.facts == d.facts and back.scores == d.scores and back.answers == d.answers
        with pytest.raises(UsageError) as info:
            back.override("omatoimi", "x")
        assert info.value.code == "SR556"
        # the remedy the message gives works
        again = rs.decide(back.answers, assessed_at=back.assessed_at, override="omatoimi", reason="x")
        assert again.segment_id == "omatoimi" and again.suggested == d.suggested


# ----------------------------------------------------------------------------- a real process pool

_WORKER_RULESET = None


def _init(ruleset):
    global _WORKER_RULESET
    _WORKER_RULESET = ruleset


def _decide_in_worker(answers):
    return _WORKER_RULESET.decide(answers, assessed_at=AT)


def _decide_with(ruleset, answers):
    return ruleset.decide(answers, assessed_at=AT)


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_decisions_in_a_process_pool_equal_decisions_here(method):
    rs = load_path(ALL_RULESETS[0])
    rng = random.Random(7)
    batch = [sample_answers(rs.definition, rng) for _ in range(40)]
    expected = [rs.decide(a, assessed_at=AT) for a in batch]
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=2, mp_context=context, initializer=_init, initargs=(rs,)) as pool:
        got = list(pool.map(_decide_in_worker, batch, chunksize=10))
        # a ruleset sent with each task works too (it is compiled again for each)
        one = pool.submit(_decide_with, rs, batch[0]).result()
    assert got == expected and one == expected[0]
    assert [d.to_json() for d in got] == [d.to_json() for d in expected]
