"""Every output a user reads, in fi, sv and en: the catalogues are complete, and Finnish output
has no English headings, phrases or raw codes left."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from fractions import Fraction

import pytest

import segrules
from segrules import i18n
from segrules.diagram import TEXTS as DIAGRAM_TEXTS
from segrules.dsl import ast
from segrules.engine.runtime import format_number
from segrules.population.render import TEXTS as REPORT_TEXTS
from support import ROOT

KS = "rulesets/keski_suomi/segmentation.yaml"
KS_ANSWERS = {
    "situation_type": "long_term", "c_daily_life": 4, "c_information": 4, "c_motivation": 3, "c_close_ones": 4,
    "c_self_care": 4, "p_complex": 3, "p_many_actors": 2, "p_risk": 3, "p_continuity": 4,
}

# Headings, phrases and codes the English output has: none may remain in Finnish output.
ENGLISH = [
    "Segment:", "Also called", "Service use", "Quadrant", "Pathway", "Scores", "Why:", "Ruleset", "Assessed at",
    "Re-assess", "re-assess", "resources high", "resources low", "complexity", "months", "because", "rule 1",
    "rule 2", "rule 3", "rule 4", "overridden", "suggested", "reason", "contact:", "appointments", "coordination",
    "professional role", "self-care:", "first visit", "booking", "follow-up", "service model", "service menu",
    "channels", "value_shop", "value_chain", "value_network", "value shop", "value chain", "value network",
    "in_person", "group_reception", "network_meeting", "reception", "phone", "digital", "Inputs", "Groups",
    "Segments", "Rules", "Pathways", "Scales", "Axes", "hit policy", "optional", "asked when", "integer",
    "scale ", "enum", "version:", "file:", "aliases", "PASS", "FAIL", "passed", "failed", "expected",
    "no examples", "total", "occasional", "heavy", " low", " high", "client]", "professional]", "unique",
    "reachable", "gap", "overlap", "the segment", "points", "axis", "changes",
]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "segrules", *args],
        cwd=ROOT, input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )


def english_left(text: str) -> list[str]:
    return [w for w in ENGLISH if w in text]


def without_rule_texts(text: str, rs: ast.RulesetDef) -> str:
    """The output minus what the ruleset itself writes in the DSL (rules, expressions, ids)."""
    for r in rs.rules:
        text = text.replace(r.text, "")
    for s in rs.scores:
        text = text.replace(segrules.dsl.printer.to_text(s.expr), "")
    for i in rs.inputs:
        if i.asked_when is not None:
            text = text.replace(segrules.dsl.printer.to_text(i.asked_when), "")
    ids = [i.id for i in rs.inputs] + [s.id for s in rs.scores] + [g.id for g in rs.groups] + [s.id for s in rs.segments]
    ids += [v for i in rs.inputs if i.domain.kind == "enum" for v in i.domain.values]
    for name in sorted(ids, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", "", text)
    return text


# --------------------------------------------------------------------------- catalogues


@pytest.mark.parametrize("name, catalogue", [("i18n", i18n.TEXTS), ("diagram", DIAGRAM_TEXTS), ("report", REPORT_TEXTS)])
def test_every_key_is_in_all_three_languages(name, catalogue):
    assert set(catalogue) == set(ast.LANGUAGES)
    base = {k.removesuffix(".one") for k in catalogue["en"]}
    for lang in ast.LANGUAGES:
        keys = {k.removesuffix(".one") for k in catalogue[lang]}
        assert keys == base, (name, lang, keys ^ base)
        assert all(isinstance(v, str) and v.strip() for v in catalogue[lang].values())
        for key, value in catalogue[lang].items():  # the same fields to fill in, in every language
            fields = set(re.findall(r"{(\w+)}", value))
            assert fields == set(re.findall(r"{(\w+)}", catalogue["en"][key.removesuffix(".one")]))


def test_every_code_of_the_dsl_has_a_name_in_every_language():
    kinds = {"service_model": ast.PATHWAY_SERVICE_MODELS, "service_menu": ast.PATHWAY_SERVICE_MENU,
             "channels": ast.PATHWAY_CHANNELS, "respondent": ast.RESPONDENTS}
    for kind, codes in kinds.items():
        assert set(i18n.CODES[kind]) == set(codes), kind
    for kind, names in i18n.CODES.items():
        for code, by_lang in names.items():
            assert set(by_lang) == set(ast.LANGUAGES), (kind, code)


def test_keski_suomi_service_models_have_their_own_names():
    names = {lang: [i18n.code_label("service_model", c, lang) for c in ast.PATHWAY_SERVICE_MODELS]
             for lang in ast.LANGUAGES}
    assert names == {
        "fi": ["arvopaja", "arvoketju", "arvoverkko"],
        "sv": ["värdeverkstad", "värdekedja", "värdenätverk"],
        "en": ["value shop", "value chain", "value network"],
    }


def test_an_unknown_language_is_a_coded_error():
    with pytest.raises(segrules.errors.UsageError) as e:
        i18n.text("de", "segment")
    assert e.value.code == "SR500"
    d = segrules.load(KS).decide(KS_ANSWERS)
    with pytest.raises(segrules.errors.UsageError):
        d.explain("de")


def test_every_command_takes_lang():
    from segrules.cli import COMMANDS, build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.choices and "decide" in a.choices)
    for name, _ in COMMANDS:
        options = {o for a in sub.choices[name]._actions for o in a.option_strings}
        assert "--lang" in options, name
    import inspect

    assert inspect.signature(segrules.Decision.explain).parameters["lang"].default is None  # resolve_lang decides
    assert build_parser().parse_args(["describe", "--lang", "sv", "x.yaml"]).lang == "sv"
    assert build_parser().parse_args(["--lang", "sv", "describe", "x.yaml"]).lang == "sv"
    assert build_parser().parse_args(["describe", "x.yaml"]).lang is None  # resolved when the command runs


@pytest.mark.parametrize("environ, lang", [
    ({}, "en"),
    ({"LANG": "fi_FI.UTF-8"}, "fi"),
    ({"LANG": "sv_FI.UTF-8"}, "sv"),
    ({"LANG": "sv_SE"}, "sv"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_MESSAGES": "sv_FI.UTF-8", "LANG": "fi_FI.UTF-8"}, "sv"),  # LC_MESSAGES before LANG
    ({"LC_ALL": "fi_FI.UTF-8", "LC_MESSAGES": "sv_FI.UTF-8"}, "fi"),  # LC_ALL before both
    ({"LC_ALL": "C", "LANG": "fi_FI.UTF-8"}, "en"),  # LC_ALL=C means no translation
    ({"SEGRULES_LANG": "sv", "LC_ALL": "fi_FI.UTF-8"}, "sv"),  # SEGRULES_LANG before the locale
    ({"SEGRULES_LANG": "FI"}, "fi"),
])
def test_the_language_comes_from_segrules_lang_then_the_locale(environ, lang):
    assert i18n.resolve_lang(None, environ) == lang
    assert i18n.resolve_lang("en", {**environ, "SEGRULES_LANG": "fi"}) == "en"  # given beats everything


def test_an_unknown_segrules_lang_is_a_coded_error():
    with pytest.raises(segrules.errors.UsageError) as e:
        i18n.resolve_lang(None, {"SEGRULES_LANG": "de"})
    assert e.value.code == "SR500" and "SEGRULES_LANG" in str(e.value)
    proc = run_env({"SEGRULES_LANG": "de"}, "check", KS)
    assert proc.returncode == 1 and "SR500" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("header, lang", [
    ("fi-FI,fi;q=0.9,en;q=0.8", "fi"),
    ("sv-FI", "sv"),
    ("de, sv;q=0.5, *;q=0.1", "sv"),
    ("en;q=0.2, sv;q=0.9", "sv"),
    ("fi;q=0, en", "en"),  # q=0 refuses a language
    ("fi;q=0.5, sv;q=0.5", "fi"),  # a tie goes to the first
    ("de", None), ("*", None), ("", None), (None, None), ("fi;q=abc, sv;q=0.1", "sv"),
])
def test_accept_language_with_q_values(header, lang):
    assert i18n.accept_language(header) == lang


@pytest.mark.parametrize("value, fi, en", [
    (Fraction(29, 7), "4,14", "4.14"), (3, "3", "3"), (Fraction(7, 2), "3,5", "3.5"), (Fraction(-29, 7), "-4,14", "-4.14"),
    (Fraction(9999, 1000), "10", "10"), (Fraction(1, 200), "0,01", "0.01"), (Fraction(-1, 1000), "0", "0"),
])
def test_decimals_with_the_languages_separator(value, fi, en):
    assert (i18n.decimal(value, "fi"), i18n.decimal(value, "sv"), i18n.decimal(value, "en")) == (fi, fi, en)


def test_a_number_past_pythons_digit_limit_is_shown_by_its_order_of_magnitude():
    # str() of an int refuses more than 4,300 digits: the reader sees the order of magnitude,
    # as format_number shows it, and the exact digits stay in the record
    assert i18n.decimal(7 * 10**5000, "fi") == format_number(7 * 10**5000) == "10^5001"
    assert i18n.decimal(-7 * 10**5000, "en") == "-10^5001"
    assert i18n.decimal(Fraction(10**5000 + 1, 3), "sv") == "10^4999"


def test_the_locale_sets_the_language_of_a_command():
    answers = json.dumps(KS_ANSWERS)
    fi = run_env({"LANG": "fi_FI.UTF-8"}, "decide", KS, "--answers", "-", stdin=answers)
    assert fi.returncode == 0 and "Segmentti:" in fi.stdout and "koska" in fi.stdout
    sv = run_env({"SEGRULES_LANG": "sv", "LANG": "fi_FI.UTF-8"}, "decide", KS, "--answers", "-", stdin=answers)
    assert "Segment:" in sv.stdout and "eftersom" in sv.stdout
    en = run_env({"LANG": "fi_FI.UTF-8"}, "--lang", "en", "decide", KS, "--answers", "-", stdin=answers)
    assert "because" in en.stdout
    en = run_env({"LANG": "fi_FI.UTF-8"}, "decide", KS, "--answers", "-", "--lang", "en", stdin=answers)
    assert "because" in en.stdout


def run_env(environ: dict, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """``segrules ARGS`` with only ``environ`` deciding the language (none of the caller's)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SEGRULES_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "segrules", *args], cwd=ROOT, input=stdin, capture_output=True, text=True,
        encoding="utf-8", timeout=300, env=env,
    )


