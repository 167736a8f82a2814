"""`segrules serve`'s lines for its operator speak the run's language, reasons included."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from segrules.serve.app import print_reload
from segrules.serve.store import ReloadResult, Rejected, RulesetStore
from service_support import PROVEN_BASE
from support import variant

BROKEN = variant("hit_policy: unique", "hit_policy: [unique")  # does not load
FAILING_EXAMPLE = variant("    expect: omatoimi", "    expect: verkosto", PROVEN_BASE)
UNPROVEN = variant("  - yhteiso   when resources < 3 and complexity < 3",
                   "  - yhteiso   when resources <= 3 and complexity < 3", PROVEN_BASE)
# the English of each line and reason: none may be left in a Finnish or Swedish line
ENGLISH = ("serving", "from", "no longer served", "status", "does not load", "no such file", "holds no ruleset",
           "example(s) fail", "expected", "got", "not proven", "already served", "could not be checked",
           "listening on")


@pytest.fixture(scope="module")
def reload_result(tmp_path_factory):
    """One reload with a file of every kind: served, not loading, failing its example, not
    proven, served twice, missing; a folder with no ruleset; a file no longer served."""
    folder = tmp_path_factory.mktemp("served")
    (folder / "good.yaml").write_text(PROVEN_BASE)
    (folder / "twice.yaml").write_text(PROVEN_BASE)
    (folder / "broken.yaml").write_text(BROKEN)
    (folder / "example.yaml").write_text(FAILING_EXAMPLE.replace("id: test.base", "id: test.example"))
    (folder / "unproven.yaml").write_text(UNPROVEN.replace("id: test.base", "id: test.unproven"))
    (folder / "empty").mkdir()
    files = ["good.yaml", "twice.yaml", "broken.yaml", "example.yaml", "unproven.yaml"]
    store = RulesetStore([str(folder / f) for f in files] + [str(folder / "missing.yaml"), str(folder / "empty")])
    result = store.reload()
    result = ReloadResult(result.accepted, result.rejected + (
        Rejected(str(folder / "late.yaml"), "SR907",
                 f"{folder / 'late.yaml'}: the new version could not be checked: the reload worker stopped (EOF)"),
    ), result.kept, (str(folder / "old.yaml"),))
    assert sorted(r.code for r in result.rejected) == ["SR010", "SR900", "SR900", "SR901", "SR902", "SR903", "SR907"]
    return result, store.snapshot


def lines(reload_result, lang: str) -> list[str]:
    out = io.StringIO()
    print_reload(*reload_result, stream=out, lang=lang)
    return out.getvalue().splitlines()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_line_and_reason_is_in_the_language(reload_result, lang):
    english, got = lines(reload_result, "en"), lines(reload_result, lang)
    assert len(got) == len(english) == 10
    for en, line in zip(english, got):
        assert line.startswith("segrules serve: ")
        # the file, the code, ids and versions stay as they are
        for token in en.split():
            if token.startswith(("/", "SR")) and token.endswith((".yaml", ":")) or token.startswith("SR"):
                assert token.rstrip(":") in line, (token, line)
        words = line.lower()
        for phrase in ENGLISH:
            if lang == "sv" and phrase == "status":
                continue  # the Swedish word too
            assert f" {phrase} " not in f" {words} ", (phrase, line)
    # a check's status as `segrules verify` writes it in the language (its name is an id)
    unproven = next(line for line in got if " SR903 " in line)
    assert "failed" not in unproven and {"fi": "exclusivity VIRHE", "sv": "exclusivity FEL"}[lang] in unproven
    # each reason said in full by its own template (never only by the code's title)
    reasons = [line for line in got if " SR9" in line or " SR0" in line]
    assert all(".yaml" in r or "empty" in r for r in reasons), reasons


def test_english_is_as_before(reload_result):
    got = lines(reload_result, "en")
    assert got[0].startswith("segrules serve: serving test.base 1.0.0 (")
    assert any("does not load" in line for line in got) and got[-1] == "segrules serve: status degraded"


@pytest.mark.parametrize("lang, words", [("fi", "tiedostoa tai kansiota ei ole"), ("sv", "ingen sådan fil eller mapp")])
def test_the_command_says_it_in_the_language(tmp_path, lang, words):
    """A file that cannot be served stops the start; the lines before say why in --lang."""
    proc = subprocess.run([sys.executable, "-m", "segrules", "serve", str(tmp_path / "missing.yaml"), "--port", "0",
                           "--lang", lang], capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert words in proc.stderr and "no such file" not in proc.stderr, proc.stderr
