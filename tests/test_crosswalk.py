"""The crosswalk between regional models: lookups both ways, names, and a checked file."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

import segrules.crosswalk as crosswalk
from segrules.errors import RulesetError, SegrulesError, UsageError
from support import ROOT, where

RULESETS = ROOT / "rulesets"
SHIPPED = RULESETS / "crosswalk.yaml"
TEXT = SHIPPED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cw() -> crosswalk.Crosswalk:
    return crosswalk.load(SHIPPED)


def replace(old: str, new: str, text: str = TEXT, nth: int | None = None) -> str:
    """``text`` with ``old`` replaced: the only occurrence, or the nth (0-based)."""
    if nth is None:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        return text.replace(old, new)
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(old, pos + 1)
    return text[:pos] + new + text[pos + len(old):]


def problems(tmp_path: Path, text: str) -> tuple[Path, list]:
    """The errors of a crosswalk text, written beside nothing: the rulesets come from rulesets/."""
    path = tmp_path / "crosswalk.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        crosswalk.load(path, rulesets_dir=RULESETS)
    return path, list(info.value.errors)


def one(tmp_path: Path, text: str, code: str, needle: str, nth: int = 0) -> None:
    """Exactly one error with ``code``, at the line of the nth ``needle`` of ``text``."""
    path, errs = problems(tmp_path, text)
    found = [d for d in errs if d.code == code]
    assert len(found) == 1, [d.format() for d in errs]
    d = found[0]
    assert d.span is not None and d.span.file == str(path)
    assert d.span.line == where(text, needle, nth)[0], d.format()
    assert d.format().startswith(f"{path}:{d.span.line}:")


# --------------------------------------------------------------------------- the shipped file


def test_the_shipped_crosswalk_is_total_and_one_to_one(cw):
    assert cw.ruleset_ids == (
        "helsinki.suuntima", "helsinki.suunte", "vantaa_kerava.segmentation", "keski_suomi.segmentation",
    )
    assert len(cw.positions) == 4
    for rid in cw.ruleset_ids:
        placed = sorted(p.segment(rid) for p in cw.positions)
        assert placed == sorted(s.id for s in cw.rulesets[rid].segments)
        for p in cw.positions:
            assert cw.rulesets[rid].segment(p.segment(rid)).quadrant == p.quadrant


def test_map_both_ways(cw):
    assert cw.map("helsinki.suuntima", "yhteiso", to="vantaa_kerava.segmentation") == "tuki"
    assert cw.map("vantaa_kerava.segmentation", "tuki", to="helsinki.suuntima") == "yhteiso"
    assert cw.map("vantaa_kerava.segmentation", "huolenpito", to="keski_suomi.segmentation") == "verkosto"
    assert cw.map("keski_suomi.segmentation", "verkosto", to="vantaa_kerava.segmentation") == "huolenpito"
    for p in cw.positions:
        for (a, sa), (b, sb) in itertools.permutations(p.segments, 2):
            assert cw.map(a, sa, to=b) == sb
            assert cw.map(b, sb, to=a) == sa
        for rid, sid in p.segments:
            assert cw.map(rid, sid, to=rid) == sid


def test_segments_by_alias_and_label_in_any_case(cw):
    h, v = "helsinki.suuntima", "vantaa_kerava.segmentation"
    assert cw.map(h, "tuki", to=v) == "tuki"
    assert cw.map(h, "pärjääjä", to=v) == "omatoimi"
    assert cw.map(h, "PÄRJÄÄJÄ", to=v) == "omatoimi"
    assert cw.map(h, "  Huolenpito ", to=v) == "huolenpito"
    assert cw.map(h, "Yhteisöasiakkuus", to=v) == "tuki"  # the Finnish label
    assert cw.map(h, "collaboration client", to=v) == "yhteistyo"  # the English label
    assert cw.map("keski_suomi.segmentation", "yhteisö", to=v) == "tuki"  # an alias with ö
    assert cw.map(v, "Yhteistyö", to=h) == "yhteistyo"
    assert cw.map(h, "yhteisö", to=v) == "tuki"  # folded: yhteisö is the id yhteiso
    # rulesets by alias, too
    assert cw.map("helsinki.omasuuntima", "tuki", to="KESKI_SUOMI.segmentation") == "yhteiso"


def test_unknown_ruleset_is_sr708(cw):
    with pytest.raises(UsageError) as info:
        cw.map("helsinki", "tuki", to="vantaa_kerava.segmentation")
    assert info.value.code == "SR708"
    assert "helsinki.suuntima" in str(info.value)
    with pytest.raises(SegrulesError) as info:
        cw.map("helsinki.suuntima", "tuki", to="vantaa_kerava.identification_guide")
    assert info.value.code == "SR708"


def test_unknown_segment_is_sr709(cw):
    with pytest.raises(UsageError) as info:
        cw.map("vantaa_kerava.segmentation", "verkosto", to="helsinki.suuntima")
    assert info.value.code == "SR709"
    assert "huolenpito" in str(info.value) and "tuki" in str(info.value)
    with pytest.raises(UsageError) as info:
        cw.map("helsinki.suuntima", "", to="helsinki.suunte")
    assert info.value.code == "SR709"


def test_a_name_of_several_segments_is_sr709(tmp_path):
    # a ruleset in which one segment's alias is another segment's label
    src = (RULESETS / "keski_suomi" / "segmentation.yaml").read_text(encoding="utf-8")
    src = replace("aliases: [yhteisö]", "aliases: [yhteisö, Self-care client]", src)
    (tmp_path / "ks.yaml").write_text(src, encoding="utf-8")
    (tmp_path / "cw.yaml").write_text(
        "format: 1\nrulesets: [keski_suomi.segmentation]\npositions:\n"
        + "".join(f"  - quadrant: {{resources: {r}, complexity: {c}}}\n    segments: {{keski_suomi.segmentation: {s}}}\n"
                  for r, c, s in (("high", "low", "omatoimi"), ("low", "low", "yhteiso"),
                                  ("high", "high", "yhteistyo"), ("low", "high", "verkosto"))),
        encoding="utf-8",
    )
    cw = crosswalk.load(tmp_path / "cw.yaml")
    with pytest.raises(UsageError) as info:
        cw.resolve_segment("keski_suomi.segmentation", "self-care client")
    assert info.value.code == "SR709" and "several" in str(info.value)
    assert cw.resolve_segment("keski_suomi.segmentation", "omatoimi") == "omatoimi"


def test_the_rulesets_folder_defaults_to_the_crosswalks_own(tmp_path):
    with pytest.raises(RulesetError) as info:
        crosswalk.load(_write(tmp_path, TEXT))  # no rulesets beside it
    assert {d.code for d in info.value.errors} == {"SR701"}
    assert len(info.value.errors) == 4


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "crosswalk.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- broken files


def test_not_one_to_one_is_sr707_with_file_and_line(tmp_path):
    # yhteiso placed in the low/high position too (instead of verkosto)
    text = replace("helsinki.suuntima: verkosto", "helsinki.suuntima: yhteiso")
    one(tmp_path, text, "SR707", "helsinki.suuntima: yhteiso", nth=1)
    path, errs = problems(tmp_path, text)
    codes = sorted(d.code for d in errs)
    # it is also in the wrong quadrant, and verkosto is left without a position
    assert codes == ["SR705", "SR706", "SR707"]
    sr706 = next(d for d in errs if d.code == "SR706")
    assert "'verkosto'" in sr706.message
    assert sr706.span.line == where(text, "  - helsinki.suuntima")[0]


def test_not_total_is_sr706(tmp_path):
    text = replace("      keski_suomi.segmentation: verkosto\n", "")
    path, errs = problems(tmp_path, text)
    assert sorted(d.code for d in errs) == ["SR706", "SR706"]
    lines = sorted(d.span.line for d in errs)
    assert lines == sorted([where(text, "  - keski_suomi.segmentation")[0],
                            where(text, "segments:", nth=3)[0] + 1])
    assert all(d.span.file == str(path) for d in errs)


def test_a_missing_position_is_sr706(tmp_path):
    start = TEXT.index("  - quadrant: {resources: low, complexity: high}")
    text = TEXT[:start].rstrip() + "\n"
    path, errs = problems(tmp_path, text)
    assert [d.code for d in errs] == ["SR706"] * 4
    assert all("appears in no position" in d.message for d in errs)


def test_wrong_quadrant_is_sr705(tmp_path):
    text = replace("vantaa_kerava.segmentation: tuki", "vantaa_kerava.segmentation: huolenpito")
    text = replace("vantaa_kerava.segmentation: huolenpito", "vantaa_kerava.segmentation: tuki", text, nth=1)
    path, errs = problems(tmp_path, text)
    assert [d.code for d in errs] == ["SR705", "SR705"]
    assert [d.span.line for d in errs] == [where(text, "vantaa_kerava.segmentation: huolenpito")[0],
                                           where(text, "vantaa_kerava.segmentation: tuki")[0]]
    assert "huolenpito" in errs[0].message and "resources low, complexity high" in errs[0].message


def test_unknown_segment_in_the_file_is_sr704_with_a_hint(tmp_path):
    text = replace("helsinki.suuntima: omatoimi", "helsinki.suuntima: pärjääjä")
    one(tmp_path, text, "SR704", "helsinki.suuntima: pärjääjä")
    _, errs = problems(tmp_path, text)
    d = next(d for d in errs if d.code == "SR704")
    assert "omatoimi" in d.hint
    text = replace("      keski_suomi.segmentation: omatoimi\n", "      keski_suomi.segmentation: omatoimi\n      tampere.model: x\n")
    one(tmp_path, text, "SR704", "tampere.model")


def test_unknown_ruleset_id_is_sr701(tmp_path):
    text = replace("  - helsinki.suunte\n", "  - helsinki.sunte\n")
    one(tmp_path, text, "SR701", "  - helsinki.sunte")


def test_a_ruleset_without_axes_is_sr702(tmp_path):
    text = replace("  - keski_suomi.segmentation\n", "  - keski_suomi.segmentation\n  - vantaa_kerava.identification_guide\n")
    one(tmp_path, text, "SR702", "  - vantaa_kerava.identification_guide")


def test_quadrant_problems_are_sr703(tmp_path):
    text = replace("{resources: high, complexity: low}", "{resources: high, complexity: medium}")
    one(tmp_path, text, "SR703", "medium")
    text = replace("{resources: low, complexity: high}", "{resources: high, complexity: low}")
    one(tmp_path, text, "SR703", "{resources: high, complexity: low}", nth=1)


def test_shape_problems_are_sr700(tmp_path):
    one(tmp_path, replace("format: 1", "format: 2"), "SR700", "format: 2")
    one(tmp_path, replace("    segments:\n      helsinki.suuntima: omatoimi",
                          "    segmnts:\n      helsinki.suuntima: omatoimi"), "SR700", "segmnts")
    one(tmp_path, replace("  - helsinki.suunte\n", "  - helsinki.suunte\n  - helsinki.suunte\n"),
        "SR700", "  - helsinki.suunte", nth=1)


def test_every_problem_is_reported_at_once(tmp_path):
    text = replace("format: 1", "format: 2")
    text = replace("  - helsinki.suunte\n", "  - helsinki.sunte\n", text)
    _, errs = problems(tmp_path, text)
    assert {"SR700", "SR701"} <= {d.code for d in errs}


def test_check_returns_diagnostics_without_raising(tmp_path):
    cw, diagnostics = crosswalk.check(SHIPPED)
    assert cw is not None and not [d for d in diagnostics if d.is_error]
    cw, diagnostics = crosswalk.check(_write(tmp_path, replace("format: 1", "format: 2")), RULESETS)
    assert cw is None and [d.code for d in diagnostics if d.is_error] == ["SR700"]
    cw, diagnostics = crosswalk.check(tmp_path / "missing.yaml")
    assert cw is None and diagnostics[0].code == "SR001"


# --------------------------------------------------------------------------- the command


def run(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "segrules", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    return proc


def test_cli_lookup():
    proc = run("crosswalk", "--from", "helsinki.suuntima", "--segment", "yhteisö", "--to", "vantaa_kerava.segmentation")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].startswith("helsinki.suuntima yhteiso (Community client) -> vantaa_kerava.segmentation tuki")
    proc = run("crosswalk", "rulesets/crosswalk.yaml", "--from", "vantaa_kerava.segmentation", "--segment", "huolenpito",
               "--to", "helsinki.suuntima", "--json")
    out = json.loads(proc.stdout)
    assert out["schema"] == "segrules.crosswalk/1"
    assert out["from"]["segment"] == "huolenpito" and out["to"]["segment"] == "verkosto"
    assert out["quadrant"] == {"resources": "low", "complexity": "high"}


def test_cli_uses_the_shipped_crosswalk_outside_a_checkout(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "segrules", "crosswalk", "--from", "helsinki.suuntima", "--segment", "tuki",
         "--to", "vantaa_kerava.segmentation"],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "-> vantaa_kerava.segmentation tuki" in proc.stdout


def test_cli_unknown_names_exit_1():
    proc = run("crosswalk", "--from", "helsinki.suuntima", "--segment", "nobody", "--to", "helsinki.suunte")
    assert proc.returncode == 1 and "SR709" in proc.stderr
    proc = run("crosswalk", "--from", "x", "--segment", "tuki", "--to", "helsinki.suunte", "--json")
    assert proc.returncode == 1 and json.loads(proc.stdout)["error"]["code"] == "SR708"


def test_cli_check(tmp_path):
    proc = run("crosswalk", "--check")
    assert proc.returncode == 0 and "ok" in proc.stdout
    bad = _write(tmp_path, replace("helsinki.suuntima: verkosto", "helsinki.suuntima: yhteiso"))
    proc = run("crosswalk", bad, "--check", "--rulesets-dir", "rulesets")
    assert proc.returncode == 1
    line = where(bad.read_text(encoding="utf-8"), "helsinki.suuntima: yhteiso", 1)[0]
    assert f"{bad}:{line}:" in proc.stdout and "SR707" in proc.stdout
    out = json.loads(run("crosswalk", bad, "--check", "--rulesets-dir", "rulesets", "--json").stdout)
    assert out["ok"] is False and "SR707" in {d["code"] for d in out["diagnostics"]}


def test_cli_table_and_usage():
    proc = run("crosswalk")
    assert proc.returncode == 0
    assert "tuki" in proc.stdout and "huolenpito" in proc.stdout
    assert run("crosswalk", "--from", "helsinki.suuntima").returncode == 2
    assert run("crosswalk", "--check", "--from", "a", "--segment", "b", "--to", "c").returncode == 2


def test_the_api_is_reachable_from_the_package():
    code = ("import segrules; cw = segrules.crosswalk.load('rulesets/crosswalk.yaml'); "
            "print(cw.map('helsinki.suuntima', 'yhteiso', to='vantaa_kerava.segmentation'))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "tuki"