# --------------------------------------------------------------------------- Finnish output


def test_decide_in_finnish_has_no_english_left():
    proc = run("decide", KS, "--answers", "-", "--lang", "fi", "--override", "verkosto", "--reason", "sovittu",
               stdin=json.dumps(KS_ANSWERS))
    assert proc.returncode == 0, proc.stderr
    rs = segrules.load(KS).definition
    assert english_left(without_rule_texts(proc.stdout, rs)) == []
    for phrase in ("arvoverkko", "verkostopalaveri, vastaanotto, puhelinpalvelu", "6 kuukauden kuluttua",
                   "voimavarat: vähäiset, tilanteen haasteellisuus: suuri", "Perustelu:", "koska Asiakkaan voimavarat = 3,8"):
        assert phrase in proc.stdout


def test_explain_in_every_language():
    d = segrules.load(KS).decide(KS_ANSWERS).override("verkosto", "sovittu")
    rs = segrules.load(KS).definition
    assert english_left(without_rule_texts(d.explain("fi"), rs)) == []
    assert "eftersom Klientens resurser = 3,8" in d.explain("sv")
    assert "because Client's resources = 3.8" in d.explain("en")  # a decimal, not 19/5


def test_describe_in_finnish_has_no_english_left():
    proc = run("describe", KS, "--lang", "fi")
    assert proc.returncode == 0, proc.stderr
    rs = segrules.load(KS).definition
    left = english_left(without_rule_texts(proc.stdout, rs))
    assert left == []
    assert "arvopaja" in proc.stdout and "Asiakkuuspolut" in proc.stdout


