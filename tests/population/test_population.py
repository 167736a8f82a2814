"""The population report from a batch result: counts, shares, suppression, pages."""

from __future__ import annotations

import json
import re
from fractions import Fraction

import pytest

import duckdb

import segrules
from segrules.population import ALL, NONE, REJECTED, TOTAL, build_report, read_reference, transitions
from segrules.population.counts import count_batch, region, thresholds
from segrules.population.render import html_report, percent, text_report
from support import ROOT, load_cached, mini, synthetic_batch

SUUNTIMA = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"


@pytest.fixture(scope="module")
def suuntima():
    return segrules.load(SUUNTIMA)


def test_counts_and_shares_are_the_python_engines(suuntima):
    con, rows = synthetic_batch(suuntima, 400)
    report = build_report(suuntima.definition, **count_batch(con, "result", suuntima.definition, ["battery", "unit"]))
    segmented = [r for r in rows if r[1] is not None]
    # one rejected record: hidden, and so is one of the records and the segmented records
    assert report.rejected == {"SR302": None, "SR304": None} and report.rejected_total is None
    assert report.records is None or report.overall.count(ALL, TOTAL) is None
    overall = report.overall
    assert overall.counts[(ALL, TOTAL)] == len(segmented)
    for seg in report.segments:
        n = sum(1 for r in segmented if r[1] == seg)
        assert overall.counts[(ALL, seg)] == n
        if overall.count(ALL, seg) is not None and overall.count(ALL, TOTAL) is not None:
            assert overall.share(ALL, seg) == Fraction(n, len(segmented))
    unit = report.table("unit")
    for u in ("u1", "u2", "u3"):
        assert unit.counts[(u, TOTAL)] == sum(1 for r in segmented if r[8] == u)
    shown = [(k, n) for k, n in unit.counts.items() if unit.count(*k) is not None]
    assert shown and all(n == 0 or n >= 5 for _, n in shown)
    # the quadrant splits the plane at the rules' thresholds: 3 on both axes
    assert set(report.quadrant.columns) == {"<3", ">=3"}
    assert sum(report.quadrant.counts[(r, c)] for r in report.quadrant.rows for c in report.quadrant.columns) == len(segmented)


def test_count_batch_counts_a_column_given_twice_once_and_refuses_a_result_column(suuntima):
    """The library as the command: --by unit --by unit and --by segment failed inside the counting."""
    con, _ = synthetic_batch(suuntima, 30)
    once = count_batch(con, "result", suuntima.definition, ["unit"])
    assert count_batch(con, "result", suuntima.definition, ["unit", "unit"]) == once
    for column in ("segment", "quadrant"):
        with pytest.raises(segrules.UsageError) as info:
            count_batch(con, "result", suuntima.definition, [column])
        assert info.value.code == "SR854"


def test_small_groups_are_hidden_in_every_output(suuntima):
    con, _ = synthetic_batch(suuntima, 60, units=("big", "big", "big", "tiny"))
    con.execute("UPDATE result SET unit = 'solo' WHERE record_key = 0")
    report = build_report(suuntima.definition, **count_batch(con, "result", suuntima.definition, ["unit"]))
    solo = report.table("unit")
    assert solo.count("solo", TOTAL) is None
    seg0 = [c for c in report.segments if solo.counts[("solo", c)] == 1][0]
    assert solo.count("solo", seg0) is None
    data = json.dumps(report.to_json())
    html = html_report(report, suuntima.definition, "fi")
    for row in report.csv_rows():
        if row[0] == "unit" and row[1] == "solo" and solo.counts[("solo", TOTAL if row[7] == "total" else row[2])]:
            assert row[3] == "" and row[5], row
    assert '"row": "solo", "column": {"mark": "total"}, "count": null' in data
    assert "alle 5 tai peitetty" in html


def test_a_reference_distribution_is_compared(suuntima):
    con, _ = synthetic_batch(suuntima, 200)
    ref = read_reference(suuntima.definition, {"omatoimi": 39, "yhteisö": 10, "yhteistyo": 30, "verkosto": 21})
    assert ref["yhteiso"] == Fraction(1, 10)
    report = build_report(suuntima.definition, reference=ref, **count_batch(con, "result", suuntima.definition))
    rows = report.to_json()["reference"]
    assert {r["segment"]: r["expected"] for r in rows}["omatoimi"] == "39/100"
    for lang, word in (("fi", "Odotettu"), ("sv", "Förväntad"), ("en", "Expected")):
        assert word in html_report(report, suuntima.definition, lang)


@pytest.mark.parametrize("shares, message", [
    ({"omatoimi": 50, "yhteiso": 10}, "add up to 60 %"),
    ({"nobody": 100}, "'nobody' is not a segment"),
    ({"omatoimi": "lots", "yhteiso": 100}, "is not a percent"),
])
def test_SR852_a_reference_that_is_not_a_distribution(suuntima, shares, message):
    with pytest.raises(segrules.UsageError) as info:
        read_reference(suuntima.definition, shares)
    assert info.value.code == "SR852"
    assert message in str(info.value)


