"""No English word in a Finnish or Swedish finding: ``check``, ``test``, ``verify``, ``decide`` and
``diff`` are run for real over broken rulesets (the twelve broken copies of Suuntima the model
owners' guide builds, copies with the mistakes whose hints and reasons once stayed English, a
ruleset beyond the counting budget) in en, fi and sv, and every word of the fi and sv output is
looked up in the English run of the same command.

A word of the English run is a leak in fi or sv unless it is the ruleset's own (an id, a value, a
word of its rules, anything quoted), a word of the rule language, a check's name, or a word the
Finnish or Swedish catalogue itself uses ("SMT", "ok"). Whole sentences of the catalogue are
looked for by tests/test_messages_i18n.py; this finds the single words that slip through a
template, such as "(scale complexity5)" or a reason passed on as it was.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from pathlib import Path

import pytest
import yaml

from segrules import cli
from segrules.verify.model import CHECKS

from support import ROOT, load_script, mini
from test_messages_terms import finnish_and_swedish

SHAPE = ROOT / "tests" / "verify" / "shapes" / "one_overlap_in_1e16.yaml"
#: The rule language's words and functions, the same in every language: allowed in a line that
#: shows a rule or a region (one with a comparison or "when"), so that an English "not" or "in"
#: elsewhere is still found.
RULE_WORDS = {"and", "or", "not", "in", "when", "otherwise", "if", "then", "else", "answered",
              "mean", "sum", "min", "max", "count", "count_true"}
_RULE_LINE = re.compile(r"[<>=]|\bwhen\b|\botherwise\b")
#: The values of a yes/no answer, written so in every language.
VALUES = {"true", "false"}
CHECK_NAMES = {name for name, _ in CHECKS}
_WORD = re.compile(r"[^\W\d]\w*")  # a word of any letters: "yhteistyöasiakkuus" is one word
_EXPRESSION_KEYS = ("expr", "asked_when")


# --------------------------------------------------------------------------- what may stay as it is


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text))


def ruleset_words(text: str) -> set[str]:
    """The ruleset's own words: its ids, the values of its choices and scales, its aliases, the
    words of its rules and expressions, its examples' answers; not its labels and texts (those
    are shown in the reader's language) and not the format's own keys."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError:
        doc = None
    if not isinstance(doc, dict):  # a file that is not YAML: every key and list item in it
        return set(re.findall(r"^\s*-?\s*([A-Za-z_]\w*)\s*:", text, re.M)) | set(re.findall(r"^\s*-\s+(\w+)\s*$", text, re.M))
    out = _words(f"{doc.get('id', '')} {doc.get('aliases', '')}")
    for segment in (doc.get("segments") or {}).values():
        if isinstance(segment, dict):
            out |= _words(str(segment.get("aliases", "")))
    for section in ("scales", "inputs", "groups", "scores", "segments", "pathways"):
        body = doc.get(section)
        if not isinstance(body, dict):
            continue
        for key, item in body.items():
            out |= _words(str(key))
            if isinstance(item, list):  # a group's inputs
                out |= _words(" ".join(map(str, item)))
            if not isinstance(item, dict):
                continue
            if isinstance(item.get("values"), dict):
                out |= _words(" ".join(map(str, item["values"])))
            for name in ("scale", *_EXPRESSION_KEYS):
                out |= _words(str(item.get(name, "")))
    out |= _words(" ".join(map(str, doc.get("rules") or ())))
    out |= _words(json.dumps(doc.get("axes") or {}))
    for example in doc.get("examples") or ():
        if isinstance(example, dict):
            out |= _words(json.dumps(example.get("answers") or {})) | _words(str(example.get("expect", "")))
    return out


def _catalogue_words() -> dict[str, set[str]]:
    """The words of the fi and sv catalogues' prose (not their code, their YAML such as
    ``type: scale`` or their parameters)."""
    out: dict[str, set[str]] = {"fi": set(), "sv": set()}
    for _, fi, sv in finnish_and_swedish():
        for lang, text in (("fi", fi), ("sv", sv)):
            prose = "\n".join(line for line in text.splitlines() if not line.startswith("    "))
            prose = re.sub(r"`[^`]*`|\{[^}]*\}|\b[a-z_]+: [^;.)\n]*|--[\w-]+", " ", prose)  # code, parameters, YAML, options
            out[lang] |= {w.lower() for w in _WORD.findall(prose)}
    return {lang: words - RULE_WORDS for lang, words in out.items()}  # those only where a rule is shown