def test_test_in_finnish_has_no_english_left_and_a_grand_total():
    files = ["rulesets/helsinki/suunte.yaml", KS]
    proc = run("test", *files, "--lang", "fi")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert sum(line.startswith("OK ") for line in lines) > 2
    # an example's name is the ruleset's own text: the rest is segrules'
    body = "\n".join(line for line in lines if not line.startswith("OK "))
    assert english_left(body.replace(KS, "").replace(files[0], "")) == []
    per_file = [int(m) for m in re.findall(r"^\S+\.yaml: (\d+) onnistui", proc.stdout, flags=re.M)]
    assert len(per_file) == 2
    assert proc.stdout.splitlines()[-1] == f"yhteensä 2 tiedostoa: {sum(per_file)} onnistui, 0 epäonnistui"


def test_test_gives_a_grand_total_in_json():
    proc = run("test", "rulesets/helsinki/suunte.yaml", KS, "--json")
    doc = json.loads(proc.stdout)
    assert doc["passed"] == sum(f["passed"] for f in doc["files"]) > 0 and doc["failed"] == 0


def test_crosswalk_in_finnish_has_no_english_left():
    for args in ([], ["--check"], ["--from", "keski_suomi.segmentation", "--segment", "verkosto", "--to", "helsinki.suunte"]):
        proc = run("crosswalk", *args, "--lang", "fi")
        assert proc.returncode == 0, proc.stderr
        text = re.sub(r"\b[a-z_]+\.[a-z_]+\b", "", proc.stdout)  # ruleset ids
        text = re.sub(r"\b(omatoimi|yhteiso|yhteistyo|verkosto|tuki|huolenpito|parjaaja)\b", "", text)
        assert english_left(text.replace("rulesets/crosswalk.yaml", "")) == [], args


