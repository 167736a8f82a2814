"""Diagnostics in the reader's language: every command under fi and sv, over the shipped models
and a copy of Suuntima with the mistakes a model owner makes, prints no English sentence of the
catalogue, and keeps every name, value and file:line:col of the message."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from segrules import cli, codes, messages
from segrules.errors import Diagnostic, Span
from support import ROOT, SHIPPED

SUUNTIMA = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"


def _english_sentences() -> list[str]:
    """The English texts of the catalogue a Finnish or Swedish reader must never see: every
    fixed part of three words or more of the message and hint templates, the codes' titles,
    the first sentence of each long explanation, and the frame (`error:`, `hint:`)."""
    out = set()
    for entry in messages.MESSAGES + messages.HINTS:
        for part in re.split(r"\{\w+(?::\w+)?\}", entry[1]):
            part = part.strip(" :;,.()")
            if len(part.split()) >= 3:
                out.add(part)
    for info in codes.CODES.values():
        out.add(info.title)
        out.add(info.explanation.split(". ")[0])
    return sorted(out | {" error: ", " warning: ", "hint: ", "NOT VERIFIED", "errors, ", "problems with the answers"})


ENGLISH = _english_sentences()


def english_in(text: str) -> list[str]:
    return [s for s in ENGLISH if s in text]


def mistakes(folder: Path) -> dict[str, Path]:
    """Copies of Suuntima with the mistakes of the issue: one file with every mistake that
    lets the rest be read, one with a gap (it loads), one with an unclosed bracket, one with a tab."""
    text = SUUNTIMA.read_text(encoding="utf-8")

    def replace(t: str, old: str, new: str) -> str:
        assert t.count(old) >= 1, old
        return t.replace(old, new, 1)

    gap = replace(text, "  - yhteistyo when resources >= 3 and complexity >= 3", "  - yhteistyo when resources > 3 and complexity >= 3")
    many = replace(gap, "    - c_coping\n", "    - c_copin\n")  # a typo in an input name
    many = replace(many, "label: {fi: Yhteisöasiakkuus, sv:", "label: {fi: Yhteisöasiakkuus, tuettu, sv:")  # a comma
    many = replace(many, "label: {fi: Verkostoasiakkuus, sv:", "label: {sv:")  # no Finnish text
    many = replace(many, "  - omatoimi  when resources >= 3", "  - omatoimi  when (resources >= 3")  # an unclosed '('
    many = replace(many, "  - yhteiso   when resources < 3", "  - yhteiso   when resourcs < 3")  # a misspelt score
    bracket = replace(text, "en: Not at all true}", "en: Not at all true")  # an unclosed '{'
    tab = replace(text, "    respondent: client\n    type: scale", "    respondent: client\n\ttype: scale")
    files = {"many": many, "gap": gap, "bracket": bracket, "tab": tab}
    out = {}
    for name, body in files.items():
        out[name] = folder / f"{name}.yaml"
        out[name].write_text(body, encoding="utf-8")
    return out


def segrules(*args: str, stdin: str = "") -> tuple[int, str]:
    """``segrules ARGS`` in this process (fast): the exit code and stdout and stderr together."""
    out, err = io.StringIO(), io.StringIO()
    import sys

    old_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main([str(a) for a in args])
            except SystemExit as exc:
                code = exc.code
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue() + err.getvalue()


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    return mistakes(tmp_path_factory.mktemp("mistakes"))


def _commands(path: Path, answers: str | None) -> list[tuple[str, ...]]:
    # verify's report of a ruleset that loads (segrules.verify.model and .html) has its own
    # catalogue of texts; here verify is run on the files that do not load, where it prints
    # the problems themselves
    runs = [("check", path), ("describe", path), ("test", path), ("diagram", path), ("sample", path, "--count", "1"),
            ("fhir", "questionnaire", path)]
    if answers is not None:
        runs.append(("decide", path, "--answers", "-"))
    return runs


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_command_over_the_mistakes_speaks_one_language(files, lang):
    seen = {}
    for name, path in files.items():
        runs = _commands(path, None) + [("decide", path, "--answers", "-")]
        runs += [("verify", path)] if name != "gap" else []
        for args in runs:
            code, out = segrules("--lang", lang, *args, stdin='{"c_daily_life": 9}')
            assert "Traceback" not in out and code in (0, 1), (args, out)
            assert english_in(out) == [], (args, english_in(out), out[-2000:])
            seen[(name, args[0])] = out
    many = seen[("many", "check")]
    assert len(re.findall(r"^\S+many\.yaml:\d+:\d+: SR\d{3} ", many, re.M)) == 5  # every problem, at once
    word = {"fi": "virhe", "sv": "fel"}[lang]
    assert f"SR210 {word}: " in many and "'c_copin'" in many and "'c_coping'" in many
    assert seen[("gap", "test")].count({"fi": "VIRHE", "sv": "FEL"}[lang]) >= 1
    assert {"fi": "EI VERIFIOITU", "sv": "INTE VERIFIERAD"}[lang] in seen[("many", "verify")]
    assert "SR132" in seen[("many", "verify")]  # the problems themselves, not "run segrules check"
    assert "SR010" in seen[("bracket", "check")] and "SR010" in seen[("tab", "check")]


# every shipped model in Finnish; Swedish, which takes the same code paths, over Suuntima
@pytest.mark.parametrize("path, lang", [(p, "fi") for p in SHIPPED] + [(SUUNTIMA, "sv")],
                         ids=lambda v: v if isinstance(v, str) else v.parent.name + "/" + v.stem)
def test_every_command_over_the_shipped_models_speaks_one_language(path, lang):
    code, sample = segrules("sample", path, "--count", "1", "--seed", "1")
    assert code == 0
    for args in _commands(path, sample):
        code, out = segrules("--lang", lang, *args, stdin=sample)
        assert "Traceback" not in out and code in (0, 1), (args, out)
        assert english_in(out) == [], (args, english_in(out))
    code, out = segrules("explain", "--list", "--lang", lang)
    assert code == 0 and english_in(out) == []


@pytest.mark.parametrize("code", sorted(codes.CODES))
def test_explain_speaks_one_language(code):
    for lang in ("fi", "sv"):
        status, out = segrules("explain", code, "--lang", lang)
        assert status == 0 and english_in(out) == [], english_in(out)
        assert out.startswith(f"{code}: {messages.title(code, lang)}")


def test_the_parameters_are_kept_exactly(files):
    docs = {}
    for lang in ("en", "fi", "sv"):
        code, out = segrules("--json", "check", files["many"], "--lang", lang)
        docs[lang] = json.loads(out.split("\n{", 1)[-1] if not out.startswith("{") else out)["files"][0]["diagnostics"]
    for en, fi, sv in zip(docs["en"], docs["fi"], docs["sv"]):
        where = lambda d: (d["code"], d["file"], d["line"], d["column"])
        assert where(en) == where(fi) == where(sv)
        for quoted in re.findall(r"'[^']*'", en["message"]):
            assert quoted in fi["message"] and quoted in sv["message"], (quoted, fi["message"], sv["message"])
        assert fi["message"] != en["message"] and sv["message"] != en["message"]


# --------------------------------------------------------------------------- the catalogue


def test_every_code_has_a_title_in_finnish_and_swedish():
    assert set(messages.TITLES) == set(codes.CODES)
    for code, (fi, sv) in messages.TITLES.items():
        assert fi.strip() and sv.strip() and fi != codes.CODES[code].title and sv != codes.CODES[code].title


def test_the_templates_use_only_the_parameters_the_english_has():
    field = re.compile(r"\{(\w+)(?::\w+)?\}")
    for entry in messages.MESSAGES + messages.HINTS:
        english = set(field.findall(entry[1]))
        for translated in entry[2:]:
            assert set(field.findall(translated)) <= english, entry
            words = re.sub(r"[^A-Za-z]+", " ", field.sub("", entry[1])).split()
            assert translated != entry[1] or not words, entry  # only parameters: nothing to translate
    for entry in messages.PHRASES:
        for translated in entry[1:]:
            assert set(field.findall(translated)) <= set(field.findall(entry[0])), entry


def test_the_mistakes_in_a_file_itself_are_said_whole(tmp_path):
    """A YAML anchor, a lone surrogate escaped in a text, scores built on scores more than 32
    levels deep: the message itself in fi and sv (what is wrong and where), not only its code's
    title."""
    from segrules import load_text
    from segrules.errors import SegrulesError
    from support import mini

    chain = {"s0": "q1"} | {f"s{k}": f"s{k - 1} + 1" for k in range(1, 34)}
    cases = {
        "anchor": (SUUNTIMA.read_text(encoding="utf-8").replace("title:", "title: &t", 1),
                   "SR012", "(&nimi, *nimi)", "(&namn, *namn)"),
        "escape": (SUUNTIMA.read_text(encoding="utf-8").replace("en: Not at all true", 'en: "Not \\ud800 true"', 1),
                   "SR010", "merkintä \\ud800 on pariton korvausmerkin puolisko", "escapesekvensen \\ud800 är ett ensamt"),
        "deep": (mini({"q1": "scale"}, chain, ["a when s33 > 3", "b when s33 <= 3"]),
                 "SR140", "yli 32 tason syvyydeltä", "mer än 32 nivåer djupt"),
        "surrogate": ("format: 1\nid: x\ntitle: {fi: a\udc80}\n", "SR003", "pariton korvausmerkin puolisko (U+DC80)",
                      "ett ensamt surrogattecken (U+DC80)"),
    }
    for name, (text, code, fi, sv) in cases.items():
        if name != "surrogate":  # a file cannot hold the half of a pair: only a text given to load_text can
            (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
            for lang, words in (("fi", fi), ("sv", sv)):
                _, out = segrules("--lang", lang, "check", tmp_path / f"{name}.yaml")
                assert f"{code} " in out and words in out and english_in(out) == [], (name, lang, out)
        with pytest.raises(SegrulesError) as info:
            load_text(text, name=f"{name}.yaml")
        said = {lang: "\n".join(d.format(lang) for d in info.value.diagnostics) for lang in ("fi", "sv")}
        assert fi in said["fi"] and sv in said["sv"], (name, said)


def test_a_message_without_a_template_is_its_title_and_its_values():
    text = messages.translate("SR555", "the pickled ruleset 'x.yaml' loads here with another hash", "fi")
    assert text == "Säännöstöä ei voi tallentaa picklellä tai lukea siitä ('x.yaml')"
    assert messages.translate_hint("an unknown hint", "sv") is None  # no hint rather than an English one
    d = Diagnostic("SR555", "the pickled ruleset 'x.yaml' loads here", Span("f.yaml", 3, 1), hint="an unknown hint")
    assert d.format("sv") == "f.yaml:3:1: SR555 fel: En regeluppsättning kan inte picklas eller avpicklas ('x.yaml')"
    # an apostrophe inside a word opens no quote: the values, not scraps of the English
    text = messages.translate("SR935", "battery: the coding's version 'urn:x:y' is not that of 'urn:segrules:q'", "fi")
    assert text == "Koodi toisesta koodistosta ('urn:x:y', 'urn:segrules:q')"


def test_phrases_inside_messages_are_translated_with_their_case():
    message = "the label of segment 'verkosto' has no Finnish (fi) label"
    assert messages.translate("SR130", message, "fi") == "segmentin 'verkosto' nimen suomenkielinen teksti (fi) puuttuu"
    assert messages.translate("SR130", message, "sv") == "etiketten för segmentet 'verkosto' saknar finsk text (fi)"
    assert messages.translate("SR130", message, "en") == message


def test_batch_and_crosswalk_speak_one_language(tmp_path):
    code, population = segrules("sample", SUUNTIMA, "--count", "3", "--key", "id")
    (tmp_path / "pop.jsonl").write_text(population, encoding="utf-8")
    code, out = segrules("--lang", "fi", "batch", SUUNTIMA, "--input", tmp_path / "pop.jsonl", "--output", tmp_path / "a.csv")
    assert code == 1 and english_in(out) == [] and "avainsaraketta 'record_id' ei ole" in out
    code, out = segrules("--lang", "fi", "batch", SUUNTIMA, "--input", tmp_path / "pop.jsonl", "--output", tmp_path / "b.csv",
                         "--key", "id")
    assert code == 0 and out.startswith("luettu 3 tietuetta (3 riviä), segmentoitu 3, hylätty 0, ")
    assert "huom: sarakkeita ei ole: " in out and "read as unanswered" not in out
    code, out = segrules("--lang", "sv", "crosswalk", "--check")
    assert code == 0 and english_in(out) == [] and "exakt en position" in out
    # what an analyst gets wrong first: a missing file, a folder, an empty file, a file kind
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    (tmp_path / "folder.csv").mkdir()
    for given, words in (("none.csv", "tiedostoa ei ole"), ("folder.csv", "se on kansio; anna tiedosto"),
                         ("empty.csv", "ensimmäinen rivi on tyhjä"), ("x.txt", "tiedoston lajia ei tunneta")):
        code, out = segrules("--lang", "fi", "batch", SUUNTIMA, "--input", tmp_path / given, "--output", tmp_path / "c.csv")
        assert code == 1 and words in out and english_in(out) == [], (given, out)


def test_where_a_problem_is_when_no_input_is_it_is_said_in_the_language():
    """``(answers)``, ``(response 2)``, ``(bundle entry 1)`` name where an answer problem is;
    in fi and sv they are in the language too, and an input's id stays as it is."""
    from segrules.errors import AnswerProblem, AnswerError

    error = AnswerError([AnswerProblem("SR306", "(answers)", "the answers must be a mapping of input id to answer"),
                         AnswerProblem("SR930", "(response 2)", "expected a QuestionnaireResponse, got a number"),
                         AnswerProblem("SR930", "(bundle entry 1)", "a Bundle's entry is an object, not a number")])
    said = {lang: "\n".join(d.format(lang) for d in error.diagnostics) for lang in ("fi", "sv")}
    assert "(vastaukset)" in said["fi"] and "(lomakevastaus 2)" in said["fi"] and "(Bundlen kohta 1)" in said["fi"]
    assert "(svaren)" in said["sv"] and "(formulärsvar 2)" in said["sv"] and "(Bundle-post 1)" in said["sv"]
    for lang in ("fi", "sv"):
        assert "(answers)" not in said[lang] and "(response" not in said[lang] and english_in(said[lang]) == []
    assert messages.translate("SR303", "c_coping: 9 is a whole number, but the answer must be one of 1, 2, 3, 4, 5 "
                              "(scale resources5)", "fi").startswith("c_coping: ")
