"""Messages for model owners: said where the problem is, in the owner's terms, with a way out."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from segrules.errors import Diagnostic, Span
from support import BASE, ROOT, at, errors, only_error, variant, where


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "segrules", *args],
        cwd=ROOT, input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )


# --------------------------------------------------------------------------- rulesets


def test_an_unclosed_brace_is_reported_where_it_was_opened_too():
    text = variant("      illness: {fi: t, sv: t, en: t}\n", "      illness: {fi: t, sv: t, en: t\n")
    d = only_error(text, "SR010")
    opened = where(text, "{fi: t, sv: t, en: t\n")
    assert f"the '{{' opened at line {opened[0]}, column {opened[1]} is not closed" in d.message
    assert "close the '{' with '}'" in d.hint


def test_an_unclosed_bracket_is_reported_where_it_was_opened_too():
    text = variant("  client_items: [c_manage, c_support]\n", "  client_items: [c_manage, c_support\n")
    d = only_error(text, "SR010")
    line, column = where(text, "[c_manage")
    assert f"the '[' opened at line {line}, column {column} is not closed" in d.message
    assert at(d)[0] > line  # where parsing gave up is reported as before


def test_a_comma_in_an_unquoted_label_says_to_quote_it():
    text = variant("      illness: {fi: t, sv: t, en: t}\n",
                   "      illness: {fi: Muistan asiat, joista on sovittu., sv: t, en: t}\n")
    d = only_error(text, "SR132")
    assert "unknown language" not in d.message
    assert "'joista on sovittu.'" in d.message and "comma" in d.message and "quotes" in d.message
    assert d.hint == 'put a label that contains a comma in quotes: fi: "Muistan asiat, joista on sovittu."'
    assert at(d) == where(text, "joista")


def test_an_unknown_language_is_still_an_unknown_language():
    text = variant("      illness: {fi: t, sv: t, en: t}\n", "      illness: {fi: t, de: t, en: t}\n")
    assert "unknown language 'de'" in only_error(text, "SR132").message


@pytest.mark.parametrize("char, name", [("\x00", "NUL"), ("\x07", "control")])
def test_a_control_character_is_located_on_its_line(char, name):
    text = variant("version: 1.0.0\n", f"version: 1.0.0\ntitle2: a{char}b\n")
    text = variant("title2", "provenance", text)
    d = only_error(text, "SR010")
    assert at(d) == where(text, char)
    assert name in d.message and f"U+{ord(char):04X}" in d.message
    shown = d.format()
    assert char not in shown  # shown as a visible symbol, the caret under it
    line, caret = shown.splitlines()[1:3]
    assert line[caret.index("^")] == chr(0x2400 + ord(char))


def test_lines_ending_in_a_lone_cr_are_counted_as_yaml_counts_them():
    text = variant("  client_items: [c_manage, c_support]\n", "  client_items: [c_manage, c_suport]\n")
    cr = text.replace("\n", "\r")
    d_lf = errors(text)[0]
    d_cr = errors(cr)[0]
    assert at(d_cr) == at(d_lf) and at(d_cr)[0] == where(text, "c_suport")[0]
    assert d_cr.format().splitlines()[1:] == d_lf.format().splitlines()[1:]


def test_a_nul_after_lone_cr_line_ends_is_on_its_own_line():
    text = variant("version: 1.0.0\n", "version: 1.0.0\nprovenance: a\x00b\n").replace("\n", "\r")
    d = only_error(text, "SR010")
    assert at(d) == where(text.replace("\r", "\n"), "\x00")


def test_a_long_source_line_is_shortened_around_the_error():
    long = "x" * 300
    d = Diagnostic("SR010", "m", Span("f.yaml", 1, 251), source_line=long[:250] + "!" + long)
    _, line, caret = d.format().splitlines()[:3]
    line = line.removeprefix("    ")
    caret = caret.removeprefix("    ")
    assert len(line) <= 102 and line.startswith("…") and line.endswith("…")
    assert line[caret.index("^")] == "!"
    short = Diagnostic("SR010", "m", Span("f.yaml", 1, 3), source_line="ab!cd").format().splitlines()
    assert short[1:] == ["    ab!cd", "      ^"]


def test_check_recognises_a_crosswalk_and_checks_it_as_one(tmp_path):
    proc = run("check", "rulesets/crosswalk.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "rulesets/crosswalk.yaml: ok [crosswalk of 4 rulesets]"
    bad = (ROOT / "rulesets" / "crosswalk.yaml").read_text(encoding="utf-8").replace(
        "vantaa_kerava.segmentation: tuki", "vantaa_kerava.segmentation: tukki")
    shutil.copytree(ROOT / "rulesets", tmp_path / "rulesets")
    (tmp_path / "rulesets" / "crosswalk.yaml").write_text(bad, encoding="utf-8")
    proc = run("check", str(tmp_path / "rulesets" / "crosswalk.yaml"), "--json")
    doc = json.loads(proc.stdout)
    assert proc.returncode == 1 and doc["files"][0]["kind"] == "crosswalk"
    assert {d["code"] for d in doc["files"][0]["diagnostics"]} >= {"SR704"}
    assert "SR101" not in {d["code"] for d in doc["files"][0]["diagnostics"]}  # not "missing key 'id'"


# --------------------------------------------------------------------------- answers


def _base_with(old: str, new: str):
    import segrules

    return segrules.load_text(variant(old, new), "t.yaml")


def _problems(rs, answers):
    from segrules.errors import AnswerError

    with pytest.raises(AnswerError) as info:
        rs.validate(answers)
    with pytest.raises(AnswerError) as again:  # the compiled engine says the same
        rs.segment_of(answers)
    assert again.value.problems == info.value.problems
    return [(p.code, p.input, p.message) for p in info.value.problems]


ANSWERS = {"battery": "illness", "c_manage": 4, "p_illness": 2, "visits": 1}


def test_an_invalid_control_answer_does_not_blame_the_ruleset():
    import segrules

    rs = segrules.load_text(BASE, "t.yaml")
    got = _problems(rs, dict(ANSWERS, battery="Risk"))
    assert [(c, i) for c, i, _ in got] == [("SR302", "battery")]  # not SR405 for p_illness and p_risk
    assert all("answered(battery)" not in m for _, _, m in got)
    # the dependents' own problems are still found
    got = _problems(rs, dict(ANSWERS, battery="Risk", p_illness=9))
    assert [(c, i) for c, i, _ in got] == [("SR302", "battery"), ("SR302", "p_illness")]


def test_a_dependent_asked_whatever_the_control_answer_is_required():
    rs = _base_with('asked_when: battery = "illness"', 'asked_when: battery = "illness" or battery = "risk"')
    got = _problems(rs, {"battery": 7, "c_manage": 4, "visits": 1})
    assert [(c, i) for c, i, _ in got] == [("SR303", "battery"), ("SR304", "p_illness")]
    assert "whatever the answer to battery is" in got[1][2]


def test_a_dependent_asked_in_no_branch_is_answered_in_vain():
    import segrules

    text = variant('asked_when: battery = "illness"', 'asked_when: battery = "illness" and visits > 40')
    rs = segrules.load_text(variant("p_illness: 1, visits: 2", "p_illness: 1, visits: 45", text), "t.yaml")
    got = _problems(rs, {"battery": 7, "c_manage": 4, "visits": 1, "p_illness": 2})
    assert ("SR305", "p_illness") in [(c, i) for c, i, _ in got]


def test_answer_messages_write_values_as_json_does():
    import segrules

    rs = segrules.load_text(BASE, "t.yaml")
    got = _problems(rs, dict(ANSWERS, battery=True, lives_alone=None))
    assert got[0][2].startswith("true is a yes/no value")
    assert "True" not in got[0][2]


def test_a_whole_number_of_another_type_is_not_called_a_whole_number():
    import segrules

    class Count(int):
        def __repr__(self) -> str:
            return str(int(self))

    rs = segrules.load_text(BASE, "t.yaml")
    got = _problems(rs, dict(ANSWERS, c_manage=Count(3)))
    message = got[0][2]
    assert "3 is a whole number" not in message
    assert "Count" in message and "int()" in message


@pytest.mark.parametrize("make, input_id, words", [
    (lambda: type("Label", (str,), {})("illness"), "battery", ("Label", "str()")),
    (lambda: __import__("numpy").bool_(True), "lives_alone", ("numpy.bool", "bool()")),
])
def test_a_text_or_yes_no_of_another_type_is_named_by_its_type_in_every_language(make, input_id, words):
    import segrules
    from segrules.errors import AnswerError
    from segrules.messages import translate

    rs = segrules.load_text(BASE, "t.yaml")
    got = _problems(rs, dict(ANSWERS, **{input_id: make()}))
    [(code, where, message)] = [p for p in got if p[1] == input_id]
    assert code == "SR303" and "is a text" not in message and "a value of type bool," not in message
    for lang in ("en", "fi", "sv"):
        said = translate("SR303", f"{input_id}: {message}", lang)
        assert all(w in said for w in words), (lang, said)
    assert "tavallinen" in translate("SR303", message, "fi") and "vanlig" in translate("SR303", message, "sv")
    with pytest.raises(AnswerError):
        rs.decide(dict(ANSWERS, **{input_id: make()}))


def test_a_duplicate_key_in_answers_is_located_by_line(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{\n  "battery": "illness",\n  "c_manage": 4,\n  "battery": "risk"\n}\n', encoding="utf-8")
    proc = run("decide", "rulesets/helsinki/suunte.yaml", "--answers", str(path))
    assert proc.returncode == 1
    assert f"{path}:4:3: SR511" in proc.stderr and '"battery" is given twice' in proc.stderr
    doc = json.loads(run("decide", "rulesets/helsinki/suunte.yaml", "--answers", str(path), "--json").stdout)
    assert doc["diagnostics"][0]["line"] == 4


def test_a_bom_is_accepted_in_answers(tmp_path):
    import segrules

    rs = segrules.load("rulesets/helsinki/suunte.yaml")
    example = next(r for r in rs.run_examples() if r.passed).example
    path = tmp_path / "a.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(example.answer_dict).encode("utf-8"))
    proc = run("decide", "rulesets/helsinki/suunte.yaml", "--answers", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["decision"]["segment"]["id"] == example.expect


def test_the_answers_hint_uses_the_rulesets_own_inputs(tmp_path):
    proc = run("decide", "rulesets/keski_suomi/segmentation.yaml", "--answers", "-", stdin="{situation_type: 1}")
    assert proc.returncode == 1 and "SR511" in proc.stderr
    assert '"situation_type": "temporary"' in proc.stderr and "c_manage" not in proc.stderr


def test_rule_hints_use_the_rulesets_own_names(tmp_path):
    text = (ROOT / "rulesets/keski_suomi/segmentation.yaml").read_text(encoding="utf-8").replace(
        "omatoimi  when resources >= 3 and complexity < 3.5", 'omatoimi  when resources >= 3 and situation_type == "x"')
    path = tmp_path / "ks.yaml"
    path.write_text(text, encoding="utf-8")
    proc = run("check", str(path))
    assert "SR200" in proc.stdout and "battery" not in proc.stdout
    assert 'hint: write e.g. situation_type = "temporary"' in proc.stdout


def test_a_condition_hint_names_the_rulesets_own_score():
    text = variant("  complexity:\n    label", "  load:\n    label")
    text = variant("  complexity: complexity\n", "  complexity: load\n", text)
    text = text.replace("and complexity <", "and load <").replace("and complexity >=", "and load >=")
    text = variant("  resources:\n    label", "  voimavarat:\n    label", text)
    text = variant("  resources: resources\n", "  resources: voimavarat\n", text)
    text = text.replace("when resources", "when voimavarat")
    text = variant("omatoimi  when voimavarat >= 3 and load < 3", "omatoimi  when voimavarat + 1", text)
    d = only_error(text, "SR211")
    assert d.hint == "a condition compares values, e.g. voimavarat >= 3"
    text2 = variant("omatoimi  when voimavarat + 1", "omatoimi  when voimavarat >= 3 load < 3", text)
    d = only_error(text2, "SR200")
    assert "resources" not in d.hint and "voimavarat >= 3 and load < 3" in d.hint


# --------------------------------------------------------------------------- fi and sv


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_reason_given_in_a_message_has_its_translation(lang):
    import errno

    from segrules.errors import _JSON_REASONS, LONE_SURROGATE, json_reason
    from segrules.files import os_reason
    from segrules.messages import REASONS, _match

    reasons = [r for _, r in _JSON_REASONS] + [json_reason("?"), LONE_SURROGATE]
    reasons += [os_reason(OSError(n, "?"), reading=reading) for n in errno.errorcode for reading in (False, True)
                if os_reason(OSError(n, "?")) != "?"]
    for reason in reasons:
        assert _match(REASONS, reason, lang, 0), reason


@pytest.mark.parametrize("code, message, fi", [
    ("SR510", "cannot read the answers from a.json: there is no such file",
     "vastauksia ei voi lukea tiedostosta a.json: tiedostoa ei ole"),
    ("SR511", "the answers are not valid JSON: NaN is not a JSON number",
     "vastaukset eivät ole kelvollista JSONia: NaN ei ole JSON-luku"),
    ("SR511", "the answers are not valid JSON: a value was expected", "vastaukset eivät ole kelvollista JSONia: odotettiin arvoa"),
    ("SR302", "c_manage: a whole number of about 100001 digits is not allowed; expected one of 1, 2 (scale s)",
     "c_manage: noin 100001 numeron kokonaisluku ei ole sallittu; odotettiin: jokin arvoista 1, 2 (asteikko s)"),
    ("SR501", "'x' is not a segment of r; segments: a (b), c", "'x' ei ole säännöstön r segmentti; segmentit: a (b), c"),
    ("SR521", "cannot write the output: the disk is full", "tulostetta ei voi kirjoittaa: levy on täynnä"),
    ("SR521", "cannot write o.svg: its folder /no does not exist", "tiedostoa o.svg ei voi kirjoittaa: sen kansiota /no ei ole"),
    ("SR520", "m.yaml is also an input of this command; writing to it would destroy it (give another output file)",
     "m.yaml on myös tämän komennon syöte; siihen kirjoittaminen tuhoaisi sen (anna toinen tulostiedosto)"),
    ("SR522", "cannot write d: it is a folder; give a file name", "tiedostoa d ei voi kirjoittaa: se on kansio; anna tiedoston nimi"),
    ("SR523", "cannot write l.svg: it is a symbolic link to gone.svg, which does not exist",
     "tiedostoa l.svg ei voi kirjoittaa: se on symbolinen linkki kohteeseen gone.svg, jota ei ole"),
    ("SR553", "not a valid decision record: ruleset.id is missing", "ei kelvollinen päätöstietue: ruleset.id puuttuu"),
    ("SR553", "not a valid decision record: rule.number 10^5000 is more than any ruleset has",
     "ei kelvollinen päätöstietue: rule.number 10^5000 on suurempi kuin missään säännöstössä on"),
    ("SR553", "not a valid decision record: rule.line must be 1 or more, not -5",
     "ei kelvollinen päätöstietue: rule.line on oltava vähintään 1, ei -5"),
    ("SR553", "not a valid decision record (2 problems):\n  answers.visits is nan, which is not a JSON number\n"
     "  scores.kind must be a code, not an exact number",
     "ei kelvollinen päätöstietue (2 ongelmaa):\n  answers.visits on nan, joka ei ole JSON-luku\n"
     "  scores.kind on oltava koodi, ei tarkka luku"),
    ("SR553", "not a valid decision record: answers.x nests lists or objects more than 100 levels deep",
     "ei kelvollinen päätöstietue: answers.x sisältää sisäkkäisiä luetteloita tai objekteja yli 100 tasoa"),
    ("SR553", 'not a valid decision record: scores.resources must be {"exact": ...}, not true or false',
     'ei kelvollinen päätöstietue: scores.resources on oltava {"exact": ...}, ei true tai false'),
    ("SR557", "cannot read the record r.json: permission denied", "päätöstietuetta r.json ei voi lukea: käyttöoikeus puuttuu"),
    ("SR553", "not a valid decision record: scores.resources.exact must be an exact number such as 3, 3.25 or 10/3, not '1/0'",
     "ei kelvollinen päätöstietue: scores.resources.exact on oltava tarkka luku, kuten 3, 3.25 tai 10/3, ei '1/0'"),
    ("SR307", "a.jsonl: the answers are 1049695 bytes; one answer set may be at most 1048576 bytes",
     "a.jsonl: vastaukset ovat 1049695 tavua; yksi vastausjoukko saa olla enintään 1048576 tavua"),
    ("SR307", "<stdin>: the answers are more than 1048576 bytes; one answer set may be at most 1048576 bytes",
     "<stdin>: vastaukset ovat yli 1048576 tavua; yksi vastausjoukko saa olla enintään 1048576 tavua"),
    ("SR307", "<stdin> line 2: the answers are more than 1048576 bytes; one answer set may be at most 1048576 bytes",
     "<stdin> rivi 2: vastaukset ovat yli 1048576 tavua; yksi vastausjoukko saa olla enintään 1048576 tavua"),
    ("SR932", "top4: no item has this linkId in the questionnaire of repro.i",
     "top4: säännöstön repro.i lomakkeessa ei ole kohtaa, jolla on tämä linkId"),
    ("SR932", "c_manag: no item has this linkId in the questionnaire of r; did you mean 'c_manage'?",
     "c_manag: säännöstön r lomakkeessa ei ole kohtaa, jolla on tämä linkId; tarkoititko 'c_manage'?"),
    ("SR932", "n: not an item of http://x/q|1; another respondent answers it",
     "n: ei lomakkeen http://x/q|1 kohta; siihen vastaa toinen vastaaja"),
    ("SR932", "g: this item is not a question and takes no answer", "g: tämä kohta ei ole kysymys, eikä siihen vastata"),
    ("SR932", "(responses): and 15 more items that are not questions of the questionnaire",
     "(vastaukset): ja 15 muuta kohtaa, jotka eivät ole lomakkeen kysymyksiä"),
    ("SR932", "(responses): and 1 more item that are not questions of the questionnaire",
     "(vastaukset): ja 1 muu kohta, joka ei ole lomakkeen kysymys"),
    ("SR933", "m: the item appears more than once in response", "m: kohta on vastauksessa useammin kuin kerran"),
    ("SR933", "m: the item appears more than once in response 2", "m: kohta on vastauksessa 2 useammin kuin kerran"),
    ("SR933", "m: the item appears more than once in bundle entry 3", "m: kohta on Bundlen kohdassa 3 useammin kuin kerran"),
    ("SR933", "m: 2 answers given; the item takes one", "m: annettu 2 vastausta; kohtaan annetaan yksi"),
    ("SR933", "(responses): and 10 more repetitions of an item", "(vastaukset): ja 10 muuta toistettua kohtaa"),
])
def test_messages_of_files_records_and_outputs_keep_their_details_in_finnish(code, message, fi):
    from segrules.messages import translate

    assert translate(code, message, "fi") == fi
    assert translate(code, message, "sv") != translate(code, "", "sv")  # more than the bare title


def _set(record: dict, path: str, value) -> dict:
    """A copy of ``record`` with ``path`` (``a.b``) set to ``value``, or removed where it is ``...``."""
    out = json.loads(json.dumps(record))
    *parents, key = path.split(".")
    place = out
    for name in parents:
        place = place[name]
    if value is ...:
        del place[key]
    else:
        place[key] = value
    return out


def _record_problems() -> list[str]:
    """Every problem text the record reader gives, each made by a record that has it."""
    import datetime as dt

    import segrules
    from segrules.engine.record import RecordError, decision_from_json

    rs = segrules.load_text(BASE, "base.yaml")
    at = dt.datetime(2024, 1, 31, 9, 30, tzinfo=dt.timezone.utc)
    good = json.loads(json.dumps(rs.decide(
        {"battery": "illness", "c_manage": 4, "c_support": 2, "p_illness": 3, "visits": 20}, assessed_at=at).to_json()))
    deep: object = 1
    for _ in range(120):
        deep = [deep]
    records = [[], {"x": 1}] + [_set(good, path, value) for path, value in [
        ("schema", ...), ("schema", "x"), ("ruleset.id", ...), ("ruleset.id", 5), ("rule.number", 0),
        ("rule.number", 10**30), ("rule.line", -1), ("scores.resources", {"exact": "1/0"}),
        ("scores.resources", {"exact": 3.5}), ("scores.resources", None), ("scores.resources", True),
        ("answers", ...), ("answers.visits", float("nan")), ("answers.visits", deep),
        ("assessed_at", "nope"), ("assessed_at", "2024-01-31T09:30:00"), ("overridden", True),
        ("override_reason", "why"), ("ruleset.version", "9"), ("rule.number", 99),
        ("rule.number", 1), ("scores.other", {"exact": "1"}), ("reassess_on", "2030-01-01"),
    ]]
    overridden = _set(_set(good, "segment.id", "verkosto"), "overridden", True)
    records += [overridden, _set(_set(good, "segment.id", "zzz"), "suggested_segment", "zzz")]
    found = []
    for record in records:
        try:
            decision_from_json(record, rs)
        except RecordError as exc:
            found += exc.problems
        else:
            raise AssertionError(f"no problem with {record}")
    return found


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_problem_of_a_decision_record_keeps_its_details_in_finnish_and_swedish(lang):
    from segrules.engine.record import RecordError
    from segrules.messages import RECORD_PROBLEMS, _match, translate

    problems = _record_problems()
    # one of each kind the reader writes (engine/record.py), the replay's checks included
    for start in ("a decision record is", "the object has none", "the schema is missing", "the schema is ", "ruleset.id is missing",
                  "ruleset.id must be", "rule.number must be 1", "rule.number 1000", "rule.line must", "scores.resources.exact",
                  "scores.resources must be {", "answers is missing", "answers.visits is nan", "answers.visits nests",
                  "assessed_at 'nope'", "assessed_at '2024-01-31T09:30:00' has", "overridden is true",
                  "an overridden decision", "override_reason is given", "the record was made by",
                  "segment.id 'zzz'", "rule.number 99:", "rule 1 gives", "the scores are", "reassess_on '2030"):
        assert any(p.startswith(start) for p in problems), start
    for problem in problems:
        said = _match(RECORD_PROBLEMS, problem, lang, 0)
        assert said is not None and said != problem, problem
        message = str(RecordError([problem]))
        assert translate("SR553", message, lang) != translate("SR553", "", lang), message