def svg_texts(svg: str) -> str:
    root = ET.fromstring(svg)
    return "\n".join("".join(e.itertext()) for e in root.iter() if e.tag.rsplit("}", 1)[-1] in ("text", "title", "desc"))


def test_diagram_in_finnish_has_no_english_left():
    from segrules.diagram import plane_of, quadrant_svg

    rs = segrules.load(KS)
    text = svg_texts(quadrant_svg(rs.definition, plane_of(rs), lang="fi"))
    assert english_left(without_rule_texts(text, rs.definition)) == []
    assert "781 saavutettavaa pistemääräyhdistelmää" in text


def test_finnish_diagram_counts_agree_with_the_number():
    from segrules.diagram import TEXTS

    t = TEXTS["fi"]
    assert i18n.form(t, "points", 1).format(n=1) == "1 saavutettava pistemääräyhdistelmä"
    assert i18n.form(t, "points", 2).format(n=2) == "2 saavutettavaa pistemääräyhdistelmää"
    one = i18n.form(t, "segment_desc", 1).format(label="L", id="l", n=1, x="x", xr="1", y="y", yr="2")
    assert one.startswith("L (l): 1 piste,")
    assert "ei yhtään tai" not in t["gap"]  # "saa ei yhtään" is not Finnish


def test_a_threshold_line_is_drawn_on_the_threshold():
    """The line where the segment changes at resources >= 3 is where the axis says 3."""
    from segrules.diagram import plane_of, quadrant_svg

    rs = segrules.load(KS)
    root = ET.fromstring(quadrant_svg(rs.definition, plane_of(rs), lang="en"))
    ns = "{http://www.w3.org/2000/svg}"
    ticks = {}
    for e in root.iter(ns + "text"):
        if e.get("text-anchor") == "middle" and e.text and re.fullmatch(r"[\d.]+", e.text):
            ticks[e.text] = float(e.get("x"))
    assert "3" in ticks
    group = next(g for g in root.iter(ns + "g") if g.get("stroke-width") == "2.5")
    vertical = {float(line.get("x1")) for line in group.iter(ns + "line") if line.get("x1") == line.get("x2")}
    assert vertical == {ticks["3"]}
