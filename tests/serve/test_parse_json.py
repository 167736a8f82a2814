"""The body reader with orjson (the ``fast`` extra) reads what the standard reader reads and
refuses what it refuses, with the same problem document, for every text: both are run on the
same bytes and must agree to the type of each number and the words of each refusal."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import segrules.serve.app as app_module
from segrules.serve.app import parse_json
from segrules.serve.problems import ServiceError

pytestmark = pytest.mark.skipif(app_module._fast_loads is None, reason="orjson (the fast extra) is not installed")

# texts on either side of what orjson reads as the standard reader does
SCALARS = st.sampled_from([
    "0", "-0", "-0.0", "1.5", "1e2", "1E400", "-1e400", "1e-400", "NaN", "-Infinity", "Infinity",
    "9223372036854775807", "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
    "18446744073709551616", "1" * 40, "01", "1.", ".5", "true", "false", "null", "nul",
    '"a:b"', '"\\u003a"', '"\\u003A"', '"\\\\u003a"', '"\\ud800"', '"\\udc00\\ud800"', '"\\ud83d\\ude00"',
    '"\\":"', '"\\\\":"', '"\\x"', '"\t"', '"\x7f"', '"ä:ö"', '"\\/"',
]) | st.integers().map(str) | st.floats(allow_nan=False).map(repr) | st.text(max_size=8).map(json.dumps) \
    | st.text(max_size=8).map(lambda t: json.dumps(t, ensure_ascii=False))
KEYS = st.sampled_from(['"a"', '"b"', '"a:"', '":"', '"\\u0061"', '"\\u003a"', '"answers"', '"ä"'])
SPACE = st.sampled_from(["", " ", "\n", "\t", "\r\n", "\x0c", "\xa0"])


def texts():
    def extend(children):
        member = st.tuples(KEYS, SPACE, children).map(lambda m: f"{m[0]}{m[1]}:{m[1]}{m[2]}")
        return (st.lists(children, max_size=4).map(lambda xs: "[" + ",".join(xs) + "]")
                | st.lists(member, max_size=4).map(lambda ms: "{" + ",".join(ms) + "}"))

    return st.recursive(SCALARS, extend, max_leaves=12)


def outcome(data: bytes):
    try:
        value = parse_json(data)
    except ServiceError as exc:
        return ("refused", exc.status, exc.code, str(exc))
    return ("read", repr(value))


def both_readers(data: bytes):
    fast = outcome(data)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(app_module, "_fast_loads", None)
        standard = outcome(data)
    assert fast == standard
    return fast


@given(text=texts(), space=SPACE, cut=st.integers(0, 3), junk=st.sampled_from([b"", b"\xff", b"\xed\xa0\x80", b"\xef\xbb\xbf", b",", b"}"]))
@example(text='{"a": 1, "a": 1}', space="", cut=0, junk=b"")
@example(text='{"a:": 1, "a:": 2}', space="", cut=0, junk=b"")
@example(text='{"a": "x:y", "\\u0061": "x:y"}', space="", cut=0, junk=b"")
@example(text='{"\\u003a": 1, ":": 1}', space="", cut=0, junk=b"")
@example(text='{"a": 1, "a": "\\u003a"}', space="", cut=0, junk=b"")  # the dropped member's ':' comes back
@example(text="[18446744073709551616, 1.8446744073709552e19]", space="", cut=0, junk=b"")
@example(text='{"a": {"b": [1, 18446744073709551616]}}', space="", cut=0, junk=b"")
def test_orjson_reads_and_refuses_as_the_standard_reader(text, space, cut, junk):
    data = (space + text + space).encode("utf-8", "surrogatepass")
    both_readers(data)
    at = len(data) * cut // 4  # a byte that is not JSON (or not UTF-8) somewhere in it
    both_readers(data[:at] + junk + data[at:])


@pytest.mark.parametrize("text, fast", [
    ('{"answers": {"a": 1, "b": [true, null, "x"]}, "assessed_at": "2024-03-01T09:30:00+02:00"}', True),
    ('{"a:b": {"c:d": ["e:f", 1]}}', True),
    ('{"a": 1, "a": 1}', False),  # a key given twice: orjson would keep one
    ('{"a": "x:y", "a": "x:y"}', False),
    ('{"a": 18446744073709551616}', False),  # orjson: a float
    ('{"a": 1.5}', False),
    ('{"a": [{"b": [1, 2.5]}]}', False),
    ('{"a": "\\u003a"}', False),
    ('{"a": NaN}', False),
])
def test_orjson_reading_is_taken_only_where_it_is_surely_the_standard_one(text, fast, monkeypatch):
    """Every body gets the same answer either way (above); these say which reader gave it."""
    standard = []
    real = json.loads
    monkeypatch.setattr(json, "loads", lambda *args, **kwargs: standard.append(1) or real(*args, **kwargs))
    try:
        got = parse_json(text.encode())
    except ServiceError:
        got = None
    assert bool(standard) is not fast
    assert got is None or repr(got) == repr(real(text))


#: Words of Python's JSON reader that a detail must never carry
PYTHON_WORDS = ("Expecting", "delimiter", "utf-8-sig", "Extra data", "Unterminated", "Invalid", "property name")


@pytest.mark.parametrize("body", [
    b'{"answers": {', b'{"a" 1}', b'{"a": 1 "b": 2}', b'{"a": "abc', b'{"a": "x\x01"}', b'{"a": "\\u12"}',
    b'{"a": "\\q"}', b'{} x', b'\xef\xbb\xbf{}', b'[1,]', b'', b'{"a": 1}\r{"b": 2}',
])
def test_what_is_wrong_with_a_body_is_said_in_segrules_words(body):
    with pytest.raises(ServiceError) as info:
        parse_json(body)
    detail = str(info.value)
    assert info.value.code == "SR913" and detail.startswith("the body is not valid JSON: ")
    assert not any(w in detail for w in PYTHON_WORDS), detail


@pytest.mark.parametrize("body", [
    b'{"a": "\\ud800"}', b'{"\\udc00": 1}', b'["x\\uDFFFy"]', b'{"a": {"b": ["\\ud83d"]}}', b'"\\ude00\\ud83d"',
])
def test_a_lone_surrogate_is_refused_by_either_reader(body):
    """Python's reader takes an escaped half of a surrogate pair alone, orjson refuses it:
    both refuse it with SR913, which no later writing of it as UTF-8 can then fail on."""
    refused = both_readers(body)
    assert refused[:3] == ("refused", 400, "SR913") and "without its pair" in refused[3]
    for fine in (b'{"a": "\\ud83d\\ude00"}', b'{"a": "\\\\ud800"}', b'{"a": "\\u00e4"}'):
        assert both_readers(fine)[0] == "read"