def test_transitions_count_who_moves_where(tiny_ruleset):
    pairs = [("a", "a")] * 30 + [("a", "b")] * 6 + [("b", "b")] * 40 + [("b", "a")] * 2
    report = build_report(
        tiny_ruleset, records=78, by_segment={"a": 36, "b": 42},
        transitions_counts=transitions(pairs), transitions_names=("old", "new"),
    )
    t = report.transitions.table
    assert t.counts[("a", "b")] == 6
    assert t.count("b", "a") is None  # 2 records: hidden, and so are its complements
    assert report.transitions.moved is None
    pairs = [("a", "a")] * 30 + [("a", "b")] * 6 + [("b", "b")] * 40 + [("b", "a")] * 7
    report = build_report(
        tiny_ruleset, records=83, by_segment={"a": 37, "b": 46},
        transitions_counts=transitions(pairs), transitions_names=("old", "new"),
    )
    assert report.transitions.moved == 13
    assert report.to_json()["transitions"]["moved"] == 13


def test_SR851_a_result_of_another_ruleset(tiny_ruleset):
    with pytest.raises(segrules.UsageError) as info:
        build_report(tiny_ruleset, records=10, by_segment={"omatoimi": 10})
    assert info.value.code == "SR851"


def test_SR850_min_cell_below_one(tiny_ruleset):
    with pytest.raises(segrules.UsageError) as info:
        build_report(tiny_ruleset, records=10, by_segment={"a": 10}, min_cell=0)
    assert info.value.code == "SR850"


@pytest.mark.parametrize("name", ["all", "quadrant", "transitions", "records", "rejected", "moved"])
def test_SR854_a_grouping_column_named_as_a_table_of_the_report(tiny_ruleset, name):
    with pytest.raises(segrules.UsageError) as info:
        build_report(tiny_ruleset, records=10, by_segment={"a": 10}, by_group={name: {("u1", "a"): 10}})
    assert info.value.code == "SR854"


def test_SR854_a_batch_result_without_the_columns(tmp_path, tiny_ruleset):
    path = tmp_path / "result.csv"
    path.write_text("record_key,seg\n1,a\n", encoding="utf-8")
    con = duckdb.connect()
    with pytest.raises(segrules.UsageError) as info:
        count_batch(con, f"read_csv('{path}')", tiny_ruleset)
    assert info.value.code == "SR854"
    assert "'segment'" in str(info.value)


def test_regions_are_named_by_the_thresholds(suuntima):
    cuts = thresholds(suuntima.definition, "resources")
    assert cuts == [3]
    assert region(Fraction(29, 10), cuts) == "<3"
    assert region(Fraction(3), cuts) == ">=3"
    assert region(Fraction(7, 2), [Fraction(3), Fraction(4)]) == "3..<4"


def test_percent_rounds_half_up_for_display():
    assert percent(Fraction(1, 3)) == "33.3 %"
    assert percent(Fraction(1, 8)) == "12.5 %"
    assert percent(Fraction(2, 3)) == "66.7 %"
    assert percent(None) == "–"


def test_shares_have_the_readers_decimal_separator(suuntima):
    """Finnish and Swedish write 12,5 %, as segrules' other fi and sv outputs do."""
    assert percent(Fraction(1, 8), "fi") == "12,5 %" == percent(Fraction(1, 8), "sv")
    con, _ = synthetic_batch(suuntima, 200)
    ref = read_reference(suuntima.definition, {"omatoimi": 39, "yhteisö": 10, "yhteistyo": 30, "verkosto": 21})
    report = build_report(suuntima.definition, reference=ref, **count_batch(con, "result", suuntima.definition, ["unit"]))
    share = re.compile(r"[0-9]+[.,][0-9] %")
    for lang in ("fi", "sv", "en"):
        for text in (text_report(report, suuntima.definition, lang), html_report(report, suuntima.definition, lang)):
            shares = share.findall(text)
            assert shares and all(("." if lang == "en" else ",") in s for s in shares), (lang, shares[:3])


def test_a_segment_called_rejected_is_not_the_rejected_records():
    """The rejected records of the transition table are a mark, never a segment id: a model
    may well have a segment called ``rejected``, and its records are then counted apart from
    the records a version rejects, once each."""
    rs = load_cached(mini({"x": "integer 0..9"}, {"s": "x"}, ["a when s < 5", "rejected when s >= 5"])).definition
    pairs = [("a", "a")] * 10 + [("rejected", "rejected")] * 20 + [(None, None)] * 6 + [("a", "rejected")] * 7
    report = build_report(rs, records=43, by_segment={"a": 17, "rejected": 20}, rejected={"SR302": 6},
                          transitions_counts=transitions(pairs), transitions_names=("old", "new"),
                          transitions_segments=["a", "rejected"])
    doc = report.to_json()["transitions"]
    assert doc["table"]["rows"] == doc["table"]["columns"] == ["a", "rejected", {"mark": "rejected"}]
    cells = {(json.dumps(c["row"]), json.dumps(c["column"])): c["count"] for c in doc["table"]["cells"]}
    total = json.dumps({"mark": "total"})
    assert cells[(total, total)] == 43 and cells[('"rejected"', '"rejected"')] == 20
    assert cells[(json.dumps({"mark": "rejected"}), json.dumps({"mark": "rejected"}))] == 6
    assert doc["moved"] == 7
    assert report.transitions.table.counts[(REJECTED, TOTAL)] == 6