CATALOGUE = _catalogue_words()
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`|”[^”\n]*”|\{[^\n]*\}")
_NOT_WORDS = re.compile(r"\S+\.(?:yaml|json|html|md)\S*|\bSR\d{3}\b|\b[0-9a-f]{12,}\b|sha256|\(z3 [^)]*\)|\bz3\b|"
                        r"--[\w-]+|\d{4}-\d\d-\d\dT[\d:+]+|\bsegrules\.[\w.]+/\d+")  # a schema id


def example_names(text: str) -> list[str]:
    """The names of the examples, the ruleset's own texts (a report shows them as written)."""
    return sorted(set(re.findall(r"^\s*- name: (.+?)\s*$", text, re.M)), key=len, reverse=True)


def english_left(out: str, english: str, own: set[str], sources: list[str], lang: str) -> list[tuple[str, str]]:
    """(word, line) for every word of ``out`` (the fi or sv run) that the English run
    ``english`` also has and that may not stay as it is: not a word of ``own``, not in a line
    of the ``sources`` (the rulesets, shown under a problem) nor in an example's name."""
    names = [n for s in sources for n in example_names(s)]
    vocabulary = {w.lower() for w in _WORD.findall(english)}
    allowed = {w.lower() for w in own} | VALUES | CHECK_NAMES | CATALOGUE[lang]
    left = []
    for line in out.splitlines():
        shown = line.strip()
        if not shown or set(shown) <= {"^", " "} or any(shown in s for s in sources):
            continue  # a line of the file itself, under its position, or the caret below it
        for name in names:
            line = line.replace(name, " ")
        rule_words = RULE_WORDS if _RULE_LINE.search(line) else set()
        for word in _WORD.findall(_NOT_WORDS.sub(" ", _QUOTED.sub(" ", line))):
            if word.lower() in vocabulary and word.lower() not in allowed | rule_words:
                left.append((word, line))
    return left


def test_the_check_finds_a_word_left_in_english():
    own = {"complexity5", "p_ill_monitoring"}
    leak = "esimerkki 'x': p_ill_monitoring: 6 ei ole sallittu; odotettiin: jokin arvoista 1, 2 (scale complexity5) (SR302)"
    english = "example 'x': p_ill_monitoring: 6 is not allowed; expected one of 1, 2 (scale complexity5) (SR302)"
    assert english_left(leak, english, own, [], "fi") == [("scale", leak)]
    assert english_left(leak.replace("scale", "asteikko"), english, own, [], "fi") == []
    assert english_left("vihje: esim. 2.5, not 2,5", "hint: e.g. 2.5, not 2,5", set(), [], "fi") == [
        ("not", "vihje: esim. 2.5, not 2,5")]
    # ids, quoted text, rule words, check names and the file's own lines may stay
    fine = "  [    VIRHE] completeness: sääntö 1: omatoimi when resources >= 3 ('copes well, simple')"
    assert english_left(fine, "completeness: rule 1: omatoimi when resources >= 3 ('copes well, simple')",
                        {"omatoimi", "resources"}, [], "fi") == []
    assert english_left("      en: Motivation: I have it", "en: Motivation: I have it", set(),
                        ["      en: Motivation: I have it\n"], "sv") == []


# --------------------------------------------------------------------------- the broken rulesets


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The guide's files (its stages and twelve broken copies), copies with more mistakes, and a
    ruleset beyond a small counting budget."""
    gen = load_script(ROOT / "docs" / "gen_guide.py", "gen_guide")
    root = tmp_path_factory.mktemp("words")
    gen.build(root, "en")
    finished = (root / "finished" / "my-region" / "suuntima.yaml").read_text(encoding="utf-8")
    rule = "  - omatoimi  when resources >= 3 and complexity < 3.5\n"
    more = {
        "comma": _edit(finished, rule, rule.replace("3.5", "3,5")),
        "semver": _edit(finished, 'version: "0.1.0"', "version: 0.1"),
        "quoted": _edit(finished, "    reassess_after_months: 24\n", '    reassess_after_months: "24"\n'),
        "yes": _edit(finished, "    optional: true\n", "    optional: yes\n"),
        "colon": _edit(finished, rule, rule.replace("omatoimi  when", "omatoimi: when")),
    }
    for name, text in more.items():
        (root / "finished" / "broken" / f"{name}.yaml").write_text(text, encoding="utf-8")
    (root / "finished" / "big.yaml").write_text(SHAPE.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def segrules(folder: Path, *args: str) -> str:
    """What ``segrules ARGS`` prints in ``folder`` (in this process: fast), stdout and stderr."""
    out = io.StringIO()
    here = os.getcwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            try:
                cli.main(list(args))
            except SystemExit:
                pass
    finally:
        os.chdir(here)
    return out.getvalue()


BROKEN = ("yaml", "key", "name", "eqeq", "seg", "pathway", "label", "example", "expect", "gap", "overlap", "unused",
          "comma", "semver", "quoted", "yes", "colon")
#: What a broken copy loads into: these are verified too (the others do not load).
LOADS = ("label", "expect", "gap", "overlap", "unused")
RUNS = (
    [("check", f"broken/{name}.yaml") for name in BROKEN]
    + [("test", f"broken/{name}.yaml") for name in ("example", "expect", "gap")]
    + [("verify", f"broken/{name}.yaml") for name in LOADS]
    + [("verify", "big.yaml", "--structural-budget", "20000", "--solver-budget", "200000")]
    + [("decide", "my-region/suuntima.yaml", "--answers", "answers.json"),
       ("decide", "broken/gap.yaml", "--answers", "witness.json")]
    + [("diff", "../renamed/my-region/suuntima.yaml", "my-region/suuntima.yaml"),
       ("diff", "../renamed/my-region/suuntima.yaml", "my-region/suuntima.yaml", "--no-count"),
       ("diff", "../renamed/my-region/suuntima.yaml", "my-region/suuntima.yaml", "--solver-budget", "2000"),
       ("diff", "../copied/my-region/suuntima.yaml", "broken/unused.yaml", "--no-count")]
)


@pytest.fixture(scope="module")
def outputs(folder) -> dict[tuple, dict[str, str]]:
    """Every run's output in en, fi and sv, by the run."""
    where = folder / "finished"
    (where / "witness.json").write_text('{"battery": "illness"}\n', encoding="utf-8")
    return {run: {lang: segrules(where, run[0], "--lang", lang, *run[1:]) for lang in ("en", "fi", "sv")}
            for run in RUNS}


def _files_of(folder: Path, run: tuple) -> list[Path]:
    return [folder / "finished" / a for a in run[1:] if a.endswith(".yaml")]


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_no_english_word_in_the_findings(folder, outputs, lang):
    leaks = {}
    for run, out in outputs.items():
        sources = [p.read_text(encoding="utf-8") for p in _files_of(folder, run)]
        own = set().union(*(ruleset_words(s) for s in sources))
        assert "Traceback" not in out[lang], (run, out[lang])
        found = english_left(out[lang], out["en"], own, sources, lang)
        if found:
            leaks[" ".join(run)] = sorted({f"{word}: {line.strip()[:160]}" for word, line in found})
    assert not leaks, "\n".join(f"{run}:\n  " + "\n  ".join(found) for run, found in leaks.items())


def test_the_runs_reach_what_they_are_for(outputs):
    """The broken copies do show the findings, hints and reasons the test is about (a run that
    found nothing would prove nothing)."""
    def en(*run):
        return outputs[run]["en"]

    assert "(scale complexity5)" in en("check", "broken/example.yaml")
    assert "e.g. 2.5, not 2,5" in en("check", "broken/comma.yaml")
    assert "MAJOR.MINOR.PATCH" in en("check", "broken/semver.yaml")
    assert "in quotes for the text" in en("check", "broken/yes.yaml")
    assert "e.g. 12, without quotes" in en("check", "broken/quoted.yaml")
    assert "write it as one line of text" in en("check", "broken/colon.yaml")
    assert "expects 'yhteistyo' but gets 'omatoimi'" in en("verify", "broken/expect.yaml")
    assert "digits)" in en("verify", "big.yaml", "--structural-budget", "20000", "--solver-budget", "200000")
    assert "not counted: the structural budget" in en("verify", "big.yaml", "--structural-budget", "20000",
                                                      "--solver-budget", "200000")
    assert "counting was not asked for" in en("diff", "../renamed/my-region/suuntima.yaml", "my-region/suuntima.yaml",
                                              "--no-count")
    assert "the solver did not decide" in en("diff", "../renamed/my-region/suuntima.yaml", "my-region/suuntima.yaml",
                                              "--solver-budget", "2000")


# --------------------------------------------------------------------------- the HTML pages

#: The names of the software a page says it ran with, and the keys of the budgets it ran with
#: (the JSON's), which a page shows as they are.
_PAGE_NAMES = {"python", "cpython", "pyyaml", "libyaml", "lark"}


def page_text(path: Path) -> str:
    """The text a reader sees on an HTML page, a line per block; not its style, script or code
    listings (``pre``)."""
    import html

    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<(style|script|pre)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<(?:br|p|li|tr|td|th|dt|dd|h\d|div|title|caption)\b[^>]*>", "\n", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


PAGES = (("verify", "broken/gap.yaml"), ("verify", "broken/overlap.yaml"),
         ("diff", "../renamed/my-region/suuntima.yaml", "my-region/suuntima.yaml", "--solver-budget", "2000"))


@pytest.fixture(scope="module")
def pages(folder) -> dict[tuple, dict[str, str]]:
    where = folder / "finished"
    out: dict[tuple, dict[str, str]] = {}
    for run in PAGES:
        for lang in ("en", "fi", "sv"):
            page = where / f"page-{len(out)}-{lang}.html"
            segrules(where, run[0], "--lang", lang, *run[1:], "--report", str(page))
            out.setdefault(run, {})[lang] = page_text(page)
    return out


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_no_english_word_in_the_pages(folder, pages, lang):
    from segrules.verify.budget import Budget

    names = _PAGE_NAMES | set(Budget().to_json())
    leaks = {}
    for run, text in pages.items():
        sources = [p.read_text(encoding="utf-8") for p in _files_of(folder, run)]
        own = set().union(*(ruleset_words(s) for s in sources)) | names
        assert len(text[lang]) > 2000, run  # the page was written
        found = english_left(text[lang], text["en"], own, sources, lang)
        if found:
            leaks[" ".join(run)] = sorted({f"{word}: {line.strip()[:160]}" for word, line in found})
    assert not leaks, "\n".join(f"{run}:\n  " + "\n  ".join(found) for run, found in leaks.items())


# --------------------------------------------------------------------------- every reason


#: Every reason the verifier and diff give in English for what they did not count or decide.
REASONS = (
    "counting was not asked for",
    "the solver did not decide; the structural count finds no answer set here, which is not a proof",
    "neither the solver nor a counting method could run",
    "the versions do not have the same inputs, and the joint count covers versions that ask the same questions",
    "the answers or the asking of c_coping, battery changed, and the joint count covers versions that ask the same "
    "questions",
    "the two versions have 1 234 567 890 123 (13 digits) answer sets together, more than 1 000 000 to enumerate",
    "the expressions are nested too deeply for the counting method",
    "the verifier ran out of memory",
    "stopped: time limit",
    "SR690: the structural method contradicted itself: the verifier accounted for 3 answer sets out of 4",
    "the SMT solver z3 is not installed (pip install 'segrules[verify]')",
    "the solver cannot encode the versions: an unknown node",
    "the structural budget of 20 000 steps ran out while combining values",
    "more than 20 000 combinations of the answers that decide which questions are asked (the limit of cases)",
    "the answer space (5 000 answer sets) is larger than the enumeration budget of 100 answer sets",
    "the query reached the per-query solver budget of 2 000 000 rlimit units",
    "the solver budget of 5 000 000 rlimit units ran out",
)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_reason_is_said_in_the_language(lang):
    from segrules.i18n import text
    from segrules.verify.words import reason_text

    for reason in REASONS:
        said = reason_text(reason, lang)
        assert said != text(lang, "reason.other") and not english_left(said, reason, {"c_coping", "battery"}, [], lang), (
            reason, said)
        assert reason_text(reason, "en") == reason
    joined = reason_text(f"{REASONS[3]}; {REASONS[5]}", lang)  # diff joins its reasons with "; "
    assert joined.count("; ") == 1 and "1 234 567 890 123" in joined and "digits" not in joined
    assert reason_text("canceled", lang) == text(lang, "reason.other")  # a solver's own word: said, not shown


def test_shares_and_seconds_are_written_with_the_languages_separator(outputs):
    out = outputs[("verify", "broken/gap.yaml")]
    share, seconds = re.compile(r"\(\d+([.,])\d+ %\)"), re.compile(r"; \d+([.,])\d\d s$", re.M)
    for lang, separator in (("en", "."), ("fi", ","), ("sv", ",")):
        assert {m for m in share.findall(out[lang])} == {separator}, lang
        assert seconds.findall(out[lang]) == [separator], lang


# --------------------------------------------------------------------------- crosswalks

CROSSWALK = ROOT / "rulesets" / "crosswalk.yaml"


@pytest.fixture(scope="module")
def crosswalk_outputs(tmp_path_factory) -> dict[tuple, dict[str, str]]:
    """``crosswalk --check`` over broken copies of the shipped crosswalk, and lookups that fail."""
    where = tmp_path_factory.mktemp("crosswalk")
    text = CROSSWALK.read_text(encoding="utf-8")
    broken = {
        "twice": _edit(text, "  - helsinki.suunte\n", "  - helsinki.suunte\n  - helsinki.suunte\n"),
        "moved": _edit(text, "      helsinki.suuntima: yhteiso\n", "      helsinki.suuntima: omatoimi\n"),
        "missing": _edit(text, "      keski_suomi.segmentation: verkosto\n", ""),
        "quadrant": _edit(text, "{resources: high, complexity: low}", "{resources: hi, complexity: low}"),
        "unknown": _edit(text, "      helsinki.suunte: yhteistyo\n", "      helsinki.suunte: yhteistyö\n"),
    }
    runs = []
    for name, body in broken.items():
        (where / f"{name}.yaml").write_text(body, encoding="utf-8")
        runs.append(("crosswalk", "--check", f"{name}.yaml", "--rulesets-dir", str(ROOT / "rulesets")))
    runs += [("crosswalk", str(CROSSWALK), "--from", "helsinki.suntima", "--segment", "omatoimi", "--to", "helsinki.suunte"),
             ("crosswalk", str(CROSSWALK), "--from", "helsinki.suuntima", "--segment", "nobody", "--to", "helsinki.suunte")]
    return {run: {lang: segrules(where, run[0], "--lang", lang, *run[1:]) for lang in ("en", "fi", "sv")} for run in runs}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_no_english_word_in_a_crosswalks_problems(crosswalk_outputs, lang):
    sources = [CROSSWALK.read_text(encoding="utf-8")]
    own = set(_WORD.findall(re.sub(r"\b(?:fi|sv|en): .*", " ", sources[0])))  # its ids, not its labels
    own |= {"hi", "nobody", "suntima", "yhteistyö"}  # the mistakes' own words
    leaks = {}
    for run, out in crosswalk_outputs.items():
        assert re.search(r"SR70\d", out["en"]) and "Traceback" not in out[lang], (run, out["en"])
        found = english_left(out[lang], out["en"], own, sources, lang)
        if found:
            leaks[" ".join(run[:3])] = sorted({f"{word}: {line.strip()[:160]}" for word, line in found})
    assert not leaks, "\n".join(f"{run}:\n  " + "\n  ".join(found) for run, found in leaks.items())


#: An input asked on a condition, used by a rule where it may be unanswered (SR405).
_UNANSWERED = mini({"q1": "boolean", "q2": ("scale?", "q1")}, {}, ["x when not q1", "y when q1 and q2 >= 1"])


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_an_evaluation_error_found_by_verify_keeps_its_own_words(tmp_path, lang):
    """verify names the unanswered input of an SR405 finding in fi and sv too, in the words
    decide uses, not only "the evaluation fails" and the code."""
    (tmp_path / "m.yaml").write_text(_UNANSWERED, encoding="utf-8")
    said = {lang_: segrules(tmp_path, "--lang", lang_, "verify", "--no-progress", "m.yaml") for lang_ in ("en", lang)}
    (english,) = [line for line in said["en"].splitlines() if "- SR405: " in line]
    assert "'q2'" in english
    (line,) = [line for line in said[lang].splitlines() if "- SR405: " in line]
    assert "'q2'" in line and "explain SR405" not in line and "m.yaml:" in line, line
    assert not english_left(line, english, {"q1", "q2", "answered"}, [_UNANSWERED], lang), line  # answered(q2): the rule language


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_an_undecided_check_says_what_ran_out_how_big_and_what_the_other_method_found(lang):
    """As in English: the budget that ran out, its size, and what the exact counting method
    found; for inputs_used, which input (an id, as it is)."""
    from segrules.verify.model import Check
    from segrules.verify.words import check_summary

    why = "the solver budget of 1 000 rlimit units ran out; the structural method found no problem"
    for summary, own in ((f"not proven: {why}", set()), (f"not proven: c1: {why}", {"c1"})):
        said = check_summary(Check("totality", "undecided", summary, budget="solver"), lang)
        assert "1 000" in said and ("menetelmä (" if lang == "fi" else "metoden (") in said, said
        assert not english_left(said, summary, own, [], lang), said
        assert all(word in said for word in own), said


@pytest.mark.parametrize("lang, words", [("fi", "(1 vastausjoukko)"), ("sv", "(1 svarsuppsättning)")])
def test_one_answer_set_is_said_in_the_singular(tmp_path, lang, words):
    text = mini({"q1": "boolean", "q2": ("scale?", "q1")}, {},  # q1 false: in no rule
                ["x when q1 and answered(q2) and q2 >= 2", "y when q1 and (not answered(q2) or q2 = 1)"])
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    said = segrules(tmp_path, "--lang", lang, "verify", "--no-progress", "m.yaml")
    assert words in said, said
