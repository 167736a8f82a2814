"""What the workbench page shows, as data: problems at their lines, the verdict, sizes, the form."""

from __future__ import annotations

from segrules.workbench import analysis
from support import ROOT

SUUNTIMA = (ROOT / "rulesets" / "helsinki" / "suuntima.yaml").read_text("utf-8")
RULE = "omatoimi  when resources >= 3 and complexity < 3"


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_typo_is_reported_at_its_line_and_column_with_its_hint():
    text = SUUNTIMA.replace(RULE, RULE.replace("resources", "resorces"))
    a = analysis.analyse(text, "s.yaml", "fi")
    assert not a["ok"] and a["errors"] == 1 and a["verify"] is None and a["form"] == []
    (d,) = a["diagnostics"]
    assert (d["code"], d["line"], d["hint"]) == ("SR210", line_of(text, RULE.replace("resources", "resorces")),
                                                 "tarkoititko 'resources'?")  # in the page's language
    assert d["message"] == "sääntö 1: tuntematon nimi 'resorces'"


def test_a_gap_fails_verification_with_a_witness_and_shows_in_the_sizes_and_the_picture():
    a = analysis.analyse(SUUNTIMA.replace(RULE, RULE.replace(">=", ">")), "s.yaml", "fi")
    assert a["ok"] and not a["verify"]["proven"]
    completeness = next(c for c in a["verify"]["checks"] if c["name"] == "completeness")
    assert completeness["status"] == "failed" and completeness["findings"][0]["witness"]
    # the verifier's words in the page's language, as `segrules verify --lang fi` says them
    assert completeness["summary"].startswith("osa vastausjoukoista ei saa segmenttiä")
    assert completeness["findings"][0]["message"] == "aukko: mikään sääntö ei täyty"
    assert "vastausjoukkoa; menetelmä: " in a["verify"]["space"] and "structural" not in a["verify"]["space"]
    assert a["sizes"]["none"] > 0 and "url(#wb-gap)" in a["diagram"]
    assert any(not x["passed"] for x in a["examples"])
    proven = analysis.analyse(SUUNTIMA, "s.yaml", "fi")
    assert proven["verify"]["proven"] and proven["sizes"]["none"] == 0 and "url(#wb-gap)" not in proven["diagram"]
    assert proven["verify"]["verdict"].startswith("TODISTETTU")
    assert sum(s["count"] for s in proven["sizes"]["segments"]) == analysis.SIZE_SAMPLE
    ruleset, _ = analysis.load(SUUNTIMA, "s.yaml")
    assert proven["sizes"] == analysis.sizes_json(ruleset, "fi")  # seeded: the same every time


def test_the_form_asks_conditional_questions_as_asked_when_says():
    ruleset, _ = analysis.load(SUUNTIMA, "s.yaml")
    rs = ruleset.definition
    shown, kept = analysis.asked(rs, {"p_ill_conditions": 3})
    assert shown["battery"] and not shown["p_ill_conditions"] and kept == {}  # hidden: its answer is dropped
    shown, kept = analysis.asked(rs, {"battery": "illness", "p_ill_conditions": 3, "p_reh_goals": 2})
    assert shown["p_ill_conditions"] and not shown["p_reh_goals"]
    assert kept == {"battery": "illness", "p_ill_conditions": 3}
    fields = {f["id"]: f for f in analysis.form_json(rs, "sv")}
    assert fields["battery"]["text"] == "Frågebatteri" and fields["p_ill_conditions"]["asked_when"] == 'battery = "illness"'
    assert fields["battery"]["options"][1] == {"value": "illness", "label": "Behandling av sjukdom"}


def test_trying_answers_gives_the_missing_questions_then_the_decision():
    ruleset, _ = analysis.load(SUUNTIMA, "s.yaml")
    doc = analysis.try_answers(ruleset, {"battery": "illness"}, "fi")
    assert doc["decision"] is None and {p["code"] for p in doc["problems"]} == {"SR304"}
    answers = {i.id: 4 for i in ruleset.inputs if i.domain.kind == "scale"} | {"battery": "illness"}
    doc = analysis.try_answers(ruleset, answers, "fi")
    d = doc["decision"]
    assert d["segment"] == "yhteistyo" and d["label"] == "Yhteistyöasiakkuus"
    assert d["explanation"] == ruleset.decide(doc["answers"]).explain("fi")
    assert d["pathway"] and all(len(row) == 2 for row in d["pathway"])
    assert not any(k.startswith("p_reh") for k in doc["answers"])


def test_the_page_words_exist_in_every_language():
    from segrules.workbench.texts import TEXTS

    assert set(TEXTS) == {"fi", "sv", "en"}
    assert set(TEXTS["fi"]) == set(TEXTS["sv"]) == set(TEXTS["en"])


def test_answers_of_the_wrong_kind_are_named_never_a_crash():
    ruleset, _ = analysis.load(SUUNTIMA, "s.yaml")
    answers = {"battery": ["illness"], "c_daily_life": "4", "c_coping": True, "c_self_care": 2.5, "p_ill_conditions": 3}
    doc = analysis.try_answers(ruleset, answers, "fi")
    assert doc["decision"] is None and not doc["asked"]["p_ill_conditions"]
    codes = {p["input"]: p["code"] for p in doc["problems"]}
    assert {codes[k] for k in ("battery", "c_daily_life", "c_coping", "c_self_care")} <= {"SR302", "SR303", "SR306"}