@pytest.mark.parametrize("value", ["__total__", "__none__", "all", "rejected", "(missing)"])
def test_a_group_value_that_looks_like_a_name_of_the_report_is_a_value(suuntima, value):
    """Group values are data: one equal to an internal name (``__total__``, ``__none__``,
    ``all``) is its own row, apart from the total and from a missing value, in every output."""
    counts = {(value, "yhteiso"): 20, (None, "yhteiso"): 10, ("u1", "yhteiso"): 5, ("u1", "omatoimi"): 12}
    report = build_report(suuntima.definition, records=47, by_segment={"yhteiso": 35, "omatoimi": 12},
                          by_group={"unit": counts})
    unit = report.table("unit")
    assert set(unit.rows) == {value, NONE, "u1"}
    assert unit.counts[(value, TOTAL)] == 20 and unit.counts[(NONE, TOTAL)] == 10 and unit.counts[(TOTAL, TOTAL)] == 47
    doc = report.to_json()["tables"][1]
    assert value in doc["rows"] and None in doc["rows"]
    text = text_report(report, suuntima.definition, "en")
    block = text[text.index("Shares by group: unit"):].splitlines()
    assert sum(1 for line in block if line.split()[:1] == ["Total"]) == 1
    assert any(line.split()[:1] == [value.split()[0]] for line in block)
    assert "(missing)" in text
    csv_rows = report.csv_rows()
    assert ["unit", value, "", "20", "1", "false", "", "total"] in csv_rows
    assert ["unit", "", "", "10", "1", "false", "missing", "total"] in csv_rows
    html = html_report(report, suuntima.definition, "en")
    assert f"<td>{value}</td>" in html


def test_yes_no_answers_of_a_by_input_read_in_the_reports_language():
    guide = segrules.load(ROOT / "rulesets" / "vantaa_kerava" / "identification_guide.yaml").definition
    occasional, heavy = (s.id for s in guide.segments)
    for value in ("true", True):  # as SQL gives it, and as Python does
        no = "false" if value == "true" else False
        counts = {(no, occasional): 8, (no, heavy): 6, (value, heavy): 5}
        report = build_report(guide, records=19, by_segment={occasional: 8, heavy: 11}, by_group={"p_crisis": counts})
        for lang, yes, no_word in (("fi", "kyllä", "ei"), ("sv", "ja", "nej"), ("en", "yes", "no")):
            text = text_report(report, guide, lang)
            rows = [line.split()[0] for line in text[text.index("(p_crisis)"):].splitlines()[2:4]]
            assert sorted(rows) == sorted([yes, no_word]), text
            html = html_report(report, guide, lang)
            assert f"<td>{yes}</td>" in html and f"<td>{no_word}</td>" in html


def test_labels_and_data_values_never_drive_the_terminal_or_hide_in_the_page(suuntima):
    """Control characters of a segment label or a group value are written visibly, as
    ``\\x1b``, in the text report (its columns still aligned) and in the HTML page."""
    evil = "evil\x1b]0;pwn\x07\x1b[2J"
    rs = segrules.load_text(SUUNTIMA.read_text(encoding="utf-8").replace(
        "en: Self-care client", 'en: "Self\\e[2Jcare"', 1), "esc.yaml").definition
    report = build_report(rs, records=60, by_segment={"omatoimi": 15, "yhteiso": 15, "yhteistyo": 15, "verkosto": 15},
                          by_group={"unit": {(evil, s): 15 for s in ("omatoimi", "yhteiso", "yhteistyo", "verkosto")}})
    text = text_report(report, rs, "en")
    page = html_report(report, rs, "en")
    for out in (text, page):
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f]", out)
        assert "Self\\x1b[2Jcare" in out and "evil\\x1b]0;pwn\\x07\\x1b[2J" in out
    lines = text.splitlines()
    block = lines[lines.index("Shares by group: unit") + 1:][:3]  # its header, the value, the total
    assert block[1].startswith("  evil") and len({len(line) for line in block}) == 1  # the columns line up


@pytest.mark.parametrize("lang, line", [
    ("fi", "Tietueita: alle 5 tai peitetty; segmentoitu: 60; hylätty: alle 5 tai peitetty"),
    ("sv", "Poster: under 5 eller dold; segmenterade: 60; avvisade: under 5 eller dold"),
    ("en", "Records: under 5 or hidden; segmented: 60; rejected: under 5 or hidden"),
])
def test_a_hidden_count_of_records_reads_as_the_page_writes_it(suuntima, lang, line):
    report = build_report(suuntima.definition, records=62, rejected={"SR302": 2},
                          by_segment={"omatoimi": 15, "yhteiso": 15, "yhteistyo": 15, "verkosto": 15})
    assert report.records is None
    assert line in text_report(report, suuntima.definition, lang).splitlines()
    assert line.split(";")[0] in re.sub(r"<[^>]+>", "", html_report(report, suuntima.definition, lang))
